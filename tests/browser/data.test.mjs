// The data table, Try an input and the loss curve, with real clicks and key presses: editing
// inputs and targets, bad values refused with a message naming the cell, adding and removing
// rows, the chapter's data back; the trained network's answer to any input against a JS
// computation from the weights; the loss curve's hover read-out and log scale.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { clickIn, nextFrames, press, rect, reveal, screenshot, start, state, typeInto } from './harness.mjs';

const click = (page, name) => clickIn(page, name);

const chapterInputs = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]];
const chapterTargets = [0, 1, 1, 0];
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
// a2 = s(s(x W1) W2) for one input row, from the weights state() reports.
function forward(x, [w1, w2]) {
  const a1 = w1[0].map((_, j) => sigmoid(x.reduce((sum, xi, i) => sum + xi * w1[i][j], 0)));
  return sigmoid(a1.reduce((sum, ai, j) => sum + ai * w2[j][0], 0));
}

// One server and browser for the whole file: each describe's pages reuse the WebAssembly
// the first page compiled (harness.mjs).
let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

describe('the data table', () => {
  let page;
  let errors;
  before(async () => {
    ({ page, errors } = await h.open());
    await page.evaluate(() => window.backprop.step(50));
  });
  after(async () => { await page?.close(); });

  test('shows the chapter\'s four rows, each cell editable', async () => {
    const s = await state(page);
    assert.deepEqual(s.inputs, chapterInputs);
    assert.deepEqual(s.targets, chapterTargets);
    for (let r = 1; r <= 4; ++r) {
      for (let c = 1; c <= 3; ++c) assert.ok(await rect(page, `x${r},${c}`), `x${r},${c}`);
      assert.ok(await rect(page, `y${r}`));
      assert.ok(await rect(page, `Remove row ${r}`));
    }
    await screenshot(page, 'data-initial.png');
  });

  test('typing a new input or target changes the data and keeps the weights', async () => {
    const before = await state(page);
    await typeInto(page, 'x2,1', '0.5');
    let s = await state(page);
    assert.deepEqual(s.inputs[1], [0.5, 1, 1]);
    assert.equal(s.iteration, before.iteration);
    assert.deepEqual(s.weights, before.weights);
    assert.notEqual(s.outputs[1], before.outputs[1], 'the output of the edited row follows');
    assert.equal(s.dataError, '');

    await typeInto(page, 'y3', '0.25');
    s = await state(page);
    assert.deepEqual(s.targets, [0, 1, 0.25, 0]);
    assert.equal(s.iteration, before.iteration);
    await screenshot(page, 'data-edited.png');
  });

  test('a bad value is refused with a message naming the row and column; the data stays', async () => {
    const before = await state(page);
    await typeInto(page, 'y1', '2');
    let s = await state(page);
    assert.match(s.dataError, /row 1, target y: 2 is outside 0 to 1/);
    assert.deepEqual(s.targets, before.targets);
    assert.deepEqual(s.inputs, before.inputs);
    assert.ok(await rect(page, 'Data error'), 'the message is on the page');
    await screenshot(page, 'data-bad-value.png');

    await typeInto(page, 'x4,2', '5000');
    s = await state(page);
    assert.match(s.dataError, /row 4, x2: 5000 is outside -1000 to 1000/);
    assert.deepEqual(s.inputs, before.inputs);

    await typeInto(page, 'x1,1', '1e999');
    s = await state(page);
    // Read as links and files are (bp::read_number): named as typed, not as 'inf'.
    assert.match(s.dataError, /row 1, x1: '1e999' is too large for a number/);
    assert.deepEqual(s.inputs, before.inputs);
    assert.deepEqual(s.weights, before.weights);

    await typeInto(page, 'x1,1', '0');  // a good edit clears the message
    s = await state(page);
    assert.equal(s.dataError, '');
    assert.equal(await rect(page, 'Data error'), null);
  });

  test('rows are added (a copy of the last) and removed, between 1 and 16', async () => {
    const before = await state(page);
    await click(page, 'Add row');
    let s = await state(page);
    assert.equal(s.inputs.length, 5);
    assert.deepEqual(s.inputs[4], s.inputs[3]);
    assert.equal(s.targets[4], s.targets[3]);
    assert.equal(s.outputs.length, 5);
    assert.deepEqual(s.weights, before.weights);
    await typeInto(page, 'x5,1', '0.3');
    s = await state(page);
    assert.deepEqual(s.inputs[4], [0.3, 1, 1]);
    await screenshot(page, 'data-added-row.png');

    await click(page, 'Remove row 2');
    s = await state(page);
    assert.equal(s.inputs.length, 4);
    assert.deepEqual(s.inputs, [before.inputs[0], before.inputs[2], before.inputs[3], [0.3, 1, 1]]);
    assert.deepEqual(s.targets, [before.targets[0], before.targets[2], before.targets[3], before.targets[3]]);

    // Down to one row: its Remove button is disabled.
    for (let n = 4; n > 1; --n) await click(page, `Remove row ${n}`);
    assert.equal((await state(page)).inputs.length, 1);
    await click(page, 'Remove row 1');
    assert.equal((await state(page)).inputs.length, 1, 'the last row stays');
    // Up to sixteen: Add row is disabled.
    for (let n = 1; n < 18; ++n) await click(page, 'Add row');
    assert.equal((await state(page)).inputs.length, 16);
    assert.equal(await page.evaluate(() => window.backprop.step(20)), 20, 'trains on 16 rows');
    await screenshot(page, 'data-16-rows.png');
  });

  test('"Back to the chapter\'s data" restores the four rows', async () => {
    await click(page, 'Chapter\'s data');
    const s = await state(page);
    assert.deepEqual(s.inputs, chapterInputs);
    assert.deepEqual(s.targets, chapterTargets);
    assert.deepEqual(errors, []);
  });
});

