/**
 * The renderer under test without the Electron shell (architecture.md rule 7): the built renderer
 * is served to Chromium from a fake origin, and `window.clinic` is the preload's shape wired
 * through a Playwright binding to the real application API over a temporary clinic file. The
 * dispatcher is the one the IPC handlers use, so arguments are checked and errors worded the same.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect as baseExpect, type Browser, type Locator, type Page } from '@playwright/test';
import { ClinicApp } from '../../main/api/clinic-app';
import type { ExportHost } from '../../main/exports/exporter';
import type { PdfPrinter } from '../../main/exports/pdf-printer';
import { PlaywrightPrinter } from '../../main/exports/playwright-printer';
import { createDispatcher, handlersFor } from '../../main/api/dispatch';
import { callNames, type FileInfo, type MenuCommand } from '../../main/contract';
import { responseHeaders } from '../../main/shell/policy';

/**
 * `toHaveFocus()`: the element is the document's active element, waited for as the UI's own
 * effect moves focus. Playwright's `toBeFocused()` also needs the browser window itself to have
 * focus (document.hasFocus()), which a headless window on a busy machine running two workers does
 * not always have: it failed CI with "Received: inactive" while the element was the active one.
 * ESLint forbids `toBeFocused` in the tests for that reason.
 */
export const expect = baseExpect.extend({
  async toHaveFocus(locator: Locator, options: { timeout?: number } = {}) {
    if (this.isNot) throw new Error('expect(…).not.toHaveFocus() is not supported: check what has focus instead.');
    let active = 'nothing';
    let pass = true;
    try {
      await baseExpect
        .poll(
          async () => {
            const seen = await locator.evaluate((el) => {
              const current = el.ownerDocument.activeElement;
              const label = current
                ? `<${current.tagName.toLowerCase()}> "${(current.textContent ?? '').trim().slice(0, 60)}"`
                : 'nothing';
              return { focused: current === el, label };
            });
            active = seen.label;
            return seen.focused;
          },
          { timeout: options.timeout ?? this.timeout },
        )
        .toBe(true);
    } catch {
      pass = false;
    }
    return {
      pass,
      name: 'toHaveFocus',
      message: () =>
        `expected ${locator.toString()} to be the document's active element; the active element is ${active}`,
    };
  },
});

export const ORIGIN = 'http://clinic.test';
const rendererDir = path.resolve(__dirname, '../../dist/renderer');

/**
 * Serves dist/renderer at ORIGIN with the headers the shell's app:// handler sends (policy.ts), so
 * every test runs under the shell's exact Content-Security-Policy; anything else on any origin is
 * refused, so nothing leaks to the network.
 */
