/**
 * The scrutiny report's own records: the sections the officer writes once, and the officer's
 * edits of each month's paragraphs. Plain reads and writes; the API checks and audits them.
 */
import type { FixedSection, ParagraphEdit } from '../domain/scrutiny/document';
import type { Observation, Period } from '../domain/types';
import type { ClinicDatabase } from './database';

interface SectionRow extends Omit<FixedSection, 'place'> {
  place: string;
  deleted_at: string | null;
}

/** Every section written in this file, the removed ones with their `deleted_at`. */
export function storedSections(db: ClinicDatabase): Array<FixedSection & { deleted_at: string | null }> {
  return db
    .all<SectionRow>(
      'SELECT key, title, text, place, position, updated_at, updated_by, deleted_at FROM scrutiny_sections ORDER BY position, key',
    )
    .map((r) => ({ ...r, place: r.place === 'after' ? 'after' : 'before' }));
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

export function paragraphEdits(db: ClinicDatabase, period: Period): ParagraphEdit[] {
  return db.all<ParagraphEdit>(
    'SELECT period, item, text, figure, basis, updated_at, updated_by FROM scrutiny_paragraphs WHERE period = ? ORDER BY item',
    [period],
  );
}

export function paragraphEdit(db: ClinicDatabase, period: Period, item: string): ParagraphEdit | undefined {
  return db.get<ParagraphEdit>(
    'SELECT period, item, text, figure, basis, updated_at, updated_by FROM scrutiny_paragraphs WHERE period = ? AND item = ?',
    [period, item],
  );
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
