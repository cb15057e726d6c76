// Issue 16's frame: work that does not change between frames is not done again. Paused, the
// page's heatmaps and previews are not recomputed (state().performance counts how often they
// were); training, or a typed weight, recomputes them. Counts only: no assert reads a clock.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { nextFrames, readCanvas, start, state, waitFor, widgetCentre } from './harness.mjs';

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

// The Equations tab's table of gradient terms has a row per training example (500 here), each
// number formatted and read back: while training it is made again every 10 frames or more (and
// says so), not every frame; paused, it shows the current iteration's numbers, those of the core.
test('while training the table of gradient terms is made every 10 frames; paused, it is the core\'s', async () => {
  const { page, errors } = await h.open('?data=circle&points=1000&train=50&hidden=8,8&act=tanh&speed=max&hide=intro');
  const first = await framesAdvance(page, 2);
  assert.equal(first.inputs.length, 500);
  await page.evaluate(() => window.backprop.train());
  const from = await framesAdvance(page, 2);
  // At least 40 frames, and until the table was made again at least once (every 10 to 60).
  const to = await waitFor(page, async (p) => {
    const s = await state(p);
    return s.frame >= from.frame + 40 && s.performance.termTables > from.performance.termTables && s;
  }, { what: '40 frames and a new table', timeoutMs: 60000 });
  const frames = to.frame - from.frame;
  const made = to.performance.termTables - from.performance.termTables;
  assert.ok(to.iteration > from.iteration, 'it trained');
  assert.ok(made >= 1 && made <= Math.ceil(frames / 10) + 1, `${made} tables in ${frames} frames`);
  // Every 10 frames, or more when making the table took long (one frame per ms, at most 60).
  const note = to.text['Weight explanation'].match(/While\s+training,\s+these\s+are\s+the\s+numbers\s+of\s+iteration\s+\d+:\s+they\s+are\s+worked\s+out\s+again\s+every\s+(\d+)\s+frames/);
  assert.ok(note, to.text['Weight explanation'].slice(0, 1200));
  assert.ok(Number(note[1]) >= 10 && Number(note[1]) <= 60, `every ${note[1]} frames`);
  assert.ok(to.performance.termTablesEvery >= 10 && to.performance.termTablesEvery <= 60);
  await page.evaluate(() => window.backprop.pause());
  const paused = await framesAdvance(page, 2);
  assert.equal(paused.training, false);
  const text = paused.text['Weight explanation'];
  assert.ok(!text.includes('While training'), 'paused, no note');
  // The table's rows and the exact sum are those of the current iteration (the core's terms).
  const rows = [...text.matchAll(/\|\s(\d+)\s\|((?:\s[-+0-9.e]+\s\|)+)/g)]
    .map((m) => ({ n: Number(m[1]), cells: m[2].split('|').map((c) => c.trim()).filter((c) => c).map(Number) }));
  assert.deepEqual(rows.map((r) => r.n), Array.from({ length: 500 }, (_, n) => n + 1), 'a row per example');
  const g = paused.selectedGradient;
  rows.forEach(({ n, cells }) => {
    const t = g.terms[n - 1];
    assert.ok(Math.abs(cells[0] - t.input) <= 5e-5 * Math.max(1, Math.abs(t.input)), `input of row ${n}: ${cells[0]} vs ${t.input}`);
    const product = cells[cells.length - 1];
    assert.ok(Math.abs(product - t.product) <= 1e-6 + 2e-3 * Math.abs(t.product), `product of row ${n}: ${product} vs ${t.product}`);
  });
  const exact = Number(text.match(/exact sum of the 500 terms:\s*(-?[0-9.]+)/)[1]);
  assert.ok(Math.abs(exact - g.sum) <= 5e-11, `exact sum ${exact} vs the core's ${g.sum}`);
  // A frame that made the table lays out every row; the next only those in view, and the
  // captured text is the same.
  const [made1, next] = await page.evaluate(async () => {
    const b = window.backprop;
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    b.select({ layer: 2, row: 3, col: 1 });
    await frame();
    const a = b.state();
    await frame();
    return [a, b.state()];
  });
  assert.equal(made1.performance.termRowsLaidOut, 500, 'the frame that made the table laid out all rows');
  assert.ok(next.performance.termRowsLaidOut < 500, `then only those in view: ${next.performance.termRowsLaidOut}`);
  assert.equal(next.performance.termTables, made1.performance.termTables);
  assert.equal(next.text['Weight explanation'], made1.text['Weight explanation']);
  assert.match(next.text['Weight explanation'], /W2\[3\]\[1\]/);
  assert.deepEqual(errors, []);
});

