// The right-hand column's tabs: Equations, Matrices, Gradient check and The shape mistake.
// Tabs and cells are clicked with the real mouse; the numbers the page shows (state(), from the
// C++ core) are checked against a forward and backward pass written here in plain JS from the
// chapter's equations, which shares no code with the core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { click, nextFrames, screenshot, start, state, waitFor } from './harness.mjs';

// --- an independent reference: the chapter's 3-4-1 sigmoid network, squared error ----------
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const matmul = (A, B) => A.map((row) => B[0].map((_, j) => row.reduce((s, v, k) => s + v * B[k][j], 0)));
const transpose = (A) => A[0].map((_, j) => A.map((row) => row[j]));
const column = (v) => v.map((x) => (Array.isArray(x) ? x : [x]));

function gradients(s) {
  const [W1, W2] = s.weights;
  const a0 = s.inputs;
  const y = column(s.targets);
  const a1 = matmul(a0, W1).map((r) => r.map(sigmoid));
  const a2 = matmul(a1, W2).map((r) => r.map(sigmoid));
  const k2 = a2.map((r, n) => r.map((a, j) => (a - y[n][j]) * a * (1 - a)));
  const dW2 = matmul(transpose(a1), k2);
  const t1 = matmul(k2, transpose(W2)).map((r, n) => r.map((v, j) => v * a1[n][j] * (1 - a1[n][j])));
  const dW1 = matmul(transpose(a0), t1);
  return { dW: [dW1, dW2], a: [a0, a1, a2], delta: [null, t1, k2] };
}

// The selected weight's gradient on the page against the reference, to 1e-9.
function checkSelected(s) {
  const ref = gradients(s);
  const { layer, row, col } = s.selected;
  const expected = ref.dW[layer - 1][row][col];
  const g = s.selectedGradient;
  assert.ok(g, 'the page reports the selected gradient');
  assert.ok(Math.abs(g.backprop - expected) < 1e-9, `backprop ${g.backprop} vs reference ${expected}`);
  assert.equal(g.terms.length, s.inputs.length, 'one term per example');
  const sum = g.terms.reduce((acc, t) => acc + t.product, 0);
  assert.ok(Math.abs(sum - expected) < 1e-9, `the terms add up to ${sum}, reference ${expected}`);
  g.terms.forEach((t, n) => {
    const input = ref.a[layer - 1][n][row];
    const delta = ref.delta[layer][n][col];
    assert.ok(Math.abs(t.input - input) < 1e-9, `term ${n}: input ${t.input} vs ${input}`);
    assert.ok(Math.abs(t.delta - delta) < 1e-9, `term ${n}: delta ${t.delta} vs ${delta}`);
    assert.ok(Math.abs(t.product - input * delta) < 1e-9, `term ${n}: product`);
  });
  assert.ok(Math.abs(g.updated - (g.weight - s.learningRate * expected)) < 1e-9, 'the update');
}

const onScreen = (page, name) => page.evaluate((n) => window.backprop.widgetRect(n), name);

// The right-hand column scrolls (a person uses the mouse wheel): wheel over it, one notch
// (deltaY 40, a third of a usual mouse notch) at a time, until the named widget is inside the
// column, then click it for real. The wheel direction is learnt, not assumed.
let wheelSign = 1;  // the sign of deltaY that scrolls down
async function clickInView(page, name) {
  for (let tries = 0; tries < 80; tries++) {
    const r = await onScreen(page, name);
    const col = await onScreen(page, 'Explain column');
    if (!r || !col) throw new Error(`widget '${name}' is not drawn`);
    const below = r.y + r.h > Math.min(col.y + col.h, page.viewportSize().height) + 1;
    const above = r.y < col.y - 1;
    if (!below && !above) break;
    await page.mouse.move(col.x + col.w / 2, col.y + Math.min(col.h, 300) / 2);
    await page.mouse.wheel(0, 40 * (below ? wheelSign : -wheelSign));
    await nextFrames(page, 3);
    const moved = await onScreen(page, name);
    if (moved.y === r.y) wheelSign = -wheelSign;  // at an end, or the other direction scrolls
  }
  await click(page, name);
}

