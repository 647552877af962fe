/**
 * Launches the real Electron app on a temporary app data folder and walks the critical path: the
 * window, clinic.db created in userData, a note through IPC, the minutes as a PDF, no console
 * errors; then runs the app's own --self-test. Needs the Electron binary, which machines installed
 * with ELECTRON_SKIP_BINARY_DOWNLOAD=1 do not have: there the tests say so in one line and skip.
 * On Linux it needs a display (.ci/run uses xvfb-run where the binary is installed).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { SELF_TEST_STEPS } from '../../main/shell/self-test';
import { APP_USER_MODEL_ID, EN_GB_FORM_CONTROLS_FEATURE } from '../../main/shell/startup';

const root = path.resolve(__dirname, '../..');
const entry = path.join(root, 'dist/main/shell.cjs');
const SKIPPED = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): skipped';

/** The path the electron npm package points at, if the binary behind it is really there. */
function electronBinary(): string | null {
  try {
    const binary: unknown = createRequire(path.join(root, 'package.json'))('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    // The package throws when its path.txt is missing, i.e. the binary was never downloaded.
    return null;
  }
}

const binary = electronBinary();
if (binary === null) console.log(SKIPPED);
test.skip(binary === null, SKIPPED);

/**
 * Chromium refuses to start as root with its sandbox on; CI containers run as root. Only there is
 * the sandbox switched off; the page's own isolation (contextIsolation, sandbox: true) still holds.
 */
const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

async function launch(userData: string, extraArgs: string[] = []): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary ?? undefined,
    args: [...sandboxArgs, entry, ...extraArgs],
    cwd: root,
    env: { ...process.env, PERFCLINIC_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' },
  });
}

/** Console errors and uncaught errors in the window, CSP violations included (Chromium logs them). */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

type Clinic = Record<string, (args: unknown) => Promise<{ ok: boolean; value?: unknown; error?: string }>>;

/** A call made by the page through window.clinic: the preload, IPC and the main-side handler. */
async function call(page: Page, name: string, args: unknown): Promise<unknown> {
  const result = await page.evaluate(
    ([n, a]) => ((globalThis as Record<string, unknown>).clinic as Clinic)[n as string]?.(a),
    [name, args] as const,
  );
  expect(result, `${name} through IPC`).toMatchObject({ ok: true });
  return (result as { value: unknown }).value;
}

let userData: string;

test.beforeEach(() => {
  expect(existsSync(entry), 'the shell is built: run `npm run build` first').toBe(true);
  userData = mkdtempSync(path.join(tmpdir(), 'perfclinic-electron-'));
});

test.afterEach(() => {
  if (userData) rmSync(userData, { recursive: true, force: true });
});

test('the first run opens clinic.db, saves a note through IPC and prints the minutes, with no errors', async () => {
  const app = await launch(userData);
  try {
    const page = await app.firstWindow();
    const problems = watch(page);
    await expect(page.getByText('Decisions within 1 working day').first()).toBeVisible({ timeout: 30_000 });
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe(
      'Performance Clinic — clinic.db',
    );
    expect(page.url()).toBe('app://clinic/index.html');
    expect(existsSync(path.join(userData, 'clinic.db'))).toBe(true);

    // What the shell set before it was ready.
    const shell = await app.evaluate(({ app: electronApp, session }) => ({
      blinkFeatures: electronApp.commandLine.getSwitchValue('enable-blink-features'),
      spellcheck: session.defaultSession.isSpellCheckerEnabled(),
    }));
    expect(shell.blinkFeatures.split(',')).toContain(EN_GB_FORM_CONTROLS_FEATURE);
    expect(shell.spellcheck).toBe(false);
    expect(APP_USER_MODEL_ID).toBe('uk.gov.performanceclinic');

    const reach = await page.evaluate(() => {
      const page = globalThis as Record<string, unknown>;
      const clinic = page.clinic as Record<string, unknown> | undefined;
      return {
        clinic: typeof clinic,
        clinicKeys: clinic ? Object.keys(clinic).sort() : [],
        require: typeof page.require,
        process: typeof page.process,
        module: typeof page.module,
        ipcRenderer: typeof page.ipcRenderer,
      };
    });
    expect(reach.clinic).toBe('object');
    expect(reach.clinicKeys).toContain('getReport');
    expect(reach.require).toBe('undefined');
    expect(reach.process).toBe('undefined');
    expect(reach.module).toBe('undefined');
    expect(reach.ipcRenderer).toBe('undefined');

    expect(await call(page, 'getFileInfo', {})).toMatchObject({
      path: path.join(userData, 'clinic.db'),
      name: 'clinic.db',
      readOnly: false,
    });

    // A note through IPC, and back from the file.
    const clinic = (await call(page, 'createClinic', {
      held_on: '2026-11-26',
      kind: 'Electron test clinic',
      scope: [],
      chair: 'Test chair',
      attendees: [],
      apologies: [],
    })) as { id: number };
    const view = (await call(page, 'getClinicView', { id: clinic.id })) as { agenda: { measure: string }[] };
    const measure = view.agenda[0]?.measure;
    expect(measure).toBeDefined();
    await call(page, 'saveNote', { clinicId: clinic.id, measure, text: 'Noted in Electron', baseVersion: 0 });
    const notes = (await call(page, 'getMeasureNotes', { measure })) as { text: string }[];
    expect(notes.map((n) => n.text)).toContain('Noted in Electron');

    // The minutes as a PDF through printToPDF; the save dialog is answered here.
    const pdf = path.join(userData, 'minutes.pdf');
    await app.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = (() =>
        Promise.resolve({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
    }, pdf);
    expect(await call(page, 'exportMinutes', { clinicId: clinic.id, format: 'pdf' })).toEqual({ path: pdf });
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // A page that tried to open a window or leave the app would stay where it is.
    const opened = await page.evaluate(() =>
      (globalThis as unknown as { open(url: string): unknown }).open('https://example.org/'),
    );
    expect(opened).toBeNull();
    expect(app.windows()).toHaveLength(1);

    expect(problems).toEqual([]);
  } finally {
    await app.close();
  }
});

test('a damaged clinic file is explained and left exactly as it was', async () => {
  const file = path.join(userData, 'clinic.db');
  writeFileSync(file, 'this is not a clinic file, and it must not be overwritten');
  const before = createHash('sha256').update(readFileSync(file)).digest('hex');
  const app = await launch(userData);
  try {
    // The explanation is a native dialog, which Playwright cannot read; the window opens first
    // and stays on screen under it.
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle()))
      .toBe('Performance Clinic');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible())).toBe(true);
  } finally {
    await app.close();
  }
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
});

test('--self-test walks the critical path and exits 0', async () => {
  const lines: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(binary ?? '', [...sandboxArgs, entry, '--self-test'], { cwd: root, env: process.env });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      lines.push(...parts.filter((line) => line.startsWith('self-test:')));
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  expect(lines, lines.join('\n')).toEqual([
    ...SELF_TEST_STEPS.map((step, i) => `self-test: ok ${i + 1}/${SELF_TEST_STEPS.length} ${step.name}`),
    'self-test: passed',
  ]);
  expect(code).toBe(0);
});
