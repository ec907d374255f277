// The stage graph at 40 stages (tests/fixtures/graph/forty-stages.Dockerfile) in Debian's headless
// Chromium: fitted on load, on a change of target and on "Fit" / `0`; a minimap above 15 stages
// that moves the view; a selected stage lights exactly its edges (read from the fixture's text,
// not from airlock) and dims the rest; keyboard, wheel and drag navigation; an embed 480 px wide
// fits too. Saves the README's graph-40-after.png and graph-40-selected.png (into
// docs/screenshots/ only under AIRLOCK_README_SHOTS=1). Waits on conditions, never on time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, root, readmeShots as shots } from './harness.mjs';

const fixture = join(root, 'tests/fixtures/graph/forty-stages.Dockerfile');

let browser;
let page;
let text;

/** The fixture's stage-to-stage edges as `stage-A>stage-B`, read from its FROM and COPY lines. */
function fixtureEdges(source) {
  const names = [];
  const edges = new Set();
  for (const line of source.split('\n')) {
    const from = line.match(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i);
    if (from) {
      const base = names.indexOf(from[1]);
      if (base >= 0) edges.add(`stage-${base}>stage-${names.length}`);
      names.push(from[2] ?? String(names.length));
      continue;
    }
    const copy = line.match(/^COPY\s+--from=(\S+)/i);
    if (copy) edges.add(`stage-${names.indexOf(copy[1])}>stage-${names.length - 1}`);
  }
  return { names, edges: [...edges] };
}

async function setText(p, value) {
  await p.fill('#editor', value);
  await p.waitForFunction(() => document.querySelectorAll('#graph .node.stage').length === 40, null, {
    timeout: 30_000,
  });
}

/** How many node boxes lie outside the graph box's visible area (1 px of rounding allowed). */
const outside = (p) =>
  p.evaluate(() => {
    const box = document.querySelector('#graph-scroll');
    const r = box.getBoundingClientRect();
    const [left, top] = [r.left + box.clientLeft, r.top + box.clientTop];
    const [right, bottom] = [left + box.clientWidth, top + box.clientHeight];
    return [...document.querySelectorAll('#graph .node .box')].filter((el) => {
      const b = el.getBoundingClientRect();
      return b.left < left - 1 || b.top < top - 1 || b.right > right + 1 || b.bottom > bottom + 1;
    }).length;
  });

/** The current zoom, in percent, as the reset button shows it. */
const zoomLabel = () => page.textContent('#zoom-reset').then((t) => Number(t.replace('%', '')));

/** Waits until the fitted view is on screen. */
const waitFitted = (p) =>
  p.waitForFunction(() => document.querySelector('#zoom-fit')?.getAttribute('aria-pressed') === 'true');

async function settings(open) {
  if ((await page.getAttribute('#settings-button', 'aria-expanded')) !== String(open)) {
    await page.click('#settings-button');
  }
  await page.waitForSelector('#settings-panel', { state: open ? 'visible' : 'hidden' });
}

before(async () => {
  await mkdir(shots, { recursive: true });
  text = await readFile(fixture, 'utf8');
  browser = await launch();
  page = browser.page;
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#graph .node.stage', { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
});

test('the fixture has 40 stages and the edges the tests expect', () => {
  const { names, edges } = fixtureEdges(text);
  assert.equal(names.length, 40);
  assert.ok(edges.length > 40, `${edges.length} edges`);
});

test('a small graph has no minimap; 40 stages are fitted on load, all in view', async () => {
  // Three stages, zoomed in until they scroll: no minimap.
  for (let i = 0; i < 4; i++) await page.click('#zoom-in');
  await page.waitForFunction(() => {
    const el = document.querySelector('#graph-scroll');
    return el.scrollWidth > el.clientWidth;
  });
  assert.equal(await page.$('#graph-minimap'), null, 'three stages: no minimap');
  // A new file is fitted even after zooming.
  await setText(page, text);
  await waitFitted(page);
  await page.waitForFunction(() => Number(document.querySelector('#zoom-reset').textContent.replace('%', '')) < 100);
  assert.equal(await outside(page), 0, 'every stage is inside the graph box');
  // Fitted: nothing to scroll.
  const scrolls = await page.$eval('#graph-scroll', (el) => [el.scrollWidth - el.clientWidth, el.scrollHeight - el.clientHeight]);
  assert.ok(scrolls[0] <= 1 && scrolls[1] <= 1, `scrolls by ${scrolls}`);
  // The whole drawing is in view: no minimap yet (it comes when part of the drawing is not).
  assert.equal(await page.$('#graph-minimap'), null);
  await page.locator('.graph-panel').screenshot({ path: join(shots, 'graph-40-after.png') });
});

