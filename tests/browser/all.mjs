// Every browser test file in one process, one after the other, each as a suite named after the
// file: `make test` runs this (node --test tests/browser/all.mjs). The files share the harness's
// server and browsers (harness.mjs), so the page's WebAssembly is compiled once per kind of
// device for the whole run instead of once per file. A file still runs by itself the usual way:
// node --test tests/browser/touch.test.mjs. Its name does not end in .test.mjs, so that
// `node --test tests/browser/` runs each file once, in a process of its own, as before.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
for (const file of readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()) {
  // The file's own before() and after() hooks, at its top level, belong to this suite.
  describe(file, async () => { await import(pathToFileURL(`${here}/${file}`).href); });
}
