// Save, load and share (issue 5), with real clicks: a link that hides controls and panels
// hides exactly those; a malformed link says what is wrong and leaves the chapter's run; the
// JSON file saved by the page, opened again (file dialog or drop), gives the same weights bit
// for bit; Copy link (with or without the weights) reopens the same page and the same run; a
// bad file is refused with its reason and changes nothing; the CSV and PNG downloads hold
// what they should.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  clickIn, drawnStats, nextFrames, rect, reveal, screenshot, start, state, typeInto, waitFor,
} from './harness.mjs';

const click = (page, name) => clickIn(page, name);  // scrolls the widget into view first
const get = (page) => page.evaluate(() => window.backprop.get());
const viewport = { width: 1280, height: 800 };
const large = { width: 1600, height: 1000 };  // the whole 2-D plot in view

// The "Save, load and share" header is closed at first: open it once.
async function openShare(page) {
  if (!(await rect(page, 'Copy link'))) await click(page, 'Share header');
  assert.ok(await rect(page, 'Copy link'), 'the share section is open');
}

// Scrolls the left column (setup, share, diagram) back to its top with the mouse wheel.
async function scrollLeftColumnUp(page) {
  const r = await rect(page, 'Diagram') ?? await rect(page, 'Share header');
  await page.mouse.move(r.x + 10, Math.min(Math.max(r.y + 10, 300), page.viewportSize().height - 60));
  for (let i = 0; i < 3; ++i) {
    await page.mouse.wheel(0, -1500);
    await nextFrames(page, 2);
  }
}

// Clicks a Save button and returns the downloaded file.
async function download(page, name) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), click(page, name)]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: await readFile(path) };
}

// Clicks Open and picks a file in the browser's file dialog.
async function openFile(page, name, text, mimeType = 'application/json') {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 15000 }),
                                       click(page, 'Open file')]);
  await chooser.setFiles({ name, mimeType, buffer: Buffer.from(text) });
}

// Drops a file on the page's canvas, as a person dragging it from their desktop.
function dropFile(page, name, text, type = 'application/json') {
  return page.evaluate(({ name, text, type }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type }));
    const canvas = document.getElementById('canvas');
    for (const kind of ['dragenter', 'dragover', 'drop']) {
      canvas.dispatchEvent(new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, { name, text, type });
}

// Colour statistics of a PNG file, decoded by the browser: its size and how many distinct
// colours (in steps of 8) it has.
function pngStats(page, png) {
  return page.evaluate(async (b64) => {
    const bmp = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const g = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d');
    g.drawImage(bmp, 0, 0);
    const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
    const distinct = new Set();
    for (let i = 0; i < d.length; i += 4) {
      distinct.add(((d[i] >> 3) << 10) | ((d[i + 1] >> 3) << 5) | (d[i + 2] >> 3));
    }
    return { width: bmp.width, height: bmp.height, distinct: distinct.size };
  }, png.toString('base64'));
}

// Whether the 2-D plot is shaded by the network's output: its top-left and bottom-right
// corners (no points there) then have different colours (for circle, seed 1); without the
// heatmap both show the plain background.
async function heatmapShown(page) {
  const corners = await drawnStats(page, 'Data plot', [[0.01, 0.01, 0.05, 0.05], [0.95, 0.95, 0.99, 0.99]]);
  assert.ok(corners, 'the plot is drawn inside the window');
  const [a, b] = corners.map((c) => c.mean);
  return a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) > 4;  // 15 to 21 shown, 0 not
}

// The File message is drawn in the error colour only when it starts with "Not " (share.cpp).
async function fileMessageIsError(page) {
  await reveal(page, 'File message');
  const [all] = await drawnStats(page, 'File message');
  return all.reddish > 20;
}

