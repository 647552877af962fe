/**
 * The one window: hardened options from policy.ts, the page from app://clinic/, shown once it has
 * painted, with the open clinic file's name in the title bar. It has a right-click menu
 * (context-menu.ts decides its items) and reloads its page if the page's process dies
 * (crash-recovery.ts decides whether, and what the person is told).
 */
import * as path from 'node:path';
import { BrowserWindow, Menu, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { contextMenuItems, type ContextMenuItem } from './context-menu';
import { crashResponse, type CrashResponse } from './crash-recovery';
import { APP_ENTRY_URL, mainWindowOptions, windowTitle, type TitleFile } from './policy';

export interface MainWindowOptions {
  devTools: boolean;
  /** The title until a file is open: the app's name, or "Opening clinic.db…". */
  title: string;
  /** Tells the person the page crashed (and was reloaded, or was not). */
  tellCrash: (response: Exclude<CrashResponse, { action: 'ignore' }>) => void;
}

function menuItem(contents: WebContents, item: ContextMenuItem): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'replace':
      return { label: item.label, click: () => contents.replaceMisspelling(item.word) };
    case 'no-suggestions':
      return { label: item.label, enabled: false };
    case 'add-to-dictionary':
      return { label: item.label, click: () => contents.session.addWordToSpellCheckerDictionary(item.word) };
    case 'edit':
      return { role: item.role, label: item.label, enabled: item.enabled };
    case 'separator':
      return { type: 'separator' };
  }
}

function loadApp(window: BrowserWindow): void {
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('Could not load the app page:', error));
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
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
  const contents = window.webContents;
  window.setTitle(options.title);
  // The page's <title> would replace the file name in the title bar; the shell owns the title.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  // A page that failed to load still gets a window, so the person sees it and any dialog about it.
  contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    if (!isMainFrame) return;
    console.error(`The app page did not load: ${description} (${code})`);
    if (!window.isDestroyed()) window.show();
  });
  contents.on('preload-error', (_event, file, error) => console.error(`The preload ${file} failed:`, error));

  contents.on('context-menu', (_event, params) => {
    const items = contextMenuItems(params);
    if (items.length > 0) Menu.buildFromTemplate(items.map((item) => menuItem(contents, item))).popup({ window });
  });

  const crashes: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    const now = Date.now();
    const response = crashResponse(details, crashes, now);
    crashes.push(now);
    if (response.action === 'ignore' || window.isDestroyed()) return;
    console.error(`The window's page went away: ${details.reason} (exit code ${details.exitCode})`);
    if (response.action === 'reload') loadApp(window);
    // Not reloaded: the window must still be on screen for the person to read why.
    else window.show();
    options.tellCrash(response);
  });

  loadApp(window);
  return window;
}

/**
 * Resolves once the window is on screen, or can no longer be: closed, or its page failed to load
 * (it is shown then too). The default file is opened after this, so the window never waits on it.
 */
export function whenShown(window: BrowserWindow): Promise<void> {
  if (window.isDestroyed() || window.isVisible()) return Promise.resolve();
  return new Promise((resolve) => {
    window.once('show', () => resolve());
    window.once('closed', () => resolve());
  });
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
