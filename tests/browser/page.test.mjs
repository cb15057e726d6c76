// The page in headless Chromium: it loads without errors, real mouse clicks on the ImGui
// buttons train, pause, step and reset the network, and the numbers the page reports
// (window.backprop.state(), all from the C++ core) behave as the chapter says.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { click, nextFrames, press, screenshot, start, state, waitFor } from './harness.mjs';

const targets = [0, 1, 1, 0];
const maxError = (s) => Math.max(...s.outputs.map((a, i) => Math.abs(a - s.targets[i])));
const closeToTargets = (s) => maxError(s) < 0.15;

// The numbers a panel shows as text: state().text[name] is what the last frame drew there,
// and the rest of the same state() is what it drew them from.
const numbersIn = (text) => (text?.match(/-?\d+\.\d+(?:e[-+]?\d+)?/g) ?? []).map(Number);
const outputsShown = (s) => s.outputs.flatMap((a, i) => [a, a - s.targets[i]]).map((v) => +v.toFixed(4));

// One server and browser for the whole file: each describe's pages reuse the WebAssembly
// the first page compiled (harness.mjs).
let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

describe('the page', () => {
  let page;
  let errors;

  before(async () => {
    ({ page, errors } = await h.open());
  });
  after(async () => { await page?.close(); });

  test('loads, draws its first frame and reports the untrained network', async () => {
    const s = await state(page);
    assert.equal(s.iteration, 0);
    assert.equal(s.training, false);
    assert.equal(s.diverged, false);
    assert.equal(s.message, '');
    assert.deepEqual(s.targets, targets);
    assert.deepEqual(s.inputs, [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]);
    assert.equal(s.outputs.length, 4);
    assert.equal(s.weights.length, 2);
    assert.deepEqual(s.weights.map((w) => [w.length, w[0].length]), [[3, 4], [4, 1]]);
    assert.ok(s.weights.flat(2).every((v) => v >= 0 && v < 1), 'initial weights are uniform in [0, 1)');
    assert.ok(!closeToTargets(s), 'the untrained network is not already right');
    assert.equal(await page.locator('#error').isHidden(), true);
    assert.equal(await page.locator('#status').isHidden(), true);
    await screenshot(page, 'page-initial.png');
    // The table shows each output a2 and its error a2 - y, to 4 decimals.
    assert.deepEqual(numbersIn(s.text['Data table']), outputsShown(s));
    await click(page, 'tab Matrices');  // the weights are on the Matrices tab
    assert.deepEqual(errors, []);
  });

  test('a mouse click on Train starts training', async () => {
    const before = (await state(page)).iteration;
    await click(page, 'Train');
    const s = await waitFor(page, async (p) => {
      const now = await state(p);
      return now.training && now.iteration > before && now;
    }, { what: 'training to start' });
    assert.equal(s.training, true);
    assert.ok(await page.evaluate(() => window.backprop.widgetRect('Pause')), 'the button now says Pause');
    assert.equal(await page.evaluate(() => window.backprop.widgetRect('Train')), null);
  });

  test('within seconds the outputs come within 0.15 of the targets 0, 1, 1, 0', async () => {
    const s = await waitFor(page, async (p) => {
      const now = await state(p);
      return closeToTargets(now) && now;
    }, { timeoutMs: 20000, what: 'outputs within 0.15 of the targets' });
    assert.ok(s.iteration > 0 && s.loss < 0.05, `loss ${s.loss} after ${s.iteration} iterations`);
    await nextFrames(page, 2);
    await screenshot(page, 'page-trained.png');
    // What the student reads follows the training: the table's outputs and, on the Matrices
    // tab, W1's entries (3 decimals there) are the ones state() reports in the same frame.
    const now = await state(page);
    assert.deepEqual(numbersIn(now.text['Data table']), outputsShown(now));
    const w1 = numbersIn(now.text.W1);
    assert.equal(w1.length, 12, `W1's 3x4 entries: ${now.text.W1}`);
    w1.forEach((v, k) => {
      const w = now.weights[0][Math.floor(k / 4)][k % 4];
      assert.ok(Math.abs(v - w) <= 0.0005 + 1e-9, `W1 entry ${k}: shown ${v}, state ${w}`);
    });
    assert.deepEqual(errors, []);
  });

  test('Pause stops training, Step does exactly one iteration, Reset starts over', async () => {
    await click(page, 'Pause');
    const paused = await state(page);
    assert.equal(paused.training, false);
    await nextFrames(page, 5);
    assert.equal((await state(page)).iteration, paused.iteration, 'no iterations while paused');
    assert.ok(await page.evaluate(() => window.backprop.widgetRect('Train')), 'the button says Train again');

    await click(page, 'Step');
    const stepped = await state(page);
    assert.equal(stepped.iteration, paused.iteration + 1);
    assert.equal(stepped.training, false);
    assert.notDeepEqual(stepped.weights, paused.weights, 'a step changes the weights');

    await click(page, 'Reset');
    const reset = await state(page);
    assert.equal(reset.iteration, 0);
    assert.equal(reset.training, false);
    assert.equal(reset.seed, stepped.seed + 1, 'Reset draws from the next seed');
    assert.notDeepEqual(reset.weights, stepped.weights);
    assert.deepEqual(errors, []);
  });

  test('the script handle: reset, then step(1000) reaches the targets like the chapter', async () => {
    const s = await page.evaluate(() => {
      window.backprop.reset();
      const done = window.backprop.step(1000);
      return { done, state: window.backprop.state() };
    });
    assert.equal(s.done, 1000);
    assert.equal(s.state.iteration, 1000);
    assert.equal(s.state.training, false);
    assert.ok(closeToTargets(s.state), `outputs ${s.state.outputs} are within 0.15 of ${targets}`);
    assert.ok(Number.isFinite(s.state.loss) && s.state.loss < 0.05);
    // The page shows what state() says: drawing the next frame changes nothing.
    await nextFrames(page, 2);
    assert.deepEqual((await state(page)).weights, s.state.weights);
  });

  test('a learning rate the core refuses is shown and not used', async () => {
    const message = await page.evaluate(() => window.backprop.setLearningRate(-1));
    assert.match(message, /greater than 0/);
    const s = await state(page);
    assert.equal(s.learningRate, 1);
    assert.match(s.message, /greater than 0/);
    assert.equal(await page.evaluate(() => window.backprop.setLearningRate(1)), '');
    assert.equal((await state(page)).message, '');
  });
});

