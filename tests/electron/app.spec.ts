/**
 * Launches the real Electron app on a temporary app data folder. Needs the Electron binary, which
 * machines installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 do not have: there the tests say so and skip.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

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

async function launch(userData: string): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary ?? undefined,
    args: [entry],
    cwd: root,
    env: { ...process.env, PERFCLINIC_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' },
  });
}

let userData: string;

test.beforeEach(() => {
  expect(existsSync(entry), 'the shell is built: run `npm run build` first').toBe(true);
  userData = mkdtempSync(path.join(tmpdir(), 'perfclinic-electron-'));
});

test.afterEach(() => {
  if (userData) rmSync(userData, { recursive: true, force: true });
});

test('the first run opens the sample clinic in a locked-down window', async () => {
  const app = await launch(userData);
  try {
    const page = await app.firstWindow();
    await expect(page.getByText('Decisions within 1 working day').first()).toBeVisible({ timeout: 30_000 });
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe(
      'Performance Clinic — clinic.db',
    );
    expect(page.url()).toBe('app://clinic/index.html');

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

    const info = await page.evaluate(async () => {
      const clinic = (globalThis as Record<string, unknown>).clinic as { getFileInfo(a: object): Promise<unknown> };
      return clinic.getFileInfo({});
    });
    expect(info).toMatchObject({
      ok: true,
      value: { path: path.join(userData, 'clinic.db'), name: 'clinic.db', readOnly: false },
    });

    // A page that tried to open a window or leave the app would stay where it is.
    const opened = await page.evaluate(() =>
      (globalThis as unknown as { open(url: string): unknown }).open('https://example.org/'),
    );
    expect(opened).toBeNull();
    expect(app.windows()).toHaveLength(1);
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
    // The explanation is a native dialog, which Playwright cannot read; the window opens regardless.
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe(
      'Performance Clinic',
    );
  } finally {
    await app.close();
  }
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
});
