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
import { root } from './harness.mjs';
import { generatedStages, median, playground } from './generated.mjs';

/** The generated graph of tests/layout_quality.rs and benches/graph.rs (its 60-stage case). */
const generated = (stages, seed) => generatedStages(stages, seed).map((l) => l + '\n').join('');

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

const round = (x) => Math.round(x * 100) / 100;

test('layout time of 60 stages in the release wasm (figures only)', { timeout: 300_000 }, async (ctx) => {
  const browser = await playground(ctx);
  const page = browser.page;
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
