/**
 * Importing figures from a spreadsheet (reliability.md rule 8): read and check every row first,
 * show what would change, write nothing until asked; then one transaction, a backup before it,
 * a record of the import with what it replaced, and a full atomic save. The last import can be
 * undone. A failed import leaves the clinic file on disk byte-identical.
 */
import * as fs from 'node:fs';
import { settleImportFigures } from '../store/sync';
import * as path from 'node:path';
import { analyseWorkbook, readWorkbook, type Analysis } from '../import/analyse';
import { isSame } from '../import/preview';
import type { ImportPreview, ImportRecord, ImportResult, UndoResult } from '../import/results';
import { readSourceFile } from '../import/source-file';
import { templateBytes, type TemplateFormat } from '../import/template';
import { figureKey, type CatalogueEntry } from '../import/validate';
import type { ZipLimits } from '../import/zip-guard';
import { listCatalogue, listMeasures, listPeriods, measureHistory } from '../store/catalogue';
import { LockBusyError, OfflineError, sha256 as sha256Of, type ClinicFile } from '../store/clinic-file';
import { writeFileAtomic } from '../store/durable-file';
import { UserError } from '../errors';
import * as q from '../store/imports';
import { writeAudit } from '../store/meetings';
import type { Actor } from './meetings';

/** How many problems a preview lists; the counts always cover them all. */
export const PROBLEMS_LISTED = 1000;

export type { ImportPreview, ImportResult, UndoResult };
export type { ImportRecord };

export interface ImportsOptions {
  zipLimits?: ZipLimits;
}

function toPreview(a: Analysis): ImportPreview {
  return {
    fileName: a.fileName,
    sha256: a.sha256,
    format: a.format,
    sheets: a.sheets,
    notices: a.notices,
    rowsRead: a.rowsRead,
    blankRows: a.blankRows,
    noFigure: a.noFigure,
    problems: a.problems.slice(0, PROBLEMS_LISTED),
    problemsOmitted: Math.max(0, a.problems.length - PROBLEMS_LISTED),
    errorCount: a.errorCount,
    warningCount: a.warningCount,
    canImport: a.errorCount === 0 && a.preview.writes.length > 0,
    measures: a.preview.measures,
    totals: a.preview.totals,
    periods: a.preview.periods,
    summary: a.errorCount > 0 ? `${problemCount(a.errorCount)} to fix before importing. ${a.summary}` : a.summary,
  };
}

function problemCount(n: number): string {
  return `${n.toLocaleString('en-GB')} problem${n === 1 ? '' : 's'}`;
}

function readSource(file: string): { bytes: Uint8Array; name: string } {
  const source = readSourceFile(file, 'a spreadsheet');
  if (source.bytes.length === 0) throw new UserError(`${source.name} is empty (0 bytes); there is nothing to import.`);
  return source;
}

export class Imports {
  /** The file last previewed from disk, so the window can confirm it without sending a path back. */
  private previewed: { path: string; sha256: string } | null = null;

  constructor(
    private readonly file: () => ClinicFile,
    readonly actor: Actor,
    private readonly options: ImportsOptions = {},
  ) {}

  private get db() {
    return this.file().db;
  }

  private catalogue(): CatalogueEntry[] {
    return listCatalogue(this.db, { includeRetired: true }).map((m) => ({
      key: m.key,
      title: m.title,
      unit: m.unit,
      retired: m.retired_at !== null,
    }));
  }

  /** Checks a workbook against the file as it is at this moment. Synchronous, so nothing can change meanwhile. */
  private analyseNow(workbook: Awaited<ReturnType<typeof readWorkbook>>, name: string, sha256: string): Analysis {
    return analyseWorkbook(workbook, name, sha256, {
      catalogue: this.catalogue(),
      current: q.currentFigures(this.db),
      now: this.actor.now(),
    });
  }

  /** What importing these bytes would do. Writes nothing. */
  async previewBytes(bytes: Uint8Array, fileName: string): Promise<ImportPreview> {
    this.file();
    const workbook = await readWorkbook(bytes, fileName, this.options.zipLimits);
    return toPreview(this.analyseNow(workbook, fileName, sha256Of(bytes)));
  }

  async previewFile(file: string): Promise<ImportPreview> {
    const { bytes, name } = readSource(file);
    const preview = await this.previewBytes(bytes, name);
    this.previewed = { path: path.resolve(file), sha256: preview.sha256 };
    return preview;
  }

