// Drives the findings and rules panes of the built playground in Debian's headless Chromium:
// typing `USER root` at the end of the final stage raises AL104 (listed, and marked in the editor's
// gutter), clicking it selects its line, its quick fix removes it, an ignore comment silences it,
// "apply all fixes" leaves nothing fixable; the filter, the rule's docs and the settings; the
// JSON, SARIF and Markdown exports; light and dark, wide and 375 px wide, as screenshots. Waits
// on conditions, never on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, example, screenshotDir } from './harness.mjs';

let browser;
let page;
let exampleText;

before(async () => {
  browser = await launch();
  page = browser.page;
  exampleText = await readFile(example, 'utf8');
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#tab-findings', { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
});

const AL104 = 'li.finding[data-code="AL104"]';
/** The 1-based line `USER root` lands on when typed at the end of the example. */
const rootLine = () => exampleText.split('\n').length;

/** Replaces the editor's text as a paste would (one input event). */
async function setText(text) {
  await page.fill('#editor', text);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, text);
}

/** Waits until the instruction list ends with `row` (the analysis of the new text is drawn). */
const waitForLastInstruction = (row) =>
  page.waitForFunction(
    (r) => [...document.querySelectorAll('#instructions li')].at(-1)?.textContent.trim() === r,
    row,
  );

async function showTab(id) {
  await page.click(`#tab-${id}`);
  await page.waitForSelector(`#panel-${id}:not([hidden])`);
}

/** Opens or closes the header's Settings panel (the rules settings are there). */
async function settings(open) {
  if ((await page.getAttribute('#settings-button', 'aria-expanded')) !== String(open)) {
    await page.click('#settings-button');
  }
  await page.waitForSelector('#settings-panel', { state: open ? 'visible' : 'hidden' });
}

/** Chooses `selector` in the header's Export menu and returns the download it starts:
 * [suggested name, content]. */
async function download(selector) {
  await page.click('#export-button');
  await page.waitForSelector('#export-menu:not([hidden])');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return [dl.suggestedFilename(), await readFile(await dl.path(), 'utf8')];
}

test('the example has no AL104 and no gutter mark on its last line', async () => {
  await showTab('findings');
  assert.equal(await page.inputValue('#editor'), exampleText);
  assert.equal(await page.$(AL104), null);
  // One gutter line per editor line (the text ends with a newline, so one more, empty).
  assert.equal(await page.$$eval('#gutter .gutter-line', (els) => els.length), rootLine());
});

test('typing `USER root` as the final stage\'s last line raises AL104, listed and marked in the gutter', async () => {
  await page.click('#editor');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('USER root');
  await page.waitForSelector(AL104);
  assert.equal(await page.inputValue('#editor'), exampleText + 'USER root');

  const row = await page.textContent(AL104);
  assert.match(row, new RegExp(`${rootLine()}:1\\s*AL104`));
  assert.match(row, /the image runs as root: the last USER is `root`/);
  assert.equal(await page.getAttribute(AL104, 'data-line'), String(rootLine()));
  assert.equal(await page.getAttribute('#group-warning + ul ' + AL104, 'data-code'), 'AL104');

  const mark = `#gutter .gutter-line[data-line="${rootLine()}"]`;
  assert.equal(await page.getAttribute(mark, 'data-severity'), 'warning');
  assert.match(await page.getAttribute(mark, 'title'), /warning AL104: the image runs as root/);
  await page.screenshot({ path: join(screenshotDir, 'airlock-findings-al104.png'), fullPage: true });
});

test('clicking the finding, or Enter on it, selects its line in the editor', async () => {
  const selected = () =>
    page.evaluate(() => {
      const area = document.querySelector('#editor');
      return [document.activeElement === area, area.value.slice(area.selectionStart, area.selectionEnd)];
    });
  await page.click(`${AL104} .finding-main`);
  assert.deepEqual(await selected(), [true, 'USER root']);

  await page.evaluate(() => document.querySelector('#editor').setSelectionRange(0, 0));
  await page.focus(`${AL104} .finding-main`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'editor');
  assert.deepEqual(await selected(), [true, 'USER root']);
});

