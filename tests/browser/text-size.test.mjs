// The size of the text and controls (issue 13, WCAG 1.4.4): the A- / A+ control on the canvas
// and in the text view, a two-finger pinch on a phone, and the browser's zoom all draw the page
// again at the new size (the font is rasterised again; nothing is magnified). Read back as a
// student meets it: state().fontSize (CSS px), the text the page shows, the widgets' rects.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { click, nextFrames, phone, rect, start, state, waitFor } from './harness.mjs';

const untilState = (page, fn, what) => waitFor(page, async (p) => {
  const s = await state(p);
  return fn(s) && s;
}, { what });

describe('text size', () => {
  let h;
  before(async () => { h = await start(); });
  after(async () => { await h?.stop(); });

  test('A+ and A- on the canvas make the text and the controls larger and smaller', async () => {
    const { page, errors } = await h.open();
    const s0 = await state(page);
    assert.equal(s0.textSize, 1);
    assert.equal(s0.fontSize, 16, 'the normal text is 16 CSS px');
    assert.match(s0.text['Text size'] ?? '', /Text 100 %/);
    const train0 = await rect(page, 'Train');
    await click(page, 'Larger text');
    const s1 = await untilState(page, (s) => s.fontSize === 20, 'the font at 125 %');
    assert.equal(s1.textSize, 1.25);
    await nextFrames(page, 2);
    assert.match((await state(page)).text['Text size'], /Text 125 %/);
    const train1 = await rect(page, 'Train');
    // The button grows with the text (within a pixel of rounding).
    assert.ok(Math.abs(train1.h - train0.h * 1.25) <= 1.5, `Train: ${train0.h} -> ${train1.h} px tall`);
    await click(page, 'Smaller text');
    await click(page, 'Smaller text');
    const s2 = await untilState(page, (s) => s.textSize === 0.75, 'the text at 75 %');
    await nextFrames(page, 2);
    assert.equal((await state(page)).fontSize, 12);
    // A script's size outside the range is refused, named, and changes nothing.
    const why = await page.evaluate(() => window.backprop.setTextSize(4));
    assert.match(why, /the text size must be from 0.75 \(75 %\) to 2.5 \(250 %\)/);
    assert.equal((await state(page)).textSize, s2.textSize);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the text view has the same control: Larger text from the keyboard', async () => {
    const { page, errors } = await h.open();
    await page.focus('#tv-larger');
    await page.keyboard.press('Enter');
    const s = await untilState(page, (v) => v.textSize === 1.25, 'the text at 125 %');
    assert.equal(await page.textContent('#tv-text-size'), '125 %');
    assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('text-view')).fontSize), '20px');
    await nextFrames(page, 2);
    assert.equal((await state(page)).fontSize, 20);
    assert.equal(s.textSize, 1.25);
    assert.match(await page.textContent('#tv-said'), /Text size 125 %/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a two-finger pinch on a phone makes the text larger, then smaller; nothing is clicked', async () => {
    const { page, errors, context } = await h.open('', phone);
    const before = await state(page);
    assert.equal(before.fontSize, 16);
    const cdp = await context.newCDPSession(page);
    // The fingers pinch over the diagram, 40 px below its top.
    const diagram = await rect(page, 'Diagram');
    const y = diagram.y + 40;
    assert.ok(y < 800, `the diagram is on the first screen: ${JSON.stringify(diagram)}`);
    const fingers = (type, spread) => cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [{ x: 195 - spread, y, id: 0 }, { x: 195 + spread, y, id: 1 }],
    });
    // From 40 px apart to 80 px apart: twice the size.
    await fingers('touchStart', 20);
    await nextFrames(page, 2);
    for (const spread of [25, 30, 35, 40]) {
      await fingers('touchMove', spread);
      await nextFrames(page, 1);
    }
    await fingers('touchEnd');
    const grown = await untilState(page, (s) => s.textSize === 2, 'the pinch to double the text size');
    await nextFrames(page, 2);
    assert.equal((await state(page)).fontSize, 32, 'the font is drawn at 32 CSS px');
    // The diagram grew around the point between the fingers, which stayed under them (the
    // controls above it doubled in height too: without that it would have moved down).
    const grownDiagram = await rect(page, 'Diagram');
    const held = grownDiagram.y + (40 / diagram.h) * grownDiagram.h;
    assert.ok(Math.abs(held - y) < 4, `the point pinched stays between the fingers: ${y} then ${held}`);
    // Pinched together again: 80 px apart down to 40 px: back to the normal size.
    await fingers('touchStart', 40);
    await nextFrames(page, 2);
    for (const spread of [35, 30, 25, 20]) {
      await fingers('touchMove', spread);
      await nextFrames(page, 1);
    }
    await fingers('touchEnd');
    await untilState(page, (s) => s.textSize === 1, 'the pinch to bring the text back to 100 %');
    await cdp.detach();
    await nextFrames(page, 3);
    const after = await state(page);
    assert.equal(after.fontSize, 16);
    // Nothing under the fingers was pressed.
    assert.equal(after.iteration, before.iteration);
    assert.equal(after.seed, before.seed);
    assert.equal(after.training, false);
    assert.equal(after.showGradients, false);
    assert.equal(grown.tooltip, '');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the browser zoom at 200 %: the page is drawn with twice the pixels, its text as large as before in CSS px, and works', async () => {
    const { page, errors, context } = await h.open();
    const canvasSize = () => page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { w: c.width, h: c.height, cssW: c.clientWidth };
    });
    assert.deepEqual(await canvasSize(), { w: 1280, h: 800, cssW: 1280 });
    // What Ctrl + to 200 % does to a 1280x800 window, while the page runs: 640x400 CSS px of
    // 2 device px each.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 640, height: 400, deviceScaleFactor: 2, mobile: false });
    await waitFor(page, async () => (await canvasSize()).w === 1280 && (await canvasSize()).cssW === 640,
                  { what: 'the canvas at 2 device px per CSS px' });
    await nextFrames(page, 3);
    // The font is rasterised again at 32 device px: 16 CSS px, as before, and sharp.
    assert.equal((await state(page)).fontSize, 16);
    assert.deepEqual(await canvasSize(), { w: 1280, h: 800, cssW: 640 });
    await cdp.detach();
    await page.close();
    // Opened at that zoom, the page works with the mouse: Train is on the screen and trains.
    const zoomed = await h.open('', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    assert.equal((await state(zoomed.page)).fontSize, 16);
    const train = await rect(zoomed.page, 'Train');
    assert.ok(train.x >= 0 && train.y >= 0 && train.x + train.w <= 640 && train.y + train.h <= 400, JSON.stringify(train));
    await click(zoomed.page, 'Train');
    await untilState(zoomed.page, (v) => v.training, 'Train to start training at 200 %');
    assert.deepEqual(errors, []);
    assert.deepEqual(zoomed.errors, []);
    await zoomed.page.close();
  });
});