// bp::kUiElements, each with tracked widgets that only it hides ('A|B': either is drawn).
// The heatmap has no widget of its own: it is checked on the plot's pixels.
const elements = {
  train: ['Train'],
  step: ['Step'],
  reset: ['Reset'],
  restart: ['Restart'],
  seed: ['Seed'],
  lr: ['Learning rate'],
  speed: ['Speed'],
  walkthrough: ['Walkthrough mode'],
  dataset: ['Data set', 'Regenerate', 'Noise', 'Points', 'Training share'],
  features: ['feature x1^2', 'feature sin(x2)'],
  layers: ['Add layer', 'Remove layer', 'More neurons 1', 'Activation 2', 'Output activation', 'Biases'],
  regularization: ['Regularization', 'Regularization rate'],
  batch: ['Batch size'],
  loss: ['Loss'],
  stop: ['Stop at loss', 'Stop after'],
  diagram: ['Diagram'],
  data: ['Data plot', 'Training loss', 'Discretize'],
  loss_plot: ['tab Loss over time'],
  try_input: ['tab Try an input'],
  equations: ['tab Equations'],
  matrices: ['tab Matrices'],
  gradient_check: ['tab Gradient check'],
  shape_mistake: ['tab The shape mistake'],
  exercise: ['tab Exercise'],
  heatmap: [],
  perf: ['Show speed|Hide speed'],
  intro: ['What is this?|Hide intro'],
  share: ['Share header'],
};
const allNames = Object.values(elements).flat();

// For every name of allNames: whether it is drawn, from the widgets' rectangles of the last
// frame. With hide: first set({ hide }) and wait for the next frames (one round trip).
// Returns { drawn: [[name, drawn?], ...], hide: get().hide, error: set()'s answer }.
function look(page, hide = null) {
  return page.evaluate(async ({ names, hide }) => {
    let error = '';
    if (hide) {
      error = window.backprop.set({ hide });
      for (let i = 0; i < 2; ++i) await new Promise((ok) => requestAnimationFrame(ok));
    }
    const on = (n) => n.split('|').some((x) => window.backprop.widgetRect(x) !== null);
    return { drawn: names.map((n) => [n, on(n)]), hide: window.backprop.get().hide, error };
  }, { names: allNames, hide });
}

// Checks that exactly the widgets of the hidden elements are missing.
function assertHidden(seen, hidden, what) {
  const now = new Map(seen.drawn);
  for (const [element, names] of Object.entries(elements)) {
    for (const n of names) {
      assert.equal(now.get(n), !hidden.includes(element),
                   `${what}: '${n}' (${element}) is ${now.get(n) ? 'drawn' : 'not drawn'}`);
    }
  }
}

