// make bench: every figure of the performance issue measured in one run on this machine,
// printed as one table with ratios and budgets, and written to build/bench.json.
//   node scripts/bench.mjs [--no-browser]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The previous run's figures, if any: every row says how it compares, so that a regression
// shows in the same run (ratio = this run / the last; for times above 1 is slower).
let previous = null;
try {
  previous = JSON.parse(readFileSync(join(root, 'build/bench.json'), 'utf8'));
} catch {
  previous = null;
}
const site = join(root, 'build/web/site');
const json = (cmd, args) => JSON.parse(execFileSync(cmd, args, { cwd: root, encoding: 'utf8' }));

console.log('Measuring: native core (AVX2 and baseline), WebAssembly core under node, numpy, page files, browser...');
const native = json(join(root, 'build/native/bp_bench'), ['--json']);
// The same core for the x86-64 baseline: vectors of two doubles, as in WebAssembly.
const baseline = json(join(root, 'build/native/bp_bench_baseline'), ['--json']);
const wasm = json(process.execPath, ['--no-experimental-fetch', join(root, 'build/web/bench/bp_bench.cjs'), '--json']);
const numpy = json('/usr/bin/python3', [join(root, 'bench/numpy_seed.py')]);

// The page's files, raw and gzip-compressed (what a web server would send).
const files = readdirSync(site).filter((f) => statSync(join(site, f)).isFile()).map((f) => {
  const body = readFileSync(join(site, f));
  return { file: f, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
});
const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });

// Headless Chromium (software WebGL): first frame, frames per second and iterations per
// second while training the chapter's network as fast as the page allows.
let browser = null;
if (!process.argv.includes('--no-browser')) browser = await measureBrowser();

async function measureBrowser() {
  const { start } = await import('../tests/browser/harness.mjs');
  const h = await start({ gpuCompositing: true });  // as the bench's earlier runs measured
  try {
    // First frame: a fresh page (a new browser context, nothing cached) with the default
    // settings, from navigation start to the moment backprop.ready resolves, i.e. the app's
    // first drawn frame. The time is taken in the page by an init script: reading it after
    // page.goto returns would add the wait for the load event (which can come after the first
    // frame) and a round trip to the browser. Median of 7 loads: the machine may be busy.
    const firstFrames = [];
    for (let i = 0; i < 7; ++i) {
      const stamp = () => {
        let api;
        Object.defineProperty(window, 'backprop', {
          configurable: true,
          get: () => api,
          set: (v) => { api = v; v.ready.then(() => { window.firstFrameMs = performance.now(); }, () => {}); },
        });
      };
      // An incognito context of its own: the test harness's tabs would find the module compiled.
      const context = await h.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(stamp);
      await page.goto(h.base);
      firstFrames.push(await page.evaluate(() => window.backprop.ready.then(() => window.firstFrameMs)));
      await context.close();
    }
    firstFrames.sort((a, b) => a - b);
    const firstFrame = firstFrames[Math.floor(firstFrames.length / 2)];
    // Training at full speed: the speed setting's "max" (iterations until ~8 ms of each frame),
    // the chapter's network, then 2-8-8-1 tanh on 500 training points of the circle set with
    // its boundary heatmap and per-neuron maps recomputed (by the core, in batch) every frame.
    const m = await measureTraining(h, '?speed=max');
    const playground = await measureTraining(
      h, '?data=circle&points=1000&train=50&hidden=8,8&act=tanh&speed=max&hide=intro');
    // The deep case: 8 hidden layers of 16, heatmaps every frame, on the page's most points
    // (2000, of which 90 % train: 1800).
    const deep = await measureTraining(
      h, '?data=circle&points=2000&train=90&hidden=16,16,16,16,16,16,16,16&act=tanh&speed=max&hide=intro');
    if (deep.sizes.length !== 10) throw new Error(`the deep page did not open as asked: ${deep.sizes.join('-')}`);
    return { firstFrameMs: firstFrame, firstFrameRunsMs: firstFrames.map((t) => Math.round(t)), ...m,
             playground, deep };
  } finally {
    await h.stop();
  }
}

