import type { ClinicDatabase } from '../database';

/**
 * Schema 5: Making Data Count settings a measure keeps between clinics, and dated notes on its chart.
 *
 * - spc_settings: a fixed baseline (12-20 points), moving-range screening, the shift length (6 or 7).
 *   A measure with no row uses the defaults (limits from all points, no screening, shift of 7).
 * - spc_rebases: a recalculation of the limits from a period on, with the reason, which is required.
 * - annotations: dated notes on the chart ("Mosaic went live"), with who added them and when.
 */
export function migrate005(db: ClinicDatabase): void {
  db.exec(`
    CREATE TABLE spc_settings (
      measure TEXT PRIMARY KEY REFERENCES measures(key),
      baseline INTEGER CHECK (baseline IS NULL OR baseline BETWEEN 12 AND 20),
      screening INTEGER NOT NULL DEFAULT 0 CHECK (screening IN (0, 1)),
      shift_length INTEGER NOT NULL DEFAULT 7 CHECK (shift_length IN (6, 7)),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE spc_rebases (
      measure TEXT NOT NULL REFERENCES measures(key),
      period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      PRIMARY KEY (measure, period)
    ) WITHOUT ROWID;

    CREATE TABLE annotations (
      id INTEGER PRIMARY KEY,
      measure TEXT NOT NULL REFERENCES measures(key),
      period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      text TEXT NOT NULL CHECK (length(trim(text)) > 0),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE INDEX annotations_by_measure ON annotations(measure, period);
  `);
}
