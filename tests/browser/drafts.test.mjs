// The playground open in two tabs of one browser: each tab's text survives the other tab's
// saves, a reload shows the tab's own text and offers the other's, typing in turns takes one
// place per tab in the kept list, a new tab offers a draft set aside after a clash, and the
// panic hook follows the same rule. Run by scripts/test.sh; needs /usr/bin/chromium
// (scripts/setup.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, typeThenPanic } from './harness.mjs';
import { encodePayload, decodePayload, base64url } from './share-codec.mjs';

let browser;
let tab1;
let tab2;

before(async () => {
  browser = await launch();
  // Counts each page's writes of the draft, to see that a tab never answers another's save
  // with one of its own.
  await browser.context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    window.draftWrites = 0;
    Storage.prototype.setItem = function (key, value) {
      if (this === window.localStorage && key === 'airlock.draft') window.draftWrites += 1;
      return setItem.call(this, key, value);
    };
  });
  tab1 = browser.page;
});

after(async () => {
  await browser?.close();
});

const A = 'FROM alpine:3.20 AS a\n# typed in tab one\nRUN echo one\n';
const B = 'FROM debian:12 AS b\n# typed in tab two\nRUN echo two\n';
// A draft set aside earlier (by a share link): it must survive the two tabs' turns.
const EARLIER = 'FROM busybox:1.36\n# set aside by a share link last week\n';

/** Opens the playground at `suffix` in page `p` and waits until the app has started. */
async function open(p, suffix = '/') {
  await p.goto(browser.base + suffix, { waitUntil: 'load' });
  await p.waitForSelector('#instructions li', { timeout: 30_000 });
}

async function reload(p) {
  await p.reload({ waitUntil: 'load' });
  await p.waitForSelector('#instructions li', { timeout: 30_000 });
}

/** A stored draft (`1.<base64url payload>`) read with the tests' own decoder. */
const textOf = (stored) => decodePayload(Buffer.from(stored.slice(2), 'base64url')).text;

/** The stored draft's text and the texts of the kept list (each line: draft, then a tab id). */
async function storage(p = tab1) {
  const { draft, kept } = await p.evaluate(() => ({
    draft: localStorage.getItem('airlock.draft'),
    kept: localStorage.getItem('airlock.kept-drafts') ?? '',
  }));
  return {
    draft: draft && textOf(draft),
    kept: kept.split('\n').filter(Boolean).map((line) => textOf(line.split(' ')[0])),
    tagged: kept.split('\n').filter((line) => line.includes(' ')).length,
  };
}

/** Whether `text` can still be had back: it is the stored draft or in the kept list. */
async function reachable(text) {
  const { draft, kept } = await storage();
  return draft === text || kept.includes(text);
}

/** Types `text` in page `p` and waits until that tab's autosave has stored it as its own. */
async function type(p, text) {
  await p.fill('#editor', text);
  const deadline = Date.now() + 5_000;
  for (;;) {
    const saved = await p.evaluate(() => {
      const stored = localStorage.getItem('airlock.draft');
      return stored !== null && sessionStorage.getItem('airlock.tab-draft') === stored ? stored : null;
    });
    if (saved && textOf(saved) === text) return;
    assert.ok(Date.now() < deadline, 'the draft was not autosaved within 5 s');
    await p.waitForTimeout(50);
  }
}

const editor = (p) => p.inputValue('#editor');

test('two tabs: each reload shows that tab\'s text, offers the other\'s, and nothing is lost', async () => {
  await open(tab1);
  await type(tab1, A);
  tab2 = await browser.context.newPage();
  await open(tab2);
  // A new tab starts from the last saved draft, then its own typing is saved over it.
  assert.equal(await editor(tab2), A);
  const writes = await tab1.evaluate(() => window.draftWrites);
  assert.ok(writes >= 1);
  await type(tab2, B);
  // Tab 1 hears of the save and keeps its text aside (the storage event), and does not write
  // the draft in answer: the handler that kept it aside is the one that would have.
  await tab1.waitForFunction(() => (localStorage.getItem('airlock.kept-drafts') ?? '').length > 0);
  assert.equal(await tab1.evaluate(() => window.draftWrites), writes);
  assert.ok(await reachable(A), 'tab 1\'s text is kept');
  assert.ok(await reachable(B), 'tab 2\'s text is the draft');

  await reload(tab1);
  assert.equal(await editor(tab1), A);
  const kept = tab1.locator('#draft-kept');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Another tab has a different draft; it was kept too/);
  await reload(tab2);
  assert.equal(await editor(tab2), B);
  assert.equal(await tab2.locator('#draft-kept').count(), 0, 'the last saver has nothing to be offered');

  // Either draft can be opened in tab 1, and back.
  await tab1.click('#restore-draft');
  await tab1.waitForFunction((t) => document.querySelector('#editor').value === t, B);
  assert.match(await kept.textContent(), /Opened the other tab's draft\. This tab's draft was kept\./);
  await tab1.click('#restore-draft');
  await tab1.waitForFunction((t) => document.querySelector('#editor').value === t, A);
  await tab1.waitForFunction(() => sessionStorage.getItem('airlock.tab-draft') === localStorage.getItem('airlock.draft'));
  assert.ok(await reachable(A));
  assert.ok(await reachable(B));
});