describe('the explanation tabs', () => {
  let h;
  let page;
  let errors;

  before(async () => {
    h = await start();
    ({ page, errors } = await h.open());
  });
  after(async () => {
    await h?.stop();
  });

  test('Equations is the tab shown first; the selected weight\'s terms add up to its gradient', async () => {
    assert.ok(await onScreen(page, 'Equations'), 'the equations are on the screen');
    assert.ok(await onScreen(page, 'Weight picker'));
    checkSelected(await state(page));
    await clickInView(page, 'pick W1[2][3]');
    let s = await state(page);
    assert.deepEqual(s.selected, { layer: 1, row: 2, col: 3 });
    checkSelected(s);
    await clickInView(page, 'pick W2[1][0]');
    s = await state(page);
    assert.deepEqual(s.selected, { layer: 2, row: 1, col: 0 });
    checkSelected(s);
    // After some training the numbers are still the live ones.
    await page.evaluate(() => window.backprop.step(200));
    await nextFrames(page, 2);
    checkSelected(await state(page));
    await clickInView(page, 'pick W1[0][1]');
    checkSelected(await state(page));
    await screenshot(page, 'tab-equations.png');
    assert.deepEqual(errors, []);
  });

  test('Matrices: clicking a W or dC/dW cell selects that weight and opens its equation', async () => {
    await clickInView(page, 'tab Matrices');
    assert.ok(await onScreen(page, 'W1'), 'W1 is drawn');
    assert.ok(await onScreen(page, 'W2'), 'W2 is drawn');
    assert.equal(await onScreen(page, 'Equations'), null, 'the equations tab is hidden');
    await screenshot(page, 'tab-matrices.png');
    await clickInView(page, 'cell W2[3][0]');
    let s = await state(page);
    assert.deepEqual(s.selected, { layer: 2, row: 3, col: 0 });
    // The tab changes in the next frame and its contents are drawn in the one after.
    await waitFor(page, (p) => onScreen(p, 'Equations'), { timeoutMs: 5000, what: 'the click to open the equations' });
    checkSelected(s);
    await clickInView(page, 'tab Matrices');
    await clickInView(page, 'cell dW1[1][2]');
    s = await state(page);
    assert.deepEqual(s.selected, { layer: 1, row: 1, col: 2 });
    await waitFor(page, (p) => onScreen(p, 'Equations'), { timeoutMs: 5000, what: 'the equations again' });
    checkSelected(s);
    assert.deepEqual(errors, []);
  });

  test('Gradient check: every weight\'s backprop gradient agrees with finite differences', async () => {
    await clickInView(page, 'tab Gradient check');
    assert.ok(await onScreen(page, 'Gradient check table'));
    const s = await waitFor(page, async (p) => {
      const now = await state(p);
      return now.gradientCheck.current && now;
    }, { what: 'a gradient check at the current weights' });
    const gc = s.gradientCheck;
    assert.equal(gc.error, '');
    assert.equal(gc.iteration, s.iteration);
    assert.equal(gc.checks.length, 3 * 4 + 4 * 1, 'all 16 weights');
    const ref = gradients(s);
    for (const c of gc.checks) {
      assert.ok(c.relError < 1e-6, `W${c.layer}[${c.row}][${c.col}]: relative error ${c.relError}`);
      assert.ok(Math.abs(c.backprop - ref.dW[c.layer - 1][c.row][c.col]) < 1e-9);
      assert.ok(Math.abs(c.numeric - ref.dW[c.layer - 1][c.row][c.col]) < 1e-8);
    }
    await screenshot(page, 'tab-gradient-check.png');
    // A Step changes the weights; the tab recomputes.
    await click(page, 'Step');
    const after1 = await waitFor(page, async (p) => {
      const now = await state(p);
      return now.gradientCheck.current && now.gradientCheck.iteration === now.iteration && now;
    }, { what: 'the check to follow the step' });
    assert.ok(after1.gradientCheck.checks.every((c) => c.relError < 1e-6));
    assert.deepEqual(errors, []);
  });

  test('The shape mistake: training with it does not reach the targets, the right run does', async () => {
    await clickInView(page, 'tab The shape mistake');
    let s = await state(page);
    assert.equal(s.shapeMistake.error, '', 'the chapter\'s shapes line up');
    assert.equal(s.shapeMistake.ran, false);
    await clickInView(page, 'Train with the mistake');
    s = await state(page);
    const m = s.shapeMistake;
    assert.equal(m.ran, true);
    assert.equal(m.runError, '');
    assert.equal(m.iterations, 1000);
    const worst = (out) => Math.max(...out.map((a, i) => Math.abs(a - s.targets[i])));
    assert.ok(worst(m.rightOutputs) < 0.15, `right run: ${m.rightOutputs}`);
    assert.ok(worst(m.mistakeOutputs) > 0.3, `the mistake's outputs ${m.mistakeOutputs} miss the targets`);
    assert.ok(m.mistakeLoss > m.rightLoss * 5, `loss ${m.mistakeLoss} vs ${m.rightLoss}`);
    await nextFrames(page, 2);
    await screenshot(page, 'tab-shape-mistake.png');
    assert.deepEqual(errors, []);
  });

  test('Walkthrough: the equations mark what the current phase computed', async () => {
    await page.evaluate(() => { window.backprop.walkthrough(true); });
    await clickInView(page, 'tab Equations');
    await clickInView(page, 'pick W1[0][0]');
    for (let k = 0; k < 4; k++) await page.evaluate(() => window.backprop.nextPhase());
    await nextFrames(page, 2);
    const s = await state(page);
    assert.equal(s.phasesDone, 4);
    assert.deepEqual(s.phase, { kind: 'backward', layer: 2 });
    // After the backward pass through layer 2, each example's row has a0, k2 and W2, and a '?'
    // for what layer 1's backward pass will compute (s'(z1), t1 and the term), as does the sum.
    const text = s.text['Weight explanation'];
    for (let n = 1; n <= 4; ++n) {
      const row = new RegExp(`\\| ${n} \\| [^|?]+ \\| [^|?]+ \\| [^|?]+ \\| \\? \\| \\? \\| \\? \\| \\? \\|`);
      assert.match(text, row, `example ${n}'s row in ${text}`);
    }
    assert.match(text, /exact sum of the 4 terms: \? \(not computed yet\)/);
    await screenshot(page, 'tab-equations-walkthrough.png');
    await clickInView(page, 'tab Matrices');
    await screenshot(page, 'tab-matrices-walkthrough.png');
    await page.evaluate(() => { window.backprop.nextPhase(); window.backprop.nextPhase(); });
    await clickInView(page, 'tab Equations');
    await nextFrames(page, 2);
    const done = await state(page);
    assert.equal(done.phasesDone, 0);
    assert.doesNotMatch(done.text['Weight explanation'], /\?/, 'the finished iteration has every number');
    checkSelected(done);
    assert.deepEqual(errors, []);
  });
});
