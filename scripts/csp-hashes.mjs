// Trunk post_build hook (Trunk.toml): writes the sha256 of every inline <script> of the built
// index.html into its Content-Security-Policy meta tag, in place of the 'inline-script-hashes'
// placeholder. Trunk injects an inline module script that loads the wasm; with its hash the
// policy allows exactly that script and no other inline code ('unsafe-inline' is never needed).
// If this hook does not run, the placeholder is no valid source, so the page fails closed.
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const placeholder = "'inline-script-hashes'";
const file = join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
const html = await readFile(file, 'utf8');

if (!html.includes(placeholder)) {
  console.error(`csp-hashes: ${file} has no ${placeholder} in its Content-Security-Policy`);
  process.exit(1);
}

const hashes = [];
for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  if (/\bsrc\s*=/i.test(attrs) || body.length === 0) continue;
  if (body.includes('{{__TRUNK_')) {
    // `trunk serve`'s live-reload script is filled in per request, so no hash can match it:
    // it is blocked (scripts/serve.sh turns it off; reload by hand).
    console.warn('csp-hashes: skipping trunk serve\'s live-reload script (not hashable)');
    continue;
  }
  hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}
if (hashes.length === 0) {
  console.error(`csp-hashes: no inline script found in ${file}; Trunk's loader is missing?`);
  process.exit(1);
}
await writeFile(file, html.replace(placeholder, [...new Set(hashes)].join(' ')));
console.log(`csp-hashes: ${hashes.length} inline script(s) allowed by hash in ${file}`);
