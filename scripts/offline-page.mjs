// Release builds only: writes dist/airlock-offline.html, the whole playground in one file that
// opens from disk (file://), for a workshop handout or a machine without a web server. Browsers
// refuse module scripts and fetch() for file:// pages, so the style sheet, the wasm-bindgen glue
// and the wasm itself go inline: esbuild bundles the glue with the wasm as bytes (its `binary`
// loader, base64 in the script) behind a loader that does what Trunk's does. The page keeps
// index.html's Content-Security-Policy, narrowed to what one file needs: its one inline script
// and its one style element allowed by sha256, no 'self', nothing to connect to.
// Run by scripts/post-build.mjs after minify-js.mjs and csp-hashes.mjs.
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { attr, loadEsbuild } from './built-html.mjs';

const OFFLINE_PAGE = 'airlock-offline.html';

const staging = process.env.TRUNK_STAGING_DIR ?? 'dist';

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Fails the build with a message: a page that half works is worse than none. */
function fail(message) {
  console.error(`offline-page: ${message}`);
  process.exit(1);
}

/** index.html's policy with the sources a single file needs. */
function offlinePolicy(policy, scriptHash, styleHash) {
  const directives = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .filter((d) => d[0]);
  const out = [];
  for (const [name, ...sources] of directives) {
    if (name === 'script-src') out.push([name, "'wasm-unsafe-eval'", scriptHash]);
    else if (name === 'style-src') out.push([name, styleHash]);
    // Nothing to fetch: the default ('none') covers it.
    else if (name === 'connect-src') continue;
    else out.push([name, ...sources.filter((s) => s !== "'self'")]);
  }
  if (!out.some(([n]) => n === 'script-src') || !out.some(([n]) => n === 'style-src')) {
    fail(`index.html's Content-Security-Policy has no script-src or style-src: ${policy}`);
  }
  return out.map((d) => d.join(' ')).join('; ');
}

/** Inline text must not close its element early. */
function inlineSafe(text, element) {
  const closing = new RegExp(`</${element}`, 'gi');
  if (element === 'script') return text.replace(closing, '<\\/script');
  if (closing.test(text)) fail(`the ${element} text contains "</${element}": cannot inline it`);
  return text;
}

if (process.env.TRUNK_PROFILE !== 'release') {
  console.log(`offline-page: not a release build, no ${OFFLINE_PAGE}`);
} else {
  const esbuild = loadEsbuild('offline-page');
  let html = await readFile(join(staging, 'index.html'), 'utf8');

  const loader = html.match(/<script\b[^>]*\btype=("?)module\1[^>]*>([\s\S]*?)<\/script\s*>/i);
  const glue = loader?.[2].match(/from\s*['"]([^'"]+\.js)['"]/)?.[1];
  const wasm = loader?.[2].match(/module_or_path\s*:\s*['"]([^'"]+\.wasm)['"]/)?.[1];
  const sheet = [...html.matchAll(/<link\b[^>]*>/gi)].map(([t]) => t).find((t) => attr(t, 'rel') === 'stylesheet');
  const policyTag = [...html.matchAll(/<meta\b[^>]*>/gi)].map(([t]) => t).find((t) => /Content-Security-Policy/i.test(t));
  if (!loader || !glue || !wasm) fail("Trunk's loader script (import of the glue, module_or_path) not found in index.html");
  if (!sheet) fail('no style sheet link in index.html');
  if (!policyTag) fail('no Content-Security-Policy meta tag in index.html');

  // The same steps as Trunk's loader, with the wasm from the bundle instead of a URL.
  const entry = [
    `import init, * as bindings from ${JSON.stringify(`./${glue.replace(/^\.?\//, '')}`)};`,
    `import bytes from ${JSON.stringify(`./${wasm.replace(/^\.?\//, '')}`)};`,
    'const wasm = await init({ module_or_path: bytes });',
    'window.wasmBindings = bindings;',
    "dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));",
  ].join('\n');
  const built = await esbuild.build({
    stdin: { contents: entry, resolveDir: resolve(staging), loader: 'js' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    loader: { '.wasm': 'binary' },
    write: false,
    logLevel: 'error',
  });
  const script = inlineSafe(built.outputFiles[0].text, 'script');
  const css = inlineSafe(await readFile(join(staging, attr(sheet, 'href').replace(/^\.?\//, '')), 'utf8'), 'style');

  const policy = offlinePolicy(attr(policyTag, 'content'), sha256(script), sha256(css));
  // Replacements are functions: `$` in the inlined text must stay as it is.
  html = html
    .replace(policyTag, () => `<meta http-equiv=Content-Security-Policy content="${policy}">`)
    .replace(sheet, () => `<style>${css}</style>`)
    .replace(loader[0], () => `<script type=module>${script}</script>`)
    // Preloads of the files now inline would be requests for nothing.
    .replace(/<link\b[^>]*\brel=("?)(?:modulepreload|preload)\1[^>]*>/gi, '')
    // The pre-rendered first picture and the inline script that decides whether to show it: a
    // file from disk arrives at once, and the page's one allowed script is the app.
    .replace(/<div\b[^>]*\bid=("?)first-paint\1[\s>][\s\S]*?<script\b[^>]*\bid=("?)first-paint-gate\2[^>]*>[\s\S]*?<\/script\s*>/i, '');
  if (/<(?:link|script)\b[^>]*\b(?:src|href)=(?!"?data:)/i.test(html)) {
    fail(`${OFFLINE_PAGE} would still load a file: ${html.match(/<(?:link|script)\b[^>]*\b(?:src|href)=[^>]*>/i)[0]}`);
  }
  await writeFile(join(staging, OFFLINE_PAGE), html);
  console.log(`offline-page: ${OFFLINE_PAGE}, ${Buffer.byteLength(html)} bytes (wasm ${wasm}, glue ${glue}, inline)`);
}