describe('divergence', () => {
  // The chapter's sigmoid network cannot diverge (its sigmoids saturate at 0 and 1 instead),
  // so this uses a link that makes the output linear: a large learning rate then blows up.
  test('a learning rate typed into the page that blows up stops training with a message', async () => {
    const { page, errors } = await h.open('?activations=tanh,linear&lr=0.1');
    assert.deepEqual((await state(page)).activations, ['tanh', 'linear']);

    // Type 10 into the learning-rate field with the keyboard, as a student would.
    await click(page, 'Learning rate');
    await press(page, 'Control+A');
    await page.keyboard.type('10');
    await press(page, 'Enter');
    await nextFrames(page, 2);
    assert.equal((await state(page)).learningRate, 10);

    await click(page, 'Train');
    const s = await waitFor(page, async (p) => {
      const now = await state(p);
      return now.diverged && now;
    }, { what: 'divergence' });
    await nextFrames(page, 2);
    const after = await state(page);
    assert.equal(after.training, false, 'training stopped');
    assert.equal(after.iteration, s.iteration, 'and stays stopped');
    assert.match(after.message, /diverged at iteration \d+/);
    assert.match(after.message, /learning rate \(10\)/);
    assert.ok(after.outputs.some((v) => v === null) || after.loss === null, 'non-finite numbers are null');
    await screenshot(page, 'page-diverged.png');

    // Train refuses; Restart goes back to the initial weights.
    assert.equal(await page.evaluate(() => { window.backprop.train(); return window.backprop.state().training; }), false);
    await page.evaluate(() => window.backprop.setLearningRate(0.1));
    await click(page, 'Restart');
    const restarted = await state(page);
    assert.equal(restarted.iteration, 0);
    assert.equal(restarted.diverged, false);
    assert.equal(restarted.message, '');
    assert.equal(await page.evaluate(() => window.backprop.step(200)), 200);
    assert.equal((await state(page)).diverged, false, 'a small learning rate trains fine');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('problems are shown in the page', () => {
  test('a bad setting in the link is named, and the defaults are used', async () => {
    const { page, errors } = await h.open('?lr=fast');
    const s = await state(page);
    assert.match(s.message, /lr: 'fast' is not a number/);
    assert.equal(s.learningRate, 1);
    await screenshot(page, 'page-bad-link.png');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('without WebGL2 the page says so instead of showing a blank canvas', async () => {
    const { page } = await h.open('', {
      waitReady: false,
      prepare: (p) => p.addInitScript(() => {
        const original = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
          return type === 'webgl2' ? null : original.call(this, type, ...rest);
        };
      }),
    });
    await page.locator('#error').waitFor({ state: 'visible' });
    assert.match(await page.locator('#error').innerText(), /needs WebGL 2/);
    assert.equal(await page.locator('#canvas').isHidden(), true);
    await assert.rejects(page.evaluate(() => window.backprop.ready), /WebGL 2/);
    await screenshot(page, 'page-no-webgl2.png');
    await page.close();
  });

  test('if the .wasm file cannot be loaded the page says so', async () => {
    const { page } = await h.open('', {
      waitReady: false,
      prepare: (p) => p.route('**/backprop.wasm', (route) => route.fulfill({ status: 404, body: 'gone' })),
    });
    await page.locator('#error').waitFor({ state: 'visible', timeout: 20000 });
    assert.match(await page.locator('#error').innerText(), /could not start/i);
    assert.equal(await page.locator('#canvas').isHidden(), true);
    await page.close();
  });
});

describe('canvas size', () => {
  const canvasSize = (page) => page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight };
  });

  test('on a high-density screen the canvas has one pixel per device pixel, and clicks still land', async () => {
    const { page, errors } = await h.open('', { deviceScaleFactor: 2 });
    assert.deepEqual(await canvasSize(page), { width: 2560, height: 1600, cssWidth: 1280, cssHeight: 800 });
    await click(page, 'Step');
    assert.equal((await state(page)).iteration, 1);
    await screenshot(page, 'page-dpr2.png');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the canvas follows the window when it is resized', async () => {
    const { page, errors } = await h.open('');
    await page.setViewportSize({ width: 900, height: 700 });
    await waitFor(page, async (p) => (await canvasSize(p)).width === 900, { what: 'the canvas to resize' });
    assert.deepEqual(await canvasSize(page), { width: 900, height: 700, cssWidth: 900, cssHeight: 700 });
    await click(page, 'Step');
    assert.equal((await state(page)).iteration, 1);
    await screenshot(page, 'page-900x700.png');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
