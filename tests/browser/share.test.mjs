// Share links and saved drafts in the built playground: a link made by the Share button
// restores text and settings in another tab; links built by an independent encoder
// (share-codec.mjs) restore every setting; corrupt, truncated and future-version links show a
// message and load nothing; the draft survives reloads, share links and a browser that refuses
// storage. Run by scripts/test.sh; needs /usr/bin/chromium (scripts/setup.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { fragmentOf, readLink, base64url, decodePayload } from './share-codec.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
});

after(async () => {
  await browser?.close();
});

const DRAFT = 'FROM alpine:3.20 AS base\n# my unsaved draft\nRUN echo draft\n';
const SHARED = 'ARG GO=1.25\nFROM golang:${GO} AS build\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static AS prod\nCOPY --from=build /out/app /app\n';

/** Opens the playground at `suffix` (a fresh load) and waits until the app has started. */
async function open(p, suffix = '/') {
  await p.goto(browser.base + suffix, { waitUntil: 'load' });
  await p.waitForSelector('#instructions li', { timeout: 30_000 });
}

const editorText = (p = page) => p.inputValue('#editor');
const stored = (p = page) => p.evaluate(() => localStorage.getItem('airlock.draft'));

/** The text of the stored draft (`1.<base64url payload>`), read with the test's own decoder. */
async function storedText(p = page) {
  const value = await stored(p);
  return value ? decodePayload(Buffer.from(value.slice(2), 'base64url')).text : null;
}

/** Types `text` as the new editor content and waits until the autosave has stored it. */
async function typeDraft(text, p = page) {
  await p.fill('#editor', text);
  const deadline = Date.now() + 5_000;
  while ((await storedText(p)) !== text) {
    assert.ok(Date.now() < deadline, 'the draft was not autosaved within 5 s');
    await p.waitForTimeout(50);
  }
}

/** Opens the Settings panel (target and build args live there) unless it is open. */
async function openSettings(p = page) {
  if ((await p.getAttribute('#settings-button', 'aria-expanded')) !== 'true') await p.click('#settings-button');
}

test('the Share link restores the text, target and pane in another tab', async () => {
  await open(page);
  await typeDraft(SHARED);
  await openSettings();
  await page.selectOption('#target', 'build');
  await page.click('#settings-close');
  await page.click('#tab-size');
  await page.click('#share-button');
  const link = await page.inputValue('#share-link');
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#share=1\.[A-Za-z0-9_-]+$/);
  // The page's link, read by the independent decoder.
  const shared = await readLink(link);
  assert.equal(shared.text, SHARED);
  assert.equal(shared.target, 'build');
  assert.equal(shared.pane, 'size');
  await page.keyboard.press('Escape');

  const other = await browser.context.newPage();
  await open(other, link.slice(browser.base.length));
  assert.equal(await editorText(other), SHARED);
  assert.equal(await other.inputValue('#target'), 'build');
  assert.equal(await other.getAttribute('#tab-size', 'aria-selected'), 'true');
  // The fragment is dropped once read: a reload shows the autosaved draft, not the link again.
  await other.waitForFunction(() => location.hash === '');
  await other.close();
});

test('a link with every setting restores each of them (build args, sizes, rules, .dockerignore, label schema)', async () => {
  const snapshot = {
    text: SHARED,
    target: 'prod',
    buildArgs: [['GO', '1.24']],
    overrides: [['/out/app', 12.5]],
    pane: 'rules',
    rules: {
      enable: [], disable: ['AL102'], severity: [['AL101', 'error']], trustedRegistries: ['gcr.io'], nonRootUid: 1000,
      dockerignore: '*.md\n', labelSchema: [['org.opencontainers.image.version', 'semver'], ['maintainer', 'email']],
      strictLabels: true,
    },
  };
  await open(page, `/?n=1#${await fragmentOf(snapshot)}`);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, SHARED);
  await openSettings();
  assert.equal(await page.inputValue('#target'), 'prod');
  assert.equal(await page.inputValue('#build-args'), 'GO=1.24');
  assert.equal(await page.inputValue('#dockerignore'), '*.md\n');
  assert.equal(await page.inputValue('#label-schema'), 'org.opencontainers.image.version = semver\nmaintainer = email');
  assert.equal(await page.isChecked('#strict-labels'), true);
  await page.click('#settings-close');
  assert.equal(await page.getAttribute('#tab-rules', 'aria-selected'), 'true');
  // Everything else comes back out through the page's own Share link.
  await page.click('#share-button');
  const back = await readLink(await page.inputValue('#share-link'));
  await page.keyboard.press('Escape');
  assert.deepEqual(back.buildArgs, snapshot.buildArgs);
  assert.deepEqual(back.overrides, snapshot.overrides);
  assert.deepEqual(back.rules.disable, ['AL102']);
  assert.deepEqual(back.rules.severity, [['AL101', 'error']]);
  assert.deepEqual(back.rules.trustedRegistries, ['gcr.io']);
  assert.equal(back.rules.nonRootUid, 1000);
  assert.equal(back.rules.dockerignore, '*.md\n');
  assert.deepEqual(back.rules.labelSchema, snapshot.rules.labelSchema);
  assert.equal(back.rules.strictLabels, true);
});

