// The <backprop-demo> element (issue 15, web/backprop-demo.js): two on one page train
// independently (their own state, events, canvas and keyboard focus), the .wasm is fetched
// once, and attributes are the link's settings: a good one applies, a bad one is named in the
// element and in the console, a change after load applies as set() does.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nextFrames, siteDir, start, waitFor } from './harness.mjs';

// A test page of the site's folder (removed afterwards): the element in a plain page.
const pageName = 'element-test-page.html';
const pageHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>two demos</title>
<link rel="icon" href="favicon.svg"><link rel="stylesheet" href="compare.css">
<script src="backprop-demo.js"></script></head>
<body>
<button id="before">before</button>
<div class="pair">
  <figure><backprop-demo id="a" lr="0.1" seed="1"></backprop-demo></figure>
  <figure><backprop-demo id="b" lr="10" seed="1" speed="max"></backprop-demo></figure>
</div>
<backprop-demo id="bad" hidden="8,40" lr="0.5"></backprop-demo>
<button id="after">after</button>
</body></html>`;

const demo = (page, id, fn, arg) => page.evaluate(({ id, fn, arg }) => {
  const el = document.getElementById(id);
  return new Function('el', 'arg', `return (${fn})(el, arg)`)(el, arg);
}, { id, fn: fn.toString(), arg });

describe('<backprop-demo>', () => {
  let h, page, errors, wasmFetches = 0;
  before(async () => {
    writeFileSync(join(siteDir, pageName), pageHtml);
    h = await start();
    ({ page, errors } = await h.open(pageName, {
      waitReady: false,
      viewport: { width: 1280, height: 900 },
      prepare: (p) => p.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmFetches += 1; }),
    }));
    await page.evaluate(() => Promise.all(['a', 'b', 'bad'].map((id) => document.getElementById(id).ready)));
    await page.evaluate(() => {
      window.seen = { a: [], b: [] };
      for (const id of ['a', 'b']) {
        for (const name of ['step', 'converged', 'diverged', 'stopped']) {
          document.getElementById(id).addEventListener(name, (e) => window.seen[id].push({ name, ...e.detail }));
        }
      }
    });
  });
  after(async () => {
    await page.close();
    await h.stop();
    rmSync(join(siteDir, pageName), { force: true });
  });

  test('each element runs its own instance; the .wasm is fetched once', async () => {
    assert.equal(wasmFetches, 1);
    const [a, b] = [await demo(page, 'a', (el) => el.get()), await demo(page, 'b', (el) => el.get())];
    assert.equal(a.lr, 0.1);
    assert.equal(b.lr, 10);
    assert.equal(b.speed, 'max');
    assert.match(a.version, /^\d+\.\d+\.\d+/);
    assert.equal(await page.evaluate(() => typeof window.backprop), 'undefined', 'no page-wide handle');
    // Each draws into its own canvas, sized to its box.
    const boxes = await page.evaluate(() => ['a', 'b'].map((id) => {
      const el = document.getElementById(id);
      const c = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return [Math.round(c.width - r.width), Math.round(c.height - r.height), Math.round(r.left)];
    }));
    assert.deepEqual(boxes.map((x) => x.slice(0, 2)), [[0, 0], [0, 0]]);
    assert.ok(boxes[1][2] > boxes[0][2], 'side by side');
  });

  test('they train independently: state() and events do not mix', async () => {
    await demo(page, 'b', (el) => el.step(500));
    const a = await demo(page, 'a', (el) => el.state());
    const b = await demo(page, 'b', (el) => el.state());
    assert.equal(a.iteration, 0, 'a did not move');
    assert.equal(b.iteration, 500);
    await waitFor(page, () => page.evaluate(() => window.seen.b.some((e) => e.name === 'step' && e.iteration === 500)),
                  { what: "b's step event" });
    assert.deepEqual(await page.evaluate(() => window.seen.a), [], 'a heard nothing of b');
    // Same seed, same start: a's 500 steps at lr 0.1 give a higher loss than b's at lr 10.
    await demo(page, 'a', (el) => el.step(500));
    const a2 = await demo(page, 'a', (el) => el.state());
    assert.equal(a2.iteration, 500);
    assert.ok(a2.loss > 10 * (await demo(page, 'b', (el) => el.state())).loss, 'lr 10 learned faster');
    // Train and pause one: its stopped event, not the other's.
    await page.evaluate(() => { window.seen.a.length = 0; window.seen.b.length = 0; });
    await demo(page, 'a', (el) => el.train());
    await waitFor(page, () => demo(page, 'a', (el) => el.state().iteration > 520), { what: 'a trains' });
    await demo(page, 'a', (el) => el.pause());
    await waitFor(page, () => page.evaluate(() => window.seen.a.some((e) => e.name === 'stopped')), { what: 'stopped' });
    const stopped = (await page.evaluate(() => window.seen.a)).find((e) => e.name === 'stopped');
    assert.equal(stopped.reason, 'paused');
    assert.equal((await demo(page, 'b', (el) => el.state())).iteration, 500, 'b did not train');
    assert.deepEqual(await page.evaluate(() => window.seen.b), []);
  });

  test('keyboard focus moves from the page into each demo and out; keys go to the focused one', async () => {
    await page.focus('#before');
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'a');
    // S steps the focused demo only (a key held over two frames, as a person's press).
    const before = [await demo(page, 'a', (el) => el.state().iteration), await demo(page, 'b', (el) => el.state().iteration)];
    await page.keyboard.down('s');
    await nextFrames(page, 3);
    await page.keyboard.up('s');
    await waitFor(page, async () => (await demo(page, 'a', (el) => el.state().iteration)) > before[0], { what: 'S steps a' });
    assert.equal(await demo(page, 'b', (el) => el.state().iteration), before[1], 'b took no key');
    // After the canvas comes its own text view (Train first), then, past its controls, the next demo.
    const inside = (id) => page.evaluate((id) => {
      const a = document.getElementById(id).shadowRoot.activeElement;
      return a ? a.id || a.textContent || a.tagName : null;
    }, id);
    const tabUntil = async (done, what) => {
      for (let i = 0; i < 40; ++i) {
        await page.keyboard.press('Tab');
        if (await done()) return;
      }
      assert.fail(`Tab never reached ${what}`);
    };
    await page.keyboard.press('Tab');
    assert.equal(await inside('a'), 'tv-train');
    await tabUntil(async () => (await focused()) !== 'a', 'past a');
    assert.equal(await focused(), 'b');
    assert.equal(await inside('b'), 'CANVAS', 'b\'s canvas first');
    await tabUntil(async () => (await focused()) !== 'b', 'past b');
    assert.equal(await focused(), 'bad');
    // Past its text view, its refusal's Close button, inside the element.
    await tabUntil(async () => (await inside('bad')) === 'Close', 'Close');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'after', 'and out of the last one');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'bad', 'and back');
  });

  test('attributes: a bad one is named in the element and the console; the others apply', async () => {
    const msg = await demo(page, 'bad', (el) => el.message);
    assert.match(msg, /hidden\[1\] must be 1 to 16 units, not 40/);
    assert.match(await demo(page, 'bad', (el) => el.shadowRoot.querySelector('[role=alert]').textContent), /hidden\[1\]/);
    assert.ok(errors.some((e) => /<backprop-demo>: .*hidden\[1\]/.test(e)), 'said in the console');
    // The demo runs (never a blank box): the canvas is shown, the network is the default one.
    assert.equal(await demo(page, 'bad', (el) => el.state().iteration), 0);
    assert.equal(await demo(page, 'bad', (el) => el.shadowRoot.querySelector('canvas').hidden), false);
    // Close puts the message away; element.message still says it.
    await demo(page, 'bad', (el) => el.shadowRoot.querySelector('[role=alert] button').click());
    assert.equal(await demo(page, 'bad', (el) => el.shadowRoot.querySelector('[role=alert]').hidden), true);
    assert.match(await demo(page, 'bad', (el) => el.message), /hidden\[1\]/);
  });

  test('attributes changed after load apply as set() does; a refused change changes nothing', async () => {
    const w = await demo(page, 'a', (el) => el.state().weights);
    const it = await demo(page, 'a', (el) => el.state().iteration);
    await demo(page, 'a', (el) => el.setAttribute('lr', '0.75'));
    await waitFor(page, () => demo(page, 'a', (el) => el.get().lr === 0.75), { what: 'lr applied' });
    const s = await demo(page, 'a', (el) => el.state());
    assert.equal(s.iteration, it, 'a learning rate keeps the weights and the iteration');
    assert.deepEqual(s.weights, w);
    await demo(page, 'a', (el) => el.setAttribute('lr', 'fast'));
    await waitFor(page, () => demo(page, 'a', (el) => el.message !== ''), { what: 'refusal shown' });
    assert.match(await demo(page, 'a', (el) => el.message), /lr/);
    assert.equal(await demo(page, 'a', (el) => el.get().lr), 0.75, 'nothing changed');
    // A new shape: new weights at iteration 0, as set({ hidden: [8, 8] }) gives; the message goes.
    await demo(page, 'a', (el) => { el.setAttribute('lr', '0.5'); el.setAttribute('hidden', '8,8'); });
    await waitFor(page, () => demo(page, 'a', (el) => el.get().hidden.join() === '8,8'), { what: 'hidden applied' });
    assert.equal(await demo(page, 'a', (el) => el.state().iteration), 0);
    assert.equal(await demo(page, 'a', (el) => el.get().lr), 0.5);
    assert.equal(await demo(page, 'a', (el) => el.message), '');
    // The bad element fixed by its page: the attribute applies.
    await demo(page, 'bad', (el) => el.setAttribute('hidden', '8,4'));
    await waitFor(page, () => demo(page, 'bad', (el) => el.get().hidden.join() === '8,4'), { what: 'fixed' });
    assert.equal(await demo(page, 'bad', (el) => el.get().lr), 0.5);
    assert.deepEqual(errors.filter((e) => !/<backprop-demo>/.test(e)), []);
  });

  test('a step(n) over several frames ends with stopped { reason: "done" }', async () => {
    await page.evaluate(() => { window.seen.b.length = 0; });
    const start = await demo(page, 'b', (el) => el.state().iteration);
    const now = await demo(page, 'b', (el) => el.step(300000));
    assert.ok(now < 300000, `not all at once (${now})`);
    await waitFor(page, () => page.evaluate(() => window.seen.b.some((e) => e.name === 'stopped')), { what: 'stopped', timeoutMs: 120000 });
    const stopped = (await page.evaluate(() => window.seen.b)).find((e) => e.name === 'stopped');
    assert.equal(stopped.reason, 'done');
    assert.equal(stopped.iteration, start + 300000);
  });

  test('taken out of the page an element stops drawing; put back it goes on', async () => {
    const frameOf = () => demo(page, 'b', (el) => el.state().frame);
    await page.evaluate(() => { window.kept = document.getElementById('b'); window.kept.remove(); });
    const f0 = await page.evaluate(() => window.kept.state().frame);
    await nextFrames(page, 10);
    assert.equal(await page.evaluate(() => window.kept.state().frame), f0, 'no frame drawn while out');
    await page.evaluate(() => document.querySelectorAll('figure')[1].append(window.kept));
    await waitFor(page, async () => (await frameOf()) > f0, { what: 'frames again' });
  });
});
