// <backprop-demo> for screen readers and course authors (issue 15, web/backprop-demo.js):
// each element has the page's text view (web/text-view.js) right after its canvas, reading
// its own state(), and reached in the accessibility tree under its own name; removing an
// attribute puts that setting back to its default; a bare hidden is HTML's hidden.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { siteDir, start, waitFor } from './harness.mjs';

const pageName = 'element-a11y-test-page.html';
const pageHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>two demos, read aloud</title>
<link rel="icon" href="favicon.svg"><link rel="stylesheet" href="compare.css">
<script src="backprop-demo.js"></script></head>
<body>
<backprop-demo id="a" lr="0.5" seed="1" style="height: 400px"></backprop-demo>
<backprop-demo id="b" lr="2" seed="2" style="height: 400px"></backprop-demo>
<backprop-demo id="c" lr="0.25" seed="4" hidden="3,2" speed="20" style="height: 300px"></backprop-demo>
<backprop-demo id="d" hidden style="height: 300px"></backprop-demo>
</body></html>`;

const demo = (page, id, fn, arg) => page.evaluate(({ id, fn, arg }) => {
  const el = document.getElementById(id);
  return new Function('el', 'arg', `return (${fn})(el, arg)`)(el, arg);
}, { id, fn: fn.toString(), arg });

// The accessibility tree (what a screen reader reads) under each region whose name starts
// with "Backpropagation demo": name -> every role, name and value in it, in order, as text.
async function textViews(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const views = {};
  for (const n of nodes) {
    const name = n.name?.value ?? '';
    if (n.ignored || n.role?.value !== 'region' || !name.startsWith('Backpropagation demo')) continue;
    const parts = [];
    const walk = (m) => {
      if (!m) return;
      if (!m.ignored) parts.push(`${m.role?.value}: ${m.name?.value ?? ''}${m.value ? ` = ${m.value.value}` : ''}`);
      for (const c of m.childIds ?? []) walk(byId.get(c));
    };
    walk(n);
    views[name] = parts.join('\n');
  }
  return views;
}
const four = (v) => String(+v.toFixed(4));
const require = createRequire(import.meta.url);

describe('<backprop-demo> for screen readers and course authors', () => {
  let h, page, errors;
  before(async () => {
    writeFileSync(join(siteDir, pageName), pageHtml);
    h = await start();
    ({ page, errors } = await h.open(pageName, { waitReady: false, viewport: { width: 1280, height: 900 } }));
    await page.evaluate(() => Promise.all(['a', 'b', 'c', 'd'].map((id) => document.getElementById(id).ready)));
  });
  after(async () => {
    await page?.close();
    await h?.stop();
    rmSync(join(siteDir, pageName), { force: true });
  });

  test('each element has its own text view in the accessibility tree, with its own numbers', async () => {
    // Different runs: a steps 3 times at lr 0.5, b 7 times at lr 2.
    await demo(page, 'a', (el) => el.step(3));
    await demo(page, 'b', (el) => el.step(7));
    const sa = await demo(page, 'a', (el) => el.state());
    const sb = await demo(page, 'b', (el) => el.state());
    assert.equal(sa.iteration, 3);
    assert.equal(sb.iteration, 7);
    const said = (s) => `Iteration ${s.iteration}, loss C = ${+s.loss.toFixed(6)}.`;
    let views = {};
    await waitFor(page, async () => {
      views = await textViews(page);
      return views['Backpropagation demo: text view']?.includes(said(sa)) &&
             views['Backpropagation demo 2: text view']?.includes(said(sb));
    }, { what: `each text view says its own iteration and loss: ${JSON.stringify(Object.keys(views))}` });
    const [va, vb] = [views['Backpropagation demo: text view'], views['Backpropagation demo 2: text view']];
    assert.ok(!va.includes(said(sb)) && !vb.includes(said(sa)), 'neither says the other\'s numbers');
    // Its controls and the table of the data with the outputs now, from its own state().
    for (const [v, s] of [[va, sa], [vb, sb]]) {
      assert.match(v, /button: Train/);
      assert.match(v, new RegExp(`textbox: Learning rate = ${String(s.learningRate).replace('.', '\\.')}`));
      for (let r = 0; r < s.outputs.length; ++r) {
        const a = Array.isArray(s.outputs[r]) ? s.outputs[r][0] : s.outputs[r];
        assert.ok(v.includes(`cell: ${four(a)}`), `output ${r + 1}, ${four(a)}, in its table:\n${v}`);
      }
      assert.match(v, /Version: backprop \d+\.\d+\.\d+/);
    }
    assert.notEqual(four(sa.outputs[0][0] ?? sa.outputs[0]), four(sb.outputs[0][0] ?? sb.outputs[0]), 'the two runs differ');
    // Next to its canvas: the canvas, then the text view, in the element's own tree order; out
    // of sight (1 px) until something in it has focus.
    const order = await demo(page, 'a', (el) => {
      const kids = [...el.shadowRoot.querySelector('.box').children];
      return [kids.indexOf(el.shadowRoot.querySelector('canvas')), kids.indexOf(el.shadowRoot.querySelector('.text-view')),
              el.shadowRoot.querySelector('.text-view').getBoundingClientRect().width];
    });
    assert.deepEqual(order, [0, 1, 1]);
    // The canvas's label says what its own network is doing.
    assert.match(await demo(page, 'b', (el) => el.shadowRoot.querySelector('canvas').getAttribute('aria-label')),
                 /^Demo 2: a 3-4-1 neural network, paused at iteration 7/);
  });

  test('the text view drives its own demo only', async () => {
    const before = await demo(page, 'b', (el) => el.state().iteration);
    await page.evaluate(() => document.getElementById('a').shadowRoot.getElementById('tv-step').click());
    await waitFor(page, () => demo(page, 'a', (el) => el.state().iteration === 4), { what: 'a stepped' });
    assert.equal(await demo(page, 'b', (el) => el.state().iteration), before);
    // Focused, it shows over its canvas.
    await page.evaluate(() => document.getElementById('a').shadowRoot.getElementById('tv-train').focus());
    const w = await demo(page, 'a', (el) => el.shadowRoot.querySelector('.text-view').getBoundingClientRect().width);
    assert.ok(w > 200, `the focused text view is visible: ${w} px wide`);
  });

  test('axe-core finds no serious or critical problem in the elements, their text views included', async () => {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    // Once with the text views out of sight, once with one of them focused and shown.
    for (const focus of [false, true]) {
      if (focus) await page.evaluate(() => document.getElementById('b').shadowRoot.getElementById('tv-lr').focus());
      const found = await page.evaluate(async () => {
        const r = await window.axe.run(document);
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
      });
      assert.deepEqual(found, [], focus ? 'with a text view shown' : 'at rest');
    }
  });

  test('removing an attribute puts that setting back to its default, as set() of the default does', async () => {
    const defaults = await demo(page, 'c', (el) => el.defaults());
    assert.equal(defaults.lr, 1, 'the chapter\'s learning rate');
    assert.deepEqual(defaults.hidden, [4]);
    const was = await demo(page, 'c', (el) => el.get());
    assert.equal(was.lr, 0.25);
    assert.deepEqual(was.hidden, [3, 2]);
    assert.equal(was.speed, 20);
    await demo(page, 'c', (el) => el.step(5));
    // The learning rate: back to 1, the weights kept (as set({ lr: 1 })).
    await demo(page, 'c', (el) => el.removeAttribute('lr'));
    await waitFor(page, () => demo(page, 'c', (el) => el.get().lr === 1), { what: 'lr back to its default' });
    assert.equal(await demo(page, 'c', (el) => el.state().iteration), 5, 'a learning rate keeps the weights');
    // Two at once (one batch of changes): the shape starts again, the speed is the default's.
    await demo(page, 'c', (el) => { el.removeAttribute('hidden'); el.removeAttribute('speed'); });
    await waitFor(page, () => demo(page, 'c', (el) => el.get().hidden.join() === '4'), { what: 'hidden back' });
    const now = await demo(page, 'c', (el) => el.get());
    assert.equal(now.speed, defaults.speed);
    assert.equal(await demo(page, 'c', (el) => el.state().iteration), 0, 'a new shape starts again');
    assert.equal(await demo(page, 'c', (el) => el.message), '');
    // The same as set() of the defaults on a demo that never had them.
    await demo(page, 'a', (el) => el.set({ lr: 0.25, hidden: [3, 2], speed: 20 }));
    await demo(page, 'a', (el) => el.set({ lr: el.defaults().lr, hidden: el.defaults().hidden, speed: el.defaults().speed }));
    const a = await demo(page, 'a', (el) => el.get());
    assert.deepEqual([now.lr, now.hidden, now.speed], [a.lr, a.hidden, a.speed]);
  });

  test('hidden: layer sizes show the demo; a bare hidden (el.hidden = true) hides it as HTML does', async () => {
    const shown = (id) => demo(page, id, (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
    assert.equal(await shown('b'), true);
    // hidden="8,8": the layers, and the element is on the page.
    await demo(page, 'b', (el) => el.setAttribute('hidden', '8,8'));
    await waitFor(page, () => demo(page, 'b', (el) => el.get().hidden.join() === '8,8'), { what: 'layers 8,8' });
    assert.equal(await shown('b'), true);
    // A bare hidden hides it and leaves the layers as they are.
    await demo(page, 'b', (el) => { el.hidden = true; });
    assert.equal(await shown('b'), false);
    assert.deepEqual(await demo(page, 'b', (el) => el.get().hidden), [8, 8]);
    assert.equal(await demo(page, 'b', (el) => el.message), '');
    // el.hidden = false removes the attribute: shown again, and the layers go back to the default.
    await demo(page, 'b', (el) => { el.hidden = false; });
    assert.equal(await shown('b'), true);
    await waitFor(page, () => demo(page, 'b', (el) => el.get().hidden.join() === '4'), { what: 'layers back to 4' });
    // An element written with a bare hidden runs the default layers, out of sight.
    assert.equal(await shown('d'), false);
    assert.deepEqual(await demo(page, 'd', (el) => el.get().hidden), [4]);
    assert.equal(await demo(page, 'd', (el) => el.message), '');
    assert.deepEqual(errors, []);
  });
});
