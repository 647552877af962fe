import type { ClinicDatabase } from '../database';

/** Schema 1: service areas, the measure catalogue and monthly figures. */
export function migrate001(db: ClinicDatabase): void {
  db.exec(`
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE areas (
      key TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      sort_order INTEGER NOT NULL
    );

    CREATE TABLE measures (
      key TEXT PRIMARY KEY CHECK (key GLOB '[a-z0-9_]*' AND length(key) BETWEEN 1 AND 100),
      title TEXT NOT NULL CHECK (length(title) > 0),
      definition TEXT NOT NULL DEFAULT '',
      area TEXT NOT NULL REFERENCES areas(key),
      unit TEXT NOT NULL CHECK (unit IN ('percent', 'count', 'points')),
      polarity TEXT NOT NULL CHECK (polarity IN ('higher_is_better', 'lower_is_better', 'none')),
      frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'academic_ytd', 'financial_ytd')),
      target REAL,
      tolerance REAL NOT NULL DEFAULT 0 CHECK (tolerance >= 0),
      bench_national REAL,
      bench_regional REAL,
      bench_statistical_neighbours REAL,
      sort_order INTEGER NOT NULL
    );

    CREATE TABLE observations (
      measure TEXT NOT NULL REFERENCES measures(key),
      period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      value REAL NOT NULL,
      numerator REAL,
      denominator REAL,
      PRIMARY KEY (measure, period)
    ) WITHOUT ROWID;

    CREATE INDEX observations_by_period ON observations(period, measure);
  `);
}