  /**
   * Imports the file last previewed with `previewFile`, if it still has the content that was
   * previewed (`sha256` is the hash the preview showed). This is the wizard's "Confirm".
   */
  async importPreviewed(sha256: string): Promise<ImportResult> {
    const previewed = this.previewed;
    if (!previewed || previewed.sha256 !== sha256)
      throw new UserError('That preview is no longer current. Choose the file again to see what it would change.');
    // Forgotten while the import runs, so a second click cannot import it twice.
    this.previewed = null;
    try {
      return await this.importFile(previewed.path, { expectedSha256: sha256 });
    } catch (error) {
      // Nothing was imported (a failed save, say): the person can try again once the cause is fixed.
      this.previewed ??= previewed;
      throw error;
    }
  }

  /** Reads the previewed file again: the person has fixed it in Excel and saved it. Writes nothing. */
  async previewAgain(): Promise<ImportPreview> {
    const previewed = this.previewed;
    if (!previewed)
      throw new UserError('There is no file to check again: choose the spreadsheet to see what it would change.');
    return this.previewFile(previewed.path);
  }

  /** Forgets the previewed file: the wizard was cancelled. Nothing had been written. */
  cancelPreview(): void {
    this.previewed = null;
  }

  async importFile(file: string, options: { expectedSha256?: string } = {}): Promise<ImportResult> {
    const { bytes, name } = readSource(file);
    return this.importBytes(bytes, name, options);
  }

  /**
   * Imports the figures, or refuses with a message and writes nothing. `expectedSha256` is the
   * hash the preview showed: if the file has changed since, it is previewed again, not imported.
   */
  async importBytes(
    bytes: Uint8Array,
    fileName: string,
    options: { expectedSha256?: string } = {},
  ): Promise<ImportResult> {
    const clinic = this.file();
    if (clinic.readOnly)
      throw new UserError(`${clinic.name} is open read-only, so figures cannot be imported into it.`);
    const sha256 = sha256Of(bytes);
    if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
      throw new UserError(
        `${fileName} has changed since it was previewed. Nothing has been imported; preview it again to see what it holds now.`,
      );
    }
    const workbook = await readWorkbook(bytes, fileName, this.options.zipLimits);
    // From here to the end, nothing awaits: the checks and the write see the same file.
    const analysis = this.analyseNow(workbook, fileName, sha256);
    if (analysis.errorCount > 0) {
      throw new UserError(
        `${fileName} has ${problemCount(analysis.errorCount)} to fix first (see the preview for each sheet, row and reason). Nothing has been imported.`,
      );
    }
    const { writes, totals } = analysis.preview;
    if (writes.length === 0) return { importId: null, fileName, totals, summary: analysis.summary, backup: null };

