/**
 * Working together: merging another copy of the open clinic file into it, the record of changes,
 * and the texts of a note kept both ways by a merge. Plain TypeScript over the store.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote, cleanText } from '../domain/validate';
import { ClinicFile, sha256 as sha256Of } from '../store/clinic-file';
import { UserError } from '../errors';
import { getClinic, writeAudit } from '../store/meetings';
import {
  listChanges,
  mergeFrom,
  noteWithAlternatives,
  settleNoteText,
  type MergeReport,
  type NoteWithAlternatives,
  type StoredChange,
} from '../store/sync';
import type { SyncStatus } from '../contract';
import type { Actor } from './meetings';

export type { MergeReport, NoteWithAlternatives, StoredChange };

/** What merging a chosen copy would do, before anything is written (Merge a copy back…). */
export interface MergePreview {
  fileName: string;
  /** The copy's content when it was checked: confirming merges it only if it is still this. */
  sha256: string;
  report: MergeReport;
}

export class Sync {
  /** The copy last previewed with `previewCopy`, to merge on confirmation. */
  private previewed: { path: string; sha256: string } | null = null;
  /** The last merge that brought changes into the open file. */
  private lastMerge: { authors: string[]; at: string } | null = null;

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
      if (report.applied > 0) {
        target.save();
        this.lastMerge = { authors: report.authors, at: args.at };
      }
      return report;
    } finally {
      copy.close();
    }
  }

  /**
   * Previews merging a copy the person chose, writing nothing (a dry run), and remembers it so that
   * `mergePreviewed` merges that copy and no other. A copy of another clinic file is refused here.
   */
  async previewCopy(other: string): Promise<MergePreview> {
    const target = this.file();
    if (target.readOnly)
      throw new UserError(
        `${target.name} is open read-only, so no copy can be merged into it. Nothing has been changed.`,
      );
    this.previewed = null;
    const source = path.resolve(other);
    const report = await this.merge(source, { dryRun: true });
    const sha256 = sha256Of(readCopy(source));
    this.previewed = { path: source, sha256 };
    return { fileName: path.basename(source), sha256, report };
  }

  /** Merges the copy last previewed, if its content is still what the preview showed. */
  async mergePreviewed(sha256: string): Promise<MergeReport> {
    const previewed = this.previewed;
    if (!previewed || previewed.sha256 !== sha256)
      throw new UserError('That copy is no longer the one checked; choose it again to see what it would change.');
    if (sha256Of(readCopy(previewed.path)) !== sha256) {
      this.previewed = null;
      throw new UserError(
        `${path.basename(previewed.path)} has changed since it was checked, so nothing was merged. Choose it again to see what it would change now.`,
      );
    }
    const report = await this.merge(previewed.path);
    this.previewed = null;
    return report;
  }

  /** Forgets the previewed copy; nothing had been written. */
  cancelPreview(): void {
    this.previewed = null;
  }

  /** Another file is open: what was previewed or merged belonged to the one before. */
  forget(): void {
    this.previewed = null;
    this.lastMerge = null;
  }

  /**
   * The banner's facts. Today a file is held by one writer at a time and merges are made by hand,
   * so nobody else is shown and nothing waits offline; the last merge is the last copy merged back.
   */
  status(): SyncStatus {
    this.file();
    return { others: [], merged: this.lastMerge ? { ...this.lastMerge } : null, offline: null };
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
    const clinic = getClinic(this.file().db, clinicId);
    // A final clinic's record is read-only, its notes' kept texts included, until it is reopened.
    if (clinic?.status === 'final')
      throw new UserError(
        `The ${clinic.kind} of ${new Date(`${clinic.held_on}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })} is final, so its record is read-only. Reopen it to choose which text the note keeps.`,
      );
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

function readCopy(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UserError(`${path.basename(file)} could not be read: ${(error as Error).message}`);
  }
}
