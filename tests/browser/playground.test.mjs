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

test('nothing left 127.0.0.1 and the console stayed clean', () => {
  assert.deepEqual(browser.offsite, []);
  assert.deepEqual(browser.consoleErrors, []);
});
