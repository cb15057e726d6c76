// The control bar and the status messages, driven by real mouse clicks and key presses:
// Train/Pause, Step (and Next phase in walkthrough mode), Reset, Restart, Seed, Learning rate,
// Speed; the intro; the divergence message (tanh, linear, lr 10) and the saturation message
// (the chapter's sigmoids at lr 50), each with its one-click way back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  click, nextFrames, press, rect, screenshot, start, state, typeInto, waitFor,
} from './harness.mjs';

// A real click at a fraction of a tracked widget's width (for the speed slider).
async function clickAt(page, name, fraction) {
  const r = await rect(page, name);
  assert.ok(r, `${name} is drawn`);
  const x = r.x + Math.min(Math.max(r.w * fraction, 2), r.w - 2);
  const y = r.y + r.h / 2;
  await page.mouse.move(x, y);
  await nextFrames(page, 2);
  await page.mouse.down();
  await nextFrames(page, 2);
  await page.mouse.up();
  await nextFrames(page, 2);
}

// One server and browser for the whole file: each describe's pages reuse the WebAssembly
// the first page compiled (harness.mjs).
let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

describe('controls', () => {
  let page;
  let errors;

  before(async () => {
    ({ page, errors } = await h.open());
  });
  after(async () => { await page?.close(); });

  test('the intro explains the page and folds into a "What is this?" link', async () => {
    assert.equal((await state(page)).introOpen, true);
    await screenshot(page, 'controls-intro.png');
    await click(page, 'Hide intro');
    assert.equal((await state(page)).introOpen, false);
    assert.equal(await rect(page, 'Hide intro'), null);
    await screenshot(page, 'controls-intro-hidden.png');
    await click(page, 'What is this?');
    assert.equal((await state(page)).introOpen, true);
    assert.ok(await rect(page, 'Hide intro'));
    assert.deepEqual(errors, []);
  });

  test('Train and Pause are one button; Step runs exactly one iteration', async () => {
    await click(page, 'Train');
    await waitFor(page, async (p) => (await state(p)).iteration > 5, { what: 'training' });
    assert.equal((await state(page)).training, true);
    assert.ok(await rect(page, 'Pause'));
    assert.equal(await rect(page, 'Train'), null);
    await click(page, 'Pause');
    const paused = await state(page);
    assert.equal(paused.training, false);
    await nextFrames(page, 5);
    assert.equal((await state(page)).iteration, paused.iteration);
    await click(page, 'Step');
    const stepped = await state(page);
    assert.equal(stepped.iteration, paused.iteration + 1);
    assert.notDeepEqual(stepped.weights, paused.weights);
  });

  test('Walkthrough mode turns Step into Next phase, one phase per click', async () => {
    const before = await state(page);
    await click(page, 'Walkthrough mode');
    assert.equal((await state(page)).walkthrough, true);
    assert.equal(await rect(page, 'Step'), null);
    await click(page, 'Next phase');
    let s = await state(page);
    assert.equal(s.phasesDone, 1);
    assert.deepEqual(s.phase, { kind: 'forward', layer: 1 });
    assert.equal(s.iteration, before.iteration);
    await screenshot(page, 'controls-walkthrough.png');
    for (let i = 1; i < s.phaseCount; ++i) await click(page, 'Next phase');
    s = await state(page);
    assert.equal(s.iteration, before.iteration + 1, 'a whole iteration after all phases');
    assert.equal(s.phasesDone, 0);
    assert.deepEqual(s.phase, { kind: 'update', layer: 0 });
    await click(page, 'Walkthrough mode');
    assert.equal((await state(page)).walkthrough, false);
    assert.ok(await rect(page, 'Step'));
  });

  test('Reset draws new weights from the next seed; Restart returns to this seed\'s', async () => {
    const before = await state(page);
    await click(page, 'Reset');
    const reset = await state(page);
    assert.equal(reset.seed, before.seed + 1);
    assert.equal(reset.iteration, 0);
    assert.notDeepEqual(reset.weights, before.weights);
    for (let i = 0; i < 3; ++i) await click(page, 'Step');
    assert.equal((await state(page)).iteration, 3);
    await click(page, 'Restart');
    const restarted = await state(page);
    assert.equal(restarted.iteration, 0);
    assert.equal(restarted.seed, reset.seed);
    assert.deepEqual(restarted.weights, reset.weights);
  });

  test('typing a seed and Enter gives that seed\'s initial weights (same as the link ?seed=42)', async () => {
    await typeInto(page, 'Seed', '42');
    const s = await state(page);
    assert.equal(s.seed, 42);
    assert.equal(s.iteration, 0);
    const other = await h.open('?seed=42');
    const linked = await state(other.page);
    assert.deepEqual(s.weights, linked.weights);
    await other.page.close();
    await click(page, 'Reset');
    assert.equal((await state(page)).seed, 43);
    await screenshot(page, 'controls-seed.png');
  });

  test('the learning rate field takes a value on Enter; a bad one is shown and not used', async () => {
    await typeInto(page, 'Learning rate', '0.5');
    assert.equal((await state(page)).learningRate, 0.5);
    // Typed numbers are read as links, files and scripts read them (bp::read_number).
    for (const [typed, said] of [['1e-400', /learning rate: '1e-400' is too small for a number: it would round to 0 \(underflow\)/],
                                 ['.5', /learning rate: '\.5' is not a number/],
                                 ['1e', /learning rate: '1e' is not a number/]]) {
      await typeInto(page, 'Learning rate', typed);
      const refused = await state(page);
      assert.equal(refused.learningRate, 0.5, `${typed} changed nothing`);
      assert.match(refused.message, said);
    }
    await typeInto(page, 'Learning rate', '-3');
    const s = await state(page);
    assert.equal(s.learningRate, 0.5);
    assert.match(s.message, /greater than 0/);
    await screenshot(page, 'controls-bad-learning-rate.png');
    await typeInto(page, 'Learning rate', '1');
    assert.equal((await state(page)).learningRate, 1);
    assert.equal((await state(page)).message, '');
  });

  test('Speed: the slider goes from 1 iteration a second to as many as fit in a frame', async () => {
    // How many iterations a frame owes at a speed (speed x the frame's time) is unit-tested
    // with a clock the test sets (tests/unit/test_app_actions.cpp); here the slider and what
    // each frame did, as the page reports it, without reading the clock.
    const running = async (atLeast) => waitFor(page, async (p) => {
      const s = await state(p);
      return s.iteration >= atLeast && s;
    }, { timeoutMs: 60000, what: `${atLeast} iterations` });

    // The left end: one iteration per second, so no frame runs more than one.
    await clickAt(page, 'Speed', 0);
    assert.equal((await state(page)).speed, 1);
    await click(page, 'Restart');
    await click(page, 'Train');
    const slow = await running(2);
    await click(page, 'Pause');
    assert.ok(slow.frameBudget.iterations <= 1, `${slow.frameBudget.iterations} in one frame at 1/s`);
    assert.equal(slow.frameBudget.cut, false);

    // About 200 per second (the middle): a frame owes its share of a second, well under 200,
    // and is not cut by the budget.
    await clickAt(page, 'Speed', 2.3 / 5.6);
    const speed = (await state(page)).speed;
    assert.ok(speed >= 150 && speed <= 260, `speed ${speed}`);
    await click(page, 'Restart');
    await click(page, 'Train');
    const mid = await running(50);
    await click(page, 'Pause');
    assert.ok(mid.frameBudget.iterations >= 1 && mid.frameBudget.iterations < speed,
              `${mid.frameBudget.iterations} in one frame at ${speed}/s`);
    assert.equal(mid.frameBudget.cut, false);

    // The right end: as many as fit in the frame's training budget.
    await clickAt(page, 'Speed', 1);
    assert.equal((await state(page)).speed, 'max');
    await click(page, 'Restart');
    await click(page, 'Train');
    const fast = await running(5000);
    await page.mouse.move(640, 4);  // no tooltip over the message
    await nextFrames(page, 2);
    await screenshot(page, 'controls-speed-max.png');
    await click(page, 'Pause');
    assert.ok(fast.frameIterations > 500, `${fast.frameIterations} iterations in a frame at max`);
    assert.ok(fast.historyPoints <= 4096, 'the loss history stays bounded');
    assert.deepEqual(errors, []);
  });

  test('the link\'s speed is iterations per second or max; a bad one is named', async () => {
    for (const [query, want] of [['?speed=50', 50], ['?speed=max', 'max']]) {
      const o = await h.open(query);
      assert.equal((await state(o.page)).speed, want);
      await o.page.close();
    }
    const o = await h.open('?speed=0');
    assert.match((await state(o.page)).message, /speed \(iterations per second\) must be/);
    await o.page.close();
  });
});

