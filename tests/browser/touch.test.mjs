// Touch as a first-class input (issue 13), on an emulated phone (390x844 CSS px, 3 device pixels
// per CSS pixel, touch events only): real touch events, sent by Playwright's touchscreen or by the
// DevTools protocol, read back through state() and the widgets' rects.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { nextFrames, phone, start, state, widgetCentre } from './harness.mjs';

// Frames until fn(state) holds, at most `frames` of them: what a tap changed is drawn within a
// few frames (the finger lands, presses, lifts, leaves), whatever the time they take.
async function withinFrames(page, fn, frames, what) {
  let s;
  for (let i = 0; i <= frames; ++i) {
    s = await state(page);
    if (fn(s)) return s;
    await nextFrames(page, 1);
  }
  assert.fail(`${what} after ${frames} frames; state: ${JSON.stringify({ tooltip: s.tooltip, example: s.example, showGradients: s.showGradients })}`);
}

async function tap(page, name) {
  const { x, y } = await widgetCentre(page, name);
  await page.touchscreen.tap(x, y);
}

describe('touch on a phone', () => {
  let h;
  before(async () => { h = await start(); });
  after(async () => { await h?.stop(); });

  test('a tap acts where the finger is, with no press left over from the previous tap', async () => {
    const { page, errors, context } = await h.open('', phone);
    const first = await state(page);
    assert.equal(first.showGradients, false);
    assert.equal(first.example, 0);
    await tap(page, 'Show gradients');
    await withinFrames(page, (s) => s.showGradients, 6, 'Show gradients is not on');
    await tap(page, 'example 3');
    const s = await withinFrames(page, (v) => v.example === 2, 6, 'Example 3 is not selected');
    // The second tap pressed nothing where the first one was: Show gradients is still on.
    assert.equal(s.showGradients, true, 'the tap on Example 3 did not turn Show gradients off');
    await nextFrames(page, 4);
    const later = await state(page);
    assert.equal(later.showGradients, true);
    assert.equal(later.example, 2);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('after a tap no tooltip stays: the pointer leaves with the finger', async () => {
    const { page, errors, context } = await h.open('', phone);
    await tap(page, 'Train');
    await withinFrames(page, (s) => s.training, 6, 'Train did not start training');
    await withinFrames(page, (s) => s.tooltip === '', 4, 'the tooltip of Train is still shown');
    // And it stays gone (nothing hovers where the finger was).
    await nextFrames(page, 5);
    assert.equal((await state(page)).tooltip, '');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
