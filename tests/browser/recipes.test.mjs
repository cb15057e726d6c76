// docs/embedding.md's HTML recipes, run as written (issue 15): each block marked
// "<!-- recipe: NAME -->" becomes a page of the site (the course's address replaced by the
// site's folder) and must start its demo(s), train, and say nothing in the console.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteDir, start, waitFor } from './harness.mjs';

const doc = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
const recipes = Object.fromEntries([...doc.matchAll(/<!-- recipe: (\w+) -->\n```html\n([\s\S]*?)```/g)]
  .map(([, name, html]) => [name, html.replaceAll('https://my-course.example/backprop/', '')]));

describe('docs/embedding.md recipes', () => {
  let h;
  const written = [];
  before(async () => {
    h = await start();
    for (const [name, html] of Object.entries(recipes)) {
      const file = `recipe-${name}.html`;
      writeFileSync(join(siteDir, file), html);
      written.push(file);
    }
  });
  after(async () => {
    await h.stop();
    for (const f of written) rmSync(join(siteDir, f), { force: true });
  });

  test('the document has the four HTML recipes', () => {
    assert.deepEqual(Object.keys(recipes).sort(), ['element', 'iframe', 'markdown', 'reveal']);
  });

  // A recipe page names no icon: the browser's own request for /favicon.ico is not its error.
  const opts = { waitReady: false, prepare: (p) => p.route('**/favicon.ico', (r) => r.fulfill({ status: 204, body: '' })) };

  // Every <backprop-demo> of the page starts and trains 100 iterations.
  async function elementsTrain(page, expected) {
    await page.waitForFunction((n) => document.querySelectorAll('backprop-demo').length === n, expected);
    await page.evaluate(() => Promise.all([...document.querySelectorAll('backprop-demo')].map((d) => d.ready)));
    for (let i = 0; i < expected; ++i) {
      const ran = await page.evaluate((k) => document.querySelectorAll('backprop-demo')[k].step(100), i);
      assert.equal(ran, 100);
    }
    return page.evaluate(() => [...document.querySelectorAll('backprop-demo')].map((d) => ({ ...d.get(), message: d.message })));
  }

  test('a plain page with the element: its attributes apply and its events reach the page', async () => {
    const { page, errors } = await h.open('recipe-element.html', opts);
    const [got] = await elementsTrain(page, 1);
    assert.equal(got.seed, 3);
    assert.equal(got.lr, 0.5);
    assert.equal(got.message, '');
    await waitFor(page, async () => (await page.textContent('#loss')) !== '-', { what: 'the loss shown' });
    assert.ok(Number(await page.textContent('#loss')) > 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('an iframe driven over postMessage', async () => {
    const { page, errors } = await h.open('recipe-iframe.html', opts);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForFunction(() => window.backprop && window.backprop.ready);
    await frame.evaluate(() => window.backprop.ready.then(() => true));
    await waitFor(page, async () => {
      await page.click('#step');
      return /iteration [1-9]/.test(await page.textContent('#shown'));
    }, { what: 'the step shown', intervalMs: 500 });
    assert.equal(await frame.evaluate(() => window.backprop.get().seed), 3);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a Markdown page\'s HTML: the element and the plain frame', async () => {
    const { page, errors } = await h.open('recipe-markdown.html', opts);
    const [got] = await elementsTrain(page, 1);
    assert.equal(got.lr, 0.5);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForFunction(() => window.backprop && window.backprop.ready);
    assert.equal(await frame.evaluate(() => window.backprop.ready.then(() => window.backprop.get().lr)), 0.5);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a reveal.js slide with two demos side by side', async () => {
    const { page, errors } = await h.open('recipe-reveal.html', opts);
    const got = await elementsTrain(page, 2);
    assert.deepEqual(got.map((g) => g.lr), [0.1, 10]);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
