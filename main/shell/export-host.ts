/**
 * How the app asks the person where to save an export, and which spreadsheet to import: the
 * system's own dialogs, each opening in the folder used last time. Replacing a file is asked exactly once: the native dialog asks for the
 * name it returns (Windows and macOS always do; on Linux we ask GTK to), and only when the app
 * then adds an extension, so the file to be replaced is one the dialog never named, does the app
 * ask itself.
 */
import * as path from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { ExportHost, ExportKind } from '../exports/exporter';
import { ElectronPrinter } from './electron-printer';
import { ExportFolder, IMPORT_FOLDER_NAME } from './export-folder';
import { dialogParent } from './policy';

const FILTERS: Record<ExportKind, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  docx: { name: 'Word document', extensions: ['docx'] },
  html: { name: 'Web page', extensions: ['html', 'htm'] },
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  md: { name: 'Markdown text', extensions: ['md'] },
  db: { name: 'Clinic files', extensions: ['db'] },
};

export function createExportHost(window: () => BrowserWindow | null): ExportHost {
  const folder = new ExportFolder(app.getPath('userData'), app.getPath('documents'));
  const importFolder = new ExportFolder(app.getPath('userData'), app.getPath('documents'), IMPORT_FOLDER_NAME);
  /** The exact path the native dialog last returned: it has already asked about replacing that one. */
  let confirmedByDialog: string | null = null;

  return {
    printer: new ElectronPrinter(),

    async chooseSavePath(suggestedName, kind, title) {
      confirmedByDialog = null;
      const options: SaveDialogOptions = {
        title: title ?? (kind === 'csv' || kind === 'xlsx' ? 'Export the action log' : 'Save the minutes'),
        buttonLabel: 'Save',
        defaultPath: path.join(folder.current(), suggestedName),
        filters: [FILTERS[kind]],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const open = dialogParent(window());
      const result = open ? await dialog.showSaveDialog(open, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      confirmedByDialog = path.resolve(result.filePath);
      folder.remember(result.filePath);
      return result.filePath;
    },

    async chooseOpenPath(kind) {
      // Only the formats the app reads; the dialog returns one existing file or nothing.
      const options: OpenDialogOptions =
        kind === 'figures'
          ? {
              title: 'Choose a spreadsheet of figures to import',
              buttonLabel: 'Check this file',
              defaultPath: importFolder.current(),
              filters: [{ name: 'Spreadsheets (Excel or CSV)', extensions: ['xlsx', 'csv'] }],
              properties: ['openFile'],
            }
          : {
              title: 'Choose the copy of this clinic file to merge back',
              buttonLabel: 'Check this copy',
              defaultPath: folder.current(),
              filters: [FILTERS.db, { name: 'All files', extensions: ['*'] }],
              properties: ['openFile'],
            };
      const open = dialogParent(window());
      const result = open ? await dialog.showOpenDialog(open, options) : await dialog.showOpenDialog(options);
      const chosen = result.canceled ? undefined : result.filePaths[0];
      if (!chosen) return null;
      (kind === 'figures' ? importFolder : folder).remember(chosen);
      return chosen;
    },

    async chooseOpenPaths() {
      // DfE's statistics are CSV files; its neighbour model is too. Several at once.
      const options: OpenDialogOptions = {
        title: 'Choose DfE statistics files and the statistical neighbour model',
        buttonLabel: 'Check these files',
        defaultPath: importFolder.current(),
        filters: [{ name: 'DfE statistics (CSV)', extensions: ['csv'] }],
        properties: ['openFile', 'multiSelections'],
      };
      const open = dialogParent(window());
      const result = open ? await dialog.showOpenDialog(open, options) : await dialog.showOpenDialog(options);
      if (result.canceled || result.filePaths.length === 0) return null;
      importFolder.remember(result.filePaths[0]!);
      return result.filePaths;
    },

    async confirmReplace(file) {
      if (confirmedByDialog !== null && path.resolve(file) === confirmedByDialog) return true;
      const options = {
        type: 'question' as const,
        title: 'Performance Clinic',
        message: `${path.basename(file)} already exists. Do you want to replace it?`,
        detail: `It is in ${path.dirname(file)}. Replacing it overwrites what is there now.`,
        buttons: ['Replace', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
      };
      const open = dialogParent(window());
      const result = open ? await dialog.showMessageBox(open, options) : await dialog.showMessageBox(options);
      return result.response === 0;
    },
  };
}
