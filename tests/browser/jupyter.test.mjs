// docs/embedding.md's Jupyter recipe (issue 15): the HTML its two cells output, inserted into a
// page the way JupyterLab inserts an output, runs the demo and trains it. Jupyter itself is not
// here: the output is written as IPython writes it, and where a Python with IPython is
// installed the cells' own code is run to check that it writes exactly that.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteDir, start } from './harness.mjs';

const course = 'https://my-course.example/backprop/';
const doc = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
const cells = Object.fromEntries([...doc.matchAll(/<!-- jupyter: (\w+) -->\n```python\n([\s\S]*?)```/g)]
  .map(([, name, code]) => [name, code]));

// What IPython's display objects write for these calls (IPython 8's IFrame template; its
// _repr_html_ is what a notebook shows).
function iframeHtml(code) {
  const m = code.match(/IFrame\("([^"]+)", width="([^"]+)", height=(\d+)\)/);
  assert.ok(m, `the IFrame call as the test reads it: ${code}`);
  const [, src, width, height] = m;
  return `
        <iframe
            width="${width}"
            height="${height}"
            src="${src}"
            frameborder="0"
            allowfullscreen
            
        ></iframe>
        `;
}
function htmlHtml(code) {
  const m = code.match(/HTML\(((?:'[^']*'\s*)+)\)/);
  assert.ok(m, `the HTML call as the test reads it: ${code}`);
  return [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1]).join('');
}
const expected = { iframe: iframeHtml(cells.iframe ?? ''), html: htmlHtml(cells.html ?? '') };

// The cell's code run by Python: its last expression's _repr_html_(), or null without IPython.
const runCell = `
import ast, sys
tree = ast.parse(sys.stdin.read())
last = tree.body.pop()
ns = {}
exec(compile(tree, 'cell', 'exec'), ns)
sys.stdout.write(eval(compile(ast.Expression(last.value), 'cell', 'eval'), ns)._repr_html_())
`;
function ipython(code) {
  const has = spawnSync('python3', ['-c', 'import IPython'], { encoding: 'utf8' });
  if (has.error || has.status !== 0) return null;
  const r = spawnSync('python3', ['-c', runCell], { input: code, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}
const squeeze = (html) => html.replace(/\s+/g, ' ').trim();

// A notebook's page: two output areas; the outputs go in as JupyterLab's HTML renderer puts
// them (innerHTML, then each script made anew so that the browser runs it).
const pageName = 'jupyter-test-notebook.html';
const pageHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>notebook</title></head>
<body><div class="jp-OutputArea" id="out-iframe"></div><div class="jp-OutputArea" id="out-html"></div></body></html>`;

describe('docs/embedding.md: the Jupyter recipe', () => {
  let h;
  before(async () => {
    writeFileSync(join(siteDir, pageName), pageHtml);
    h = await start();
  });
  after(async () => {
    await h?.stop();
    rmSync(join(siteDir, pageName), { force: true });
  });

  test('the document has both cells, and the output is what IPython writes', (t) => {
    assert.deepEqual(Object.keys(cells).sort(), ['html', 'iframe']);
    assert.match(squeeze(expected.iframe),
                 /^<iframe width="100%" height="640" src="https:\/\/my-course\.example\/backprop\/index\.html\?[^"]+" frameborder="0" allowfullscreen ><\/iframe>$/);
    for (const name of ['iframe', 'html']) {
      const real = ipython(cells[name]);
      if (real === null) {
        t.diagnostic('no Python with IPython here: the cells\' code was not run');
        continue;
      }
      assert.equal(squeeze(real), squeeze(expected[name]), `${name}: IPython writes what the test runs`);
    }
  });

  test('both outputs in a notebook page: the frame and the element train with the cells\' settings', async () => {
    const { page, errors } = await h.open(pageName, {
      waitReady: false,
      prepare: (p) => p.route('**/favicon.ico', (r) => r.fulfill({ status: 204, body: '' })),
    });
    await page.evaluate((outputs) => {
      for (const [id, html] of Object.entries(outputs)) {
        const area = document.getElementById(id);
        area.innerHTML = html;
        for (const old of area.querySelectorAll('script')) {
          const s = document.createElement('script');
          for (const a of old.attributes) s.setAttribute(a.name, a.value);
          s.textContent = old.textContent;
          old.replaceWith(s);
        }
      }
    }, { 'out-iframe': expected.iframe.replaceAll(course, ''), 'out-html': expected.html.replaceAll(course, '') });

    // IFrame: the page in a frame 640 px high, the link's settings applied.
    const frameEl = await page.waitForSelector('#out-iframe iframe');
    const frame = await frameEl.contentFrame();
    await frame.waitForFunction(() => window.backprop && window.backprop.ready);
    const inFrame = await frame.evaluate(async () => {
      await window.backprop.ready;
      const ran = window.backprop.step(100);
      return { ran, iteration: window.backprop.state().iteration, ...window.backprop.get() };
    });
    assert.equal(inFrame.ran, 100);
    assert.equal(inFrame.iteration, 100);
    assert.equal(inFrame.seed, 3);
    assert.equal(inFrame.lr, 0.5);
    assert.ok(JSON.stringify(inFrame.hide).includes('share'), `hide: ${JSON.stringify(inFrame.hide)}`);
    assert.equal(Math.round((await frameEl.boundingBox()).height), 640);

    // HTML: the element, its script run as the notebook runs it.
    await page.waitForFunction(() => customElements.get('backprop-demo') !== undefined);
    const el = await page.evaluate(async () => {
      const d = document.querySelector('#out-html backprop-demo');
      await d.ready;
      const ran = d.step(100);
      return { ran, iteration: d.state().iteration, height: d.getBoundingClientRect().height, message: d.message, ...d.get() };
    });
    assert.equal(el.ran, 100);
    assert.equal(el.iteration, 100);
    assert.equal(el.seed, 3);
    assert.equal(el.lr, 0.5);
    assert.equal(Math.round(el.height), 600);
    assert.equal(el.message, '');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
