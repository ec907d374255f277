// Drives the page's layout in Debian's headless Chromium: the light/dark switch (the system's
// preference by default, the choice kept across reloads, Settings back to "follow the system"),
// 375 px wide without sideways scrolling and with every tab reachable, the keyboard's path
// through the header, the editor, the tabs and a pane with a visible focus ring, WCAG AA
// contrast of the text in both themes, and every export of the Export menu as a valid file.
// Saves the README's screenshots (into docs/screenshots/ only under scripts/screenshots.sh).
// Waits on conditions, never on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, root, readmeShots as shots } from './harness.mjs';

let browser;
let page;

/** Opens the page fresh (storage kept) and waits for the app. */
async function open(query = '') {
  await page.goto(`${browser.origin}/${query}`, { waitUntil: 'load' });
  await page.waitForSelector('#tab-graph', { timeout: 30_000 });
}

before(async () => {
  await mkdir(shots, { recursive: true });
  browser = await launch();
  page = browser.page;
  await page.emulateMedia({ colorScheme: 'light' });
  await open();
});

after(async () => {
  await browser?.close();
});

const theme = () => page.getAttribute('html', 'data-theme');
const stored = () => page.evaluate(() => localStorage.getItem('airlock.theme'));

/** Replaces the editor's text as a paste would. */
async function setText(text) {
  await page.fill('#editor', text);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, text);
}

/** The number of findings the findings pane counts. */
async function findingCount() {
  await page.click('#tab-findings');
  await page.waitForSelector('#panel-findings:not([hidden]) #finding-count');
  return Number(await page.getAttribute('#finding-count', 'data-count'));
}

test('the theme follows the system until the switch is used, and the choice survives a reload', async () => {
  await page.evaluate(() => localStorage.removeItem('airlock.theme'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await open();
  assert.equal(await theme(), 'dark');
  assert.equal(await page.getAttribute('#theme-toggle', 'aria-pressed'), 'true');
  // The system changing while the page is open is followed too.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.equal(await page.getAttribute('#theme-toggle', 'aria-pressed'), 'false');
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.click('#theme-toggle');
  assert.equal(await theme(), 'dark');
  assert.equal(await stored(), 'dark');
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(darkBg, lightBg, 'the colours changed');

  await open();
  assert.equal(await theme(), 'dark', 'the choice beats the light system after a reload');

  // Settings: back to following the system.
  await page.click('#settings-button');
  await page.waitForSelector('#settings-panel:not([hidden])');
  assert.equal(await page.inputValue('#theme-choice'), 'dark');
  await page.selectOption('#theme-choice', 'system');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.equal(await stored(), null);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#settings-panel', { state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'settings-button');
});

test('the settings panel holds the build and rules settings, applied live', async () => {
  await page.click('#settings-button');
  await page.waitForSelector('#settings-panel:not([hidden])');
  assert.equal(await page.getAttribute('#settings-button', 'aria-expanded'), 'true');
  for (const id of ['#target', '#build-args', '#category-security', '#trusted-registries', '#reset-rules']) {
    assert.ok(await page.isVisible(id), `${id} is in the settings panel`);
  }
  await page.selectOption('#target', 'builder');
  await page.waitForFunction(() => document.querySelector('#target').value === 'builder');
  await page.click('#settings-close');
  await page.waitForSelector('#settings-panel', { state: 'hidden' });
  // Closed, not gone: what was chosen stays.
  assert.equal(await page.inputValue('#target'), 'builder');
  await page.click('#settings-button');
  await page.selectOption('#target', '');
  await page.click('#settings-button');
  await page.waitForSelector('#settings-panel', { state: 'hidden' });
});

test('375 px wide: no sideways scrolling, every control on screen, every tab reachable', async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await open();
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(await overflow(), 0, 'the page does not scroll sideways');
  for (const id of ['#example', '#export-button', '#settings-button', '#theme-toggle', '#editor']) {
    const box = await page.locator(id).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `${id} is within the screen: ${JSON.stringify(box)}`);
  }
  const tabs = await page.$$eval('[role="tab"]', (els) => els.map((el) => el.id.replace('tab-', '')));
  assert.ok(tabs.length >= 4, tabs.join());
  for (const tab of tabs) {
    await page.click(`#tab-${tab}`);
    await page.waitForSelector(`#panel-${tab}:not([hidden])`);
    assert.equal(await overflow(), 0, `the ${tab} pane does not widen the page`);
  }
  // The menus and the settings fit as well.
  await page.click('#export-button');
  const menu = await page.locator('#export-menu').boundingBox();
  assert.ok(menu.x >= 0 && menu.x + menu.width <= 375, `the export menu fits: ${JSON.stringify(menu)}`);
  await page.keyboard.press('Escape');
  await page.click('#settings-button');
  assert.equal(await overflow(), 0, 'the settings panel does not widen the page');
  await page.screenshot({ path: join(shots, 'narrow.png') });
  await page.click('#settings-button');
  await page.click('#tab-graph');
  await page.setViewportSize({ width: 1280, height: 860 });
});

