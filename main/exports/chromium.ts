/**
 * Debian's Chromium, for everything this project drives with Playwright: the end-to-end tests,
 * the screenshots, PDF minutes on the command line and the renderer benchmark. The flags keep a
 * root, offline machine quiet: no sandbox (root), no GPU, no background or update traffic.
 */
import { existsSync } from 'node:fs';

/** Where Chromium may be: Debian's real binary first (/usr/bin/chromium is a wrapper script). */
export const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

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
