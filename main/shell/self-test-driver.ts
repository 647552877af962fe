/**
 * Drives the real app for the self-test (self-test.ts holds the steps): calls are made from the page
 * through window.clinic, so they cross the preload and IPC exactly as the person's clicks do;
 * exports go to the temporary folder instead of asking where to save.
 */
import { mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import { app, session, type BrowserWindow } from 'electron';
import type { ClinicApp } from '../api/clinic-app';
import type { CallName, Result } from '../contract';
import type { ExportHost } from '../exports/exporter';
import { ElectronPrinter } from './electron-printer';
import type { SelfTestDriver } from './self-test';

/** Long enough for a slow laptop with antivirus scanning every file; only a hang reaches it. */
const WAIT_MS = 60_000;
const POLL_MS = 100;

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${WAIT_MS / 1000} seconds`)), WAIT_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, POLL_MS));

/** Exports land in `folder`/exports under the name the app suggests; nothing is ever replaced. */
export function selfTestExportHost(folder: string): ExportHost {
  return {
    printer: new ElectronPrinter(),
    chooseSavePath: (suggestedName) => {
      mkdirSync(path.join(folder, 'exports'), { recursive: true });
      return Promise.resolve(path.join(folder, 'exports', suggestedName));
    },
    confirmReplace: () => Promise.resolve(false),
    chooseOpenPath: () => Promise.resolve(null),
  };
}

/** What the page shows: the first heading of the clinic, or the error it reports instead. */
const READ_PAGE = `(() => {
  const error = document.querySelector('#main [role="alert"]');
  if (error) return { error: error.textContent };
  const heading = document.querySelector('#main h2');
  return heading ? { heading: heading.textContent } : null;
})()`;

export function createSelfTestDriver(options: {
  folder: string;
  clinic: ClinicApp;
  window: () => BrowserWindow | null;
  problems: readonly string[];
}): SelfTestDriver {
  const contents = () => {
    const window = options.window();
    if (!window) throw new Error('the window has closed');
    return window.webContents;
  };

  return {
    folder: options.folder,

    async call(name: CallName, args: unknown) {
      const code = `window.clinic[${JSON.stringify(name)}](${JSON.stringify(args)})`;
      return (await withDeadline(
        contents().executeJavaScript(code, true),
        `${name} did not answer`,
      )) as Result<unknown>;
    },

    waitForClinic() {
      return withDeadline(
        (async () => {
          for (;;) {
            const shown = (await contents()
              .executeJavaScript(READ_PAGE)
              .catch(() => null)) as { heading?: string; error?: string } | null;
            if (shown?.error !== undefined) throw new Error(`the page shows an error: ${shown.error}`);
            if (shown?.heading !== undefined) return shown.heading;
            await pause();
          }
        })(),
        'the clinic was not drawn',
      );
    },

    async reopen() {
      const file = options.clinic.fileInfo().path;
      options.clinic.close();
      await options.clinic.openFile(file);
      const page = contents();
      const reloaded = new Promise<void>((resolve) => page.once('did-finish-load', () => resolve()));
      page.reload();
      await withDeadline(reloaded, 'the page was not reloaded');
    },

    async crashPage() {
      const page = contents();
      const reloaded = new Promise<void>((resolve) => page.once('did-finish-load', () => resolve()));
      page.forcefullyCrashRenderer();
      await withDeadline(reloaded, 'the page was not reloaded after the crash');
    },

    async fileStart(file: string, bytes: number) {
      const handle = await open(file, 'r');
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead).toString('latin1');
      } finally {
        await handle.close();
      }
    },

    settings() {
      return Promise.resolve({
        blinkFeatures: app.commandLine.getSwitchValue('enable-blink-features'),
        spellcheck: session.defaultSession.isSpellCheckerEnabled(),
      });
    },

    problems: () => options.problems,
  };
}