test('40 stages zoomed in have a minimap that shows the view and moves it when pressed', async () => {
  await page.click('#zoom-reset');
  await page.waitForFunction(() => document.querySelector('#zoom-reset').textContent === '100%');
  await page.$eval('#graph-scroll', (el) => el.scrollTo(0, 0));
  await page.waitForSelector('#graph-minimap');
  await page.waitForFunction(() => Number(document.querySelector('#minimap-view').getAttribute('x')) === 0);
  const view = await page.$eval('#minimap-view', (el) => [el.getAttribute('width'), el.getAttribute('height')].map(Number));
  const drawing = await page.$eval('#graph', (el) => ({ width: el.viewBox.baseVal.width }));
  assert.ok(view[0] > 0 && view[0] < drawing.width, `the view is part of the drawing: ${view}`);
  const mini = await page.$eval('#graph-minimap', (el) => {
    const r = el.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height];
  });
  // Press near the minimap's bottom right corner: the view moves there.
  await page.mouse.click(mini[0] + mini[2] * 0.9, mini[1] + mini[3] * 0.9);
  await page.waitForFunction(() => document.querySelector('#graph-scroll').scrollLeft > 0);
  const scroll = await page.$eval('#graph-scroll', (el) => [el.scrollLeft, el.scrollTop]);
  assert.ok(scroll[0] > 0 && scroll[1] > 0, `scrolled to ${scroll}`);
  await page.waitForFunction(() => Number(document.querySelector('#minimap-view').getAttribute('x')) > 0);
});

test('keyboard: arrows pan, + and - zoom, 0 fits', async () => {
  await page.$eval('#graph-scroll', (el) => el.scrollTo(0, 0));
  await page.focus('#graph-scroll');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => {
    const el = document.querySelector('#graph-scroll');
    return el.scrollLeft > 0 && el.scrollTop > 0;
  });
  const before = await zoomLabel();
  await page.keyboard.press('+');
  await page.waitForFunction((z) => Number(document.querySelector('#zoom-reset').textContent.replace('%', '')) > z, before);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await page.waitForFunction((z) => Number(document.querySelector('#zoom-reset').textContent.replace('%', '')) < z, before);
  assert.equal(await page.getAttribute('#zoom-fit', 'aria-pressed'), 'false');
  await page.keyboard.press('0');
  await waitFitted(page);
  await page.waitForFunction(() => {
    const el = document.querySelector('#graph-scroll');
    return el.scrollWidth <= el.clientWidth + 1;
  });
  assert.equal(await outside(page), 0);
});

test('ctrl + wheel zooms around the pointer; dragging the background pans', async () => {
  await page.click('#zoom-reset');
  await page.waitForFunction(() => document.querySelector('#zoom-reset').textContent === '100%');
  const r = await page.$eval('#graph-scroll', (el) => {
    el.scrollTo(200, 100);
    const b = el.getBoundingClientRect();
    return [b.left, b.top];
  });
  const at = [r[0] + 300, r[1] + 150];
  // The drawing's point under the pointer, in drawing units.
  const under = () =>
    page.$eval(
      '#graph-scroll',
      (el, [x, y]) => {
        const g = document.querySelector('#graph').getBoundingClientRect();
        const z = g.width / document.querySelector('#graph').viewBox.baseVal.width;
        return [(x - g.left) / z, (y - g.top) / z];
      },
      at,
    );
  const point = await under();
  await page.mouse.move(at[0], at[1]);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await page.waitForFunction(() => Number(document.querySelector('#zoom-reset').textContent.replace('%', '')) > 100);
  const after = await under();
  assert.ok(Math.abs(after[0] - point[0]) < 2 && Math.abs(after[1] - point[1]) < 2, `${point} -> ${after}`);

  // Drag from the drawing's margin (no box there), left and up: the view moves right and down.
  await page.$eval('#graph-scroll', (el) => el.scrollTo(0, 0));
  const start = await page.$eval('#graph', (el) => {
    const b = el.getBoundingClientRect();
    return [b.left + 6, b.top + 6];
  });
  await page.mouse.move(start[0] + 150, start[1] + 100);
  await page.mouse.down();
  await page.mouse.move(start[0] + 50, start[1] + 40, { steps: 4 });
  await page.mouse.up();
  const scroll = await page.$eval('#graph-scroll', (el) => [el.scrollLeft, el.scrollTop]);
  assert.ok(Math.abs(scroll[0] - 100) <= 2 && Math.abs(scroll[1] - 60) <= 2, `scrolled to ${scroll}`);
});

