import type { ClinicDatabase } from '../database';

/**
 * Schema 3: figures by team, target history, a fuller measure catalogue, and the record of
 * imports with what each one replaced (so the last import can be undone).
 *
 * - observations gain a team ('' is the whole service); the key becomes (measure, period, team).
 *   SQLite cannot change a primary key in place, so the table is rebuilt and every row copied.
 * - a measure's target moves to measure_targets, one row per change. A target that existed
 *   before is kept as applying from the earliest period in the file (2000-01 if it has none).
 * - measures gain numerator and denominator definitions, a data source, the year of each
 *   benchmark, and retired_at (retired measures keep their history but leave new clinics).
 */
export function migrate003(db: ClinicDatabase): void {
  db.exec(`
    CREATE TABLE observations_v3 (
      measure TEXT NOT NULL REFERENCES measures(key),
      period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      team TEXT NOT NULL DEFAULT '' CHECK (length(team) <= 200),
      value REAL NOT NULL,
      numerator REAL,
      denominator REAL,
      PRIMARY KEY (measure, period, team)
    ) WITHOUT ROWID;
    INSERT INTO observations_v3 (measure, period, team, value, numerator, denominator)
      SELECT measure, period, '', value, numerator, denominator FROM observations;
    DROP TABLE observations;
    ALTER TABLE observations_v3 RENAME TO observations;
    CREATE INDEX observations_by_period ON observations(period, team, measure);

    CREATE TABLE measure_targets (
      measure TEXT NOT NULL REFERENCES measures(key),
      applies_from TEXT NOT NULL CHECK (applies_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      target REAL,
      PRIMARY KEY (measure, applies_from)
    ) WITHOUT ROWID;
    INSERT INTO measure_targets (measure, applies_from, target)
      SELECT key, COALESCE((SELECT min(period) FROM observations), '2000-01'), target
        FROM measures WHERE target IS NOT NULL;
    ALTER TABLE measures DROP COLUMN target;

    ALTER TABLE measures ADD COLUMN numerator_label TEXT NOT NULL DEFAULT '';
    ALTER TABLE measures ADD COLUMN denominator_label TEXT NOT NULL DEFAULT '';
    ALTER TABLE measures ADD COLUMN data_source TEXT NOT NULL DEFAULT '';
    ALTER TABLE measures ADD COLUMN bench_national_year INTEGER;
    ALTER TABLE measures ADD COLUMN bench_regional_year INTEGER;
    ALTER TABLE measures ADD COLUMN bench_statistical_neighbours_year INTEGER;
    ALTER TABLE measures ADD COLUMN retired_at TEXT;

    CREATE TABLE imports (
      id INTEGER PRIMARY KEY,
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      format TEXT NOT NULL,
      rows_read INTEGER NOT NULL,
      added INTEGER NOT NULL,
      changed INTEGER NOT NULL,
      unchanged INTEGER NOT NULL,
      warnings INTEGER NOT NULL,
      backup TEXT,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL,
      undone_at TEXT,
      undone_by TEXT
    );

    CREATE TABLE import_changes (
      import_id INTEGER NOT NULL REFERENCES imports(id),
      measure TEXT NOT NULL REFERENCES measures(key),
      period TEXT NOT NULL,
      team TEXT NOT NULL,
      old_value REAL,
      old_numerator REAL,
      old_denominator REAL,
      new_value REAL NOT NULL,
      new_numerator REAL,
      new_denominator REAL,
      PRIMARY KEY (import_id, measure, period, team)
    ) WITHOUT ROWID;
  `);
}
