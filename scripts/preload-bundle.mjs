// How the preload is bundled, and the check that the bundle can run in Electron's sandbox: a
// sandboxed preload has no Node, and its `require` knows only 'electron' (and a few polyfilled
// Node modules it does not need). So the preload is built for the browser platform with only
// 'electron' left outside, and the build fails if the bundle requires anything else.

/** The modules a sandboxed preload may require. */
export const PRELOAD_ALLOWED_REQUIRES = ['electron'];

/** esbuild options for the preload: everything but 'electron' bundled in, no Node built-ins. */
export function preloadBuildOptions({ root, quiet }) {
  return {
    bundle: true,
    platform: 'browser',
    target: 'chrome140',
    format: 'cjs',
    sourcemap: 'linked',
    external: PRELOAD_ALLOWED_REQUIRES,
    metafile: true,
    write: true,
    logLevel: quiet ? 'warning' : 'info',
    absWorkingDir: root,
    entryPoints: { 'preload/preload': 'preload/preload.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
  };
}

/**
 * Every module the bundled code requires that the sandbox would refuse: literal require('x') calls
 * naming anything but an allowed module, and any require() whose argument is not a plain string.
 */
export function forbiddenRequires(code) {
  const found = [];
  for (const match of code.matchAll(/\brequire\s*\(\s*([^)]*?)\s*\)/g)) {
    const argument = match[1] ?? '';
    const literal = /^(["'`])([^"'`]*)\1$/.exec(argument);
    const name = literal ? literal[2] : `require(${argument})`;
    if (!PRELOAD_ALLOWED_REQUIRES.includes(name)) found.push(name);
  }
  return [...new Set(found)];
}

/**
 * The same from esbuild's own account of the build: imports it left outside the bundle. Reading
 * both catches a require esbuild passed through untouched as well as one written oddly in the code.
 */
export function forbiddenExternalImports(metafile) {
  const found = [];
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports ?? []) {
      if (imported.external && !PRELOAD_ALLOWED_REQUIRES.includes(imported.path)) found.push(imported.path);
    }
  }
  return [...new Set(found)];
}
