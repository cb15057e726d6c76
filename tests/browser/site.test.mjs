// The site anywhere (issue 15): the build's version in get() and on the page, the site under a
// strict Content-Security-Policy (the page, embed.html and the element page train and the
// browser reports no violation), and the site served from a sub-path.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteDir, start, state, waitFor } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const pkgVersion = readFileSync(new URL('../../CMakeLists.txt', import.meta.url), 'utf8')
  .match(/project\(backprop VERSION ([0-9.]+)/)[1];

// Trains until the iteration passes n, then pauses; the loss has fallen.
async function trains(page, api = 'window.backprop') {
  const before = await page.evaluate(`${api}.state()`);
  await page.evaluate(`${api}.train()`);
  await waitFor(page, () => page.evaluate(`${api}.state().iteration > 200`), { what: 'training', timeoutMs: 60000 });
  await page.evaluate(`${api}.pause()`);
  const after = await page.evaluate(`${api}.state()`);
  assert.ok(after.loss < before.loss, `the loss fell: ${before.loss} -> ${after.loss}`);
}

// Records securitypolicyviolation events in every frame (before any script of the page runs).
const watchCsp = (page) => page.addInitScript(() => {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
  });
});
async function violations(page) {
  const all = [];
  for (const frame of page.frames()) all.push(...await frame.evaluate(() => window.cspViolations ?? []).catch(() => []));
  return all;
}

describe('version', () => {
  let h;
  before(async () => { h = await start(); });
  after(async () => { await h.stop(); });

  test('get().version is the project version plus the git commit; the text view and the intro show it', async () => {
    const { page, errors } = await h.open('');
    const v = await page.evaluate(() => window.backprop.get().version);
    assert.match(v, new RegExp(`^${pkgVersion.replace(/\./g, '\\.')}( \\(git [0-9a-f]{7,40}(-dirty)?\\))?$`), v);
    assert.equal(await page.evaluate(() => window.backprop.version), v);
    assert.equal(await page.textContent('#tv-version'), `Version: backprop ${v}`);
    // The intro's About line on the canvas (a tracked widget), drawn while the intro is open.
    assert.ok(await page.evaluate(() => window.backprop.widgetRect('Version')), 'the version line is drawn');
    // get()'s version is not a setting: set(get()) changes nothing and is not refused.
    assert.equal(await page.evaluate(() => window.backprop.set(window.backprop.get())), '');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('a strict Content-Security-Policy', () => {
  let h;
  before(async () => { h = await start({ headers: { 'Content-Security-Policy': CSP } }); });
  after(async () => { await h.stop(); });

  test('the page trains and no violation is reported', async () => {
    const { page, errors } = await h.open('?seed=3', { prepare: watchCsp });
    await trains(page);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors.filter((e) => /Content Security Policy|Refused/i.test(e)), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('embed.html drives its frame under the policy, with no violation', async () => {
    const { page, errors } = await h.open('embed.html', { prepare: watchCsp, waitReady: false });
    await page.waitForSelector('#train:not([disabled])', { timeout: 60000 });
    await page.click('#train');
    await waitFor(page, async () => Number(await page.textContent('#iteration')) > 100, { what: 'the lesson page sees training' });
    await page.click('#pause');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the element page (compare.html) trains both demos, with no violation', async () => {
    const { page, errors } = await h.open('compare.html', { prepare: watchCsp, waitReady: false });
    await page.waitForSelector('#train-both:not([disabled])', { timeout: 60000 });
    await page.click('#train-both');
    await waitFor(page, () => page.evaluate(() => document.getElementById('left').state().iteration > 100 &&
                                                  document.getElementById('right').state().iteration > 100),
                  { what: 'both demos train', timeoutMs: 60000 });
    await page.click('#pause-both');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('backprop.js has no eval or new Function', () => {
    const js = readFileSync(join(siteDir, 'backprop.js'), 'utf8');
    assert.doesNotMatch(js, /\beval\s*\(/);
    assert.doesNotMatch(js, /new\s+Function\s*\(/);
  });
});

describe('a sub-path', () => {
  const prefix = '/courses/ml/backprop/';
  let h;
  before(async () => { h = await start({ prefix }); });
  after(async () => { await h.stop(); });

  test('the page, embed.html and compare.html run from /courses/ml/backprop/ with nothing missing', async () => {
    const missing = [];
    const prepare = (page) => page.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
    const { page, errors } = await h.open('?seed=3&lr=0.5', { prepare });
    assert.equal((await state(page)).learningRate, 0.5);
    await trains(page);
    assert.ok((await page.evaluate(() => window.backprop.link())).startsWith(h.base), 'link() stays under the sub-path');
    await page.close();
    const lesson = await h.open('embed.html', { prepare, waitReady: false });
    await lesson.page.waitForSelector('#train:not([disabled])', { timeout: 60000 });
    await lesson.page.close();
    const pair = await h.open('compare.html', { prepare, waitReady: false });
    await pair.page.waitForSelector('#train-both:not([disabled])', { timeout: 60000 });
    assert.ok((await pair.page.evaluate(() => document.getElementById('left').link())).startsWith(h.base + 'index.html'));
    await pair.page.close();
    assert.deepEqual(missing, []);
    assert.deepEqual([...errors, ...lesson.errors, ...pair.errors], []);
  });

  test('no absolute URL in the site\'s pages and scripts', () => {
    for (const name of ['index.html', 'embed.html', 'compare.html', 'backprop-api.js', 'backprop-demo.js',
                        'text-view.js', 'embed.js', 'compare.js', 'style.css', 'text-view.css', 'backprop-demo.css', 'embed.css']) {
      const text = readFileSync(join(siteDir, name), 'utf8');
      assert.doesNotMatch(text, /(src|href)\s*=\s*["']\//, `${name} links a path from the server's root`);
      assert.doesNotMatch(text, /(src|href)\s*=\s*["']https?:/, `${name} links another site`);
    }
  });
});
