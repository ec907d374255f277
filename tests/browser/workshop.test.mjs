// Drives the examples gallery and the workshop of the built playground in Debian's headless
// Chromium: a before and an after example loaded from the grouped menu update the findings and
// size panes; `?workshop` opens the Workshop tab; an exercise fails its check, reveals its hints
// one at a time, passes once its solution is typed in, and the progress survives a reload; the
// trainer page (`?trainer`) lists every exercise file. Waits on conditions, never on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exerciseIds, launch, root, screenshotDir, startOf } from './harness.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
});

after(async () => {
  await browser?.close();
});

const file = (path) => readFile(join(root, path), 'utf8');
const text = (selector) => page.$eval(selector, (el) => el.textContent.trim()).catch(() => null);

/** Loads an example through the header's menu and waits until the editor holds it. */
async function loadExample(id) {
  const want = await file(`static/examples/${id}.Dockerfile`);
  await page.selectOption('#example', id);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, want);
}

async function findingCodes() {
  await page.click('#tab-findings');
  await page.waitForSelector('#panel-findings', { state: 'visible' });
  return page.$$eval('#findings [data-code]', (els) => [...new Set(els.map((el) => el.dataset.code))]);
}

test('the examples menu groups before/after pairs and bad practices', async () => {
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#example', { timeout: 30_000 });
  const groups = await page.$$eval('#example optgroup', (els) =>
    els.map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.value)]),
  );
  const byLabel = Object.fromEntries(groups);
  const pairs = byLabel['Before / after: the builder pattern'];
  for (const lang of ['go', 'python', 'node', 'c-nginx', 'postgres']) {
    assert.ok(pairs.includes(`seed-${lang}-before`) && pairs.includes(`seed-${lang}`), lang);
  }
  assert.equal(byLabel['Bad practices'].length, 6);
  assert.ok(byLabel['Showcase'].includes('go-distroless'));
});

test('a before and an after example update the findings and size panes', async () => {
  await loadExample('seed-node-before');
  const before = await findingCodes();
  assert.ok(before.includes('AL102') && before.includes('AL110'), before.join(' '));
  await page.click('#tab-size');
  await page.waitForFunction(() => document.querySelector('#size-reduction')?.textContent.trim() === '0.0%');

  await loadExample('seed-node');
  await page.waitForFunction(() => /^8\d\.\d%$/.test(document.querySelector('#size-reduction')?.textContent.trim()));
  const afterCodes = await findingCodes();
  assert.ok(!afterCodes.some((c) => ['AL102', 'AL106', 'AL107', 'AL110'].includes(c)), afterCodes.join(' '));
  // A bad practice fires its rule.
  await loadExample('bad-secret-in-layer');
  assert.ok((await findingCodes()).includes('AL108'));
});

test('an exercise fails its check, shows hints one by one, then passes with the fix', async () => {
  const ids = await exerciseIds();
  const id = ids[0];
  const exercise = await file(`static/exercises/${id}.Dockerfile`);
  const solution = await file(`static/exercises/${id}.solution.Dockerfile`);
  await page.goto(browser.origin + '/?workshop', { waitUntil: 'load' });
  await page.waitForSelector('#panel-workshop:not([hidden]) #exercise', { timeout: 30_000 });
  assert.equal(await page.getAttribute('#tab-workshop', 'aria-selected'), 'true');
  assert.equal(await page.getAttribute('#exercise', 'data-id'), id);
  assert.equal(await page.$$eval('#exercise-list button', (els) => els.length), ids.length);
  assert.equal(await text('#workshop-progress'), `0 of ${ids.length} solved`);

  // Start: the editor gets the exercise's starting Dockerfile; Check fails, naming what fails.
  await page.click('#exercise-load');
  const start = startOf(exercise);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, start);
  await page.click('#exercise-check');
  await page.waitForSelector('#exercise-verdict[data-solved="false"]');
  assert.match(await text('#exercise-verdict'), /^Not yet: \d+ of \d+ goals pass\.$/);
  const failing = await page.$$eval('#exercise-goals li[data-pass="false"]', (els) => els.map((el) => el.textContent));
  assert.ok(failing.length > 0);
  assert.ok(failing.some((t) => t.includes('stages >= 2') && t.includes('1 stage(s)')), failing.join('\n'));

  // A failing goal's place selects its line in the editor, as a finding's row does.
  const places = await page.$$eval('#exercise-goals li[data-pass="false"] .goal-place', (els) => els.map((el) => el.textContent));
  assert.ok(places.length > 0, failing.join('\n'));
  const line = Number(places[0].match(/on line (\d+)$/)[1]);
  await page.click('#exercise-goals .goal-place');
  const selected = await page.$eval('#editor', (el) => ({
    focused: document.activeElement === el,
    line: el.value.slice(0, el.selectionStart).split('\n').length,
    length: el.selectionEnd - el.selectionStart,
  }));
  assert.deepEqual(selected, { focused: true, line, length: selected.length });
  assert.ok(selected.length > 0);
  // After an edit the places could point anywhere: they wait for the next Check.
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await page.waitForFunction(() => !document.querySelector('#exercise-goals .goal-place'));
  await page.keyboard.press('Backspace');
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, start);
  await page.click('#exercise-check');
  await page.waitForSelector('#exercise-goals .goal-place');

  // Hints: one per press, then the button is used up.
  const hints = exercise.split('\n').filter((l) => l.startsWith('# hint:')).map((l) => l.slice(7).trim().replaceAll('`', ''));
  assert.ok(hints.length >= 2);
  assert.equal(await page.$$eval('#exercise-hints li', (els) => els.length), 0);
  for (let n = 1; n <= hints.length; n += 1) {
    assert.equal(await page.getAttribute('#exercise-hint', 'aria-disabled'), null);
    await page.click('#exercise-hint');
    await page.waitForFunction((k) => document.querySelectorAll('#exercise-hints li').length === k, n);
    assert.equal(await text(`#exercise-hints li:nth-child(${n})`), hints[n - 1]);
  }
  // Used up: marked aria-disabled but still focusable, so a keyboard user's focus stays on it;
  // pressing it again adds nothing.
  assert.equal(await page.getAttribute('#exercise-hint', 'aria-disabled'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'exercise-hint');
  await page.keyboard.press('Enter');
  assert.equal(await page.$$eval('#exercise-hints li', (els) => els.length), hints.length);
  assert.equal(await text('#exercise-hint'), 'No more hints');

  // Type the fix (as a paste: one input event) and check again.
  await page.fill('#editor', solution);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, solution);
  await page.click('#exercise-check');
  await page.waitForSelector('#exercise-verdict[data-solved="true"]');
  assert.equal(await text('#exercise-verdict'), 'Solved: every goal passes.');
  assert.equal(await page.$$eval('#exercise-goals li[data-pass="false"]', (els) => els.length), 0);
  assert.equal(await text('#workshop-progress'), `1 of ${ids.length} solved`);
  assert.match(await page.getAttribute(`#exercise-list button[data-id="${id}"]`, 'class'), /\bsolved\b/);
  await page.screenshot({ path: join(screenshotDir, 'airlock-workshop.png'), fullPage: true });

  // Next opens the second exercise with its own start and no hints shown.
  await page.click('#exercise-next');
  await page.waitForFunction((k) => document.querySelector('#exercise')?.dataset.id === k, ids[1]);
  const second = startOf(await file(`static/exercises/${ids[1]}.Dockerfile`));
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, second);
  assert.equal(await page.$$eval('#exercise-hints li', (els) => els.length), 0);
  assert.equal(await page.isDisabled('#exercise-prev'), false);
});

