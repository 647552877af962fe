/**
 * Hardening applied to every web contents the app ever creates (windows, and anything a page might
 * try to open): no navigation away from the app, no new windows, no <webview>, no permissions.
 * A link to the web opens in the system browser only if externalLinkDecision (policy.ts) allows it:
 * https, a host the app links to, and a click or key press just before. Everything else is logged.
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import {
  externalLinkDecision,
  followsUserAction,
  frameNavigationDecision,
  navigationDecision,
  permissionDecision,
  redirectDecision,
  USER_ACTION_INPUTS,
  windowOpenDecision,
} from './policy';

/** When each page last had a mouse press or key press: navigation events do not say. */
const lastUserAction = new WeakMap<WebContents, number>();

function openExternally(contents: WebContents, url: string): void {
  const decision = externalLinkDecision(url, {
    userActed: followsUserAction(lastUserAction.get(contents) ?? null, Date.now()),
  });
  if (!decision.open) {
    console.warn(`Refused to open ${url}: ${decision.reason}`);
    return;
  }
  // Reviewed for Electronegativity: only a parsed https URL that externalLinkDecision accepts gets here.
  shell.openExternal(decision.url).catch((error: unknown) => console.error(`Could not open ${url}:`, error)); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

function denyPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
  ses.setDevicePermissionHandler((details) => permissionDecision(details.deviceType));
}

function harden(contents: WebContents): void {
  contents.on('input-event', (_event, input) => {
    if (USER_ACTION_INPUTS.has(input.type)) lastUserAction.set(contents, Date.now());
  });
  // The app never navigates: it is one page. A link to the web may go to the browser instead.
  contents.on('will-navigate', (event) => {
    const decision = navigationDecision(event.url);
    if (!decision.allow) event.preventDefault();
    if (decision.external) openExternally(contents, event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!frameNavigationDecision(event).allow) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!redirectDecision(event.url).allow) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.external) openExternally(contents, url);
    return { action: decision.action };
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
