import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './playwright.config';

/** Only the README screenshots: run by scripts/screenshots.mjs after a build, never by `playwright test`. */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: 'screenshots.shot.ts',
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
});
