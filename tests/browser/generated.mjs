// Shared by the browser tests that time big files: the generated stage graph of
// tests/layout_quality.rs and benches/graph.rs, and the page they are timed in.
import { launch } from './harness.mjs';

/**
 * The lines of a file of `stages` stages (`generated` of tests/layout_quality.rs and
 * benches/graph.rs, same generator and seed): stages copy from one to three earlier ones, mostly
 * recent, sometimes far back; a few build FROM an earlier stage or copy from an image.
 * `before(s)` and `body(s)` give lines to put before stage `s`'s FROM and after it (before its
 * COPY lines); they draw nothing from the generator, so the edges stay the same.
 */
export function generatedStages(stages, seed, { before = () => [], body = () => [] } = {}) {
  const mask = (1n << 64n) - 1n;
  const step = (s) => (s * 6364136223846793005n + 1442695040888963407n) & mask;
  let state = step(BigInt(seed));
  const next = (n) => {
    state = step(state);
    return Number((state >> 33n) % BigInt(Math.max(n, 1)));
  };
  const out = [];
  for (let s = 0; s < stages; s++) {
    out.push(...before(s));
    if (s > 2 && next(6) === 0) {
      out.push(`FROM s${s - 1 - next(Math.min(s, 4))} AS s${s}`);
    } else {
      out.push(`FROM alpine:3.20 AS s${s}`);
    }
    out.push(...body(s));
    if (s === 0) continue;
    const copies = 1 + next(3);
    for (let k = 0; k < copies; k++) {
      const from = next(4) === 0 ? next(s) : s - 1 - next(Math.min(s, 6));
      out.push(`COPY --from=s${from} /out/${k}/bin${from} /in/`);
    }
    if (next(10) === 0) out.push(`COPY --from=tools${next(3)}:1 /usr/bin/t /t`);
  }
  return out;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A browser on the playground with its graph drawn; closed after the test `ctx`. */
export async function playground(ctx) {
  const browser = await launch();
  ctx.after(() => browser.close());
  await browser.page.goto(browser.origin + '/', { waitUntil: 'load' });
  await browser.page.waitForSelector('#graph .node.stage', { timeout: 30_000 });
  return browser;
}

/** A Dockerfile of exactly `lines` lines, made of corpus-like two-stage builds (the editor's
 * keystroke timing, tests/browser/editor.test.mjs and scripts/keystroke-profile.mjs; the same
 * file as examples/analyze_cpu.rs writes). */
export function editorLines(lines) {
  const out = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `# stage ${i}`,
      `FROM golang:1.22-bookworm AS build${i}`,
      'WORKDIR /src',
      'COPY go.mod go.sum ./',
      'RUN --mount=type=cache,target=/root/.cache/go-build \\',
      '    go mod download && \\',
      `    CGO_ENABLED=0 go build -trimpath -o /out/app${i} ./cmd/app`,
      'ENV GOFLAGS="-mod=readonly" APP_VERSION=${VERSION:-dev}',
      '',
      `FROM gcr.io/distroless/static-debian12:nonroot AS prod${i}`,
      `COPY --from=build${i} /out/app${i} /app`,
      'USER 65532',
      'ENTRYPOINT ["/app", "--serve"]',
      '',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}
