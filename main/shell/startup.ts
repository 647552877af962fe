/**
 * What the shell sets before the app is ready, as data: the Windows application id, the Chromium
 * switches, and the spellchecker's settings. No Electron import, so the tests use the same values
 * (playwright.config.ts passes the same switches to Chromium) and the packaging config the same id.
 */

/**
 * Windows groups taskbar buttons, pins and notifications by this id; it must equal the installer's
 * appId (electron-builder.config.ts reads it from here), or a pinned shortcut opens a second icon.
 */
export const APP_USER_MODEL_ID = 'uk.gov.performanceclinic';

/**
 * Blink's feature that makes date inputs follow their lang attribute (the renderer's pages are
 * lang="en-GB": day, month, year) instead of the operating system's language. Without it, on an
 * en-US Windows a due date would be entered month first.
 */
export const EN_GB_FORM_CONTROLS_FEATURE = 'LangAttributeAwareFormControlUI';

/** Chromium command-line switches the shell appends before `ready`, as [name, value]. */
export const CHROMIUM_SWITCHES: readonly (readonly [string, string])[] = [
  ['enable-blink-features', EN_GB_FORM_CONTROLS_FEATURE],
];

/** The same switches as a browser's command-line flags, for Playwright's Chromium. */
export function chromiumFlags(switches: readonly (readonly [string, string])[] = CHROMIUM_SWITCHES): string[] {
  return switches.map(([name, value]) => (value === '' ? `--${name}` : `--${name}=${value}`));
}

/**
 * The spellchecker. Chromium's spellchecker on Windows and Linux needs a Hunspell dictionary in its
 * own .bdic format, which it otherwise downloads from Google's servers. No package we can install
 * ships an en-GB .bdic (npm's dictionary-en-gb and Debian's hunspell-en-gb are .dic/.aff), so there
 * is no file of our own to bundle or to point the download at: spellcheck is off, and said so in the
 * README. The languages stay here so that turning it on later is one change.
 */
export const SPELLCHECK: { readonly enabled: boolean; readonly languages: readonly string[] } = {
  enabled: false,
  languages: ['en-GB'],
};

/** The self-test runs when started with --self-test or with PERFCLINIC_SELF_TEST=1. */
export const SELF_TEST_ENV = 'PERFCLINIC_SELF_TEST';
export const SELF_TEST_FLAG = '--self-test';

export function isSelfTest(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): boolean {
  return argv.includes(SELF_TEST_FLAG) || env[SELF_TEST_ENV] === '1';
}
