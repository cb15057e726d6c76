// Shared by the browser tests: serves build/web/site, opens it in Debian's headless
// Chromium (software WebGL2 through SwiftShader) and collects console and page errors.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const siteDir = join(root, 'build/web/site');
export const screenshotDir = join(root, 'build/screenshots');

const chromiumArgs = [
  '--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

// What the harnesses of one process share (see start): servers by their options, a browser
// with a profile per kind of device, and browsers for incognito contexts. Each lives while a
// harness uses it, and a little longer: tests/browser/all.mjs runs every file in one process,
// one after the other, and the next file's start() comes within milliseconds of the last
// one's stop().
const shared = { harnesses: 0, closing: null, servers: new Map(), profiles: new Map(), browsers: new Map() };
const kLingerMs = 300;

async function closeShared() {
  const { servers, profiles, browsers } = shared;
  shared.servers = new Map();
  shared.profiles = new Map();
  shared.browsers = new Map();
  for (const launched of [...profiles.values(), ...browsers.values()]) {
    await (await launched.catch(() => null))?.close();
  }
  for (const server of servers.values()) {
    const s = await server;
    s.closeAllConnections();  // the browser's kept-alive connections would hold close() open
    await new Promise((ok) => s.close(ok));
  }
}

// Starts a harness: a server for the built site, and Chromium when a page is first opened.
// Options: headers sent with every file (a Content-Security-Policy) and prefix, a sub-path the
// site is served under (scripts/serve.mjs). The page's WebGL is SwiftShader either way; the
// tests composite the page itself in software too (gpuCompositing: false), which costs a fifth
// less processor time a frame than SwiftShader compositing (28 against 34 ms at 1280x800), and
// the tests are bound by it. make bench keeps the default compositing, for figures that compare
// with its earlier runs.
//
// The pages opened for one kind of device (pixel ratio, mobile, touch) are tabs of one browser
// with a profile of its own (a temporary folder Playwright deletes), not one incognito context
// each: only a profile on disk keeps V8's compiled WebAssembly, so that the second page and
// every one after it starts from the optimised code of the first instead of compiling the
// module again (in software, about 4.8 processor-seconds an open against 2.2). The cache is
// keyed by the module's URL, so the harnesses of a process also share their server where their
// options are the same (the same port): in `make test`, where every file runs in one process
// (all.mjs), the module is compiled once per kind of device rather than once per file. The tabs
// share cookies and storage, which the page does not use, and permissions (clipboard access a
// test grants stays granted for later pages). A test closes its page, not the context (closing
// the context anyway only costs the next open a new browser); stop() closes the pages and
// incognito contexts its harness opened that are still open.
export async function start({ headers = {}, prefix = '/', gpuCompositing = false } = {}) {
  shared.harnesses += 1;
  clearTimeout(shared.closing);
  const release = () => {
    shared.harnesses -= 1;
    if (shared.harnesses === 0) shared.closing = setTimeout(closeShared, kLingerMs);
  };
  const serverKey = JSON.stringify([headers, prefix]);
  if (!shared.servers.has(serverKey)) shared.servers.set(serverKey, serve(siteDir, 0, { headers, prefix }));
  let server;
  try {
    server = await shared.servers.get(serverKey);
  } catch (err) {
    shared.servers.delete(serverKey);
    release();
    throw err;
  }
  const launchOptions = {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: gpuCompositing ? chromiumArgs : [...chromiumArgs, '--disable-gpu-compositing'],
  };
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  const mine = new Set();  // pages and incognito contexts this harness opened, until closed
  const track = (x) => { mine.add(x); x.on('close', () => mine.delete(x)); return x; };

  const contextFor = ({ deviceScaleFactor, isMobile, hasTouch, viewport }) => {
    const { profiles } = shared;
    const key = `${deviceScaleFactor} ${isMobile} ${hasTouch} ${gpuCompositing}`;
    if (!profiles.has(key)) {
      const launched = chromium.launchPersistentContext('', {
        ...launchOptions, viewport, deviceScaleFactor, isMobile, hasTouch,
      });
      profiles.set(key, launched);
      launched.then((c) => c.on('close', () => { if (profiles.get(key) === launched) profiles.delete(key); }),
                    () => profiles.delete(key));
    }
    return profiles.get(key);
  };

  // A new tab (viewport in CSS pixels, and the device as open() takes it) with its console
  // and page errors collected.
  const newPage = async ({ viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1,
                           isMobile = false, hasTouch = false } = {}) => {
    const context = await contextFor({ deviceScaleFactor, isMobile, hasTouch, viewport });
    const page = track(await context.newPage());
    const size = page.viewportSize();
    if (size.width !== viewport.width || size.height !== viewport.height) await page.setViewportSize(viewport);
    const errors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    return { page, errors, context };
  };

  let stopped = false;
  return {
    base,
    newPage,
    // An incognito context of its own, for a test that needs one (a page from file://, a
    // first visit with an empty cache).
    async newContext(options = {}) {
      const { browsers } = shared;
      if (!browsers.has(gpuCompositing)) browsers.set(gpuCompositing, chromium.launch(launchOptions));
      return track(await (await browsers.get(gpuCompositing)).newContext(options));
    },
    // Opens the page (query: the link's settings, e.g. '?seed=3'), waits for the first frame.
    // prepare(page) runs before the page loads (to install routes or init scripts);
    // waitReady: false returns without waiting for backprop.ready; isMobile and hasTouch
    // emulate a phone or tablet (see phone below). Returns { page, errors, context }:
    // close the page when done (the context is shared, see above).
    async open(query = '', { prepare = null, waitReady = true, ...device } = {}) {
      const opened = await newPage(device);
      if (prepare) await prepare(opened.page);
      await opened.page.goto(base + query);
      if (waitReady) await opened.page.evaluate(() => window.backprop.ready.then(() => true));
      return opened;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const x of [...mine]) await x.close().catch(() => {});
      release();
    },
  };
}

