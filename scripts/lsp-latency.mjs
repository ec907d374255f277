// Diagnostics latency of `airlock lsp` per change: opens a Dockerfile, then types into it one
// incremental change at a time, timing each change to the diagnostics published for it (what an
// editor waits for). Then sends a burst of changes in one write and counts the diagnostics the
// server publishes for them (queued changes are analysed once). Last, moves the cursor over 20
// lines without an edit, asking for code actions at each as an editor does, and times each answer
// (the first makes the "fix all" text, which the rest reuse).
//
// Usage: node scripts/lsp-latency.mjs [FILE] [CHANGES]   (after `cargo build --release`;
// AIRLOCK_BIN=path runs another build of the server)
// FILE defaults to the largest of ../shared/corpus/large (98 stages).

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const file = process.argv[2] ?? '../shared/corpus/large/neondatabase__neon__compute__compute-node.Dockerfile';
const changes = Number(process.argv[3] ?? 40);
const text = readFileSync(file, 'utf8');
const server = spawn(process.env.AIRLOCK_BIN ?? 'target/release/airlock', ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });

let buffer = Buffer.alloc(0);
const waiting = [];
const published = [];
const answers = new Map();
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
    buffer = buffer.subarray(end + 4 + length);
    if (message.method === 'textDocument/publishDiagnostics') published.push(message.params);
    if (message.id !== undefined && message.method === undefined) answers.set(message.id, message);
    for (const w of waiting.splice(0)) w();
  }
});
const frame = (m) => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...m });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};
const send = (m) => server.stdin.write(frame(m));
const until = async (test) => {
  while (!test()) await new Promise((resolve) => waiting.push(resolve));
};

const uri = 'file:///latency/Dockerfile';
send({ id: 1, method: 'initialize', params: { capabilities: {} } });
send({ method: 'initialized', params: {} });
let t = performance.now();
send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text } } });
await until(() => published.some((p) => p.version === 1));
const open = performance.now() - t;
const stages = (text.match(/^\s*FROM\s/gim) ?? []).length;

// Type a comment at the end of line 10, one character per change, as an editor sends it.
const times = [];
let version = 1;
for (let i = 0; i < changes; i++) {
  version += 1;
  const v = version;
  t = performance.now();
  send({
    method: 'textDocument/didChange',
    params: {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: i % 2 ? '' : ' ' }],
    },
  });
  await until(() => published.some((p) => p.version === v));
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];

// A burst of 50 changes written at once.
const before = published.length;
let burst = '';
for (let i = 0; i < 50; i++) {
  version += 1;
  burst += frame({
    method: 'textDocument/didChange',
    params: { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: '#' }] },
  });
}
const last = version;
t = performance.now();
server.stdin.write(burst);
await until(() => published.some((p) => p.version === last));
const burstTime = performance.now() - t;

// Code actions at 20 cursor positions, no edit between them.
const actionTimes = [];
for (let i = 0; i < 20; i++) {
  const id = 100 + i;
  const line = 5 + i * 3;
  t = performance.now();
  send({
    id,
    method: 'textDocument/codeAction',
    params: {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [] },
    },
  });
  await until(() => answers.has(id));
  actionTimes.push(performance.now() - t);
}
const firstAction = actionTimes[0];
const laterActions = actionTimes.slice(1).sort((a, b) => a - b);

console.log(`${file}: ${stages} stages, ${text.length} bytes`);
console.log(`open to diagnostics: ${open.toFixed(1)} ms`);
console.log(`per change (${changes} changes): median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
console.log(`burst of 50 changes in one write: ${published.length - before} diagnostics published, last after ${burstTime.toFixed(1)} ms`);
console.log(
  `code actions at 20 cursor positions: first ${firstAction.toFixed(1)} ms, the rest median ${laterActions[Math.floor(laterActions.length / 2)].toFixed(1)} ms, max ${laterActions.at(-1).toFixed(1)} ms`,
);
send({ id: 2, method: 'shutdown' });
send({ method: 'exit' });
