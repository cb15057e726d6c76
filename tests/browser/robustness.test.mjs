// Nothing a script, a lesson page or a student's file can hand the page crashes it: text of
// every size through every way in (load(), set(), a message, a dropped file, the file picker,
// a paste) is taken up to the one limit (1 MiB of UTF-8, bp::kMaxTextBytes) and refused above
// it with the limit and its real size, after which the page answers as before. Also: long
// sparse lists in messages, a NUL in a file, a byte order mark, and numbers in arguments that
// are not whole or not in the one number syntax.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siteDir, start, state, waitFor } from './harness.mjs';

const LIMIT = 1024 * 1024;
const MB = 1_000_000;
const MiB = 1024 * 1024;
// The sizes sent down every path, with the size the refusal must state (null: taken).
const SIZES = [
  ['1 MB', MB, null],
  ['the limit + 1', LIMIT + 1, /1,048,577 bytes \(1\.0 MiB\), more than the 1,048,576 bytes \(1 MiB\) the page takes in one piece/],
  ['10 MB', 10 * MiB, /10,485,760 bytes \(10 MiB\), more than the 1,048,576 bytes \(1 MiB\)/],
  ['100 MB', 100 * MiB, /104,857,600 bytes \(100 MiB\), more than the 1,048,576 bytes \(1 MiB\)/],
];

