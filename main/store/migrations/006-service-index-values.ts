import type { ClinicDatabase } from '../database';

/**
 * Schema 6: the whole-service index (schema 4) carries the value too, so the clinic comparison
 * reads every monthly measure's SPC history from the index alone instead of looking each figure
 * up in the table (18,000 figures at 150 measures × 10 years: about 30 ms to 12 ms). The index
 * keeps its name, so the queries that name it are unchanged.
 */
export function migrate006(db: ClinicDatabase): void {
  db.exec(`
    DROP INDEX observations_service;
    CREATE INDEX observations_service ON observations(measure, period, value) WHERE team = '';
  `);
}