// Frames and iterations per second over a few seconds of training at the page's full speed.
async function measureTraining(h, query) {
  const { page } = await h.open(query, { viewport: { width: 1600, height: 1000 } });
  const seconds = 4;
  const m = await page.evaluate(async (secs) => {
    const b = window.backprop;
    b.train();
    await new Promise((ok) => setTimeout(ok, 500));  // warm up
    const it0 = b.state().iteration;
    let frames = 0, worst = 0, last = performance.now();
    const t0 = last;
    await new Promise((ok) => {
      const tick = (now) => {
        frames += 1;
        worst = Math.max(worst, now - last);
        last = now;
        if (now - t0 < secs * 1000) requestAnimationFrame(tick); else ok();
      };
      requestAnimationFrame(tick);
    });
    const elapsed = (performance.now() - t0) / 1000;
    const it1 = b.state().iteration;
    const s = b.state();
    b.pause();
    return { fps: frames / elapsed, iterationsPerSecond: (it1 - it0) / elapsed, worstFrameMs: worst,
             speed: s.speed, trainPoints: s.trainPoints, sizes: s.setup.sizes,
             appMs: s.performance.frameAppMs, workMs: s.performance.frameWorkMs };
  }, seconds);
  await page.close();
  return { ...m, iterationsPerFrame: m.iterationsPerSecond / m.fps };
}

