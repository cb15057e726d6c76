// The network diagram in headless Chromium: it is drawn with a node per unit and a link per
// weight; real mouse clicks on a link select that weight and bring the Equations tab to the
// front; hovering a node shows its numbers; the Show gradients toggle and the example
// selector change what the diagram shows (state() and the diagram's pixels).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { click, nextFrames, rect, screenshot, start, state, tooltipOver, widgetCentre } from './harness.mjs';

// A screenshot of the diagram's area only (it changes when what it shows changes).
async function diagramShot(page, file) {
  const r = await rect(page, 'Diagram');
  assert.ok(r, 'the diagram is drawn');
  const clip = { x: r.x, y: r.y, width: r.w, height: r.h };
  if (file) await screenshot(page, file, { clip });
  return page.screenshot({ clip });
}

// One server and browser for the whole file: each describe's pages reuse the WebAssembly
// the first page compiled (harness.mjs).
let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

describe('the network diagram', () => {
  let page;
  let errors;

  before(async () => {
    ({ page, errors } = await h.open());
    await nextFrames(page, 2);
  });
  after(async () => { await page?.close(); });

  test('draws a node per unit and a link per weight of the 3-4-1 network, 250-320 px tall', async () => {
    const d = await rect(page, 'Diagram');
    assert.ok(d.h >= 250 && d.h <= 320, `diagram height ${d.h}`);
    assert.ok(d.w >= 400, `diagram width ${d.w}`);
    const sizes = [3, 4, 1];
    for (let l = 0; l < sizes.length; ++l)
      for (let j = 0; j < sizes[l]; ++j) {
        const n = await rect(page, `node a${l}[${j}]`);
        assert.ok(n, `node a${l}[${j}] is drawn`);
        assert.ok(n.x >= d.x && n.x + n.w <= d.x + d.w && n.y >= d.y && n.y + n.h <= d.y + d.h,
                  `node a${l}[${j}] lies inside the diagram`);
      }
    // Columns left to right, units top to bottom.
    assert.ok((await rect(page, 'node a0[0]')).x < (await rect(page, 'node a1[0]')).x);
    assert.ok((await rect(page, 'node a1[0]')).x < (await rect(page, 'node a2[0]')).x);
    assert.ok((await rect(page, 'node a1[0]')).y < (await rect(page, 'node a1[3]')).y);
    for (let l = 1; l <= 2; ++l)
      for (let r = 0; r < sizes[l - 1]; ++r)
        for (let c = 0; c < sizes[l]; ++c)
          assert.ok(await rect(page, `link W${l}[${r}][${c}]`), `link W${l}[${r}][${c}] is drawn`);
    await screenshot(page, 'diagram-page.png');
    await diagramShot(page, 'diagram-weights.png');
    assert.deepEqual(errors, []);
  });

  test('a click on a link selects its weight and brings the Equations tab to the front', async () => {
    await click(page, 'tab Matrices');
    assert.ok(await rect(page, 'front tab Matrices'), 'Matrices is in front before the click');
    for (const [l, r, c] of [[1, 2, 1], [2, 3, 0], [1, 0, 3]]) {
      if (!(await rect(page, 'front tab Matrices'))) await click(page, 'tab Matrices');
      await click(page, `link W${l}[${r}][${c}]`);
      const s = await state(page);
      assert.deepEqual(s.selected, { layer: l, row: r, col: c }, `clicked W${l}[${r}][${c}]`);
      assert.ok(await rect(page, 'front tab Equations'), 'the Equations tab is in front');
      assert.equal(await rect(page, 'front tab Matrices'), null);
      // A click only selects: typing a new weight is a double click (issue 14, item 6).
      assert.equal(s.weightEdit, null, 'no box to type a weight opened');
    }
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    await diagramShot(page, 'diagram-selected-link.png');
    assert.deepEqual(errors, []);
  });

  test('hovering a node shows its z, a, delta and f\'(z); hovering a link its w and dC/dw', async () => {
    // The number after `label` in the tooltip's text, as a student reads it.
    const numberAfter = (text, label) => {
      const m = text.match(new RegExp(`${label.replace(/[()[\]]/g, '\\$&')}\\s*(-?[0-9.]+(?:e[-+]?[0-9]+)?)`));
      assert.ok(m, `'${label}' in the tooltip: ${JSON.stringify(text)}`);
      return Number(m[1]);
    };
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    assert.equal((await state(page)).tooltip, '', 'no tooltip over the empty corner');
    const p = await widgetCentre(page, 'node a1[1]');
    await page.mouse.move(p.x, p.y);
    await nextFrames(page, 3);
    await screenshot(page, 'diagram-hover-node.png');
    const s = await state(page);
    const node = s.tooltip;
    assert.match(node, /hidden unit 2 of layer 1, example 1/);
    // Reference: z = x W1[:, 1] and a = sigmoid(z) for example 1, from the inputs and weights
    // state() reports (4 decimals shown: within 5e-5).
    const x = s.inputs[s.example];
    const z = x.reduce((sum, xi, k) => sum + xi * s.weights[0][k][1], 0);
    assert.ok(Math.abs(numberAfter(node, 'W1 (column 2) =') - z) < 5e-5, `z ${z}: ${node}`);
    assert.ok(Math.abs(numberAfter(node, 'sigmoid(z) =') - 1 / (1 + Math.exp(-z))) < 5e-5, node);
    assert.match(node, /f'\(z\) = /);
    assert.match(node, /delta = dC\/dz = /);

    const q = await widgetCentre(page, 'link W2[0][0]');
    await page.mouse.move(q.x, q.y);
    await nextFrames(page, 3);
    await screenshot(page, 'diagram-hover-link.png');
    const link = (await state(page)).tooltip;
    assert.match(link, /W2\[0\]\[0\]: the link from/);
    assert.ok(Math.abs(numberAfter(link, 'weight w =') - s.weights[1][0][0]) < 5e-5, link);
    assert.match(link, /dC\/dw = /);
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    assert.equal((await state(page)).tooltip, '', 'the tooltip goes when the mouse leaves');
    assert.deepEqual(errors, []);
  });

  test('Show gradients makes the links show dC/dw instead of w', async () => {
    // The selected link's label, as the diagram draws it (state().text.Diagram).
    const label = async () => {
      await page.mouse.move(2, 2);
      await nextFrames(page, 2);
      const s = await state(page);
      const m = s.text.Diagram.match(/(dC\/dw|w) (-?[0-9.]+(?:e[-+]?[0-9]+)?)$/);
      assert.ok(m, `a label on the selected link: ${s.text.Diagram}`);
      return { s, kind: m[1], value: Number(m[2]) };
    };
    const before = await label();
    assert.equal(before.s.showGradients, false);
    const { layer, row, col } = before.s.selected;
    assert.equal(before.kind, 'w');
    assert.ok(Math.abs(before.value - before.s.weights[layer - 1][row][col]) <= 5e-4, `w ${before.value}`);
    await click(page, 'Show gradients');
    const grads = await label();
    assert.equal(grads.s.showGradients, true);
    assert.equal(grads.kind, 'dC/dw', 'the link now shows its gradient');
    // The gradient the explanation column computes for the same weight (5 decimals shown).
    const explained = grads.s.text['Weight explanation'];
    const core = Number(explained.match(/from the matrix product [^:]*:\s*(-?[0-9.]+)/)[1]);
    assert.ok(Math.abs(grads.value - core) <= 5e-6 + 1e-12, `dC/dw ${grads.value}, core ${core}`);
    await diagramShot(page, 'diagram-gradients.png');
    await screenshot(page, 'diagram-page-gradients.png');
    await click(page, 'Show gradients');
    const after = await label();
    assert.equal(after.s.showGradients, false);
    assert.equal(after.kind, 'w', 'and back to the weights');
  });

  test('the example selector picks the row whose activations the nodes show', async () => {
    // The hidden units' activations as the nodes show them (2 decimals), for example n,
    // against a1 = sigmoid(x W1) computed here from state()'s inputs and weights.
    const shownHidden = async () => {
      await page.mouse.move(2, 2);
      await nextFrames(page, 2);
      const s = await state(page);
      const values = [...s.text.Diagram.matchAll(/(-?[0-9.]+) h[1-4]\b/g)].map((m) => Number(m[1]));
      const x = s.inputs[s.example];
      const want = [0, 1, 2, 3].map((j) => 1 / (1 + Math.exp(-x.reduce((a, xi, k) => a + xi * s.weights[0][k][j], 0))));
      assert.equal(values.length, 4, s.text.Diagram);
      values.forEach((v, j) => assert.ok(Math.abs(v - want[j]) <= 0.005 + 1e-9, `h${j + 1}: shown ${v}, a1 ${want[j]}`));
      return s;
    };
    assert.equal((await shownHidden()).example, 0);
    await click(page, 'example 3');
    assert.equal((await shownHidden()).example, 2);
    await diagramShot(page, 'diagram-example-3.png');
    await click(page, 'example 1');
    assert.equal((await shownHidden()).example, 0);
    assert.deepEqual(errors, []);
  });

  test('after training the weights have both signs; a large learning rate flags saturated units', async () => {
    await page.evaluate(() => { window.backprop.restart(); window.backprop.step(1500); });
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    const s = await state(page);
    const w = s.weights.flat(2);
    assert.ok(w.some((v) => v < 0) && w.some((v) => v > 0), 'trained weights of both signs');
    assert.equal(s.saturatedHidden, 0);
    assert.equal(await rect(page, 'Saturation legend'), null, 'no unit is flagged after ordinary training');
    await diagramShot(page, 'diagram-trained.png');
    await click(page, 'Show gradients');
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    await diagramShot(page, 'diagram-trained-gradients.png');
    await click(page, 'Show gradients');
    // A learning rate of 50 from the start drives the sigmoids into their flat ends.
    await page.evaluate(() => {
      window.backprop.restart();
      window.backprop.setLearningRate(50);
      window.backprop.step(300);
    });
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    const flagged = await state(page);
    assert.ok(flagged.saturatedHidden > 0, `${flagged.saturatedHidden} saturated hidden units`);
    assert.ok(await rect(page, 'Saturation legend'), 'the diagram says what its red rings mean');
    // As many hidden units say so in their tooltip as the status line counts.
    const saturated = /Saturated: f'\(z\) is below 0\.01\s+for\s+every\s+example/;
    let said = 0;
    for (let j = 0; j < 4; ++j) if (saturated.test(await tooltipOver(page, `node a1[${j}]`))) said += 1;
    assert.equal(said, flagged.saturatedHidden, 'hidden units whose tooltip says they are saturated');
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    await screenshot(page, 'diagram-saturated.png');
    await page.evaluate(() => window.backprop.setLearningRate(1));
    assert.deepEqual(errors, []);
  });
});

describe('the network diagram at 1920x1080 with a device pixel ratio of 2', () => {
  test('is drawn at the larger scale and a link click still selects its weight', async () => {
    const { page, errors } = await h.open('', { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 });
    await nextFrames(page, 2);
    await click(page, 'link W1[1][2]');
    assert.deepEqual((await state(page)).selected, { layer: 1, row: 1, col: 2 });
    await page.mouse.move(2, 2);
    await nextFrames(page, 2);
    await screenshot(page, 'diagram-1920.png');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
