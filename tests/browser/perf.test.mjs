// The page's own speed overlay: frame time and iterations per second while training,
// folded and unfolded with real clicks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { click, nextFrames, phone, screenshot, start, state, waitFor } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

test('the corner overlay shows frame time and training speed and can be hidden', async () => {
  const { page, errors } = await h.open();
  await click(page, 'Train');
  const s = await waitFor(page, async (p) => {
    const now = await state(p);
    return now.performance.iterationsPerSecond > 0 && now;
  }, { what: 'a training speed' });
  // What the overlay reports is measured, not checked against a time here: how long a frame
  // takes on a busy machine is make bench's business, never a test's.
  assert.ok(s.performance.frameMs > 0, `frame ${s.performance.frameMs} ms`);
  assert.ok(s.performance.frameWorkMs > 0, `work ${s.performance.frameWorkMs} ms`);
  assert.equal(s.performance.shown, true);
  await screenshot(page, 'perf-overlay.png');
  await click(page, 'Hide speed');
  assert.equal((await state(page)).performance.shown, false);
  assert.equal(await page.evaluate(() => window.backprop.widgetRect('Hide speed')), null);
  // The folded overlay is narrower: ImGui resizes it a frame later, and the button moves right.
  await waitFor(page, async (p) => {
    const a = await p.evaluate(() => window.backprop.widgetRect('Show speed'));
    await nextFrames(p, 1);
    const b = await p.evaluate(() => window.backprop.widgetRect('Show speed'));
    return a && b && a.x === b.x;
  }, { what: 'the folded overlay to settle' });
  await click(page, 'Show speed');
  assert.equal((await state(page)).performance.shown, true);
  // Paused, no iterations run: the figure is 0 at once, not an average left standing (a page
  // at rest draws no frames that could bring it down).
  await page.evaluate(() => window.backprop.pause());
  await nextFrames(page, 2);
  const paused = await state(page);
  assert.equal(paused.training, false);
  assert.equal(paused.performance.iterationsPerSecond, 0);
  assert.deepEqual(errors, []);
});

// The title bar names the page beside the overlay at any width: the whole title on a laptop,
// a short one on a phone (390 CSS px), where the overlay takes its short form.
test('the title bar names the page on a laptop and on a phone', async () => {
  const { page, errors } = await h.open('', { viewport: { width: 1280, height: 800 } });
  assert.equal((await state(page)).title, 'Backpropagation, live: watch a small network learn, number by number');
  const onPhone = await h.open('', phone);
  const s = await state(onPhone.page);
  assert.equal(s.title, 'Backprop, live');
  assert.equal(s.performance.shown, true);
  assert.ok(await onPhone.page.evaluate(() => window.backprop.widgetRect('Hide speed')), 'the overlay is there too');
  assert.deepEqual([...errors, ...onPhone.errors], []);
});
