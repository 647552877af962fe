/** Queries for the record of imports and the figures each one replaced. All SQL for them lives here. */
import type { ClinicDatabase } from './database';
import type { FigureLookup, FigureValue, PlannedWrite } from '../import/preview';
import { figureKey } from '../import/validate';
import type { ImportRecord } from '../import/results';

export type { ImportRecord };

export type NewImport = Omit<ImportRecord, 'id' | 'undone_at' | 'undone_by'>;

const COLUMNS =
  'id, file_name, sha256, format, rows_read, added, changed, unchanged, warnings, backup, imported_at, imported_by, undone_at, undone_by';

export function listImports(db: ClinicDatabase): ImportRecord[] {
  return db.all<ImportRecord>(`SELECT ${COLUMNS} FROM imports ORDER BY id DESC`);
}

export function getImport(db: ClinicDatabase, id: number): ImportRecord | undefined {
  return db.get<ImportRecord>(`SELECT ${COLUMNS} FROM imports WHERE id = ?`, [id]);
}

/** The most recent import that has not been undone: the only one that can be. */
export function lastActiveImport(db: ClinicDatabase): ImportRecord | undefined {
  return db.get<ImportRecord>(`SELECT ${COLUMNS} FROM imports WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1`);
}

export function insertImport(db: ClinicDatabase, record: NewImport): number {
  db.run(
    `INSERT INTO imports (file_name, sha256, format, rows_read, added, changed, unchanged, warnings, backup, imported_at, imported_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      record.file_name,
      record.sha256,
      record.format,
      record.rows_read,
      record.added,
      record.changed,
      record.unchanged,
      record.warnings,
      record.backup,
      record.imported_at,
      record.imported_by,
    ],
  );
  return Number(db.get<{ id: number }>('SELECT last_insert_rowid() AS id')?.id);
}

/** Writes the figures and, beside them, what each replaced, so the import can be undone exactly. */
export function applyWrites(db: ClinicDatabase, importId: number, writes: readonly PlannedWrite[]): void {
  // Parameters made as each row is written (a generator), not 100,000 arrays at once.
  db.runMany(
    `INSERT INTO import_changes (import_id, measure, period, team, worker, old_value, old_numerator, old_denominator,
       new_value, new_numerator, new_denominator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    eachOf(writes, (w) => [
      importId,
      w.measure,
      w.period,
      w.team,
      w.worker,
      w.old?.value ?? null,
      w.old?.numerator ?? null,
      w.old?.denominator ?? null,
      w.next.value,
      w.next.numerator,
      w.next.denominator,
    ]),
  );
  db.runMany(
    `INSERT INTO observations (measure, period, team, worker, value, numerator, denominator) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (measure, period, team, worker) DO UPDATE SET value = excluded.value, numerator = excluded.numerator,
       denominator = excluded.denominator`,
    eachOf(writes, (w) => [w.measure, w.period, w.team, w.worker, w.next.value, w.next.numerator, w.next.denominator]),
  );
  recordImportBatch(db, importId);
}

/**
 * An import merges as one batch (reliability.md rule 12): its figures are recorded as one change
 * (new figure, then what it replaced, per row), not 100,000, so the import stays fast. The worker
 * comes last (schema 13), so a batch recorded before it reads as the whole team's figures.
 */
function recordImportBatch(db: ClinicDatabase, importId: number): void {
  if (!db.recordsChanges) return;
  db.run(
    `INSERT INTO changes (id, hlc, author, device, entity, row, field, value)
     SELECT hlc || '-' || printf('%05d', seq), hlc, author, device, 'imports', (SELECT uid FROM imports WHERE id = ?), 'rows',
       (SELECT json_group_array(json_array(measure, period, team, new_value, new_numerator, new_denominator,
          old_value, old_numerator, old_denominator, worker)) FROM import_changes WHERE import_id = ?)
       FROM sync_context`,
    [importId, importId],
  );
}

function* eachOf<T, R>(items: readonly T[], map: (item: T) => R): Generator<R> {
  for (const item of items) yield map(item);
}

export interface RecordedChange {
  measure: string;
  period: string;
  team: string;
  worker: string;
  old: FigureValue | null;
  next: FigureValue;
}

export function changesOf(db: ClinicDatabase, importId: number): RecordedChange[] {
  return db
    .all<{
      measure: string;
      period: string;
      team: string;
      worker: string;
      old_value: number | null;
      old_numerator: number | null;
      old_denominator: number | null;
      new_value: number;
      new_numerator: number | null;
      new_denominator: number | null;
    }>(
      `SELECT measure, period, team, worker, old_value, old_numerator, old_denominator, new_value, new_numerator,
              new_denominator
         FROM import_changes WHERE import_id = ? ORDER BY measure, period, team, worker`,
      [importId],
    )
    .map((r) => ({
      measure: r.measure,
      period: r.period,
      team: r.team,
      worker: r.worker,
      old:
        r.old_value === null
          ? null
          : { value: r.old_value, numerator: r.old_numerator, denominator: r.old_denominator },
      next: { value: r.new_value, numerator: r.new_numerator, denominator: r.new_denominator },
    }));
}

/** Figures as they are now for the places an import wrote, keyed by figureKey. */
export function figuresAt(db: ClinicDatabase, importId: number): Map<string, FigureValue> {
  const rows = db.all<{ k: string; value: number; numerator: number | null; denominator: number | null }>(
    `SELECT c.measure || char(0) || c.period || char(0) || c.team || char(0) || c.worker AS k, o.value, o.numerator,
            o.denominator
       FROM import_changes c JOIN observations o ON o.measure = c.measure AND o.period = c.period AND o.team = c.team
            AND o.worker = c.worker
      WHERE c.import_id = ?`,
    [importId],
  );
  return new Map(rows.map((r) => [r.k, { value: r.value, numerator: r.numerator, denominator: r.denominator }]));
}

/** Puts back what an import replaced: deletes the figures it added, restores those it changed. */
export function revertChanges(db: ClinicDatabase, changes: readonly RecordedChange[]): void {
  db.runMany(
    'DELETE FROM observations WHERE measure = ? AND period = ? AND team = ? AND worker = ?',
    changes.filter((c) => c.old === null).map((c) => [c.measure, c.period, c.team, c.worker]),
  );
  db.runMany(
    'UPDATE observations SET value = ?, numerator = ?, denominator = ? WHERE measure = ? AND period = ? AND team = ? AND worker = ?',
    changes
      .filter((c) => c.old !== null)
      .map((c) => [c.old!.value, c.old!.numerator, c.old!.denominator, c.measure, c.period, c.team, c.worker]),
  );
}

export function markUndone(db: ClinicDatabase, importId: number, at: string | null, who: string | null): void {
  db.run('UPDATE imports SET undone_at = ?, undone_by = ? WHERE id = ?', [at, who, importId]);
}

/** Removes the record of an import entirely: only when its save failed and it never reached the disk. */
export function deleteImport(db: ClinicDatabase, importId: number): void {
  db.run('DELETE FROM import_changes WHERE import_id = ?', [importId]);
  db.run('DELETE FROM imports WHERE id = ?', [importId]);
}

/**
 * The current figures an import is compared with, looked up by figureKey(measure, period, team, worker).
 * Each period's figures are read the first time one of them is asked for, so an import reads
 * only the months it touches rather than every figure in the file (468,000 at the large size:
 * about 2 s and 100 MB for a typical month's import). Use it within one synchronous call, so
 * that nothing changes the file between the lookups.
 */
export function currentFigures(db: ClinicDatabase): FigureLookup {
  const byPeriod = new Map<string, Map<string, FigureValue>>();
  const load = (period: string): Map<string, FigureValue> => {
    const figures = new Map<string, FigureValue>();
    for (const r of db.all<{
      measure: string;
      team: string;
      worker: string;
      value: number;
      numerator: number | null;
      denominator: number | null;
    }>('SELECT measure, team, worker, value, numerator, denominator FROM observations WHERE period = ?', [period])) {
      figures.set(figureKey(r.measure, period, r.team, r.worker), {
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
      });
    }
    byPeriod.set(period, figures);
    return figures;
  };
  return {
    get(key: string): FigureValue | undefined {
      // The key is measure NUL period NUL team NUL worker; measure keys never hold a NUL, and a period is 7 characters.
      const start = key.indexOf('\u0000') + 1;
      const period = key.slice(start, start + 7);
      return (byPeriod.get(period) ?? load(period)).get(key);
    },
  };
}

/** Writes an import's figures back in place (when taking an undo back out of memory). */
export function reapplyChanges(db: ClinicDatabase, changes: readonly RecordedChange[]): void {
  db.runMany(
    `INSERT INTO observations (measure, period, team, worker, value, numerator, denominator) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (measure, period, team, worker) DO UPDATE SET value = excluded.value, numerator = excluded.numerator,
       denominator = excluded.denominator`,
    changes.map((c) => [c.measure, c.period, c.team, c.worker, c.next.value, c.next.numerator, c.next.denominator]),
  );
}

export function lastInsertId(db: ClinicDatabase): number {
  return Number(db.get<{ id: number }>('SELECT last_insert_rowid() AS id')?.id);
}

export function deleteAuditEntry(db: ClinicDatabase, id: number): void {
  db.run('DELETE FROM audit WHERE id = ?', [id]);
}
