// The page inside a lesson: the example lesson page (web/embed.html) drives the demo in its
// iframe with postMessage; other origins are ignored unless the link allows them; malformed
// messages are answered with errors; window.backprop's get/set and events; the demo neither
// takes the lesson page's keys nor scrolls it, and fills its frame.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { nextFrames, screenshot, start, state, waitFor } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const frameState = (frame) => frame.evaluate(() => window.backprop.state());

// The demo's frame in a host page, once it runs.
async function demoFrame(page, selector = 'iframe') {
  const handle = await page.waitForSelector(selector, { state: 'attached' });
  let frame = null;
  await waitFor(page, async () => {
    frame = await handle.contentFrame();
    if (!frame) return false;
    return frame.evaluate(() => typeof window.backprop === 'object').catch(() => false);
  }, { what: `the demo in ${selector}` });
  await frame.evaluate(() => window.backprop.ready.then(() => true));
  return frame;
}

// A tab with a host page of our own at url (the page's HTML is host), errors collected.
async function openHost(url, host, { viewport = { width: 1280, height: 800 } } = {}) {
  const { page, errors } = await h.newPage({ viewport });
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: host }));
  await page.goto(url);
  return { page, errors };
}

// In the host page: every message that comes back, with the frame it came from.
function collector() {
  window.got = [];
  window.addEventListener('message', (e) => {
    const from = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
    window.got.push({ from: from?.id ?? null, data: e.data });
  });
}
const collectorSource = collector.toString();
const collectReplies = (page) => page.evaluate(collector);

describe('the example lesson page', () => {
  test('its buttons drive the demo through postMessage; events update the lesson text', async () => {
    const { page, errors } = await h.open('embed.html', { waitReady: false });
    const frame = await demoFrame(page, '#demo');
    await page.waitForFunction(() => !document.getElementById('train').disabled);
    assert.equal((await frameState(frame)).iteration, 0);

    await page.locator('#train').click();  // real mouse events on the lesson's buttons
    await waitFor(frame, async (f) => (await frameState(f)).iteration > 5, { what: 'training' });
    assert.equal((await frameState(frame)).training, true);
    // The demo's step events reach the lesson page (it subscribed) and update its text.
    await waitFor(page, async (p) => Number(await p.textContent('#iteration')) > 5,
                  { what: 'the live iteration in the lesson' });
    assert.match(await page.textContent('#loss'), /^0\.\d{5}$/);

    await page.locator('#pause').click();
    await waitFor(frame, async (f) => !(await frameState(f)).training, { what: 'pause' });
    const paused = (await frameState(frame)).iteration;

    await page.locator('#step-w2').click();
    await waitFor(page, async (p) => /After iteration/.test(await p.textContent('#w2')),
                  { what: 'W2 in the lesson text' });
    let s = await frameState(frame);
    assert.equal(s.iteration, paused + 2);
    assert.deepEqual(s.selected, { layer: 2, row: 0, col: 0 });
    const w2 = s.weights[1].map((row) => row[0].toFixed(4)).join(', ');
    assert.equal(await page.textContent('#w2'),
                 `After iteration ${s.iteration}, W2 = [${w2}]. The demo's Equations tab now explains W2[0][0].`);
    await waitFor(page, async (p) => Number(await p.textContent('#iteration')) === paused + 2,
                  { what: 'the step event of the two steps' });

    await page.locator('#reset3').click();
    await waitFor(frame, async (f) => (await frameState(f)).seed === 3, { what: 'reset to seed 3' });
    s = await frameState(frame);
    assert.equal(s.iteration, 0);
    assert.equal(s.training, false);
    const fresh = await h.open('?seed=3');
    assert.deepEqual(s.weights, (await frameState(fresh.page)).weights, "seed 3's initial weights");
    await fresh.page.close();
    await waitFor(page, async (p) => (await p.textContent('#iteration')) === '0', { what: 'iteration 0 in the lesson' });
    assert.match(await page.textContent('#log'), /-> reset\(3\)<- ""/);
    await screenshot(page, 'embed-lesson.png');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

// A second server for lesson pages of our own on 127.0.0.1, to be opened as localhost: an
// origin other than the demo's. (Chromium refuses a page that Playwright made up itself as a
// public page loading a local one, so the lesson must come from a real local server.)
async function serveLesson(page) {  // page(): the HTML
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page());
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://localhost:${server.address().port}`,
           // The browser keeps its connection open for its next page; close it too.
           close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }) };
}

