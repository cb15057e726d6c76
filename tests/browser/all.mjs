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
// A file that runs for 10 minutes fails (its tests are cancelled) and the next one starts: the
// longest take about a minute on a busy 2-core machine. node --test's own --test-timeout then
// bounds the whole process, which is one test to it (the Makefile gives it 40 minutes).
const kFileTimeoutMs = 10 * 60 * 1000;
for (const file of readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()) {
  // The file's own before() and after() hooks, at its top level, belong to this suite.
  describe(file, { timeout: kFileTimeoutMs }, async () => {
    await import(pathToFileURL(`${here}/${file}`).href);
  });
}
