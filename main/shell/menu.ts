/**
 * The application menu. Rebuilt whenever the recent-files list changes. Reload and developer
 * tools exist only when running from source, never in the installed app.
 */
import * as path from 'node:path';
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { FileActions } from './file-actions';
import { APP_NAME } from './policy';

export interface MenuOptions {
  actions: FileActions;
  recentFiles: readonly string[];
  isPackaged: boolean;
}

/** Menu clicks are fire-and-forget; a failure that escapes the action's own dialog is logged. */
function run(task: () => Promise<void> | void): () => void {
  return () => {
    Promise.resolve()
      .then(task)
      .catch((error: unknown) => console.error(error));
  };
}

function recentMenu(actions: FileActions, files: readonly string[]): MenuItemConstructorOptions[] {
  if (files.length === 0) return [{ label: 'No recent files', enabled: false }];
  return [
    ...files.map((file): MenuItemConstructorOptions => ({
      label: `${path.basename(file)}  (${path.dirname(file)})`,
      click: run(() => actions.openPath(file)),
    })),
    { type: 'separator' },
    { label: 'Clear Recently Opened', click: run(() => actions.clearRecent()) },
  ];
}

function aboutDetail(): string {
  return [
    `Version ${app.getVersion()}`,
    'Run children’s social care performance clinics offline: measures against targets and benchmarks, notes, actions and minutes.',
    `Electron ${process.versions.electron ?? ''}, Chromium ${process.versions.chrome ?? ''}, Node.js ${process.versions.node}`,
  ].join('\n\n');
}

export function buildMenu({ actions, recentFiles, isPackaged }: MenuOptions): Menu {
  const developer: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New clinic file…', accelerator: 'CmdOrCtrl+N', click: run(() => actions.newFile()) },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: run(() => actions.open()) },
        { label: 'Open Recent', submenu: recentMenu(actions, recentFiles) },
        { type: 'separator' },
        { label: 'Save a copy…', accelerator: 'CmdOrCtrl+Shift+S', click: run(() => actions.saveCopy()) },
        { label: 'Restore a backup…', click: run(() => actions.chooseBackup()) },
        { type: 'separator' },
        { label: 'Take a copy to work offline…', click: run(() => actions.inWindow('takeOfflineCopy')) },
        { label: 'Merge a copy back…', click: run(() => actions.inWindow('mergeCopy')) },
        { type: 'separator' },
        { role: 'quit', label: 'Quit' },
      ],
    },
    { role: 'editMenu', label: '&Edit' },
    {
      label: '&View',
      submenu: [
        ...developer,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        {
          label: `About ${APP_NAME}`,
          click: run(async () => {
            await actions.messageBox({
              type: 'info',
              title: `About ${APP_NAME}`,
              message: APP_NAME,
              detail: aboutDetail(),
              buttons: ['OK'],
            });
          }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
