// Where a keystroke's main-thread time goes in the playground: types KEYS characters into the
// middle of a generated LINES-line file while Chromium's sampling profiler runs (CDP Profiler,
// 100 us), then prints the functions with the most self time and the most total time, per key.
// FOCUS=name prints what the functions whose names contain it call; CALLERS=name, what calls
// them. Wasm functions have names when the build keeps its name section: build with
// CARGO_PROFILE_WASM_RELEASE_STRIP=false and `-g` first in index.html's data-wasm-opt-params
// (into another CARGO_TARGET_DIR), then point AIRLOCK_DIST at that build's dist/.
//
//   AIRLOCK_DIST=dist node scripts/keystroke-profile.mjs [LINES] [KEYS]
import { launch } from '../tests/browser/harness.mjs';
import { editorLines } from '../tests/browser/generated.mjs';

const lines = Number(process.argv[2] ?? 5000);
const keys = Number(process.argv[3] ?? 40);

const browser = await launch();
try {
  const { page } = browser;
  await page.goto(browser.base + '/');
  await page.waitForSelector('#editor');
  const text = editorLines(lines);
  await page.$eval('#editor', (el, t) => {
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await page.waitForTimeout(3000);
  const at = text.indexOf('\n', text.indexOf(`# stage ${Math.floor(lines / 28)}\n`));
  await page.$eval('#editor', (el, a) => {
    el.focus();
    el.setSelectionRange(a, a);
  }, at);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let k = 0; k < keys; k++) {
    await page.keyboard.press('x');
    // Two frames: the key's own work and its paint, not the deferred analysis (150 ms later).
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  }
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
  const { FOCUS, CALLERS } = process.env;
  const add = (m, k, ms) => m.set(k, (m.get(k) ?? 0) + ms);
  const self = new Map();
  const total = new Map();
  const under = new Map();
  const chains = new Map();
  const dt = profile.timeDeltas;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const ms = (dt[i + 1] ?? 0) / 1000;
    // The sample's stack, innermost first.
    const stack = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(name(byId.get(cur)));
    if (stack[0] === '(idle)' || stack[0] === '(program)') return;
    busy += ms;
    add(self, stack[0], ms);
    new Set(stack).forEach((f) => add(total, f, ms));
    // FOCUS=substring: what the functions whose names contain it call (total time).
    const focus = FOCUS ? stack.findIndex((f) => f.includes(FOCUS)) : -1;
    if (focus >= 0) new Set(stack.slice(0, focus)).forEach((f) => add(under, f, ms));
    // CALLERS=substring: the call chains (outermost first) that lead to such functions.
    const called = CALLERS ? stack.findIndex((f) => f.includes(CALLERS)) : -1;
    if (called >= 0) add(chains, stack.slice(called).reverse().map((f) => f.slice(0, 70)).join('\n    > '), ms);
  });
  const top = (m, k) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([f, ms]) => `${(ms / keys).toFixed(3).padStart(8)} ms/key  ${f.slice(0, 110)}`)
      .join('\n');
  console.log(`${lines} lines, ${keys} keys: ${(busy / keys).toFixed(2)} ms of samples per key (idle and (program) left out)`);
  console.log('-- self --\n' + top(self, 30));
  console.log('-- total --\n' + top(total, 45));
  if (FOCUS) console.log(`-- under ${FOCUS} --\n` + top(under, 40));
  if (CALLERS) {
    for (const [chain, ms] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 3)) {
      console.log(`-- ${(ms / keys).toFixed(3)} ms/key from\n    > ${chain}`);
    }
  }
} finally {
  await browser.close();
}