test('a selected stage lights exactly its edges and their ends, dims the rest; Escape clears', async () => {
  await page.click('#zoom-fit');
  await waitFitted(page);
  const { edges } = fixtureEdges(text);
  for (const stage of [9, 13]) {
    await page.focus(`#stage-${stage}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => document.querySelector(`#stage-${s}`).classList.contains('selected'), stage);
    const expected = edges.filter((e) => e.split('>').includes(`stage-${stage}`)).sort();
    // Dimmed: drawn at less than half opacity (the edge, or the stage's body; a stage the target
    // does not need is at 0.7 anyway).
    const drawn = await page.$$eval('#graph .edge', (els) =>
      els.map((el) => [`${el.dataset.from}>${el.dataset.to}`, el.classList.contains('lit'), getComputedStyle(el).opacity < 0.5]),
    );
    const lit = [...new Set(drawn.filter(([, on]) => on).map(([e]) => e))].sort();
    assert.deepEqual(lit, expected, `stage ${stage}`);
    assert.ok(drawn.every(([, on, dim]) => on !== dim), 'every other edge is dimmed');
    const ends = new Set(expected.flatMap((e) => e.split('>')));
    const nodes = await page.$$eval('#graph .node', (els) =>
      els.map((el) => [el.id, el.classList.contains('lit'), getComputedStyle(el.querySelector('.body')).opacity < 0.5]),
    );
    for (const [id, on, dim] of nodes) {
      assert.equal(on, ends.has(id) || id === `stage-${stage}`, id);
      assert.equal(dim, !on, id);
    }
    assert.equal(await page.textContent('#graph-details h3'), `Stage s${String(stage).padStart(2, '0')}`);
  }
  await page.locator('.graph-panel').screenshot({ path: join(shots, 'graph-40-selected.png') });
  // An edge lights its two ends.
  const edge = await page.$eval('#graph .edge[data-from="stage-8"][data-to="stage-9"]', (el) => el.id);
  await page.focus(`#${edge}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector(`#${id}`).classList.contains('selected'), edge);
  const lit = await page.$$eval('#graph .node.lit', (els) => els.map((el) => el.id).sort());
  assert.deepEqual(lit, ['stage-8', 'stage-9']);
  // Selecting shows the source in the editor (focused); back in the graph, Escape clears it.
  await page.focus('#graph-scroll');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#graph.dimmed, #graph .lit, #graph .selected'));
  const dimmed = await page.$$eval('#graph .edge, #graph .node .body', (els) => els.filter((el) => getComputedStyle(el).opacity < 0.5).length);
  assert.equal(dimmed, 0);
});

test('a new target is fitted in view and the details box names it', async () => {
  // Zoomed in on the top left corner: the target (the last stage, far right) is out of view.
  await page.click('#zoom-reset');
  await page.$eval('#graph-scroll', (el) => el.scrollTo(0, 0));
  await page.focus('#stage-0');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#graph-details h3')?.textContent === 'Stage s00');
  await settings(true);
  for (const name of ['s30', 's05']) {
    await page.selectOption('#target', name);
    const index = Number(name.slice(1));
    await page.waitForFunction((i) => document.querySelector(`#stage-${i}`).classList.contains('target'), index);
    await page.waitForFunction((n) => document.querySelector('#graph-details h3')?.textContent === `Stage ${n}`, name);
    await waitFitted(page);
    const inView = await page.evaluate((i) => {
      const box = document.querySelector('#graph-scroll').getBoundingClientRect();
      const b = document.querySelector(`#stage-${i} .box`).getBoundingClientRect();
      return b.left >= box.left && b.right <= box.right && b.top >= box.top && b.bottom <= box.bottom;
    }, index);
    assert.ok(inView, `${name} is in view`);
    assert.equal(await outside(page), 0);
  }
  await page.selectOption('#target', '');
  await settings(false);
});

test('a fitted view stays fitted when the window narrows and widens', async () => {
  await page.click('#zoom-fit');
  await waitFitted(page);
  const wide = await zoomLabel();
  await page.setViewportSize({ width: 900, height: 860 });
  await page.waitForFunction((z) => Number(document.querySelector('#zoom-reset').textContent.replace('%', '')) < z, wide);
  assert.equal(await outside(page), 0);
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.waitForFunction((z) => document.querySelector('#zoom-reset').textContent === `${z}%`, wide);
  assert.equal(await outside(page), 0);
});

test('an embed 480 px wide fits the 40 stages too', async () => {
  const embed = await browser.context.newPage();
  await embed.setViewportSize({ width: 480, height: 900 });
  await embed.goto(browser.origin + '/?embed&pane=graph', { waitUntil: 'load' });
  await embed.waitForSelector('#graph .node.stage', { timeout: 30_000 });
  await setText(embed, text);
  await waitFitted(embed);
  await embed.waitForFunction(() => {
    const el = document.querySelector('#graph-scroll');
    return el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1;
  });
  assert.equal(await outside(embed), 0, 'every stage is inside the graph box');
  const target = await embed.$eval('#graph .node.target', (el) => el.id);
  assert.equal(target, 'stage-39');
  await embed.close();
});

test('nothing left 127.0.0.1, no dialog opened and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.dialogs, []);
  assert.deepEqual(browser.consoleErrors, []);
});
