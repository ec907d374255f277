// Release builds only: minifies the wasm-bindgen glue that Trunk staged (Trunk 0.21's own JS
// minifier fails on it and leaves it as is) with esbuild, and writes each file's new sha384 into
// the `integrity` attribute index.html gives it, so Subresource Integrity still holds. Run by
// scripts/post-build.mjs before scripts/csp-hashes.mjs (both rewrite index.html). Only the
// scripts index.html loads with an integrity hash are touched (copied files such as the embed
// demo's script are examples for other sites and stay readable). About -1.6 KB brotli.
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { attr, loadEsbuild } from './built-html.mjs';

const staging = process.env.TRUNK_STAGING_DIR ?? 'dist';
if (process.env.TRUNK_PROFILE !== 'release') {
  console.log('minify-js: not a release build, glue left as is');
} else {
  const esbuild = loadEsbuild('minify-js');
  const file = join(staging, 'index.html');
  let html = await readFile(file, 'utf8');
  const done = new Set();
  for (const [tag] of html.matchAll(/<(?:link|script)\b[^>]*>/gi)) {
    const href = attr(tag, 'href') ?? attr(tag, 'src');
    const integrity = attr(tag, 'integrity');
    if (!href || !integrity || !/\.m?js$/i.test(href) || /^[a-z]+:|^\/\//i.test(href)) continue;
    if (done.has(href)) continue;
    done.add(href);
    const [algorithm] = integrity.split('-');
    const path = join(staging, href);
    const source = await readFile(path, 'utf8');
    const { code } = await esbuild.transform(source, {
      minify: true,
      format: 'esm',
      target: 'es2020',
      legalComments: 'none',
    });
    await writeFile(path, code);
    const hash = `${algorithm}-${createHash(algorithm).update(code, 'utf8').digest('base64')}`;
    html = html.split(integrity).join(hash);
    console.log(`minify-js: ${href} ${source.length} -> ${code.length} bytes, integrity updated`);
  }
  if (done.size === 0) {
    console.error(`minify-js: no script with an integrity hash in ${file}; did Trunk change its output?`);
    process.exit(1);
  }
  await writeFile(file, html);
}
