// Trunk post_build step (scripts/post-build.mjs, before the CSP hashes): puts the pre-rendered
// first picture, static/first-paint.html (written by scripts/first-paint.mjs from the app's own
// first render), into the built index.html's empty `#first-paint`, so a reader sees the
// default example's graph as soon as the HTML arrives. Without the file the element stays empty
// and the page works as before (the app draws when the wasm arrives).
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
const html = await readFile(file, 'utf8');

// The element as the HTML minifier may leave it: attributes in any order, quoted or not.
const slot = /(<div\b(?=[^>]*\bid=("?)first-paint\2[\s>])[^>]*>)\s*(<\/div>)/i;
if (!slot.test(html)) {
  console.error(`first-paint-inject: ${file} has no empty <div id="first-paint">`);
  process.exit(1);
}
// Imported by post-build.mjs: no process.exit() on the way out, the next steps must run.
const picture = await readFile(join(root, 'static/first-paint.html'), 'utf8').then(
  (text) => text.trim(),
  () => null,
);
if (picture === null) {
  console.warn('first-paint-inject: static/first-paint.html is missing: no first picture (run scripts/first-paint.mjs)');
} else {
  // In a closed declarative shadow root: the picture keeps the app's ids and classes (so the
  // same style sheet lays it out the same), yet no query of the page (the app's, a test's, an
  // extension's) ever finds them; the sheet is the page's own, already loaded.
  const sheet = [...html.matchAll(/<link\b[^>]*>/gi)]
    .map(([tag]) => tag)
    .find((tag) => /\brel=("?)stylesheet\1/i.test(tag));
  const href = sheet?.match(/\bhref=("?)([^"\s>]+)\1/i)?.[2];
  if (!href) {
    console.error(`first-paint-inject: no style sheet link in ${file}`);
    process.exit(1);
  }
  const content = `<template shadowrootmode="closed"><link rel="stylesheet" href="${href}">${picture}</template>`;
  await writeFile(file, html.replace(slot, (_, open, _q, close) => open + content + close));
  console.log(`first-paint-inject: ${picture.length} bytes of first picture in ${file}`);
}
