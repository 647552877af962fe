import type { ClinicDatabase } from '../database';
import { captureTriggers, type ReplicatedTable } from './007-changes';

/**
 * The tables schema 8 adds to those that merge between copies of a file, frozen here as 007's are;
 * the merge and the canonical dump read every schema's list from ../replicated.ts.
 */
export const REPLICATED_008: readonly ReplicatedTable[] = [
  // A caveat can be written on two copies at once, so it is named by the change that made it.
  { table: 'caveats', key: 'uid', columns: ['measure', 'text', 'applies_from', 'applies_to'], refs: {} },
  // A figure's as-at date is the date of one measure's figure for one month on every copy.
  { table: 'figure_dates', key: ['measure', 'period'], columns: ['as_at'], refs: {} },
];

/**
 * Schema 8: figures that carry what the source says about them (issue 14).
 *
 * - caveats: dated data-quality caveats per measure ("workers are not saving plans accurately",
 *   3.18), each applying to the figures from one month to another (to NULL: until further notice).
 * - figure_dates: the date a figure is as at, where it is not the end of its month (school
 *   attendance to the week ending 24 November 2023).
 *
 * Both merge between copies like every other record (architecture.md rule 8): their writes are
 * recorded as changes by capture triggers made here from REPLICATED_008, exactly as schema 7
 * made them for its tables. The tables of schema 7 and their triggers are unchanged, so no
 * trigger of theirs is dropped; a later schema that changes a replicated table's columns drops
 * and remakes that table's triggers from its own list.
 */
export function migrate008(db: ClinicDatabase): void {
  db.exec(`
    CREATE TABLE caveats (
      id INTEGER PRIMARY KEY,
      uid TEXT,
      measure TEXT NOT NULL REFERENCES measures(key),
      text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
      applies_from TEXT NOT NULL CHECK (applies_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      applies_to TEXT CHECK (applies_to IS NULL OR (applies_to GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND applies_to >= applies_from))
    );
    CREATE UNIQUE INDEX caveats_by_uid ON caveats(uid);
    CREATE INDEX caveats_by_measure ON caveats(measure, applies_from);

    CREATE TABLE figure_dates (
      measure TEXT NOT NULL REFERENCES measures(key),
      period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      as_at TEXT NOT NULL CHECK (as_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
      PRIMARY KEY (measure, period)
    ) WITHOUT ROWID;
  `);
  for (const t of REPLICATED_008) db.exec(captureTriggers(t));
}
