// How long the release wasm takes to lay out the stage graph of a 60-stage file, in headless
// Chromium: the page puts each layout on its performance timeline as the `airlock:layout`
// measure (src/web/state.rs); the text is pasted anew (one input event, one analysis) and the
// measure read back, seven times after three to warm up. The figures are printed and written to
// target/layout-time.json, never asserted: a time depends on the machine's load (the goal, under
// 16 ms for 60 stages, is checked by reading the report).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, root } from './harness.mjs';

/**
 * The generated graph of tests/layout_quality.rs and benches/graph.rs (`generated`, same
 * generator and seed as its 60-stage case): stages copy from one to three earlier ones, mostly
 * recent, sometimes far back; a few build FROM an earlier stage or copy from an image.
 */
function generated(stages, seed) {
  const mask = (1n << 64n) - 1n;
  const step = (s) => (s * 6364136223846793005n + 1442695040888963407n) & mask;
  let state = step(BigInt(seed));
  const next = (n) => {
    state = step(state);
    return Number((state >> 33n) % BigInt(Math.max(n, 1)));
  };
  let out = '';
  for (let s = 0; s < stages; s++) {
    if (s > 2 && next(6) === 0) {
      out += `FROM s${s - 1 - next(Math.min(s, 4))} AS s${s}\n`;
    } else {
      out += `FROM alpine:3.20 AS s${s}\n`;
    }
    if (s === 0) continue;
    const copies = 1 + next(3);
    for (let k = 0; k < copies; k++) {
      const from = next(4) === 0 ? next(s) : s - 1 - next(Math.min(s, 6));
      out += `COPY --from=s${from} /out/${k}/bin${from} /in/\n`;
    }
    if (next(10) === 0) out += `COPY --from=tools${next(3)}:1 /usr/bin/t /t\n`;
  }
  return out;
}

/** Pastes `text` and returns the layout's time in ms, once the graph shows `stages` stages. */
async function layoutTime(page, text, stages) {
  await page.evaluate(() => performance.clearMeasures('airlock:layout'));
  await page.fill('#editor', text);
  await page.waitForFunction(
    (n) => document.querySelectorAll('#graph .node.stage').length === n,
    stages,
    { timeout: 30_000 },
  );
  return page.evaluate(() => {
    const m = performance.getEntriesByName('airlock:layout', 'measure');
    return m.length ? m[m.length - 1].duration : null;
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 100) / 100;

test('layout time of 60 stages in the release wasm (figures only)', { timeout: 300_000 }, async (ctx) => {
  const browser = await launch();
  ctx.after(() => browser.close());
  const page = browser.page;
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('#graph .node.stage', { timeout: 30_000 });
  const cases = [
    ['generated-60', generated(60, 3), 60],
  ];
  const report = {};
  for (const [name, text, stages] of cases) {
    const times = [];
    // Three pastes to warm the engine's JIT up, then seven measured.
    for (let i = 0; i < 10; i++) {
      // A different comment each time, so that every paste is an edit.
      const t = await layoutTime(page, `${text}\n# run ${i}\n`, stages);
      assert.ok(typeof t === 'number' && t >= 0, `no airlock:layout measure for ${name}`);
      if (i >= 3) times.push(t);
    }
    report[name] = { medianMs: round(median(times)), minMs: round(Math.min(...times)), runsMs: times.map(round) };
    console.log('layout of %s in the release wasm: median %s ms (min %s; runs %s)', name,
      report[name].medianMs, report[name].minMs, report[name].runsMs.join(', '));
  }
  const dir = join(root, 'target');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'layout-time.json'), JSON.stringify(report, null, 2) + '\n');
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
});