// A phone as TOOLCHAIN.md describes it: h.open(query, phone).
export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

export const state = (page) => page.evaluate(() => window.backprop.state());

// Where the app draws a named widget once it stands still (null if it is not drawn): a person
// clicks what they see at rest. (After a click that changes the layout above it, the page
// draws the clicked item one frame out of place before scroll anchoring puts it back.)
export async function restingRect(page, name) {
  let r = await page.evaluate((n) => window.backprop.widgetRect(n), name);
  for (let i = 0; r && i < 10; ++i) {
    await nextFrames(page, 1);
    const now = await page.evaluate((n) => window.backprop.widgetRect(n), name);
    if (now && now.x === r.x && now.y === r.y) return now;
    r = now;
  }
  return r;
}

// The centre of a named widget, in the viewport's CSS pixels, once it stands still.
export async function widgetCentre(page, name) {
  const r = await restingRect(page, name);
  if (!r) throw new Error(`widget '${name}' is not on the screen`);
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

// A real mouse click on a named widget (moves there first so ImGui sees the hover).
export async function click(page, name) {
  const { x, y } = await widgetCentre(page, name);
  await page.mouse.move(x, y);
  await nextFrames(page, 2);
  await page.mouse.down();
  await nextFrames(page, 1);
  await page.mouse.up();
  await nextFrames(page, 2);
}

// A real key press held for two frames. Dear ImGui 1.86 reads which keys are down once per
// frame, so a press and release between two frames (what keyboard.press sends) can be missed;
// a person's key press always spans several frames. Modifiers: press(page, 'Control+A').
export async function press(page, combo) {
  const keys = combo.split('+');
  for (const k of keys) await page.keyboard.down(k);
  await nextFrames(page, 2);
  for (const k of keys.reverse()) await page.keyboard.up(k);
  await nextFrames(page, 1);
}

// Resolves after n animation frames, so the app has drawn what the last input changed.
export function nextFrames(page, n = 1) {
  return page.evaluate((count) => new Promise((ok) => {
    const tick = (left) => (left === 0 ? ok() : requestAnimationFrame(() => tick(left - 1)));
    tick(count);
  }), n);
}

// Waits until a text field in the canvas has the keyboard. A field that a button, a double
// click or the app opens takes it a frame or two later (ImGui focuses it on the next frame), and
// on a busy machine a key pressed before then goes to no field and is lost.
export function keysReady(page) {
  return waitFor(page, async (p) => (await state(p)).typing, { what: 'a text field to take the keys' });
}

// Polls fn(page) until it returns a truthy value or timeoutMs passes.
export async function waitFor(page, fn, { timeoutMs = 20000, intervalMs = 100, what = 'condition' } = {}) {
  const t0 = Date.now();
  let last;
  for (;;) {
    last = await fn(page);
    if (last) return last;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, intervalMs));
  }
}

