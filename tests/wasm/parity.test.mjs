// The same core natively and as WebAssembly: the chapter's run (seed 1, 1000 iterations,
// learning rate 1) must give the same weights to 1e-12. Runs with the browser tests because
// it needs the web build (build/web/bench/bp_bench.cjs, run by node).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const run = (cmd, args) => JSON.parse(execFileSync(cmd, args, { encoding: 'utf8' })).seed_run;

test('native and WebAssembly runs of the chapter agree to 1e-12', () => {
  const native = run(join(root, 'build/native/bp_bench'), ['--json']);
  const wasm = run(process.execPath, ['--no-experimental-fetch', join(root, 'build/web/bench/bp_bench.cjs'), '--json']);
  assert.equal(native.length, 16);  // W1 (12) and W2 (4)
  assert.equal(wasm.length, 16);
  const worst = Math.max(...native.map((v, i) => Math.abs(v - wasm[i])));
  assert.ok(worst <= 1e-12, `largest difference ${worst}`);
});
