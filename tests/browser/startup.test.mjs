// Time from navigation to the first analysis on screen, in headless Chromium: an init script
// watches the DOM from the first byte and notes `performance.now()` (milliseconds since the
// navigation started) when the example's instructions are listed and its stage graph is drawn,
// and again at the next frame. One cold load (a fresh browser profile: the wasm is compiled for
// the first time) and five warm ones. Figures are printed and written to
// target/startup.json, never asserted: timings belong to a report, not to a test that passes
// or fails with the machine's load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, root } from './harness.mjs';

let browser;

before(async () => {
  browser = await launch();
  await browser.context.addInitScript(() => {
    const seen = () =>
      document.querySelector('#instructions li') && document.querySelector('#panel-graph svg g[role="button"]');
    const done = () => {
      if (window.__firstAnalysis || !seen()) return false;
      const at = performance.now();
      window.__firstAnalysis = { drawn: at };
      requestAnimationFrame(() => {
        window.__firstAnalysis.frame = performance.now();
      });
      return true;
    };
    new MutationObserver((_, observer) => {
      if (done()) observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
});

after(async () => {
  await browser?.close();
});

async function load() {
  const page = await browser.context.newPage();
  await page.goto(browser.origin + '/?example=go-distroless', { waitUntil: 'load' });
  await page.waitForFunction(() => window.__firstAnalysis?.frame, null, { timeout: 60_000 });
  const figures = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance
      .getEntriesByType('resource')
      .find((r) => r.name.endsWith('.wasm'));
    return {
      drawn: window.__firstAnalysis.drawn,
      frame: window.__firstAnalysis.frame,
      domContentLoaded: nav.domContentLoadedEventEnd,
      wasmFetched: wasm ? wasm.responseEnd : null,
    };
  });
  await page.close();
  return figures;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 10) / 10;

test('time from navigation to the first analysis on screen (figures only)', { timeout: 300_000 }, async () => {
  const cold = await load();
  const warm = [];
  for (let i = 0; i < 5; i++) warm.push(await load());
  for (const f of [cold, ...warm]) {
    assert.ok(f.drawn > 0 && f.frame >= f.drawn, JSON.stringify(f));
  }
  const report = {
    cold: Object.fromEntries(Object.entries(cold).map(([k, v]) => [k, v === null ? null : round(v)])),
    warmMedian: Object.fromEntries(
      Object.keys(cold).map((k) => [k, warm[0][k] === null ? null : round(median(warm.map((w) => w[k])))]),
    ),
  };
  const dir = join(root, 'target');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'startup.json'), JSON.stringify(report, null, 2) + '\n');
  console.log('navigation -> first analysis drawn (ms): cold %s (next frame %s), warm median %s (next frame %s)',
    report.cold.drawn, report.cold.frame, report.warmMedian.drawn, report.warmMedian.frame);
  console.log('  wasm fetched at: cold %s, warm %s; DOMContentLoaded: cold %s, warm %s',
    report.cold.wasmFetched, report.warmMedian.wasmFetched, report.cold.domContentLoaded, report.warmMedian.domContentLoaded);
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
});
