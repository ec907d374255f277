// The one-file playground (dist/airlock-offline.html, written by scripts/offline-page.mjs in a
// release build) opened from disk, as a workshop handout is: it runs from file:// with nothing
// else, requests nothing but itself, keeps its Content-Security-Policy, autosaves, its share
// links point back at the file, `?workshop` and `?trainer` work, and a panic keeps the text.
// Run by scripts/test.sh; needs /usr/bin/chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, dist, example, typeThenPanic, tryInlineCode, assertInlineCodeBlocked } from './harness.mjs';

const file = join(dist, 'airlock-offline.html');
const url = pathToFileURL(file).href;

let browser;
let page;

before(async () => {
  await stat(file).catch(() => {
    throw new Error(`no ${file}: a release build writes it (trunk build --release)`);
  });
  browser = await launch({ allowFile: file });
  page = browser.page;
});

after(async () => {
  await browser?.close();
});

/** Every request `p` makes while `fn` runs. */
async function requestsDuring(p, fn) {
  const requests = [];
  const record = (r) => requests.push(r.url());
  p.on('request', record);
  try {
    await fn();
  } finally {
    p.off('request', record);
  }
  return requests;
}

async function open(p, to) {
  await p.goto(to, { waitUntil: 'load' });
  await p.waitForSelector('#instructions li', { timeout: 30_000 });
}

test('the file opens from disk with the example analysed, requesting nothing but itself', async () => {
  const requests = await requestsDuring(page, async () => {
    await open(page, url);
    assert.equal(await page.inputValue('#editor'), await readFile(example, 'utf8'));
    // The graph draws the example's stages.
    await page.waitForSelector('#graph .node.stage');
    assert.ok((await page.locator('#graph .node.stage').count()) >= 2);
    // Typing updates the analysis: a syntax error, then the findings of a flawed file.
    await page.fill('#editor', 'FROM alpine:3.20\nFORM x\n');
    await page.waitForFunction(() => document.querySelector('#error-count')?.dataset.count === '1');
    await page.fill('#editor', 'FROM ubuntu:24.04\nRUN apt-get install curl\n');
    await page.click('#tab-findings');
    await page.waitForSelector('#panel-findings:not([hidden]) li.finding[data-code="AL236"]');
    await page.click('#tab-size');
    await page.waitForSelector('#panel-size:not([hidden])');
  });
  assert.deepEqual(requests, [url]);
  assert.equal(page.url(), url);
});

test('its policy allows its one inline script and style by hash, and the browser enforces it', async () => {
  await open(page, url);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  const directive = (name) => csp.split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === name)?.slice(1);
  assert.match(csp, /default-src 'none'/);
  assert.deepEqual(directive('script-src').length, 2, csp);
  assert.ok(directive('script-src').includes("'wasm-unsafe-eval'"), csp);
  assert.match(directive('script-src').find((s) => s !== "'wasm-unsafe-eval'"), /^'sha256-[A-Za-z0-9+/]{43}='$/);
  assert.deepEqual(directive('style-src').length, 1, csp);
  assert.match(directive('style-src')[0], /^'sha256-[A-Za-z0-9+/]{43}='$/);
  // No other file can be loaded or connected to: nothing but the page itself is trusted.
  assert.ok(!/'self'|'unsafe-inline' |'unsafe-inline'$|\*/.test(csp.replace("style-src-attr 'unsafe-inline'", '')), csp);
  assert.equal(directive('connect-src'), undefined);
  assert.equal(await page.locator('script[src], link[rel="stylesheet"], link[rel="modulepreload"]').count(), 0);

  const from = browser.consoleErrors.length;
  assertInlineCodeBlocked(await tryInlineCode(page));
  const logged = browser.consoleErrors.splice(from);
  assert.ok(logged.length > 0 && logged.every((e) => /Content Security Policy/.test(e)), logged.join('\n'));
});

test('a draft typed in the file comes back after a reload, and its share link opens the file', async () => {
  await open(page, url);
  const text = 'FROM golang:1.25 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n';
  await page.fill('#editor', text);
  // The autosave runs 300 ms after typing stops.
  await page.waitForFunction((t) => localStorage.getItem('airlock.draft') !== null && document.querySelector('#editor').value === t, text);
  await page.waitForTimeout(500);
  await open(page, url);
  assert.equal(await page.inputValue('#editor'), text);

  await page.click('#share-button');
  const link = await page.inputValue('#share-link');
  assert.ok(link.startsWith(`${url}#share=1.`), link);
  await page.keyboard.press('Escape');
  const other = await browser.context.newPage();
  try {
    await open(other, link);
    assert.equal(await other.inputValue('#editor'), text);
  } finally {
    await other.close();
  }
});

test('?workshop and ?trainer work from the file too', async () => {
  const requests = await requestsDuring(page, async () => {
    await page.goto(`${url}?workshop`, { waitUntil: 'load' });
    await page.waitForSelector('#panel-workshop:not([hidden]) #exercise', { timeout: 30_000 });
    await page.goto(`${url}?trainer`, { waitUntil: 'load' });
    await page.waitForSelector('#trainer-list article', { timeout: 30_000 });
  });
  assert.ok((await page.locator('#trainer-list article').count()) >= 8);
  assert.deepEqual(requests, [`${url}?workshop`, `${url}?trainer`]);
});

test('a panic in the file shows the banner and the text survives a reload', async () => {
  await open(page, `${url}?airlock-test-panic`);
  const text = 'FROM alpine:3.20\n# typed in the file right before the panic\n';
  const from = browser.consoleErrors.length;
  assert.match(await typeThenPanic(page, text), /unreachable|RuntimeError/);
  await page.locator('#panic-banner[role="alert"]').waitFor();
  const logged = browser.consoleErrors.splice(from);
  assert.ok(logged.every((e) => /^airlock: the page's code stopped|RuntimeError: unreachable/.test(e)), logged.join('\n'));
  await open(page, url);
  assert.equal(await page.inputValue('#editor'), text);
});

test('no request left the file, no dialog opened and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.dialogs, []);
  assert.deepEqual(browser.consoleErrors, []);
});
