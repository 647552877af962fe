/**
 * The one window: hardened options from policy.ts, the page from app://clinic/, shown once it has
 * painted, with the open clinic file's name in the title bar.
 */
import * as path from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, mainWindowOptions, windowTitle, type TitleFile } from './policy';

export function createMainWindow(options: { devTools: boolean; file: TitleFile | null }): BrowserWindow {
  const preload = path.join(__dirname, '..', 'preload', 'preload.cjs');
  const base = mainWindowOptions(preload, { devTools: options.devTools });
  const window = new BrowserWindow({
    ...base,
    // policy.ts sets these already; they are restated at the constructor because static checkers
    // (electronegativity, in CI) only read the object literal passed to new BrowserWindow.
    webPreferences: {
      ...base.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.setTitle(windowTitle(options.file));
  // The page's <title> would replace the file name in the title bar; the shell owns the title.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('Could not load the app page:', error));
  return window;
}

export function showFileInTitle(window: BrowserWindow, file: TitleFile | null): void {
  if (!window.isDestroyed()) window.setTitle(windowTitle(file));
}

export function focusWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