describe('when training goes wrong', () => {
  test('divergence stops training with an explanation; Restart and a smaller rate bring it back', async () => {
    const { page, errors } = await h.open('?activations=tanh,linear&lr=10');
    await click(page, 'Train');
    await waitFor(page, async (p) => (await state(p)).diverged, { what: 'divergence' });
    await nextFrames(page, 3);
    let s = await state(page);
    assert.equal(s.training, false);
    assert.match(s.message, /diverged at iteration \d+/);
    assert.ok(await rect(page, 'Divergence message'), 'the explanation is on the page');
    await page.mouse.move(640, 4);  // no tooltip over the message
    await nextFrames(page, 2);
    await screenshot(page, 'controls-diverged.png');

    await click(page, 'Restart (message)');
    s = await state(page);
    assert.equal(s.diverged, false);
    assert.equal(s.iteration, 0);
    assert.equal(s.learningRate, 10);
    assert.equal(await rect(page, 'Divergence message'), null);

    await click(page, 'Train');
    await waitFor(page, async (p) => (await state(p)).diverged, { what: 'divergence again' });
    await nextFrames(page, 2);
    await click(page, 'Lower learning rate');
    s = await state(page);
    assert.equal(s.diverged, false);
    assert.equal(s.iteration, 0);
    assert.equal(s.learningRate, 1);
    await click(page, 'Restart');
    await typeInto(page, 'Learning rate', '0.1');
    assert.equal(await page.evaluate(() => window.backprop.step(500)), 500);
    assert.equal((await state(page)).diverged, false, 'a small enough rate trains');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('lr 50 saturates the chapter\'s sigmoids: flagged, stopped, and fixed by one click', async () => {
    const { page, errors } = await h.open('?speed=2000');
    await typeInto(page, 'Learning rate', '50');
    assert.equal((await state(page)).learningRate, 50);
    await click(page, 'Train');
    const s = await waitFor(page, async (p) => {
      const now = await state(p);
      return now.stallStopped && now;
    }, { what: 'the stall to stop training' });
    await nextFrames(page, 3);
    assert.equal(s.training, false);
    assert.equal(s.diverged, false, 'sigmoids saturate instead of overflowing');
    assert.ok(s.saturatedHidden > 0);
    assert.ok(s.loss > 0.3, `loss ${s.loss} is stuck`);
    const stuck = s.outputs.slice(1).every((a) => Math.abs(a - 0.5) < 0.05);
    assert.ok(stuck, `outputs ${s.outputs} are stuck near 0.5`);
    assert.ok(await rect(page, 'Saturation message'), 'the explanation is on the page');
    await page.mouse.move(640, 4);  // no tooltip over the message
    await nextFrames(page, 2);
    await screenshot(page, 'controls-saturated.png');

    await click(page, 'Lower learning rate');
    const fixed = await state(page);
    assert.equal(fixed.learningRate, 5);
    assert.equal(fixed.iteration, 0);
    assert.equal(fixed.stallStopped, false);
    assert.equal(await rect(page, 'Saturation message'), null);
    await page.evaluate(() => window.backprop.step(3000));
    const trained = await state(page);
    assert.ok(trained.loss < 0.01, `loss ${trained.loss} after 3000 iterations at lr 5`);
    assert.equal(trained.saturatedHidden, 0);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('the page at common sizes', () => {
  for (const [width, height, scale] of [[1280, 800, 1], [1920, 1080, 1], [1280, 800, 2]]) {
    test(`${width}x${height} at devicePixelRatio ${scale}: fills the window, nothing cut off`, async () => {
      const { page, errors } = await h.open('', { viewport: { width, height }, deviceScaleFactor: scale });
      await page.evaluate(() => window.backprop.step(400));
      await nextFrames(page, 3);
      const canvas = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return { w: c.width, h: c.height };
      });
      assert.deepEqual(canvas, { w: width * scale, h: height * scale });
      // Every control of the top bar is inside the window.
      for (const name of ['Hide intro', 'Train', 'Step', 'Reset', 'Restart', 'Seed', 'Learning rate',
                          'Speed', 'Walkthrough mode', 'Status']) {
        const r = await rect(page, name);
        assert.ok(r, `${name} is drawn`);
        assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.w <= width + 0.5 && r.y + r.h <= height + 0.5,
                  `${name} (${JSON.stringify(r)}) is inside ${width}x${height}`);
      }
      // The data table heads the right column (whole, inside the window); the loss plot fits in
      // the left column.
      const right = (await rect(page, 'tab Equations')).x;
      for (const name of ['Remove row 4', 'Add row', 'Chapter\'s data']) {
        const r = await rect(page, name);
        assert.ok(r, `${name} is drawn`);
        assert.ok(r.x >= right - 1 && r.x + r.w <= width && r.y + r.h <= height,
                  `${name} (${JSON.stringify(r)}) is in the right column, inside ${width}x${height}`);
      }
      for (const name of ['Loss plot']) {
        const r = await rect(page, name);
        assert.ok(r, `${name} is drawn`);
        assert.ok(r.x >= 0 && r.x + r.w <= right, `${name} (${JSON.stringify(r)}) ends left of ${right}`);
      }
      const name = scale === 1 ? `page-${width}x${height}.png` : `page-${width}x${height}-dpr${scale}.png`;
      await screenshot(page, name);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
