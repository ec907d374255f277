// The archive a documentation team hosts (scripts/package-dist.sh): packed from the built dist/,
// unpacked into a sub-path of a plain static server (no rewriting, no special routes), it serves
// a working playground, the embedding demo and the one-file offline page, with nothing fetched
// from elsewhere. Run by scripts/test.sh after the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, root } from './harness.mjs';

let work;
let site;
let files;
let browser;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'airlock-package-'));
  const archive = execFileSync(join(root, 'scripts/package-dist.sh'), ['--no-build', '--out', join(work, 'out')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop();
  assert.match(archive, /airlock-playground-[^/]+\.tar\.gz$/);
  site = join(work, 'site');
  const into = join(site, 'docs', 'tools', 'airlock');
  await mkdir(into, { recursive: true });
  execFileSync('tar', ['-xzf', archive, '-C', into]);
  files = (await readdir(into)).sort();
  browser = await launch({ site, prefix: '/docs/tools/airlock' });
});

after(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

test('the archive holds the page, its wasm, the embedding demo and the offline page, at its root', () => {
  for (const name of ['index.html', 'embed-demo.html', 'embed-demo.js', 'airlock-offline.html']) {
    assert.ok(files.includes(name), `${name} in ${files.join(', ')}`);
  }
  assert.ok(files.some((f) => f.endsWith('.wasm')), files.join(', '));
  assert.ok(files.some((f) => f.endsWith('.js') && f.startsWith('airlock-web')), files.join(', '));
});

test('unpacked under /docs/tools/airlock/, the playground analyses and draws its example', async () => {
  const { page } = browser;
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(browser.base + '/', { waitUntil: 'load' });
  await page.waitForSelector('#instructions li', { timeout: 30_000 });
  await page.waitForSelector('svg .stage');
  assert.ok((await page.$$('svg .stage')).length >= 2, 'the example graph has its stages');
  await page.fill('#editor', 'FROM alpine:3.20\nFORM x\n');
  await page.waitForFunction(() => document.querySelector('#error-count')?.dataset.count === '1');
  for (const path of requests) assert.ok(path.startsWith('/docs/tools/airlock/'), path);
  page.removeAllListeners('request');
});

test('the embedding demo there shows both playgrounds and sizes their frames', async () => {
  const { page } = browser;
  await page.goto(browser.base + '/embed-demo.html', { waitUntil: 'load' });
  for (const id of ['graph', 'findings']) {
    await page.waitForFunction((i) => document.querySelector(`#airlock-${i}`)?.dataset.reportedHeight, id, {
      timeout: 30_000,
    });
    const frame = page.frames().find((f) => /[?&]embed\b/.test(f.url()) && f.url().endsWith(`id=${id}`));
    assert.ok(frame, `the ${id} frame loaded`);
    await frame.waitForSelector('#app.embed #editor');
  }
});

test('the offline page opens from the archive and analyses its example', async () => {
  const { page } = browser;
  await page.goto(browser.base + '/airlock-offline.html', { waitUntil: 'load' });
  await page.waitForSelector('#instructions li', { timeout: 30_000 });
  await page.waitForSelector('svg .stage');
});

test('nothing left 127.0.0.1 and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
  assert.deepEqual(browser.dialogs, []);
});