test('typing in turns keeps each tab\'s latest text and takes one place per tab', async () => {
  const earlier = '1.' + base64url(encodePayload({ text: EARLIER }));
  await tab1.evaluate((line) => localStorage.setItem('airlock.kept-drafts', line), earlier);
  for (let round = 1; round <= 4; round++) {
    const a = `${A}RUN echo round ${round}\n`;
    const b = `${B}RUN echo round ${round}\n`;
    await type(tab1, a);
    await type(tab2, b);
    assert.ok(await reachable(a), `round ${round}: tab 1's text`);
    assert.ok(await reachable(b), `round ${round}: tab 2's text`);
  }
  const { kept, tagged } = await storage();
  assert.ok(kept.includes(EARLIER), 'the earlier draft was not pushed out');
  assert.ok(kept.length <= 3, `one place per tab plus the earlier draft: ${kept.length}`);
  assert.ok(tagged <= 2, `${tagged}`);
  assert.equal(new Set(kept).size, kept.length, 'no draft is kept twice');
});

test('a new tab shows the last save and offers the other tab\'s text, once', async () => {
  const last = (await storage()).draft;
  const other = `${A}RUN echo round 4\n`;
  const tab3 = await browser.context.newPage();
  await open(tab3);
  assert.equal(await editor(tab3), last);
  const kept = tab3.locator('#draft-kept');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Another tab has a different draft/);
  await tab3.click('#restore-draft');
  await tab3.waitForFunction((t) => document.querySelector('#editor').value === t, other);
  await tab3.close();
  // Offered once: once opened (or dismissed), the next new tab does not ask again.
  const tab4 = await browser.context.newPage();
  await open(tab4);
  assert.equal(await tab4.locator('#draft-kept').count(), 0);
  await tab4.close();
  assert.ok(await reachable(other));
  assert.ok(await reachable(last));
});

test('a panic keeps the other tab\'s unseen save aside before saving the text', async () => {
  await open(tab2, '/?airlock-test-panic');
  const fromTab1 = `${A}# saved by tab one after tab two loaded\n`;
  await type(tab1, fromTab1);
  const typed = 'FROM alpine:3.20\n# typed in tab two right before the panic\n';
  const from = browser.consoleErrors.length;
  const thrown = await typeThenPanic(tab2, typed);
  assert.match(thrown, /unreachable|RuntimeError/);
  await tab2.locator('#panic-banner').waitFor();
  assert.match(await tab2.locator('#panic-banner').textContent(), /Your text was saved/);
  const logged = browser.consoleErrors.splice(from);
  assert.ok(logged.every((e) => /^airlock: the page's code stopped|RuntimeError: unreachable/.test(e)), logged.join('\n'));
  assert.equal((await storage()).draft, typed);
  assert.ok(await reachable(fromTab1), 'tab 1\'s save was kept aside');
  await open(tab2, '/?after-panic');
  assert.equal(await editor(tab2), typed);
});

test('closing a tab right after a keystroke in a long file keeps that keystroke', async () => {
  // From 200 lines the editor hands the text to the app a moment after typing pauses; a tab
  // closed within that moment must still save what the textarea holds.
  const long = Array.from({ length: 300 }, (_, i) => (i % 30 === 0 ? `FROM alpine:3.20 AS s${i}` : `RUN echo ${i}`)).join('\n') + '\n';
  const tab = await browser.context.newPage();
  await open(tab);
  await type(tab, long);
  await tab.focus('#editor');
  await tab.$eval('#editor', (el) => el.setSelectionRange(el.value.length, el.value.length));
  await tab.keyboard.type('# last words', { delay: 0 });
  // Closed at once: no timer of the page gets to run.
  await tab.close({ runBeforeUnload: false });
  assert.equal((await storage()).draft, `${long}# last words`);
});

test('nothing left 127.0.0.1 and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
  assert.deepEqual(browser.dialogs, []);
});