describe('postMessage', () => {
  test('messages from another origin are ignored unless the link allows that origin', async () => {
    const base = h.base;  // the demo: http://127.0.0.1:port/
    // The lesson listens before its frames load, so that their 'ready' events are not missed.
    const frames = (lessonOrigin) => `<!doctype html><body>
      <script>(${collectorSource})()</script>
      <iframe id="closed" src="${base}index.html?seed=2" width="600" height="400"></iframe>
      <iframe id="open" src="${base}index.html?seed=2&origins=${lessonOrigin}" width="600" height="400"></iframe>
      <iframe id="other" src="${base}index.html?origins=https://other.example,http://localhost:1" width="600" height="400"></iframe>
      </body>`;
    let html = '';
    const lesson = await serveLesson(() => html);
    html = frames(lesson.origin);
    const { page, errors } = await h.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${lesson.origin}/lesson.html`);
    const demo = {};
    for (const id of ['closed', 'open', 'other']) demo[id] = await demoFrame(page, `#${id}`);
    await page.evaluate(() => {
      for (const f of document.querySelectorAll('iframe')) {
        const send = (id, command, args) =>
          f.contentWindow.postMessage({ type: 'backprop', version: 1, id, command, args }, '*');
        send(1, 'step', [5]);
        send(2, 'train');
        send(3, 'set', [{ lr: 3 }]);
        send(4, 'this is not a command');
        'not even an object'.split(' ').forEach((w) => f.contentWindow.postMessage(w, '*'));
      }
    });
    await waitFor(page, () => page.evaluate(() => window.got.filter((m) => m.from === 'open' && 'ok' in m.data).length >= 8),
                  { what: 'the replies of the frame that allows this origin' });
    await nextFrames(demo.closed, 10);

    for (const id of ['closed', 'other']) {
      const s = await frameState(demo[id]);
      assert.equal(s.iteration, 0, `${id}: no step`);
      assert.equal(s.training, false, `${id}: not training`);
      assert.equal(s.learningRate, 1, `${id}: learning rate unchanged`);
      assert.equal(s.message, '', `${id}: origins is a known key in the link`);
    }
    const got = await page.evaluate(() => window.got);
    assert.deepEqual(got.filter((m) => m.from !== 'open'), [], 'no answer from the closed frames');
    const replies = got.filter((m) => 'ok' in m.data).map((m) => m.data);
    assert.deepEqual(replies.slice(0, 3), [
      { type: 'backprop', version: 1, id: 1, ok: true, result: 5 },
      { type: 'backprop', version: 1, id: 2, ok: true, result: null },
      { type: 'backprop', version: 1, id: 3, ok: true, result: '' },
    ]);
    assert.equal(replies[3].id, 4);
    assert.equal(replies[3].ok, false);
    assert.match(replies[3].error, /unknown command "this is not a command"/);
    for (const r of replies.slice(4)) {
      assert.equal(r.ok, false);
      assert.equal(r.id, null);
      assert.match(r.error, /a message must be an object/);
    }
    assert.ok(got.some((m) => m.from === 'open' && m.data.event === 'ready'),
              'the frame that allows the lesson announced that it runs');
    const s = await frameState(demo.open);
    assert.equal(s.learningRate, 3);
    assert.ok(s.iteration >= 5 && s.training);
    assert.deepEqual(errors, []);
    await page.close();
    await lesson.close();
  });

  test('malformed messages are answered with errors that name the problem, and nothing breaks', async () => {
    const { page, errors } = await h.open('embed.html', { waitReady: false });
    const frame = await demoFrame(page, '#demo');
    await collectReplies(page);
    const expected = await page.evaluate(() => {
      const w = document.getElementById('demo').contentWindow;
      const cyclic = { lr: 1 };
      cyclic.self = cyclic;
      let deep = [];
      for (let i = 0; i < 50; i++) deep = [deep];
      const m = (id, command, args, extra = {}) => ({ type: 'backprop', version: 1, id, command, args, ...extra });
      const cases = [
        ['hello', null, /a message must be an object/],
        [42, null, /a message must be an object/],
        [null, null, /a message must be an object/],
        [[1, 2], null, /a message must be an object/],
        [{ type: 'other', id: 'a' }, 'a', /type must be 'backprop', not "other"/],
        [m('b', 'train', [], { version: 2 }), 'b', /version 2 is not spoken here: this page speaks version 1/],
        [m('c', 'fly'), 'c', /unknown command "fly" \(commands: train, pause, step/],
        [m('d', 'toString'), 'd', /unknown command "toString"/],
        [m('e', '__proto__'), 'e', /unknown command "__proto__"/],
        [m('f', 'step', ['x']), 'f', /step\(n\): n must be a whole number from 0 to 1000000, not "x"/],
        [m('g', 'step', 2), 'g', /args must be a list/],
        [m('h', 'step', [1, 2]), 'h', /step takes 0 to 1 argument, not 2/],
        [m('i', 'set', ['x'.repeat((1 << 20) + 1)]), 'i', /args: the text is 1,048,577 bytes \(1\.0 MiB\), more than the 1,048,576 bytes \(1 MiB\)/],
        [m('j', 'set', [cyclic]), 'j', /args: nested more than 8 levels deep/],
        [m('k', 'set', [deep]), 'k', /args: nested more than 8 levels deep/],
        [m('l', 'set', [new Array(5000).fill(0)]), 'l', /args: a list of 5000 values, more than the 1000 allowed/],
        [m('l2', 'set', [{ a: new Array(600).fill(0), b: new Array(600).fill(0) }]), 'l2', /args: more than 1000 values/],
        [m('m', 'set', [new Date(0)]), 'm', /args: .*Date.* is not a number, text, list or object/],
        [m('n', 'set', [{ lr: 'fast' }]), 'n', /settings\.lr: expected a number, got the string 'fast'/],
        [m('o', 'set', [{ lr: 0.5, example: 7 }]), 'o', /example/],
        [m('p', 'set', ['lr=5']), 'p', /set\(settings\) takes an object/],
        [m('q', 'select', [{ layer: 9, row: 0, col: 0 }]), 'q', /W9 does not exist/],
        [m('r', 'walkthrough', ['sideways']), 'r', /unknown phase 'sideways'/],
        [m('s', 'step', [1e12]), 's', /n must be a whole number from 0 to 1000000/],
        [m('t', 'reset', [-3]), 't', /seed must be a whole number from 0, not -3/],
        [m('u', 'subscribe', [['everything']]), 'u', /the events must be a list of step, diverged, converged, ready/],
        [m('x'.repeat(500), 'state'), null, /id must be a number or a text of at most 100 characters/],
        [m(Infinity, 'state'), null, /id must be a number or a text/],
        [m('v', 'state', [], { args: undefined, command: 12 }), 'v', /command must be one of/],
      ];
      for (const [message] of cases) w.postMessage(message, location.origin);
      return cases.map(([, id, re]) => [id, re.source]);
    });
    await waitFor(page, () => page.evaluate((n) => window.got.filter((m) => 'ok' in m.data).length >= n,
                                            expected.length),
                  { what: 'an answer to every message' });
    await nextFrames(frame, 5);
    const replies = (await page.evaluate(() => window.got)).filter((m) => 'ok' in m.data).map((m) => m.data);
    assert.equal(replies.length, expected.length, 'one answer per message');
    replies.forEach((r, k) => {
      const [id, re] = expected[k];
      assert.equal(r.type, 'backprop');
      assert.equal(r.version, 1);
      assert.equal(r.ok, false, `message ${k} is refused`);
      assert.equal(r.id, id, `message ${k}'s id`);
      assert.match(r.error, new RegExp(re), `message ${k}`);
    });
    const s = await frameState(frame);
    assert.equal(s.iteration, 0, 'nothing was half-applied');
    assert.equal(s.learningRate, 1);
    assert.equal(await frame.evaluate(() => window.backprop.step(3)), 3, 'the demo still works');
    assert.deepEqual(errors, []);
    await page.close();
  });
  test('a lesson can save, link and load the demo over postMessage', async () => {
    const { page, errors } = await h.open('embed.html', { waitReady: false });
    const frame = await demoFrame(page, '#demo');
    await collectReplies(page);
    await frame.evaluate(() => window.backprop.step(7));
    const before = await frameState(frame);
    await page.evaluate(() => {
      const w = document.getElementById('demo').contentWindow;
      const send = (id, command, args) =>
        w.postMessage({ type: 'backprop', version: 1, id, command, args }, location.origin);
      send('json', 'exportJson');
      send('link', 'link', [{ weights: true }]);
      send('bad', 'load', ['{"format": "backprop", "version": 9}', 'future.json']);
      send('csv', 'load', ['x1,x2,label\n1,2,1\n-1,-2,0\n-2,1,0\n2,-1,1\n', 'points.csv']);
    });
    await waitFor(page, () => page.evaluate(() => window.got.filter((m) => 'ok' in m.data).length >= 4),
                  { what: 'four answers' });
    const replies = Object.fromEntries((await page.evaluate(() => window.got))
      .filter((m) => 'ok' in m.data).map((m) => [m.data.id, m.data]));
    const doc = JSON.parse(replies.json.result);
    assert.equal(doc.format, 'backprop');
    assert.deepEqual(doc.network.weights, before.weights, 'the document holds the weights after 7 steps');
    assert.match(replies.link.result, /\/index\.html\?.*weights=/);
    assert.equal(replies.bad.ok, false);
    assert.match(replies.bad.error, /version 9/);
    assert.equal(replies.csv.ok, true);
    const after = await frameState(frame);
    assert.equal(after.setup.source, 'custom', 'the points are the lesson\'s now');
    assert.equal(after.trainPoints + after.testPoints, 4);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('window.backprop', () => {
  test('get() and set(): a round trip, all or nothing, errors naming the setting', async () => {
    const { page, errors } = await h.open('?seed=2');
    const api = (fn, arg) => page.evaluate(fn, arg);
    const initial = await api(() => window.backprop.get());
    const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));
    assert.deepEqual(pick(initial, ['seed', 'data', 'hidden', 'act', 'out', 'bias', 'lr', 'speed',
                                    'walk', 'grads', 'select', 'tab', 'hide']), {
      seed: 2, data: 'chapter', hidden: [4], act: ['sigmoid'], out: 'sigmoid', bias: false, lr: 1,
      speed: 200, walk: false, grads: false, select: [1, 0, 0], tab: 'equations', hide: [],
    });
    await api(() => window.backprop.step(10));
    assert.equal(await api(() => window.backprop.set(window.backprop.get())), '');
    assert.equal((await state(page)).iteration, 10, 'set(get()) changes nothing');
    assert.deepEqual(await api(() => window.backprop.get()), initial);
    // Options keep the weights and the iteration; a new seed starts again.
    assert.equal(await api(() => window.backprop.set({ lr: 0.25, grads: true })), '');
    assert.equal((await state(page)).iteration, 10, 'a learning rate alone keeps training going');

    const wanted = {
      seed: 3, lr: 0.5, speed: 'max', act: ['tanh'], out: 'sigmoid', walk: true, grads: true,
      select: [2, 1, 0],
    };
    assert.equal(await api((w) => window.backprop.set(w), wanted), '');
    assert.deepEqual(pick(await api(() => window.backprop.get()), Object.keys(wanted)), wanted);
    let s = await state(page);
    assert.equal(s.iteration, 0, 'a new seed starts again');
    assert.equal(s.learningRate, 0.5);
    assert.deepEqual(s.activations, ['tanh', 'sigmoid']);
    assert.equal(s.walkthrough, true);
    assert.deepEqual(s.selected, { layer: 2, row: 1, col: 0 });
    assert.equal(await api(() => window.backprop.set({ speed: 250, seed: 4 })), '');
    assert.deepEqual(pick(await api(() => window.backprop.get()), ['speed', 'seed']), { speed: 250, seed: 4 });

    const now = await api(() => window.backprop.get());
    const refused = [
      [{ lr: 0.1, select: [3, 0, 0] }, /select/],
      [{ lr: 0.1, select: [1, 3, 0] }, /select/],
      [{ lr: 0.1, speed: 0 }, /speed/],
      [{ lr: 0.1, seed: 1.5 }, /seed/],
      [{ lr: 'fast', seed: 9 }, /settings\.lr: expected a number, got the string 'fast'/],
      [{ lr: 0.1, act: ['swish'] }, /act/],
      [{ lr: 0.1, hidden: [99] }, /hidden/],
      [{ lr: 0.1, walk: 'yes' }, /walk/],
      [{ lr: 0.1, colour: 'red' }, /colour/],
      [{ lr: 0.1, speed: Infinity }, /speed/],
      [{ lr: 0.1, seed: null }, /seed/],
      [{ lr: 0.1, data: 'moon' }, /moon/],
      [[1, 2], /set\(settings\) takes an object/],
    ];
    for (const [settings, re] of refused) {
      assert.match(await api((x) => window.backprop.set(x), settings), re, JSON.stringify(settings));
      assert.deepEqual(await api(() => window.backprop.get()), now, `nothing applied: ${JSON.stringify(settings)}`);
    }
    // A cyclic object is refused before it is walked to the end.
    assert.match(await api(() => { const c = { lr: 1 }; c.self = c; return window.backprop.set(c); }),
                 /set\(settings\): nested more than 8 levels deep/);
    assert.equal(await api(() => window.backprop.reset(7)), '');
    s = await state(page);
    assert.equal(s.seed, 7);
    assert.equal(s.iteration, 0);
    assert.match(await api(() => window.backprop.reset('seven')), /seed must be a whole number from 0/);
    assert.equal((await state(page)).seed, 7);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('walkthrough(phase) runs to a phase', async () => {
    const { page, errors } = await h.open('');
    const walk = (p) => page.evaluate((x) => window.backprop.walkthrough(x), p);
    assert.deepEqual(await walk('next'), { kind: 'forward', layer: 1 });
    assert.equal((await state(page)).walkthrough, true);
    assert.deepEqual(await walk('loss'), { kind: 'loss', layer: 0 });
    assert.equal((await state(page)).phasesDone, 3);
    assert.deepEqual(await walk('backward'), { kind: 'backward', layer: 2 });
    assert.deepEqual(await walk('update'), { kind: 'update', layer: 0 });
    let s = await state(page);
    assert.equal(s.iteration, 1);
    assert.equal(s.phasesDone, 0);
    assert.deepEqual(await walk('forward'), { kind: 'forward', layer: 1 });
    await assert.rejects(walk('sideways'), /unknown phase 'sideways'/);
    await assert.rejects(walk(3), /phase must be true, false, 'next'/);
    await walk(false);
    s = await state(page);
    assert.equal(s.walkthrough, false);
    assert.equal(s.phase, null);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the converged event carries the student\'s stop loss, not the default 0.01', async () => {
    const { page, errors } = await h.open('?speed=1000&stop_loss=0.05');
    await page.evaluate(() => {
      window.seen = [];
      window.backprop.on('converged', (d) => window.seen.push(d));
      window.backprop.train();
    });
    await waitFor(page, () => page.evaluate(() => window.seen.length > 0), { what: 'converged' });
    const [c] = await page.evaluate(() => window.seen);
    assert.equal(c.threshold, 0.05);
    // C over the chapter's four rows, the loss the rule watches, reached 0.05 in this step.
    assert.ok(c.loss <= 0.05 && c.loss > 0.01, `converged at loss ${c.loss}`);
    const s = await state(page);
    assert.equal(s.training, false, 'the stop rule stopped training');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('events: step while training, converged below 0.01, diverged, ready; on() returns an unsubscribe', async () => {
    let { page, errors } = await h.open('?speed=1000');
    await page.evaluate(() => {
      window.seen = { step: [], converged: [], ready: 0 };
      window.stopSteps = window.backprop.on('step', (d) => window.seen.step.push(d));
      window.backprop.on('converged', (d) => window.seen.converged.push(d));
      window.backprop.on('ready', () => { window.seen.ready += 1; });
      window.backprop.train();
    });
    await waitFor(page, () => page.evaluate(() => window.seen.converged.length > 0), { what: 'converged' });
    await page.evaluate(() => { window.backprop.pause(); window.stopSteps(); });
    const seen = await page.evaluate(() => window.seen);
    assert.equal(seen.ready, 1, 'ready fires once for a listener added after the page runs');
    assert.ok(seen.step.length >= 3, `step events: ${seen.step.length}`);
    for (let k = 1; k < seen.step.length; k++) assert.ok(seen.step[k].iteration > seen.step[k - 1].iteration);
    assert.equal(seen.step[0].training, true);
    const c = seen.converged[0];
    assert.ok(c.loss <= 0.01 && c.loss > 0.005, `converged at loss ${c.loss}`);
    assert.equal(c.threshold, 0.01);
    assert.equal(seen.converged.length, 1, 'once');
    const steps = seen.step.length;
    await page.evaluate(() => window.backprop.step(5));
    await nextFrames(page, 3);
    assert.equal(await page.evaluate(() => window.seen.step.length), steps, 'unsubscribed');
    await assert.rejects(page.evaluate(() => window.backprop.on('bogus', () => {})), /unknown event "bogus"/);
    assert.deepEqual(errors, []);
    await page.close();

    ({ page, errors } = await h.open('?activations=tanh,linear&lr=10'));
    await page.evaluate(() => {
      window.seen = [];
      window.backprop.on('diverged', (d) => window.seen.push(d));
      window.backprop.train();
    });
    await waitFor(page, () => page.evaluate(() => window.seen.length > 0), { what: 'diverged' });
    const d = (await page.evaluate(() => window.seen))[0];
    assert.match(d.message, /diverged at iteration \d+/);
    assert.equal(d.iteration, (await state(page)).iteration);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('inside a lesson page', () => {
  test('the demo takes no keys or focus from the lesson page, does not scroll it, and fills its frame', async () => {
    const { page, errors } = await h.open('embed.html', { waitReady: false });
    const frame = await demoFrame(page, '#demo');
    await page.waitForFunction(() => !document.getElementById('train').disabled);
    assert.equal(await frame.evaluate(() => document.hasFocus()), false, 'no focus taken');
    await frame.evaluate(() => {
      window.keysSeen = 0;
      window.addEventListener('keydown', () => { window.keysSeen += 1; }, true);
    });
    await page.locator('h1').click();
    for (const key of ['Space', 'ArrowDown', 'PageDown', 'a', 'Tab']) await page.keyboard.press(key);
    await nextFrames(frame, 3);
    assert.equal(await frame.evaluate(() => window.keysSeen), 0, 'keys pressed in the lesson stay there');

    // The canvas fills the frame, and follows it when the frame changes size.
    const sizes = () => frame.evaluate(() => {
      const c = document.getElementById('canvas');
      return { canvas: [c.width, c.height], view: [innerWidth, innerHeight],
               scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight] };
    });
    let z = await sizes();
    assert.deepEqual(z.canvas, z.view);
    assert.deepEqual(z.scroll, z.view, 'nothing to scroll in the frame');
    await page.evaluate(() => { const f = document.getElementById('demo'); f.style.width = '520px'; f.style.height = '430px'; });
    await waitFor(frame, async () => (await sizes()).canvas[0] === 520, { what: 'the canvas to follow the frame' });
    z = await sizes();
    assert.deepEqual(z.canvas, [520, 430]);
    assert.deepEqual(z.canvas, z.view);
    assert.deepEqual(errors, []);
    await page.close();

    // A long lesson with the demo far down: loading it does not scroll the lesson to it, and
    // keys pressed in the demo (once clicked) do not scroll the lesson either.
    const long = `<!doctype html><body style="margin:0">
      <p id="top">Lesson</p><div style="height:3000px"></div>
      <iframe id="demo" src="index.html" style="width:800px;height:500px"></iframe>
      <div style="height:3000px"></div></body>`;
    const host = await openHost(`${h.base}long-lesson.html`, long);
    const demo = await demoFrame(host.page, '#demo');
    await nextFrames(demo, 3);
    assert.equal(await host.page.evaluate(() => window.scrollY), 0, 'the lesson was not scrolled to the demo');
    assert.equal(await host.page.evaluate(() => document.activeElement === document.body), true);
    await host.page.evaluate(() => window.scrollTo(0, 2900));
    const box = await (await host.page.$('#demo')).boundingBox();
    await host.page.mouse.click(box.x + 400, box.y + 250);
    for (const key of ['Space', 'ArrowDown', 'PageDown', 'End']) await host.page.keyboard.press(key);
    await nextFrames(demo, 3);
    assert.equal(await host.page.evaluate(() => window.scrollY), 2900, 'keys in the demo do not scroll the lesson');
    assert.deepEqual(host.errors, []);
    await host.page.close();
  });
});

