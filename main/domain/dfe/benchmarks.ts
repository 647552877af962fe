/**
 * From a DfE table, a mapping, the council's code and the neighbour model: what a benchmark is
 * for each year. England, the council's region, each neighbour's value (or why it is not shown),
 * the neighbours' mean and median over the values shown, the council's own published value, its
 * rank among itself and its neighbours and its quartile among every local authority with a value.
 */
import type { Benchmarks, Polarity } from '../types';
import type { BenchmarkDetails } from '../views';
import { UserError } from '../../errors';
import { dfeValue, type DfeRow, type DfeTable, type DfeValue, type ReportingYear } from './dfe-table';
import { mappingApplies, rowMatches, type DfeMapping } from './mapping';
import type { NeighbourModel } from './neighbours';

export interface NeighbourValue {
  code: string;
  name: string;
  value: number | null;
  /** DfE's suppression code, or 'missing' when the neighbour has no row that year. */
  suppressed?: string;
}

export interface Summary {
  value: number | null;
  /** Neighbours whose value was used, and how many there are. */
  used: number;
  of: number;
}

export interface BenchmarkYear {
  measure: string;
  year: ReportingYear;
  /** File and column the figures came from. */
  source: string;
  national: number | null;
  regional: { code: string; name: string; value: number | null } | null;
  own: {
    code: string;
    name: string;
    value: number | null;
    suppressed?: string;
    /** 1 = best given the measure's polarity (lowest first where there is none), among itself and its neighbours. */
    rank: number | null;
    rankOf: number;
    /** 1 = the best quarter of all local authorities with a value. */
    quartile: 1 | 2 | 3 | 4 | null;
  };
  neighbours: NeighbourValue[];
  mean: Summary;
  median: Summary;
}

export interface Problem {
  file: string;
  row: number | null;
  reason: string;
}

function valueAt(row: DfeRow, column: string, file: string): DfeValue | null {
  try {
    return dfeValue(row.cells.get(column) ?? '');
  } catch (error) {
    throw new UserError(`${file}, row ${row.row}, column ${column}: ${(error as Error).message}.`);
  }
}

function numberOf(value: DfeValue | null): number | null {
  return value && 'value' in value ? value.value : null;
}

/** Best first: higher first when higher is better, lower first otherwise (and where there is no good direction). */
function better(polarity: Polarity): (a: number, b: number) => number {
  return polarity === 'higher_is_better' ? (a, b) => b - a : (a, b) => a - b;
}

/** Standard competition ranking: ties share the best place (1, 2, 2, 4). */
export function rankOf(value: number, among: readonly number[], polarity: Polarity): number {
  const sorted = [...among].sort(better(polarity));
  return sorted.findIndex((v) => v === value) + 1;
}

