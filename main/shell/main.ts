/**
 * The Electron entry point: wires the application API to one hardened window, the menu and IPC.
 * Bundled by scripts/build.mjs to dist/main/shell.cjs; the built renderer and preload sit beside it.
 * With --self-test (or PERFCLINIC_SELF_TEST=1) it runs self-test.ts on a temporary folder and exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { ClinicApp } from '../api/clinic-app';
import { deviceIdIn } from '../api/preferences';
import type { FileInfo } from '../contract';
import { createExportHost } from './export-host';
import { FileActions } from './file-actions';
import { defaultClinicFile, DEFAULT_FILE_NAME, explainStartupFailure, openDefaultFile } from './first-run';
import { registerIpc, sendFileChanged } from './ipc';
import { buildMenu } from './menu';
import { APP_NAME, windowTitle } from './policy';
import { registerAppScheme, serveAppScheme } from './protocol';
import { RecentFiles } from './recent-files';
import { applySecurity } from './security';
import { runSelfTest } from './self-test';
import { createSelfTestDriver, selfTestExportHost } from './self-test-driver';
import { APP_USER_MODEL_ID, CHROMIUM_SWITCHES, isSelfTest, SPELLCHECK } from './startup';
import { createMainWindow, focusWindow, showFileInTitle, whenShown } from './window';

/** An absolute folder to use instead of the usual app data folder (tests; a portable setup). */
export const USER_DATA_ENV = 'PERFCLINIC_USER_DATA';

/** How often the journal is folded into the clinic file while the app is open. */
const CHECKPOINT_INTERVAL_MS = 60_000;

/** The app data folder: the self-test's own temporary one, or an override, or Electron's default. */
function chooseUserData(selfTest: boolean): string | null {
  if (selfTest) {
    const folder = mkdtempSync(path.join(tmpdir(), 'perfclinic-self-test-'));
    app.setPath('userData', folder);
    return folder;
  }
  const folder = process.env[USER_DATA_ENV];
  if (folder && path.isAbsolute(folder)) app.setPath('userData', folder);
  return null;
}

function main(): void {
  const selfTest = isSelfTest(process.argv, process.env);
  // Before the lock: the single-instance lock lives in the user data folder, so the self-test,
  // in a folder of its own, runs beside an open copy of the app without disturbing it.
  const selfTestFolder = chooseUserData(selfTest);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Taskbar grouping and pins on Windows follow this id; it matches the installer's appId.
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // Chromium reads its switches at start-up: date inputs follow lang="en-GB", not the system language.
  for (const [name, value] of CHROMIUM_SWITCHES) app.commandLine.appendSwitch(name, value);
  // SQLite's WebAssembly loads while Electron starts and the window opens, not after.
  ClinicApp.prepare().catch(() => undefined);
  registerAppScheme();
  app.enableSandbox();
  applySecurity();

  let window: BrowserWindow | null = null;
  const currentWindow = () => (window && !window.isDestroyed() ? window : null);
  // Others with a shared file open see this person's presence beside it, and each save merges
  // with theirs under the short lock; the outbox keeps confirmed changes on this computer while
  // the shared file cannot be reached. Daily backups make recovery one click.
  const clinic = new ClinicApp({
    lock: true,
    outboxDir: path.join(app.getPath('userData'), 'outbox'),
    dailyBackup: !selfTest,
    exportHost: selfTestFolder ? selfTestExportHost(selfTestFolder) : createExportHost(currentWindow),
    preferencesFile: path.join(app.getPath('userData'), 'preferences.json'),
    deviceId: deviceIdIn(path.join(app.getPath('userData'), 'device-id')),
    // The first screen first: every page of a file is checked just after it, before any write.
    checkLater: true,
  });

  app.on('second-instance', () => {
    const open = currentWindow();
    if (open) focusWindow(open);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => clinic.close());

  async function start(): Promise<void> {
    // Nothing is downloaded for spelling: see SPELLCHECK in startup.ts.
    session.defaultSession.setSpellCheckerEnabled(SPELLCHECK.enabled);
    if (SPELLCHECK.enabled) session.defaultSession.setSpellCheckerLanguages([...SPELLCHECK.languages]);

    let fileOpened: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (fileOpened = resolve));
    serveAppScheme(path.join(__dirname, '..', 'renderer'));
    registerIpc(clinic, opened);

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
      if (!selfTest) {
        recent.add(info.path);
        if (process.platform === 'win32' || process.platform === 'darwin') app.addRecentDocument(info.path);
        rebuildMenu();
      }
      const open = currentWindow();
      if (open) {
        showFileInTitle(open, info);
        sendFileChanged(open.webContents, info);
      }
    });

    // A file found damaged by the check just after the first screen has been closed, nothing
    // written to it: the person is told as if it had not opened, and offered its backup.
    clinic.onCheckFailed((file, error) => {
      const open = currentWindow();
      if (open) showFileInTitle(open, null);
      explainStartupFailure(actions, clinic, file, error).catch((problem: unknown) => console.error(problem));
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

    const problems: string[] = [];
    const createWindow = (title: string) => {
      window = createMainWindow({
        devTools: !app.isPackaged,
        title,
        tellCrash: (response) => {
          if (selfTest) console.warn(`${response.message} ${response.detail}`);
          else
            void actions.messageBox({
              type: 'warning',
              title: APP_NAME,
              message: response.message,
              detail: response.detail,
              buttons: ['OK'],
            });
        },
      });
      if (selfTest) {
        window.webContents.on('console-message', ({ level, message }) => {
          if (level === 'error') problems.push(message);
        });
        window.webContents.on('preload-error', (_event, file, error) =>
          problems.push(`preload ${file}: ${error.message}`),
        );
      }
    };

    // The window first, saying which file it is opening; the file after, so a large file or a slow
    // network drive never leaves the person looking at nothing.
    const file = defaultClinicFile(app.getPath('userData'));
    createWindow(windowTitle(null, DEFAULT_FILE_NAME));
    const first = currentWindow();
    if (first) await whenShown(first);
    const failure = await openDefaultFile(clinic, file);
    fileOpened();
    rebuildMenu();
    const shown = currentWindow();
    if (failure !== null && shown) showFileInTitle(shown, null);

    app.on('activate', () => {
      if (currentWindow()) return;
      let info: FileInfo | null = null;
      try {
        info = clinic.fileInfo();
      } catch {
        // No file open (the default file could not be opened): the title shows the app's name only.
      }
      createWindow(windowTitle(info));
    });

    if (selfTestFolder) {
      const code =
        failure === null
          ? await runSelfTest(
              createSelfTestDriver({ folder: selfTestFolder, clinic, window: currentWindow, problems }),
              (line) => console.log(line),
            )
          : 1;
      if (failure !== null) console.log(`self-test: FAILED the clinic file did not open: ${String(failure)}`);
      clinic.close();
      if (code === 0) rmSync(selfTestFolder, { recursive: true, force: true });
      else console.log(`self-test: its files are kept in ${selfTestFolder}`);
      app.exit(code);
      return;
    }

    if (failure !== null) {
      explainStartupFailure(actions, clinic, file, failure).catch((error: unknown) => console.error(error));
    }
  }

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Performance Clinic could not start:', error);
      if (selfTest) console.log(`self-test: FAILED the app did not start: ${String(error)}`);
      else
        dialog.showErrorBox(
          'Performance Clinic could not start',
          error instanceof Error ? error.message : String(error),
        );
      app.exit(1);
    });
}

main();
