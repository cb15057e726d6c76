// make dist's backprop.html (issue 15): the whole page in one file, opened from the disk
// (file://) in Chromium as a student would after downloading it from a course: it trains the
// chapter's network, its link settings apply (backprop.html?data=xor), and it links no file.
// The test makes its own copy from the built site (scripts/dist.mjs, about a second).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeDist } from '../../scripts/dist.mjs';
import { siteDir, start, waitFor } from './harness.mjs';

describe('backprop.html, the page in one file', () => {
  let h, out, url, sizes;
  before(async () => {
    h = await start();
    out = mkdtempSync(join(tmpdir(), 'backprop-dist-'));
    sizes = makeDist(siteDir, out);
    url = pathToFileURL(join(out, 'backprop.html')).href;
  });
  after(async () => {
    await h.stop();
    rmSync(out, { recursive: true, force: true });
  });

  async function openFile(query) {
    const context = await h.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith('data:')) requests.push(r.url()); });
    await page.goto(url + query);
    await page.evaluate(() => window.backprop.ready.then(() => true));
    return { page, errors, context, requests };
  }

  test('it holds everything: no file is linked, and it is the page with window.backprop', async () => {
    const html = readFileSync(join(out, 'backprop.html'), 'utf8');
    const tags = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1>');  // not the scripts' text
    assert.doesNotMatch(tags, /<script[^>]+src=/);
    assert.doesNotMatch(tags, /<link[^>]+rel="stylesheet"/);
    assert.ok(sizes.single.raw > sizes.single.gzip && sizes.single.gzip > 100000, JSON.stringify(sizes));
    // The site's files are there too, for a web server.
    for (const name of ['index.html', 'embed.html', 'compare.html', 'backprop-demo.js', 'backprop.wasm']) {
      assert.ok(readFileSync(join(out, name)).length > 0, name);
    }
  });

  test('from file:// it trains the chapter\'s network to the chapter\'s outputs', async () => {
    const { page, errors, context, requests } = await openFile('');
    assert.ok(page.url().startsWith('file://'));
    const s0 = await page.evaluate(() => window.backprop.state());
    assert.equal(s0.iteration, 0);
    assert.equal(s0.inputs.length, 4, "the chapter's four examples");
    const ran = await page.evaluate(() => window.backprop.step(1000));
    assert.equal(ran, 1000);
    const s = await page.evaluate(() => window.backprop.state());
    assert.equal(s.iteration, 1000);
    assert.ok(s.loss < s0.loss / 4, `the loss fell: ${s0.loss} -> ${s.loss}`);
    // Outputs move towards the targets 0, 1, 1, 0 (the chapter's seed-1 run reaches about
    // 0.03, 0.92, 0.92, 0.09; here within 0.25 of the target, whatever the seed's draw).
    s.outputs.forEach((o, i) => assert.ok(Math.abs(o - s.targets[i]) < 0.25, `output ${i + 1}: ${o}`));
    assert.ok(/^file:.*backprop\.html(\?|$)/.test(await page.evaluate(() => window.backprop.link())), 'link() names the file');
    assert.deepEqual(requests.filter((r) => !r.startsWith(url)), [], 'nothing else is read');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the link\'s settings apply: backprop.html?data=xor&seed=7', async () => {
    const { page, errors, context } = await openFile('?data=xor&seed=7');
    const got = await page.evaluate(() => window.backprop.get());
    assert.equal(got.data, 'xor');
    assert.equal(got.seed, 7);
    assert.equal(await page.evaluate(() => window.backprop.state().inputs.length > 4), true, '2-D points');
    await page.evaluate(() => window.backprop.train());
    await waitFor(page, () => page.evaluate(() => window.backprop.state().iteration > 50), { what: 'training' });
    await page.evaluate(() => window.backprop.pause());
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the site\'s own index.html opened from file:// says what to do instead of a blank page', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    await page.waitForSelector('#error:not([hidden])');
    assert.match(await page.textContent('#error-text'), /opened from a file.*backprop\.html/);
    await context.close();
  });
});
