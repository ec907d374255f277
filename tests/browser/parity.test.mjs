// The playground and the CLI are two faces of one engine: for the same text they must report
// the same findings. Runs `airlock check` (target/debug/airlock, or AIRLOCK_CLI) on what it
// pastes into the built page and compares: a per-instruction `# check=skip=` comment and an
// `ONBUILD RUN` trigger (the JSON export against `--format json`, and the Findings pane's rows
// against the CLI text's grouping), the `.dockerignore` box against `--context`, the label
// schema box, and identical findings grouped as one row that opens on its lines. Waits on
// conditions, never on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, root } from './harness.mjs';
import { decodePayload } from './share-codec.mjs';

const cli = process.env.AIRLOCK_CLI ?? [join(root, 'target/debug/airlock'), join(root, 'target/release/airlock')].find(existsSync);

let browser;
let page;
let work;

before(async () => {
  assert.ok(cli && existsSync(cli), 'no airlock binary: run `cargo build` first (or set AIRLOCK_CLI)');
  work = await mkdtemp(join(tmpdir(), 'airlock-parity-'));
  browser = await launch();
  page = browser.page;
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#tab-findings', { timeout: 30_000 });
  await page.click('#tab-findings');
  await page.waitForSelector('#panel-findings:not([hidden])');
});

