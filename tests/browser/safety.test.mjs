// The playground's safety in the built page: a Content-Security-Policy without 'unsafe-inline'
// scripts that the browser enforces, no request after load, the page under a sub-path, XSS
// payloads in every place a user's text reaches (stage names, COPY paths, LABEL values, build
// args, share links) executing nothing, and a panic in the wasm showing a banner while the text
// survives. Run by scripts/test.sh; needs /usr/bin/chromium (scripts/setup.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, typeThenPanic, tryInlineCode, assertInlineCodeBlocked } from './harness.mjs';
import { fragmentOf } from './share-codec.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
});

after(async () => {
  await browser?.close();
});

async function open(p, url) {
  await p.goto(url, { waitUntil: 'load' });
  await p.waitForSelector('#instructions li', { timeout: 30_000 });
}

/** Console errors logged while `fn` runs that match `pattern`, removed from the shared list. */
async function expectConsoleErrors(pattern, fn) {
  const from = browser.consoleErrors.length;
  await fn();
  const added = browser.consoleErrors.splice(from);
  const unexpected = added.filter((e) => !pattern.test(e));
  assert.deepEqual(unexpected, []);
  return added;
}

test('the Content-Security-Policy forbids inline scripts and the browser enforces it', async () => {
  await open(page, browser.base + '/');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.ok(scriptSrc, csp);
  const sources = scriptSrc.split(/\s+/).slice(1);
  for (const forbidden of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'http:', 'https:']) {
    assert.ok(!sources.includes(forbidden), `${forbidden} in ${scriptSrc}`);
  }
  assert.match(scriptSrc, /'wasm-unsafe-eval'/);
  assert.match(scriptSrc, /'sha256-[A-Za-z0-9+/]{43}='/);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'self'/);

  const added = await expectConsoleErrors(/Content Security Policy/, async () => {
    assertInlineCodeBlocked(await tryInlineCode(page));
  });
  assert.ok(added.length > 0);
  // The page still works under the policy.
  await page.fill('#editor', 'FROM alpine:3.20\nFORM x\n');
  await page.waitForFunction(() => document.querySelector('#error-count')?.dataset.count === '1');
});

test('no request leaves the page after load, whatever the user does', async () => {
  await open(page, browser.base + '/?requests');
  const requests = [];
  const record = (r) => requests.push(r.url());
  page.on('request', record);
  await page.fill('#editor', 'FROM golang:1.25 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n');
  for (const tab of ['graph', 'findings', 'rules', 'size']) await page.click(`#tab-${tab}`);
  await page.click('#share-button');
  await page.waitForSelector('#share-link');
  await page.keyboard.press('Escape');
  await page.reload({ waitUntil: 'load' }).then(() => page.off('request', record));
  // Only the reload itself fetched anything: the page's own files.
  const afterLoad = requests.filter((u) => !u.startsWith(browser.base + '/'));
  assert.deepEqual(afterLoad, []);
  const reload = requests.findIndex((u) => u === browser.base + '/?requests');
  assert.ok(reload >= 0, requests.join('\n'));
  assert.deepEqual(requests.slice(0, reload), []);
});

test('the page works from a sub-path (/docs/airlock/)', async () => {
  const sub = await launch({ prefix: '/docs/airlock' });
  try {
    const requests = [];
    sub.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await open(sub.page, sub.base + '/');
    await sub.page.fill('#editor', 'FROM alpine:3.20\nFORM x\n');
    await sub.page.waitForFunction(() => document.querySelector('#error-count')?.dataset.count === '1');
    assert.ok(requests.length >= 3, requests.join('\n'));
    for (const path of requests) assert.ok(path.startsWith('/docs/airlock/'), path);
    // A share link made there points there.
    await sub.page.click('#share-button');
    assert.match(await sub.page.inputValue('#share-link'), /\/docs\/airlock\/#share=1\./);
    assert.deepEqual(sub.offsite, []);
    assert.deepEqual(sub.consoleErrors, []);
  } finally {
    await sub.close();
  }
});

// Each payload tries a different way in; `window.__xss` or a dialog means one ran.
const payloads = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=2">',
  "'><svg onload=window.__xss=3>",
  'javascript:window.__xss=4',
  '<svg><script>window.__xss=5</script></svg>',
  '<a href="javascript:alert(6)">x</a>',
  '<iframe srcdoc="<script>parent.__xss=7</script>">',
];

function hostile() {
  const [a, b, c, d, e, f, g] = payloads;
  return [
    `ARG P="${b}"`,
    `FROM alpine:3.20 AS ${a}`,
    `LABEL description="${c}" link='${d}' x="${f}"`,
    `COPY ["${e}", "/${g}"]`,
    `COPY ${d} /${b}`,
    `FROM scratch AS ${c}`,
    `COPY --from=${a} /${e} /app`,
    `COPY --from=${d} /x /y`,
    `LABEL ${g}=1`,
    '',
  ].join('\n');
}

