// Writes static/first-paint.html: the playground's own first render of the default example
// (header, editor, tabs, the stage graph), captured from the built dist/ in headless Chromium,
// for scripts/first-paint-inject.mjs to put into index.html so that a reader sees the graph
// before the wasm arrives. Run it after a change to what the page first shows, then rebuild:
//
//   (source scripts/env.sh; airlock_wasm_env && trunk build --release) && node scripts/first-paint.mjs
//   (source scripts/env.sh; airlock_wasm_env && trunk build --release)
//
// tests/browser/first-paint.test.mjs fails when the picture no longer matches the app's first
// frame. What is kept: the app's markup as rendered at the capture size (1280x860, as the
// browser tests) with the graph scaled down to its box as the app's fit does, the editor's
// text inside its textarea (read-only: the picture cannot be
// typed in), hidden panes emptied (they take no room, and the rules pane alone is large).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, root } from '../tests/browser/harness.mjs';

const browser = await launch();
try {
  const { page } = browser;
  await page.goto(browser.base + '/', { waitUntil: 'load' });
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.goto(browser.base + '/', { waitUntil: 'load' });
  await page.waitForSelector('#instructions li', { timeout: 30_000 });
  await page.waitForSelector('#panel-graph svg g[role="button"]');
  // Whatever the app adjusts after its first frame (fit-to-view) has settled.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForTimeout(300);
  const html = await page.evaluate(() => {
    const app = document.getElementById('app').cloneNode(true);
    for (const area of app.querySelectorAll('textarea')) {
      const live = document.getElementById(area.id);
      area.textContent = live ? live.value : area.value;
      area.setAttribute('readonly', '');
    }
    for (const hidden of app.querySelectorAll('[hidden]')) hidden.replaceChildren();
    // The app fits the graph to its box (view::controls::fit_zoom: never above 100%); the
    // picture does the same in CSS, so a narrower window shows it as the app will.
    app.querySelector('svg#graph')?.setAttribute('style', 'max-width: 100%; height: auto');
    // Nothing in the picture is a tab stop or announces itself: it is inert and goes away.
    for (const el of app.querySelectorAll('[autofocus]')) el.removeAttribute('autofocus');
    for (const el of app.querySelectorAll('[aria-live]')) el.removeAttribute('aria-live');
    return app.outerHTML;
  });
  const out = join(root, 'static/first-paint.html');
  await writeFile(out, `${html}\n`);
  console.log(`first-paint: ${html.length} bytes written to ${out}`);
  if (browser.consoleErrors.length) {
    console.error(browser.consoleErrors.join('\n'));
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
