// Drives the stage graph pane of the built playground in Debian's headless Chromium: the example's
// stages, roles and artifact edge; target selector and build args; live updates while typing;
// selection between graph and editor both ways; exports (the Mermaid one checked by Mermaid's own
// parser); 1 and 40 stages, light and dark, wide and 375 px wide, as screenshots.
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
  await page.waitForSelector('#graph .node.stage', { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
});

/** Replaces the editor's text as a paste would (one input event). */
async function setText(text) {
  await page.fill('#editor', text);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t, text);
}

/** Each drawn stage as [title, role, classes]. */
const stages = () =>
  page.$$eval('#graph .node.stage', (els) =>
    els.map((el) => [el.querySelector('.title').textContent, el.dataset.role, el.getAttribute('class')]),
  );

/** Waits until `selector` has the class `cls`. */
const waitForClass = (selector, cls) =>
  page.waitForFunction(
    ([s, c]) => document.querySelector(s)?.classList.contains(c) ?? false,
    [selector, cls],
  );

/** Chooses `selector` in the header's Export menu and returns the download it starts:
 * [suggested name, content]. */
async function download(selector) {
  await page.click('#export-button');
  await page.waitForSelector('#export-menu:not([hidden])');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await dl.path();
  return [dl.suggestedFilename(), await readFile(path, 'utf8')];
}

/** A Dockerfile of `n` stages, each copying from one or two earlier ones. */
function manyStages(n) {
  let text = 'FROM golang:1.23 AS s0\nRUN go build -o /out/app0 ./...\n';
  for (let i = 1; i < n; i++) {
    text += `FROM alpine:3.20 AS s${i}\nCOPY --from=s${Math.floor(i / 2)} /out/app${Math.floor(i / 2)} /out/app${i}\n`;
    if (i % 3 === 0) text += `COPY --from=s${Math.floor(i / 3)} /etc/config-${i}.yaml /etc/\n`;
  }
  return text;
}

test('the example shows three stages with their roles, the target and the labelled COPY edge', async () => {
  const drawn = await stages();
  assert.deepEqual(
    drawn.map(([title, role]) => [title, role]).sort(),
    [['builder', 'builder'], ['prod', 'prod'], ['test', 'test']],
  );
  const prod = drawn.find(([title]) => title === 'prod');
  assert.match(prod[2], /\btarget\b/);
  // `test` is not needed by the target: dimmed and marked.
  assert.match(drawn.find(([title]) => title === 'test')[2], /\bskipped\b/);
  assert.equal(await page.textContent('#stage-2 .marker'), '◎ target');

  const copy = page.locator('#graph .edge.copy');
  assert.equal(await copy.count(), 1);
  assert.equal(await copy.locator('.edge-label').textContent(), '/out/server');
  assert.equal(await copy.locator('title').textContent(), '/out/server → /usr/local/bin/server');
  assert.equal(
    await copy.getAttribute('aria-label'),
    'COPY from builder to prod: /out/server → /usr/local/bin/server',
  );
  assert.equal(await page.locator('#graph .edge.from').count(), 1, 'FROM builder AS test');
  assert.ok(await page.locator('.legend li').count() >= 8);
  assert.equal(await page.locator('#graph-problems li').count(), 0);
});

test('keyboard focus on an edge shows all its artifacts in the details box', async () => {
  await page.focus('#graph .edge.copy');
  await page.waitForFunction(() => document.querySelector('#graph-details h3')?.textContent === 'COPY builder → prod');
  const details = await page.textContent('#graph-details');
  assert.match(details, /\/out\/server → \/usr\/local\/bin\/server \(line 24\)/);
  assert.match(details, /--chmod\s*0555/);

  await page.focus('#stage-0');
  await page.waitForFunction(() => document.querySelector('#graph-details h3')?.textContent === 'Stage builder');
  const evidence = await page.$$eval('#graph-details li', (els) => els.map((el) => el.textContent));
  assert.ok(evidence.some((row) => row.includes('carries the Go toolchain')), evidence.join('\n'));
  assert.ok(evidence.some((row) => row.startsWith('COPY prod: /out/server')), evidence.join('\n'));
});

/** Opens or closes the header's Settings panel (target and build args are there). */
async function settings(open) {
  if ((await page.getAttribute('#settings-button', 'aria-expanded')) !== String(open)) {
    await page.click('#settings-button');
  }
  await page.waitForSelector('#settings-panel', { state: open ? 'visible' : 'hidden' });
}

test('the target selector moves the highlight and dims what the target does not need', async () => {
  await settings(true);
  await page.selectOption('#target', 'builder');
  await waitForClass('#stage-0', 'target');
  assert.match(await page.getAttribute('#stage-2', 'class'), /\bskipped\b/);
  assert.match(await page.getAttribute('#stage-1', 'class'), /\bskipped\b/);
  assert.doesNotMatch(await page.getAttribute('#stage-2', 'class'), /\btarget\b/);

  await page.selectOption('#target', 'test');
  await waitForClass('#stage-1', 'target');
  assert.doesNotMatch(await page.getAttribute('#stage-0', 'class'), /\bskipped\b/);

  await page.selectOption('#target', '');
  await waitForClass('#stage-2', 'target');
  assert.match(await page.getAttribute('#stage-1', 'class'), /\bskipped\b/);
});