const r = (x, d = 2) => (x === undefined || x === null ? '-' : Number(x).toFixed(d));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ok = (pass) => (pass ? 'met' : 'MISSED');
const rows = [
  ['3-4-1 seed step, native', `${r(native.seed_step, 3)} us`, `${r(numpy.numpy_seed_step / native.seed_step, 0)}x faster than numpy`, `>=150x: ${ok(numpy.numpy_seed_step / native.seed_step >= 150)}`],
  ['3-4-1 seed step, WebAssembly (node)', `${r(wasm.seed_step, 3)} us`, `${r(wasm.seed_step / native.seed_step)}x native`, `<=2x: ${ok(wasm.seed_step / native.seed_step <= 2)}`],
  ['3-4-1 seed step, native for x86-64 baseline (SSE2)', `${r(baseline.seed_step, 3)} us`, `WebAssembly ${r(wasm.seed_step / baseline.seed_step)}x this`, ''],
  ['3-4-1 seed step, numpy (reference)', `${r(numpy.numpy_seed_step, 2)} us`, '1x', ''],
  ['exercise: the student code, one iteration, native', `${r(native.exercise_step, 2)} us`, `${r(1e6 / native.exercise_step, 0)} iterations per second`, ''],
  ['exercise: the student code, one iteration, WebAssembly (node)', `${r(wasm.exercise_step, 2)} us`, `${r(1e6 / wasm.exercise_step, 0)} iterations per second`, `>=20000/s: ${ok(1e6 / wasm.exercise_step >= 20000)}`],
  ['2-8-8-1 tanh, 500 points, native', `${r(native.deep_step_500, 1)} us`, '', `<100 us: ${ok(native.deep_step_500 < 100)}`],
  ['2-8-8-1 tanh, 500 points, WebAssembly', `${r(wasm.deep_step_500, 1)} us`, `${r(wasm.deep_step_500 / native.deep_step_500)}x native`, `<=2x: ${ok(wasm.deep_step_500 / native.deep_step_500 <= 2)}`],
  ['2-8-8-1 tanh, 500 points, native for x86-64 baseline (SSE2)', `${r(baseline.deep_step_500, 1)} us`, `WebAssembly ${r(wasm.deep_step_500 / baseline.deep_step_500)}x this`, ''],
  ['2-8-8-1 tanh + L2, circle set, native', `${r(native.circle_l2_step_500, 1)} us`, '', ''],
  ['2-16x8-1 tanh (8 hidden layers of 16), 2000 points, native', `${r(1e6 / native.deep8x16_step_2000, 0)} iterations/s`, `${r(native.deep8x16_step_2000 / 1000, 3)} ms a step`, ''],
  ['2-16x8-1 tanh, 2000 points, WebAssembly', `${r(1e6 / wasm.deep8x16_step_2000, 0)} iterations/s`, `${r(wasm.deep8x16_step_2000 / native.deep8x16_step_2000)}x native`, `<=2x: ${ok(wasm.deep8x16_step_2000 / native.deep8x16_step_2000 <= 2)}`],
  ['2-16x8-1 tanh, 2000 points, native for x86-64 baseline (SSE2)', `${r(1e6 / baseline.deep8x16_step_2000, 0)} iterations/s`, `WebAssembly ${r(wasm.deep8x16_step_2000 / baseline.deep8x16_step_2000)}x this`, ''],
  ['100x100 grid through 2-8-8-1, native', `${r(native.grid_100x100 / 1000, 3)} ms`, '', `<1 ms: ${ok(native.grid_100x100 < 1000)}`],
  ['100x100 grid through 2-8-8-1, WebAssembly', `${r(wasm.grid_100x100 / 1000, 3)} ms`, `${r(wasm.grid_100x100 / native.grid_100x100)}x native`, `<=2x: ${ok(wasm.grid_100x100 / native.grid_100x100 <= 2)}`],
  ['100x100 grid through 2-8-8-1, native for x86-64 baseline (SSE2)', `${r(baseline.grid_100x100 / 1000, 3)} ms`, `WebAssembly ${r(wasm.grid_100x100 / baseline.grid_100x100)}x this`, ''],
  ...files.map((f) => [`file ${f.file}`, kb(f.raw), `${kb(f.gzip)} gzip`, '']),
  ['page files, total', kb(total.raw), `${kb(total.gzip)} gzip`, `<400 KB gzip: ${ok(total.gzip < 400 * 1024)}`],
];
if (browser) {
  rows.push(
    ['browser: first frame after navigation (median of 7)', `${r(browser.firstFrameMs, 0)} ms`, `fastest ${r(browser.firstFrameRunsMs[0], 0)} ms, slowest ${r(browser.firstFrameRunsMs.at(-1), 0)} ms`, `<1000 ms: ${ok(browser.firstFrameMs < 1000)}`],
    ['browser: frames per second, training at full speed', r(browser.fps, 1), `worst frame ${r(browser.worstFrameMs, 1)} ms`, ''],
    ['browser: main-thread work per frame, training at full speed', `${r(browser.workMs, 1)} ms`, `${r(browser.appMs, 1)} ms of it the app (training, UI), the rest WebGL calls`, ''],
    ['browser: iterations per second while drawing', r(browser.iterationsPerSecond, 0), '', `>=100000: ${ok(browser.iterationsPerSecond >= 100000)}`],
    [`browser: ${browser.playground.sizes.join('-')} tanh, ${browser.playground.trainPoints} points, heatmaps: frames per second`, r(browser.playground.fps, 1), `worst frame ${r(browser.playground.worstFrameMs, 1)} ms`, ''],
    [`browser: the same, main-thread work per frame`, `${r(browser.playground.workMs, 1)} ms`, `${r(browser.playground.appMs, 1)} ms of it the app (training, heatmaps, UI), the rest WebGL calls`, ''],
    ['browser: the same, iterations per frame', r(browser.playground.iterationsPerFrame, 1), `${r(browser.playground.iterationsPerSecond, 0)} iterations per second`, `many (>=10): ${ok(browser.playground.iterationsPerFrame >= 10)}`],
    [`browser: ${browser.deep.sizes.join('-')} tanh, ${browser.deep.trainPoints} points, heatmaps: iterations per second`, r(browser.deep.iterationsPerSecond, 0), `${r(browser.deep.fps, 1)} frames per second`, ''],
    ['browser: the same, main-thread work per frame', `${r(browser.deep.workMs, 1)} ms`, `${r(browser.deep.appMs, 1)} ms of it the app`, `app <=12 ms: ${ok(browser.deep.appMs <= 12)}`]);
}
// This run against the previous build/bench.json, figure by figure (the same keys).
const figures = (b) => b && {
  seed_native: b.native?.seed_step, seed_wasm: b.wasm?.seed_step, exercise_wasm: b.wasm?.exercise_step,
  deep500_native: b.native?.deep_step_500, deep500_wasm: b.wasm?.deep_step_500,
  deep8_native: b.native?.deep8x16_step_2000, deep8_wasm: b.wasm?.deep8x16_step_2000,
  grid_native: b.native?.grid_100x100, grid_wasm: b.wasm?.grid_100x100, gzip: b.total?.gzip,
  chapter_app_ms: b.browser?.appMs, playground_app_ms: b.browser?.playground?.appMs,
  deep_page_ms_per_iteration: b.browser?.deep ? 1000 / b.browser.deep.iterationsPerSecond : undefined,
};
const now = figures({ native, wasm, total, browser });
const before = figures(previous);
if (before) {
  rows.push(['', '', '', ''], [`against the last run (${previous.date}): this / last, above 1 = slower or bigger`, '', '', '']);
  for (const [key, value] of Object.entries(now))
    if (value !== undefined && before[key] !== undefined)
      rows.push([`  ${key}`, r(value / before[key]), `${r(before[key], 3)} -> ${r(value, 3)}`,
                 value / before[key] > 1.1 ? 'REGRESSION? (>10% worse)' : '']);
}
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}`;
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c].length)));
console.log(`\n${machine}\n`);
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('   '));
mkdirSync(join(root, 'build'), { recursive: true });
writeFileSync(join(root, 'build/bench.json'), JSON.stringify({
  date: new Date().toISOString(), machine, native, baseline, wasm, numpy, files, total, browser,
}, null, 2));
console.log('\nWritten to build/bench.json');
