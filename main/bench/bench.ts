/**
 * `npm run bench`: builds synthetic clinic files at three sizes from a fixed seed, measures the
 * main-side operations in a process of their own (so peak memory is theirs), measures the
 * renderer in Chromium, compares the confirmed edit with the naive save-the-whole-file baseline
 * measured in the same run, and prints a table and writes bench-results/bench.json.
 *
 *   npm run bench                      all sizes
 *   npm run bench -- --sizes typical   some sizes (typical, large, stress)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSyntheticFile } from './build-file';
import type { Figure } from './measure';
import { benchRenderer } from './renderer-bench';
import { SIZES } from './synthetic';
import { runWorker, type WorkerResult } from './worker';

interface Budget {
  label: string;
  limit: number;
  unit: 'ms' | 'MB';
  value: (r: WorkerResult) => number;
}

/** The budgets at the large size on a 2-core machine (issue 8). */
const BUDGETS: Budget[] = [
  { label: 'open', limit: 300, unit: 'ms', value: (r) => r.open.median },
  { label: 'clinic comparison', limit: 50, unit: 'ms', value: (r) => r.report.median },
  { label: 'measure detail', limit: 10, unit: 'ms', value: (r) => r.detail.median },
  { label: 'confirmed edit', limit: 20, unit: 'ms', value: (r) => r.confirmedEdit.median },
  { label: 'main-side memory', limit: 300, unit: 'MB', value: (r) => r.peakRssMb },
];

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const fig = (f: Figure) => `${fmt(f.median)} (${fmt(f.min)}–${fmt(f.max)})`;

async function worker(args: string[]): Promise<void> {
  const [file, keys] = args;
  const result = await runWorker(file!, JSON.parse(keys!) as string[]);
  process.stdout.write(JSON.stringify(result));
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--worker') return worker(argv.slice(1));
  const sizesArg = argv.indexOf('--sizes');
  const wanted = sizesArg >= 0 ? (argv[sizesArg + 1] ?? '').split(',') : SIZES.map((s) => s.name);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perfclinic-bench-'));
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
  console.log(`Performance Clinic benchmarks on ${machine}`);
  console.log('Figures are medians with (min–max) over the runs; times in ms.\n');
  const results: Record<string, unknown> = { machine, date: new Date().toISOString() };
  try {
    for (const size of SIZES.filter((s) => wanted.includes(s.name))) {
      const started = performance.now();
      const built = await buildSyntheticFile(path.join(dir, `${size.name}.db`), size);
      const buildMs = performance.now() - started;
      const child = spawnSync(
        process.execPath,
        [__filename, '--worker', built.file, JSON.stringify(built.measureKeys)],
        {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      if (child.status !== 0) throw new Error(`worker failed for ${size.name}: ${child.stderr}`);
      const r = JSON.parse(child.stdout) as WorkerResult;
      results[size.name] = { built: { ...built, measureKeys: undefined, buildMs }, ...r };
      console.log(
        `${size.name}: ${size.measures} measures × ${size.months} months${size.teams ? ` × ${size.teams} teams` : ''} = ${built.observations.toLocaleString('en-GB')} observations, ${built.clinics} clinics, ${built.notes.toLocaleString('en-GB')} notes, ${built.actions} actions; file ${r.fileMb.toFixed(1)} MB (built in ${(buildMs / 1000).toFixed(1)} s)`,
      );
      console.log(`  sql.js WebAssembly load (once per process)  ${fmt(r.wasmInit)}`);
      console.log(`  open (read, checks, journal check)         ${fig(r.open)}`);
      console.log(`  clinic comparison (query + domain)         ${fig(r.report)}`);
      console.log(`  measure detail (history of one measure)    ${fig(r.detail)}`);
      console.log(`  confirmed note edit (journal + fsync)      ${fig(r.confirmedEdit)}`);
      console.log(
        `  baseline: edit + save whole file           ${fig(r.naiveEdit)}  (${(r.naiveEdit.median / r.confirmedEdit.median).toFixed(0)}× the journal)`,
      );
      console.log(`  peak memory of the main-side process       ${r.peakRssMb.toFixed(0)} MB`);
      if (size.name === 'large') {
        for (const b of BUDGETS) {
          const v = b.value(r);
          console.log(
            `  budget ${b.label.padEnd(20)} ${fmt(v)} ${b.unit} of ${b.limit} ${b.unit}: ${v <= b.limit ? 'met' : 'MISSED'}`,
          );
        }
      }
      console.log('');
    }

    const rendererDir = path.resolve(__dirname, '../renderer');
    const renderer: Record<string, unknown> = {};
    for (const measures of [60, 500]) {
      const file = path.join(dir, `renderer-${measures}.db`);
      await buildSyntheticFile(file, { name: `renderer-${measures}`, measures, months: 13, teams: 0 });
      const r = await benchRenderer(rendererDir, file, 5);
      renderer[measures] = r;
      console.log(
        `renderer, ${r.measures} measures: table painted ${fig(r.paint)}, re-sort ${fig(r.sort)}, re-filter ${fig(r.filter)}${measures === 500 ? `; budget 200 ms: ${r.paint.median <= 200 ? 'met' : 'MISSED'}` : ''}`,
      );
    }
    results.renderer = renderer;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out = path.resolve('bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${path.join(out, 'bench.json')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
