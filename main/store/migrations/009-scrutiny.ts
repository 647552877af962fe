import type { ClinicDatabase } from '../database';
import { captureTriggers, type ReplicatedTable } from './007-changes';

/**
 * The tables of schema 9 that merge between copies, as 007-changes.ts describes: frozen here, the
 * triggers below are made from them, and sync.ts merges them with the tables of schema 7. A later
 * schema that changes them drops and remakes their triggers in its own migration.
 */
export const REPLICATED_009: readonly ReplicatedTable[] = [
  {
    table: 'scrutiny_sections',
    key: ['key'],
    columns: ['title', 'text', 'place', 'position', 'updated_at', 'updated_by', 'deleted_at'],
    refs: {},
  },
  {
    table: 'scrutiny_paragraphs',
    key: ['period', 'item'],
    columns: ['text', 'figure', 'basis', 'updated_at', 'updated_by'],
    refs: {},
  },
];

/**
 * Schema 9: the monthly performance report for scrutiny (issue 15).
 *
 * - scrutiny_sections: the sections the officer writes once and the app keeps for next month
 *   (1 Purpose, 2 Background, 4 Future plans and challenges, closing sections). A section with
 *   no row uses the app's default; a closing section removed is kept, marked deleted, so that a
 *   merge cannot bring it back by accident.
 * - scrutiny_paragraphs: the officer's own text of one paragraph of one month's report (a
 *   measure's key, or `area:<key>` for an area drafted with a table), with the figure and every
 *   figure the draft stood on when it was edited, so a later change of figures is shown.
 */
export function migrate009(db: ClinicDatabase): void {
  db.exec(`
    CREATE TABLE scrutiny_sections (
      key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
      title TEXT NOT NULL,
      text TEXT NOT NULL,
      place TEXT NOT NULL CHECK (place IN ('before', 'after')),
      position INTEGER NOT NULL,
      updated_at TEXT,
      updated_by TEXT,
      deleted_at TEXT
    ) WITHOUT ROWID;

    CREATE TABLE scrutiny_paragraphs (
      period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      item TEXT NOT NULL CHECK (length(item) BETWEEN 1 AND 200),
      text TEXT NOT NULL,
      figure TEXT NOT NULL,
      basis TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      PRIMARY KEY (period, item)
    ) WITHOUT ROWID;
  `);
  for (const t of REPLICATED_009) db.exec(captureTriggers(t));
}
