// Shared by the browser tests: a static server for dist/ on 127.0.0.1 (plus a few test-only files
// under /__test/), and Debian's headless Chromium with every request outside 127.0.0.1 refused and
// recorded. Needs /usr/bin/chromium (scripts/setup.sh).
import { createServer } from 'node:http';
import { readFile, readdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { join, extname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(fileURLToPath(import.meta.url), '../../..');
// AIRLOCK_DIST: another build's output (several people building in one checkout at once).
export const dist = process.env.AIRLOCK_DIST ? resolve(process.env.AIRLOCK_DIST) : join(root, 'dist');
const distDir = dist;
export const example = join(root, 'static/examples/go-distroless.Dockerfile');
export const screenshotDir = process.env.AIRLOCK_SCREENSHOT_DIR ?? tmpdir();
// The README's screenshots (docs/screenshots/, committed) are rewritten only when asked
// (scripts/screenshots.sh sets AIRLOCK_README_SHOTS=1); otherwise a test run leaves the work tree
// clean and writes them beside the other screenshots.
export const readmeShots =
  process.env.AIRLOCK_README_SHOTS === '1' ? join(root, 'docs/screenshots') : join(screenshotDir, 'readme');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Quiet on a closed network, and able to run as root (see ../shared/TOOLCHAIN.md).
export const chromiumArgs = [
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

// Test-only files: Mermaid's own bundle (an npm dev dependency, never a CDN) and a blank page
// that loads it, so that exported Mermaid text is checked by the real parser.
const testFiles = {
  '/__test/mermaid.min.js': join(root, 'tests/browser/node_modules/mermaid/dist/mermaid.min.js'),
};
const testPages = {
  '/__test/blank.html':
    '<!doctype html><meta charset="utf-8"><title>blank</title><script src="/__test/mermaid.min.js"></script>',
};

// Brotli bodies (quality 11, as scripts/bundle-size.sh measures and as a host serving
// precompressed files sends them), made once per file and kept for the test process.
const brotliCache = new Map();
function brotli(file, body, mtime) {
  const key = `${file}:${mtime}`;
  if (!brotliCache.has(key)) {
    brotliCache.set(key, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  return brotliCache.get(key);
}

/**
 * A static file server for dist/ on 127.0.0.1, on a port the OS picks. With `prefix`
 * (`/docs/airlock`), dist/ is served under that path only, as on a documentation site. With
 * `compress`, bodies go out brotli-compressed to a browser that accepts it, as a documentation
 * site's server or CDN sends them: what the timing tests on a throttled link must measure (the
 * wasm is 1.1 MB as built, about 360 KB as sent).
 */
async function serveDist(prefix = '', site, compress = false) {
  // `site`: a plain static server of that folder at `/`, nothing mapped (an unpacked archive).
  const dist = site ?? distDir;
  if (!site) {
    await stat(join(dist, 'index.html')).catch(() => {
      throw new Error(`no ${dist}/index.html: run \`trunk build --release\` first (scripts/test.sh does)`);
    });
  }
  if (compress) {
    // The page's own files are compressed before the first request, so that no page's timing
    // includes the compressing (others, such as the one-file download, on first request).
    for (const name of await readdir(dist)) {
      const file = join(dist, name);
      const { mtimeMs, isFile } = await stat(file).then((s) => ({ mtimeMs: s.mtimeMs, isFile: s.isFile() }));
      if (isFile && (['.wasm', '.js', '.css'].includes(extname(name)) || name === 'index.html')) {
        brotli(file, await readFile(file), mtimeMs);
      }
    }
  }
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (testPages[path]) {
      res.writeHead(200, { 'content-type': types['.html'] }).end(testPages[path]);
      return;
    }
    if (prefix && !testFiles[path]) {
      if (!path.startsWith(prefix + '/')) {
        res.writeHead(404).end('not found');
        return;
      }
      path = path.slice(prefix.length);
    }
    const file = testFiles[path] ?? resolve(dist, '.' + (path.endsWith('/') ? path + 'index.html' : path));
    if (!testFiles[path] && file !== dist && !file.startsWith(dist + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream' };
      if (compress && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        const { mtimeMs } = await stat(file);
        res.writeHead(200, { ...headers, 'content-encoding': 'br', vary: 'accept-encoding' });
        res.end(brotli(file, body, mtimeMs));
        return;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  return server;
}

/**
 * Starts the server and the browser. Returns the first page, the origin, the lists of offsite
 * requests, console errors and dialogs (all must stay empty), and `close()`. Options:
 * `prefix` serves dist/ under that path instead of `/` (see `base`; with `site`, the folder is
 * served as it is and `prefix` only names where the playground sits in it); `site` serves that
 * folder instead of dist/; `allowFile` is the one file
 * on disk the pages may load (the one-file playground), any other `file:` URL counts as offsite;
 * `compress` sends brotli bodies, as a real host does (see `serveDist`).
 */
export async function launch({ prefix = '', allowFile, site, compress = false } = {}) {
  const server = await serveDist(site ? '' : prefix, site, compress);
  const userDataDir = await mkdtemp(join(tmpdir(), 'airlock-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  const offsite = [];
  const consoleErrors = [];
  const dialogs = [];
  // Every request is checked; anything not for the local server is recorded and refused.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const allowed = allowFile && url.protocol === 'file:' && url.pathname === pathToFileURL(allowFile).pathname;
    if (allowed || url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') {
      return route.continue();
    }
    offsite.push(url.href);
    return route.abort();
  });
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    origin: `http://127.0.0.1:${server.address().port}`,
    // Where the playground is: the origin plus `prefix`.
    base: `http://127.0.0.1:${server.address().port}${prefix}`,
    offsite,
    consoleErrors,
    dialogs,
    async close() {
      await context.close();
      await new Promise((ok) => server.close(ok));
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Puts `text` in the editor of `page` (one input event) and panics in the next task, through
 * the test-only hook of a page opened with `?airlock-test-panic`: long before the autosave timer
 * (300 ms), so only the crash path can save the text. Returns what was thrown (the wasm trap),
 * uncaught, as a panic in an event handler or a timer is. */
export function typeThenPanic(page, text) {
  return page.evaluate(
    (t) =>
      new Promise((resolve) => {
        const area = document.querySelector('#editor');
        area.value = t;
        area.dispatchEvent(new Event('input', { bubbles: true }));
        addEventListener('error', (e) => resolve(String(e.error)), { once: true });
        setTimeout(() => window.wasmBindings.airlock_test_panic());
      }),
    text,
  );
}

/** Tries four kinds of inline code in `page` the Content-Security-Policy must stop: a script
 * element, an event-handler attribute, a string timer (compiled like eval) and a style element.
 * Returns what ran (each `undefined`/`false` when blocked) and the directives the browser
 * reported violated. The test's own code runs outside the policy. */
export function tryInlineCode(page) {
  return page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    const handler = document.createElement('img');
    handler.setAttribute('src', 'data:,');
    handler.setAttribute('onerror', 'window.__handler = true');
    document.body.append(handler);
    setTimeout('window.__evaluated = true', 0);
    const style = document.createElement('style');
    style.textContent = 'body { display: none }';
    document.head.append(style);
    await new Promise((ok) => setTimeout(ok, 100));
    const styled = getComputedStyle(document.body).display === 'none';
    style.remove();
    handler.remove();
    return { injected: window.__injected, handler: window.__handler, evaluated: window.__evaluated, styled, violations };
  });
}

/** Asserts that `tryInlineCode` ran nothing and that the browser reported each kind. */
export function assertInlineCodeBlocked(result) {
  const all = JSON.stringify(result);
  for (const ran of ['injected', 'handler', 'evaluated']) {
    if (result[ran] !== undefined) throw new Error(`inline code ran (${ran}): ${all}`);
  }
  if (result.styled) throw new Error(`an inline style element applied: ${all}`);
  for (const directive of ['script-src', 'style-src']) {
    if (!result.violations.some((d) => d.startsWith(directive))) throw new Error(`no ${directive} violation reported: ${all}`);
  }
}

/** The workshop's exercise ids (`static/exercises/NN-slug.Dockerfile`), in the order it lists them. */
export async function exerciseIds() {
  const names = await readdir(join(root, 'static/exercises'));
  return names
    .filter((n) => n.endsWith('.Dockerfile') && !n.endsWith('.solution.Dockerfile'))
    .map((n) => n.slice(0, -'.Dockerfile'.length))
    .sort();
}

/** An exercise file's starting Dockerfile: the file after its `# key:` header. */
export function startOf(exerciseText) {
  const lines = exerciseText.split('\n');
  let i = 0;
  while (i < lines.length && /^#\s*[A-Za-z0-9_-]+:/.test(lines[i])) i += 1;
  if (lines[i]?.trim() === '') i += 1;
  return lines.slice(i).join('\n');
}
