// Beyond the chapter (issue 4), with real clicks and key presses: every 2-D data set from the
// Data menu, hidden layers and neurons added and removed, the spiral trained until the test
// loss passes a bound (and the stop rule halts it), a weight and a bias typed after clicking
// their link and node, points added and removed on the plot, and a CSV pasted and loaded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  clickIn, doubleClick, keysReady, nextFrames, press, rect, screenshot, start, state, typeInto,
  waitFor,
} from './harness.mjs';

const click = (page, name) => clickIn(page, name);

// Puts text on the browser's clipboard, then clicks a text field, selects all and presses
// Ctrl+V, as a student pasting a spreadsheet's columns does.
async function paste(page, name, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await clickIn(page, name);
  // Select all, then Ctrl+V held for one frame only (at a few frames per second two frames
  // can outlast ImGui's key-repeat delay and paste twice). On a busy machine a one-frame press
  // can be missed; select all and paste again is the same edit, so try until the box holds it.
  for (let attempt = 0; attempt < 3; ++attempt) {
    await press(page, 'Control+A');
    await page.keyboard.down('Control');
    await page.keyboard.down('v');
    await nextFrames(page, 1);
    await page.keyboard.up('v');
    await page.keyboard.up('Control');
    await nextFrames(page, 3);
    if ((await state(page)).csvText === text) return;
  }
  assert.fail(`the CSV box does not hold the pasted text: ${JSON.stringify((await state(page)).csvText)}`);
}

// Opens the Data menu and picks an item ('spiral', 'chapter', 'custom', ...).
async function pickData(page, item) {
  if (!(await rect(page, 'Data set'))) await click(page, 'Setup header');  // closed at first
  await click(page, 'Data set');
  await click(page, `Data set ${item}`);
  await nextFrames(page, 2);
}

// The network's sizes as state() reports them, and checks the weights have those shapes.
async function sizesOf(page) {
  const s = await state(page);
  const sizes = s.setup.sizes;
  assert.equal(s.weights.length, sizes.length - 1);
  s.weights.forEach((w, l) => {
    assert.equal(w.length, sizes[l], `W${l + 1} rows`);
    assert.equal(w[0].length, sizes[l + 1], `W${l + 1} columns`);
  });
  return sizes;
}

const tanh = Math.tanh;
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
// The output for one row of inputs, from the weights and biases state() reports (tanh hidden
// layers, sigmoid output): an independent check of the page's numbers.
function forward(x, weights, biases) {
  let a = x;
  weights.forEach((w, l) => {
    const last = l === weights.length - 1;
    a = w[0].map((_, j) => {
      const z = a.reduce((sum, ai, i) => sum + ai * w[i][j], biases[l][j] ?? 0);
      return last ? sigmoid(z) : tanh(z);
    });
  });
  return a[0];
}

