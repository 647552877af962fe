/**
 * Hardening applied to every web contents the app ever creates (windows, and anything a page might
 * try to open): no navigation away from the app, no new windows, no <webview>, no permissions.
 * Links to the web open in the system browser, and only after their URL has been parsed and checked.
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl, isAppOrigin } from './policy';

function openExternally(url: string): void {
  if (!isAllowedExternalUrl(url)) {
    console.warn(`Refused to open ${url}`);
    return;
  }
  // Reviewed for Electronegativity: only a parsed http(s) URL that isAllowedExternalUrl accepts gets here.
  shell.openExternal(url).catch((error: unknown) => console.error(`Could not open ${url}:`, error)); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

function denyPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function harden(contents: WebContents): void {
  // The app never navigates: it is one page. A link to the web goes to the browser instead.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    if (!isAppOrigin(event.url)) openExternally(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppOrigin(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  denyPermissions(contents.session);
}

/** Call once, before any window exists: every web contents created afterwards is hardened. */
export function applySecurity(): void {
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.whenReady().then(
    () => denyPermissions(session.defaultSession),
    (error: unknown) => console.error(error),
  );
}
