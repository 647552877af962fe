/** Queries for each measure's SPC settings, its rebasings and the dated notes on its chart. */
import { DEFAULT_SPC_SETTINGS, type Annotation, type Rebase, type SpcSettings } from '../domain/spc';
import type { Period } from '../domain/types';
import type { ClinicDatabase } from './database';

interface SettingsRow {
  measure: string;
  baseline: number | null;
  screening: number;
  shift_length: number;
  updated_at: string;
  updated_by: string;
}

type RebaseRow = Rebase & { measure: string };

function settingsFrom(row: SettingsRow | undefined, rebases: Rebase[]): SpcSettings {
  if (!row) return { ...DEFAULT_SPC_SETTINGS, rebases };
  return {
    baseline: row.baseline,
    screening: row.screening === 1,
    shiftLength: row.shift_length === 6 ? 6 : 7,
    rebases,
    updated_at: row.updated_at,
    updated_by: row.updated_by,
  };
}

export function spcSettings(db: ClinicDatabase, measure: string): SpcSettings {
  const row = db.get<SettingsRow>('SELECT * FROM spc_settings WHERE measure = ?', [measure]);
  const rebases = db.all<Rebase>(
    'SELECT period, reason, created_at, created_by FROM spc_rebases WHERE measure = ? ORDER BY period',
    [measure],
  );
  return settingsFrom(row, rebases);
}

/** Every measure's settings that differ from the defaults, by measure key (two queries, whatever the size). */
export function allSpcSettings(db: ClinicDatabase): Map<string, SpcSettings> {
  const rows = db.all<SettingsRow>('SELECT * FROM spc_settings');
  const rebases = db.all<RebaseRow>(
    'SELECT measure, period, reason, created_at, created_by FROM spc_rebases ORDER BY measure, period',
  );
  const byMeasure = new Map<string, Rebase[]>();
  for (const { measure, ...r } of rebases) {
    const list = byMeasure.get(measure) ?? [];
    list.push(r);
    byMeasure.set(measure, list);
  }
  const settings = new Map<string, SpcSettings>();
  for (const row of rows) settings.set(row.measure, settingsFrom(row, byMeasure.get(row.measure) ?? []));
  for (const [measure, list] of byMeasure)
    if (!settings.has(measure)) settings.set(measure, settingsFrom(undefined, list));
  return settings;
}

export function writeSpcSettings(
  db: ClinicDatabase,
  measure: string,
  options: { baseline: number | null; screening: boolean; shiftLength: 6 | 7 },
  at: string,
  who: string,
): void {
  db.run(
    `INSERT INTO spc_settings (measure, baseline, screening, shift_length, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (measure) DO UPDATE SET baseline = excluded.baseline, screening = excluded.screening,
       shift_length = excluded.shift_length, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [measure, options.baseline, options.screening ? 1 : 0, options.shiftLength, at, who],
  );
}

export function insertRebase(db: ClinicDatabase, measure: string, rebase: Rebase): void {
  db.run('INSERT INTO spc_rebases (measure, period, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?)', [
    measure,
    rebase.period,
    rebase.reason,
    rebase.created_at,
    rebase.created_by,
  ]);
}

export function deleteRebase(db: ClinicDatabase, measure: string, period: Period): void {
  db.run('DELETE FROM spc_rebases WHERE measure = ? AND period = ?', [measure, period]);
}

export function annotationsFor(db: ClinicDatabase, measure: string): Annotation[] {
  return db.all<Annotation>('SELECT * FROM annotations WHERE measure = ? ORDER BY period, id', [measure]);
}

export function getAnnotation(db: ClinicDatabase, id: number): Annotation | undefined {
  return db.get<Annotation>('SELECT * FROM annotations WHERE id = ?', [id]);
}

export function insertAnnotation(db: ClinicDatabase, annotation: Omit<Annotation, 'id'>): number {
  db.run('INSERT INTO annotations (measure, period, text, created_at, created_by) VALUES (?, ?, ?, ?, ?)', [
    annotation.measure,
    annotation.period,
    annotation.text,
    annotation.created_at,
    annotation.created_by,
  ]);
  return db.get<{ id: number }>('SELECT last_insert_rowid() AS id')!.id;
}

export function deleteAnnotation(db: ClinicDatabase, id: number): void {
  db.run('DELETE FROM annotations WHERE id = ?', [id]);
}
