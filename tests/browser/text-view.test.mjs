// The text view (web/text-view.js): the canvas's controls and numbers as HTML, reached by the
// keyboard alone and read by screen readers. Tested as those users meet it: Tab and Enter
// from page load, the accessibility tree (what a screen reader reads), and an axe-core audit.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { nextFrames, press, screenshot, start, state, waitFor } from './harness.mjs';

const require = createRequire(import.meta.url);
const active = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
const liveText = (page) => page.evaluate(() => document.getElementById('tv-live').textContent);
// The loss as the live region writes it: 6 decimals.
const lossSaid = (s) => `loss C = ${+s.loss.toFixed(6)}`;

// Every node of the accessibility tree with a role and a name: what a screen reader reads.
async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n) => !n.ignored).map((n) => ({
    role: n.role?.value, name: n.name?.value ?? '', value: n.value?.value,
  }));
}

// Brings the Matrices tab to the front and returns the text view's explanation once it is
// written as sentences (the canvas then no longer writes the Equations tab's text out).
async function explanationBehindMatrices(page) {
  assert.equal(await page.evaluate(() => window.backprop.set({ tab: 'matrices' })), '');
  return waitFor(page, async (p) => {
    const t = await p.textContent('#tv-explanation');
    return t.includes('The Equations tab shows the working') ? t : null;
  }, { what: 'the explanation with the Matrices tab in front' });
}

