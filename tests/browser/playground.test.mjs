// Drives the built playground (dist/, from `trunk build --release`) in Debian's headless Chromium:
// the example loads, and typing a Dockerfile with a syntax error updates the instruction list and
// the positioned error. Run by scripts/test.sh; needs /usr/bin/chromium (scripts/setup.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const dist = join(root, 'dist');
const example = join(root, 'static/examples/go-distroless.Dockerfile');
const screenshotDir = process.env.AIRLOCK_SCREENSHOT_DIR ?? tmpdir();
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Quiet on a closed network, and able to run as root (see ../shared/TOOLCHAIN.md).
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** A static file server for dist/ on 127.0.0.1, on a port the OS picks. */
async function serveDist() {
  await stat(join(dist, 'index.html')).catch(() => {
    throw new Error(`no ${dist}/index.html: run \`trunk build --release\` first (scripts/test.sh does)`);
  });
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const file = resolve(dist, '.' + (path.endsWith('/') ? path + 'index.html' : path));
    if (file !== dist && !file.startsWith(dist + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  return server;
}

let server;
let context;
let userDataDir;
let page;
const origin = () => `http://127.0.0.1:${server.address().port}`;
const offsite = []; // requests that tried to leave 127.0.0.1
const consoleErrors = [];

before(async () => {
  server = await serveDist();
  userDataDir = await mkdtemp(join(tmpdir(), 'airlock-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 860 },
  });
  // Every request is checked; anything not for the local server is recorded and refused.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.hostname === '127.0.0.1') return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
});

after(async () => {
  await context?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** The rendered rows of a list, as their visible text. */
const rows = (selector) => page.$$eval(selector, (els) => els.map((el) => el.textContent.trim()));

test('the example loads with its instructions listed and no syntax errors', async () => {
  await page.goto(origin() + '/', { waitUntil: 'load' });
  // The wasm app has started once it lists instructions.
  await page.waitForSelector('#instructions li', { timeout: 30_000 });

  assert.equal(await page.inputValue('#editor'), await readFile(example, 'utf8'));
  // The editor is found by its accessible name, as a screen reader would announce it.
  assert.equal(await page.getByRole('textbox', { name: 'Dockerfile' }).getAttribute('id'), 'editor');

  const instructions = await rows('#instructions li');
  assert.deepEqual(instructions.slice(0, 3), ['ARG · line 3', 'FROM · line 5', 'WORKDIR · line 6']);
  assert.ok(instructions.includes('ENV · lines 7–8'), instructions.join('\n'));
  assert.equal(instructions.filter((row) => row.startsWith('FROM ·')).length, 3);
  assert.equal(instructions.at(-1), 'ENTRYPOINT · line 28');

  assert.equal(await page.getAttribute('#error-count', 'data-count'), '0');
  assert.deepEqual(await rows('#errors li'), []);
  await page.screenshot({ path: join(screenshotDir, 'airlock-example.png'), fullPage: true });
});

test('typing a Dockerfile with an unknown instruction updates both lists', async () => {
  const typed = 'FROM alpine:3.20\nFORM alpine\nRUN echo hello\n';
  await page.click('#editor');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => document.querySelector('#editor').value === '');
  await page.keyboard.type(typed);

  await page.waitForFunction(
    () => [...document.querySelectorAll('#errors li')].some((li) => li.textContent.includes('2:1')),
    null,
    { timeout: 15_000 },
  );
  assert.equal(await page.inputValue('#editor'), typed);

  const errors = await rows('#errors li');
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^2:1\s*unknown instruction `FORM`/);
  assert.equal(await page.getAttribute('#error-count', 'data-count'), '1');

  const instructions = await rows('#instructions li');
  assert.equal(instructions[0], 'FROM · line 1');
  assert.equal(instructions.at(-1), 'RUN · line 3');
  await page.screenshot({ path: join(screenshotDir, 'airlock-error.png'), fullPage: true });
});

test('nothing left 127.0.0.1 and the console stayed clean', () => {
  assert.deepEqual(offsite, []);
  assert.deepEqual(consoleErrors, []);
});
