// Drives the size pane of the built playground in Debian's headless Chromium: the seed Go example
// loaded from the header's menu shows its reduction; the sources of the figures on focus; an
// override of the binary's size changes the figures live (and a bad one is refused); an unknown
// image gets a box that takes a size; the seed gcc example shows the engine's note on mixed bases;
// the "With CleanStart" figure and its button (issue 22); light and dark, wide and 375 px
// wide, as screenshots; a hidden pane not drawn again while the text changes. Waits on
// conditions, never on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, root, screenshotDir } from './harness.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#editor', { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
});

const seed = (name) => readFile(join(root, `static/examples/${name}.Dockerfile`), 'utf8');

/** Loads an example through the header's menu and waits until the editor holds it. */
async function loadExample(id) {
  const text = await seed(id);
  await page.selectOption('#example', id);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, text);
}

/** Replaces the editor's text as a paste would (one input event). */
async function setText(text) {
  await page.fill('#editor', text);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, text);
}

/** Waits until `selector`'s text is `want`, then returns it. */
async function waitForText(selector, want) {
  await page
    .waitForFunction(([s, w]) => document.querySelector(s)?.textContent.trim() === w, [selector, want])
    .catch(async (e) => {
      throw new Error(`${selector}: wanted ${JSON.stringify(want)}, have ${JSON.stringify(await text(selector))} (${e.message})`);
    });
  return want;
}

const text = (selector) => page.$eval(selector, (el) => el.textContent.trim()).catch(() => null);

async function showSizeTab() {
  await page.click('#tab-size');
  await page.waitForSelector('#panel-size', { state: 'visible' });
}

test('the seed Go example, loaded from the menu, shows its reduction on the size tab', async () => {
  await loadExample('seed-go');
  await showSizeTab();
  assert.equal(await page.getAttribute('#tab-size', 'aria-selected'), 'true');
  assert.equal(await page.isHidden('#panel-graph'), true);

  // The CLI's figures for the same file (`airlock size static/examples/seed-go.Dockerfile`).
  await waitForText('#size-reduction', '96.7%');
  assert.equal(await text('#size-factor'), '30.1×');
  assert.equal(await text('#size-uncompressed'), '613.5 MB → 20.4 MB');
  assert.equal(await text('#size-compressed'), '228.3 MB → 8.6 MB · 96.2%, 26.4×');
  assert.equal(await text('#size-single-total'), '613.5 MB');
  assert.equal(await text('#size-multi-total'), '20.4 MB');
  // Stacked by layer: the multi-stage image is the prod base and the copied binary.
  assert.deepEqual(
    await page.$$eval('#size-multi .part', (els) => els.map((el) => el.getAttribute('class'))),
    ['part base', 'part artifacts'],
  );
});

test('every part of a bar says where its figure comes from, on hover and on keyboard focus', async () => {
  const base = page.locator('#size-multi .part.base');
  assert.match(await base.locator('title').textContent(), /cleanstart-golang:1\.21-prod.*seed guide/);
  await base.focus();
  await page.waitForFunction(() => document.querySelector('#size-focus').textContent.includes('Multi-stage · base'));
  assert.match(await text('#size-focus'), /12\.0 MB uncompressed.*table cleanstart-golang:1\.21-prod/);
  // Tab reaches the next part, and the details line follows.
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.querySelector('#size-focus').textContent.includes('/out/app from builder'));
  assert.match(await text('#size-focus'), /go-binary-stripped/);
  await page.hover('#size-single .part.base');
  await page.waitForFunction(() => document.querySelector('#size-focus').textContent.includes('Single-stage · base'));
});