describe('the text view', () => {
  let h;
  before(async () => { h = await start(); });
  after(async () => { await h?.stop(); });

  test('keyboard only: Tab to Train and Enter trains; pause, step; Tab leaves the canvas and comes back', async () => {
    const { page, errors } = await h.open();
    assert.equal(await active(page), 'canvas', 'the page opens with the canvas focused');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'tv-train', 'Train comes first after the canvas');
    // The text view is out of sight until focused; focused, it shows over the canvas.
    const box = await page.locator('#text-view').boundingBox();
    assert.ok(box.width > 300 && box.height > 200, `the focused text view is visible: ${JSON.stringify(box)}`);
    await page.keyboard.press('Enter');
    await waitFor(page, async (p) => (await state(p)).training, { what: 'training' });
    assert.equal(await page.locator('#tv-train').textContent(), 'Pause');
    await screenshot(page, 'text-view-training.png');
    await page.keyboard.press('Enter');
    const paused = await waitFor(page, async (p) => {
      const s = await state(p);
      return !s.training && s;
    }, { what: 'paused' });
    // The live region says where it stopped, with the numbers state() reports.
    await waitFor(page, async (p) => (await liveText(p)).startsWith('Paused'), { what: 'the pause said' });
    assert.equal(await liveText(page), `Paused at iteration ${paused.iteration}, ${lossSaid(paused)}.`);
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'tv-step');
    await page.keyboard.press('Enter');
    const stepped = await state(page);
    assert.equal(stepped.iteration, paused.iteration + 1, 'Enter on Step runs one iteration');
    assert.equal(await liveText(page), `Iteration ${stepped.iteration}, ${lossSaid(stepped)}.`);
    // Tab runs through the text view and leaves the page: no keyboard trap.
    const order = [];
    for (let i = 0; i < 12 && (await active(page)) !== 'BODY'; ++i) {
      order.push(await active(page));
      await page.keyboard.press('Tab');
    }
    assert.equal(await active(page), 'BODY', `Tab left the page after ${order.join(', ')}`);
    assert.ok(order.includes('tv-lr') && order.includes('tv-example') && order.includes('tv-next-phase'), order.join(', '));
    // Shift+Tab from the text view's first control goes back to the canvas.
    await page.focus('#tv-train');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await active(page), 'canvas');
    // On the canvas, Tab moves on: the canvas does not keep it.
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'tv-train');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('on the canvas, the arrow keys walk through the weights and the text view explains each; ? lists the keys', async () => {
    const { page, errors } = await h.open();
    assert.equal(await active(page), 'canvas');
    await press(page, 'ArrowRight');
    assert.deepEqual((await state(page)).selected, { layer: 1, row: 0, col: 1 });
    await press(page, 'ArrowDown');  // a row down: the same column
    assert.deepEqual((await state(page)).selected, { layer: 1, row: 1, col: 1 });
    await press(page, 'ArrowUp');
    await press(page, 'ArrowUp');  // above the first row: W1's last row, same column
    assert.deepEqual((await state(page)).selected, { layer: 1, row: 2, col: 1 });
    await press(page, 'ArrowRight');
    await press(page, 'ArrowRight');
    await press(page, 'ArrowRight');  // after W1's last weight: W2's first
    assert.deepEqual((await state(page)).selected, { layer: 2, row: 0, col: 0 });
    await page.evaluate(() => window.backprop.select({ layer: 1, row: 0, col: 0 }));
    await press(page, 'ArrowLeft');  // before the first weight: the last, wrapping round
    assert.deepEqual((await state(page)).selected, { layer: 2, row: 3, col: 0 });
    await waitFor(page, async (p) => /W2\[3\]\[0\]\s+connects hidden unit h4 to/.test(await p.textContent('#tv-explanation')),
                  { what: 'the text view to explain W2[3][0]' });
    // S steps, Space trains and pauses.
    const before = (await state(page)).iteration;
    await press(page, 's');
    assert.equal((await state(page)).iteration, before + 1);
    await press(page, ' ');
    assert.equal((await state(page)).training, true);
    await press(page, ' ');
    assert.equal((await state(page)).training, false);
    // ? lists the shortcuts on the canvas (and as text); Escape closes the list.
    await press(page, '?');
    const s = await state(page);
    assert.equal(s.helpShown, true);
    for (const key of ['Space', 'S', 'R', 'N', 'Left, Right', 'Up, Down', 'Tab', '?']) {
      assert.match(s.text['Keyboard shortcuts'], new RegExp(`\\| ${key.replace(/[?]/g, '\\?')} \\|`), key);
    }
    await screenshot(page, 'keyboard-shortcuts.png');
    await press(page, 'Escape');
    assert.equal((await state(page)).helpShown, false);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the learning rate typed in the text view goes through the app\'s checks', async () => {
    const { page, errors } = await h.open();
    await page.focus('#tv-lr');
    await page.fill('#tv-lr', '0.5');
    await page.keyboard.press('Enter');
    assert.equal((await state(page)).learningRate, 0.5);
    assert.equal(await liveText(page), 'Learning rate set to 0.5.');
    for (const [typed, said] of [['0x10', /'0x10' is not a number/], ['fast', /'fast' is not a number/],
                                 ['-2', /greater than 0/], ['1e9', /at most 1e6/]]) {
      await page.fill('#tv-lr', typed);
      await page.keyboard.press('Enter');
      assert.match(await liveText(page), said, typed);
      assert.equal((await state(page)).learningRate, 0.5, `${typed} changed nothing`);
    }
    // Escape puts back the rate in use.
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#tv-lr'), '0.5');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a screen reader reads the controls, the live state, the data table and the selected weight', async () => {
    const { page, errors } = await h.open();
    await page.evaluate(() => { window.backprop.step(25); });
    const s = await state(page);
    await waitFor(page, async (p) => (await liveText(p)).startsWith(`Iteration ${s.iteration},`), { what: 'the step said' });
    await nextFrames(page, 2);
    const nodes = await axNodes(page);
    const named = (role, name) => nodes.find((n) => n.role === role && (name instanceof RegExp ? name.test(n.name) : n.name === name));
    for (const name of ['Train', 'Step', 'Reset', 'Restart', 'Next phase']) assert.ok(named('button', name), `button ${name}`);
    assert.ok(named('textbox', 'Learning rate'), 'the learning rate is a named text box');
    assert.ok(named('combobox', 'Example shown in the diagram'), 'the example is a named list');
    assert.ok(named('checkbox', /Walkthrough/), 'the walkthrough is a named checkbox');
    // The live region follows state(): iteration and loss.
    const status = nodes.find((n) => n.role === 'status');
    assert.ok(status, 'a status (live) region');
    assert.equal(await liveText(page), `Iteration ${s.iteration}, ${lossSaid(s)}.`);
    // The canvas's label says what is true now.
    assert.ok(named('main', /text view/), 'the text view is a landmark');
    const label = await page.getAttribute('#canvas', 'aria-label');
    assert.match(label, new RegExp(`paused at iteration ${s.iteration}, ${lossSaid(s).replace(/[.]/g, '\\.')}`));
    // The table's cells are the outputs state() reports, to 4 decimals.
    const cells = nodes.filter((n) => n.role === 'cell').map((n) => n.name);
    assert.equal(cells.length, 4 * 6, 'four rows of x1, x2, x3, y, a, a - y');
    s.outputs.forEach((a, r) => {
      assert.equal(Number(cells[r * 6 + 4]), +a.toFixed(4), `output of example ${r + 1}`);
      assert.equal(Number(cells[r * 6 + 5]), +(a - s.targets[r]).toFixed(4), `error of example ${r + 1}`);
    });
    // The selected weight's explanation, as text with its numbers.
    const explained = await page.textContent('#tv-explanation');
    assert.match(explained, /W1\[0\]\[0\]\s+connects input x1 to hidden unit h1; its value now is /);
    assert.match(explained, /The same number: the equation and the code agree/);
    // With another tab in front the explanation stays, in sentences from the same numbers.
    const other = await explanationBehindMatrices(page);
    const g = (await state(page)).selectedGradient;
    assert.ok(other.includes(`Its gradient dC/dW1[0][0] is ${+g.backprop.toFixed(6)}:`), other);
    assert.ok(other.includes(`example 4: ${+g.terms[3].input.toFixed(4)} times ${+g.terms[3].delta.toFixed(6)} is ${+g.terms[3].product.toFixed(6)}`), other);
    assert.ok(other.includes('equation (B)'), 'W1 is the hidden layer: equation (B)');
    assert.ok(other.endsWith(`: ${+g.updated.toFixed(4)}. The Equations tab shows the working.`), other);
    assert.deepEqual(errors, []);
    await page.close();
  });

  // The text view reads backprop.summary() twice a second, not state(): with 8 hidden layers
  // of 16 on 1800 points state() is about 530 KB of JSON; summary() stays a few KB, and the
  // view shows the same numbers as state().
  test('with 1800 examples the text view reads a few KB and shows the numbers state() reports', async () => {
    const { page, errors } = await h.open(
      '?data=circle&points=2000&train=90&hidden=16,16,16,16,16,16,16,16&act=tanh&hide=intro');
    // Three iterations may take more than one frame here: wait until they are done.
    await page.evaluate(async () => { window.backprop.step(3); await window.backprop.stepDone(); });
    await nextFrames(page, 2);
    const bytes = (v) => Buffer.byteLength(JSON.stringify(v), 'utf8');
    const s = await state(page);
    const sum = await page.evaluate(() => window.backprop.summary());
    assert.equal(s.inputs.length, 1800);
    assert.ok(bytes(s) > 200000, `state() is large here: ${bytes(s)} bytes`);
    assert.ok(bytes(sum) < 16000, `summary() is at most 16 000 bytes: ${bytes(sum)}`);
    // The same values as state() where it has them.
    for (const k of ['iteration', 'loss', 'training', 'diverged', 'learningRate', 'example', 'phaseCount']) {
      assert.deepEqual(sum[k], s[k], k);
    }
    assert.deepEqual(sum.selected, s.selected);
    assert.deepEqual(sum.setup.sizes, s.setup.sizes);
    assert.equal(sum.examples, 1800);
    assert.deepEqual(sum.inputs, s.inputs.slice(0, 12));
    assert.deepEqual(sum.targets, s.targets.slice(0, 12));
    assert.deepEqual(sum.outputs, s.outputs.slice(0, 12));
    assert.equal(sum.selectedGradient.termCount, 1800);
    assert.equal(sum.selectedGradient.backprop, s.selectedGradient.backprop);
    // The same object as state()'s (one writer serves both), cut to its first 12 terms.
    assert.equal(s.selectedGradient.termCount, 1800);
    assert.equal(s.selectedGradient.terms.length, 1800);
    assert.equal(sum.selectedGradient.terms.length, 12);
    assert.deepEqual(sum.selectedGradient, { ...s.selectedGradient, terms: s.selectedGradient.terms.slice(0, 12) });
    // What the view shows: the table's first 12 rows are state()'s outputs, the list of
    // examples has all 1800, the explanation is the panel's text without its table.
    await waitFor(page, async (p) => (await p.textContent('#tv-table')).includes('the first 12 of 1800 examples'),
                  { what: 'the text view\'s table of the deep case' });
    const now = await state(page);
    const cells = await page.$$eval('#tv-table tbody td', (tds) => tds.map((td) => td.textContent));
    assert.equal(cells.length, 12 * 5, 'twelve rows of x1, x2, y, a, a - y');
    now.outputs.slice(0, 12).forEach((a, r) => {
      assert.equal(Number(cells[r * 5 + 3]), +a.toFixed(4), `output of example ${r + 1}`);
    });
    assert.equal(await page.$$eval('#tv-example option', (o) => o.length), 1800);
    const panel = now.text['Weight explanation'].split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('|'));
    await waitFor(page, async (p) => (await p.textContent('#tv-explanation')) === panel.join(' '),
                  { what: 'the explanation as the panel writes it, without its table' });
    // Another tab in front: sentences, the first 12 terms and how many more.
    const other = await explanationBehindMatrices(page);
    const g = (await state(page)).selectedGradient;
    assert.ok(other.includes(`Its gradient dC/dW1[0][0] is ${+g.backprop.toFixed(6)}:`), other);
    assert.ok(other.includes(`example 12: ${+g.terms[11].input.toFixed(4)} times ${+g.terms[11].delta.toFixed(6)} is ${+g.terms[11].product.toFixed(6)}; and 1788 more examples.`), other);
    assert.ok(!other.includes('example 13:'), 'only the first 12 terms');
    assert.deepEqual(errors, []);
    await page.close();
  });

  for (const [what, query] of [['the chapter\'s page', ''], ['a 2-D lesson link', '?data=spiral&hidden=8,8&open=setup']]) {
    test(`axe-core finds no serious or critical problem on ${what}`, async () => {
      const { page, errors } = await h.open(query);
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const found = await page.evaluate(async () => {
        const r = await window.axe.run(document);
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
      });
      assert.deepEqual(found, []);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  // The example lesson page with the demo in its frame: axe audits the frame too (axe-core
  // runs in every frame it is loaded into, and says so when it could not reach one).
  test('axe-core finds no serious or critical problem on the lesson page embed.html, its frame included', async () => {
    const { page, errors } = await h.open('embed.html', { waitReady: false });
    await page.waitForFunction(() => !document.getElementById('train').disabled);
    const demo = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(demo, 'the demo\'s frame is there');
    await demo.evaluate(() => window.backprop.ready.then(() => true));
    for (const frame of page.frames()) await frame.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { iframes: true });
      return {
        bad: r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`),
        // Nodes checked inside the frame (their target names the iframe first).
        inFrame: [...r.passes, ...r.violations].some((v) => v.nodes.some((n) => n.target.length > 1)),
      };
    });
    assert.deepEqual(result.bad, []);
    assert.ok(result.inFrame, 'the audit went into the demo\'s frame');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