describe('beyond the seed: 2-D data and any network', () => {
  let h;
  let page;
  let errors;

  before(async () => {
    h = await start();
    ({ page, errors } = await h.open('', { viewport: { width: 1600, height: 1000 } }));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.base });
  });
  after(async () => {
    assert.deepEqual(errors, [], 'no console or page errors');
    await h.stop();
  });

  test('every data set from the menu: points, split, heatmap, suggested output and loss', async () => {
    const sets = [
      ['circle', true], ['xor', true], ['gaussians', true], ['spiral', true],
      ['plane', false], ['gaussian_bump', false],
    ];
    for (const [name, classes] of sets) {
      await pickData(page, name);
      const s = await state(page);
      assert.equal(s.setup.source, 'generated', name);
      assert.equal(s.setup.dataSet, name);
      assert.equal(s.setup.error, '');
      assert.equal(s.trainPoints + s.testPoints, 500, `${name}: 500 points`);
      assert.equal(s.trainPoints, 250, `${name}: half for training`);
      assert.equal(s.inputs.length, 250);
      assert.ok(s.heatmap, `${name}: heatmap computed`);
      assert.equal(s.iteration, 0);
      assert.deepEqual(s.setup.sizes, [2, 4, 4, 1]);
      assert.equal(s.setup.biases, true);
      assert.equal(s.setup.loss, classes ? 'cross_entropy' : 'squared_error', name);
      assert.equal(s.activations.at(-1), classes ? 'sigmoid' : 'tanh', name);
      assert.equal(s.train.accuracy !== null, classes, `${name}: accuracy only for classes`);
      if (classes) assert.ok(s.targets.every((y) => y === 0 || y === 1));
      else assert.ok(s.targets.every((y) => y >= -1 && y <= 1));
      // The page's output for a training point equals a forward pass written here.
      const out = forward(s.inputs[7], s.weights, s.biasValues);
      if (classes) assert.ok(Math.abs(out - s.outputs[7]) < 1e-9, `${name}: ${out} vs ${s.outputs[7]}`);
      await screenshot(page, `playground-${name}.png`);
    }
    // Regenerate: new points from the next data seed.
    const before = await state(page);
    await click(page, 'Regenerate');
    const after = await state(page);
    assert.equal(after.setup.dataSeed, before.setup.dataSeed + 1);
    assert.notDeepEqual(after.inputs[0], before.inputs[0]);
    // Noise: drag the slider to the right end, then back to the chapter's table.
    await clickIn(page, 'Noise', 0.98);
    assert.ok((await state(page)).setup.noise > 45);
    await pickData(page, 'chapter');
    const chapter = await state(page);
    assert.equal(chapter.setup.source, 'chapter');
    assert.deepEqual(chapter.setup.sizes, [3, 4, 1]);
    assert.equal(chapter.inputs.length, 4);
  });

  test('hidden layers and neurons: add, remove, the limits, activation per layer', async () => {
    await pickData(page, 'circle');
    assert.deepEqual(await sizesOf(page), [2, 4, 4, 1]);
    await click(page, 'Add layer');
    assert.deepEqual(await sizesOf(page), [2, 4, 4, 4, 1]);
    await click(page, 'More neurons 1');
    await click(page, 'More neurons 1');
    await click(page, 'Fewer neurons 3');
    assert.deepEqual(await sizesOf(page), [2, 6, 4, 3, 1]);
    for (let i = 0; i < 12; ++i) await click(page, 'More neurons 2');
    assert.deepEqual(await sizesOf(page), [2, 6, 16, 3, 1], 'at most 16 neurons');
    for (let i = 0; i < 6; ++i) await click(page, 'Add layer');
    assert.equal((await sizesOf(page)).length, 10, '8 hidden layers');
    await click(page, 'Add layer');
    assert.equal((await sizesOf(page)).length, 10, 'no 9th hidden layer');
    await screenshot(page, 'playground-deep.png');
    for (let i = 0; i < 8; ++i) await click(page, 'Remove layer');
    assert.deepEqual(await sizesOf(page), [2, 1], 'no hidden layer: logistic regression');
    await click(page, 'Add layer');
    // The layer's activation from its menu.
    await click(page, 'Activation 1');
    await click(page, 'Activation 1 relu');
    const s = await state(page);
    assert.deepEqual(s.activations, ['relu', 'sigmoid']);
    // Features change the inputs.
    await click(page, 'feature x1^2');
    await click(page, 'feature x1*x2');
    const f = await state(page);
    assert.equal(f.setup.features, 'x1,x2,x1^2,x1*x2');
    assert.equal(f.setup.sizes[0], 4);
    assert.equal(f.inputs[0].length, 4);
    const [x1, x2] = [f.inputs[0][0], f.inputs[0][1]];
    assert.ok(Math.abs(f.inputs[0][2] - x1 * x1) < 1e-12);
    assert.ok(Math.abs(f.inputs[0][3] - x1 * x2) < 1e-12);
    // A refused change says why and leaves the network as it was: cross-entropy needs a
    // sigmoid output.
    await click(page, 'Output activation');
    await click(page, 'Output activation tanh');
    const refused = await state(page);
    assert.match(refused.setup.error, /cross-entropy/);
    assert.deepEqual(refused.activations, ['relu', 'sigmoid']);
    assert.ok(await rect(page, 'Setup error'));
  });

  test('the spiral trains to a test loss below 0.05 and the stop rule halts it', async () => {
    // A page of its own, so that seed 1 and data seed 0 are where the page starts; from the
    // chapter, a data set starts with two tanh layers of 4 and biases.
    const { page: fresh, errors: freshErrors } =
      await h.open('', { viewport: { width: 1600, height: 1000 } });
    const page = fresh;
    await pickData(page, 'spiral');
    for (const f of ['x1^2', 'x2^2', 'sin(x1)', 'sin(x2)']) await click(page, `feature ${f}`);
    for (let i = 0; i < 4; ++i) await click(page, 'More neurons 1');
    for (let i = 0; i < 4; ++i) await click(page, 'More neurons 2');
    let s = await state(page);
    assert.deepEqual(s.setup.sizes, [6, 8, 8, 1]);
    assert.ok(s.test.meanLoss > 0.3, `untrained test loss ${s.test.meanLoss}`);
    // The learning rate a third of the default: with 0.003 gradient descent on this network is
    // chaotic (a change in the last bit of one sigmoid gives another run after a few hundred
    // iterations), and some runs plateau; with 0.001 runs reach 0.05 from 11 of 12 seeds,
    // natively within 2500 iterations from seed 1 (a sweep with the core, not a timing).
    await typeInto(page, 'Learning rate', '0.001');
    await click(page, 'Stop at loss');  // at the default 0.05
    await clickIn(page, 'Speed', 0.99);
    await click(page, 'Train');
    s = await waitFor(page, async (p) => {
      const st = await state(p);
      return !st.training && st.iteration > 0 ? st : null;
    }, { timeoutMs: 150000, what: 'the stop rule to halt training' });
    assert.equal(s.diverged, false);
    assert.match(s.stopMessage, /loss/);
    assert.ok(s.test.meanLoss <= 0.05, `test loss ${s.test.meanLoss}`);
    assert.ok(s.test.accuracy >= 0.95, `test accuracy ${s.test.accuracy}`);
    assert.ok(s.train.accuracy >= 0.95, `training accuracy ${s.train.accuracy}`);
    assert.ok(await rect(page, 'Stop message'));
    await page.mouse.move(5, 5);  // no tooltip over the status line in the picture
    await nextFrames(page, 2);
    await screenshot(page, 'playground-spiral-trained.png');
    assert.deepEqual(freshErrors, []);
    await page.close();
  });

  test('click a link or a node, type a weight or a bias; bad values are refused', async () => {
    await pickData(page, 'chapter');  // then two tanh layers of 4 with biases, as forward() expects
    await pickData(page, 'circle');
    // A double click opens the box to type a weight (a single click only selects it).
    const editing = async (p) => (await state(p)).weightEdit !== null;
    await doubleClick(page, 'link W2[1][0]', editing);
    let s = await state(page);
    assert.deepEqual(s.weightEdit, { layer: 2, row: 1, col: 0 });
    await keysReady(page);
    await press(page, 'Control+A');
    await page.keyboard.type('0.625');
    await press(page, 'Enter');
    s = await state(page);
    assert.equal(s.weights[1][1][0], 0.625);
    assert.equal(s.weightEdit, null);
    // Training goes on from the typed weight.
    const it = s.iteration;
    await click(page, 'Step');
    s = await state(page);
    assert.equal(s.iteration, it + 1);
    assert.notEqual(s.weights[1][1][0], 0.625);

    await doubleClick(page, 'node a1[2]', editing);
    assert.deepEqual((await state(page)).weightEdit, { layer: 1, row: -1, col: 2 });
    await keysReady(page);
    await press(page, 'Control+A');
    await page.keyboard.type('-1.5');
    await press(page, 'Enter');
    s = await state(page);
    assert.equal(s.biasValues[0][2], -1.5);
    await screenshot(page, 'playground-weight-typed.png');

    await click(page, 'link W1[0][0]');  // select it, then the Equations tab's Edit button
    await click(page, 'Edit selected weight');
    assert.deepEqual((await state(page)).weightEdit, { layer: 1, row: 0, col: 0 });
    await keysReady(page);
    const w = (await state(page)).weights[0][0][0];
    await press(page, 'Control+A');
    await page.keyboard.type('1e9');
    await press(page, 'Enter');
    s = await state(page);
    assert.match(s.weightError, /-1e6 to 1e6/);
    assert.equal(s.weights[0][0][0], w, 'unchanged');
    await press(page, 'Escape');
    assert.equal((await state(page)).weightEdit, null);
  });

  test('click the plot to add a point, right click to remove it', async () => {
    await pickData(page, 'gaussians');
    const n = (await state(page)).trainPoints;
    await click(page, 'Add class 0');
    // (x1, x2) = (4.8, 4.8): the far top-right corner, away from the data.
    await clickIn(page, 'Data plot', 0.9, 0.1);
    let s = await state(page);
    assert.equal(s.trainPoints, n + 1);
    assert.equal(s.setup.source, 'custom');
    const last = s.inputs.at(-1);
    assert.ok(Math.abs(last[0] - 4.8) < 0.1 && Math.abs(last[1] - 4.8) < 0.1, `${last}`);
    assert.equal(s.targets.at(-1), 0);
    // The link keeps the points where they were: the added one trains, the test set is the same.
    const link = await page.evaluate(() => window.backprop.link({ weights: true }));
    assert.match(link, /[?&]testrows=\d+(&|$)/);
    const other = await h.open(link.slice(h.base.length));
    const o = await state(other.page);
    assert.equal(o.message, '', 'the link is read without complaint');
    assert.equal(o.trainPoints, s.trainPoints);
    assert.equal(o.testPoints, s.testPoints);
    assert.deepEqual(o.inputs, s.inputs, 'the same training points, in the same order');
    assert.deepEqual(o.targets, s.targets);
    assert.deepEqual(o.test, s.test, 'the same test points: the same test loss');
    assert.deepEqual(other.errors, []);
    await other.page.close();
    await clickIn(page, 'Data plot', 0.9, 0.1, { button: 'right' });
    s = await state(page);
    assert.equal(s.trainPoints, n);
    await clickIn(page, 'Data plot', 0.9, 0.1);
    await clickIn(page, 'Data plot', 0.9, 0.1, { modifiers: ['Shift'] });
    assert.equal((await state(page)).trainPoints, n, 'Shift+click removes too');
  });

  test('paste a CSV and load it; a malformed row is named and nothing else changes', async () => {
    await pickData(page, 'custom');
    const rows = [];
    for (let i = 0; i < 40; ++i) {
      const x1 = ((i * 37) % 100) / 10 - 5, x2 = ((i * 53) % 100) / 10 - 5;
      rows.push(`${x1},${x2},${x1 * x2 > 0 ? 1 : 0}`);
    }
    await paste(page, 'CSV text', `x1,x2,label\n${rows.join('\n')}\n`);
    await click(page, 'Load CSV');
    let s = await state(page);
    assert.equal(s.setup.source, 'custom');
    assert.match(s.csvMessage, /Loaded 40 points/);
    assert.equal(s.trainPoints + s.testPoints, 40);
    assert.equal(s.setup.loss, 'cross_entropy');
    await screenshot(page, 'playground-csv.png');

    const before = s;
    await paste(page, 'CSV text', 'x1,x2,label\n1,2,1\n3,oops,0\n');
    await click(page, 'Load CSV');
    s = await state(page);
    assert.match(s.csvMessage, /line 3/);
    assert.match(s.csvMessage, /oops/);
    assert.deepEqual(s.inputs, before.inputs, 'the data is unchanged');
    assert.deepEqual(s.weights, before.weights, 'the weights are unchanged');
    // One limit for data values in every format (docs/format.md): |value| <= 1000.
    await paste(page, 'CSV text', '1,2,1\n4000,2,0\n');
    await click(page, 'Load CSV');
    assert.match((await state(page)).csvMessage, /line 2, column 1: '4000' is outside -1000 to 1000/);
  });

  test('loss, batch size and regularization change without a reset', async () => {
    await pickData(page, 'circle');
    await click(page, 'Step');
    await click(page, 'Step');
    const w = (await state(page)).weights;
    await click(page, 'Regularization');
    await click(page, 'Regularization L2');
    await typeInto(page, 'Regularization rate', '0.01');
    await click(page, 'Loss');
    await click(page, 'Loss squared error');
    await clickIn(page, 'Batch size', 0.02);
    const s = await state(page);
    assert.equal(s.setup.regularization, 'l2');
    assert.equal(s.setup.regularizationRate, 0.01);
    assert.equal(s.setup.loss, 'squared_error');
    assert.ok(s.setup.batchSize >= 1 && s.setup.batchSize < 10, `batch ${s.setup.batchSize}`);
    assert.equal(s.iteration, 2, 'the iteration count stays');
    assert.deepEqual(s.weights, w, 'the weights stay');
    await typeInto(page, 'Regularization rate', '-3');
    assert.match((await state(page)).setup.error, /regularization rate/);
    assert.equal((await state(page)).setup.regularizationRate, 0.01);
  });
});
