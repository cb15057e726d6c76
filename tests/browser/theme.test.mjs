// The theme setting (issue 11's demonstration of a setting added as one row): theme=light
// draws the page light (canvas pixels and the page around it), theme=system follows the
// browser's prefers-color-scheme as it changes, the radio buttons in "Save, load and share"
// switch it with real clicks and the link carries it, and a bad value is refused by name.
// The palettes' contrast is checked natively (tests/unit/test_theme.cpp).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { clickIn, drawnStats, rect, start, state, waitFor } from './harness.mjs';

const get = (page) => page.evaluate(() => window.backprop.get());
const dataTheme = (page) => page.evaluate(() => document.documentElement.dataset.theme);
// WCAG's relative luminance of a mean colour (0..255 channels).
const luminance = ([r, g, b]) => {
  const lin = (v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
// The mean luminance of the diagram's area as drawn (its background, nodes and links).
async function diagramLuminance(page) {
  const [all] = await drawnStats(page, 'Diagram');
  assert.ok(all, 'the diagram is drawn inside the window');
  return luminance(all.mean);
}

describe('theme', () => {
  let h;
  before(async () => { h = await start(); });
  after(async () => { await h?.stop(); });

  test('theme=light draws the canvas and the page light; the default stays dark', async () => {
    const light = await h.open('?theme=light');
    try {
      assert.equal((await state(light.page)).theme, 'light');
      assert.equal((await get(light.page)).theme, 'light');
      assert.equal(await dataTheme(light.page), 'light');
      const lum = await diagramLuminance(light.page);
      assert.ok(lum > 0.6, `the light diagram's mean luminance is ${lum}`);
      const body = await light.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(body, 'rgb(247, 247, 250)');
      assert.deepEqual(light.errors, []);
    } finally {
      await light.page.close();
    }
    const dark = await h.open('');
    try {
      assert.equal((await state(dark.page)).theme, 'dark');
      assert.equal((await get(dark.page)).theme, 'dark');
      assert.equal(await dataTheme(dark.page), 'dark');
      const lum = await diagramLuminance(dark.page);
      assert.ok(lum < 0.15, `the dark diagram's mean luminance is ${lum}`);
    } finally {
      await dark.page.close();
    }
  });

  test('theme=system follows prefers-color-scheme, also when it changes', async () => {
    const { page, errors } = await h.open('?theme=system', {
      prepare: (p) => p.emulateMedia({ colorScheme: 'dark' }),
    });
    try {
      assert.equal((await state(page)).theme, 'dark');
      assert.equal((await get(page)).theme, 'system');  // the setting, not what it resolved to
      await page.emulateMedia({ colorScheme: 'light' });
      await waitFor(page, async () => (await state(page)).theme === 'light', { what: 'the light theme' });
      assert.equal(await dataTheme(page), 'light');
      assert.ok(await diagramLuminance(page) > 0.6);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('the Colours radio buttons switch the theme with a click, and the link keeps it', async () => {
    const { page, errors } = await h.open('?open=share');
    try {
      assert.ok(await rect(page, 'Theme light'), 'the Colours row is in the open share section');
      await clickIn(page, 'Theme light');
      await waitFor(page, async () => (await state(page)).theme === 'light', { what: 'the light theme' });
      assert.equal((await get(page)).theme, 'light');
      const link = await page.evaluate(() => window.backprop.link());
      assert.match(link, /(^|[?&])theme=light(&|$)/);
      await clickIn(page, 'Theme dark');
      await waitFor(page, async () => (await state(page)).theme === 'dark', { what: 'the dark theme' });
      assert.doesNotMatch(await page.evaluate(() => window.backprop.link()), /theme=/);  // the default
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('a bad theme is refused by name, in the link and in set(), and changes nothing', async () => {
    const { page } = await h.open('?theme=blue');
    try {
      const s = await state(page);
      assert.match(s.text['Link error'] ?? s.message ?? '', /theme must be dark, light or system, not 'blue'/);
      assert.equal(s.theme, 'dark');
      const refused = await page.evaluate(() => window.backprop.set({ theme: 'sepia' }));
      assert.match(String(refused), /theme/);
      assert.match(String(refused), /"dark", "light" or "system"/);
      assert.equal((await state(page)).theme, 'dark');
    } finally {
      await page.close();
    }
  });
});
