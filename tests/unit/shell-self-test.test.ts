import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { createDispatcher, handlersFor } from '../../main/api/dispatch';
import type { Result } from '../../main/contract';
import { runSelfTest, SELF_TEST_STEPS, type SelfTestDriver } from '../../main/shell/self-test';
import { EN_GB_FORM_CONTROLS_FEATURE } from '../../main/shell/startup';
import { tempDir } from '../support/temp';

/**
 * The self-test's steps over the real application API and its dispatcher (what the IPC handlers
 * call), on a temporary file, with the window played by the test: what only Electron can do
 * (drawing, crashing the page, printing) is answered here, and the Electron test runs the rest.
 */
async function fakeDriver(overrides: Partial<SelfTestDriver> = {}) {
  const folder = tempDir();
  const file = path.join(folder, 'clinic.db');
  const app = new ClinicApp({
    exportHost: {
      printer: { htmlToPdf: () => Promise.resolve(new TextEncoder().encode('%PDF-1.7 minutes')) },
      chooseSavePath: (name) => {
        mkdirSync(path.join(folder, 'exports'), { recursive: true });
        return Promise.resolve(path.join(folder, 'exports', name));
      },
      confirmReplace: () => Promise.resolve(false),
    },
  });
  await app.createFile(file);
  const dispatch = createDispatcher(handlersFor(app));
  const calls: string[] = [];
  const driver: SelfTestDriver = {
    folder,
    call: (name, args) => {
      calls.push(name);
      return dispatch(name, args) as Promise<Result<unknown>>;
    },
    waitForClinic: () => Promise.resolve('Decisions within 1 working day'),
    reopen: async () => {
      app.close();
      await app.openFile(file);
    },
    crashPage: () => Promise.resolve(),
    fileStart: (target, bytes) => Promise.resolve(readFileSync(target).subarray(0, bytes).toString('latin1')),
    settings: () => Promise.resolve({ blinkFeatures: EN_GB_FORM_CONTROLS_FEATURE, spellcheck: false }),
    problems: () => [],
    ...overrides,
  };
  return { driver, app, calls, folder };
}

async function run(driver: SelfTestDriver) {
  const lines: string[] = [];
  const code = await runSelfTest(driver, (line) => lines.push(line));
  return { code, lines };
}

describe('the self-test', () => {
  it('walks the critical path, one line per step, and exits 0', async () => {
    const { driver, app, calls } = await fakeDriver();
    const { code, lines } = await run(driver);
    app.close();
    expect(code).toBe(0);
    expect(lines).toEqual([
      ...SELF_TEST_STEPS.map((step, i) => `self-test: ok ${i + 1}/${SELF_TEST_STEPS.length} ${step.name}`),
      'self-test: passed',
    ]);
    expect(calls).toEqual(
      expect.arrayContaining(['getFileInfo', 'createClinic', 'saveNote', 'getMeasureNotes', 'exportMinutes']),
    );
  });

  it('fails when the note is not in the file after reopening it, and runs nothing after', async () => {
    const { driver, app, folder } = await fakeDriver();
    // A reopen that finds another file: what a save that never reached the disk would look like.
    driver.reopen = async () => {
      await app.createFile(path.join(folder, 'other.db'));
    };
    const { code, lines } = await run(driver);
    app.close();
    expect(code).toBe(1);
    expect(lines[4]).toMatch(/^self-test: FAILED 5\/8 the note is still there .*: .*not in the clinic file/);
    expect(lines.slice(5, 8)).toEqual(
      SELF_TEST_STEPS.slice(5).map((s, i) => `self-test: not run ${i + 6}/8 ${s.name}`),
    );
    expect(lines.at(-1)).toBe('self-test: FAILED');
  });

  it('fails on a Content-Security-Policy violation the page reported', async () => {
    const violation =
      "Refused to load the script 'https://evil.example/x.js' because it violates the following Content Security Policy directive";
    const { driver, app } = await fakeDriver({ problems: () => [violation] });
    const { code, lines } = await run(driver);
    app.close();
    expect(code).toBe(1);
    expect(lines[7]).toBe(`self-test: FAILED 8/8 ${SELF_TEST_STEPS[7]?.name}: ${violation}`);
  });

  it('fails when Chromium was started without the en-GB date switch', async () => {
    const { driver, app } = await fakeDriver({
      settings: () => Promise.resolve({ blinkFeatures: '', spellcheck: false }),
    });
    const { code, lines } = await run(driver);
    app.close();
    expect(code).toBe(1);
    expect(lines[2]).toMatch(/FAILED 3\/8 .*without LangAttributeAwareFormControlUI/);
  });

  it('fails, with the reason on the same line, when the window never draws the clinic', async () => {
    const { driver, app } = await fakeDriver({
      waitForClinic: () => Promise.reject(new Error('the page shows an error:\nThe clinic file could not be read')),
    });
    const { code, lines } = await run(driver);
    app.close();
    expect(code).toBe(1);
    expect(lines[1]).toBe(
      'self-test: FAILED 2/8 the clinic is drawn in the window: the page shows an error: The clinic file could not be read',
    );
  });

  it('fails when the file it opened is not in its temporary folder', async () => {
    const { driver, app } = await fakeDriver();
    const { code, lines } = await run({ ...driver, folder: tempDir() });
    app.close();
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^self-test: FAILED 1\/8 .*not one in/);
  });

  it('fails when the minutes are not a PDF', async () => {
    const { driver, app } = await fakeDriver({ fileStart: () => Promise.resolve('<html') });
    const { code, lines } = await run(driver);
    app.close();
    expect(code).toBe(1);
    expect(lines[5]).toMatch(/FAILED 6\/8 the minutes print to PDF: .* is not a PDF/);
  });
});
