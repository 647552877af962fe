/** Named queries for benchmarks loaded from DfE's statistics (schema 8). */
import type { BenchmarkYear } from '../domain/dfe/benchmarks';
import type { DfeMapping } from '../domain/dfe/mapping';
import type { ClinicDatabase } from './database';

export interface StoredBenchmark {
  measure: string;
  year: string;
  detail: BenchmarkYear;
  loaded_at: string;
  loaded_by: string;
}

export interface DfeLoad {
  id: number;
  la: string;
  files: string[];
  /** Each row the load wrote, and what it replaced (null: there was none). */
  replaced: Array<{ measure: string; year: string; before: StoredBenchmark | null }>;
  loaded_at: string;
  loaded_by: string;
  undone_at: string | null;
}

interface Row {
  measure: string;
  year: string;
  detail: string;
  loaded_at: string;
  loaded_by: string;
}

const parse = (row: Row): StoredBenchmark => ({ ...row, detail: JSON.parse(row.detail) as BenchmarkYear });

export function storedBenchmarks(db: ClinicDatabase, measure?: string): StoredBenchmark[] {
  const rows =
    measure === undefined
      ? db.all<Row>(
          'SELECT measure, year, detail, loaded_at, loaded_by FROM dfe_benchmarks ORDER BY measure, year_ends',
        )
      : db.all<Row>(
          'SELECT measure, year, detail, loaded_at, loaded_by FROM dfe_benchmarks WHERE measure = ? ORDER BY year_ends',
          [measure],
        );
  return rows.map(parse);
}

export function storedBenchmark(db: ClinicDatabase, measure: string, year: string): StoredBenchmark | null {
  const row = db.get<Row>(
    'SELECT measure, year, detail, loaded_at, loaded_by FROM dfe_benchmarks WHERE measure = ? AND year = ?',
    [measure, year],
  );
  return row ? parse(row) : null;
}

export function putBenchmark(db: ClinicDatabase, b: StoredBenchmark): void {
  db.run(
    `INSERT INTO dfe_benchmarks (measure, year, year_ends, detail, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (measure, year) DO UPDATE SET year_ends = excluded.year_ends, detail = excluded.detail,
         loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by`,
    [b.measure, b.year, b.detail.year.ends, JSON.stringify(b.detail), b.loaded_at, b.loaded_by],
  );
}

export function deleteBenchmark(db: ClinicDatabase, measure: string, year: string): void {
  db.run('DELETE FROM dfe_benchmarks WHERE measure = ? AND year = ?', [measure, year]);
}

export function dfeSetting(db: ClinicDatabase, key: 'la' | 'neighbour_summary'): string | null {
  return db.get<{ value: string }>('SELECT value FROM dfe_settings WHERE key = ?', [key])?.value ?? null;
}

export function setDfeSetting(db: ClinicDatabase, key: 'la' | 'neighbour_summary', value: string): void {
  db.run('INSERT INTO dfe_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
    key,
    value,
  ]);
}

export function recordLoad(db: ClinicDatabase, load: Omit<DfeLoad, 'id' | 'undone_at'>): void {
  db.run('INSERT INTO dfe_loads (la, files, replaced, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?)', [
    load.la,
    JSON.stringify(load.files),
    JSON.stringify(load.replaced),
    load.loaded_at,
    load.loaded_by,
  ]);
}

/** The last load not yet undone. */
export function lastLoad(db: ClinicDatabase): DfeLoad | null {
  const row = db.get<Omit<DfeLoad, 'files' | 'replaced'> & { files: string; replaced: string }>(
    'SELECT id, la, files, replaced, loaded_at, loaded_by, undone_at FROM dfe_loads WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1',
  );
  return row
    ? { ...row, files: JSON.parse(row.files) as string[], replaced: JSON.parse(row.replaced) as DfeLoad['replaced'] }
    : null;
}

export function markLoadUndone(db: ClinicDatabase, id: number, at: string, who: string): void {
  db.run('UPDATE dfe_loads SET undone_at = ?, undone_by = ? WHERE id = ?', [at, who, id]);
}

/** The council's own mappings, by measure. */
export function councilMappings(db: ClinicDatabase): DfeMapping[] {
  return db
    .all<{ measure: string; column_name: string; filters: string; match: 'exact' | 'nearest'; note: string }>(
      'SELECT measure, column_name, filters, match, note FROM dfe_mappings ORDER BY measure',
    )
    .map((r) => ({
      measure: r.measure,
      column: r.column_name,
      filters: JSON.parse(r.filters) as Record<string, string>,
      match: r.match,
      note: r.note,
      source: 'the council’s own mapping',
    }));
}

export function putMapping(db: ClinicDatabase, m: DfeMapping, at: string, who: string): void {
  db.run(
    `INSERT INTO dfe_mappings (measure, column_name, filters, match, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (measure) DO UPDATE SET column_name = excluded.column_name, filters = excluded.filters,
         match = excluded.match, note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [m.measure, m.column, JSON.stringify(m.filters), m.match, m.note, at, who],
  );
}

export function deleteMapping(db: ClinicDatabase, measure: string): boolean {
  const had = db.get('SELECT 1 AS x FROM dfe_mappings WHERE measure = ?', [measure]) !== undefined;
  db.run('DELETE FROM dfe_mappings WHERE measure = ?', [measure]);
  return had;
}
