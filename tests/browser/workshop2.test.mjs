// The workshop checks the participant's own work (issue 21): each exercise has its buffer, put in
// the editor when the Workshop tab is shown or the exercise opened; edits are kept per exercise
// over a switch and a reload; Check reads the exercise's buffer, so the default example (or any
// text loaded over the exercise) cannot solve it; the participant's own draft is kept aside.
// Waits on conditions, never on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exerciseIds, launch, root, startOf } from './harness.mjs';

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
const editorIs = (text) => page.waitForFunction((t) => document.querySelector('#editor').value === t, text);

/** An exercise's starting Dockerfile. */
const startOfId = async (id) => startOf(await file(`static/exercises/${id}.Dockerfile`));

const showExercise = (id) =>
  page.waitForFunction((k) => document.querySelector('#panel-workshop:not([hidden]) #exercise')?.dataset.id === k, id, {
    timeout: 30_000,
  });

test('showing the Workshop tab loads the exercise, and Check on the default example does not solve it', async () => {
  const [first] = await exerciseIds();
  const defaultExample = await file('static/examples/go-distroless.Dockerfile');
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#editor', { timeout: 30_000 });
  await editorIs(defaultExample);
  await page.click('#tab-workshop');
  await showExercise(first);
  await editorIs(await startOfId(first));
  // The default example was not the user's work: nothing to keep aside.
  assert.equal(await page.$('#draft-kept'), null);

  // The default example loaded over the exercise is not the exercise's work: Check reads the
  // exercise's buffer (its start), which fails.
  await page.selectOption('#example', 'go-distroless');
  await editorIs(defaultExample);
  await page.click('#exercise-check');
  await page.waitForSelector('#exercise-verdict[data-solved="false"]');
  assert.equal(await page.textContent('#workshop-progress'), `0 of ${(await exerciseIds()).length} solved`);
  assert.doesNotMatch(await page.getAttribute(`#exercise-list button[data-id="${first}"]`, 'class'), /\bsolved\b/);
});

test('edits are kept per exercise over a switch and a reload', async () => {
  const [first, second] = await exerciseIds();
  await page.click(`#exercise-list button[data-id="${first}"]`);
  const mine = (await startOfId(first)) + '# my own line\n';
  await page.fill('#editor', mine);
  await editorIs(mine);

  await page.click('#exercise-next');
  await showExercise(second);
  await editorIs(await startOfId(second));
  // Switching from one exercise to another keeps the first one's buffer, not a draft banner.
  assert.equal(await page.$('#draft-kept'), null);
  await page.click('#exercise-prev');
  await showExercise(first);
  await editorIs(mine);

  await page.reload({ waitUntil: 'load' });
  await showExercise(first);
  await editorIs(mine);
  await page.click('#exercise-next');
  await editorIs(await startOfId(second));
  await page.click('#exercise-prev');
  await editorIs(mine);

  // Start over brings the start back, and keeps the edits to restore.
  await page.click('#exercise-load');
  await editorIs(await startOfId(first));
  await page.waitForSelector('#draft-kept');
  await page.click('#restore-draft');
  await editorIs(mine);
});

test('the participant’s own draft is kept aside when the workshop opens over it', async () => {
  const [first] = await exerciseIds();
  const other = await browser.context.newPage();
  await other.goto(browser.origin + '/', { waitUntil: 'load' });
  await other.waitForSelector('#editor', { timeout: 30_000 });
  // Out of the exercise the reload went on with (an example is loaded), then the user's own text.
  await other.selectOption('#example', 'seed-go');
  const draft = 'FROM alpine:3.20\nRUN echo my own work\n';
  await other.fill('#editor', draft);
  await other.click('#tab-graph');
  await other.click('#tab-workshop');
  await other.waitForFunction((k) => document.querySelector('#exercise')?.dataset.id === k, first);
  await other.waitForSelector('#draft-kept');
  await other.click('#restore-draft');
  await other.waitForFunction((t) => document.querySelector('#editor').value === t, draft);
  await other.close();
});
