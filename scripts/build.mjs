// Builds every part of the app: the Electron shell, the preload, the command line and the
// benchmarks with esbuild (Node side, CommonJS), and the renderer with Vite.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { forbiddenExternalImports, forbiddenRequires, preloadBuildOptions } from './preload-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');

rmSync(path.join(root, 'dist'), { recursive: true, force: true });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  // Dependencies stay in node_modules: sql.js finds its WebAssembly file beside itself.
  packages: 'external',
  logLevel: quiet ? 'warning' : 'info',
  absWorkingDir: root,
};

await Promise.all([
  esbuild({
    ...node,
    entryPoints: { 'main/shell': 'main/shell/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
  }),
  // A sandboxed preload has no Node and cannot require anything but 'electron' (preload-bundle.mjs).
  esbuild(preloadBuildOptions({ root, quiet })).then(({ metafile }) => {
    const code = readFileSync(path.join(root, 'dist/preload/preload.cjs'), 'utf8');
    const forbidden = [...new Set([...forbiddenExternalImports(metafile), ...forbiddenRequires(code)])];
    if (forbidden.length > 0) {
      throw new Error(
        `The preload bundle requires ${forbidden.join(', ')}; in Electron's sandbox only 'electron' can be ` +
          'required, so the window would open without window.clinic. Import only names and types into preload/.',
      );
    }
  }),
  esbuild({ ...node, entryPoints: { 'cli/cli': 'main/cli/cli.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' } }),
  esbuild({
    ...node,
    entryPoints: { 'bench/bench': 'main/bench/bench.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
  }),
]);

await viteBuild({ configFile: path.join(root, 'renderer/vite.config.mts'), logLevel: quiet ? 'warn' : 'info' });
