// Drives the embedding demo (static/embed-demo.html) in Debian's headless Chromium: two compact
// playgrounds side by side, each reporting its height with postMessage and sized to it by the
// demo's script; the read-only one cannot be typed in; "Open in airlock" carries what the embed
// shows to the full page; a bad query is reported, not fatal. Saves the README's embed.png
// (into docs/screenshots/ only under scripts/screenshots.sh). Waits on conditions, never on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, readmeShots as shots } from './harness.mjs';

let browser;
let page;

/** The iframe element `id` and its document's frame. */
const frame = (id) => page.frame({ url: (url) => url.searchParams.get('id') === id });

before(async () => {
  await mkdir(shots, { recursive: true });
  browser = await launch();
  page = browser.page;
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1400, height: 900 });
  // Every message the demo page receives, recorded before any frame can send one.
  await page.addInitScript(() => {
    if (window.top !== window) return;
    window.__messages = [];
    window.addEventListener('message', (e) => window.__messages.push(e.data));
  });
  await page.goto(`${browser.origin}/embed-demo.html`, { waitUntil: 'load' });
  for (const id of ['graph', 'findings']) {
    await page.waitForFunction((i) => document.querySelector(`#airlock-${i}`).dataset.reportedHeight, id, {
      timeout: 30_000,
    });
  }
});

after(async () => {
  await browser?.close();
});

/** The iframe's applied content height and the height its page last reported. */
const sizes = (id) =>
  page.$eval(`#airlock-${id}`, (f) => ({ applied: f.clientHeight, reported: Number(f.dataset.reportedHeight) }));

test('the demo renders two compact playgrounds, each with its pane and no header', async () => {
  for (const [id, pane, other] of [
    ['graph', '#graph-title', '#findings-title'],
    ['findings', '#findings-title', '#graph-title'],
  ]) {
    const f = frame(id);
    assert.ok(f, `the ${id} frame loaded`);
    await f.waitForSelector('#app.embed .embed-bar');
    assert.equal(await f.$('header.site-header'), null, 'no header');
    assert.equal(await f.$('[role="tablist"]'), null, 'one pane, no tabs');
    assert.ok(await f.isVisible(pane), `${pane} is shown`);
    assert.equal(await f.$(other), null);
    assert.ok(await f.isVisible('#editor'));
  }
  // Different examples.
  const texts = await Promise.all(['graph', 'findings'].map((id) => frame(id).inputValue('#editor')));
  assert.notEqual(texts[0], texts[1]);
  // Side by side on a wide page.
  const [a, b] = await Promise.all(['graph', 'findings'].map((id) => page.locator(`#airlock-${id}`).boundingBox()));
  assert.ok(a.x + a.width <= b.x, 'side by side');
  await page.screenshot({ path: join(shots, 'embed.png') });
});

test('heights are reported with postMessage and applied, so neither frame scrolls', async () => {
  const messages = await page.evaluate(() => window.__messages.filter((m) => m?.type === 'airlock:height'));
  for (const id of ['graph', 'findings']) {
    const mine = messages.filter((m) => m.id === id);
    assert.ok(mine.length > 0, `${id} reported its height`);
    assert.ok(mine.every((m) => typeof m.height === 'number' && m.height > 100), JSON.stringify(mine));
    const { applied, reported } = await sizes(id);
    assert.equal(applied, reported);
    assert.equal(reported, mine.at(-1).height);
    const f = frame(id);
    const fits = await f.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);
    assert.ok(fits, `${id}: the content fits the frame`);
  }
});

test('a narrower page stacks the editor over the pane: a new height is reported and applied', async () => {
  const before = await sizes('graph');
  await page.setViewportSize({ width: 600, height: 900 });
  await page.waitForFunction(
    (h) => Number(document.querySelector('#airlock-graph').dataset.reportedHeight) > h,
    before.reported,
  );
  await page.waitForFunction(() => {
    const f = document.querySelector('#airlock-graph');
    return f.clientHeight === Number(f.dataset.reportedHeight);
  });
  const f = frame('graph');
  const [editor, pane] = await Promise.all([f.locator('#editor').boundingBox(), f.locator('#graph-title').boundingBox()]);
  assert.ok(pane.y > editor.y + editor.height, 'the pane is under the editor');
  await page.setViewportSize({ width: 1400, height: 900 });
});