test('a build arg changes the base shown, and a bad line is pointed out', async () => {
  assert.equal(await page.textContent('#stage-0 .base'), 'golang:1.23-bookworm');
  await page.fill('#build-args', 'GO_VERSION=1.22');
  await page.waitForFunction(() => document.querySelector('#stage-0 .base')?.textContent === 'golang:1.22-bookworm');

  await page.fill('#build-args', 'GO_VERSION=1.22\nNOT A PAIR');
  await page.waitForFunction(() => document.querySelector('#build-args-invalid').textContent.includes('line 2'));
  await page.fill('#build-args', '');
  await page.waitForFunction(() => document.querySelector('#stage-0 .base')?.textContent === 'golang:1.23-bookworm');
  await settings(false);
});

test('typing a new FROM ... AS adds a node, and graph problems show with their position', async () => {
  await page.click('#editor');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nFROM alpine:$NOPE AS extra\nCOPY --from=prod /usr/local/bin/server /server\n');
  await page.waitForFunction(() => document.querySelectorAll('#graph .node.stage').length === 4);
  assert.equal(await page.textContent('#stage-3 .title'), 'extra');
  await page.waitForSelector('#graph .edge.copy >> nth=1');
  const problems = await page.$$eval('#graph-problems li', (els) => els.map((el) => el.textContent));
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /^30:13\s*variable `NOPE` is not defined/);
  await setText(exampleText);
  await page.waitForFunction(() => document.querySelectorAll('#graph .node.stage').length === 3);
});

test('clicking a node or an edge selects its source lines in the editor', async () => {
  const fromLine = 'FROM gcr.io/distroless/static-debian12:nonroot AS prod';
  await page.click('#stage-2');
  await waitForClass('#stage-2', 'selected');
  await page.waitForFunction(() => document.activeElement?.id === 'editor');
  const selection = () =>
    page.$eval('#editor', (el) => [el.selectionStart, el.selectionEnd, el.value.slice(el.selectionStart, el.selectionEnd)]);
  const start = exampleText.indexOf(fromLine);
  assert.deepEqual(await selection(), [start, start + fromLine.length, fromLine]);

  // By keyboard: focus the COPY edge and press Enter.
  await page.focus('#graph .edge.copy');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'editor');
  const copyLine = 'COPY --from=builder --chmod=0555 /out/server /usr/local/bin/server';
  const copyStart = exampleText.indexOf(copyLine);
  assert.deepEqual(await selection(), [copyStart, copyStart + copyLine.length, copyLine]);
  await waitForClass('#graph .edge.copy', 'selected');
  await page.screenshot({ path: join(screenshotDir, 'airlock-graph-edge-selected.png') });
});

test('moving the caret into a stage highlights that stage', async () => {
  const inTest = exampleText.indexOf('go test');
  await page.click('#editor');
  await page.$eval('#editor', (el, at) => el.setSelectionRange(at, at), inTest);
  await page.keyboard.press('ArrowRight');
  await waitForClass('#stage-1', 'current');
  assert.doesNotMatch(await page.getAttribute('#stage-2', 'class'), /\bcurrent\b/);
  // Leaving the selected edge's line ends that selection.
  assert.doesNotMatch(await page.getAttribute('#graph .edge.copy', 'class'), /\bselected\b/);

  await page.keyboard.press('Control+Home');
  await page.waitForFunction(() => !document.querySelector('#graph .node.current'));
  await page.keyboard.press('Control+End');
  await waitForClass('#stage-2', 'current');
});

test('every edge kind is drawn, external images as pills that select where they are used', async () => {
  const text = [
    'FROM golang:1.23 AS build',
    'RUN --mount=type=bind,from=nginx:1.27,source=/etc/nginx,target=/n go build -o /out/app .',
    'FROM build AS debug',
    'FROM gcr.io/distroless/static-debian12:nonroot',
    'COPY --from=build /out/app /app',
    'COPY --from=busybox:1.36 /bin/sh /bin/sh',
    '',
  ].join('\n');
  await setText(text);
  await page.waitForFunction(() => document.querySelectorAll('#graph .node.image').length === 2);
  assert.equal(await page.locator('#graph .edge.mount').count(), 1);
  assert.equal(await page.locator('#graph .edge.from').count(), 1);
  assert.equal(await page.locator('#graph .edge.copy').count(), 2);
  assert.equal(await page.locator('#graph .node.image .box.pill').count(), 2);

  const busybox = page.locator('#graph .node.image', { hasText: 'busybox:1.36' });
  assert.match(await busybox.getAttribute('aria-label'), /^External image busybox:1\.36, \w+$/);
  await busybox.click();
  await page.waitForFunction(() => document.activeElement?.id === 'editor');
  const line = 'COPY --from=busybox:1.36 /bin/sh /bin/sh';
  const selected = await page.$eval('#editor', (el) => el.value.slice(el.selectionStart, el.selectionEnd));
  assert.equal(selected, line);
  await page.screenshot({ path: join(screenshotDir, 'airlock-graph-kinds.png') });
  await setText(exampleText);
  await page.waitForFunction(() => document.querySelectorAll('#graph .node.stage').length === 3);
});

