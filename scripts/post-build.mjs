// Trunk's one post_build hook (Trunk.toml). Trunk runs the hooks of a stage side by side, and
// both steps rewrite the staged index.html, so they run here one after the other: first the
// glue is minified (its integrity hash rewritten), the pre-rendered first picture is put in, the
// CSP gets the inline scripts' hashes, then the one-file playground (dist/airlock-offline.html)
// is made from the result.
await import('./minify-js.mjs');
await import('./first-paint-inject.mjs');
await import('./csp-hashes.mjs');
await import('./offline-page.mjs');