export async function serveRenderer(page: Page): Promise<void> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The built renderer is missing (${rendererDir}/index.html). Run "npm run build" before the tests.`);
  }
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(rendererDir, relative);
    // A path that climbs out of dist/renderer is refused, as the shell's protocol handler must.
    if (path.relative(rendererDir, file).startsWith('..') || !existsSync(file)) {
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
    }
    return route.fulfill({ status: 200, headers: responseHeaders(file), body: readFileSync(file) });
  });
}

type Rewrite = (name: string, args: unknown) => unknown;

export interface SecondInstance {
  page: Page;
  app: ClinicApp;
  /** This instance's folder: its save dialog puts what it saves in `exports` under it. */
  dir: string;
  pickFile(file: string | null): void;
  menu(command: MenuCommand): Promise<void>;
}

function sendMenu(page: Page, command: MenuCommand): Promise<void> {
  return page.evaluate((c) => (globalThis as unknown as ClinicWindow).__clinicMenuCommand(c), command);
}

/** The shell forwards the app's file-changed event to the window; here the test plays the shell. */
function forwardFileChanges(app: ClinicApp, page: Page): () => void {
  return app.onFileChanged((info) => {
    page.evaluate((i) => (globalThis as unknown as ClinicWindow).__clinicFileChanged(i), info).catch(() => {});
  });
}

interface ClinicWindow {
  __clinicCall(name: string, args: unknown): Promise<unknown>;
  __clinicFileChanged(info: FileInfo): void;
  __clinicMenuCommand(command: MenuCommand): void;
}

export interface ClinicHarness {
  /** The application behind the window, over a fresh copy of the October 2023 sample. */
  app: ClinicApp;
  /** A temporary folder for this test's clinic files. */
  dir: string;
  /**
   * Loads the renderer and waits until the file is on screen (or an error is), then goes to the
   * clinic table, where most tests start; `{ on: 'headlines' }` stays where the window opens.
   */
  open(options?: { on?: StartPage }): Promise<void>;
  /** Changes a call's argument before the API sees it: the way to make the real API refuse something. */
  rewriteCalls(rewrite: Rewrite): void;
  /**
   * A second window on the same clinic file, in a fresh browser context with its own application
   * that reads the file from disk: what a restart, or another window, would see.
   */
  openAnotherWindow(): Promise<Page>;
  /**
   * A second person's window on the same clinic file: a fresh browser context over an application
   * instance of its own, with its own display name and its own dialogs (saves go to `dir/<name>`).
   */
  openSecondInstance(displayName: string, options?: { file?: string; outbox?: boolean }): Promise<SecondInstance>;
  /** Plays the shell's File menu: the item's command reaches the window as the preload delivers it. */
  menu(command: MenuCommand): Promise<void>;
  /**
   * Fixes the application's clock (null for the real one). Only the README screenshots use this,
   * so their dates and "Saved at" times are the same on every run; the tests run on today's date.
   */
  setClock(now: Date | null): void;
  /**
   * Plays the person at the app's open dialog: the next time the app asks for a file, this is
   * the one picked (null: the person cancels). Without a pick the dialog is cancelled.
   */
  pickFile(file: string | null): void;
  /** The same for a dialog that picks several files at once (DfE's statistics). */
  pickFiles(files: string[] | null): void;
}

/** Puts the preload's object on `window.clinic`: one function per contract call, plus onFileChanged. */
async function installClinicApi(page: Page, dispatch: (name: unknown, args: unknown) => Promise<unknown>) {
  await page.exposeBinding('__clinicCall', (_source, name: unknown, args: unknown) => dispatch(name, args));
  await page.addInitScript((names: readonly string[]) => {
    // globalThis is the window here; the Node-side tsconfig has no DOM types to name it by.
    const w = globalThis as unknown as ClinicWindow;
    const listeners = new Set<(info: FileInfo) => void>();
    const menuListeners = new Set<(command: MenuCommand) => void>();
    const api: Record<string, unknown> = {};
    for (const name of names) api[name] = (args: unknown) => w.__clinicCall(name, args);
    api.onFileChanged = (listener: (info: FileInfo) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
    api.onMenuCommand = (listener: (command: MenuCommand) => void) => {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    };
    Object.defineProperty(globalThis, 'clinic', { value: Object.freeze(api) });
    Object.defineProperty(globalThis, '__clinicFileChanged', {
      value: (info: FileInfo) => listeners.forEach((listener) => listener(info)),
    });
    Object.defineProperty(globalThis, '__clinicMenuCommand', {
      value: (command: MenuCommand) => menuListeners.forEach((listener) => listener(command)),
    });
  }, callNames);
}

/** Runs before the page's own scripts: every CSP violation becomes a console error naming it. */
export const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) =>
  console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code')));`;

