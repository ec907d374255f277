// The workshop checks the participant's own work (issue 21): each exercise has its buffer, put in
// the editor when the Workshop tab is shown or the exercise opened; edits are kept per exercise
// over a switch and a reload; Check reads the exercise's buffer, so the default example (or any
// text loaded over the exercise) cannot solve it; the participant's own draft is kept aside.
// And the playground's layout: the split between editor and results drags, moves with the keys
// and is kept; the editor is as tall as its text, up to the visible area; soft wrap (Settings)
// wraps the textarea and its coloured copy alike; Settings is a drawer
// that leaves the graph where it was while build args are typed; an embed 480 px wide shows
// every example's whole target stage.
// Waits on conditions, never on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
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

test('?workshop=ID opens that exercise even when the Workshop tab was the one shown', async () => {
  const ids = await exerciseIds();
  // The tab shown last (kept with the draft) is the Workshop, on the first exercise.
  await page.goto(browser.origin + '/?workshop', { waitUntil: 'load' });
  await showExercise(ids[0]);
  await page.reload({ waitUntil: 'load' });
  await showExercise(ids[0]);
  await page.goto(`${browser.origin}/?workshop=${ids[3]}`, { waitUntil: 'load' });
  await showExercise(ids[3]);
  await editorIs(await startOfId(ids[3]));
});

const box = (selector) => page.$eval(selector, (el) => el.getBoundingClientRect().toJSON());
const valueNow = async () => Number(await page.getAttribute('#split-handle', 'aria-valuenow'));

test('the split between editor and results drags, moves with the keyboard and is kept', async () => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#split-handle', { timeout: 30_000 });
  assert.equal(await page.getAttribute('#split-handle', 'role'), 'separator');
  const start = await valueNow();
  const editorAt = (await box('#editor')).width;

  // Keys: focus it, arrows move it by steps, Home and End to the ends.
  await page.focus('#split-handle');
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
  await page.waitForFunction((v) => document.querySelector('#split-handle').getAttribute('aria-valuenow') === String(v), start + 10);
  assert.ok((await box('#editor')).width > editorAt + 50, 'the editor widened');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('#split-handle').getAttribute('aria-valuenow') === '20');

  // Drag: the handle follows the pointer, to 60% of the layout.
  const layout = await page.$eval('#layout', (el) => {
    const a = el.firstElementChild.getBoundingClientRect();
    const b = el.lastElementChild.getBoundingClientRect();
    return { left: a.left, width: b.right - a.left };
  });
  const handle = await box('#split-handle');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 40);
  await page.mouse.down();
  await page.mouse.move(layout.left + layout.width * 0.6, handle.y + 60, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('#split-handle').getAttribute('aria-valuenow') === '60');
  const wide = (await box('#editor')).width;
  // The editor's column: 60% of the shared width, give or take the gutter and the handle.
  assert.ok(Math.abs((await box('.editor-panel')).width - layout.width * 0.6) < 8, `${wide}`);

  // Kept over a reload.
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('#split-handle', { timeout: 30_000 });
  assert.equal(await valueNow(), 60);
  assert.ok(Math.abs((await box('#editor')).width - wide) < 2);
});

test('the editor is as tall as its text, at most the visible area, and scrolls inside', async () => {
  await page.setViewportSize({ width: 1400, height: 1600 });
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#editor', { timeout: 30_000 });
  const lines = (await page.$eval('#editor', (el) => el.value)).split('\n').length;
  const short = await box('#editor');
  // About one line height (13px x 1.55) per line plus padding, far below the 1,400 px on offer.
  assert.ok(short.height < Math.max(lines * 20.15 + 60, 16 * 16 + 1), `${short.height} px for ${lines} lines`);
  assert.ok(short.height >= lines * 20, `${short.height} px for ${lines} lines`);

  const long = Array.from({ length: 300 }, (_, i) => `RUN echo ${i}`).join('\n');
  await page.fill('#editor', `FROM alpine:3.20\n${long}\n`);
  await page.waitForFunction(() => document.querySelector('#editor').getBoundingClientRect().height > 1000);
  const tall = await box('#editor');
  const viewport = page.viewportSize().height;
  assert.ok(tall.height <= viewport, `${tall.height} px in a ${viewport} px window`);
  assert.ok(await page.$eval('#editor', (el) => el.scrollHeight > el.clientHeight), 'it scrolls inside');
  await page.setViewportSize({ width: 1400, height: 900 });
});

