// Helpers the post-build steps share (scripts/post-build.mjs runs them): reading Trunk's built
// HTML and loading esbuild from tools/.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/** The value of attribute `name` in `tag`. Trunk writes minified HTML: values may be unquoted. */
export const attr = (tag, name) =>
  tag.match(new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i'))?.slice(1).find((v) => v !== undefined);

/** esbuild, installed into tools/ by scripts/setup.sh beside wasm-opt; exits with a message
 * naming the step (`who`) when it is missing. */
export function loadEsbuild(who) {
  try {
    return createRequire(resolve('tools/node_modules/'))('esbuild');
  } catch {
    console.error(`${who}: esbuild is missing from tools/node_modules (run scripts/setup.sh)`);
    process.exit(1);
  }
}
