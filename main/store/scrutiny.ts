/**
 * The scrutiny report's own records: the sections the officer writes once, and the officer's
 * edits of each month's paragraphs. Plain reads and writes; the API checks and audits them.
 */
import type { KeptText } from '../domain/merge';
import type { FixedSection, ParagraphEdit } from '../domain/scrutiny/document';
import type { Observation, Period } from '../domain/types';
import type { ClinicDatabase } from './database';

interface SectionRow extends Omit<FixedSection, 'place' | 'also'> {
  place: string;
  deleted_at: string | null;
  also: string;
}

/** Every section written in this file, the removed ones with their `deleted_at`. */
export function storedSections(db: ClinicDatabase): Array<FixedSection & { deleted_at: string | null }> {
  return db
    .all<SectionRow>(
      `SELECT key, title, text, place, position, updated_at, updated_by, deleted_at, text_change, also
         FROM scrutiny_sections ORDER BY position, key`,
    )
    .map((r) => ({ ...r, place: r.place === 'after' ? 'after' : 'before', also: JSON.parse(r.also) as KeptText[] }));
}

/**
 * Keeps one text of a section or paragraph a merge kept both ways, and puts the others away: the
 * change recorded names every text it settles, so no copy shows them again.
 */
export function settleSectionText(db: ClinicDatabase, key: string, text: string, at: string, who: string): void {
  db.run("UPDATE scrutiny_sections SET text = ?, also = '[]', updated_at = ?, updated_by = ? WHERE key = ?", [
    text,
    at,
    who,
    key,
  ]);
}

export function settleParagraphText(db: ClinicDatabase, e: ParagraphEdit): void {
  db.run(
    `UPDATE scrutiny_paragraphs SET text = ?, also = '[]', figure = ?, basis = ?, updated_at = ?, updated_by = ?
      WHERE period = ? AND item = ?`,
    [e.text, e.figure, e.basis, e.updated_at, e.updated_by, e.period, e.item],
  );
}

export function writeSection(db: ClinicDatabase, s: FixedSection): void {
  db.run(
    `INSERT INTO scrutiny_sections (key, title, text, place, position, updated_at, updated_by, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (key) DO UPDATE SET title = excluded.title, text = excluded.text, place = excluded.place,
       position = excluded.position, updated_at = excluded.updated_at, updated_by = excluded.updated_by, deleted_at = NULL`,
    [s.key, s.title, s.text, s.place, s.position, s.updated_at, s.updated_by],
  );
}

export function markSectionDeleted(db: ClinicDatabase, key: string, at: string, who: string): void {
  db.run('UPDATE scrutiny_sections SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE key = ?', [
    at,
    at,
    who,
    key,
  ]);
}

type EditRow = Omit<ParagraphEdit, 'also'> & { also: string };
const EDIT_COLUMNS = 'period, item, text, figure, basis, updated_at, updated_by, text_change, also';
const toEdit = (r: EditRow): ParagraphEdit => ({ ...r, also: JSON.parse(r.also) as KeptText[] });

export function paragraphEdits(db: ClinicDatabase, period: Period): ParagraphEdit[] {
  return db
    .all<EditRow>(`SELECT ${EDIT_COLUMNS} FROM scrutiny_paragraphs WHERE period = ? ORDER BY item`, [period])
    .map(toEdit);
}

export function paragraphEdit(db: ClinicDatabase, period: Period, item: string): ParagraphEdit | undefined {
  const row = db.get<EditRow>(`SELECT ${EDIT_COLUMNS} FROM scrutiny_paragraphs WHERE period = ? AND item = ?`, [
    period,
    item,
  ]);
  return row ? toEdit(row) : undefined;
}

export function writeParagraphEdit(db: ClinicDatabase, e: ParagraphEdit): void {
  db.run(
    `INSERT INTO scrutiny_paragraphs (period, item, text, figure, basis, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (period, item) DO UPDATE SET text = excluded.text, figure = excluded.figure, basis = excluded.basis,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [e.period, e.item, e.text, e.figure, e.basis, e.updated_at, e.updated_by],
  );
}

export function deleteParagraphEdit(db: ClinicDatabase, period: Period, item: string): void {
  db.run('DELETE FROM scrutiny_paragraphs WHERE period = ? AND item = ?', [period, item]);
}

/** The whole service's figures of every measure up to a period, for the report's ranges and last year. */
export function serviceFiguresUpTo(db: ClinicDatabase, period: Period): Observation[] {
  return db.all<Observation>(
    "SELECT measure, period, value, numerator, denominator FROM observations WHERE team = '' AND period <= ? ORDER BY measure, period",
    [period],
  );
}