test('the quick fix of AL104 makes the last USER the nonroot UID and the finding goes', async () => {
  assert.match(await page.getAttribute(`${AL104} .quick-fix`, 'title'), /65532/);
  await page.click(`${AL104} .quick-fix`);
  await page.waitForFunction(() => document.querySelector('#editor').value.endsWith('USER 65532'));
  assert.equal(await page.inputValue('#editor'), exampleText + 'USER 65532');
  await page.waitForSelector(AL104, { state: 'detached' });
  assert.equal(await page.$(`#gutter .gutter-line[data-line="${rootLine()}"].marked`), null);
});

test('an ignore comment before `USER root` silences AL104, and removing it brings it back', async () => {
  const line = rootLine() + 1;
  await setText(exampleText + '# airlock ignore=AL104\nUSER root\n');
  await waitForLastInstruction(`USER · line ${line}`);
  assert.equal(await page.$(AL104), null);
  assert.equal(await page.$(`#gutter .gutter-line[data-line="${line}"].marked`), null);

  await setText(exampleText + '# a plain comment\nUSER root\n');
  await page.waitForSelector(AL104);
  assert.equal(await page.getAttribute(AL104, 'data-line'), String(line));
});

test('the severity toggles and the text filter narrow the list, with counts', async () => {
  await setText('FROM ubuntu:22.04\nMAINTAINER me\nRUN apt-get update && apt-get install curl\nCMD node app.js\nUSER root\n');
  await page.waitForSelector(AL104);
  const total = Number(await page.getAttribute('#finding-count', 'data-count'));
  assert.ok(total > 3, String(total));

  await page.click('#show-warning');
  await page.waitForFunction(() => document.querySelector('#show-warning').getAttribute('aria-pressed') === 'false');
  assert.equal(await page.$(AL104), null);
  assert.equal(await page.$('li.finding.sev-warning'), null);
  await page.click('#show-warning');
  await page.waitForSelector(AL104);

  await page.fill('#finding-filter', 'dl3002');
  await page.waitForFunction(() => document.querySelectorAll('li.finding').length === 1);
  assert.equal(await page.getAttribute('li.finding', 'data-code'), 'AL104');
  assert.equal(await page.textContent('#group-warning .count'), `1 of ${await page.$$eval('#show-warning .count', (e) => e[0].textContent)}`);
  await page.fill('#finding-filter', 'no such thing');
  await page.waitForSelector('#no-match');
  await page.fill('#finding-filter', '');
  await page.waitForSelector(AL104);
});

test('"apply all fixes" repeats until no finding is fixable', async () => {
  const before = await page.inputValue('#editor');
  const fixable = await page.$$eval('.quick-fix', (els) => els.length);
  assert.ok(fixable >= 3, String(fixable));
  assert.equal(await page.textContent('#fix-all'), `Apply all fixes (${fixable})`);
  await page.click('#fix-all');
  await page.waitForFunction(() => document.querySelector('#fix-all').disabled);
  assert.equal(await page.$$eval('.quick-fix', (els) => els.length), 0);
  assert.equal(await page.textContent('#fix-all'), 'Apply all fixes (0)');
  const after = await page.inputValue('#editor');
  assert.notEqual(after, before);
  assert.doesNotMatch(after, /MAINTAINER|USER root/);
  assert.equal(await page.getAttribute('#error-count', 'data-count'), '0');
});

test("a finding's Docs button opens the Rules tab on that rule's docs", async () => {
  await setText(exampleText + 'USER root');
  await page.waitForSelector(AL104);
  await page.click(`${AL104} .docs-link`);
  await page.waitForSelector('#panel-rules:not([hidden]) #rule-docs');
  assert.equal(await page.getAttribute('#tab-rules', 'aria-selected'), 'true');
  assert.match(await page.textContent('#rule-docs-title'), /AL104\s+final_stage_runs_as_root/);
  const headings = await page.$$eval('#rule-docs h4', (els) => els.map((e) => e.textContent));
  assert.deepEqual(headings.slice(0, 3), ['What it does', 'Why is this bad?', 'Example']);
  const blocks = await page.$$eval('#rule-docs pre code', (els) => els.map((e) => e.textContent));
  assert.equal(blocks.length, 2);
  assert.match(blocks[1], /^USER 65532$/m);
  // Inline code is an element, not backticks.
  assert.ok(await page.$$eval('#rule-docs p code', (els) => els.some((e) => e.textContent === 'root')));
  await page.screenshot({ path: join(screenshotDir, 'airlock-rules-docs.png'), fullPage: true });
});