test('the read-only embed cannot be typed in; the other can', async () => {
  const ro = frame('findings');
  assert.notEqual(await ro.getAttribute('#editor', 'readonly'), null);
  const text = await ro.inputValue('#editor');
  await ro.click('#editor');
  await page.keyboard.type('RUN echo typed\n');
  assert.equal(await ro.inputValue('#editor'), text, 'nothing was typed');
  assert.equal(await ro.isVisible('#fix-all'), false, 'no fixes offered');
  assert.ok((await ro.locator('.quick-fix').count()) > 0, 'the example has a quick fix');
  assert.equal(await ro.locator('.quick-fix:visible').count(), 0, 'which is not offered');

  const rw = frame('graph');
  assert.equal(await rw.getAttribute('#editor', 'readonly'), null);
});

test('"Open in airlock" opens the full playground with the embed\'s text and pane', async () => {
  const f = frame('graph');
  const edited = (await f.inputValue('#editor')) + '\n# edited in the embed\n';
  // The link is remade a moment after each change (compression is asynchronous): wait for the
  // first one, then for the one of the edited text.
  const link = () => f.getAttribute('#open-in-airlock', 'href');
  await f.waitForFunction(() => document.querySelector('#open-in-airlock').getAttribute('href').includes('#'));
  const old = await link();
  await f.fill('#editor', edited);
  await f.waitForFunction((o) => document.querySelector('#open-in-airlock').getAttribute('href') !== o, old);
  const href = await f.getAttribute('#open-in-airlock', 'href');
  assert.equal(await f.getAttribute('#open-in-airlock', 'target'), '_blank');
  assert.ok(!href.includes('embed'), href);
  const [full] = await Promise.all([browser.context.waitForEvent('page'), f.click('#open-in-airlock')]);
  await full.waitForSelector('#tab-graph', { timeout: 30_000 });
  await full.waitForFunction((t) => document.querySelector('#editor').value === t, edited);
  assert.ok(await full.isVisible('header.site-header'), 'the full page, with its header');
  assert.equal(await full.getAttribute('#tab-graph', 'aria-selected'), 'true');
  await full.close();

  // The read-only findings embed: its text, and its pane, which is not the default one.
  const ro = frame('findings');
  const text = await ro.inputValue('#editor');
  await ro.waitForFunction(() => document.querySelector('#open-in-airlock').getAttribute('href').includes('#'));
  const [other] = await Promise.all([browser.context.waitForEvent('page'), ro.click('#open-in-airlock')]);
  await other.waitForSelector('#tab-findings', { timeout: 30_000 });
  await other.waitForFunction((t) => document.querySelector('#editor').value === t, text);
  await other.waitForFunction(() => document.querySelector('#tab-findings').getAttribute('aria-selected') === 'true');
  assert.equal(await other.getAttribute('#editor', 'readonly'), null, 'the full page can be edited');
  await other.close();
});

test('without a share fragment the link keeps the example and pane; a bad query is reported', async () => {
  const p = await browser.context.newPage();
  await p.goto(`${browser.origin}/?embed&pane=nonsense&example=seed-go`, { waitUntil: 'load' });
  await p.waitForSelector('.embed-bar');
  assert.match(await p.textContent('.embed-problem'), /Unknown pane “nonsense”/);
  // No pane named: the tabs are there.
  assert.ok(await p.isVisible('[role="tablist"]'));
  const href = await p.getAttribute('#open-in-airlock', 'href');
  // Before the share link is made: the same example and pane; after: the share link.
  assert.ok(!href.includes('embed') && (href.includes('example=seed-go') || href.includes('#')), href);
  await p.close();
});

test('nothing left the page, nothing was logged as an error, no dialog opened', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
  assert.deepEqual(browser.dialogs, []);
});
