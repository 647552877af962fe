/**
 * The folder the person last saved an export to, kept as a small JSON file in the app data folder
 * so the next save dialog opens there. Losing it costs nothing: a missing, unreadable or vanished
 * folder simply means the Documents folder. No Electron import, so it is tested under plain Node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../store/durable-file';

export const EXPORT_FOLDER_NAME = 'export-folder.json';
/** The folder the person last chose a spreadsheet to import from, kept apart from where exports go. */
export const IMPORT_FOLDER_NAME = 'import-folder.json';

export class ExportFolder {
  private readonly listFile: string;

  constructor(
    userData: string,
    private readonly fallback: string,
    fileName: string = EXPORT_FOLDER_NAME,
  ) {
    this.listFile = path.join(userData, fileName);
  }

  /** The last folder used if it still exists, else the fallback (usually Documents). */
  current(): string {
    try {
      const value: unknown = JSON.parse(fs.readFileSync(this.listFile, 'utf8'));
      const folder = typeof value === 'object' && value !== null && 'folder' in value ? value.folder : null;
      if (typeof folder === 'string' && path.isAbsolute(folder) && fs.statSync(folder).isDirectory()) return folder;
    } catch {
      // First export, or the file or the folder has gone: use the fallback.
    }
    return this.fallback;
  }

  remember(file: string): void {
    try {
      writeFileAtomic(
        this.listFile,
        Buffer.from(`${JSON.stringify({ folder: path.dirname(path.resolve(file)) })}\n`, 'utf8'),
      );
    } catch (error) {
      console.warn('Could not remember the export folder:', error);
    }
  }
}
