/**
 * The Electron entry point: wires the application API to one hardened window, the menu and IPC.
 * Bundled by scripts/build.mjs to dist/main/shell.cjs; the built renderer and preload sit beside it.
 */
import * as path from 'node:path';
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { ClinicApp } from '../api/clinic-app';
import { deviceIdIn } from '../api/preferences';
import type { FileInfo } from '../contract';
import { createExportHost } from './export-host';
import { FileActions } from './file-actions';
import { defaultClinicFile, explainStartupFailure, openDefaultFile } from './first-run';
import { registerIpc, sendFileChanged } from './ipc';
import { buildMenu } from './menu';
import { registerAppScheme, serveAppScheme } from './protocol';
import { RecentFiles } from './recent-files';
import { applySecurity } from './security';
import { createMainWindow, focusWindow, showFileInTitle } from './window';

/** An absolute folder to use instead of the usual app data folder (tests; a portable setup). */
export const USER_DATA_ENV = 'PERFCLINIC_USER_DATA';

/** How often the journal is folded into the clinic file while the app is open. */
const CHECKPOINT_INTERVAL_MS = 60_000;

function useUserDataOverride(): void {
  const folder = process.env[USER_DATA_ENV];
  if (folder && path.isAbsolute(folder)) app.setPath('userData', folder);
}

function main(): void {
  // Before the lock: the single-instance lock lives in the user data folder.
  useUserDataOverride();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  app.enableSandbox();
  applySecurity();

  let window: BrowserWindow | null = null;
  const currentWindow = () => (window && !window.isDestroyed() ? window : null);
  // The lock stops a second writer on another machine; daily backups make recovery one click.
  const clinic = new ClinicApp({
    lock: true,
    dailyBackup: true,
    exportHost: createExportHost(currentWindow),
    preferencesFile: path.join(app.getPath('userData'), 'preferences.json'),
    deviceId: deviceIdIn(path.join(app.getPath('userData'), 'device-id')),
  });

  app.on('second-instance', () => {
    const open = currentWindow();
    if (open) focusWindow(open);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => clinic.close());

  async function start(): Promise<void> {
    serveAppScheme(path.join(__dirname, '..', 'renderer'));
    registerIpc(clinic);

    const recent = new RecentFiles(app.getPath('userData'));
    const actions: FileActions = new FileActions({
      clinic,
      recent,
      window: currentWindow,
      recentChanged: () => rebuildMenu(),
    });
    const rebuildMenu = () =>
      Menu.setApplicationMenu(buildMenu({ actions, recentFiles: recent.list(), isPackaged: app.isPackaged }));

    clinic.onFileChanged((info) => {
      recent.add(info.path);
      if (process.platform === 'win32' || process.platform === 'darwin') app.addRecentDocument(info.path);
      rebuildMenu();
      const open = currentWindow();
      if (open) {
        showFileInTitle(open, info);
        sendFileChanged(open.webContents, info);
      }
    });

    // Confirmed changes are already on disk in the journal; folding them into the file itself now
    // and then keeps the journal short and the file current for anyone who copies it.
    let lastCheckpointError = '';
    const checkpoints = setInterval(() => {
      try {
        clinic.checkpoint();
        lastCheckpointError = '';
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Said once, not every minute while a network drive is away; the journal keeps the changes meanwhile.
        if (message !== lastCheckpointError)
          void actions.showError('The clinic file could not be brought up to date', message);
        lastCheckpointError = message;
      }
    }, CHECKPOINT_INTERVAL_MS);
    app.on('will-quit', () => clearInterval(checkpoints));

    const file = defaultClinicFile(app.getPath('userData'));
    const failure = await openDefaultFile(clinic, file);
    rebuildMenu();

    const createWindow = () => {
      let file: FileInfo | null = null;
      try {
        file = clinic.fileInfo();
      } catch {
        // No file open (the default file could not be opened): the title shows the app's name only.
      }
      window = createMainWindow({ devTools: !app.isPackaged, file });
    };
    createWindow();
    app.on('activate', () => {
      if (!currentWindow()) createWindow();
    });

    if (failure !== null) {
      explainStartupFailure(actions, clinic, file, failure).catch((error: unknown) => console.error(error));
    }
  }

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Performance Clinic could not start:', error);
      dialog.showErrorBox('Performance Clinic could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

main();