    const db = clinic.db;
    const at = this.actor.now();
    const backup = clinic.backup('before-import', at);
    let importId = 0;
    let auditId = 0;
    db.transaction(() => {
      importId = q.insertImport(db, {
        file_name: fileName,
        sha256,
        format: analysis.format,
        rows_read: analysis.rowsRead,
        added: totals.added,
        changed: totals.changed,
        unchanged: totals.unchanged,
        warnings: analysis.warningCount,
        backup,
        imported_at: at.toISOString(),
        imported_by: this.actor.who,
      });
      q.applyWrites(db, importId, writes);
      writeAudit(db, {
        at: at.toISOString(),
        who: this.actor.who,
        entity: 'import',
        entity_id: String(importId),
        action: 'imported',
        before: null,
        after: JSON.stringify({ file: fileName, sha256, rows: analysis.rowsRead, ...totals, backup }),
        measure: null,
      });
      auditId = q.lastInsertId(db);
    });
    try {
      clinic.save();
    } catch (error) {
      // Saved nowhere (someone else's save held the lock too long, say, and the error names
      // them): take the import back out of memory too, so what the app shows is what is on disk.
      db.transaction(() => {
        q.revertChanges(db, q.changesOf(db, importId));
        q.deleteImport(db, importId);
        q.deleteAuditEntry(db, auditId);
      });
      throw notWritten(error, clinic.name, 'the figures have not been imported. Import them again in a moment.');
    }
    return { importId, fileName, totals, summary: analysis.summary.replace(/\.$/, ' imported.'), backup };
  }

  /** Every import, newest first. */
  list(): ImportRecord[] {
    return q.listImports(this.db);
  }

  /**
   * Undoes the most recent import that has not been undone, restoring every figure it added or
   * changed to exactly what it was. `importId`, when given, must be that import.
   */
  undoLast(importId?: number): UndoResult {
    const clinic = this.file();
    if (clinic.readOnly) throw new UserError(`${clinic.name} is open read-only, so an import cannot be undone.`);
    const db = clinic.db;
    const last = q.lastActiveImport(db);
    if (importId !== undefined && importId !== last?.id) {
      const wanted = q.getImport(db, importId);
      if (!wanted) throw new UserError(`There is no import ${importId} in this clinic file.`);
      if (wanted.undone_at !== null) throw new UserError(`The import of ${wanted.file_name} has already been undone.`);
      throw new UserError(
        `Only the most recent import can be undone. ${last?.file_name ?? 'Another file'} was imported after ${wanted.file_name}; undo that first.`,
      );
    }
    if (!last) {
      throw new UserError(
        q.listImports(db).length === 0
          ? 'There is no import to undo: no figures have been imported into this file.'
          : 'There is no import to undo: every import has already been undone.',
      );
    }
    const changes = q.changesOf(db, last.id);
    const now = q.figuresAt(db, last.id);
    const drifted = changes.filter((c) => {
      const current = now.get(figureKey(c.measure, c.period, c.team, c.worker));
      return !current || !isSame(current, c.next);
    });
    if (drifted.length > 0) {
      throw new UserError(
        `${drifted.length.toLocaleString('en-GB')} of the figures ${last.file_name} imported have been changed since, so undoing it would lose those changes. Nothing has been undone; restore the backup taken before the import instead (${last.backup ?? 'see Backups'}).`,
      );
    }
    const at = this.actor.now().toISOString();
    let auditId = 0;
    db.transaction(() => {
      q.revertChanges(db, changes);
      q.markUndone(db, last.id, at, this.actor.who);
      // As a merge would work them out, so that every copy agrees (see store/sync.ts).
      settleImportFigures(db, last.id);
      writeAudit(db, {
        at,
        who: this.actor.who,
        entity: 'import',
        entity_id: String(last.id),
        action: 'undone',
        before: JSON.stringify({ file: last.file_name, sha256: last.sha256, added: last.added, changed: last.changed }),
        after: null,
        measure: null,
      });
      auditId = q.lastInsertId(db);
    });
    try {
      clinic.save();
    } catch (error) {
      // Not written (the error says why, and who holds the file): put the import back in memory too.
      db.transaction(() => {
        q.reapplyChanges(db, changes);
        q.markUndone(db, last.id, null, null);
        q.deleteAuditEntry(db, auditId);
      });
      throw notWritten(error, clinic.name, 'the import has not been undone. Undo it again in a moment.');
    }
    const removed = changes.filter((c) => c.old === null).length;
    const restored = changes.length - removed;
    return {
      importId: last.id,
      fileName: last.file_name,
      restored,
      removed,
      summary: `Undid the import of ${last.file_name}: ${restored.toLocaleString('en-GB')} figure${restored === 1 ? '' : 's'} put back as before and ${removed.toLocaleString('en-GB')} it had added removed.`,
    };
  }

  /** A fill-in template of the measures in use, with the last 12 months as columns. */
  async templateBytes(format: TemplateFormat): Promise<Uint8Array> {
    const db = this.db;
    const measures = listMeasures(db);
    const figures = new Map<string, number>();
    for (const m of measures) for (const o of measureHistory(db, m.key)) figures.set(`${m.key}|${o.period}`, o.value);
    return templateBytes({ measures, figures, latest: listPeriods(db)[0] ?? null, now: this.actor.now() }, format);
  }

  /** Saves the template; refuses to replace a file that exists unless told to. */
  async saveTemplate(target: string, options: { overwrite?: boolean } = {}): Promise<string> {
    const full = path.resolve(target);
    const ext = path.extname(full).toLowerCase();
    if (ext !== '.csv' && ext !== '.xlsx') throw new UserError('Save the template as .xlsx or .csv.');
    if (!options.overwrite && fs.existsSync(full))
      throw new UserError(`${full} already exists; it has not been changed. Choose another name.`);
    writeFileAtomic(full, await this.templateBytes(ext === '.csv' ? 'csv' : 'xlsx'));
    return full;
  }
}

/** A save held up by someone else's (the lock) or by the shared file out of reach, in the words of what was not done. */
function notWritten(error: unknown, name: string, what: string): unknown {
  if (error instanceof LockBusyError) return new UserError(`${name} is being saved by ${error.holder}, so ${what}`);
  if (error instanceof OfflineError) return new UserError(`${name} cannot be reached just now, so ${what}`);
  return error;
}