test('a reload restores the draft, even typed just before it', async () => {
  await open(page);
  await typeDraft(DRAFT);
  await page.click('#tab-findings');
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('#instructions li');
  assert.equal(await editorText(), DRAFT);
  assert.equal(await page.getAttribute('#tab-findings', 'aria-selected'), 'true');

  // No wait for the autosave: leaving the page saves at once.
  const quick = DRAFT + 'RUN echo last keystroke\n';
  await page.fill('#editor', quick);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('#instructions li');
  assert.equal(await editorText(), quick);
});

test('corrupt, truncated and future-version links show a message and load nothing', async () => {
  await open(page);
  await typeDraft(DRAFT);
  const good = await fragmentOf({ text: SHARED });
  const cases = [
    ['truncated', good.slice(0, Math.floor(good.length / 2)), /cut short|damaged/],
    ['one character cut', good.slice(0, -1), /cut short|damaged/],
    ['foreign character', 'share=1.AAAA*AAAA', /character '\*' at position 12/],
    ['future version', 'share=2.' + good.slice(8), /newer version of airlock \(format 2\)/],
    ['no version', 'share=' + good.slice(8), /format version/],
    ['not deflate', 'share=1.' + base64url(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff])), /damaged or cut short/],
    ['bad checksum', await fragmentOf({ text: SHARED }, { corruptCrc: true }), /checksum/],
  ];
  for (const [name, fragment, message] of cases) {
    await open(page, `/?case=${encodeURIComponent(name)}#${fragment}`);
    const alert = page.locator('#share-error[role="alert"]');
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.textContent(), message, name);
    assert.match(await alert.textContent(), /Nothing was loaded; your draft is unchanged/, name);
    assert.equal(await editorText(), DRAFT, name);
    assert.equal(await page.locator('#draft-kept').count(), 0, name);
  }
  // The saved draft is untouched too.
  await open(page, '/?after=bad-links');
  assert.equal(await editorText(), DRAFT);
});

test('a share link keeps the unsaved draft, and either can be brought back', async () => {
  await open(page);
  await typeDraft(DRAFT);
  await open(page, `/?n=2#${await fragmentOf({ text: SHARED, pane: 'graph' })}`);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, SHARED);
  const kept = page.locator('#draft-kept');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Opened the shared Dockerfile\. Your previous draft was kept\./);
  assert.ok((await page.evaluate(() => localStorage.getItem('airlock.kept-drafts'))).length > 0);

  await page.click('#restore-draft');
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, DRAFT);
  assert.match(await kept.textContent(), /Your draft is back/);
  await page.click('#restore-draft');
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, SHARED);
});

test('an example or an exercise opened over the draft keeps it, with the same banner', async () => {
  await open(page, '/?from=menus');
  await typeDraft(DRAFT);
  await page.selectOption('#example', 'go-distroless');
  await page.waitForFunction((t) => document.querySelector('#editor').value !== t, DRAFT);
  const kept = page.locator('#draft-kept');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Opened the example\. Your previous draft was kept\./);
  const example = await editorText();
  await page.click('#restore-draft');
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, DRAFT);
  // An example shown unchanged is nobody's work: opening another over it keeps nothing.
  await page.click('#restore-draft');
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, example);
  await page.click('#draft-kept button:not(#restore-draft)');
  await page.selectOption('#example', 'seed-go-before');
  await page.waitForFunction((t) => document.querySelector('#editor').value !== t, example);
  assert.equal(await page.locator('#draft-kept').count(), 0);

  // The Workshop tab, which opens the exercise's own buffer, does the same.
  await page.fill('#editor', DRAFT);
  await page.click('#tab-workshop');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Opened the exercise\. Your previous draft was kept\./);
  await page.click('#restore-draft');
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, DRAFT);
});

test('without storage the page works and says autosave is off', async () => {
  const other = await browser.context.newPage();
  await other.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('storage is disabled', 'SecurityError');
      },
    });
  });
  await open(other, '/?storage=none');
  const notice = other.locator('.banner', { hasText: 'Autosave is off' });
  await notice.waitFor();
  await other.fill('#editor', 'FROM alpine:3.20\nFORM x\n');
  await other.waitForFunction(() => document.querySelector('#error-count')?.dataset.count === '1');
  await other.close();
});

test('a full storage is reported and the page goes on', async () => {
  const other = await browser.context.newPage();
  await other.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await open(other, '/?storage=full');
  await other.fill('#editor', 'FROM alpine:3.20\nFORM x\n');
  const problem = other.locator('#autosave-problem');
  await problem.waitFor({ timeout: 5_000 });
  assert.match(await problem.textContent(), /Autosave failed: .*full/);
  await other.waitForFunction(() => document.querySelector('#error-count')?.dataset.count === '1');
  await other.close();
});

test('nothing left 127.0.0.1 and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
  assert.deepEqual(browser.dialogs, []);
});