export async function screenshot(page, name, options = {}) {
  mkdirSync(screenshotDir, { recursive: true });
  return page.screenshot({ path: join(screenshotDir, name), ...options });
}

// Where the app drew a named widget in the last frame (CSS pixels), or null.
export const rect = (page, name) => page.evaluate((n) => window.backprop.widgetRect(n), name);

// The mouse moved onto the centre of a named widget: the tooltip's text then, as a student
// reads it ('' when there is none).
export async function tooltipOver(page, name) {
  const { x, y } = await widgetCentre(page, name);
  await page.mouse.move(x, y);
  await nextFrames(page, 3);
  return (await state(page)).tooltip;
}

// Scrolls the widget's column with the mouse wheel, as a person would, until the widget is
// inside the window.
export async function reveal(page, name) {
  const height = page.viewportSize().height;
  for (let i = 0; i < 40; ++i) {
    let r = await rect(page, name);
    // What an action just changed is drawn in the page's next frame or the one after.
    for (let wait = 0; !r && wait < 3; ++wait) {
      await nextFrames(page, 1);
      r = await rect(page, name);
    }
    if (!r) throw new Error(`widget '${name}' is not drawn`);
    // Inside the window, and inside the rows its column shows (scrolled out of a column, a
    // widget can lie over the top strip).
    const top = Math.max(0, r.clipTop ?? 0);
    const bottom = Math.min(height - 4, r.clipBottom ?? height - 4);
    if (r.y >= top && r.y + r.h <= bottom) return;
    await page.mouse.move(r.x + 1, Math.min(Math.max(r.y, top + 20, 200), bottom - 20, height - 60));
    await page.mouse.wheel(0, r.y < top ? -120 : 120);
    await nextFrames(page, 3);
  }
  throw new Error(`could not scroll ${name} into view`);
}

// A real click at (fx, fy), fractions of a named widget's size, after scrolling it into view;
// button 'right' for a right click, modifiers e.g. ['Shift'] held around it.
export async function clickIn(page, name, fx = 0.5, fy = 0.5, { button = 'left', modifiers = [] } = {}) {
  await reveal(page, name);
  const r = await restingRect(page, name);
  await page.mouse.move(r.x + r.w * fx, r.y + r.h * fy);
  await nextFrames(page, 2);
  for (const m of modifiers) await page.keyboard.down(m);
  if (modifiers.length) await nextFrames(page, 1);
  await page.mouse.down({ button });
  await nextFrames(page, 1);
  await page.mouse.up({ button });
  await nextFrames(page, 2);
  for (const m of modifiers) await page.keyboard.up(m);
}

// Clicks a text field, selects what is there, types text and presses Enter, as a person would.
export async function typeInto(page, name, text) {
  await clickIn(page, name);
  await press(page, 'Control+A');
  await page.keyboard.type(text);
  await press(page, 'Enter');
  await nextFrames(page, 3);
}