describe('save, load and share', () => {
  let h;
  before(async () => { h = await start(); });
  after(async () => { await h?.stop(); });

  test('a link that hides controls and panels hides exactly those, and hiding one never hides another', async () => {
    const hide = ['reset', 'seed', 'lr', 'batch', 'stop', 'diagram', 'matrices', 'share'];
    const { page, errors } = await h.open(`?data=circle&hide=${hide.join(',')}`, { viewport: large });
    await nextFrames(page, 2);
    const s = await state(page);
    assert.equal(s.message, '', 'the link was used');
    assert.equal(s.setup.dataSet, 'circle');
    assert.deepEqual(s.setup.sizes, [2, 4, 4, 1], "the setup panel's network for 2-D data");
    assert.equal(s.learningRate, 0.003);
    const g = await get(page);
    assert.deepEqual(g.hide, hide, 'get() gives the hidden names back, in the order given');
    assert.deepEqual(g.act, ['tanh', 'tanh']);
    assert.equal(g.bias, true);
    assertHidden(await look(page), hide, 'the link');
    assert.equal(await heatmapShown(page), true, 'the heatmap stays');
    assert.equal(await rect(page, 'Copy link'), null);
    await screenshot(page, 'share-hidden.png');
    // What is shown still works.
    await click(page, 'Step');
    assert.equal((await state(page)).iteration, 1);

    // Every name alone, through the same settings (set() and the link share the validator
    // and the page's state): only its own widgets go.
    for (const element of Object.keys(elements)) {
      const seen = await look(page, [element]);
      assert.equal(seen.error, '', element);
      assert.deepEqual(seen.hide, [element]);
      assertHidden(seen, [element], `hide=${element}`);
    }
    assert.equal(await heatmapShown(page), true, 'hiding the share section leaves the heatmap');
    // The heatmap alone goes; every other name together leaves it (and the plot).
    let seen = await look(page, ['heatmap']);
    assertHidden(seen, ['heatmap'], 'hide=heatmap');
    assert.equal(await heatmapShown(page), false, 'hide=heatmap: the plain background');
    const others = Object.keys(elements).filter((e) => e !== 'heatmap' && e !== 'data');
    seen = await look(page, others);
    assertHidden(seen, others, 'everything but the heatmap and the data');
    assert.equal(await heatmapShown(page), true, 'no other name hides the heatmap');
    // All of them, then none.
    const all = Object.keys(elements);
    seen = await look(page, all);
    assert.equal(seen.error, '');
    assertHidden(seen, all, 'everything hidden');
    seen = await look(page, []);
    assert.deepEqual(seen.hide, []);
    assertHidden(seen, [], 'nothing hidden');
    assert.equal((await state(page)).iteration, 1, 'hiding and showing changed no number');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a link opens exactly the sections it names; a click on a header is carried into the next link', async () => {
    // The chapter's page with the share section open and the setup section closed.
    let { page, errors } = await h.open('?open=share');
    assert.equal((await state(page)).message, '', 'the link was used');
    assert.ok(await rect(page, 'Copy link'), 'share is open');
    assert.equal(await rect(page, 'Data set'), null, 'setup is closed');
    assert.deepEqual((await get(page)).open, ['share']);
    await click(page, 'Setup header');  // a person opens the setup section
    await nextFrames(page, 2);
    assert.ok(await rect(page, 'Data set'), 'setup opened by the click');
    assert.deepEqual((await get(page)).open, ['setup', 'share'], 'get() follows the click');
    assert.match(await page.evaluate(() => window.backprop.link()), /open=setup,share/);
    assert.deepEqual(errors, []);
    await page.close();

    // 2-D data opens the setup section unless the link closes it (open= closes everything).
    ({ page, errors } = await h.open('?data=spiral&open='));
    assert.equal(await rect(page, 'Data set'), null, 'setup closed by open=');
    assert.equal(await rect(page, 'Copy link'), null, 'share closed');
    assert.deepEqual((await get(page)).open, []);
    assert.equal(await page.evaluate(() => window.backprop.set({ open: ['setup', 'drawer'] })),
                 "open: 'drawer' is not a section of the page (setup, share or recursion)");
    assert.equal(await rect(page, 'Data set'), null, 'a refused set() opens nothing');
    assert.equal(await page.evaluate(() => window.backprop.set({ open: ['setup'] })), '');
    await nextFrames(page, 2);
    assert.ok(await rect(page, 'Data set'), 'set({open}) opens the section');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a malformed link says what is wrong and the page runs the chapter as if there were no link', async () => {
    const fresh = await h.open();
    const defaults = await get(fresh.page);
    const trainAt = await rect(fresh.page, 'Train');
    const initial = await state(fresh.page);
    await fresh.page.evaluate(() => window.backprop.step(1));
    const afterOne = await state(fresh.page);
    await fresh.page.close();
    assert.equal(initial.message, '');

    const cases = [
      ['?bogus=1', /unknown setting 'bogus' in the link/],
      ['?seed=3&lr=abc', /lr: 'abc' is not a number/],
      ['?hidden=99', /hidden\[0\] must be 1 to 16 units, not 99/],
      ['?data=moon', /data must be chapter, custom, circle, .* not 'moon'/],
      ['?hide=seed,nothing', /hide: 'nothing' is not a control or panel of the page/],
    ];
    for (const [query, reason] of cases) {
      const { page, errors } = await h.open(query);
      const s = await state(page);
      assert.match(s.message, reason, query);
      assert.equal(s.iteration, 0, query);
      assert.equal(s.learningRate, 1, query);
      assert.equal(s.seed, 1, `${query}: none of the link is used, not even its seed`);
      assert.deepEqual(s.weights.map((w) => [w.length, w[0].length]), [[3, 4], [4, 1]], query);
      assert.deepEqual(s.weights, initial.weights, `${query}: the chapter's initial weights`);
      assert.equal(s.setup.source, 'chapter');
      assert.deepEqual(await get(page), defaults, `${query}: every setting is the default`);
      assert.ok(await rect(page, 'Seed'), `${query}: nothing hidden`);
      // The message takes room above the buttons ("The link's settings were not used: ...").
      const trainNow = await rect(page, 'Train');
      assert.ok(trainNow.y >= trainAt.y + 14, `${query}: a message line above the buttons (${trainNow.y} vs ${trainAt.y})`);
      if (query === '?data=moon') await screenshot(page, 'share-bad-link.png');
      // And the page works: Step runs the chapter's first iteration (a real click on the
      // first and the last page, the script's step on the others, to save time).
      if (query === cases[0][0] || query === cases.at(-1)[0]) await click(page, 'Step');
      else assert.equal(await page.evaluate(() => window.backprop.step(1)), 1);
      const stepped = await state(page);
      assert.equal(stepped.iteration, 1, query);
      assert.deepEqual(stepped.weights, afterOne.weights, `${query}: the chapter's first step`);
      assert.equal(stepped.loss, afterOne.loss);
      assert.deepEqual(errors, [], query);
      await page.close();
    }
  });

  test('Save JSON, then Open it or drop it: the same weights, biases, settings and loss', async () => {
    const { page, errors } = await h.open('?data=xor&seed=3', { viewport });
    await openShare(page);
    await click(page, 'Train');
    await waitFor(page, async (p) => (await state(p)).iteration >= 40, { what: 'training' });
    await click(page, 'Pause');
    const saved = await state(page);
    // get() also says which build runs (version), which is not a setting of the file.
    const { version: build, ...settings } = await get(page);
    assert.match(build, /^\d+\.\d+\.\d+/);
    assert.equal(saved.training, false);
    assert.ok(saved.iteration >= 40);

    const file = await download(page, 'Save JSON');
    assert.equal(file.name, 'backprop.json');
    const doc = JSON.parse(file.bytes.toString('utf8'));
    assert.equal(doc.format, 'backprop');
    assert.equal(doc.version, 1);
    assert.deepEqual(doc.settings, settings, 'the file holds the settings get() gives');
    assert.deepEqual(doc.network.weights, saved.weights, 'the trained weights, bit for bit');
    assert.deepEqual(doc.network.biases, saved.biasValues);
    assert.equal(doc.data, undefined, 'generated data is described by its settings, not stored');
    assert.equal(file.bytes.toString('utf8'), await page.evaluate(() => window.backprop.exportJson()));

    // Reset draws other weights (the next seed); opening the file brings the trained ones back.
    await click(page, 'Reset');
    let s = await state(page);
    assert.equal(s.seed, 4);
    assert.equal(s.iteration, 0);
    assert.notDeepEqual(s.weights, saved.weights);
    await openFile(page, 'backprop.json', file.bytes);
    s = await waitFor(page, async (p) => { const now = await state(p); return now.seed === 3 && now; },
                      { what: 'the file to be loaded' });
    assert.deepEqual(s.weights, saved.weights, 'weights');
    assert.deepEqual(s.biasValues, saved.biasValues, 'biases');
    assert.equal(s.loss, saved.loss, 'the same loss on the same data');
    assert.deepEqual(s.outputs, saved.outputs);
    assert.equal(s.iteration, 0, 'a loaded file starts counting again');
    assert.deepEqual(await get(page), { ...settings, version: build }, 'the same settings');
    await nextFrames(page, 2);
    assert.ok(await rect(page, 'File message'));
    assert.equal(await fileMessageIsError(page), false, '"Loaded ...", not an error');

    // Dropped on the chapter's page: from 3-4-1 without biases to the trained xor network.
    const other = await h.open('?seed=9', { viewport });
    assert.deepEqual((await state(other.page)).setup.sizes, [3, 4, 1]);
    await dropFile(other.page, 'trained xor.json', file.bytes.toString('utf8'));
    s = await waitFor(other.page, async (p) => { const now = await state(p); return now.seed === 3 && now; },
                      { what: 'the dropped file to be loaded' });
    assert.deepEqual(s.setup.sizes, [2, 4, 4, 1]);
    assert.deepEqual(s.weights, saved.weights);
    assert.deepEqual(s.biasValues, saved.biasValues);
    assert.equal(s.loss, saved.loss);
    assert.deepEqual(s.targets, saved.targets, 'the same generated points');
    assert.deepEqual(await get(other.page), { ...settings, version: build });
    // Both pages go on training the same way from there.
    for (const p of [page, other.page]) assert.equal(await p.evaluate(() => window.backprop.step(5)), 5);
    const [a, b] = [await state(page), await state(other.page)];
    assert.notDeepEqual(a.weights, saved.weights);
    assert.deepEqual(a.weights, b.weights);
    assert.deepEqual(a.biasValues, b.biasValues);
    assert.deepEqual(errors, []);
    assert.deepEqual(other.errors, []);
    await page.close();
    await other.page.close();
  });

  test('Copy link: with the weights it reopens the same network; without, the same seed gives the same run', async () => {
    const { page, errors, context } = await h.open('?data=xor&seed=3', { viewport });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.base });
    // A student's own setup, with real clicks: a feature, a learning rate, mini-batches.
    await click(page, 'feature x1*x2');
    await typeInto(page, 'Learning rate', '0.01');
    assert.equal(await page.evaluate(() => window.backprop.set({ batch: 50 })), '');
    const initial = await state(page);
    assert.deepEqual(initial.setup.sizes, [3, 4, 4, 1]);
    assert.equal(initial.learningRate, 0.01);
    assert.equal(initial.setup.batchSize, 50);
    assert.equal(initial.iteration, 0);
    await click(page, 'Step');
    await page.evaluate(() => window.backprop.step(29));
    const trained = await state(page);
    assert.equal(trained.iteration, 30);

    await openShare(page);
    const settings = await get(page);  // with the share section open: the link carries that
    await click(page, 'Link weights');
    await click(page, 'Copy link');
    const withWeights = await waitFor(page, async (p) => p.url().includes('weights=') && p.url(),
                                      { what: 'the link in the address bar' });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), withWeights, 'the clipboard');
    assert.equal(withWeights, await page.evaluate(() => window.backprop.link({ weights: true })));
    assert.ok(withWeights.startsWith(h.base));
    assert.match(withWeights, /[?&]biases=/);
    assert.match(withWeights, /[?&]lr=0\.01(&|$)/);
    assert.ok(await rect(page, 'File message'));
    assert.equal(await fileMessageIsError(page), false);

    let reopened = await h.open(withWeights.slice(h.base.length), { viewport });
    let s = await state(reopened.page);
    assert.equal(s.message, '', 'the link is read without complaint');
    assert.deepEqual(s.weights, trained.weights, 'the weights, bit for bit');
    assert.deepEqual(s.biasValues, trained.biasValues);
    assert.equal(s.loss, trained.loss);
    assert.deepEqual(await get(reopened.page), settings, 'the same settings');
    assert.deepEqual(reopened.errors, []);
    await reopened.page.close();

    // Without the weights: a short link, the seed draws the same initial weights, and the
    // same 30 iterations (the same mini-batches) reach the same weights and loss.
    await click(page, 'Link weights');
    await click(page, 'Copy link');
    const short = await waitFor(page, async (p) => !p.url().includes('weights=') && p.url(),
                                { what: 'the short link' });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), short);
    assert.match(short, /[?&]seed=3(&|$)/);
    assert.match(short, /[?&]data=xor(&|$)/);
    assert.match(short, /[?&]batch=50(&|$)/);
    assert.ok(short.length < 300, short);
    reopened = await h.open(short.slice(h.base.length), { viewport });
    s = await state(reopened.page);
    assert.equal(s.message, '');
    assert.equal(s.iteration, 0);
    assert.deepEqual(s.weights, initial.weights, "the seed's initial weights");
    assert.deepEqual(s.biasValues, initial.biasValues);
    assert.equal(s.loss, initial.loss);
    assert.equal(await reopened.page.evaluate(() => window.backprop.step(30)), 30);
    s = await state(reopened.page);
    assert.deepEqual(s.weights, trained.weights, 'the same run');
    assert.deepEqual(s.biasValues, trained.biasValues);
    assert.equal(s.loss, trained.loss);
    assert.deepEqual(await get(reopened.page), settings);
    assert.deepEqual(reopened.errors, []);
    await reopened.page.close();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a bad file is refused with its reason and changes nothing', async () => {
    const { page, errors, context } = await h.open('?data=xor&seed=3', { viewport });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.base });
    await openShare(page);
    await page.evaluate(() => window.backprop.step(10));
    const before = await state(page);
    const settings = await get(page);
    const cases = [
      ['broken.json', '{\n  "format": "backprop",\n  "version": 1,\n  "settings": { "lr": 0.5, }\n}',
       /^line 4, column 28: expected a field name in double quotes$/],
      ['typo.json', '{"format": "backprop", "version": 1, "settings": {"lr": "fast"}}',
       /^settings\.lr: expected a number, got the string 'fast' \(line 1, column \d+\)$/],
      ['shape.json', JSON.stringify({ format: 'backprop', version: 1, settings: { data: 'xor', hidden: [4, 4] },
                                       network: { weights: [[[1, 2]], [[1]], [[1]]] } }),
       /weights\[0\] \(W1\) must be 2 x 4, not 1 x 2/],
      ['points.csv', 'x1,x2,label\n1,2,1\n3,oops,0\n', /^line 3, column 2: 'oops' is not a number \(write numbers like 2, -0\.5 or 1e-3\)$/],
    ];
    // Copy link's message, the same each time: the refusal is seen to arrive when the File
    // message changes from it.
    await click(page, 'Copy link');
    const linkMessage = await rect(page, 'File message');
    assert.ok(linkMessage, 'Copy link says where the link went');
    assert.equal(await fileMessageIsError(page), false);
    const same = (a, b) => a && b && a.w === b.w && a.h === b.h;
    for (const [k, [name, text, reason]] of cases.entries()) {
      if (k > 0) {
        await click(page, 'Copy link');
        await waitFor(page, async (p) => same(await rect(p, 'File message'), linkMessage),
                      { what: "Copy link's message" });
      }
      const type = name.endsWith('.csv') ? 'text/csv' : 'application/json';
      if (k % 2 === 0) await openFile(page, name, text, type);
      else await dropFile(page, name, text, type);
      await waitFor(page, async (p) => !same(await rect(p, 'File message'), linkMessage),
                    { what: `the message about ${name}` });
      assert.equal(await fileMessageIsError(page), true, `${name}: "Not loaded ...", in the error colour`);
      const s = await state(page);
      const prefix = `Not loaded '${name}': `;
      assert.ok(s.fileMessage.startsWith(prefix), `${name}: the message names the file: ${s.fileMessage}`);
      assert.match(s.fileMessage.slice(prefix.length), reason, `${name}: and says why`);
      assert.deepEqual(s.weights, before.weights, `${name}: weights unchanged`);
      assert.deepEqual(s.biasValues, before.biasValues, `${name}: biases unchanged`);
      assert.equal(s.iteration, before.iteration, `${name}: iteration unchanged`);
      assert.deepEqual(s.inputs, before.inputs, `${name}: data unchanged`);
      assert.deepEqual(await get(page), settings, `${name}: settings unchanged`);
      // The same text through the script API: the reason the File message gives, and still
      // nothing changed.
      const why = await page.evaluate(([t, n]) => window.backprop.load(t, n), [text, name]);
      assert.match(why, reason, name);
      assert.deepEqual((await state(page)).weights, before.weights);
    }
    await page.mouse.move(4, page.viewportSize().height - 4);  // no tooltip in the picture
    await nextFrames(page, 2);
    await screenshot(page, 'share-bad-file.png');
    // The page still trains.
    await click(page, 'Step');
    assert.equal((await state(page)).iteration, before.iteration + 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('Save data CSV, loss CSV and PNG download what the page shows', async () => {
    const { page, errors } = await h.open('?data=circle&seed=2', { viewport });
    await openShare(page);
    const initial = await state(page);
    await click(page, 'Step');
    await page.evaluate(() => window.backprop.step(19));
    const s = await state(page);
    assert.equal(s.iteration, 20);

    const data = await download(page, 'Save data CSV');
    assert.equal(data.name, 'data.csv');
    const lines = data.bytes.toString('utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'x1,x2,label');
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    assert.equal(rows.length, 500, 'the 500 generated points');
    assert.ok(rows.every((r) => r.length === 3 && r.every(Number.isFinite)));
    assert.ok(rows.every((r) => r[2] === 0 || r[2] === 1), 'class labels');
    // Training points first, exactly as the network sees them (features x1, x2).
    assert.deepEqual(rows.slice(0, 250).map((r) => [r[0], r[1]]), s.inputs);
    assert.deepEqual(rows.slice(0, 250).map((r) => r[2]), s.targets);

    const loss = await download(page, 'Save loss CSV');
    assert.equal(loss.name, 'loss.csv');
    const curve = loss.bytes.toString('utf8').trimEnd().split('\n');
    assert.equal(curve[0], 'iteration,loss');
    const points = curve.slice(1).map((l) => l.split(',').map(Number));
    assert.equal(points.length, 20);
    assert.deepEqual(points.map((p) => p[0]), Array.from({ length: 20 }, (_, i) => i + 1));
    // Mean loss per training point: the first is the untrained network's, the last the loss
    // of the 20th step (before its update).
    assert.ok(Math.abs(points[0][1] - initial.loss / 250) <= 1e-12 * points[0][1],
              `${points[0][1]} vs ${initial.loss / 250}`);
    assert.equal(points[19][1], s.lastStepLoss / 250);
    assert.ok(points[19][1] < points[0][1], 'the loss fell');

    const png = await download(page, 'Save PNG');
    assert.equal(png.name, 'backprop.png');
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    const stats = await pngStats(page, png.bytes);
    const canvas = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
    assert.deepEqual([stats.width, stats.height], canvas, 'the whole canvas');
    assert.deepEqual([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)], canvas, 'IHDR');
    assert.ok(stats.distinct > 200, `a picture of the page, not a blank (${stats.distinct} colours)`);

    // The saved data opened again: the student's own 500 points.
    await openFile(page, 'data.csv', data.bytes, 'text/csv');
    const loaded = await waitFor(page, async (p) => { const now = await state(p); return now.setup.source === 'custom' && now; },
                                 { what: 'the CSV to be loaded' });
    assert.equal(loaded.trainPoints + loaded.testPoints, 500);
    assert.match(loaded.csvMessage, /500/);
    const all = new Set(rows.map((r) => r.join(',')));
    assert.ok(loaded.inputs.every((x, i) => all.has(`${x[0]},${x[1]},${loaded.targets[i]}`)), 'the same points');
    assert.equal(await fileMessageIsError(page), false);

    // Back to the chapter's table from the Data menu: Save data is disabled (the table is
    // part of the JSON file). (Scrolled up first: reveal() sees the window, not the column's
    // clipping, so a menu scrolled under the buttons' bar would look visible to it.)
    await scrollLeftColumnUp(page);
    await click(page, 'Data set');
    await click(page, 'Data set chapter');
    const chapter = await state(page);
    assert.equal(chapter.setup.source, 'chapter');
    let downloads = 0;
    page.on('download', () => { downloads += 1; });
    await click(page, 'Save data CSV');
    await nextFrames(page, 10);
    assert.equal(downloads, 0, 'no download from the disabled button');
    const json = await download(page, 'Save JSON');
    const doc = JSON.parse(json.bytes.toString('utf8'));
    assert.equal(doc.settings.data, 'chapter');
    assert.deepEqual(doc.settings.hidden, [4]);
    assert.deepEqual(doc.network.weights, chapter.weights);
    assert.equal(doc.network.biases, undefined, 'the chapter has no biases');
    assert.equal(doc.data, undefined);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