let h;
let dir;
before(async () => {
  h = await start();
  dir = mkdtempSync(join(tmpdir(), 'bp-robust-'));
});
after(async () => {
  await h?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A CSV of exactly `bytes` bytes that the page takes: four points and a long comment line.
function csvOfSize(bytes) {
  const rows = 'x1,x2,label\n1,2,1\n-1,-2,0\n-2,1,0\n2,-1,1\n';
  return '#' + 'x'.repeat(bytes - rows.length - 2) + '\n' + rows;
}

// In the page: texts of the sizes above, made once (the larger ones share the 100 MB one).
function makeTexts(sizes) {
  const big = 'x'.repeat(sizes[sizes.length - 1]);
  window.texts = sizes.map((n) => big.slice(0, n));
}

// The page still answers: its state, and one more step of training.
async function answers(page, what) {
  const s0 = await state(page);
  assert.equal(await page.evaluate(() => window.backprop.step(1)), 1, `${what}: step(1) after it`);
  assert.equal((await state(page)).iteration, s0.iteration + 1, `${what}: the iteration after it`);
}

describe('text of any size', () => {
  test('load() takes up to the limit and refuses more with its real size; the page goes on', async () => {
    const { page, errors } = await h.open('?seed=2');
    const csv = csvOfSize(MB);
    assert.equal(Buffer.byteLength(csv), MB);
    assert.equal(await page.evaluate((t) => window.backprop.load(t, 'points.csv'), csv), '');
    let s = await state(page);
    assert.match(s.fileMessage, /^Loaded 'points\.csv': Loaded 4 points/);
    assert.equal(s.setup.source, 'custom');
    await answers(page, '1 MB');

    await page.evaluate(makeTexts, SIZES.slice(1).map(([, n]) => n));
    for (const [k, [what, , reason]] of SIZES.slice(1).entries()) {
      const why = await page.evaluate((i) => window.backprop.load(window.texts[i], 'big.csv'), k);
      assert.match(why, /^the text is /, what);
      assert.match(why, reason, what);
      s = await state(page);
      assert.equal(s.fileMessage, `Not loaded 'big.csv': ${why}`, `${what}: the page says it too`);
      assert.equal(s.trainPoints + s.testPoints, 4, `${what}: the points loaded before are kept`);
      await answers(page, `load() of ${what}`);
    }
    // Characters of several bytes count as bytes: 350,000 euro signs are 1,050,000 bytes.
    const euros = await page.evaluate(() => window.backprop.load('\u20ac'.repeat(350000)));
    assert.match(euros, /the text is 1,050,000 bytes/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('set() takes up to the limit and refuses more; a sparse list is refused before it is walked', async () => {
    const { page, errors } = await h.open('?seed=2');
    // 1 MB: reaches the settings' validator, which names the field.
    const why1 = await page.evaluate((n) => window.backprop.set({ tab: 'x'.repeat(n) }), MB - 20);
    assert.equal((await page.evaluate(() => window.backprop.get())).tab, 'equations', 'nothing changed');
    assert.match(why1, /^tab must be equations, /, '1 MB reaches the validator');
    await page.evaluate(makeTexts, SIZES.slice(1).map(([, n]) => n - 3));  // 'tab' is 3 bytes
    for (const [k, [what, , reason]] of SIZES.slice(1).entries()) {
      const why = await page.evaluate((i) => window.backprop.set({ tab: window.texts[i] }), k);
      assert.match(why, /^set\(settings\): the text is /, what);
      assert.match(why, reason, what);
      await answers(page, `set() of ${what}`);
    }
    // A list of length 1e8 holding one value: refused by its length, at once.
    const sparse = await page.evaluate(() => {
      const list = [];
      list.length = 1e8;
      list[3] = 'seed';
      return window.backprop.set({ hide: list });
    });
    assert.equal(sparse, 'set(settings): a list of 100000000 values, more than the 1000 allowed');
    assert.equal((await page.evaluate(() => window.backprop.get())).hide.length, 0, 'nothing changed');
    assert.equal(await page.evaluate(() => window.backprop.set({ lr: 0.5 })), '', 'set() still works');
    assert.equal((await state(page)).learningRate, 0.5);
    await answers(page, 'the sparse list');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a message from a lesson page: the same limit, and sparse lists refused by length', async () => {
    const { page, errors } = await h.open('embed.html', { waitReady: false });
    const handle = await page.waitForSelector('#demo', { state: 'attached' });
    let frame = null;
    await waitFor(page, async () => {
      frame = await handle.contentFrame();
      return frame && frame.evaluate(() => typeof window.backprop === 'object').catch(() => false);
    }, { what: 'the demo in the lesson page' });
    await frame.evaluate(() => window.backprop.ready.then(() => true));
    await page.evaluate((csv) => {
      window.got = [];
      window.addEventListener('message', (e) => { if ('ok' in (e.data ?? {})) window.got.push(e.data); });
      window.csv = csv;
    }, csvOfSize(MB));
    // Each message is sent and answered before the next, so the 100 MB text is copied once.
    const send = (id, command, args) => page.evaluate(([i, c, a]) => new Promise((ok) => {
      const w = document.getElementById('demo').contentWindow;
      const seen = window.got.length;
      const args2 = typeof a === 'function' ? a() : a;
      w.postMessage({ type: 'backprop', version: 1, id: i, command: c, args: args2 }, location.origin);
      const wait = () => (window.got.length > seen ? ok(window.got[window.got.length - 1]) : setTimeout(wait, 20));
      wait();
    }), [id, command, args]);
    const sendText = (id, command, index, wrap) => page.evaluate(([i, c, k, wrapKey]) => new Promise((ok) => {
      const w = document.getElementById('demo').contentWindow;
      const seen = window.got.length;
      const text = k < 0 ? window.csv : window.texts[k];
      const args = wrapKey !== null ? [{ [wrapKey]: text }] : [text, ''];
      w.postMessage({ type: 'backprop', version: 1, id: i, command: c, args }, location.origin);
      const wait = () => (window.got.length > seen ? ok(window.got[window.got.length - 1]) : setTimeout(wait, 20));
      wait();
    }), [id, command, index, wrap]);

    let r = await sendText('load-1MB', 'load', -1, null);
    assert.equal(r.ok, true, `1 MB of CSV by message: ${r.error}`);
    assert.equal((await frame.evaluate(() => window.backprop.state())).trainPoints +
                 (await frame.evaluate(() => window.backprop.state())).testPoints, 4);
    await page.evaluate(makeTexts, SIZES.slice(1).map(([, n]) => n));
    for (const [k, [what, , reason]] of SIZES.slice(1).entries()) {
      r = await sendText(`load-${k}`, 'load', k, null);
      assert.equal(r.ok, false, what);
      assert.equal(r.id, `load-${k}`);
      assert.match(r.error, /^args: the text is /, what);
      assert.match(r.error, reason, what);
      r = await sendText(`set-${k}`, 'set', k, '');  // { '': text }: the key adds no bytes
      assert.equal(r.ok, false, what);
      assert.match(r.error, /^args: the text is /, what);
      assert.match(r.error, reason, what);
      r = await send(`state-${k}`, 'state', []);
      assert.equal(r.ok, true, `${what}: the next message is answered`);
      assert.equal(typeof r.result.iteration, 'number');
    }
    r = await page.evaluate(() => new Promise((ok) => {
      const w = document.getElementById('demo').contentWindow;
      const seen = window.got.length;
      const list = [];
      list.length = 1e8;
      list[0] = 'seed';
      w.postMessage({ type: 'backprop', version: 1, id: 'sparse', command: 'set', args: [{ hide: list }] },
                    location.origin);
      const wait = () => (window.got.length > seen ? ok(window.got[window.got.length - 1]) : setTimeout(wait, 20));
      wait();
    }));
    assert.equal(r.ok, false);
    assert.equal(r.error, 'args: a list of 100000000 values, more than the 1000 allowed');
    r = await send('step', 'step', [2]);
    assert.deepEqual([r.ok, r.result], [true, 2], 'the demo still steps');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('files dropped or opened: taken up to the limit, refused above it by their real size, unread', async () => {
    const { page, errors } = await h.open('?seed=2');
    // Files on disk: sparse ones cost no space and are never read by the page when too large.
    const paths = [];
    for (const [what, n] of SIZES) {
      const p = join(dir, `${what.replace(/\W+/g, '_')}.csv`);
      if (n === MB) writeFileSync(p, csvOfSize(MB));
      else { writeFileSync(p, ''); truncateSync(p, n); }
      paths.push(p);
    }
    const huge = join(dir, 'two_gigabytes.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 2 ** 31);
    // A file input of the test's own gives File objects backed by those files, for drops.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'test-files';
      input.multiple = true;
      document.body.appendChild(input);
    });
    await page.setInputFiles('#test-files', [...paths, huge]);
    const drop = (k) => page.evaluate((i) => {
      const dt = new DataTransfer();
      dt.items.add(document.getElementById('test-files').files[i]);
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, k);
    // The page's own Open picker (the hidden input the Open button clicks).
    const picker = page.locator('input[type=file]:not(#test-files)');
    const open = (p) => picker.setInputFiles(p);

    for (const [how, send] of [['dropped', drop], ['opened', (k) => open([...paths, huge][k])]]) {
      await page.evaluate(() => window.backprop.set({ data: 'chapter' }));
      await send(0);
      await waitFor(page, async (p) => /^Loaded /.test((await state(p)).fileMessage),
                    { what: `the 1 MB file ${how}` });
      let s = await state(page);
      assert.match(s.fileMessage, /^Loaded '1_MB\.csv': Loaded 4 points/, how);
      await answers(page, `1 MB ${how}`);
      for (const [k, [what, , reason]] of SIZES.entries()) {
        if (k === 0) continue;
        await send(k);
        await waitFor(page, async (p) => (await state(p)).fileMessage.startsWith('Not loaded') &&
                                         reason.test((await state(p)).fileMessage),
                      { what: `the refusal of ${what} ${how}` });
        s = await state(page);
        assert.match(s.fileMessage, /^Not loaded '.*\.csv': the file is /, `${what} ${how}`);
        assert.equal(s.trainPoints + s.testPoints, 4, `${what} ${how}: the points are kept`);
        await answers(page, `${what} ${how}`);
      }
      await send(SIZES.length);
      await waitFor(page, async (p) => /two_gigabytes/.test((await state(p)).fileMessage),
                    { what: `the 2 GB file ${how}` });
      assert.match((await state(page)).fileMessage,
                   /^Not loaded 'two_gigabytes\.csv': the file is 2,147,483,648 bytes \(2 GiB\), more than the 1,048,576 bytes \(1 MiB\)/);
      await answers(page, `2 GB ${how}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a paste: taken up to the limit, refused above it and when it holds a NUL', async () => {
    const { page, errors } = await h.open('?data=xor');
    const paste = (expr) => page.evaluate((code) => {
      const text = code === 'csv' ? window.csv : window.texts[code];
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, cancelable: true }));
    }, expr);
    await page.evaluate((csv) => { window.csv = csv; }, csvOfSize(MB));
    await paste('csv');
    assert.equal((await state(page)).csvMessage, '', '1 MB is taken (into the clipboard ImGui reads)');
    await answers(page, 'a 1 MB paste');
    await page.evaluate(makeTexts, SIZES.slice(1).map(([, n]) => n));
    for (const [k, [what, , reason]] of SIZES.slice(1).entries()) {
      await paste(k);
      const s = await state(page);
      assert.match(s.csvMessage, /^Not pasted: the pasted text is /, what);
      assert.match(s.csvMessage, reason, what);
      await answers(page, `a paste of ${what}`);
    }
    await page.evaluate(() => { window.texts = ['1,2,0\n3,\u00004,1\n']; });
    await paste(0);
    assert.equal((await state(page)).csvMessage,
                 'Not pasted: the pasted text, line 2, column 3: a NUL character (U+0000); this ' +
                 'looks like a binary file, not text, so nothing was read');
    await answers(page, 'a paste with a NUL');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('the link', () => {
  test('a link over the limit is refused with its size, and the page opens with the defaults', async () => {
    // Served by the test itself: web servers (make demo's too) refuse request lines this long.
    const prepare = (page) => page.route(/index\.html\?/, (route) =>
      route.fulfill({ path: join(siteDir, 'index.html'), contentType: 'text/html' }));
    const query = 'seed=3&hide=' + 'x'.repeat(LIMIT - 11);  // LIMIT + 1 bytes
    assert.equal(query.length, LIMIT + 1);
    const { page, errors } = await h.open(`index.html?${query}`, { prepare });
    const s = await state(page);
    assert.equal(s.message, 'the link is 1,048,577 bytes (1.0 MiB), more than the 1,048,576 bytes ' +
                            '(1 MiB) the page takes in one piece');
    assert.equal(s.seed, 1, 'the defaults');
    await answers(page, 'a long link');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('what text holds', () => {
  test('a NUL in a file is named with its line and nothing is loaded; a byte order mark is fine', async () => {
    const { page, errors } = await h.open('?seed=2');
    let rows = 'x1,x2,label\n';
    for (let i = 0; i < 100; ++i) rows += `${(i % 9) - 4},${(i % 7) - 3},${i % 2}\n` + (i === 9 ? '\0' : '');
    const why = await page.evaluate((t) => window.backprop.load(t, 'broken.csv'), rows);
    assert.equal(why, 'line 12, column 1: a NUL character (U+0000); this looks like a binary file, ' +
                      'not text, so nothing was read');
    let s = await state(page);
    assert.equal(s.setup.source, 'chapter', 'nothing was loaded');
    assert.equal(s.fileMessage, `Not loaded 'broken.csv': ${why}`);
    // The same file dropped: the page reads its bytes with their length, past the NUL.
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.csv', { type: 'text/csv' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, rows);
    await waitFor(page, async (p) => /dropped\.csv/.test((await state(p)).fileMessage), { what: 'the drop' });
    assert.equal((await state(page)).fileMessage, `Not loaded 'dropped.csv': ${why}`);
    // Without the NUL the same rows load.
    assert.equal(await page.evaluate((t) => window.backprop.load(t, 'fixed.csv'), rows.replace('\0', '')), '');
    assert.equal((await state(page)).trainPoints + (await state(page)).testPoints, 100);

    // A JSON document with a byte order mark (as some editors save it) is read as JSON.
    await page.evaluate(() => window.backprop.set({ lr: 0.125 }));
    const doc = await page.evaluate(() => window.backprop.exportJson());
    await page.evaluate(() => window.backprop.set({ lr: 0.5 }));
    assert.equal(await page.evaluate((d) => window.backprop.load('\ufeff' + d, 'bom.json'), doc), '');
    s = await state(page);
    assert.equal(s.learningRate, 0.125);
    assert.match(s.fileMessage, /^Loaded 'bom\.json': its settings and weights/);
    // Data values: the one limit of every form (1000), not the plot's 6.
    assert.equal(await page.evaluate(() => window.backprop.load('7,1,0\n-7,2,1\n3,1000,0\n', 'wide.csv')), '');
    assert.match(await page.evaluate(() => window.backprop.load('1,1001,0\n2,2,1\n', 'far.csv')),
                 /line 1, column 2: '1001' is outside -1000 to 1000/);
    // A Unicode minus is shown as what it is.
    assert.match(await page.evaluate(() => window.backprop.load('\u22121,2,0\n1,2,1\n', 'minus.csv')),
                 /line 1, column 1: '<U\+2212>1' is not a number/);
    await answers(page, 'after the files');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('numbers in arguments: whole numbers are whole, one number syntax', async () => {
    const { page, errors, context } = await h.open('?seed=2');
    const r = await page.evaluate(() => {
      const b = window.backprop;
      return {
        fraction: b.select({ layer: 1.9, row: 0.9, col: 0 }),
        huge: b.select({ layer: 2 ** 32 + 2, row: 0, col: 0 }),
        notObject: b.select(3),
        text: b.select({ layer: '2', row: '1', col: '0' }),
        exampleText: b.setExample('abc'),
        exampleHuge: b.setExample(2 ** 32 + 3),
        exampleNeg: b.setExample(-1),
        exampleBool: b.setExample(true),
        hex: b.setLearningRate('0x10'),
        space: b.setLearningRate(' 0.5'),
        nan: b.setLearningRate(NaN),
        tiny: b.setLearningRate('1e-400'),
        lrText: b.setLearningRate('0.25'),
        lrState: b.state().learningRate,
        example: b.setExample(2),
        exampleState: b.state().example,
      };
    });
    assert.equal(r.fraction, "layer must be a whole number: '1.9' is not a whole number from 0 (write it with digits only)");
    assert.equal(r.huge, "layer must be a whole number: '4294967298' is more than 2147483647");
    assert.equal(r.notObject, 'select(weight) takes an object, e.g. { layer: 1, row: 0, col: 2 }, not 3');
    assert.equal(r.text, '');
    assert.equal(r.exampleText, "row must be a whole number: 'abc' is not a number (write numbers like 2, -0.5 or 1e-3)");
    assert.equal(r.exampleHuge, "row must be a whole number: '4294967299' is more than 2147483647");
    assert.match(r.exampleNeg, /row must be a whole number: '-1' is not a whole number from 0/);
    assert.match(r.exampleBool, /row must be a whole number: 'true' is not a number/);
    assert.equal(r.hex, "the learning rate must be a number: '0x10' is not a number (write numbers like 2, -0.5 or 1e-3)");
    assert.match(r.space, /the learning rate must be a number: ' 0\.5' is not a number/);
    assert.match(r.nan, /'NaN' is not a number/);
    assert.equal(r.tiny, "the learning rate must be a number: '1e-400' is too small for a number: it would round to 0 (underflow)");
    assert.equal(r.lrText, '');
    assert.equal(r.lrState, 0.25, 'only the good learning rate was taken');
    assert.equal(r.example, '');
    assert.equal(r.exampleState, 2);
    assert.deepEqual((await state(page)).selected, { layer: 2, row: 1, col: 0 });
    // The link: the same syntax and underflow named.
    const { page: linked } = await h.open('?lr=1e-400');
    assert.equal((await state(linked)).message.includes("lr: '1e-400' is too small for a number: it would round to 0 (underflow)"), true);
    await linked.close();
    await answers(page, 'after the arguments');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