test('the settings change the findings live: a rule off, a severity, a category', async () => {
  const findingsTab = () => showTab('findings');
  await page.uncheck('#rule-AL104 input[type="checkbox"]');
  await page.waitForSelector('#rule-AL104.off');
  await findingsTab();
  assert.equal(await page.$(AL104), null);

  await showTab('rules');
  await page.check('#rule-AL104 input[type="checkbox"]');
  await page.selectOption('#rule-AL104 select', 'error');
  await findingsTab();
  await page.waitForSelector(`#group-error + ul ${AL104}`);

  await showTab('rules');
  await page.selectOption('#rule-AL104 select', 'warning');
  await settings(true);
  await page.uncheck('#category-security');
  await findingsTab();
  await page.waitForSelector(AL104, { state: 'detached' });

  await page.click('#reset-rules');
  await page.waitForFunction(() => document.querySelector('#reset-rules').disabled);
  assert.equal(await page.isChecked('#category-security'), true);
  await settings(false);
  await findingsTab();
  await page.waitForSelector(`#group-warning + ul ${AL104}`);
});

test('the Export menu downloads the report as JSON, SARIF and Markdown', async () => {
  const [jsonName, json] = await download('#report-json');
  assert.equal(jsonName, 'airlock-report.json');
  assert.ok(json.startsWith('[\n  {\n    "file": "Dockerfile",'), json.slice(0, 80));
  const findings = JSON.parse(json);
  const root = findings.find((f) => f.code === 'AL104');
  assert.deepEqual([root.line, root.column, root.severity, root.aliases], [rootLine(), 1, 'warning', ['DL3002']]);

  const [sarifName, sarif] = await download('#report-sarif');
  assert.equal(sarifName, 'airlock-report.sarif');
  assert.ok(sarif.startsWith('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",'), sarif.slice(0, 80));
  const log = JSON.parse(sarif);
  assert.equal(log.version, '2.1.0');
  const result = log.runs[0].results.find((r) => r.ruleId === 'AL104');
  assert.equal(result.locations[0].physicalLocation.region.startLine, rootLine());
  assert.equal(log.runs[0].tool.driver.rules[result.ruleIndex].id, 'AL104');

  const [mdName, md] = await download('#report-md');
  assert.equal(mdName, 'airlock-report.md');
  assert.ok(md.startsWith('# airlock report\n\n'), md.slice(0, 80));
  assert.match(md, new RegExp(`\\| Dockerfile \\| ${rootLine()}:1 \\| warning \\| AL104 \\|`));
});

test('the settings take a non-root UID for fixes and builder image patterns; reset clears them', async () => {
  // The shipped stage on an image only the pattern calls a builder image: AL101.
  const AL101 = 'li.finding[data-code="AL101"]';
  await setText('FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM mycorp/sdk-go:1.2\nCOPY --from=build /app /app\nUSER root\nCMD ["/app"]\n');
  await showTab('findings');
  await page.waitForSelector(AL104);
  assert.equal(await page.$(AL101), null, 'an unknown image is not called a builder image');
  assert.match(await page.getAttribute(`${AL104} .quick-fix`, 'title'), /65532/);

  await settings(true);
  await page.fill('#builder-images', 'mycorp/sdk-*');
  await page.fill('#non-root-uid', '0');
  assert.equal(await page.getAttribute('#non-root-uid', 'aria-invalid'), 'true');
  assert.match(await page.$eval('#non-root-uid', (i) => i.validationMessage), /root/);
  await page.fill('#non-root-uid', '10001');
  assert.equal(await page.getAttribute('#non-root-uid', 'aria-invalid'), null);
  await showTab('findings');
  await page.waitForSelector(AL101);
  assert.match(await page.getAttribute(`${AL104} .quick-fix`, 'title'), /10001/);

  await page.click('#reset-rules');
  await page.waitForFunction(() => document.querySelector('#reset-rules').disabled);
  assert.equal(await page.inputValue('#builder-images'), '');
  assert.equal(await page.inputValue('#non-root-uid'), '');
  await showTab('findings');
  await page.waitForSelector(AL101, { state: 'detached' });
  assert.match(await page.getAttribute(`${AL104} .quick-fix`, 'title'), /65532/);
  await settings(false);
});