// Reads the canvas back as a script (or the browser's "Copy image") does, just after the app's
// next frame, and hands its pixels to reduce(pixels, arg) in the page, where `pixels` is
// { data, width, height } (RGBA, device pixels): the whole canvas (name null) or a tracked
// widget's rectangle, cut to the canvas when clip is set. A widget that is not drawn, or (without
// clip) not wholly on the canvas, gives null. reduce runs in the page: it sees only its
// arguments.
export function readCanvas(page, name, reduce, { arg = null, clip = false } = {}) {
  const read = async ({ name, clip }) => {
    await new Promise((ok) => requestAnimationFrame(ok));  // after the app's frame callback
    const canvas = document.getElementById('canvas');
    let x = 0, y = 0, w = canvas.width, h = canvas.height;
    if (name !== null) {
      const r = window.backprop.widgetRect(name);
      if (!r) return null;
      const box = canvas.getBoundingClientRect();
      const k = canvas.width / box.width;
      x = Math.round((r.x - box.left) * k);
      y = Math.round((r.y - box.top) * k);
      w = Math.round(r.w * k);
      h = Math.round(r.h * k);
      if (clip) {
        w = Math.min(canvas.width, x + w) - Math.max(0, x);
        h = Math.min(canvas.height, y + h) - Math.max(0, y);
        x = Math.max(0, x);
        y = Math.max(0, y);
      }
      if (w < 1 || h < 1 || x < 0 || y < 0 || x + w > canvas.width || y + h > canvas.height) return null;
    }
    const g = new OffscreenCanvas(w, h).getContext('2d');
    g.drawImage(canvas, x, y, w, h, 0, 0, w, h);
    return { data: g.getImageData(0, 0, w, h).data, width: w, height: h };
  };
  return page.evaluate(`(${read})(${JSON.stringify({ name, clip })})
    .then((pixels) => pixels && (${reduce})(pixels, ${JSON.stringify(arg)}))`);
}

// What the app drew in parts of a tracked widget (fractions [x0, y0, x1, y1] of its
// rectangle): each part's mean colour and how many of its pixels are reddish, as the dark
// theme's error colour (theme.cpp: 1 0.55 0.50) is.
export function drawnStats(page, name, parts = [[0, 0, 1, 1]]) {
  return readCanvas(page, name, ({ data, width, height }, parts) => parts.map(([x0, y0, x1, y1]) => {
    const px = Math.floor(x0 * width), py = Math.floor(y0 * height);
    const pw = Math.max(1, Math.floor(x1 * width) - px), ph = Math.max(1, Math.floor(y1 * height) - py);
    const mean = [0, 0, 0];
    let reddish = 0;
    for (let j = py; j < py + ph; ++j) {
      for (let i = px; i < px + pw; ++i) {
        const o = 4 * (j * width + i);
        for (let c = 0; c < 3; ++c) mean[c] += data[o + c] / (pw * ph);
        if (data[o] > 180 && data[o + 1] < 150 && data[o + 2] < 140 && data[o] - data[o + 1] > 60) reddish += 1;
      }
    }
    return { mean, reddish };
  }), { arg: parts });
}

// A real double click on a named widget (scrolled into view first): two clicks two frames apart (Dear ImGui counts a
// double click within half a second, measured in its frames' time). A busy machine can stretch
// two frames past that: then the pair was two single clicks, and it is tried again, up to five
// times, until done(page) says the double click took effect.
export async function doubleClick(page, name, done) {
  await reveal(page, name);
  const { x, y } = await widgetCentre(page, name);
  await page.mouse.move(x, y);
  await nextFrames(page, 2);
  for (let attempt = 0; attempt < 5; ++attempt) {
    for (let i = 0; i < 2; ++i) {
      await page.mouse.down();
      await nextFrames(page, 1);
      await page.mouse.up();
      await nextFrames(page, 1);
    }
    await nextFrames(page, 1);
    if (await done(page)) return;
    await nextFrames(page, 40);  // longer than a double click, so the next pair starts afresh
  }
  throw new Error(`a double click on '${name}' did not take effect`);
}