/** The quarter a value falls in among all values, 1 the best: position p of n is in quarter ⌈4p/n⌉. */
export function quartileOf(value: number, among: readonly number[], polarity: Polarity): 1 | 2 | 3 | 4 {
  const place = rankOf(value, among, polarity);
  return Math.min(4, Math.max(1, Math.ceil((4 * place) / among.length))) as 1 | 2 | 3 | 4;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The row for one place in one year; two rows that both match the mapping are a problem with the file. */
function single(rows: DfeRow[], what: string, file: string): DfeRow | undefined {
  if (rows.length > 1) {
    throw new UserError(
      `${file} has ${rows.length} rows for ${what} (rows ${rows.map((r) => r.row).join(', ')}): the mapping's filters do not pick one.`,
    );
  }
  return rows[0];
}

/**
 * Every year of one mapped measure in one file, for one council. Throws a UserError when the
 * council is not in the file; a year with no figure for the council is left out and named in
 * `problems`.
 */
export function benchmarkYears(
  table: DfeTable,
  mapping: DfeMapping,
  laCode: string,
  model: NeighbourModel | null,
  polarity: Polarity,
): { years: BenchmarkYear[]; problems: Problem[] } {
  if (!mappingApplies(mapping, table.columns)) return { years: [], problems: [] };
  const file = table.name;
  const code = laCode.trim().toUpperCase();
  const rows = table.rows.filter((r) => rowMatches(mapping, r.cells));
  const ownRows = rows.filter(
    (r) => r.level === 'Local authority' && (r.oldLaCode === code || r.newLaCode.toUpperCase() === code),
  );
  if (ownRows.length === 0) {
    throw new UserError(
      `${file} has no rows for the local authority ${laCode}. Check the code: Barnsley is 370 or E08000016.`,
    );
  }
  const problems: Problem[] = [];
  const years = [...new Map(rows.map((r) => [r.year.label, r.year])).values()].sort((a, b) =>
    a.ends < b.ends ? -1 : 1,
  );
  const result: BenchmarkYear[] = [];
  for (const year of years) {
    const inYear = rows.filter((r) => r.year.label === year.label);
    const own = single(
      inYear.filter((r) => ownRows.includes(r)),
      `${laCode} in ${year.label}`,
      file,
    );
    if (!own) {
      problems.push({ file, row: null, reason: `${year.label}: no row for ${laCode}, so that year is not loaded.` });
      continue;
    }
    const national = single(
      inYear.filter((r) => r.level === 'National'),
      `England in ${year.label}`,
      file,
    );
    const region = single(
      inYear.filter((r) => r.level === 'Regional' && r.regionCode === own.regionCode),
      `${own.regionName} in ${year.label}`,
      file,
    );
    const las = inYear.filter((r) => r.level === 'Local authority');
    const byOld = new Map(las.map((r) => [r.oldLaCode, r]));
    const ownValue = valueAt(own, mapping.column, file);
    const entry = model?.get(own.oldLaCode);
    if (model && !entry) {
      problems.push({
        file,
        row: own.row,
        reason: `${own.laName} (${own.oldLaCode}) is not in the statistical neighbour model, so no neighbours are shown.`,
      });
    }
    const neighbours: NeighbourValue[] = (entry?.neighbours ?? []).map((n) => {
      const row = byOld.get(n.code);
      if (!row) return { code: n.code, name: n.name, value: null, suppressed: 'missing' };
      const v = valueAt(row, mapping.column, file);
      if (v === null) return { code: n.code, name: row.laName || n.name, value: null, suppressed: 'missing' };
      return 'value' in v
        ? { code: n.code, name: row.laName || n.name, value: v.value }
        : { code: n.code, name: row.laName || n.name, value: null, suppressed: v.suppressed };
    });
    const shown = neighbours.flatMap((n) => (n.value === null ? [] : [n.value]));
    const all = las.flatMap((r) => {
      const v = numberOf(valueAt(r, mapping.column, file));
      return v === null ? [] : [v];
    });
    const ownNumber = numberOf(ownValue);
    result.push({
      measure: mapping.measure,
      year,
      source: `${file}: ${mapping.column}`,
      national: national ? numberOf(valueAt(national, mapping.column, file)) : null,
      regional: region
        ? { code: region.regionCode, name: region.regionName, value: numberOf(valueAt(region, mapping.column, file)) }
        : null,
      own: {
        code: own.oldLaCode,
        name: own.laName,
        value: ownNumber,
        ...(ownValue && 'suppressed' in ownValue ? { suppressed: ownValue.suppressed } : {}),
        ...(ownValue === null ? { suppressed: 'missing' } : {}),
        rank: ownNumber === null ? null : rankOf(ownNumber, [ownNumber, ...shown], polarity),
        rankOf: shown.length + 1,
        quartile: ownNumber === null ? null : quartileOf(ownNumber, all, polarity),
      },
      neighbours,
      mean: { value: mean(shown), used: shown.length, of: neighbours.length },
      median: { value: median(shown), used: shown.length, of: neighbours.length },
    });
  }
  return { years: result, problems };
}

/** The month DfE publishes a year's figures: the November after a year to 31 March, the March after an academic year. */
export function publishedIn(year: ReportingYear): string {
  const [y, m] = year.ends.split('-').map(Number) as [number, number];
  if (m === 3) return `${y}-11`;
  if (m === 8) return `${y + 1}-03`;
  return `${y + 1}-06`;
}

/**
 * The year a clinic for `period` shows: the latest published by then. Also the latest year
 * that exists, when it was published later (offered beside it as "since published").
 */
export function yearShown<T extends { year: ReportingYear }>(
  period: string,
  years: readonly T[],
): { shown: T | null; sincePublished: T | null } {
  const sorted = [...years].sort((a, b) => (a.year.ends < b.year.ends ? -1 : 1));
  const published = sorted.filter((y) => publishedIn(y.year) <= period);
  const shown = published.at(-1) ?? null;
  const latest = sorted.at(-1) ?? null;
  return { shown, sincePublished: latest && latest !== shown ? latest : null };
}

/** A benchmark more than this many years older than the clinic's own year is marked as old. */
export const OLD_AFTER_YEARS = 2;

/**
 * How many years older than the clinic's year a benchmark's year is: an October 2023 clinic is in
 * 2023-24, so 2021-22 is 2 years older (not old) and 2020-21 is 3 (old).
 */
export function yearsOlder(year: ReportingYear, period: string): number {
  const [py, pm] = period.split('-').map(Number) as [number, number];
  const clinicYearStart = pm >= 4 ? py : py - 1;
  const [ey, em] = year.ends.split('-').map(Number) as [number, number];
  const benchmarkYearStart = em <= 3 ? ey - 1 : em <= 8 ? ey - 1 : ey;
  return clinicYearStart - benchmarkYearStart;
}

export function isOld(year: ReportingYear, period: string): boolean {
  return yearsOlder(year, period) > OLD_AFTER_YEARS;
}

/**
 * The benchmarks a clinic for `period` shows from the years loaded: the year published by then,
 * with every figure's year and source, the neighbours by name, and a later year if one exists.
 * Null when no year was published by the period.
 */
export function detailsFor(
  years: readonly BenchmarkYear[],
  period: string,
  method: 'mean' | 'median',
): { benchmarks: Benchmarks; details: BenchmarkDetails } | null {
  const { shown, sincePublished } = yearShown(period, years);
  if (!shown) return null;
  const year = shown.year.label;
  const old = isOld(shown.year, period);
  const source = `DfE, ${shown.source}`;
  const summary = method === 'median' ? shown.median : shown.mean;
  const sn = shown.neighbours.length > 0 && summary.value !== null ? summary.value : null;
  const details: BenchmarkDetails = {
    national: shown.national === null ? null : { value: shown.national, year, source, old },
    regional:
      shown.regional?.value == null
        ? null
        : { value: shown.regional.value, year, source, old, name: shown.regional.name },
    statistical_neighbours:
      sn === null
        ? null
        : {
            value: sn,
            year,
            source,
            old,
            method,
            used: summary.used,
            of: summary.of,
            neighbours: shown.neighbours.map((n) =>
              n.value === null
                ? { code: n.code, name: n.name, suppressed: n.suppressed ?? 'missing' }
                : { code: n.code, name: n.name, value: n.value },
            ),
          },
    own: { value: shown.own.value, year, rank: shown.own.rank, of: shown.own.rankOf, quartile: shown.own.quartile },
    since_published: sincePublished ? { year: sincePublished.year.label, national: sincePublished.national } : null,
  };
  return {
    benchmarks: {
      national: details.national?.value ?? null,
      regional: details.regional?.value ?? null,
      statistical_neighbours: details.statistical_neighbours?.value ?? null,
    },
    details,
  };
}