test('soft wrap wraps long lines, the coloured copy exactly as the textarea, and is kept', async () => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#editor', { timeout: 30_000 });
  // Long lines of words of every length, more than the editor holds, so that its text scrolls.
  const run = (n) => `RUN ${Array.from({ length: 40 }, (_, i) => `echo ${'x'.repeat((i * 7 + n) % 13)}-${i}`).join(' && ')}`;
  const long = `FROM alpine:3.20\n${Array.from({ length: 30 }, (_, n) => run(n)).join('\n')}\nUSER 65532\n`;
  await page.fill('#editor', long);
  await editorIs(long);
  const scrollsSideways = () => page.$eval('#editor', (el) => el.scrollWidth > el.clientWidth + 1);
  assert.ok(await scrollsSideways(), 'without wrap the long RUN line scrolls sideways');

  await page.click('#settings-button');
  await page.check('#soft-wrap');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.editor-frame.wrap');
  assert.equal(await page.getAttribute('#editor', 'wrap'), 'soft');
  assert.ok(!(await scrollsSideways()), 'with wrap nothing scrolls sideways');
  // The coloured copy wraps as the textarea does: the RUN line takes several rows there, and all
  // the lines together are exactly as tall as the textarea's text.
  const measure = () =>
    page.evaluate(() => {
      const area = document.querySelector('#editor');
      const style = getComputedStyle(area);
      const text = area.scrollHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      const lines = [...document.querySelectorAll('#editor-highlight .hl-line')].map((el) => el.getBoundingClientRect().height);
      return { text, lines, row: parseFloat(style.lineHeight) };
    });
  const m = await measure();
  assert.equal(m.lines.length, 33);
  assert.ok(m.text > (await box('#editor')).height, 'the text is taller than the editor');
  assert.ok(m.lines[1] >= 3 * m.row - 1, `the RUN line wraps: ${m.lines[1]} px`);
  const drawn = m.lines.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(drawn - m.text) <= 1, `${drawn} px drawn for ${m.text} px of text`);

  // Kept over a reload; off again restores one row per line.
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('.editor-frame.wrap', { timeout: 30_000 });
  await page.click('#settings-button');
  await page.uncheck('#soft-wrap');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.editor-frame:not(.wrap)');
  assert.ok(await scrollsSideways());
});

test('Settings opens as a drawer that keeps the graph in view while a build arg is typed', async () => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#example', { timeout: 30_000 });
  await page.selectOption('#example', 'go-distroless');
  await page.click('#tab-graph');
  await page.waitForSelector('#graph .node.stage');
  const graphBefore = await box('#graph');
  await page.click('#settings-button');
  await page.waitForSelector('#settings-panel:not([hidden])');
  const drawer = await box('#settings-panel');
  // At the right, over the results column, not above the workspace.
  assert.ok(drawer.right >= 1400 - 2 && drawer.left > 700, JSON.stringify(drawer));
  assert.ok(drawer.bottom <= 900, 'the drawer fits the window and scrolls inside');
  await page.click('#build-args');
  await page.keyboard.type('GO_VERSION=1.22');
  await page.waitForFunction(() => document.querySelector('#build-args').value.includes('GO_VERSION=1.22'));
  const graph = await box('#graph');
  assert.ok(graph.top >= 0 && graph.bottom <= 900 && graph.left >= 0 && graph.right <= 1400, JSON.stringify(graph));
  assert.ok(Math.abs(graph.top - graphBefore.top) < 1, 'the graph did not move');
  // Escape closes it and gives focus back to the Settings button.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#settings-panel', { state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'settings-button');

  // Under 700 px it takes the full width.
  await page.setViewportSize({ width: 600, height: 900 });
  await page.click('#settings-button');
  await page.waitForSelector('#settings-panel:not([hidden])');
  const narrow = await box('#settings-panel');
  assert.ok(narrow.left <= 1 && narrow.right >= 599, JSON.stringify(narrow));
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1400, height: 900 });
});

test('an embed 480 px wide shows the whole target stage of every example', async () => {
  const embed = await browser.context.newPage();
  await embed.setViewportSize({ width: 480, height: 900 });
  const ids = (await readdir(join(root, 'static/examples'))).map((n) => n.replace(/\.Dockerfile$/, ''));
  for (const id of ids) {
    await embed.goto(`${browser.origin}/?embed&pane=graph&example=${id}`, { waitUntil: 'load' });
    await embed.waitForSelector('#graph .node.target', { timeout: 30_000 });
    // Fitted: the drawing needs no scrolling, and the target's box lies inside the graph's.
    await embed.waitForFunction(() => {
      const el = document.querySelector('#graph-scroll');
      return el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1;
    });
    const inside = await embed.evaluate(() => {
      const t = document.querySelector('#graph .node.target').getBoundingClientRect();
      const f = document.querySelector('#graph-scroll').getBoundingClientRect();
      return t.left >= f.left - 0.5 && t.right <= f.right + 0.5 && t.top >= f.top - 0.5 && t.bottom <= f.bottom + 0.5;
    });
    assert.ok(inside, `${id}: the target stage is cut off`);
  }
  await embed.close();
});

test('nothing left 127.0.0.1, no dialog opened and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.dialogs, []);
  assert.deepEqual(browser.consoleErrors, []);
});
