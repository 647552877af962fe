/**
 * Loading benchmarks from DfE's published statistics (issue 16): like an import, a preview of
 * what will change (measure, year, old → new) comes first, nothing is written until confirmed,
 * and the last load can be undone. Each file is read by the figure import's CSV reader, so a
 * hostile file is refused the same way.
 */
import { createHash } from 'node:crypto';
import { benchmarkYears, isOld, yearShown, type BenchmarkYear, type Problem } from '../domain/dfe/benchmarks';
import { isLaCode, readDfeTable, type DfeTable } from '../domain/dfe/dfe-table';
import {
  mappingApplies,
  mappingProblem,
  mappingsInUse,
  SHIPPED_MAPPINGS,
  type DfeMapping,
  type MappingInput,
} from '../domain/dfe/mapping';
import { readNeighbourModel, type NeighbourModel } from '../domain/dfe/neighbours';
import { isPeriod } from '../domain/period';
import type { Period } from '../domain/types';
import { UserError } from '../errors';
import { cellText } from '../import/cells';
import { readCsv } from '../import/csv-reader';
import { readSourceFile } from '../import/source-file';
import { getMeasure } from '../store/catalogue';
import type { ClinicFile } from '../store/clinic-file';
import * as s from '../store/dfe-benchmarks';
import { writeAudit } from '../store/meetings';
import type { Actor } from './meetings';

export type { BenchmarkYear, Problem };

export interface DfeFile {
  name: string;
  bytes: Uint8Array;
}

/** One line of what a load changes for a measure and year. */
export interface BenchmarkLine {
  what: string;
  before: string | null;
  after: string;
}

export interface BenchmarkChange {
  measure: string;
  title: string;
  year: string;
  match: 'exact' | 'nearest';
  note: string;
  status: 'new' | 'changed' | 'unchanged';
  lines: BenchmarkLine[];
}

export interface LoadResult {
  dryRun: boolean;
  la: { code: string; name: string };
  files: Array<{ name: string; kind: 'statistics' | 'neighbour model'; measures: string[] }>;
  changes: BenchmarkChange[];
  /** Mapped DfE figures for measures this catalogue does not have: what to add to use them. */
  notInCatalogue: Array<{ measure: string; title: string; column: string; source: string }>;
  problems: Problem[];
  /** True when no neighbour model was given, so no neighbours, mean, median or rank were worked out. */
  noNeighbourModel: boolean;
}

export interface UndoLoadResult {
  files: string[];
  restored: number;
  removed: number;
}

/** What a clinic for one period shows of a measure's DfE benchmarks. */
export interface BenchmarkView {
  measure: string;
  period: Period;
  summary: 'mean' | 'median';
  shown: (BenchmarkYear & { old: boolean }) | null;
  sincePublished: BenchmarkYear | null;
  years: BenchmarkYear[];
}

const ONE_DECIMAL = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

function figure(value: number | null, suppressed?: string): string {
  if (value !== null) return ONE_DECIMAL.format(value);
  return suppressed && suppressed !== 'missing' ? `suppressed (${suppressed})` : 'none';
}

/** The lines a person checks in a preview: the same lines for what is stored and what will be. */
function linesOf(b: BenchmarkYear): Map<string, string> {
  const lines = new Map<string, string>();
  lines.set('England', figure(b.national));
  if (b.regional) lines.set(b.regional.name, figure(b.regional.value));
  lines.set(b.own.name, figure(b.own.value, b.own.suppressed));
  if (b.neighbours.length > 0) {
    lines.set('Neighbours’ mean', `${figure(b.mean.value)} (${b.mean.used} of ${b.mean.of})`);
    lines.set('Neighbours’ median', `${figure(b.median.value)} (${b.median.used} of ${b.median.of})`);
    if (b.own.rank !== null) lines.set('Rank among neighbours', `${b.own.rank} of ${b.own.rankOf}`);
  }
  if (b.own.quartile !== null) lines.set('Quartile in England', String(b.own.quartile));
  return lines;
}

export function compareYears(before: BenchmarkYear | null, after: BenchmarkYear): BenchmarkLine[] {
  const old = before ? linesOf(before) : new Map<string, string>();
  return [...linesOf(after)].map(([what, value]) => ({ what, before: old.get(what) ?? null, after: value }));
}

