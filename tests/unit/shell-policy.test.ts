import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  dialogParent,
  EXTERNAL_LINK_HOSTS,
  externalLinkDecision,
  followsUserAction,
  frameNavigationDecision,
  isAppOrigin,
  isTrustedSender,
  mainWindowOptions,
  mimeTypeFor,
  navigationDecision,
  type PagePermission,
  permissionDecision,
  redirectDecision,
  resolveAppPath,
  USER_ACTION_INPUTS,
  USER_ACTION_WINDOW_MS,
  windowOpenDecision,
  responseHeaders,
  windowTitle,
} from '../../main/shell/policy';

describe('the main window', () => {
  const prefs = mainWindowOptions('/app/dist/preload/preload.cjs', { devTools: false }).webPreferences ?? {};

  it('isolates the page from Node and Electron (context isolation, sandbox, no Node integration)', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content and <webview>', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('loads the bundled preload and offers developer tools only when asked', () => {
    expect(prefs.preload).toBe('/app/dist/preload/preload.cjs');
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('stays hidden until the page is ready to show', () => {
    expect(mainWindowOptions('/p.cjs', { devTools: false }).show).toBe(false);
  });

  it('says which file it is opening before the file is open', () => {
    expect(windowTitle(null, 'clinic.db')).toBe('Performance Clinic — Opening clinic.db…');
  });

  it('asks for no spelling dictionary: spellcheck is off', () => {
    expect(prefs.spellcheck).toBe(false);
  });

  it('names the open clinic file in the title bar', () => {
    expect(windowTitle({ name: 'clinic.db', readOnly: false })).toBe('Performance Clinic — clinic.db');
    expect(windowTitle({ name: 'clinic.db', readOnly: true })).toBe('Performance Clinic — clinic.db (read-only)');
    expect(windowTitle(null)).toBe('Performance Clinic');
  });
});

describe('the Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it("allows scripts only from the app itself: script-src 'self', no eval, no inline", () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('lets the page fetch nothing and embed nothing', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('is sent with every file the app serves, with nosniff', () => {
    const headers = responseHeaders('/x/index.html');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('links opened in the system browser', () => {
  const hosts = ['www.gov.uk'];
  const acted = { userActed: true, allowedHosts: hosts };

  it.each(['https://www.gov.uk', 'https://www.gov.uk/government/collections/statistics-children-in-need'])(
    'opens %s after a click',
    (url) => expect(externalLinkDecision(url, acted)).toMatchObject({ open: true }),
  );

  it('opens nothing the page asks for by itself, without a click or key press', () => {
    expect(externalLinkDecision('https://www.gov.uk/', { userActed: false, allowedHosts: hosts })).toEqual({
      open: false,
      reason: 'it was not opened by a click or a key press',
    });
  });

  it.each([
    ['http://www.gov.uk/', /only https/],
    ['https://example.org/', /not a site the app links to/],
    ['https://www.gov.uk.evil.example/', /not a site the app links to/],
    ['https://gov.uk/', /not a site the app links to/],
    ['javascript:alert(1)', /only https/],
    ['JAVASCRIPT:alert(1)', /only https/],
    ['file:///etc/passwd', /only https/],
    ['file://C:/Windows/System32/calc.exe', /only https/],
    ['app://clinic/index.html', /only https/],
    ['data:text/html,<script>alert(1)</script>', /only https/],
    ['vbscript:msgbox(1)', /only https/],
    ['ms-msdt:/id PCWDiagnostic', /only https/],
    ['search-ms:query=x', /only https/],
    ['smb://server/share', /only https/],
    ['https://www.gov.uk@evil.example/', /user name or password/],
    ['https://user:pass@www.gov.uk/', /user name or password/],
    [' javascript:alert(1)', /only https/],
    ['www.gov.uk', /not a web address/],
    ['//www.gov.uk', /not a web address/],
    ['', /not a web address/],
    ['not a url', /not a web address/],
  ])('refuses %j, and says why', (url, why) => {
    const decision = externalLinkDecision(url, acted);
    expect(decision.open).toBe(false);
    expect(decision.open ? '' : decision.reason).toMatch(why);
  });

  it('refuses every link while the app links to no site at all', () => {
    expect(EXTERNAL_LINK_HOSTS).toEqual([]);
    expect(externalLinkDecision('https://www.gov.uk/', { userActed: true })).toMatchObject({ open: false });
  });

  it('allows exactly the hosts of the https links in the renderer', () => {
    const folder = path.resolve(__dirname, '../../renderer/src');
    const linked = new Set<string>();
    for (const file of readdirSync(folder)) {
      const text = readFileSync(path.join(folder, file), 'utf8');
      for (const match of text.matchAll(/https:\/\/([a-z0-9.-]+)/gi)) linked.add((match[1] ?? '').toLowerCase());
    }
    expect([...EXTERNAL_LINK_HOSTS].sort()).toEqual([...linked].sort());
  });

  it('counts a click or key press only just before the link, never one after or long before', () => {
    expect(followsUserAction(null, 5000)).toBe(false);
    expect(followsUserAction(5000, 5000)).toBe(true);
    expect(followsUserAction(5000, 5000 + USER_ACTION_WINDOW_MS)).toBe(true);
    expect(followsUserAction(5000, 5001 + USER_ACTION_WINDOW_MS)).toBe(false);
    expect(followsUserAction(5000, 4999)).toBe(false);
  });

  it('counts presses, not hovering or scrolling', () => {
    for (const input of ['mouseDown', 'keyDown', 'rawKeyDown', 'gestureTap'])
      expect(USER_ACTION_INPUTS.has(input)).toBe(true);
    for (const input of ['mouseMove', 'mouseEnter', 'mouseWheel', 'gestureScrollBegin', 'contextMenu'])
      expect(USER_ACTION_INPUTS.has(input)).toBe(false);
  });
});

describe('where the page may go', () => {
  it.each([
    ['app://clinic/index.html', false],
    ['app://clinic/other.html', false],
    ['https://www.gov.uk/', true],
    ['http://example.org/', true],
    ['file:///etc/passwd', true],
    ['javascript:alert(1)', true],
  ])('navigating to %s is refused (offered to the browser: %s)', (url, external) => {
    expect(navigationDecision(url)).toEqual({ allow: false, external });
  });

  it('lets only the main frame navigate (and navigationDecision keeps it home)', () => {
    expect(frameNavigationDecision({ isMainFrame: true })).toEqual({ allow: true });
    expect(frameNavigationDecision({ isMainFrame: false })).toEqual({ allow: false });
  });

  it.each([
    ['app://clinic/index.html', true],
    ['app://clinic.evil/', false],
    ['https://evil.example/', false],
    ['file:///C:/Windows/win.ini', false],
  ])('a redirect to %s is allowed: %s', (url, allow) => expect(redirectDecision(url)).toEqual({ allow }));

  it.each([
    ['https://www.gov.uk/', true],
    ['app://clinic/index.html', false],
    ['about:blank', true],
    ['', true],
  ])('window.open(%j) makes no window (offered to the browser: %s)', (url, external) => {
    expect(windowOpenDecision(url)).toEqual({ action: 'deny', external });
  });
});

describe('permissions', () => {
  // Every name Electron 41 can ask about (the type check below fails if Electron adds one and this
  // list does not); a name from a later Electron is refused too.
  const every = [
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'geolocation',
    'idle-detection',
    'media',
    'mediaKeySystem',
    'midi',
    'midiSysex',
    'notifications',
    'pointerLock',
    'keyboardLock',
    'openExternal',
    'speaker-selection',
    'storage-access',
    'top-level-storage-access',
    'window-management',
    'unknown',
    'fileSystem',
  ] as const satisfies readonly PagePermission[];
  type Unlisted = Exclude<PagePermission, (typeof every)[number]>;
  const everyOneListed: [Unlisted] extends [never] ? true : Unlisted = true;

  it('lists every permission Electron knows', () => expect(everyOneListed).toBe(true));

  it.each([...every, 'hid', 'serial', 'usb', 'a-permission-from-a-later-electron'])('refuses %s', (permission) =>
    expect(permissionDecision(permission)).toBe(false),
  );
});

describe('dialogs', () => {
  const window = (visible: boolean, destroyed = false) => ({ isVisible: () => visible, isDestroyed: () => destroyed });

  it('are parented to the window only while it is on screen, so none is hidden behind it', () => {
    const shown = window(true);
    expect(dialogParent(shown)).toBe(shown);
    expect(dialogParent(window(false))).toBeNull();
    expect(dialogParent(window(true, true))).toBeNull();
    expect(dialogParent(null)).toBeNull();
  });
});

describe("the app's own origin", () => {
  it('is app://clinic, for any page under it', () => {
    expect(isAppOrigin(APP_ENTRY_URL)).toBe(true);
    expect(isAppOrigin('app://clinic/')).toBe(true);
    expect(isAppOrigin('app://clinic/assets/index.js?x=1#y')).toBe(true);
  });

  it.each([
    'app://clinic.evil/',
    'app://evil/clinic',
    'app://clinic@evil/',
    'app://user@clinic/',
    'app://clinic:8080/',
    'apps://clinic/',
    'https://clinic/',
    'http://app.clinic/',
    'file:///app/clinic/index.html',
    'app://evil/?app://clinic/',
    'about:blank',
    '',
    'null',
  ])('is not %j', (url) => expect(isAppOrigin(url)).toBe(false));
});

describe('who may call the application over IPC', () => {
  it("accepts only the top frame of the app's own page", () => {
    expect(isTrustedSender({ url: 'app://clinic/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://clinic/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('files served from app://', () => {
  const root = path.resolve('/srv/app/dist/renderer');

  it("serves index.html for '/'", () => {
    expect(resolveAppPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, '')).toBe(path.join(root, 'index.html'));
  });

  it('serves files under the renderer folder, percent-decoded', () => {
    expect(resolveAppPath(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, '/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..',
    '/.',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/C:/Windows/win.ini',
    '/c:%5cWindows%5cwin.ini',
    '/index.html%00.png',
    '/%E0%A4%A',
  ])('refuses %j', (pathname) => expect(resolveAppPath(root, pathname)).toBeNull());

  it('refuses a sibling folder whose name starts with the root (no prefix matching)', () => {
    expect(resolveAppPath(root, '/../renderer-evil/index.html')).toBeNull();
  });

  it('refuses Windows traversal with backslashes and UNC paths', () => {
    const winRoot = 'C:\\Program Files\\Performance Clinic\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppPath(winRoot, '/assets/app.js', path.win32)).toBe(`${winRoot}\\assets\\app.js`);
    expect(resolveAppPath(winRoot, '/..%5c..%5csecret.txt', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, '/%5c%5cserver%5cshare%5cx', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, '/D:/x.txt', path.win32)).toBeNull();
  });

  it('declares the right MIME type, so module scripts load under strict checking', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('assets/index-abc.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('logo.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('unknown.bin')).toBe('application/octet-stream');
  });
});
