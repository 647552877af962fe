/**
 * Debian's Chromium, for everything this project drives with Playwright: the end-to-end tests,
 * the screenshots, PDF minutes on the command line and the renderer benchmark. The flags keep a
 * root, offline machine quiet: no sandbox (root), no GPU, no background or update traffic.
 */
import { existsSync } from 'node:fs';

/**
 * Where Chromium may be. Debian's headless shell first: it is Chromium's engine without the
 * browser's own windows and pages, made for printing and automation, and on two cores it runs the
 * end-to-end suite in about 60% of the CPU time the full browser's headless mode takes (clinic and
 * headlines specs, one worker: 19 s against 32 s of CPU). Then the full browser, whose real binary
 * comes before Debian's wrapper script (/usr/bin/chromium).
 */
export const CHROMIUM_CANDIDATES = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium to use: $PERFCLINIC_CHROMIUM when set, else the first of the usual places that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.PERFCLINIC_CHROMIUM;
  if (chosen !== undefined && chosen !== '') return existsSync(chosen) ? chosen : null;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}
