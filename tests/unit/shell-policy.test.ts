import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isAppOrigin,
  isTrustedSender,
  mainWindowOptions,
  mimeTypeFor,
  resolveAppPath,
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
  it.each([
    'https://www.gov.uk',
    'https://www.gov.uk/government/collections/statistics-children-in-need',
    'http://example.org/',
  ])('opens %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///etc/passwd',
    'file://C:/Windows/System32/calc.exe',
    'app://clinic/index.html',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'ms-msdt:/id PCWDiagnostic',
    'smb://server/share',
    'https://www.gov.uk@evil.example/',
    'https://user:pass@www.gov.uk/',
    ' javascript:alert(1)',
    'www.gov.uk',
    '//www.gov.uk',
    '',
    'not a url',
  ])('refuses %j', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
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