test("overriding the binary's size changes the figures live, and a bad size is refused", async () => {
  const box = page.getByRole('textbox', { name: '/out/app from builder' });
  assert.equal(await box.getAttribute('data-key'), '/out/app');
  assert.equal(await box.getAttribute('placeholder'), '8.4');
  await box.fill('40');
  // As `airlock size --override /out/app=40`.
  await waitForText('#size-reduction', '91.9%');
  assert.equal(await text('#size-factor'), '12.4×');
  assert.equal(await text('#size-uncompressed'), '645.1 MB → 52.0 MB');
  const row = page.locator('#size-figures li[data-key="/out/app"]');
  assert.match(await row.getAttribute('class'), /\boverridden\b/);
  assert.match(await row.locator('.figure-source').textContent(), /your override \/out\/app/);

  // Not a size: said beside the box, and the estimate keeps the last good one.
  await box.fill('forty');
  await page.waitForFunction(() => document.querySelector('#size-figures li[data-key="/out/app"] .invalid').textContent !== '');
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  assert.equal(await text('#size-reduction'), '91.9%');

  // Units are read; emptying the box or resetting goes back to the default.
  await box.fill('0.04 GB');
  await waitForText('#size-reduction', '91.9%');
  assert.equal(await box.getAttribute('aria-invalid'), 'false');
  await page.click('#size-reset');
  await waitForText('#size-reduction', '96.7%');
  assert.equal(await box.inputValue(), '');
  assert.equal(await page.locator('#size-reset').count(), 0);
});

test('an unknown image shows a box that takes its size', async () => {
  if (await page.locator('#size-reset').count()) await page.click('#size-reset');
  await setText('FROM mycorp/builder:1 AS build\nRUN make\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n');
  await page.waitForSelector('#size-unknown');
  assert.match(await text('#size-unknown'), /1 unknown image: counted as 0 MB/);
  await waitForText('#size-single-total', '25.0 MB');
  const row = page.locator('#size-figures li.unknown[data-key="mycorp/builder:1"]');
  await row.waitFor();
  assert.match(await row.locator('.figure-source').textContent(), /Unknown image, counted as 0 MB/);
  const box = page.getByRole('textbox', { name: 'base image mycorp/builder:1' });
  await box.fill('900');
  // As `airlock size --override mycorp/builder:1=900`.
  await waitForText('#size-single-total', '925.0 MB');
  await waitForText('#size-reduction', '99.5%');
  await page.waitForSelector('#size-unknown', { state: 'detached' });
  // The same box, still focused and holding what was typed, now sizes a known figure.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.key), 'mycorp/builder:1');
  assert.equal(await box.inputValue(), '900');
  assert.doesNotMatch(await page.locator('#size-figures li[data-key="mycorp/builder:1"]').getAttribute('class'), /\bunknown\b/);
  await page.click('#size-reset');
  await page.waitForSelector('#size-unknown');
});

