/** Queries for data-quality caveats and figures' as-at dates (schema 8). All SQL for them lives here. */
import type { ClinicDatabase } from './database';
import type { Caveat, FigureDate, IsoDate, Period } from '../domain/types';

interface CaveatRow {
  uid: string;
  measure: string;
  text: string;
  applies_from: string;
  applies_to: string | null;
}

function toCaveat(row: CaveatRow): Caveat {
  return { id: row.uid, measure: row.measure, text: row.text, from: row.applies_from, to: row.applies_to };
}

const CAVEAT_COLUMNS = 'uid, measure, text, applies_from, applies_to';
const CAVEAT_ORDER = 'ORDER BY measure, applies_from, id';

/** Every caveat, or one measure's, oldest first. */
export function listCaveats(db: ClinicDatabase, measure?: string): Caveat[] {
  const rows =
    measure === undefined
      ? db.all<CaveatRow>(`SELECT ${CAVEAT_COLUMNS} FROM caveats ${CAVEAT_ORDER}`)
      : db.all<CaveatRow>(`SELECT ${CAVEAT_COLUMNS} FROM caveats WHERE measure = ? ${CAVEAT_ORDER}`, [measure]);
  return rows.map(toCaveat);
}

export function getCaveat(db: ClinicDatabase, id: string): Caveat | undefined {
  const row = db.get<CaveatRow>(`SELECT ${CAVEAT_COLUMNS} FROM caveats WHERE uid = ?`, [id]);
  return row ? toCaveat(row) : undefined;
}

/** Adds a caveat; returns it with its stable id (set by the capture trigger, or made here before schema 7 records changes). */
export function insertCaveat(db: ClinicDatabase, caveat: Omit<Caveat, 'id'>): Caveat {
  db.run('INSERT INTO caveats (measure, text, applies_from, applies_to) VALUES (?, ?, ?, ?)', [
    caveat.measure,
    caveat.text,
    caveat.from,
    caveat.to,
  ]);
  const id = db.get<{ id: number }>('SELECT last_insert_rowid() AS id')!.id;
  db.run("UPDATE caveats SET uid = '0000-' || lower(hex(randomblob(16))) WHERE id = ? AND uid IS NULL", [id]);
  const row = db.get<CaveatRow>(`SELECT ${CAVEAT_COLUMNS} FROM caveats WHERE id = ?`, [id])!;
  return toCaveat(row);
}

export function updateCaveat(db: ClinicDatabase, id: string, fields: Pick<Caveat, 'text' | 'from' | 'to'>): void {
  db.run('UPDATE caveats SET text = ?, applies_from = ?, applies_to = ? WHERE uid = ?', [
    fields.text,
    fields.from,
    fields.to,
    id,
  ]);
}

export function deleteCaveat(db: ClinicDatabase, id: string): void {
  db.run('DELETE FROM caveats WHERE uid = ?', [id]);
}

/** Every recorded as-at date, or those of one measure. */
export function listFigureDates(db: ClinicDatabase, measure?: string): FigureDate[] {
  return measure === undefined
    ? db.all<FigureDate>('SELECT measure, period, as_at FROM figure_dates ORDER BY measure, period')
    : db.all<FigureDate>('SELECT measure, period, as_at FROM figure_dates WHERE measure = ? ORDER BY period', [
        measure,
      ]);
}

/** Records (or, with null, clears) the date one figure is as at. */
export function setFigureDate(db: ClinicDatabase, measure: string, period: Period, asAt: IsoDate | null): void {
  if (asAt === null) db.run('DELETE FROM figure_dates WHERE measure = ? AND period = ?', [measure, period]);
  else
    db.run(
      `INSERT INTO figure_dates (measure, period, as_at) VALUES (?, ?, ?)
       ON CONFLICT (measure, period) DO UPDATE SET as_at = excluded.as_at`,
      [measure, period, asAt],
    );
}