test('a stage named like markup is shown as text', async () => {
  await setText('FROM alpine AS "><img src=x onerror=alert(1)>\nFROM scratch\nCOPY --from=0 /a /b\n');
  await page.waitForFunction(() => document.querySelectorAll('#graph .node.stage').length === 2);
  assert.equal(await page.textContent('#stage-0 .title'), '"><img');
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(browser.dialogs, []);
  await setText(exampleText);
  await page.waitForFunction(() => document.querySelectorAll('#graph .node.stage').length === 3);
});

const exported = {};

test('the Export menu downloads SVG, DOT and Mermaid of the graph', async () => {
  const [svgName, svg] = await download('#export-svg');
  assert.equal(svgName, 'airlock-prod.svg');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.includes('/out/server'));

  const [dotName, dot] = await download('#export-dot');
  assert.equal(dotName, 'airlock-prod.dot');
  assert.match(dot, /^digraph /);

  const [mmdName, mmd] = await download('#export-mmd');
  assert.equal(mmdName, 'airlock-prod.mmd');
  assert.match(mmd, /^flowchart LR\n/);
  exported.example = mmd;
});

test('40 stages stay readable: scrollable, zoomable, no overlapping boxes', async () => {
  await setText(manyStages(40));
  await page.waitForFunction(() => document.querySelectorAll('#graph .node.stage').length === 40);
  const boxes = await page.$$eval('#graph .node .box', (els) =>
    els.map((el) => {
      const b = el.getBBox();
      return [b.x, b.y, b.width, b.height];
    }),
  );
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
      assert.ok(!overlap, `boxes ${i} and ${j} overlap`);
    }
  }
  // Every title fits inside its box.
  const overflow = await page.$$eval('#graph .node.stage', (els) =>
    els.filter((el) => {
      const box = el.querySelector('.box').getBBox();
      const title = el.querySelector('.title').getBBox();
      return title.x + title.width > box.x + box.width;
    }).length,
  );
  assert.equal(overflow, 0);
  // Fitted at first (graph-nav.test.mjs); at 100% the graph scrolls instead of being clipped.
  await page.click('#zoom-reset');
  await page.waitForFunction(() => document.querySelector('#zoom-reset').textContent === '100%');
  const scroll = await page.$eval('#graph-scroll', (el) => [el.scrollHeight > el.clientHeight, el.scrollWidth]);
  assert.ok(scroll[0], 'the graph scrolls instead of being clipped');

  const width = () => page.$eval('#graph', (el) => el.getBoundingClientRect().width);
  const full = await width();
  await page.click('#zoom-out');
  await page.waitForFunction((w) => document.querySelector('#graph').getBoundingClientRect().width < w, full);
  await page.click('#zoom-reset');
  await page.waitForFunction((w) => document.querySelector('#graph').getBoundingClientRect().width === w, full);

  const [, mmd] = await download('#export-mmd');
  exported.forty = mmd;
});

test("the Mermaid exports parse with Mermaid's own parser", async () => {
  assert.ok(exported.example && exported.forty, 'the export tests ran first');
  const blank = await browser.context.newPage();
  await blank.goto(browser.origin + '/__test/blank.html', { waitUntil: 'load' });
  const results = await blank.evaluate(async (texts) => {
    window.mermaid.initialize({ startOnLoad: false });
    const out = [];
    for (const text of texts) {
      try {
        out.push(await window.mermaid.parse(text));
      } catch (err) {
        out.push(String(err?.message ?? err));
      }
    }
    return out;
  }, [exported.example, exported.forty, 'flowchart LR\n  a -->|"unclosed b\n']);
  assert.deepEqual(results[0], { diagramType: 'flowchart-v2', config: {} });
  assert.deepEqual(results[1], { diagramType: 'flowchart-v2', config: {} });
  // The parser does reject broken text, so the two results above mean something.
  assert.equal(typeof results[2], 'string');
  await blank.close();
});

test('screenshots: 1 and 40 stages, light and dark, wide and 375 px', async () => {
  const cases = [
    ['one', 'FROM alpine:3.20\nRUN apk add --no-cache curl\n'],
    ['forty', manyStages(40)],
  ];
  for (const [name, text] of cases) {
    await setText(text);
    await page.waitForFunction((n) => document.querySelectorAll('#graph .node.stage').length === n, name === 'one' ? 1 : 40);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 860 });
        await page.waitForFunction((w) => window.innerWidth === w, width);
        // Nothing makes the page itself scroll sideways: wide content scrolls in its own box.
        const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(pageWidth <= width, `${name} ${scheme} ${width}: page is ${pageWidth} px wide`);
        await page.screenshot({ path: join(screenshotDir, `airlock-graph-${name}-${scheme}-${width}.png`), fullPage: true });
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 860 });
});

test('nothing left 127.0.0.1, no dialog opened and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.dialogs, []);
  assert.deepEqual(browser.consoleErrors, []);
});