test("the seed gcc example says that the seed's headline mixes uncompressed and compressed", async () => {
  await loadExample('seed-c-nginx');
  await waitForText('#size-reduction', '91.3%');
  const notes = await text('#size-notes');
  assert.match(notes, /The seed's "2\.5 GB -> 80 MB" compares cleanstart-gcc:14-builder uncompressed with cleanstart-gcc:14-prod compressed: two different measures/);
  assert.match(notes, /Like for like: uncompressed 2528 -> 219 MB/);
  assert.equal(await text('#size-single-total'), '2.53 GB');
});

test('an export target shows the size of its files and no reduction; a runnable one the reduction', async () => {
  const build = 'FROM golang:1.25 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\n';
  await setText(`${build}FROM scratch AS binaries\nCOPY --from=build /out/app /\n`);
  await showSizeTab();
  // The CLI's figure for the same file: the Go binary default, 12.0 MB.
  await waitForText('#size-exported', '12.0 MB');
  assert.equal(await page.$('#size-reduction'), null, 'no reduction for files that are not an image');
  assert.match(await text('#size-export'), /not an image anyone runs.*docker build --output type=local,dest=DIR/);
  assert.match(await text('#size-notes'), /The target binaries exports files/);
  // With a default command it is an image again.
  await setText(`${build}FROM scratch AS app\nCOPY --from=build /out/app /\nENTRYPOINT ["/app"]\n`);
  await page.waitForSelector('#size-reduction');
  assert.equal(await page.$('#size-export'), null);
});

test('screenshots: the size pane light and dark, wide and 375 px', async () => {
  await page.focus('#size-multi .part.artifacts');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForFunction((w) => window.innerWidth === w, width);
      await page.screenshot({ path: join(screenshotDir, `airlock-size-${scheme}-${width}.png`), fullPage: true });
      await page.locator('#panel-size').screenshot({ path: join(screenshotDir, `airlock-size-pane-${scheme}-${width}.png`) });
      // Nothing wider than the screen: the page never scrolls sideways.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${scheme} ${width}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 860 });
});

test('a Node build on public images shows the CleanStart figure, and its button applies the swaps', async () => {
  await setText(await readFile(join(root, 'tests/fixtures/size/cleanstart.Dockerfile'), 'utf8'));
  await showSizeTab();
  await page.waitForSelector('#size-cleanstart-total');
  // The figure `airlock size` prints for this file (tests/snapshots/size__size_text_cleanstart.snap).
  assert.match(await text('#size-cleanstart-total'), /^225(\.0)? MB$/);
  const stages = await text('#size-cleanstart-stages');
  assert.match(stages, /cleanstart\/node:latest-dev/);
  assert.match(stages, /instead of node:22-slim/);
  assert.match(stages, /CleanStart image-size-comparison page/);
  // The pane's other ids are still there.
  assert.ok(await text('#size-reduction'));

  await page.click('#size-cleanstart-apply');
  await page.waitForFunction(() => document.querySelector('#editor').value.includes('FROM cleanstart/node:latest-dev AS builder'));
  const fixed = await page.$eval('#editor', (el) => el.value);
  assert.match(fixed, /^FROM cleanstart\/node:latest$/m);
  assert.match(fixed, /COPY --from=builder \/app\/dist \.\/dist/);
  await page.waitForSelector('#size-cleanstart-none');

  // On CleanStart already: nothing to offer.
  await setText(await seed('seed-go'));
  await page.waitForSelector('#size-cleanstart-none');
  assert.equal(await page.$('#size-cleanstart-apply'), null);
});

test('the tab bar moves with the arrow keys, Home and End', async () => {
  await page.focus('#tab-size');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.activeElement?.id === 'tab-graph');
  assert.equal(await page.getAttribute('#tab-graph', 'aria-selected'), 'true');
  assert.equal(await page.isVisible('#panel-graph'), true);
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-selected') === 'true' && document.activeElement !== document.querySelector('#tab-graph'));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.activeElement?.id === 'tab-graph');
});

test('a hidden pane is not redrawn while the text changes, and catches up when shown', async () => {
  await setText('FROM alpine:3.20\nRUN echo a\n');
  await showSizeTab();
  await page.waitForFunction(() => document.querySelector('#panel-size').textContent.includes('alpine:3.20'));
  const shown = await text('#panel-size');
  await page.click('#tab-graph');
  await page.waitForSelector('#panel-size', { state: 'hidden' });
  await page.evaluate(() => {
    window.__sizeMutations = 0;
    new MutationObserver((list) => {
      window.__sizeMutations += list.length;
    }).observe(document.querySelector('#panel-size'), { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await setText('FROM debian:12\n');
  // The analysis of the new text is in: the graph draws it.
  await page.waitForFunction(() => document.querySelector('#graph').textContent.includes('debian:12'));
  assert.equal(await page.evaluate(() => window.__sizeMutations), 0, 'the hidden size pane was drawn again');
  assert.equal(await text('#panel-size'), shown);
  await showSizeTab();
  await page.waitForFunction(() => document.querySelector('#panel-size').textContent.includes('debian:12'));
  assert.notEqual(await text('#panel-size'), shown);
});

test('nothing was requested outside 127.0.0.1 and nothing was logged as an error', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
  assert.deepEqual(browser.dialogs, []);
});
