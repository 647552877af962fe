import type { ClinicDatabase } from '../database';
import { captureTriggers, type ReplicatedTable } from './007-changes';

/** Frozen at schema 11, as 007's list is at 7: the triggers below are made from these. */
export const REPLICATED_011: readonly ReplicatedTable[] = [
  { table: 'file_settings', key: ['key'], columns: ['value', 'updated_at', 'updated_by'], refs: {} },
];

/**
 * Schema 11: settings that belong to the clinic file rather than to one person (issue 17): which
 * measures the headlines show, how worker names appear, whether the file is marked for
 * publication. Each is one JSON value under its key, checked by main/domain/file-settings.ts; they
 * merge between copies like the rest of the clinic (the later change to a key wins).
 */
export function migrate011(db: ClinicDatabase): void {
  db.exec(`
    CREATE TABLE file_settings (
      key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
      value TEXT NOT NULL CHECK (json_valid(value)),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
  for (const t of REPLICATED_011) db.exec(captureTriggers(t));
}