/** Collects what a window logs as an error, so a test fails on a crash or a CSP violation it did not see. */
async function watchForProblems(page: Page, problems: string[]): Promise<void> {
  // Chromium logs most violations to the console; the event catches every one, reported or not.
  await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });
  page.on('pageerror', (error) => problems.push(`Uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`Console error: ${message.text()}`);
  });
}

/** Where a test starts: the window opens a file on its headlines; most tests start at the clinic table. */
export type StartPage = 'headlines' | 'clinic';

async function openWindow(page: Page, on: StartPage = 'clinic'): Promise<void> {
  await page.goto(`${ORIGIN}/index.html`);
  // The first load parses the bundle and asks the file for everything: allow for a busy machine.
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible({ timeout: 15_000 });
  // Clicked from the page's script, so focus stays where a freshly opened window has it (tests
  // that start with Tab begin at the top of the page).
  if (on === 'clinic')
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Clinic', exact: true })
      .evaluate((button) => (button as { click(): void }).click());
}

/**
 * The shell's dialogs, played by the test: every export goes to `dir/exports` under the name the
 * app suggests, and an existing file is never replaced; the open dialog returns what the test
 * picked. PDF printing launches its own Chromium only if a test asks for a PDF.
 */
function exportHostIn(dir: string, picks: (string | null)[], manyPicks: (string[] | null)[]): ExportHost {
  let printer: PlaywrightPrinter | null = null;
  const lazyPrinter: PdfPrinter = {
    htmlToPdf: (html, options) => (printer ??= new PlaywrightPrinter()).htmlToPdf(html, options),
  };
  return {
    printer: lazyPrinter,
    chooseSavePath: (suggested) => {
      mkdirSync(path.join(dir, 'exports'), { recursive: true });
      return Promise.resolve(path.join(dir, 'exports', suggested));
    },
    confirmReplace: () => Promise.resolve(false),
    chooseOpenPath: () => Promise.resolve(picks.shift() ?? null),
    chooseOpenPaths: () => Promise.resolve(manyPicks.shift() ?? null),
  };
}

export const test = base.extend<{ clinic: ClinicHarness }, { sampleFile: string }>({
  /**
   * The October 2023 sample made once per worker: each test opens its own copy, the file a first
   * run of the app makes, without building the sample again (about half a second a test).
   */
  sampleFile: [
    // Playwright reads a fixture's dependencies from this pattern: a worker fixture with none has `{}`.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'clinic-e2e-sample-'));
      const made = new ClinicApp();
      await made.createFile(path.join(dir, 'clinic.db'));
      made.close();
      await use(path.join(dir, 'clinic.db'));
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  clinic: async ({ page, browser, sampleFile }: { page: Page; browser: Browser; sampleFile: string }, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'clinic-e2e-'));
    const file = path.join(dir, 'clinic.db');
    let fixedNow: Date | null = null;
    const picks: (string | null)[] = [];
    const manyPicks: (string[] | null)[] = [];
    const app = new ClinicApp({
      now: () => (fixedNow ? new Date(fixedNow) : new Date()),
      exportHost: exportHostIn(dir, picks, manyPicks),
    });
    copyFileSync(sampleFile, file);
    await app.openFile(file);
    const others: { app: ClinicApp; close: () => Promise<void> }[] = [];

    let rewrite: Rewrite = (_name, args) => args;
    const dispatch = createDispatcher(handlersFor(app));
    await installClinicApi(page, (name, args) => dispatch(name, rewrite(String(name), args)));

    const stopForwarding = forwardFileChanges(app, page);

    const problems: string[] = [];
    await watchForProblems(page, problems);

    await serveRenderer(page);
    await use({
      app,
      dir,
      open: (options) => openWindow(page, options?.on),
      rewriteCalls: (fn) => {
        rewrite = fn;
      },
      openAnotherWindow: async () => {
        const other = new ClinicApp();
        await other.openFile(file);
        const context = await browser.newContext({
          viewport: page.viewportSize(),
          locale: 'en-GB',
          timezoneId: 'Europe/London',
        });
        others.push({ app: other, close: () => context.close() });
        const second = await context.newPage();
        await watchForProblems(second, problems);
        await installClinicApi(second, createDispatcher(handlersFor(other)));
        await serveRenderer(second);
        await openWindow(second);
        return second;
      },
      openSecondInstance: async (displayName, options = {}) => {
        const ownDir = path.join(dir, displayName.replace(/[^A-Za-z0-9]+/g, '-'));
        mkdirSync(ownDir, { recursive: true });
        const ownPicks: (string | null)[] = [];
        const other = new ClinicApp({
          exportHost: exportHostIn(ownDir, ownPicks, []),
          deviceId: `e2e-${displayName}`,
          // As the shell does: this person's journals in their own user data folder, not beside the file.
          ...(options.outbox ? { outboxDir: path.join(ownDir, 'outbox') } : {}),
        });
        other.setPreferences({ displayName });
        await other.openFile(options.file ?? file);
        const context = await browser.newContext({
          viewport: page.viewportSize(),
          locale: 'en-GB',
          timezoneId: 'Europe/London',
        });
        const second = await context.newPage();
        const stop = forwardFileChanges(other, second);
        others.push({
          app: other,
          close: async () => {
            stop();
            await context.close();
          },
        });
        await watchForProblems(second, problems);
        await installClinicApi(second, createDispatcher(handlersFor(other)));
        await serveRenderer(second);
        await openWindow(second);
        return {
          page: second,
          app: other,
          dir: ownDir,
          pickFile: (chosen) => ownPicks.push(chosen),
          menu: (command) => sendMenu(second, command),
        };
      },
      menu: (command) => sendMenu(page, command),
      setClock: (now) => {
        fixedNow = now;
      },
      pickFile: (chosen) => {
        picks.push(chosen);
      },
      pickFiles: (chosen) => {
        manyPicks.push(chosen);
      },
    });

    for (const other of others) {
      await other.close();
      other.app.close();
    }
    stopForwarding();
    app.close();
    rmSync(dir, { recursive: true, force: true });
    // A CSP violation or a crash in the window shows up here even when the screen looked right.
    expect(problems, 'the window logged errors').toEqual([]);
  },
});