after(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** `airlock check` on `text` saved as `Dockerfile` in a fresh folder (with a `.dockerignore`
 * when given, read through `--context`, and an `airlock.toml`); returns its stdout. */
async function check(text, { format = 'json', dockerignore, config } = {}) {
  const dir = await mkdtemp(join(work, 'case-'));
  await writeFile(join(dir, 'Dockerfile'), text);
  if (config != null) await writeFile(join(dir, 'airlock.toml'), config);
  const args = ['check', 'Dockerfile', '--format', format];
  if (dockerignore != null) {
    await writeFile(join(dir, '.dockerignore'), dockerignore);
    args.push('--context', '.');
  }
  const run = spawnSync(cli, args, { cwd: dir, encoding: 'utf8' });
  assert.ok([0, 1].includes(run.status), `airlock ${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  return run.stdout;
}

/** Replaces the editor's text as a paste would and waits until the pane counts `count`
 * findings (the analysis of the new text is drawn). */
async function paste(text, count) {
  await page.fill('#editor', text);
  await page.waitForFunction(
    (n) => document.querySelector('#finding-count')?.dataset.count === String(n),
    count,
    { timeout: 10_000 },
  );
}

/** The pane's rows at the top of each severity group: code, first line and count. */
const paneRows = () =>
  page.$$eval('#findings .finding-group > ul > li.finding', (rows) =>
    rows.map((r) => ({ code: r.dataset.code, line: Number(r.dataset.line), count: Number(r.dataset.count ?? 1) })),
  );

/** The CLI text output's rows: `file:line:col: severity[CODE] message (N times, lines ...)`. */
function textRows(text) {
  const rows = [];
  for (const line of text.split('\n')) {
    const m = /^[^:]+:(\d+):\d+: \w+\[([^\]]+)\] .*?(?: \((\d+) times, lines ([\d, ]+)\))?$/.exec(line);
    if (m) rows.push({ code: m[2], line: Number(m[1]), count: Number(m[3] ?? 1), lines: m[4]?.split(', ').map(Number) });
  }
  return rows;
}

const byPosition = (a, b) => a.line - b.line || a.code.localeCompare(b.code);
const strip = (rows) => rows.map(({ code, line, count }) => ({ code, line, count })).sort(byPosition);

/** The report the Export menu saves (the playground's `airlock check --format json`). */
async function exportedJson() {
  await page.click('#export-button');
  await page.waitForSelector('#export-menu:not([hidden])');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#report-json')]);
  return JSON.parse(await readFile(await dl.path(), 'utf8'));
}

async function settings(open) {
  if ((await page.getAttribute('#settings-button', 'aria-expanded')) !== String(open)) {
    await page.click('#settings-button');
  }
  await page.waitForSelector('#settings-panel', { state: open ? 'visible' : 'hidden' });
}

const SKIP_AND_ONBUILD = `FROM alpine:3.20 as base
RUN apk add curl

# check=skip=FromAsCasing
FROM base as app
ONBUILD RUN apt-get install python3
ONBUILD RUN cd /src && make
CMD ["/app"]
`;

test('a `# check=skip` comment and ONBUILD RUN triggers: the page reports what `airlock check` reports', async () => {
  const expected = JSON.parse(await check(SKIP_AND_ONBUILD));
  // The case is only a case if the engine does what it is there to show.
  const casing = expected.filter((f) => f.aliases.includes('FromAsCasing')).map((f) => f.line);
  assert.deepEqual(casing, [1], 'FromAsCasing on line 1 only: the comment skips it on line 5');
  assert.ok(expected.some((f) => f.line === 6), 'the ONBUILD apt-get install is checked');
  assert.ok(expected.some((f) => f.line === 7), 'the ONBUILD `cd` is checked');

  await paste(SKIP_AND_ONBUILD, expected.length);
  assert.deepEqual(await exportedJson(), expected);
  const text = await check(SKIP_AND_ONBUILD, { format: 'text' });
  assert.deepEqual(strip(await paneRows()), strip(textRows(text)));
});

test('the .dockerignore box: a pattern reports the COPY it excludes, as `--context` does, and an empty box checks nothing', async () => {
  const dockerfile = 'FROM alpine:3.20\nCOPY notes.md /srv/notes.md\nCOPY app /srv/app\nUSER 65532\n';
  const without = JSON.parse(await check(dockerfile));
  const withIgnore = JSON.parse(await check(dockerfile, { dockerignore: '*.md\n' }));
  const ignored = withIgnore.filter((f) => f.code === 'AL220');
  assert.deepEqual(ignored.map((f) => f.line), [2]);
  await paste(dockerfile, without.length);
  await settings(true);
  assert.match(await page.textContent('#dockerignore-hint'), /empty: no \.dockerignore, so nothing is checked/);

  await page.fill('#dockerignore', '*.md\n');
  await page.waitForSelector('li.finding[data-code="AL220"][data-line="2"]');
  assert.equal(await page.$('li.finding[data-code="AL220"][data-line="3"]'), null);
  assert.equal(await page.getAttribute('#finding-count', 'data-count'), String(withIgnore.length));
  assert.deepEqual(await exportedJson(), withIgnore);
  assert.doesNotMatch(await page.textContent('#dockerignore-hint'), /empty/);

  // The draft keeps the box (its `.dockerignore` record, tag 13): a reload brings the pattern
  // and the finding back.
  await page.waitForFunction(() => {
    const d = localStorage.getItem('airlock.draft') ?? '';
    return atob(d.slice(2).replace(/-/g, '+').replace(/_/g, '/')).includes('\x0d\x05*.md\n');
  });
  const saved = await page.evaluate(() => localStorage.getItem('airlock.draft'));
  assert.equal(decodePayload(Buffer.from(saved.slice(2), 'base64url')).rules.dockerignore, '*.md\n');
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('#tab-findings');
  await settings(true);
  assert.equal(await page.inputValue('#dockerignore'), '*.md\n');
  if ((await page.getAttribute('#tab-findings', 'aria-selected')) !== 'true') await page.click('#tab-findings');
  await page.waitForSelector('li.finding[data-code="AL220"][data-line="2"]');

  await page.fill('#dockerignore', '');
  await page.waitForSelector('li.finding[data-code="AL220"]', { state: 'detached' });
  assert.equal(await page.getAttribute('#finding-count', 'data-count'), String(without.length));
  assert.match(await page.textContent('#dockerignore-hint'), /empty/);
  await settings(false);
});

test('the label schema box refuses an unknown type with its line and column, and a good schema is checked', async () => {
  const dockerfile = 'FROM alpine:3.20\nLABEL maintainer="nobody"\nUSER 65532\n';
  const before = JSON.parse(await check(dockerfile));
  await paste(dockerfile, before.length);
  await settings(true);
  await page.fill('#label-schema', 'maintainer = email\nversion = number');
  await page.waitForFunction(() => document.querySelector('#label-schema').getAttribute('aria-invalid') === 'true');
  const message = 'line 2, column 11: unknown type `number` (expected text, url, rfc3339, spdx, hash, semver, email)';
  assert.equal(await page.textContent('#label-schema-invalid'), message);
  assert.equal(await page.evaluate(() => document.querySelector('#label-schema').validationMessage), message);
  // The refused schema changed nothing.
  assert.equal(await page.getAttribute('#finding-count', 'data-count'), String(before.length));

  await page.fill('#label-schema', 'maintainer = email');
  await page.waitForFunction(() => !document.querySelector('#label-schema').hasAttribute('aria-invalid'));
  assert.equal(await page.textContent('#label-schema-invalid'), '');
  // `nobody` is not an e-mail address: the label finding `airlock check` gives with the same
  // schema in airlock.toml.
  const schema = JSON.parse(await check(dockerfile, { config: '[rules.label-schema]\nmaintainer = "email"\n' }));
  assert.ok(schema.some((f) => f.line === 2), 'the schema is checked on line 2');
  await page.waitForFunction(
    (n) => document.querySelector('#finding-count').dataset.count === String(n),
    schema.length,
  );
  assert.deepEqual(await exportedJson(), schema);
  await page.check('#strict-labels');
  await page.click('#reset-rules');
  await page.waitForFunction(() => document.querySelector('#label-schema').value === '');
  assert.equal(await page.isChecked('#strict-labels'), false);
  await page.waitForFunction(
    (n) => document.querySelector('#finding-count').dataset.count === String(n),
    before.length,
  );
  await settings(false);
});

test('identical findings are one row with a count, as in the CLI; it opens on its lines, each selectable', async () => {
  const stages = ['a', 'b', 'c', 'd', 'e'].map((n, i) => `FROM alpine:3.20 as ${n}\nRUN echo ${i}\n`).join('');
  const dockerfile = stages + 'USER 65532\n';
  const expected = JSON.parse(await check(dockerfile));
  const cliRows = textRows(await check(dockerfile, { format: 'text' }));
  const repeated = cliRows.filter((r) => r.count > 1);
  assert.ok(repeated.length > 0, 'the CLI groups something here');
  await paste(dockerfile, expected.length);
  assert.deepEqual(strip(await paneRows()), strip(cliRows));

  // `as` after `FROM` on five lines: one row of five, each line with its own quick fix.
  const group = repeated.find((r) => r.code === 'AL202');
  assert.deepEqual(group?.lines, [1, 3, 5, 7, 9]);
  const row = `li.finding.repeated[data-code="${group.code}"][data-line="${group.line}"]`;
  assert.equal(await page.getAttribute(row, 'data-count'), String(group.count));
  assert.match(await page.textContent(`${row} .repeat-count`), new RegExp(`×${group.count}`));
  assert.equal(
    await page.textContent(`${row} .visually-hidden`),
    ` (${group.count} times, lines ${group.lines.join(', ')})`,
  );
  const toggle = `${row} > .repeat-toggle`;
  assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'false');
  assert.equal(await page.$$eval(`${row} .repeat-lines li.finding`, (els) => els.length), 0);

  // Keyboard: focus the row, Enter opens it on one row per line.
  await page.focus(toggle);
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.querySelector(t).getAttribute('aria-expanded') === 'true', toggle);
  const list = await page.getAttribute(toggle, 'aria-controls');
  assert.equal(await page.isVisible(`#${list}`), true);
  const lines = await page.$$eval(`#${list} li.finding`, (els) => els.map((e) => Number(e.dataset.line)));
  assert.deepEqual(lines, group.lines);

  // Tab goes on from the row (past its Docs button) to its first line's row.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(
    await page.evaluate(() => document.activeElement.closest('li.finding')?.dataset.line),
    String(group.lines[0]),
  );
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('finding-main')), true);
  // Enter on a line's row selects that line in the editor.
  const last = group.lines.at(-1);
  await page.focus(`#${list} li.finding[data-line="${last}"] .finding-main`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'editor');
  const selectedLine = await page.evaluate(() => {
    const area = document.querySelector('#editor');
    return area.value.slice(0, area.selectionStart).split('\n').length;
  });
  assert.equal(selectedLine, last);

  // A line's own quick fix changes that line only, and the row counts one less (still open).
  await page.click(`#${list} li.finding[data-line="${last}"] .quick-fix`);
  await page.waitForFunction((r) => document.querySelector(r)?.dataset.count === '4', row);
  assert.match(await page.inputValue('#editor'), /FROM alpine:3\.20 AS e\n/);
  assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'true');
  assert.deepEqual(
    await page.$$eval(`#${list} li.finding`, (els) => els.map((e) => Number(e.dataset.line))),
    [1, 3, 5, 7],
  );

  // Enter again closes it.
  await page.focus(toggle);
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.querySelector(t).getAttribute('aria-expanded') === 'false', toggle);
  assert.equal(await page.isVisible(`#${list}`), false);
});