describe('try an input', () => {
  test('the chapter\'s [1, 0, 1] is prefilled; any input gives the network\'s own output', async () => {
    const { page, errors } = await h.open();
    await page.evaluate(() => window.backprop.step(1000));
    await click(page, 'tab Try an input');
    let s = await state(page);
    assert.deepEqual(s.tryInput, [1, 0, 1]);
    assert.ok(Math.abs(s.tryOutput[0] - forward([1, 0, 1], s.weights)) < 1e-12);
    assert.ok(s.tryOutput[0] > 0.85, `trained output for [1, 0, 1] is ${s.tryOutput[0]}`);
    assert.ok(await rect(page, 'Try input output'));
    await screenshot(page, 'data-try-input.png');

    // Type 0.3, 0.7, 1 into the three fields.
    const values = ['0.3', '0.7', '1'];
    for (let i = 0; i < 3; ++i) {
      await clickIn(page, 'Try input', (2 * i + 1) / 6);
      await press(page, 'Control+A');
      await page.keyboard.type(values[i]);
      await press(page, 'Enter');
    }
    await nextFrames(page, 3);
    s = await state(page);
    assert.deepEqual(s.tryInput, [0.3, 0.7, 1]);
    const expected = forward([0.3, 0.7, 1], s.weights);
    assert.ok(Math.abs(s.tryOutput[0] - expected) < 1e-12, `${s.tryOutput[0]} vs JS ${expected}`);
    await screenshot(page, 'data-try-input-typed.png');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('the loss curve', () => {
  test('hovering reads the loss of an iteration; log scale puts the curve on a log axis', async () => {
    const { page, errors } = await h.open();
    await page.evaluate(() => window.backprop.step(1200));
    await nextFrames(page, 2);
    await reveal(page, 'Loss plot');
    const r = await rect(page, 'Loss plot');
    assert.ok(r, 'the plot is drawn');
    // The point the mouse reads at a fraction of the plot's width, with where its marker sits.
    const hoverAt = async (fx) => {
      await page.mouse.move(r.x + r.w * fx, r.y + r.h * 0.5);
      await nextFrames(page, 3);
      return state(page);
    };
    const s = await hoverAt(0.5);
    assert.ok(s.lossHover, 'the hover read-out is set');
    assert.ok(s.lossHover.iteration > 300 && s.lossHover.iteration < 900, `hover at ${s.lossHover.iteration}`);
    assert.ok(await rect(page, 'Loss tooltip'), 'the tooltip is shown');
    await screenshot(page, 'data-loss-hover.png');

    // A linear axis: labels from 0 in equal steps, and a marker's height proportional to its loss.
    const linear = s.lossTicks.map(Number);
    assert.equal(linear[0], 0, `linear labels ${s.lossTicks}`);
    assert.ok(linear.length >= 3);
    for (let i = 2; i < linear.length; ++i) {
      assert.ok(Math.abs((linear[i] - linear[i - 1]) - linear[1]) < 1e-9 * linear[1], `equal steps: ${s.lossTicks}`);
    }
    const late = await hoverAt(0.9);
    assert.ok(late.lossHover.iteration > 900 && late.lossHover.loss < s.lossHover.loss);
    const ratio = (late.lossHover.height / s.lossHover.height) / (late.lossHover.loss / s.lossHover.loss);
    assert.ok(Math.abs(ratio - 1) < 1e-4, `linear: heights in the ratio of the losses (${ratio})`);

    // The value read is the loss before that iteration's update: rerun to there and compare.
    const again = await page.evaluate((n) => {
      window.backprop.restart();
      window.backprop.step(n - 1);
      const loss = window.backprop.state().loss;
      window.backprop.step(1200 - (n - 1));
      return loss;
    }, s.lossHover.iteration);
    assert.equal(s.lossHover.loss, again);

    await page.mouse.move(r.x + r.w / 2, r.y - 12);  // above the plot
    await nextFrames(page, 2);
    assert.equal((await state(page)).lossHover, null);
    await click(page, 'Log scale');
    assert.equal((await state(page)).logScale, true);

    // A log axis: labels are whole powers of ten, a decade apart (the curve spans few decades here),
    // and a marker sits at log10 of its loss between the bottom and top decades.
    for (const fx of [0.5, 0.9]) {
      const l = await hoverAt(fx);
      const decades = l.lossTicks.map((t) => Math.log10(Number(t)));
      assert.ok(decades.length >= 2, `log labels ${l.lossTicks}`);
      decades.forEach((d, i) => assert.ok(Math.abs(d - (decades[0] + i)) < 1e-9, `log labels ${l.lossTicks}`));
      const expected = (Math.log10(l.lossHover.loss) - decades[0]) / (decades.at(-1) - decades[0]);
      assert.ok(Math.abs(l.lossHover.height - expected) < 1e-4,
        `log: the marker of loss ${l.lossHover.loss} at ${l.lossHover.height} of the height, log10 puts it at ${expected}`);
    }
    assert.ok((await state(page)).lossHover.iteration > 900);
    await screenshot(page, 'data-loss-log.png');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
