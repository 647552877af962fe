import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumArgs } from '../../playwright.config';
import {
  APP_USER_MODEL_ID,
  CHROMIUM_SWITCHES,
  chromiumFlags,
  EN_GB_FORM_CONTROLS_FEATURE,
  isSelfTest,
  SPELLCHECK,
} from '../../main/shell/startup';

const root = path.resolve(__dirname, '../..');

describe('what the shell sets before it is ready', () => {
  it('makes date inputs follow lang="en-GB" whatever the system language', () => {
    expect(CHROMIUM_SWITCHES).toContainEqual(['enable-blink-features', 'LangAttributeAwareFormControlUI']);
    expect(EN_GB_FORM_CONTROLS_FEATURE).toBe('LangAttributeAwareFormControlUI');
  });

  it("gives the tests' Chromium exactly the shell's switches", () => {
    const flags = chromiumFlags();
    expect(flags).toEqual(['--enable-blink-features=LangAttributeAwareFormControlUI']);
    for (const flag of flags) expect(chromiumArgs).toContain(flag);
    expect(chromiumArgs.filter((arg) => arg.startsWith('--enable-blink-features'))).toEqual(flags);
  });

  it('writes a switch without a value as a bare flag', () => {
    expect(chromiumFlags([['no-first-run', '']])).toEqual(['--no-first-run']);
  });

  it('applies the switches in main.ts before the app is ready', () => {
    const main = readFileSync(path.join(root, 'main/shell/main.ts'), 'utf8');
    const append = main.indexOf('app.commandLine.appendSwitch(name, value)');
    expect(append).toBeGreaterThan(-1);
    expect(append).toBeLessThan(main.indexOf('app\n    .whenReady()'));
  });

  it('keeps the renderer pages in en-GB, which the date inputs follow', () => {
    expect(readFileSync(path.join(root, 'renderer/index.html'), 'utf8')).toContain('<html lang="en-GB">');
  });

  it('switches spellcheck off, since no en-GB dictionary can be bundled', () => {
    expect(SPELLCHECK).toEqual({ enabled: false, languages: ['en-GB'] });
  });

  it('uses the Windows application id of the installer', () => {
    expect(APP_USER_MODEL_ID).toBe('uk.gov.performanceclinic');
  });

  it.each<[string[], Record<string, string>, boolean]>([
    [['electron', '.', '--self-test'], {}, true],
    [['Performance Clinic.exe', '--self-test'], {}, true],
    [['Performance Clinic.exe'], { PERFCLINIC_SELF_TEST: '1' }, true],
    [['Performance Clinic.exe'], { PERFCLINIC_SELF_TEST: '0' }, false],
    [['Performance Clinic.exe', '--self-testing'], {}, false],
    [['Performance Clinic.exe'], {}, false],
  ])('runs the self-test for %j with %j: %s', (argv, env, expected) => {
    expect(isSelfTest(argv, env)).toBe(expected);
  });
});
