/**
 * The self-test a person (or a council's IT) runs on a new laptop: `--self-test` or
 * PERFCLINIC_SELF_TEST=1. It walks the app's critical path on a temporary clinic file, through the
 * real window, preload and IPC, prints one line per step and gives the exit code. The steps are
 * here, over a driver (self-test-driver.ts drives Electron), so the order, the checks and what is
 * printed are unit-tested without Electron; only the driver needs the binary.
 */
import type { CallName, ClinicView, FileInfo, NoteWithClinic, Result } from '../contract';
import { EN_GB_FORM_CONTROLS_FEATURE, SPELLCHECK } from './startup';

export interface SelfTestDriver {
  /** The temporary folder the self-test runs in; the clinic file must be inside it. */
  readonly folder: string;
  /** Makes a call from the page, through window.clinic, the preload and IPC, as the window does. */
  call(name: CallName, args: unknown): Promise<Result<unknown>>;
  /** Waits until the clinic is drawn in the window; resolves with the text of its first heading. */
  waitForClinic(): Promise<string>;
  /** Closes the clinic file in the main process, opens it again from disk, and reloads the page. */
  reopen(): Promise<void>;
  /** Crashes the page's process and waits for the shell to have reloaded it. */
  crashPage(): Promise<void>;
  /** The first bytes of a file on disk, as text. */
  fileStart(file: string, bytes: number): Promise<string>;
  /** What the shell set up before the window opened. */
  settings(): Promise<{ blinkFeatures: string; spellcheck: boolean }>;
  /** Console errors, uncaught errors and CSP violations the page reported so far. */
  problems(): readonly string[];
}

interface Context {
  clinicId?: number;
  measure?: string;
  note?: string;
}

interface Step {
  name: string;
  run(driver: SelfTestDriver, context: Context): Promise<void>;
}

class StepFailed extends Error {}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StepFailed(message);
}

async function value<T>(driver: SelfTestDriver, name: CallName, args: unknown): Promise<T> {
  const result = await driver.call(name, args);
  if (!result.ok) throw new StepFailed(`${name} was refused: ${result.error}`);
  return result.value as T;
}

async function noteIsThere(driver: SelfTestDriver, context: Context, when: string): Promise<void> {
  const notes = await value<NoteWithClinic[]>(driver, 'getMeasureNotes', { measure: context.measure });
  check(
    notes.some((n) => n.clinic_id === context.clinicId && n.text === context.note),
    `the note saved before ${when} is not in the clinic file`,
  );
}

function isInside(folder: string, file: string): boolean {
  const slash = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  return slash(file).startsWith(`${slash(folder)}/`);
}

export const SELF_TEST_STEPS: readonly Step[] = [
  {
    name: 'the window opens a new clinic file in a temporary folder',
    async run(driver) {
      const info = await value<FileInfo>(driver, 'getFileInfo', {});
      check(isInside(driver.folder, info.path), `the file open is ${info.path}, not one in ${driver.folder}`);
      check(!info.readOnly, 'the file opened read-only');
    },
  },
  {
    name: 'the clinic is drawn in the window',
    async run(driver) {
      const heading = await driver.waitForClinic();
      check(heading.trim() !== '', 'the page has no heading');
    },
  },
  {
    name: 'dates are entered day, month, year and nothing is downloaded for spelling',
    async run(driver) {
      const settings = await driver.settings();
      check(
        settings.blinkFeatures.split(',').includes(EN_GB_FORM_CONTROLS_FEATURE),
        `Chromium was started without ${EN_GB_FORM_CONTROLS_FEATURE}`,
      );
      check(settings.spellcheck === SPELLCHECK.enabled, `spellcheck is ${settings.spellcheck ? 'on' : 'off'}`);
    },
  },
  {
    name: 'a note is saved through the window',
    async run(driver, context) {
      const clinic = await value<{ id: number }>(driver, 'createClinic', {
        held_on: new Date().toISOString().slice(0, 10),
        kind: 'Self-test clinic',
        scope: [],
        chair: 'Self-test',
        attendees: [],
        apologies: [],
      });
      const view = await value<ClinicView>(driver, 'getClinicView', { id: clinic.id });
      const measure = view.agenda[0]?.measure;
      check(measure !== undefined, 'the new clinic has no measures on its agenda');
      context.clinicId = clinic.id;
      context.measure = measure;
      context.note = `Self-test note ${new Date().toISOString()}`;
      await value(driver, 'saveNote', { clinicId: clinic.id, measure, text: context.note, baseVersion: 0 });
    },
  },
  {
    name: 'the note is still there after the file is closed and opened again',
    async run(driver, context) {
      await driver.reopen();
      await driver.waitForClinic();
      await noteIsThere(driver, context, 'reopening');
    },
  },
  {
    name: 'the minutes print to PDF',
    async run(driver, context) {
      const saved = await value<{ path: string } | null>(driver, 'exportMinutes', {
        clinicId: context.clinicId,
        format: 'pdf',
      });
      check(saved !== null, 'the minutes were not saved');
      check((await driver.fileStart(saved.path, 5)) === '%PDF-', `${saved.path} is not a PDF`);
    },
  },
  {
    name: 'the window comes back after its page crashes, with the note',
    async run(driver, context) {
      await driver.crashPage();
      await driver.waitForClinic();
      await noteIsThere(driver, context, 'the crash');
    },
  },
  {
    name: 'the page reported no errors and no Content-Security-Policy violations',
    async run(driver) {
      const problems = driver.problems();
      check(problems.length === 0, problems.join(' | '));
    },
  },
];

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim() || 'no reason given';
}

/**
 * Runs the steps in order, printing one line for each; after a failure the rest are reported as
 * not run (each builds on the one before). Resolves with the process exit code: 0 or 1.
 */
export async function runSelfTest(
  driver: SelfTestDriver,
  print: (line: string) => void,
  steps: readonly Step[] = SELF_TEST_STEPS,
): Promise<0 | 1> {
  const context: Context = {};
  let failed = false;
  for (const [index, step] of steps.entries()) {
    const number = `${index + 1}/${steps.length}`;
    if (failed) {
      print(`self-test: not run ${number} ${step.name}`);
      continue;
    }
    try {
      await step.run(driver, context);
      print(`self-test: ok ${number} ${step.name}`);
    } catch (error) {
      failed = true;
      print(`self-test: FAILED ${number} ${step.name}: ${reason(error)}`);
    }
  }
  print(failed ? 'self-test: FAILED' : 'self-test: passed');
  return failed ? 1 : 0;
}