test('progress survives a reload: solved marks, the open exercise and the hints shown', async () => {
  const ids = await exerciseIds();
  await page.click('#exercise-hint');
  await page.waitForFunction(() => document.querySelectorAll('#exercise-hints li').length === 1);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('#panel-workshop:not([hidden]) #exercise', { timeout: 30_000 });
  assert.equal(await page.getAttribute('#exercise', 'data-id'), ids[1]);
  assert.equal(await text('#workshop-progress'), `1 of ${ids.length} solved`);
  assert.match(await page.getAttribute(`#exercise-list button[data-id="${ids[0]}"]`, 'class'), /\bsolved\b/);
  assert.equal(await page.$$eval('#exercise-hints li', (els) => els.length), 1);
  // Previous goes back to the solved one.
  await page.click('#exercise-prev');
  await page.waitForFunction((k) => document.querySelector('#exercise')?.dataset.id === k, ids[0]);
});

test('the trainer page, linked from the workshop, lists every exercise with goals, hints and solution', async () => {
  const ids = await exerciseIds();
  await page.click('#trainer-link');
  await page.waitForSelector('#trainer-list article', { timeout: 30_000 });
  assert.match(page.url(), /\?trainer$/);
  const listed = await page.$$eval('#trainer-list article', (els) => els.map((el) => el.dataset.id));
  assert.deepEqual(listed, ids);
  assert.equal(await page.$$eval('.trainer-broken', (els) => els.length), 0);
  for (const id of ids) {
    const card = page.locator(`article[data-id="${id}"]`);
    const exercise = await file(`static/exercises/${id}.Dockerfile`);
    const goals = exercise.split('\n').filter((l) => l.startsWith('# goal:')).map((l) => l.slice(7).trim());
    assert.deepEqual(await card.locator('.trainer-goals li').allTextContents(), goals);
    const hints = exercise.split('\n').filter((l) => l.startsWith('# hint:'));
    assert.equal(await card.locator('.trainer-hints li').count(), hints.length);
    const solution = await file(`static/exercises/${id}.solution.Dockerfile`);
    assert.equal(await card.locator('.trainer-solution').textContent(), solution);
    // The engine agrees: the start fails, the solution passes.
    assert.equal(await card.locator('.trainer-verdict.fail').count(), 0, id);
  }
  await page.screenshot({ path: join(screenshotDir, 'airlock-trainer.png'), fullPage: true });
  await page.click('#workshop-link');
  await page.waitForSelector('#panel-workshop:not([hidden]) #exercise', { timeout: 30_000 });
});

test('?workshop=ID opens that exercise with its starting Dockerfile', async () => {
  const ids = await exerciseIds();
  const id = ids[2];
  const start = startOf(await file(`static/exercises/${id}.Dockerfile`));
  await page.goto(`${browser.origin}/?workshop=${id}`, { waitUntil: 'load' });
  await page.waitForFunction((k) => document.querySelector('#panel-workshop:not([hidden]) #exercise')?.dataset.id === k, id, {
    timeout: 30_000,
  });
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, start);
  assert.equal(await page.getAttribute(`#exercise-list button[data-id="${id}"]`, 'aria-current'), 'step');
});

test('without storage the workshop still checks and says progress is not kept', async () => {
  const context = browser.context;
  const other = await context.newPage();
  await other.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
  });
  await other.goto(browser.origin + '/?workshop', { waitUntil: 'load' });
  await other.waitForSelector('#panel-workshop:not([hidden]) .workshop-note', { timeout: 30_000 });
  assert.match(await other.textContent('.workshop-note'), /does not let the page store anything/);
  await other.click('#exercise-check');
  await other.waitForSelector('#exercise-verdict[data-solved]');
  await other.close();
});

test('nothing left 127.0.0.1, the console stayed clean and no dialog opened', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
  assert.deepEqual(browser.dialogs, []);
});
