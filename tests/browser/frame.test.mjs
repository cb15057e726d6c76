// Issue 16's frame: work that does not change between frames is not done again. Paused, the
// page's heatmaps and previews are not recomputed (state().performance counts how often they
// were); training, or a typed weight, recomputes them. Counts only: no assert reads a clock.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { start, state, waitFor } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

// Waits until the page has drawn `count` more frames (state().frame counts them).
async function framesAdvance(page, count) {
  const first = (await state(page)).frame;
  return waitFor(page, async (p) => {
    const s = await state(p);
    return s.frame >= first + count && s;
  }, { what: `${count} more frames` });
}

test('paused, the heatmaps are not recomputed; training recomputes them', async () => {
  const { page, errors } = await h.open('?data=circle&hidden=4,4&act=tanh&hide=intro');
  const paused = await framesAdvance(page, 2);
  assert.equal(paused.training, false);
  const later = await framesAdvance(page, 10);
  assert.equal(later.performance.heatEvaluations, paused.performance.heatEvaluations);
  assert.equal(later.performance.evaluations, paused.performance.evaluations);
  assert.equal(later.iteration, paused.iteration);
  // Training changes the weights every frame, and the pictures follow.
  await page.evaluate(() => window.backprop.train());
  const trained = await waitFor(page, async (p) => {
    const s = await state(p);
    return s.iteration > paused.iteration && s.performance.heatEvaluations > paused.performance.heatEvaluations + 2 && s;
  }, { what: 'training to recompute the heatmaps' });
  assert.ok(trained.performance.evaluations > paused.performance.evaluations);
  await page.evaluate(() => window.backprop.pause());
  const stopped = await framesAdvance(page, 2);
  const still = await framesAdvance(page, 10);
  assert.equal(still.performance.heatEvaluations, stopped.performance.heatEvaluations);
  assert.equal(still.iteration, stopped.iteration);
  // One step is one more picture.
  await page.evaluate(() => window.backprop.step(1));
  const stepped = await framesAdvance(page, 3);
  assert.equal(stepped.iteration, still.iteration + 1);
  assert.equal(stepped.performance.heatEvaluations, still.performance.heatEvaluations + 1);
  assert.deepEqual(errors, []);
});
