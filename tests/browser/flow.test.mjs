// The teaching flow around the chapter's page, tried as a new student would at 1280x800
// (issue 14, item 6): a click on a link selects its weight and scrolls its worked gradient into
// view (typing a new weight is a double click or the Edit button); tooltips stay off the
// numbers a student watches; the shown arithmetic checks out from the shown digits; examples
// are numbered 1 to 4 everywhere; the controls, the diagram, the outputs and the loss curve fit
// in the window without scrolling, with the walkthrough on too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  click, doubleClick, keysReady, nextFrames, press, rect, screenshot, start, state, waitFor, widgetCentre,
} from './harness.mjs';

const inside = (r, box) => r.x >= box.x - 0.5 && r.y >= box.y - 0.5 &&
  r.x + r.w <= box.x + box.w + 0.5 && r.y + r.h <= box.y + box.h + 0.5;
const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const viewport = { x: 0, y: 0, w: 1280, h: 800 };

// The distance from p to the segment a-b.
function segmentDistance(p, a, b) {
  const dx = b.x - a.x, dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y);
}

describe('the teaching flow at 1280x800', () => {
  let h;
  before(async () => { h = await start(); });
  after(async () => { await h?.stop(); });

  test('a click on a link selects it and brings its worked gradient into view; a double click or Edit types a new weight', async () => {
    const { page, errors } = await h.open();
    // W1[2][1] (x3 to h2): its explanation starts below the fold of the Equations tab.
    await click(page, 'link W1[2][1]');
    let s = await state(page);
    assert.deepEqual(s.selected, { layer: 1, row: 2, col: 1 });
    assert.equal(s.weightEdit, null, 'a click opens no box to type in');
    await waitFor(page, async (p) => {
      const col = await rect(p, 'Explain column');
      const terms = await rect(p, 'Gradient terms');
      const comparison = await rect(p, 'Gradient comparison');
      return col && terms && comparison && inside(terms, col) && inside(comparison, col) &&
        inside(comparison, viewport);
    }, { what: 'the worked gradient (its table and the comparison) to be scrolled into view' });
    assert.ok(await rect(page, 'front tab Equations'));
    await screenshot(page, 'flow-link-click.png');

    // 8 px off a thin link still hits it (the nearest link wins): a link whose pick point is
    // at least 14 px from every other link of its layer, clicked 8 px beside its line.
    const centre = async (name) => widgetCentre(page, name);
    let picked = null;
    for (let r = 0; r < 3 && !picked; ++r)
      for (let c = 0; c < 4 && !picked; ++c) {
        const a = await centre(`node a0[${r}]`), b = await centre(`node a1[${c}]`);
        const p = await centre(`link W1[${r}][${c}]`);
        const len = Math.hypot(b.x - a.x, b.y - a.y);
        const off = { x: p.x - 8 * (b.y - a.y) / len, y: p.y + 8 * (b.x - a.x) / len };
        let others = Infinity;
        for (let r2 = 0; r2 < 3; ++r2)
          for (let c2 = 0; c2 < 4; ++c2)
            if (r2 !== r || c2 !== c)
              others = Math.min(others, segmentDistance(off, await centre(`node a0[${r2}]`), await centre(`node a1[${c2}]`)));
        if (others >= 14 && !(r === 2 && c === 1)) picked = { r, c, off };
      }
    assert.ok(picked, 'some link stands 14 px clear of the others 8 px beside it');
    await page.mouse.move(picked.off.x, picked.off.y);
    await nextFrames(page, 2);
    await page.mouse.down();
    await nextFrames(page, 1);
    await page.mouse.up();
    await nextFrames(page, 2);
    assert.deepEqual((await state(page)).selected, { layer: 1, row: picked.r, col: picked.c },
                     `a click 8 px off link W1[${picked.r}][${picked.c}] selects it`);

    // A double click opens the box; Escape closes it, nothing changed.
    const editing = async (p) => (await state(p)).weightEdit !== null;
    await doubleClick(page, 'link W2[1][0]', editing);
    s = await state(page);
    assert.deepEqual(s.weightEdit, { layer: 2, row: 1, col: 0 });
    assert.deepEqual(s.selected, { layer: 2, row: 1, col: 0 });
    await press(page, 'Escape');
    const after = await state(page);
    assert.equal(after.weightEdit, null);
    assert.deepEqual(after.weights, s.weights, 'Escape changed no weight');

    // The Equations tab's Edit button: the same box, for the selected weight.
    await waitFor(page, async (p) => {
      const r = await rect(p, 'Edit selected weight');
      return r && inside(r, viewport);
    }, { what: 'the Edit button in view' });
    await click(page, 'Edit selected weight');
    assert.deepEqual((await state(page)).weightEdit, { layer: 2, row: 1, col: 0 });
    await keysReady(page);
    await press(page, 'Control+A');
    await page.keyboard.type('0.25');
    await press(page, 'Enter');
    s = await state(page);
    assert.equal(s.weights[1][1][0], 0.25);
    assert.equal(s.weightEdit, null);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('tooltips never cover the status line or the walkthrough\'s headline, and go once their button is clicked', async () => {
    const { page, errors } = await h.open();
    const train = await widgetCentre(page, 'Train');
    await page.mouse.move(train.x, train.y);
    const shown = await waitFor(page, async (p) => {
      const s = await state(p);
      const tip = await rect(p, 'Tooltip');
      return /Run gradient descent/.test(s.tooltip) && tip && tip.w > 0 && tip;
    }, { what: 'the Train button\'s tooltip' });
    await nextFrames(page, 2);  // placed with its own size from the first frame it was drawn
    const tip = await rect(page, 'Tooltip');
    const status = await rect(page, 'Status');
    assert.ok(!overlaps(tip, status), `the tooltip ${JSON.stringify(tip)} is off the status line ${JSON.stringify(status)} (first ${JSON.stringify(shown)})`);
    await screenshot(page, 'flow-train-tooltip.png');
    // A click on Train: the tooltip goes while the mouse rests there, and the line is in view.
    await page.mouse.down();
    await nextFrames(page, 1);
    await page.mouse.up();
    await waitFor(page, async (p) => (await state(p)).training, { what: 'training to start' });
    for (let i = 0; i < 5; ++i) {
      await nextFrames(page, 1);
      assert.equal((await state(page)).tooltip, '', 'no tooltip after the click while the mouse rests');
    }
    await screenshot(page, 'flow-after-train-click.png');
    await page.evaluate(() => window.backprop.pause());

    // The walkthrough: Next phase, then its headline is not covered.
    await page.evaluate(() => window.backprop.walkthrough(true));
    await nextFrames(page, 2);
    const next = await widgetCentre(page, 'Next phase');
    await page.mouse.move(next.x, next.y);
    await waitFor(page, async (p) => /Run the next phase/.test((await state(p)).tooltip), { what: 'the Next phase tooltip' });
    await page.mouse.down();
    await nextFrames(page, 1);
    await page.mouse.up();
    await waitFor(page, async (p) => (await state(p)).phase !== null, { what: 'the first phase to run' });
    await nextFrames(page, 2);
    assert.equal((await state(page)).tooltip, '', 'no tooltip after Next phase while the mouse rests');
    // Off the button and back: the tooltip again, off the headline and the status line.
    await page.mouse.move(2, 300);
    await nextFrames(page, 2);
    await page.mouse.move(next.x, next.y);
    await waitFor(page, async (p) => /Run the next phase/.test((await state(p)).tooltip) && (await rect(p, 'Tooltip')), { what: 'the tooltip again' });
    await nextFrames(page, 2);
    const again = await rect(page, 'Tooltip');
    const headline = await rect(page, 'Walkthrough headline');
    assert.ok(headline, 'the headline is drawn');
    assert.ok(!overlaps(again, headline), `tooltip ${JSON.stringify(again)} vs headline ${JSON.stringify(headline)}`);
    assert.ok(!overlaps(again, await rect(page, 'Status')), 'nor the status line');
    await screenshot(page, 'flow-next-phase-tooltip.png');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the worked gradient checks out from its shown digits; examples are numbered 1 to 4; no "-0"', async () => {
    const { page, errors } = await h.open();
    await page.evaluate(() => window.backprop.step(548));  // the iteration the issue read
    // Half a unit of the last digit a shown number has.
    const halfUnit = (text) => {
      const [mantissa, exponent = '0'] = text.toLowerCase().split('e');
      const decimals = mantissa.includes('.') ? mantissa.split('.')[1].length : 0;
      return 0.5 * 10 ** (Number(exponent) - decimals);
    };
    const checksOut = (a, result, what) => {
      const tolerance = halfUnit(result) * (1 + 1e-9) + 1e-15;
      assert.ok(Math.abs(a - Number(result)) <= tolerance,
                `${what}: by hand ${a}, shown ${result} (within ${tolerance})`);
    };
    for (const [layer, row, col] of [[2, 1, 0], [1, 0, 1], [1, 2, 3], [2, 3, 0]]) {
      await page.evaluate((w) => window.backprop.select(w), { layer, row, col });
      await nextFrames(page, 2);
      const s = await state(page);
      const text = s.text['Weight explanation'];
      const rows = [...text.matchAll(/\|\s(\d+)\s\|((?:\s[-+0-9.e]+\s\|)+)/g)]
        .map((m) => ({ n: Number(m[1]), cells: m[2].split('|').map((c) => c.trim()).filter((c) => c) }));
      assert.deepEqual(rows.map((r) => r.n), [1, 2, 3, 4], `examples numbered 1 to 4: ${text}`);
      const terms = [];
      for (const { n, cells } of rows) {
        const v = cells.map(Number);
        if (layer === 2) {  // a1, a2 - y, s'(z2), k2 = (a2 - y) s'(z2), a1 k2
          assert.equal(cells.length, 5, `row ${n}: ${cells}`);
          checksOut(v[1] * v[2], cells[3], `W2 row ${n}: (a2 - y) x s'(z2) = k2`);
          checksOut(v[0] * v[3], cells[4], `W2 row ${n}: a1 x k2`);
          terms.push(cells[4]);
        } else {  // a0, k2, W2[j], k2 W2[j], s'(z1), t1, a0 t1
          assert.equal(cells.length, 7, `row ${n}: ${cells}`);
          checksOut(v[1] * v[2], cells[3], `W1 row ${n}: k2 x W2[j]`);
          checksOut(v[3] * v[4], cells[5], `W1 row ${n}: x s'(z1) = t1`);
          checksOut(v[0] * v[5], cells[6], `W1 row ${n}: a0 x t1`);
          terms.push(cells[6]);
        }
      }
      const sum = text.match(/\| sum \|(?:\s\|)*\s([-+0-9.e]+)\s\|/);
      assert.ok(sum, `the sum row: ${text}`);
      const byHand = terms.reduce((a, t) => a + Number(t), 0);
      assert.ok(Math.abs(byHand - Number(sum[1])) <= 1e-12, `the shown terms ${terms} add up to ${byHand}, shown ${sum[1]}`);
      // Near the exact value: each term carries at most seven roundings to 5 significant digits
      // (its factors, the products along its row, itself; each within 5e-5 relative), so the
      // sum is within 7 x 5e-5 x the sum of |term| (rounded up), however much the terms cancel.
      const size = terms.reduce((a, t) => a + Math.abs(Number(t)), 0);
      assert.ok(Math.abs(Number(sum[1]) - s.selectedGradient.backprop) <= 4e-4 * size + 1e-12,
                `rounded sum ${sum[1]} near the exact ${s.selectedGradient.backprop}`);
      // The update: w - lr x dC/dw, from the shown numbers.
      const u = text.match(/= (\S+) - (\S+) · \((\S+)\) = \S+ - \((\S+)\) = (\S+)/);
      assert.ok(u, `the update line: ${text}`);
      checksOut(Number(u[2]) * Number(u[3]), u[4], 'lr x dC/dw');
      checksOut(Number(u[1]) - Number(u[4]), u[5], 'w - lr dC/dw');
      assert.match(text, /numbered 1 to 4 as in the data table/);
    }
    // No cell of any panel says "-0.0000" (or "-0").
    const s = await state(page);
    for (const [name, shown] of Object.entries({ ...s.text, tooltip: s.tooltip }))
      assert.doesNotMatch(shown, /(^|[^\w.])-0(\.0+)?(?![\d.e])/, `negative zero in ${name}`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  for (const walk of [false, true])
    test(`the controls, the diagram, the outputs and the loss curve fit in 1280x800${walk ? ' with the walkthrough on' : ''}`, async () => {
      const { page, errors } = await h.open();
      await page.evaluate(() => window.backprop.step(300));
      if (walk) await page.evaluate(() => window.backprop.walkthrough('next'));
      await nextFrames(page, 3);
      const names = ['Train', walk ? 'Next phase' : 'Step', 'Reset', 'Restart', 'Learning rate', 'Speed',
                     'Walkthrough mode', 'Status', 'Diagram', 'node a1[3]', 'node a2[0]', 'Data table',
                     'Loss plot', ...(walk ? ['Walkthrough headline', 'phase 1'] : [])];
      for (const name of names) {
        const r = await waitFor(page, (p) => rect(p, name), { what: `${name} to be drawn` });
        assert.ok(inside(r, viewport), `${name} ${JSON.stringify(r)} is inside 1280x800 without scrolling`);
      }
      await screenshot(page, walk ? 'flow-1280x800-walkthrough.png' : 'flow-1280x800.png');
      assert.deepEqual(errors, []);
      await page.close();
    });
});
