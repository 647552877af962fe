/**
 * What the File menu does: choose a file with the system dialog, ask the application to create,
 * open or copy it, and show any failure as a message a person can act on. Every dialog is parented
 * to the window only while it is on screen (dialogParent in policy.ts), so none is ever hidden.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { app, dialog, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { ClinicApp } from '../api/clinic-app';
import type { MenuCommand } from '../contract';
import { UserError } from '../errors';
import { sendMenuCommand } from './ipc';
import { dialogParent } from './policy';
import type { RecentFiles } from './recent-files';

const CLINIC_FILTERS = [
  { name: 'Clinic files', extensions: ['db'] },
  { name: 'All files', extensions: ['*'] },
];

export interface FileActionsContext {
  clinic: ClinicApp;
  recent: RecentFiles;
  window: () => BrowserWindow | null;
  /** Called when the recent list changes outside a file being opened (e.g. it was cleared). */
  recentChanged: () => void;
}

function describe(error: unknown): string {
  if (error instanceof UserError) return error.message;
  console.error(error);
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}

function withExtension(file: string): string {
  return path.extname(file) === '' ? `${file}.db` : file;
}

export class FileActions {
  constructor(private readonly context: FileActionsContext) {}

  async newFile(): Promise<void> {
    const result = await this.saveDialog({
      title: 'New clinic file',
      buttonLabel: 'Create',
      defaultPath: path.join(app.getPath('documents'), 'Clinic.db'),
    });
    if (result === null) return;
    await this.attempt('The new clinic file was not created', () => this.context.clinic.createFile(result));
  }

  async open(): Promise<void> {
    const window = dialogParent(this.context.window());
    const options = { title: 'Open a clinic file', properties: ['openFile' as const], filters: CLINIC_FILTERS };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    const file = result.filePaths[0];
    if (result.canceled || file === undefined) return;
    await this.openPath(file);
  }

  /** Opens a file chosen from the recent list or a dialog; a file that has gone leaves the list. */
  async openPath(file: string): Promise<void> {
    const opened = await this.attempt(`${path.basename(file)} was not opened`, () =>
      this.context.clinic.openFile(file),
    );
    if (!opened && !fs.existsSync(file)) {
      this.context.recent.remove(file);
      this.context.recentChanged();
    }
  }

  async saveCopy(): Promise<void> {
    let current: string;
    try {
      current = this.context.clinic.fileInfo().path;
    } catch (error) {
      await this.showError('There is nothing to copy', describe(error));
      return;
    }
    const parsed = path.parse(current);
    const result = await this.saveDialog({
      title: 'Save a copy of the clinic file',
      buttonLabel: 'Save copy',
      defaultPath: path.join(parsed.dir, `${parsed.name} copy${parsed.ext || '.db'}`),
    });
    if (result === null) return;
    await this.attempt('The copy was not saved', () => this.context.clinic.saveCopy(result));
  }

  /** Puts a backup back in place of `file`; the application keeps the replaced file as a backup. */
  async restoreBackup(file: string, backupName: string): Promise<void> {
    await this.attempt('The backup was not restored', () => this.context.clinic.restoreBackup(file, backupName));
  }

  /** File → Restore a backup…: the latest backups of the open file, newest first, to choose from. */
  async chooseBackup(): Promise<void> {
    let file: string;
    try {
      file = this.context.clinic.fileInfo().path;
    } catch {
      return this.showError('No clinic file is open', 'Open a clinic file first, then restore one of its backups.');
    }
    const backups = this.context.clinic.backups(file).slice(0, 6);
    if (backups.length === 0) {
      await this.messageBox({
        type: 'info',
        title: 'Performance Clinic',
        message: 'There are no backups of this file yet.',
        detail: 'A backup is taken each day the file is opened, and before every import, migration and restore.',
        buttons: ['OK'],
      });
      return;
    }
    const kinds: Record<string, string> = {
      daily: 'Daily backup',
      'before-import': 'Before an import',
      'before-migration': 'Before an update of the app',
      'before-restore': 'Before a restore',
    };
    const when = (iso: string) =>
      new Date(iso).toLocaleString('en-GB', {
        dateStyle: 'medium',
        timeStyle: iso.endsWith('T00:00:00Z') ? undefined : 'short',
      });
    const choice = await this.messageBox({
      type: 'question',
      title: 'Restore a backup',
      message: `Restore ${path.basename(file)} from a backup?`,
      detail: 'The file as it is now is kept as a backup first, so a restore can be undone.',
      buttons: [...backups.map((b) => `${kinds[b.kind] ?? b.kind}, ${when(b.taken)}`), 'Cancel'],
      cancelId: backups.length,
      defaultId: backups.length,
    });
    const chosen = backups[choice];
    if (chosen) await this.restoreBackup(file, chosen.name);
  }

  /**
   * Take a copy to work offline… and Merge a copy back… are done in the window, which asks the
   * application over the contract as its own buttons do, so the merge is previewed before it is made.
   */
  inWindow(command: MenuCommand): void {
    const open = this.context.window();
    if (!open) return;
    if (open.isMinimized()) open.restore();
    open.focus();
    sendMenuCommand(open.webContents, command);
  }

  clearRecent(): void {
    this.context.recent.clear();
    if (process.platform === 'win32' || process.platform === 'darwin') app.clearRecentDocuments();
    this.context.recentChanged();
  }

  async showError(message: string, detail: string): Promise<void> {
    await this.messageBox({ type: 'error', title: 'Performance Clinic', message, detail, buttons: ['OK'] });
  }

  async messageBox(options: MessageBoxOptions): Promise<number> {
    const window = dialogParent(this.context.window());
    const result = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    return result.response;
  }

  showInFolder(file: string): void {
    shell.showItemInFolder(file);
  }

  private async saveDialog(options: {
    title: string;
    buttonLabel: string;
    defaultPath: string;
  }): Promise<string | null> {
    const window = dialogParent(this.context.window());
    const full = { ...options, filters: CLINIC_FILTERS, properties: ['createDirectory' as const] };
    const result = window ? await dialog.showSaveDialog(window, full) : await dialog.showSaveDialog(full);
    if (result.canceled || !result.filePath) return null;
    return withExtension(result.filePath);
  }

  /** Runs an action; on failure tells the person what happened and returns false. */
  private async attempt(failure: string, action: () => unknown): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (error) {
      await this.showError(`${failure}.`, describe(error));
      return false;
    }
  }
}
