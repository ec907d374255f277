// Opens a served playground in Debian's headless Chromium and waits until the built-in example is
// analysed and its graph drawn; prints what it saw. Used by scripts/fresh-check.sh to prove that
// `scripts/serve.sh` serves a working page, not just a 200.
// Usage: node tests/browser/probe-page.mjs URL   (exit 0 when the example's graph is drawn)
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './harness.mjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.argv[2];
if (!url) {
  console.error('usage: node tests/browser/probe-page.mjs URL');
  process.exit(2);
}
const userDataDir = await mkdtemp(join(tmpdir(), 'airlock-probe-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
});
let status = 1;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
  await page.waitForSelector('#graph .node.stage', { timeout: 60_000 });
  const stages = await page.locator('#graph .node.stage').count();
  const lines = (await page.inputValue('#editor')).split('\n').length;
  if (problems.length > 0) throw new Error(`page errors: ${problems.join('; ')}`);
  console.log(`page ok: the example (${lines} lines) is loaded and its graph draws ${stages} stages`);
  status = 0;
} catch (error) {
  console.error(`page probe failed: ${error.message}`);
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}
process.exit(status);
