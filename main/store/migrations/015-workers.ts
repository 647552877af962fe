import type { ClinicDatabase } from '../database';

/**
 * Schema 15: figures by worker within a team (issue 17's drilldown).
 *
 * - observations gain a worker ('' is the whole team); the key becomes (measure, period, team,
 *   worker). A worker always belongs to a team (CHECK), so every whole-service figure still has
 *   team = '' and worker = '', and the whole-service index keeps its condition `team = ''` and its
 *   name: the queries that name it are unchanged and still read the service figures alone.
 * - import_changes gain the worker too, so an import of worker figures can be undone and merged.
 * SQLite cannot change a primary key in place, so both tables are rebuilt and every row copied.
 * Observations are not replicated row by row (an import's figures merge as one batch, see
 * store/imports.ts), so no capture triggers change; a batch made before this schema has no
 * worker, which reads as ''.
 */
export function migrate015(db: ClinicDatabase): void {
  db.exec(`
    CREATE TABLE observations_v13 (
      measure TEXT NOT NULL REFERENCES measures(key),
      period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      team TEXT NOT NULL DEFAULT '' CHECK (length(team) <= 200),
      worker TEXT NOT NULL DEFAULT '' CHECK (length(worker) <= 200),
      value REAL NOT NULL,
      numerator REAL,
      denominator REAL,
      PRIMARY KEY (measure, period, team, worker),
      CHECK (worker = '' OR team <> '')
    ) WITHOUT ROWID;
    INSERT INTO observations_v13 (measure, period, team, worker, value, numerator, denominator)
      SELECT measure, period, team, '', value, numerator, denominator FROM observations;
    DROP TABLE observations;
    ALTER TABLE observations_v13 RENAME TO observations;
    CREATE INDEX observations_by_period ON observations(period, team, worker, measure);
    CREATE INDEX observations_service ON observations(measure, period, value) WHERE team = '';

    CREATE TABLE import_changes_v13 (
      import_id INTEGER NOT NULL REFERENCES imports(id),
      measure TEXT NOT NULL REFERENCES measures(key),
      period TEXT NOT NULL,
      team TEXT NOT NULL,
      worker TEXT NOT NULL DEFAULT '',
      old_value REAL,
      old_numerator REAL,
      old_denominator REAL,
      new_value REAL NOT NULL,
      new_numerator REAL,
      new_denominator REAL,
      PRIMARY KEY (import_id, measure, period, team, worker)
    ) WITHOUT ROWID;
    INSERT INTO import_changes_v13 (import_id, measure, period, team, worker, old_value, old_numerator,
        old_denominator, new_value, new_numerator, new_denominator)
      SELECT import_id, measure, period, team, '', old_value, old_numerator, old_denominator, new_value,
        new_numerator, new_denominator FROM import_changes;
    DROP TABLE import_changes;
    ALTER TABLE import_changes_v13 RENAME TO import_changes;
    CREATE INDEX import_changes_by_figure ON import_changes(measure, period, team, worker);
  `);
}