test('screenshots: findings and rules, light and dark, wide and 375 px', async () => {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForFunction((w) => window.innerWidth === w, width);
      for (const tab of ['findings', 'rules']) {
        await showTab(tab);
        await page.screenshot({ path: join(screenshotDir, `airlock-${tab}-${scheme}-${width}.png`), fullPage: true });
        // Nothing wider than the screen: the page never scrolls sideways.
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${tab} ${scheme} ${width}`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 860 });
});

test('the gutter follows the editor when it scrolls', async () => {
  await setText(Array.from({ length: 120 }, (_, i) => (i === 0 ? 'FROM alpine:3.20' : `RUN echo ${i}`)).join('\n') + '\nUSER root\n');
  await page.evaluate(() => {
    document.querySelector('#editor').scrollTop = 1e6;
  });
  await page.waitForFunction(() => document.querySelector('#gutter').scrollTop > 0);
  // Only the lines in view (and a margin) are drawn: the last one's mark is there now.
  await page.waitForSelector('#gutter .gutter-line.marked[data-line="121"]');
  // The marked last line is beside the textarea's last line: both in view at the same height.
  const [mark, area] = await page.evaluate(() => [
    document.querySelector('#gutter .gutter-line[data-line="121"]').getBoundingClientRect().bottom,
    document.querySelector('#editor').getBoundingClientRect().bottom,
  ]);
  assert.ok(mark <= area, `${mark} <= ${area}`);
  assert.ok(mark > area - 80, `${mark} > ${area} - 80`);
});

test('"Show all" in the findings pane draws every entry at once, without another edit', async () => {
  // Hundreds of info findings with messages of their own (so not one repeated entry each).
  await setText(['FROM alpine:3.20', ...Array.from({ length: 250 }, (_, i) => `RUN apk add pkg${i}`)].join('\n') + '\n');
  await showTab('findings');
  const entries = '#findings ul.findings > li:not(.more-rows)';
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 200, entries);
  const more = page.locator('#findings li.more-rows');
  const [, all] = (await more.textContent()).match(/Show all (\d+)/);
  assert.ok(Number(all) > 200, all);
  await more.getByRole('button', { name: `Show all ${all}` }).click();
  // The pane sits in a tab panel, which hands it the state through a context of its own: the
  // row limit must count in the state's equality, or the pane stays as it was until an edit.
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [entries, Number(all)]);
  assert.equal(await page.locator('#findings li.more-rows').count(), 0);
});

test('?rule=CODE (the link the language server gives each finding) opens that rule\'s docs', async () => {
  for (const [query, code] of [['rule=AL104', 'AL104'], ['rule=DL3002', 'AL104'], ['rule=al113', 'AL113']]) {
    await page.goto(`${browser.base}/?${query}`, { waitUntil: 'load' });
    await page.waitForSelector('#panel-rules:not([hidden]) #rule-docs', { timeout: 30_000 });
    assert.equal(await page.getAttribute('#tab-rules', 'aria-selected'), 'true');
    assert.match(await page.textContent('#rule-docs-title'), new RegExp(`^${code}\\b`));
  }
  await page.goto(`${browser.base}/`, { waitUntil: 'load' });
  await page.waitForSelector('#instructions li', { timeout: 30_000 });
});

test('nothing left 127.0.0.1 and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
  assert.deepEqual(browser.dialogs, []);
});
