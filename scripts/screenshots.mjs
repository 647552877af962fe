// Writes docs/screenshots/clinic.png and measure-detail.png from the built renderer, using the
// same harness as the end-to-end tests (Debian's Chromium, the real API over a temporary file).
// `npm run screenshots` builds first.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const result = spawnSync(process.execPath, [cli, 'test', '--config', 'playwright.screenshots.config.ts'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
