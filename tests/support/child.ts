import { buildSync } from 'esbuild';
import path from 'node:path';

/**
 * Bundles a TypeScript script that uses the app's real store into plain JavaScript, so a test
 * can run it as a separate process and kill it.
 */
const root = path.resolve(__dirname, '../..');

export function buildChildScript(entry: string): string {
  // Inside the project, so that the bundle finds sql.js and the other packages it leaves external.
  const outfile = path.join(root, 'node_modules/.cache/perfclinic-tests', `${path.basename(entry, '.ts')}.cjs`);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile,
    logLevel: 'error',
    absWorkingDir: root,
  });
  return outfile;
}

/**
 * Node's arguments for a child script: `--liftoff-only` keeps V8 to its baseline WebAssembly
 * compiler. A child killed within a second never gains from sql.js being optimised, and the
 * optimising compiler's work was two thirds of each child's CPU time (0.8 s down to 0.35 s on a
 * busy machine). The SQL runs the same either way.
 */
export function childArguments(script: string, ...args: string[]): string[] {
  return ['--liftoff-only', script, ...args];
}