/** Whether anything from the payloads made it into the DOM as markup or ran. */
const injected = (p) =>
  p.evaluate(() => {
    const found = [];
    if (window.__xss !== undefined) found.push(`__xss=${window.__xss}`);
    for (const el of document.querySelectorAll('body *')) {
      for (const attr of el.getAttributeNames()) {
        if (/^on/i.test(attr)) found.push(`${el.tagName} ${attr}`);
        if (/^(href|src|xlink:href|action|formaction|srcdoc)$/i.test(attr) && /javascript:|srcdoc|<script/i.test(el.getAttribute(attr))) {
          found.push(`${el.tagName} ${attr}=${el.getAttribute(attr)}`);
        }
      }
      if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) found.push(el.tagName);
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') found.push('IMG src=x');
    }
    return found;
  });

test('XSS payloads in stage names, paths, labels, build args and share links execute nothing', async () => {
  await open(page, browser.base + '/?xss');
  // The detector itself finds an element with an event-handler attribute.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('b'), { id: 'probe' })));
  await page.evaluate(() => document.querySelector('#probe').setAttribute('onprobe', 'x'));
  assert.deepEqual(await injected(page), ['B onprobe']);
  await page.evaluate(() => document.querySelector('#probe').remove());
  const text = hostile();
  await page.fill('#editor', text);
  await page.click('#settings-button');
  await page.fill('#build-args', payloads.map((p, i) => `X${i}=${p}`).join('\n'));
  await page.click('#settings-close');
  for (const tab of ['graph', 'findings', 'rules', 'size']) {
    await page.click(`#tab-${tab}`);
    await page.waitForTimeout(0);
    assert.deepEqual(await injected(page), [], tab);
  }
  // Select stages and their targets: names reach the details panel and the target menu.
  const options = await page.$$eval('#target option', (os) => os.map((o) => o.value));
  await page.click('#settings-button');
  for (const value of options) {
    await page.selectOption('#target', value);
    assert.deepEqual(await injected(page), [], value);
  }
  await page.click('#settings-close');
  // The payloads are shown as text.
  assert.ok((await page.textContent('body')).includes('<script>window.__xss=1</script>'));

  // The same through a share link, with payloads in every string it carries.
  const fragment = await fragmentOf({
    text,
    target: payloads[0],
    buildArgs: payloads.map((p, i) => [`X${i}${p}`, p]),
    overrides: payloads.map((p) => [p, 1]),
    pane: payloads[2],
    rules: { enable: [payloads[1]], disable: [payloads[3]], severity: [[payloads[4], 'error']], trustedRegistries: [payloads[5]] },
  });
  await open(page, `${browser.base}/?xss2#${fragment}`);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, text);
  for (const tab of ['graph', 'findings', 'rules', 'size']) {
    await page.click(`#tab-${tab}`);
    assert.deepEqual(await injected(page), [], `shared ${tab}`);
  }
  // A broken link whose text is a payload: shown as text in the message, never as markup.
  for (const [i, p] of payloads.entries()) {
    await open(page, `${browser.base}/?xss3=${i}#share=1.${p}`);
    await page.locator('#share-error').waitFor();
    assert.deepEqual(await injected(page), [], p);
  }
  assert.deepEqual(browser.dialogs, []);
});

test('a panic in the wasm shows an error banner and the text survives a reload', async () => {
  // Without the test-only query the hook does nothing.
  await open(page, browser.base + '/?no-panic');
  await page.evaluate(() => window.wasmBindings.airlock_test_panic());
  assert.equal(await page.locator('#panic-banner').count(), 0);

  await open(page, browser.base + '/?airlock-test-panic');
  const text = 'FROM alpine:3.20\n# typed right before the panic\n';
  const logged = await expectConsoleErrors(/^airlock: the page's code stopped|RuntimeError: unreachable/, async () => {
    const thrown = await typeThenPanic(page, text);
    assert.match(thrown, /unreachable|RuntimeError/);
    const banner = page.locator('#panic-banner[role="alert"]');
    await banner.waitFor();
    assert.match(await banner.textContent(), /Your text was saved/);
    assert.equal(await page.inputValue('#editor'), text);
  });
  assert.ok(logged.some((e) => /^airlock: the page's code stopped \(unreachable/.test(e)), logged.join('\n'));
  await open(page, browser.base + '/?after-panic');
  assert.equal(await page.inputValue('#editor'), text);
});

test('nothing left 127.0.0.1, no dialog opened and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.dialogs, []);
  assert.deepEqual(browser.consoleErrors, []);
});