// A page at rest draws nothing: paused and untouched, its last picture stays on the canvas and
// the main thread and the GPU are free (an idle page drew 60 frames a second, about 1.8 cores
// of this machine in software WebGL). Anything that can change the picture draws again: a real
// mouse over the canvas, a command (never a read such as state()), training.
test('a page at rest draws nothing until the mouse, a command or training changes it', async () => {
  const { page, errors } = await h.open('?hide=intro');
  // Resting: `n` animation frames pass with none drawn.
  const rests = async (n) => {
    const a = (await state(page)).performance;
    await nextFrames(page, n);
    const b = (await state(page)).performance;
    return b.framesDrawn === a.framesDrawn && b.framesRested >= a.framesRested + n && b;
  };
  const still = await waitFor(page, () => rests(5), { what: 'the page to come to rest' });
  // Reads only: state(), summary(), get(), the link.
  await page.evaluate(() => {
    const b = window.backprop;
    b.state(); b.summary(); b.get(); b.link();
  });
  assert.ok(await rests(10), 'reading the state does not draw');

  // A real mouse on a node: the page draws, and its tooltip says what the student points at.
  const p = await widgetCentre(page, 'node a1[1]');
  await page.mouse.move(p.x, p.y);
  await nextFrames(page, 3);
  const hovered = await state(page);
  assert.ok(hovered.performance.framesDrawn > still.framesDrawn, 'the mouse drew frames');
  assert.match(hovered.tooltip, /hidden unit 2 of layer 1/);
  await page.mouse.move(2, 2);
  await nextFrames(page, 3);
  assert.equal((await state(page)).tooltip, '', 'the tooltip goes with the mouse');
  await waitFor(page, () => rests(5), { what: 'rest after the mouse left' });

  // A command: the diagram's selection moves and the explanation names the new weight.
  await page.evaluate(() => window.backprop.select({ layer: 2, row: 3, col: 0 }));
  await nextFrames(page, 3);
  const selected = await state(page);
  assert.deepEqual(selected.selected, { layer: 2, row: 3, col: 0 });
  assert.match(selected.text['Weight explanation'], /W2\[3\]\[0\]/);
  await waitFor(page, () => rests(5), { what: 'rest after select()' });

  // Training draws every frame; paused again, the page rests at the paused iteration.
  const before = (await state(page)).performance;
  await page.evaluate(() => window.backprop.train());
  await nextFrames(page, 20);
  const training = await state(page);
  assert.ok(training.iteration > 0 && training.training);
  assert.ok(training.performance.framesDrawn >= before.framesDrawn + 15,
    `${training.performance.framesDrawn - before.framesDrawn} frames drawn in 20 while training`);
  await page.evaluate(() => window.backprop.pause());
  await waitFor(page, () => rests(10), { what: 'rest after pause()' });
  const paused = await state(page);
  assert.equal(paused.training, false);
  assert.ok(await rests(10));
  assert.equal((await state(page)).iteration, paused.iteration);
  assert.deepEqual(errors, []);
});

// What the canvas holds now, read back as a script (or the browser's "Copy image") reads it:
// how many colours it has and a fingerprint of all its pixels.
function canvasPixels(page) {
  return readCanvas(page, null, ({ data }) => {
    const colours = new Set();
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      colours.add(rgb);
      hash = Math.imul(hash ^ rgb, 16777619) >>> 0;
    }
    return { colours: colours.size, hash };
  });
}