function isNeighbourModel(header: readonly string[]): boolean {
  const lower = header.map((c) =>
    c
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  return lower.includes('sn_1') || lower.includes('sn1');
}

export type DfeMappingInUse = DfeMapping & { origin: 'shipped' | 'council' };

/** What the Benchmarks page shows before anything is chosen. */
export interface DfeStatus {
  /** The council's LA code from the last load, to offer again. */
  la: string | null;
  summary: 'mean' | 'median';
  lastLoad: { files: string[]; loaded_at: string; loaded_by: string } | null;
}

function readFiles(paths: readonly string[]): DfeFile[] {
  return paths.map((p) => readSourceFile(p, 'a CSV file', ' Nothing has been loaded.'));
}

const hashOf = (files: readonly DfeFile[]) =>
  files.map((f) => createHash('sha256').update(f.bytes).digest('hex')).join(' ');

export class DfeBenchmarks {
  /** The files the window previewed, waiting for the person to confirm (nothing written yet). */
  private pending: { la: string; paths: string[]; hash: string } | null = null;

  constructor(
    private readonly file: () => ClinicFile,
    readonly actor: Actor,
    private readonly shipped: readonly DfeMapping[] = SHIPPED_MAPPINGS,
  ) {}

  /** Every mapping in use: those shipped with the app and the council's own (which replace a shipped one for the same measure). */
  mappings(): DfeMappingInUse[] {
    const council = s.councilMappings(this.db);
    const own = new Set(council.map((m) => m.measure));
    return mappingsInUse(this.shipped, council).map((m) => ({
      ...m,
      origin: own.has(m.measure) ? 'council' : 'shipped',
    }));
  }

  /** Adds or replaces the council's own mapping of a DfE column to one of its measures. */
  setMapping(input: MappingInput): DfeMappingInUse[] {
    const measure = getMeasure(this.db, input.measure);
    if (!measure)
      throw new UserError(`There is no measure "${input.measure}" in this clinic file to map a DfE column to.`);
    const mapping = { ...input, column: input.column.trim(), note: input.note.trim() };
    const problem = mappingProblem(mapping);
    if (problem) throw new UserError(problem);
    const at = this.actor.now().toISOString();
    this.file().commit(() => {
      s.putMapping(this.db, { ...mapping, source: 'the council’s own mapping' }, at, this.actor.who);
      writeAudit(this.db, {
        at,
        who: this.actor.who,
        entity: 'benchmarks',
        entity_id: input.measure,
        action: 'DfE mapping set',
        before: null,
        after: JSON.stringify(mapping),
        measure: input.measure,
      });
    });
    return this.mappings();
  }

  /** Removes the council's own mapping of a measure (a shipped one, if any, applies again). */
  removeMapping(measure: string): DfeMappingInUse[] {
    if (!s.councilMappings(this.db).some((m) => m.measure === measure))
      throw new UserError(`"${measure}" has no mapping of the council’s own to remove.`);
    this.file().commit(() => {
      s.deleteMapping(this.db, measure);
      writeAudit(this.db, {
        at: this.actor.now().toISOString(),
        who: this.actor.who,
        entity: 'benchmarks',
        entity_id: measure,
        action: 'DfE mapping removed',
        before: null,
        after: null,
        measure,
      });
    });
    return this.mappings();
  }

  private get db() {
    return this.file().db;
  }

  /** Reads paths from disk (the command line) and loads them. */
  async loadPaths(la: string, paths: readonly string[], options: { dryRun: boolean }): Promise<LoadResult> {
    return this.load(la, readFiles(paths), options);
  }

  /** Previews files the person chose in the window, writing nothing, and keeps them for `confirm`. */
  async preview(la: string, paths: readonly string[]): Promise<LoadResult> {
    this.pending = null;
    const files = readFiles(paths);
    const result = await this.load(la, files, { dryRun: true });
    this.pending = { la, paths: [...paths], hash: hashOf(files) };
    return result;
  }

  /** Loads what was previewed, if the files are still what the preview showed. */
  async confirm(): Promise<LoadResult> {
    const pending = this.pending;
    if (!pending) throw new UserError('Choose the DfE files to load first: nothing is waiting to be loaded.');
    const files = readFiles(pending.paths);
    if (hashOf(files) !== pending.hash) {
      throw new UserError(
        'A file has changed since it was checked, so nothing has been loaded. Choose the files again to see what they hold now.',
      );
    }
    const result = await this.load(pending.la, files, { dryRun: false });
    this.pending = null;
    return result;
  }

  cancel(): void {
    this.pending = null;
  }

  status(): DfeStatus {
    const last = s.lastLoad(this.db);
    return {
      la: s.dfeSetting(this.db, 'la'),
      summary: this.neighbourSummary(),
      lastLoad: last ? { files: last.files, loaded_at: last.loaded_at, loaded_by: last.loaded_by } : null,
    };
  }

  /**
   * Works out every mapped benchmark in the files for the council `la` (old code 370 or new code
   * E08000016) and, unless a dry run, writes them in one change with an audit entry.
   */
  async load(la: string, files: readonly DfeFile[], options: { dryRun: boolean }): Promise<LoadResult> {
    const code = la.trim();
    if (!isLaCode(code)) {
      throw new UserError(
        `"${code.slice(0, 20)}" is not a local authority code: give the old three-digit code (Barnsley is 370) or the nine-character one (E08000016).`,
      );
    }
    if (files.length === 0) throw new UserError('Choose at least one DfE statistics file (.csv) to load.');
    const tables: DfeTable[] = [];
    let model: NeighbourModel | null = null;
    const described: LoadResult['files'] = [];
    for (const f of files) {
      const book = await readCsv(f.bytes, f.name);
      const records = (book.sheets[0]?.rows ?? []).map((r) => ({ row: r.row, cells: r.cells.map((c) => cellText(c)) }));
      const header = records.find((r) => r.cells.some((c) => c.trim() !== ''))?.cells ?? [];
      if (isNeighbourModel(header)) {
        if (model) throw new UserError(`${f.name} is a second statistical neighbour model: load one model at a time.`);
        model = readNeighbourModel(f.name, records);
        described.push({ name: f.name, kind: 'neighbour model', measures: [] });
      } else {
        const table = readDfeTable(f.name, records);
        tables.push(table);
        described.push({
          name: f.name,
          kind: 'statistics',
          measures: [],
        });
      }
    }
    if (tables.length === 0) {
      throw new UserError('Only a neighbour model was chosen: add the DfE statistics files (.csv) to load with it.');
    }

    const mappings = this.mappings();
    const problems: Problem[] = [];
    const results: Array<{ mapping: DfeMapping; title: string; year: BenchmarkYear }> = [];
    const notInCatalogue: LoadResult['notInCatalogue'] = [];
    let own: { code: string; name: string } | null = null;
    for (const table of tables) {
      const applying = mappings.filter((m) => mappingApplies(m, table.columns));
      const entry = described.find((d) => d.name === table.name);
      if (entry) entry.measures = applying.filter((m) => getMeasure(this.db, m.measure)).map((m) => m.measure);
      if (applying.length === 0) {
        problems.push({
          file: table.name,
          row: null,
          reason: `none of its columns is one the app maps to a measure (it maps ${[...new Set(mappings.map((m) => m.column))].join(', ')}), so nothing was taken from it.`,
        });
        continue;
      }
      for (const mapping of applying) {
        const measure = getMeasure(this.db, mapping.measure);
        if (!measure) {
          notInCatalogue.push({
            measure: mapping.measure,
            title: mapping.suggested?.title ?? mapping.measure,
            column: mapping.column,
            source: table.name,
          });
          continue;
        }
        const found = benchmarkYears(table, mapping, code, model, measure.polarity);
        problems.push(...found.problems);
        if (found.years.length === 0) {
          problems.push({
            file: table.name,
            row: null,
            reason: `no year has a figure for ${code} in ${mapping.column}.`,
          });
        }
        for (const year of found.years) {
          own ??= { code: year.own.code, name: year.own.name };
          results.push({ mapping, title: measure.title, year });
        }
      }
    }

    const changes: BenchmarkChange[] = results.map(({ mapping, title, year }) => {
      const before = s.storedBenchmark(this.db, mapping.measure, year.year.label);
      const same = before !== null && JSON.stringify(before.detail) === JSON.stringify(year);
      return {
        measure: mapping.measure,
        title,
        year: year.year.label,
        match: mapping.match,
        note: mapping.note,
        status: before === null ? 'new' : same ? 'unchanged' : 'changed',
        lines: compareYears(before?.detail ?? null, year),
      };
    });
    const result: LoadResult = {
      dryRun: options.dryRun,
      la: own ?? { code, name: code },
      files: described,
      changes,
      notInCatalogue,
      problems,
      noNeighbourModel: model === null,
    };
    const toWrite = results.filter((_, i) => changes[i]!.status !== 'unchanged');
    if (options.dryRun || toWrite.length === 0) return result;

    const at = this.actor.now().toISOString();
    const who = this.actor.who;
    this.file().commit(() => {
      const replaced = toWrite.map(({ mapping, year }) => ({
        measure: mapping.measure,
        year: year.year.label,
        before: s.storedBenchmark(this.db, mapping.measure, year.year.label),
      }));
      for (const { mapping, year } of toWrite) {
        s.putBenchmark(this.db, {
          measure: mapping.measure,
          year: year.year.label,
          detail: year,
          loaded_at: at,
          loaded_by: who,
        });
      }
      s.setDfeSetting(this.db, 'la', result.la.code);
      s.recordLoad(this.db, {
        la: result.la.code,
        files: files.map((f) => f.name),
        replaced,
        loaded_at: at,
        loaded_by: who,
      });
      writeAudit(this.db, {
        at,
        who,
        entity: 'benchmarks',
        entity_id: result.la.code,
        action: 'DfE benchmarks loaded',
        before: null,
        after: JSON.stringify({ files: files.map((f) => f.name), rows: toWrite.length }),
        measure: null,
      });
    });
    return result;
  }

  /** Puts back what the last load replaced (and removes what it added). */
  undoLast(): UndoLoadResult {
    const load = s.lastLoad(this.db);
    if (!load) throw new UserError('No load of DfE benchmarks is left to undo in this file.');
    let restored = 0;
    let removed = 0;
    const at = this.actor.now().toISOString();
    this.file().commit(() => {
      for (const r of load.replaced) {
        if (r.before) {
          s.putBenchmark(this.db, r.before);
          restored++;
        } else {
          s.deleteBenchmark(this.db, r.measure, r.year);
          removed++;
        }
      }
      s.markLoadUndone(this.db, load.id, at, this.actor.who);
      writeAudit(this.db, {
        at,
        who: this.actor.who,
        entity: 'benchmarks',
        entity_id: load.la,
        action: 'DfE benchmarks load undone',
        before: JSON.stringify({ files: load.files }),
        after: null,
        measure: null,
      });
    });
    return { files: load.files, restored, removed };
  }

  /** Whether clinics show the neighbours' mean (as LAIT did) or median (as DfE's own dashboard does). */
  neighbourSummary(): 'mean' | 'median' {
    return s.dfeSetting(this.db, 'neighbour_summary') === 'median' ? 'median' : 'mean';
  }

  setNeighbourSummary(summary: 'mean' | 'median'): void {
    if (summary !== 'mean' && summary !== 'median') throw new UserError('Show the neighbours’ mean or their median.');
    if (summary === this.neighbourSummary()) return;
    this.file().commit(() => s.setDfeSetting(this.db, 'neighbour_summary', summary));
  }

  /** The DfE benchmarks of one measure as a clinic for `period` shows them. */
  forMeasure(measure: string, period: Period): BenchmarkView {
    if (!isPeriod(period)) throw new UserError(`Say the month as YYYY-MM (got "${period}").`);
    if (!getMeasure(this.db, measure)) throw new UserError(`There is no measure "${measure}" in this clinic file.`);
    return benchmarkView(measure, period, this.neighbourSummary(), s.storedBenchmarks(this.db, measure));
  }
}

export function benchmarkView(
  measure: string,
  period: Period,
  summary: 'mean' | 'median',
  stored: readonly s.StoredBenchmark[],
): BenchmarkView {
  const years = stored.map((b) => b.detail);
  const { shown, sincePublished } = yearShown(period, years);
  return {
    measure,
    period,
    summary,
    shown: shown ? { ...shown, old: isOld(shown.year, period) } : null,
    sincePublished,
    years,
  };
}
