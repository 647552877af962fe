/** Named queries for the settings kept in the clinic file (schema 11). */
import type { ClinicDatabase } from './database';

export function fileSettingRows(db: ClinicDatabase): { key: string; value: string }[] {
  return db.all<{ key: string; value: string }>('SELECT key, value FROM file_settings ORDER BY key');
}

export function putFileSetting(db: ClinicDatabase, key: string, value: unknown, at: string, by: string): void {
  db.run(
    `INSERT INTO file_settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [key, JSON.stringify(value), at, by],
  );
}
