import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { forbiddenExternalImports, forbiddenRequires, preloadBuildOptions } from '../../scripts/preload-bundle.mjs';
import { contract } from '../../main/contract';
import { callNames } from '../../main/contract-names';

const root = path.resolve(__dirname, '../..');
const out = mkdtempSync(path.join(tmpdir(), 'perfclinic-preload-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the preload bundle, as the sandbox will load it', () => {
  it("names exactly the contract's calls, without importing the contract", () => {
    expect([...callNames].sort()).toEqual(Object.keys(contract).sort());
  });

  it("requires nothing but 'electron', and carries no zod", async () => {
    const result = await build({ ...preloadBuildOptions({ root, quiet: true }), outdir: out, logLevel: 'silent' });
    const code = readFileSync(path.join(out, 'preload/preload.cjs'), 'utf8');
    expect(forbiddenRequires(code)).toEqual([]);
    expect(forbiddenExternalImports(result.metafile ?? { inputs: {}, outputs: {} })).toEqual([]);
    expect(Object.keys(result.metafile?.inputs ?? {}).filter((input) => input.includes('node_modules'))).toEqual([]);
    expect(code).toContain('require("electron")');
  });

  it.each([
    ['a package', 'var z = require("zod");', ['zod']],
    ['a Node built-in', "const fs = require('node:fs');", ['node:fs']],
    ['a computed name', 'const m = require(name);', ['require(name)']],
    ['a template literal', 'require(`path`)', ['path']],
    ['electron beside another', 'require("electron"); require("./contract")', ['./contract']],
  ])('is refused when it requires %s', (_label, code, expected) => {
    expect(forbiddenRequires(code)).toEqual(expected);
  });

  it("accepts 'electron' alone", () => {
    expect(forbiddenRequires('var import_electron = require("electron");')).toEqual([]);
  });

  it('is refused when esbuild left a module other than electron outside the bundle', () => {
    const metafile = {
      inputs: {},
      outputs: {
        'dist/preload/preload.cjs': {
          bytes: 1,
          inputs: {},
          exports: [],
          imports: [
            { path: 'electron', kind: 'require-call' as const, external: true },
            { path: 'zod', kind: 'require-call' as const, external: true },
          ],
        },
      },
    };
    expect(forbiddenExternalImports(metafile)).toEqual(['zod']);
  });
});
