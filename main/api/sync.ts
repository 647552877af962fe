/**
 * Working together: merging another copy of the open clinic file into it, the record of changes,
 * and the texts of a note kept both ways by a merge. Plain TypeScript over the store.
 */
import * as path from 'node:path';
import { checkNote, cleanText } from '../domain/validate';
import { ClinicFile } from '../store/clinic-file';
import { UserError } from '../errors';
import { writeAudit } from '../store/meetings';
import {
  listChanges,
  mergeFrom,
  noteWithAlternatives,
  settleNoteText,
  type MergeReport,
  type NoteWithAlternatives,
  type StoredChange,
} from '../store/sync';
import type { Actor } from './meetings';

export type { MergeReport, NoteWithAlternatives, StoredChange };

export class Sync {
  constructor(
    private readonly file: () => ClinicFile,
    private readonly actor: Actor,
  ) {}

  /**
   * Merges every change of another copy of this clinic file into it (the other file is only
   * read), and saves. With `dryRun` nothing is written: the report says what would happen.
   */
  async merge(other: string, options: { dryRun?: boolean } = {}): Promise<MergeReport> {
    const target = this.file();
    const source = path.resolve(other);
    if (source === target.path) throw new UserError('That is the file already open; choose the copy to merge from.');
    if (!options.dryRun && target.readOnly)
      throw new UserError(`${target.name} is open read-only, so nothing can be merged into it.`);
    // Read-only: a journal the other copy left is read into memory, never applied to its file.
    const copy = await ClinicFile.open(source, { readOnly: true });
    try {
      const args = { sourceName: copy.name, at: this.actor.now().toISOString() };
      if (options.dryRun) return mergeFrom(target.db, copy.db, { ...args, dryRun: true });
      // A merge is a confirmed change like any other: journalled, then the whole file saved.
      const report = target.commit(() => mergeFrom(target.db, copy.db, args));
      if (report.applied > 0) target.save();
      return report;
    } finally {
      copy.close();
    }
  }

  /** Who changed what, and when: every change in the file, or those since a date (YYYY-MM-DD). */
  changes(options: { since?: string } = {}): StoredChange[] {
    return listChanges(this.file().db, options.since);
  }

  /** A note with the texts a merge kept beside it (none when only one copy changed it). */
  note(clinicId: number, measure: string): NoteWithAlternatives | null {
    return noteWithAlternatives(this.file().db, clinicId, measure);
  }

  /**
   * Settles a note kept both ways: `text` is the one kept (either, or both combined), and the
   * texts beside it are put away. Recorded as a change over all of them, so no copy shows them again.
   */
  resolveNote(clinicId: number, measure: string, text: string, baseVersion: number): NoteWithAlternatives {
    const current = this.note(clinicId, measure);
    if (!current) throw new UserError('That note is no longer in this file.');
    if (current.version !== baseVersion)
      throw new UserError('This note was changed since you opened it; reload it and choose again.');
    const clean = cleanText(text);
    const problem = checkNote(clean);
    if (problem) throw new UserError(problem);
    const at = this.actor.now().toISOString();
    const db = this.file().db;
    this.file().commit(() => {
      settleNoteText(db, clinicId, measure, { text: clean, at, who: this.actor.who });
      writeAudit(db, {
        at,
        who: this.actor.who,
        entity: 'note',
        entity_id: `${clinicId}:${measure}`,
        action: 'settled',
        before: JSON.stringify({ text: current.text, also: current.also }),
        after: JSON.stringify(clean),
        measure,
      });
    });
    return this.note(clinicId, measure)!;
  }
}
