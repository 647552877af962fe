import type { ClinicDatabase } from '../database';
import { captureTriggers, type ReplicatedTable } from './007-changes';

/** Frozen at schema 10, as 007's list is at 7: the triggers below are made from these. */
export const REPLICATED_010: readonly ReplicatedTable[] = [
  {
    table: 'dfe_benchmarks',
    key: ['measure', 'year'],
    columns: ['year_ends', 'detail', 'loaded_at', 'loaded_by'],
    refs: {},
  },
  { table: 'dfe_settings', key: ['key'], columns: ['value'], refs: {} },
  {
    table: 'dfe_mappings',
    key: ['measure'],
    columns: ['column_name', 'filters', 'match', 'note', 'updated_at', 'updated_by'],
    refs: {},
  },
];

/**
 * Schema 10: benchmarks loaded from DfE's published statistics (issue 16).
 *
 * - dfe_benchmarks: one row per measure and reporting year ("2021-22"), its figures as JSON
 *   (England, region, each neighbour's value or suppression code, mean and median with the count
 *   used, the council's own value, rank and quartile, the file and column they came from).
 * - dfe_settings: the council's LA code and whether clinics show the neighbours' mean or median.
 * - dfe_mappings: the council's own mappings from a DfE column to a measure, beside those shipped.
 * - dfe_loads: each load and the rows it replaced, so the last one can be undone on this copy.
 * The first two merge between copies like the rest of the clinic; a load's undo record does not.
 */
export function migrate010(db: ClinicDatabase): void {
  db.exec(`
    CREATE TABLE dfe_benchmarks (
      measure TEXT NOT NULL,
      year TEXT NOT NULL CHECK (year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR year GLOB '[0-9][0-9][0-9][0-9]'),
      year_ends TEXT NOT NULL CHECK (year_ends GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      detail TEXT NOT NULL CHECK (json_valid(detail)),
      loaded_at TEXT NOT NULL,
      loaded_by TEXT NOT NULL,
      PRIMARY KEY (measure, year)
    ) WITHOUT ROWID;

    CREATE TABLE dfe_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE dfe_mappings (
      measure TEXT PRIMARY KEY,
      column_name TEXT NOT NULL CHECK (length(trim(column_name)) > 0),
      filters TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(filters)),
      match TEXT NOT NULL CHECK (match IN ('exact', 'nearest')),
      note TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE dfe_loads (
      id INTEGER PRIMARY KEY,
      la TEXT NOT NULL,
      files TEXT NOT NULL CHECK (json_valid(files)),
      replaced TEXT NOT NULL CHECK (json_valid(replaced)),
      loaded_at TEXT NOT NULL,
      loaded_by TEXT NOT NULL,
      undone_at TEXT,
      undone_by TEXT
    );
  `);
  for (const t of REPLICATED_010) db.exec(captureTriggers(t));
}
