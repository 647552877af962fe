import type { ClinicDatabase } from '../database';
import { captureTriggers, REPLICATED as AT_7, type ReplicatedTable } from './007-changes';

const MEASURES_AT_7 = AT_7.find((t) => t.table === 'measures')!;

/**
 * The measures table as it merges from schema 13, frozen here as 007's list is at 7: schema 7's
 * columns and `part_of`. ../replicated.ts puts it in the place of schema 7's entry, so the merge
 * keeps applying measures before the tables that refer to them.
 */
export const MEASURES_013: ReplicatedTable = {
  ...MEASURES_AT_7,
  columns: [...MEASURES_AT_7.columns, 'part_of'],
};

/** The columns of measures before this schema, in order: the rebuild copies exactly these. */
const COLUMNS_AT_11 = [
  'key',
  'title',
  'definition',
  'area',
  'unit',
  'polarity',
  'frequency',
  'tolerance',
  'bench_national',
  'bench_regional',
  'bench_statistical_neighbours',
  'sort_order',
  'numerator_label',
  'denominator_label',
  'data_source',
  'bench_national_year',
  'bench_regional_year',
  'bench_statistical_neighbours_year',
  'retired_at',
] as const;

/**
 * Schema 13: rates per 10,000 children, and counts that are part of another (issue 14).
 *
 * - measures.unit may be 'rate_10k' (children in care, in need and on a plan per 10,000 children,
 *   as DfE benchmarks them). SQLite cannot change a CHECK constraint, so the table is rebuilt:
 *   every column, its foreign key to areas and its capture triggers are kept; rows are copied
 *   unchanged.
 * - measures.part_of names the measure a count is part of ("6 of the 19 suspended": the
 *   suspended children with an EHCP are part of those suspended). It is not a foreign key: a
 *   merge applies measures one by one, in no order among themselves, so a measure may arrive
 *   before the one it is part of; the API checks the base exists, and readers ignore one that
 *   does not.
 *
 * Other tables refer to measures, and foreign keys stay on while a file migrates (one
 * transaction), so the rebuild defers them: dropping the old table counts each row that refers
 * to it as a violation, and putting each measure back into the new table counts its rows off
 * again, so the transaction commits only if every reference is whole again. The copy goes
 * through a temporary table for that reason: the rows must be inserted after the new table has
 * the name the references use. Triggers are made last, so the copy records no changes: the rows
 * are the same on every copy of the file.
 */
export function migrate013(db: ClinicDatabase): void {
  const found = db.all<{ name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid', ['measures']);
  const names = found.map((c) => c.name);
  if (names.join(',') !== COLUMNS_AT_11.join(',')) {
    // A column added by another schema would be lost by the rebuild below: refuse rather than lose it.
    throw new Error(`migration 12 expects the measures columns ${COLUMNS_AT_11.join(', ')}; found ${names.join(', ')}`);
  }
  const columns = COLUMNS_AT_11.join(', ');
  db.exec(`
    PRAGMA defer_foreign_keys = ON;
    CREATE TEMP TABLE measures_at_11 AS SELECT ${columns} FROM main.measures;
    DROP TABLE main.measures;
    CREATE TABLE measures (
      key TEXT PRIMARY KEY CHECK (key GLOB '[a-z0-9_]*' AND length(key) BETWEEN 1 AND 100),
      title TEXT NOT NULL CHECK (length(title) > 0),
      definition TEXT NOT NULL DEFAULT '',
      area TEXT NOT NULL REFERENCES areas(key),
      unit TEXT NOT NULL CHECK (unit IN ('percent', 'count', 'points', 'rate_10k')),
      polarity TEXT NOT NULL CHECK (polarity IN ('higher_is_better', 'lower_is_better', 'none')),
      frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'academic_ytd', 'financial_ytd')),
      tolerance REAL NOT NULL DEFAULT 0 CHECK (tolerance >= 0),
      bench_national REAL,
      bench_regional REAL,
      bench_statistical_neighbours REAL,
      sort_order INTEGER NOT NULL,
      numerator_label TEXT NOT NULL DEFAULT '',
      denominator_label TEXT NOT NULL DEFAULT '',
      data_source TEXT NOT NULL DEFAULT '',
      bench_national_year INTEGER,
      bench_regional_year INTEGER,
      bench_statistical_neighbours_year INTEGER,
      retired_at TEXT,
      part_of TEXT CHECK (part_of IS NULL OR (part_of GLOB '[a-z0-9_]*' AND part_of <> key))
    );
    INSERT INTO main.measures (${columns}) SELECT ${columns} FROM measures_at_11;
    DROP TABLE measures_at_11;
  `);
  db.exec(captureTriggers(MEASURES_013));
}