/** The focused element: its id (or role and text) and whether a focus ring is drawn. */
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
      id: el.id,
      role: el.getAttribute('role'),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
    };
  });

test('the keyboard reaches the header, the editor, the tabs and a pane, with a visible focus ring', async () => {
  await open();
  await page.evaluate(() => document.activeElement?.blur());
  const seen = [];
  for (let i = 0; i < 12 && !seen.some((f) => f.id === 'editor'); i++) {
    await page.keyboard.press('Tab');
    seen.push(await focused());
  }
  const ids = seen.map((f) => f.id);
  for (const id of ['example', 'export-button', 'settings-button', 'theme-toggle', 'editor']) {
    assert.ok(ids.includes(id), `Tab reaches #${id}: ${ids.join(', ')}`);
  }
  assert.ok(ids.indexOf('example') < ids.indexOf('export-button'), 'header controls in reading order');
  for (const f of seen.filter((f) => f.id !== 'editor')) {
    assert.ok(f.ring, `#${f.id} shows a focus ring`);
  }
  // Escape then Tab leaves the editor for the split handle between editor and results, then
  // the selected tab.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  let f = await focused();
  assert.equal(f.id, 'split-handle');
  assert.equal(f.role, 'separator');
  assert.ok(f.ring, 'the split handle shows a focus ring');
  await page.keyboard.press('Tab');
  f = await focused();
  assert.equal(f.role, 'tab');
  assert.ok(f.ring, 'the tab shows a focus ring');
  const tabs = await page.$$eval('[role="tab"]', (els) => els.map((el) => el.id));
  const next = tabs[(tabs.indexOf(f.id) + 1) % tabs.length];
  await page.keyboard.press('ArrowRight');
  f = await focused();
  assert.equal(f.id, next, 'the arrow moves to the next tab');
  assert.equal(await page.getAttribute(`#${next}`, 'aria-selected'), 'true');
  await page.keyboard.press('ArrowLeft');
  // On into the graph pane.
  await page.keyboard.press('Tab');
  f = await focused();
  assert.ok(await page.evaluate(() => document.querySelector('#panel-graph').contains(document.activeElement)), `focus is in the pane: ${f.id}`);
  assert.ok(f.ring, `#${f.id} in the pane shows a focus ring`);
});

test('the Export menu works from the keyboard', async () => {
  await page.focus('#export-button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#export-menu:not([hidden])');
  assert.equal(await page.getAttribute('#export-button', 'aria-expanded'), 'true');
  assert.equal((await focused()).id, 'report-json');
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused()).id, 'report-sarif');
  await page.keyboard.press('End');
  assert.equal((await focused()).id, 'export-fixed');
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused()).id, 'report-json', 'the arrows wrap around');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#export-menu', { state: 'hidden' });
  assert.equal((await focused()).id, 'export-button');
  assert.equal(await page.getAttribute('#export-button', 'aria-expanded'), 'false');
});

