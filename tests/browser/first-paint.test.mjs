// The first picture before the wasm arrives (index.html's #first-paint, static/first-paint.html,
// scripts/first-paint.mjs): with the wasm held back, the page already shows the default
// example's editor and stage graph; when the wasm arrives the app takes over in the same task,
// with no frame between and no visible change (the screenshots before and after are compared
// pixel by pixel, light and dark). A page that will show something else (a query, a share link,
// a saved draft) never shows the picture. Also prints, never asserts, when the picture and the
// app appear on a slow link (4 Mbit/s, 40 ms). Run by scripts/test.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let browser;
let page;

before(async () => {
  // Compressed, as a documentation site sends the files: the slow-link figures below are the
  // bytes a reader downloads.
  browser = await launch({ compress: true });
  page = browser.page;
  // Notes the frames around the swap: the picture's removal and the app's mounting must fall
  // between the same two frames.
  await browser.context.addInitScript(() => {
    window.__swap = { frames: 0 };
    const tick = () => {
      window.__swap.frames += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new MutationObserver(() => {
      const s = window.__swap;
      if (s.removedAt === undefined && !document.getElementById('first-paint') && s.seen) {
        s.removedAt = s.frames;
      }
      if (document.getElementById('first-paint')) s.seen = true;
      if (s.appAt === undefined && document.getElementById('app')) s.appAt = s.frames;
    }).observe(document, { childList: true, subtree: true });
  });
});

after(async () => {
  await browser?.close();
});

/** Loads `url` with the wasm held back until the returned function is called. */
async function loadHeld(url) {
  let release;
  const held = new Promise((done) => (release = done));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return async () => {
    release();
    await page.waitForSelector('#app', { timeout: 30_000 });
    await page.unroute('**/*.wasm');
  };
}

/** The share of pixels that differ (any channel by more than 8) between two PNG screenshots. */
function differing(a, b) {
  return page.evaluate(
    async ([a, b]) => {
      const load = (b64) =>
        new Promise((ok, fail) => {
          const img = new Image();
          img.onload = () => ok(img);
          img.onerror = fail;
          img.src = `data:image/png;base64,${b64}`;
        });
      const [x, y] = await Promise.all([load(a), load(b)]);
      if (x.width !== y.width || x.height !== y.height) return 1;
      const pixels = (img) => {
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, img.width, img.height).data;
      };
      const p = pixels(x);
      const q = pixels(y);
      let diff = 0;
      for (let i = 0; i < p.length; i += 4) {
        if (Math.abs(p[i] - q[i]) > 8 || Math.abs(p[i + 1] - q[i + 1]) > 8 || Math.abs(p[i + 2] - q[i + 2]) > 8) diff += 1;
      }
      return diff / (p.length / 4);
    },
    [a.toString('base64'), b.toString('base64')],
  );
}

/** Empties the origin's storage from a blank page of the test server (no app runs there to
 * write a draft back). */
async function clearStorage() {
  await page.goto(browser.origin + '/__test/blank.html', { waitUntil: 'domcontentloaded' });
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
}

// The capture size, light and dark: the same pixels. A narrower window: the graph is scaled to
// its box by CSS in the picture and by the app's fit, so nothing moves; only the zoom figure
// (100% in the picture, the fitted one in the app) and the scaled text's anti-aliasing differ
// (0.9% of the pixels measured; a layout shift moved 13%).
for (const [width, height, scheme, most] of [
  [1280, 860, 'light', 0.005],
  [1280, 860, 'dark', 0.005],
  [1024, 768, 'light', 0.02],
]) {
  test(`before the wasm, the default example's picture is shown; the app takes over unchanged (${width}x${height}, ${scheme})`, async () => {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: scheme });
    await clearStorage();
    const release = await loadHeld(browser.base + '/');
    // The picture is there, the app is not (the picture's ids live in a closed shadow root).
    const box = await page.locator('#first-paint').boundingBox();
    assert.ok(box && box.height > 400, `the picture takes the page: ${JSON.stringify(box)}`);
    assert.equal(await page.$('#app'), null, 'no app before the wasm');
    assert.equal(await page.$('#editor'), null, 'nothing of the picture is reachable by id');
    await page.waitForTimeout(200);
    const picture = await page.screenshot();

    await release();
    await page.waitForSelector('#panel-graph svg g[role="button"]');
    assert.equal(await page.$('#first-paint'), null, 'the picture is gone once the app is mounted');
    const swap = await page.evaluate(() => window.__swap);
    assert.ok(swap.seen, 'the picture was on the page');
    assert.equal(swap.removedAt, swap.appAt, `no frame between the picture going and the app coming: ${JSON.stringify(swap)}`);
    await page.waitForTimeout(200);
    const app = await page.screenshot();
    const share = await differing(picture, app);
    assert.ok(
      share < most,
      `${(share * 100).toFixed(2)}% of the pixels changed when the app took over: the picture is stale, run scripts/first-paint.mjs after a release build (README)`,
    );
    assert.deepEqual(browser.consoleErrors, []);
    await page.setViewportSize({ width: 1280, height: 860 });
  });
}

test('a page that will show something else never shows the picture', async () => {
  await page.emulateMedia({ colorScheme: 'light' });
  for (const [what, url, setup] of [
    ['an embed', '/?embed&pane=graph', null],
    ['an example', '/?example=seed-go', null],
    ['a share link', '/#share=1.x', null],
    ['a saved draft', '/', () => localStorage.setItem('airlock.draft', '{}')],
  ]) {
    await clearStorage();
    if (setup) await page.evaluate(setup);
    const release = await loadHeld(browser.base + url);
    try {
      assert.equal(await page.$('#first-paint'), null, `${what}: no picture`);
    } finally {
      await release();
    }
  }
  await clearStorage();
});

test('when the picture and the app appear on a 4 Mbit/s link with 40 ms latency (figures only)', async () => {
  await clearStorage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 40,
    downloadThroughput: (4 * 1024 * 1024) / 8,
    uploadThroughput: (1 * 1024 * 1024) / 8,
  });
  await page.goto(browser.base + '/', { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#panel-graph svg g[role="button"]', { timeout: 60_000 });
  const times = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
    return {
      firstContentfulPaint: paint,
      wasmArrived: wasm?.responseEnd,
      wasmSent: wasm?.encodedBodySize,
      appDrawn: performance.now(),
    };
  });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.detach();
  console.log(
    `4 Mbit/s, 40 ms: first contentful paint (the picture) ${times.firstContentfulPaint?.toFixed(0)} ms, wasm (${((times.wasmSent ?? 0) / 1024).toFixed(0)} KB sent) arrived ${times.wasmArrived?.toFixed(0)} ms, app drawn by ${times.appDrawn.toFixed(0)} ms`,
  );
  assert.ok(times.firstContentfulPaint > 0);
});

test('nothing left 127.0.0.1 and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
});
