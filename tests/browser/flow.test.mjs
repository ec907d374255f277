// The playground's orientation and keyboard flow (issue 21), in Debian's headless Chromium: the
// Findings tab counts the findings from any pane; the example menu names the example the editor
// holds; after a quick fix the focus goes to the finding that takes the fixed one's place, never
// to the page; Enter on a finding selects its lines in the editor, and the Tab after that moves
// on instead of indenting them. Waits on conditions, never on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#tab-findings-count', { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
});

// Four warnings, in this order: AL236 (line 2), AL208 (line 4, fixable), AL104 and AL204 (line 5).
const FLOW = [
  'FROM debian:12',
  'RUN apt-get update && apt-get install curl',
  'RUN apt-get install -y wget',
  'MAINTAINER me',
  'user root',
  '',
].join('\n');

/** Replaces the editor's text as a paste would, and waits until the findings tab counts `n`. */
async function setText(text) {
  await page.fill('#editor', text);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, text);
}

const tabCount = () => page.textContent('#tab-findings-count').then((t) => Number(t.trim()));

async function showTab(id) {
  await page.click(`#tab-${id}`);
  await page.waitForSelector(`#panel-${id}:not([hidden])`);
}

/** What has the focus: `editor`, `body`, or the code of the finding whose row holds it. */
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    if (el.id === 'editor') return 'editor';
    return el.closest('li.finding')?.dataset.code ?? el.id ?? el.tagName;
  });

test('the example menu names the example the editor holds, until the text changes', async () => {
  const loaded = await page.$eval('#example', (s) => s.value);
  const holds = await page.evaluate(() => document.querySelector('#editor').value);
  assert.notEqual(loaded, '', 'the default example is named, not "Choose…"');
  // Another example, chosen from the menu: named.
  const other = await page.$$eval('#example option', (os, l) => os.map((o) => o.value).find((v) => v && v !== l), loaded);
  await page.selectOption('#example', other);
  await page.waitForFunction((t) => document.querySelector('#editor').value !== t, holds);
  assert.equal(await page.$eval('#example', (s) => s.value), other);
  // Typed over: no example is loaded as it was any more.
  await setText(FLOW);
  await page.waitForFunction(() => document.querySelector('#example').value === '');
});

test('the Findings tab counts the findings while another pane is shown', async () => {
  await setText(FLOW);
  await showTab('graph');
  await page.waitForFunction(() => document.querySelector('#tab-findings-count').textContent.trim() === '10');
  await showTab('findings');
  const listed = await page.$eval('#finding-count', (c) => Number(c.dataset.count));
  assert.equal(await tabCount(), listed);
  assert.match(await page.getAttribute('#tab-findings-count', 'aria-label'), /^10 findings$/);
  await setText('FROM scratch\n');
  await page.waitForFunction(() => document.querySelector('#tab-findings-count').textContent.trim() === '0');
});

test('after a quick fix the focus is on the finding that took its place', async () => {
  await setText(FLOW);
  await showTab('findings');
  const fix = 'li.finding[data-code="AL208"] .quick-fix';
  await page.waitForSelector(fix);
  await page.focus(fix);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('li.finding[data-code="AL208"]'));
  await page.waitForFunction(() => document.activeElement?.classList.contains('finding-main'));
  assert.equal(await focused(), 'AL104', 'the next warning, not the page');
  // The last finding fixed: the focus stays in the list.
  await setText('FROM debian:12@sha256:' + 'a'.repeat(64) + '\nMAINTAINER me\n');
  const last = 'li.finding[data-code="AL208"] .quick-fix';
  await page.waitForSelector(last);
  await page.click(last);
  await page.waitForFunction(() => !document.querySelector('li.finding[data-code="AL208"]'));
  await page.waitForFunction(() => document.activeElement !== document.body);
  assert.notEqual(await focused(), 'body');
});

test('Enter on a finding selects its lines; the next Tab moves on and leaves the text alone', async () => {
  await setText(FLOW);
  await showTab('findings');
  const row = 'li.finding[data-code="AL104"] .finding-main';
  await page.waitForSelector(row);
  await page.focus(row);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'editor');
  const selected = await page.$eval('#editor', (a) => a.value.slice(a.selectionStart, a.selectionEnd));
  assert.equal(selected, 'user root');
  await page.keyboard.press('Tab');
  assert.equal(await page.$eval('#editor', (a) => a.value), FLOW, 'Tab did not indent the selected line');
  assert.notEqual(await focused(), 'editor', 'Tab moved the focus on');
  // Back in the editor by the user's own key, Tab indents again.
  await page.focus(row);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'editor');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  await page.waitForFunction((t) => document.querySelector('#editor').value !== t, FLOW);
  assert.match(await page.$eval('#editor', (a) => a.value), /\n\s+user root\n/);
});