/** WCAG contrast of every text in the header, the tabs and the shown pane, in the page. */
const contrastFailures = () =>
  page.evaluate(() => {
    const rgba = (text) => {
      const m = text.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }) => {
      const c = [r, g, b].map((v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    // The first opaque background behind an element (translucent layers are blended on it).
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg && bg.a > 0) {
          layers.push(bg);
          if (bg.a >= 1) break;
        }
      }
      let out = { r: 255, g: 255, b: 255 };
      for (const l of layers.reverse()) {
        out = { r: l.r * l.a + out.r * (1 - l.a), g: l.g * l.a + out.g * (1 - l.a), b: l.b * l.a + out.b * (1 - l.a) };
      }
      return out;
    };
    const failures = [];
    let checked = 0;
    const scope = document.querySelectorAll('header, .tabs, [role="tabpanel"]:not([hidden]), .embed-bar');
    for (const area of scope) {
      for (const el of [area, ...area.querySelectorAll('*')]) {
        const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
        if (!text || !el.getClientRects().length) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || el.closest('[hidden], svg')) continue;
        const fg = rgba(style.color);
        if (!fg || fg.a === 0) continue;
        const bg = background(el);
        const blended = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
        const [l1, l2] = [luminance(blended), luminance(bg)].sort((a, b) => b - a);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
        // Disabled controls are exempt (WCAG 1.4.3).
        const disabled = el.closest('button:disabled, button[aria-disabled="true"], select:disabled, input:disabled');
        checked++;
        if (!disabled && ratio < (large ? 3 : 4.5)) {
          failures.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} "${text.slice(0, 30)}": ${ratio.toFixed(2)}`);
        }
      }
    }
    return { failures, checked };
  });

test('text passes WCAG AA contrast in both themes (header, tabs, every pane, settings, menu)', async () => {
  await page.setViewportSize({ width: 1280, height: 860 });
  for (const scheme of ['light', 'dark']) {
    await page.evaluate((s) => localStorage.setItem('airlock.theme', s), scheme);
    await open();
    assert.equal(await theme(), scheme);
    // A file with findings of every kind, so the findings pane has something to show.
    await page.selectOption('#example', 'seed-node-before');
    // The settings drawer lies over the results column: its text is checked on its own, then it
    // is closed so that every tab can be clicked.
    await page.click('#settings-button');
    await page.waitForSelector('#settings-panel:not([hidden])');
    {
      const { failures, checked } = await contrastFailures();
      assert.ok(checked > 20, `${checked} texts checked`);
      assert.deepEqual(failures, [], `${scheme}, settings`);
    }
    await page.keyboard.press('Escape');
    await page.waitForSelector('#settings-panel', { state: 'hidden' });
    await page.click('#export-button');
    const tabs = await page.$$eval('[role="tab"]', (els) => els.map((el) => el.id.replace('tab-', '')));
    for (const tab of tabs) {
      await page.click(`#tab-${tab}`);
      await page.waitForSelector(`#panel-${tab}:not([hidden])`);
      if (tab === 'findings') await page.click('#export-button');
      const { failures, checked } = await contrastFailures();
      assert.ok(checked > 20, `${checked} texts checked`);
      assert.deepEqual(failures, [], `${scheme}, ${tab} pane`);
    }
    await page.keyboard.press('Escape');
  }
  await page.evaluate(() => localStorage.removeItem('airlock.theme'));
});

/** Opens the Export menu, chooses `id` and returns the download: [suggested name, content]. */
async function exported(id) {
  await page.click('#export-button');
  await page.waitForSelector('#export-menu:not([hidden])');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
  await page.waitForSelector('#export-menu', { state: 'hidden' });
  return [dl.suggestedFilename(), await readFile(await dl.path(), 'utf8')];
}

test('every export downloads a valid file', async () => {
  await open();
  await page.selectOption('#example', 'seed-node-before');
  await page.waitForFunction(() => document.querySelector('#editor').value.length > 0);
  const before = await findingCount();
  assert.ok(before > 0, 'the example has findings');
  const codes = await page.$$eval('li.finding', (rows) => rows.map((r) => r.dataset.code));

  const [jsonName, json] = await exported('report-json');
  assert.equal(jsonName, 'airlock-report.json');
  assert.equal(JSON.parse(json).length, before);

  const [sarifName, sarif] = await exported('report-sarif');
  assert.equal(sarifName, 'airlock-report.sarif');
  const log = JSON.parse(sarif);
  assert.equal(log.version, '2.1.0');
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
  assert.equal(log.runs[0].results.length, before);

  const [mdName, md] = await exported('report-md');
  assert.equal(mdName, 'airlock-report.md');
  for (const code of codes) assert.ok(md.includes(`| ${code} |`), `the Markdown lists ${code}`);

  const [svgName, svg] = await exported('export-svg');
  assert.match(svgName, /^airlock.*\.svg$/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { root: doc.documentElement.localName, error: doc.querySelector('parsererror') !== null };
  }, svg);
  assert.deepEqual(parsed, { root: 'svg', error: false });

  const [dotName, dot] = await exported('export-dot');
  assert.match(dotName, /\.dot$/);
  assert.ok(dot.startsWith('digraph'), dot.slice(0, 40));

  const [mmdName, mmd] = await exported('export-mmd');
  assert.match(mmdName, /\.mmd$/);
  assert.ok(mmd.startsWith('flowchart LR\n'), mmd.slice(0, 40));

  const [fixedName, fixed] = await exported('export-fixed');
  assert.equal(fixedName, 'fixed.Dockerfile');
  const original = await page.inputValue('#editor');
  assert.notEqual(fixed, original, 'the fixes changed the file');
  await setText(fixed);
  const after = await findingCount();
  assert.ok(after < before, `fewer findings after the fixes: ${before} -> ${after}`);
});

test('screenshots: light and dark', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const scheme of ['light', 'dark']) {
    await page.evaluate((s) => localStorage.setItem('airlock.theme', s), scheme);
    await open();
    await page.selectOption('#example', 'seed-go-before');
    await page.click('#tab-findings');
    await page.waitForSelector('#panel-findings:not([hidden]) li.finding');
    await page.screenshot({ path: join(shots, `${scheme}.png`) });
  }
  await page.evaluate(() => localStorage.removeItem('airlock.theme'));
});

test('nothing left the page, nothing was logged as an error, no dialog opened', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
  assert.deepEqual(browser.dialogs, []);
});
