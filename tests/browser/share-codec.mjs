// A second, independent implementation of the share-link format (src/view/share.rs), for the
// browser tests: builds links the way the format is specified (records, CRC-32, deflate-raw,
// base64url) and reads back the links the page makes, so the tests check the format and not
// only the page against itself.

const tags = {
  end: 0, text: 1, target: 2, buildArg: 3, sizeOverride: 4, pane: 5, ruleEnable: 6,
  ruleDisable: 7, severity: 8, trustedRegistry: 9, nonRootUid: 10, builderImage: 11,
  prodImage: 12, dockerignore: 13, labelSchema: 14, strictLabels: 15,
};
const severities = ['error', 'warning', 'info', 'style'];
const utf8 = new TextEncoder();

export function crc32(bytes) {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

const str = (s) => [...utf8.encode(s)];
const named = (name, rest) => [...leb(utf8.encode(name).length), ...str(name), ...rest];

/** Payload bytes for a snapshot `{ text, target, buildArgs, overrides, pane, rules }`. */
export function encodePayload(s, { corruptCrc = false } = {}) {
  const out = [];
  const put = (tag, body) => out.push(tag, ...leb(body.length), ...body);
  put(tags.text, str(s.text));
  if (s.target != null) put(tags.target, str(s.target));
  for (const [k, v] of s.buildArgs ?? []) put(tags.buildArg, named(k, str(v)));
  for (const [k, mb] of s.overrides ?? []) {
    const f = new Uint8Array(new Float64Array([mb]).buffer);
    put(tags.sizeOverride, named(k, [...f]));
  }
  if (s.pane != null) put(tags.pane, str(s.pane));
  const r = s.rules ?? {};
  for (const c of r.enable ?? []) put(tags.ruleEnable, str(c));
  for (const c of r.disable ?? []) put(tags.ruleDisable, str(c));
  for (const [c, sev] of r.severity ?? []) put(tags.severity, named(c, [severities.indexOf(sev)]));
  for (const c of r.trustedRegistries ?? []) put(tags.trustedRegistry, str(c));
  if (r.nonRootUid != null) {
    put(tags.nonRootUid, [...new Uint8Array(new Uint32Array([r.nonRootUid]).buffer)]);
  }
  if (r.dockerignore != null) put(tags.dockerignore, str(r.dockerignore));
  for (const [label, type] of r.labelSchema ?? []) put(tags.labelSchema, named(label, str(type)));
  if (r.strictLabels) put(tags.strictLabels, []);
  const crc = crc32(out) ^ (corruptCrc ? 1 : 0);
  out.push(tags.end, crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24);
  return new Uint8Array(out);
}

/** Reads payload bytes back into a snapshot (throws on anything unexpected). */
export function decodePayload(bytes) {
  const s = { buildArgs: [], overrides: [], rules: { enable: [], disable: [], severity: [], trustedRegistries: [], labelSchema: [] } };
  const dec = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  const len = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      n |= (b & 0x7f) << shift;
      if (!(b & 0x80)) return n;
    }
  };
  for (;;) {
    const start = at;
    const tag = bytes[at++];
    if (tag === tags.end) {
      const crc = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
      if (crc !== crc32(bytes.subarray(0, start))) throw new Error('checksum');
      return s;
    }
    const n = len();
    const b = bytes.subarray(at, at + n);
    at += n;
    const nameSplit = () => {
      let i = 0, k = 0;
      for (let shift = 0; ; shift += 7) {
        const x = b[i++];
        k |= (x & 0x7f) << shift;
        if (!(x & 0x80)) break;
      }
      return [dec.decode(b.subarray(i, i + k)), b.subarray(i + k)];
    };
    switch (tag) {
      case tags.text: s.text = dec.decode(b); break;
      case tags.target: s.target = dec.decode(b); break;
      case tags.buildArg: { const [k, v] = nameSplit(); s.buildArgs.push([k, dec.decode(v)]); break; }
      case tags.sizeOverride: {
        const [k, v] = nameSplit();
        s.overrides.push([k, new Float64Array(new Uint8Array(v).buffer)[0]]);
        break;
      }
      case tags.pane: s.pane = dec.decode(b); break;
      case tags.ruleEnable: s.rules.enable.push(dec.decode(b)); break;
      case tags.ruleDisable: s.rules.disable.push(dec.decode(b)); break;
      case tags.severity: { const [k, v] = nameSplit(); s.rules.severity.push([k, severities[v[0]]]); break; }
      case tags.trustedRegistry: s.rules.trustedRegistries.push(dec.decode(b)); break;
      case tags.nonRootUid: s.rules.nonRootUid = new Uint32Array(new Uint8Array(b).buffer)[0]; break;
      case tags.builderImage: case tags.prodImage: break;
      case tags.dockerignore: s.rules.dockerignore = dec.decode(b); break;
      case tags.labelSchema: { const [k, v] = nameSplit(); s.rules.labelSchema.push([k, dec.decode(v)]); break; }
      case tags.strictLabels: s.rules.strictLabels = true; break;
      default: throw new Error(`unknown tag ${tag} at ${start}`);
    }
  }
}

export const base64url = (bytes) => Buffer.from(bytes).toString('base64url');

async function through(stream, bytes) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/** The fragment (without `#`) of a snapshot, compressed as the page does. */
export async function fragmentOf(snapshot, options) {
  const compressed = await through(new CompressionStream('deflate-raw'), encodePayload(snapshot, options));
  return `share=1.${base64url(compressed)}`;
}

/** The snapshot in a link the page made. */
export async function readLink(link) {
  const data = new URL(link).hash.replace(/^#share=1\./, '');
  const bytes = await through(new DecompressionStream('deflate-raw'), Buffer.from(data, 'base64url'));
  return decodePayload(bytes);
}
