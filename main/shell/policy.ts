/**
 * The shell's security decisions as pure functions: which origin is the app's own, which URLs may
 * leave for the browser, where the page may go, which file a request for the app's scheme may read, what the window is
 * allowed to do. No Electron import (types only), so the unit tests check exactly what the app runs.
 */
import * as nodePath from 'node:path';
import type { BrowserWindowConstructorOptions, Session } from 'electron';
import { SPELLCHECK } from './startup';

/** The custom scheme the renderer is served from; registered as standard and secure before ready. */
export const APP_SCHEME = 'app';
/** The one host the scheme serves: every page of the app lives at app://clinic/. */
export const APP_HOST = 'clinic';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Sent as a response header with every page of the app. Nothing in the page fetches (all data
 * comes over IPC), so connect-src is 'none'. Vite emits CSS files and React/Chart.js set styles
 * through the CSSOM, which style-src does not govern, so no 'unsafe-inline' is needed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for a URL on the app's own origin, app://clinic. Compared on the parsed scheme, host
 * and port, never by substring: app://clinic.evil/, app://clinic@evil/ and app://evil/clinic fail.
 * (Node's URL reports origin "null" for non-special schemes, so the parts are compared instead.)
 */
export function isAppOrigin(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The hosts the app itself links to, and so the only ones a link may open in the system browser.
 * The renderer links to no web page today, so the list is empty and every external link is refused;
 * a test checks that it names exactly the hosts of the https links in renderer/src.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [];

/**
 * How recently the person must have clicked or typed in the window for a link to count as theirs.
 * Electron's navigation and window-open events do not say whether a gesture started them, so the
 * shell notes the time of the last mouse press or key press and compares.
 */
export const USER_ACTION_WINDOW_MS = 1000;

/** The input events that count as the person acting (pressing, not hovering or scrolling). */
export const USER_ACTION_INPUTS: ReadonlySet<string> = new Set([
  'mouseDown',
  'mouseUp',
  'keyDown',
  'rawKeyDown',
  'keyUp',
  'char',
  'gestureTap',
  'touchStart',
  'touchEnd',
]);

/** True when a person's click or key press came at most USER_ACTION_WINDOW_MS before `now`. */
export function followsUserAction(lastActionAt: number | null, now: number): boolean {
  return lastActionAt !== null && now >= lastActionAt && now - lastActionAt <= USER_ACTION_WINDOW_MS;
}

export type ExternalLinkDecision = { open: true; url: string } | { open: false; reason: string };

/**
 * Whether a link may leave for the system browser: a parsed https URL with no user name or
 * password, to a host on the allow-list, that the person's own click or key press led to.
 */
export function externalLinkDecision(
  url: string,
  context: { userActed: boolean; allowedHosts?: readonly string[] },
): ExternalLinkDecision {
  const parsed = parse(url);
  if (!parsed) return { open: false, reason: 'it is not a web address' };
  if (parsed.protocol !== 'https:') return { open: false, reason: `only https links open, not ${parsed.protocol}` };
  if (parsed.username !== '' || parsed.password !== '')
    return { open: false, reason: 'it carries a user name or password' };
  const hosts = context.allowedHosts ?? EXTERNAL_LINK_HOSTS;
  if (!hosts.includes(parsed.hostname))
    return { open: false, reason: `${parsed.hostname} is not a site the app links to` };
  if (!context.userActed) return { open: false, reason: 'it was not opened by a click or a key press' };
  return { open: true, url: parsed.href };
}

/** What happens when the page tries to go somewhere: it stays, and maybe the link goes to the browser. */
export interface NavigationDecision {
  /** Whether the page itself may go there. */
  allow: boolean;
  /** Whether to offer the URL to the system browser (externalLinkDecision still decides). */
  external: boolean;
}

/**
 * The app is one page served from app://clinic: the page never navigates (a reload is not a
 * navigation event). A link to anywhere else goes to the external-link check instead.
 */
export function navigationDecision(url: string): NavigationDecision {
  return { allow: false, external: !isAppOrigin(url) };
}

/** A subframe never navigates (the CSP allows no frames either); the main frame is decided above. */
export function frameNavigationDecision(frame: { isMainFrame: boolean }): { allow: boolean } {
  return { allow: frame.isMainFrame };
}

/** A server redirect may only stay on the app's own origin. */
export function redirectDecision(url: string): { allow: boolean } {
  return { allow: isAppOrigin(url) };
}

/** window.open and target=_blank never make a window; the URL goes to the external-link check. */
export function windowOpenDecision(url: string): { action: 'deny'; external: boolean } {
  return { action: 'deny', external: !isAppOrigin(url) };
}

/** The names of the permissions a page can ask Electron 41 for (its setPermissionRequestHandler). */
export type PagePermission = Parameters<NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>>[1];

/**
 * Every permission a page can ask Electron for (camera, microphone, notifications, clipboard
 * reading, geolocation, opening external apps...) is refused: the app needs none of them.
 */
export function permissionDecision(_permission: PagePermission | string): boolean {
  return false;
}

type PathModule = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Maps the path of an app:// request to a file under `root`, or null when it would leave `root`.
 * `pathname` is the URL's path as received (still percent-encoded). '/' means index.html.
 * Containment is checked with resolve + relative, so '..' in any spelling or an absolute path fails.
 */
export function resolveAppPath(root: string, pathname: string, path: PathModule = nodePath): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relativePart = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  if (path.isAbsolute(relativePart) || /^[a-zA-Z]:/.test(relativePart)) return null;
  const base = path.resolve(root);
  const target = path.resolve(base, relativePart === '' ? 'index.html' : relativePart);
  const relative = path.relative(base, target);
  if (relative === '' || path.isAbsolute(relative)) return null;
  if (relative === '..' || relative.startsWith(`..${path.sep}`)) return null;
  return target;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file the app serves; unknown types are served as opaque bytes. */
export function mimeTypeFor(file: string): string {
  return MIME_TYPES[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers sent with every file served from app://. nosniff keeps the declared types binding. */
export function responseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': mimeTypeFor(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

export const APP_NAME = 'Performance Clinic';

export interface TitleFile {
  name: string;
  readOnly: boolean;
}

/**
 * "Performance Clinic — clinic.db", marked when someone else holds the file for editing, or
 * "Opening clinic.db…" while the window waits for the file it was started with.
 */
export function windowTitle(file: TitleFile | null, opening?: string): string {
  if (opening !== undefined) return `${APP_NAME} — Opening ${opening}…`;
  if (!file) return APP_NAME;
  return `${APP_NAME} — ${file.name}${file.readOnly ? ' (read-only)' : ''}`;
}

/** Dialogs are parented to the window only when it is on screen: a dialog parented to a hidden
 * window is hidden with it on Windows, and the person would wait on a prompt they cannot see. */
export function dialogParent<W extends { isDestroyed(): boolean; isVisible(): boolean }>(window: W | null): W | null {
  return window !== null && !window.isDestroyed() && window.isVisible() ? window : null;
}

/**
 * The main window. Every item of the Electron security checklist that a window can set is set
 * here explicitly rather than left to defaults, so a reader (and a test) can see it.
 */
export function mainWindowOptions(preload: string, options: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    title: APP_NAME,
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // No en-GB dictionary can be bundled (Chromium needs a .bdic, which no package we can use
      // ships) and the default would download one from Google: spellcheck is off (see README).
      spellcheck: SPELLCHECK.enabled,
      // A middle click would otherwise try to open the link in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  };
}

/** The parts of an IPC sender's frame the check needs (Electron's WebFrameMain has both). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** An IPC call is answered only from the top frame of a page on the app's own origin. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppOrigin(frame.url);
}

export const UNTRUSTED_SENDER_ERROR =
  'This request did not come from the Performance Clinic window, so it was refused.';
