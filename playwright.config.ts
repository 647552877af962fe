import { CHROMIUM_ARGS, findChromium } from './main/exports/chromium';
import { chromiumFlags } from './main/shell/startup';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium (see main/exports/chromium.ts); the tests fail clearly if it is missing. */
export const chromiumPath = findChromium() ?? '/usr/bin/chromium';
export const chromiumArgs = [
  ...CHROMIUM_ARGS,
  // The shell's own switches (main/shell/startup.ts), so the tests see what the app shows: date
  // inputs follow their lang="en-GB" (day, month, year) rather than the browser's language, which
  // for Debian's Chromium (only the en-US language pack) would put the month first.
  ...chromiumFlags(),
];

export default defineConfig({
  workers: 2,
  reporter: 'list',
  fullyParallel: true,
  // A flake is a defect to fix, never to retry (issue 12).
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Generous: two workers share two cores with the app and Chromium, and CI may share the machine
  // with other work. A time limit only catches a hang; it is not a speed test (that is the bench).
  timeout: 180_000,
  expect: { timeout: 20_000 },
  use: {
    // On a failure: the actions with the page's DOM at each, and a screenshot of the end. The
    // trace's screencast is left out: it encodes frames all the time, in every test, on two cores.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
      },
    },
    {
      // Drives the real Electron shell; the tests skip themselves, and say so, where there is no binary.
      name: 'electron',
      testDir: 'tests/electron',
    },
  ],
});
