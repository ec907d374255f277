// Drives the built playground (dist/, from `trunk build --release`) in Debian's headless Chromium:
// the example loads, and typing a Dockerfile with a syntax error updates the instruction list and
// the positioned error. Run by scripts/test.sh; needs /usr/bin/chromium (scripts/setup.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, example, screenshotDir } from './harness.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
});

after(async () => {
  await browser?.close();
});

/** The rendered rows of a list, as their visible text. */
const rows = (selector) => page.$$eval(selector, (els) => els.map((el) => el.textContent.trim()));

test('the example loads with its instructions listed and no syntax errors', async () => {
  await page.goto(browser.origin + '/', { waitUntil: 'load' });
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

/** Puts `text` in the editor as one paste. */
const paste = (text) =>
  page.$eval(
    '#editor',
    (el, t) => {
      el.value = t;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    },
    text,
  );

test('hostile input is analysed, with its problem listed, and crashes nothing', async () => {
  // Each once crashed or froze the page (and, the draft being analysed again at load, every
  // reload after): tests/fuzz.rs has them at full size for the engine.
  let doubling = 'ARG A0=0123456789\n';
  for (let i = 1; i <= 40; i++) doubling += `ARG A${i}=\${A${i - 1}}\${A${i - 1}}\n`;
  const cases = [
    ['ARGs that double each line', doubling + 'FROM alpine:${A40}\n', '#graph-problems li', /more than 64 KiB/],
    [
      'references nested 20,000 deep',
      `FROM alpine:${'${NOPE:-'.repeat(20_000)}x${'}'.repeat(20_000)}\n`,
      '#graph-problems li',
      /nest more than 32 deep/,
    ],
    ['ONBUILD wrapped 20,000 times', `FROM alpine\n${'ONBUILD '.repeat(20_000)}RUN make\n`, '#errors li', /ONBUILD cannot wrap ONBUILD/],
    ['a JSON array nested 50,000 deep', `FROM alpine\nCMD ${'['.repeat(50_000)}\nUSER 1\n`, '#instructions li', /^USER · line 3$/],
    [
      'a pattern too costly to match',
      `ARG V=${'a'.repeat(60_000)}\nFROM alpine:\${V//*b/c}\n`,
      '#graph-problems li',
      /takes too long to match/,
    ],
  ];
  for (const [what, text, selector, expected] of cases) {
    await paste(text);
    await page.waitForFunction(
      ([sel, source]) => [...document.querySelectorAll(sel)].some((li) => new RegExp(source).test(li.textContent.trim())),
      [selector, expected.source],
      { timeout: 20_000 },
    ).catch(() => assert.fail(`${what}: nothing in ${selector} matches ${expected}`));
    assert.equal(await page.locator('#panic-banner').count(), 0, what);
  }
  // Still alive: a normal file analyses as ever.
  await paste('FROM alpine:3.20\nFORM x\n');
  await page.waitForFunction(() => [...document.querySelectorAll('#errors li')].some((li) => li.textContent.includes('unknown instruction `FORM`')));
});

test('long lists draw 200 rows and a button that draws the rest', async () => {
  await paste(`FROM alpine\n${'FORM x\n'.repeat(300)}`);
  await page.waitForFunction(() => document.querySelector('#error-count')?.dataset.count === '300');
  assert.equal(await page.locator('#errors li.error').count(), 200);
  assert.equal(await page.locator('#instructions li.row:not(.more-rows)').count(), 200);
  const more = page.locator('#errors li.more-rows');
  assert.match(await more.textContent(), /100 more not drawn\s*Show all 300/);
  await more.getByRole('button', { name: 'Show all 300' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#errors li.error').length === 300);
  // Every long list at once, and it stays so for the next text.
  assert.equal(await page.locator('#instructions li.row').count(), 301);
  await paste(`FROM alpine\n${'FORM x\n'.repeat(250)}`);
  await page.waitForFunction(() => document.querySelectorAll('#errors li.error').length === 250);
  assert.equal(await page.locator('li.more-rows').count(), 0);
});

test('nothing left 127.0.0.1 and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
});