// A frame that would draw the picture already on the canvas is not handed to WebGL: after a
// command or an input the page runs 30 more frames, and in software WebGL each drawn one costs
// tens of milliseconds of processor time. The canvas keeps its picture all the while (read back
// between drawn frames, as "Copy image" does, it is the page, not a blank buffer).
test('a frame that looks like the canvas is not drawn again, and the canvas keeps its picture', async () => {
  const { page, errors } = await h.open('?hide=intro');
  const perf = async () => (await state(page)).performance;
  const restAgain = () => waitFor(page, async () => {
    const a = await perf();
    await nextFrames(page, 5);
    const b = await perf();
    return b.framesDrawn === a.framesDrawn && b;
  }, { what: 'the page to come to rest' });
  const still = await restAgain();
  const shown = await canvasPixels(page);
  assert.ok(shown.colours > 100, `the page at rest reads back as a picture: ${shown.colours} colours`);

  // pause() while paused is a command (30 frames run) that changes nothing on the page.
  await page.evaluate(() => window.backprop.pause());
  const settled = await restAgain();
  const ran = settled.framesDrawn - still.framesDrawn;
  assert.ok(ran >= 25, `${ran} frames ran after the command`);
  assert.equal(settled.framesUnchanged - still.framesUnchanged, ran, 'none of them was drawn again');
  assert.deepEqual(await canvasPixels(page), shown, 'the canvas still shows the same picture');

  // select() changes the picture: it is drawn, the rest of the frames are not.
  await page.evaluate(() => window.backprop.select({ layer: 2, row: 3, col: 0 }));
  const selected = await restAgain();
  const drawn = (selected.framesDrawn - selected.framesUnchanged) - (settled.framesDrawn - settled.framesUnchanged);
  assert.ok(drawn >= 1 && drawn <= 10, `${drawn} frames drawn for a new selection`);
  assert.ok(selected.framesUnchanged - settled.framesUnchanged >= 20);
  const moved = await canvasPixels(page);
  assert.notEqual(moved.hash, shown.hash, 'the new selection is on the canvas');
  assert.match((await state(page)).text['Weight explanation'], /W2\[3\]\[0\]/);

  // Training changes the picture in every frame: every frame is drawn.
  await page.evaluate(() => window.backprop.train());
  await nextFrames(page, 3);
  const a = await perf();
  await nextFrames(page, 20);
  const b = await perf();
  assert.ok(b.framesDrawn - a.framesDrawn >= 15);
  assert.equal(b.framesUnchanged, a.framesUnchanged, 'no training frame is skipped');
  await page.evaluate(() => window.backprop.pause());
  assert.deepEqual(errors, []);
});

// The data plot's points are two textured quads each (a ring under a fill: 8 vertices), where a
// filled and a stroked circle took about 60: with 2000 points the vertices handed to WebGL were
// most of the deep page's frame. Showing the 1000 test points adds their 8000 vertices (and a
// few for the checkbox's state), counted by state().performance.vertices.
test('a point of the data plot costs 8 vertices', async () => {
  const vertices = async (query) => {
    const { page, errors } = await h.open(query);
    const s = await waitFor(page, async (p) => {
      const a = await state(p);
      await nextFrames(p, 2);
      const b = await state(p);
      return a.performance.vertices === b.performance.vertices && b.performance.vertices > 0 && b;
    }, { what: 'the same vertex count in two frames' });
    assert.deepEqual(errors, []);
    await page.close();
    return s;
  };
  const base = '?data=circle&points=2000&train=50&hidden=2&hide=intro';
  const without = await vertices(`${base}&test=0`);
  const withTest = await vertices(`${base}&test=1`);
  assert.equal(withTest.testPoints, 1000);
  const added = withTest.performance.vertices - without.performance.vertices;
  assert.ok(added >= 8000 && added <= 8000 + 400, `showing 1000 test points added ${added} vertices`);
});
