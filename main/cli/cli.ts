/**
 * `perfclinic`: the command line door to the same application API the window uses.
 * Exit 0 on success; any problem prints one clear line on stderr, exits non-zero and touches nothing.
 */
import { ClinicApp } from '../api/clinic-app';
import { UserError } from '../errors';
import { ACTION_STATUSES } from '../domain/actions';
import type { ActionStatus } from '../domain/types';
import * as path from 'node:path';
import { actionLogBytes } from '../api/clinic-app';
import {
  ACTION_LOG_FORMATS,
  MINUTES_FORMATS,
  withExtension,
  type ExportHost,
  type MinutesFormat,
} from '../exports/exporter';
import { PlaywrightPrinter } from '../exports/playwright-printer';
import { SCRUTINY_FORMATS, type ScrutinyFormat } from '../exports/scrutiny-export';
import { ExportExistsError, writeExport } from '../exports/write-export';
import { actionLogCsv } from '../exports/action-log';
import { parseOptions, requireDb, UsageError } from './arguments';
import { IMPORT_COMMANDS, IMPORT_USAGE, runImport } from './import-command';
import { BENCHMARKS_USAGE, runBenchmarks } from './benchmarks-command';
import { actionsTable, clinicsTable } from './meeting-output';
import { EXCEPTIONS_FORMATS, formatExceptions, type ExceptionsFormat } from './exceptions-output';
import { formatReport, type ReportFormat } from './report-output';
import { changesTable, mergeText } from './sync-output';

const USAGE = `Usage:
  perfclinic init --db FILE [--empty]
      Create a clinic file: the October 2023 sample figures, or empty with --empty.
  perfclinic report --db FILE [--team NAME] [--period YYYY-MM] [--compare YYYY-MM] [--format table|json|csv]
      The clinic comparison: the latest period against the one before unless told otherwise; with
      --team, that team's own figures (a measure it has none for shows none).
  perfclinic exceptions --db FILE [--team NAME] [--period YYYY-MM] [--format table|json|csv|html]
                        [--out FILE [--force]]
      What needs action this week, for the whole service and then each team (or one team with
      --team): measures off target, with special cause of concern or that will consistently fail
      their target (SPC), and overdue actions the team owns. html prints one A4 page per team.
      --out saves to a file; --force replaces an existing one. Ready to schedule (see the README).
  perfclinic clinics --db FILE [--format table|json]
      The clinics held, newest first.
  perfclinic clinic new --db FILE --date YYYY-MM-DD --kind NAME [--chair NAME] [--attendee NAME]...
                        [--apology NAME]... [--scope AREA]... [--period YYYY-MM] [--compare YYYY-MM]
      Create a clinic (a meeting) comparing the latest period with the one before unless told otherwise.
  perfclinic actions --db FILE [--status open,in_progress,done,dropped] [--owner TEXT] [--team NAME] [--overdue]
                     [--format table|json|csv|xlsx] [--out FILE [--force]]
      The action log across clinics, by due date; xlsx needs --out. --force replaces an existing file.
  perfclinic minutes --db FILE --clinic ID --format pdf|docx|html --out FILE [--marking TEXT] [--force]
      The minutes of a clinic (see perfclinic clinics for ids). --marking prints a protective marking,
      e.g. OFFICIAL-SENSITIVE, on every page. A PDF needs Chromium. --force replaces an existing file.
  perfclinic report-document --db FILE [--period YYYY-MM] [--compare YYYY-MM] --format docx|pdf|html|md
                             --out FILE [--marking TEXT] [--area KEY]... [--measure KEY]... [--force]
      The monthly performance report for scrutiny, drafted from the figures, with the officer's
      edits and fixed sections as saved in the app. --marking prints a protective marking (OFFICIAL,
      OFFICIAL-SENSITIVE, "Not for publication") on every page. A PDF needs Chromium.
      --force replaces an existing file.
${IMPORT_USAGE}
${BENCHMARKS_USAGE}
  perfclinic backups --db FILE
      List the automatic backups of a clinic file, newest first.
  perfclinic restore --db FILE --backup NAME
      Put a backup back in place of the clinic file (the file replaced is itself kept as a backup).
  perfclinic merge --db TARGET --from OTHER [--dry-run] [--format table|json]
      Merge another copy of the clinic file into TARGET (OTHER is only read): prints the changes
      applied and already there, notes kept both ways, and action references renumbered.
  perfclinic changes --db FILE [--since YYYY-MM-DD] [--format table|json]
      Every change recorded in the file (who, when, what), oldest first.
  perfclinic help
      Show this text.

The device id stamped on each change is PERFCLINIC_DEVICE if set, otherwise one per run.`;

const FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv'];

function checkPeriod(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
    throw new UsageError(`--${name} must be a month written YYYY-MM, for example 2023-10 (got "${String(value)}")`);
  }
  return value;
}

function checkFormat<F extends string>(value: unknown, allowed: readonly F[]): F {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be one of ${allowed.join(', ')}`);
  }
  return value as F;
}

/** --team as given (the file's spelling is found later, in any case); an empty one is a mistake in the command. */
function teamOption(team: string | undefined): string | undefined {
  if (team !== undefined && team.trim() === '')
    throw new UsageError('--team needs a team name, for example --team "Front Door North"');
  return team;
}

function requireOut(values: Record<string, unknown>, what: string): string | undefined {
  const out = values.out;
  if (out === undefined) return undefined;
  if (typeof out !== 'string' || out === '') throw new UsageError(`--out needs a file name for the ${what}`);
  return out;
}

/** The command line's answer to "where to save, and may I replace it": --out, and --force. */
function commandLineHost(out: string, force: boolean, printer: PlaywrightPrinter): ExportHost {
  return {
    chooseSavePath: () => Promise.resolve(out),
    confirmReplace: (file) => {
      if (force) return Promise.resolve(true);
      throw new ExportExistsError(`${file} already exists; add --force to replace it.`);
    },
    printer,
  };
}

function saveForCommandLine(target: string, bytes: Uint8Array, force: boolean): string {
  try {
    return writeExport(target, bytes, { overwrite: force });
  } catch (error) {
    if (error instanceof ExportExistsError)
      throw new ExportExistsError(`${path.resolve(target)} already exists; add --force to replace it.`);
    throw error;
  }
}

function parseClinicId(value: unknown): number {
  const text = typeof value === 'string' ? value : '';
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1)
    throw new UsageError(
      `--clinic takes a clinic's id, a whole number: see perfclinic clinics --db FILE (got "${text}")`,
    );
  return Number(text);
}

function parseStatuses(text: string): ActionStatus[] {
  const wanted = text.split(',').map((s) => s.trim().replace('-', '_'));
  const bad = wanted.filter((s) => !(ACTION_STATUSES as readonly string[]).includes(s));
  if (bad.length > 0) throw new UsageError(`--status takes ${ACTION_STATUSES.join(', ')} (got "${bad.join(', ')}")`);
  return wanted as ActionStatus[];
}

export async function run(argv: string[], out: (text: string) => void): Promise<void> {
  // Commands that write merge with whatever others saved meanwhile, under the short lock beside
  // the file; each change is confirmed in this command's own journal first.
  const app = new ClinicApp({ deviceId: process.env.PERFCLINIC_DEVICE || undefined });
  try {
    await runCommand(app, argv, out);
    // Whatever the command confirmed goes into the file now, so that a save that cannot be made
    // (someone else's save holds the lock, say) is reported with who holds it and since when.
    // The change stays confirmed in the journal and is merged in by the next open of the file.
    app.saveNow();
  } finally {
    app.close();
  }
}

async function runCommand(app: ClinicApp, argv: string[], out: (text: string) => void): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== undefined && IMPORT_COMMANDS.includes(command)) return await runImport(argv, out, app);
  switch (command) {
    case 'init': {
      const { values } = parseOptions(rest, { db: { type: 'string' }, empty: { type: 'boolean' } });
      const info = await app.createFile(requireDb(values), { empty: values.empty === true });
      out(`Created ${info.path}${values.empty ? ' (empty)' : ' with the October 2023 sample figures'}.\n`);
      return;
    }
    case 'report': {
      const { values } = parseOptions(rest, {
        db: { type: 'string' },
        team: { type: 'string' },
        period: { type: 'string' },
        compare: { type: 'string' },
        format: { type: 'string', default: 'table' },
      });
      const format = checkFormat(values.format, FORMATS);
      const period = checkPeriod('period', values.period);
      const compare = checkPeriod('compare', values.compare);
      const asked = teamOption(values.team);
      await app.openFile(requireDb(values), { readOnly: true });
      // An unknown team is refused with the teams the file has, as the exception report does.
      const team = asked === undefined ? undefined : app.teamNamed(asked);
      out(formatReport(app.report({ period, compare, ...(team === undefined ? {} : { team }) }), format));
      return;
    }
    case 'exceptions': {
      const { values } = parseOptions(rest, {
        db: { type: 'string' },
        team: { type: 'string' },
        period: { type: 'string' },
        format: { type: 'string', default: 'table' },
        out: { type: 'string' },
        force: { type: 'boolean' },
      });
      const format = checkFormat<ExceptionsFormat>(values.format, EXCEPTIONS_FORMATS);
      const period = checkPeriod('period', values.period);
      const target = requireOut(values, 'exception report');
      const team = teamOption(values.team);
      await app.openFile(requireDb(values), { readOnly: true });
      const text = formatExceptions(app.exceptions({ period, team }), format);
      if (target === undefined) out(text);
      else {
        const file = saveForCommandLine(target, new TextEncoder().encode(text), values.force === true);
        out(`Saved the exception report to ${file}.\n`);
      }
      return;
    }
    case 'clinics': {
      const { values } = parseOptions(rest, { db: { type: 'string' }, format: { type: 'string', default: 'table' } });
      const format = checkFormat(values.format, ['table', 'json']);
      await app.openFile(requireDb(values), { readOnly: true });
      const clinics = app.meetings.listClinics();
      if (format === 'json') out(`${JSON.stringify(clinics, null, 2)}\n`);
      else if (clinics.length === 0)
        out('No clinics yet. Create one with: perfclinic clinic new --db FILE --date YYYY-MM-DD --kind NAME\n');
      else out(clinicsTable(clinics));
      return;
    }
    case 'clinic': {
      const [sub, ...args] = rest;
      if (sub !== 'new') throw new UsageError('try: perfclinic clinic new --db FILE --date YYYY-MM-DD --kind NAME');
      const { values } = parseOptions(args, {
        db: { type: 'string' },
        date: { type: 'string' },
        kind: { type: 'string' },
        chair: { type: 'string', default: '' },
        attendee: { type: 'string', multiple: true, default: [] },
        apology: { type: 'string', multiple: true, default: [] },
        scope: { type: 'string', multiple: true, default: [] },
        period: { type: 'string' },
        compare: { type: 'string' },
      });
      if (typeof values.date !== 'string')
        throw new UsageError('--date YYYY-MM-DD is required: the day the clinic meets');
      if (typeof values.kind !== 'string')
        throw new UsageError('--kind NAME is required, for example --kind "Director’s performance clinic"');
      await app.openFile(requireDb(values));
      const clinic = app.meetings.createClinic({
        held_on: values.date,
        kind: values.kind,
        chair: String(values.chair),
        attendees: values.attendee as string[],
        apologies: values.apology as string[],
        scope: values.scope as string[],
        period: checkPeriod('period', values.period),
        compare: checkPeriod('compare', values.compare),
      });
      out(
        `Created clinic ${clinic.id}: ${clinic.kind}, ${clinic.held_on}, comparing ${clinic.period} with ${clinic.compare}.\n`,
      );
      return;
    }
    case 'actions': {
      const { values } = parseOptions(rest, {
        db: { type: 'string' },
        status: { type: 'string' },
        owner: { type: 'string' },
        team: { type: 'string' },
        overdue: { type: 'boolean' },
        format: { type: 'string', default: 'table' },
        out: { type: 'string' },
        force: { type: 'boolean' },
      });
      const format = checkFormat(values.format, ['table', 'json', 'csv', 'xlsx']);
      const target = requireOut(values, 'action log');
      if (format === 'xlsx' && target === undefined)
        throw new UsageError('--format xlsx writes a file: add --out FILE, for example --out actions.xlsx');
      if (target !== undefined && !(ACTION_LOG_FORMATS as readonly string[]).includes(format))
        throw new UsageError('--out saves the action log as csv or xlsx: add --format csv or --format xlsx');
      const status = values.status === undefined ? undefined : parseStatuses(String(values.status));
      await app.openFile(requireDb(values), { readOnly: true });
      const actions = app.meetings.listActions({
        status,
        owner: typeof values.owner === 'string' ? values.owner : undefined,
        team: typeof values.team === 'string' ? values.team : undefined,
        overdue: values.overdue === true,
      });
      if (target !== undefined && (format === 'csv' || format === 'xlsx')) {
        const file = saveForCommandLine(
          withExtension(target, format),
          await actionLogBytes(actions, format),
          values.force === true,
        );
        out(`Saved ${actions.length} action${actions.length === 1 ? '' : 's'} to ${file}.\n`);
      } else if (format === 'json') out(`${JSON.stringify(actions, null, 2)}\n`);
      else if (format === 'csv') out(actionLogCsv(actions));
      else out(actionsTable(actions));
      return;
    }
    case 'minutes': {
      const { values } = parseOptions(rest, {
        db: { type: 'string' },
        clinic: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        marking: { type: 'string' },
        force: { type: 'boolean' },
      });
      const db = requireDb(values);
      if (values.clinic === undefined)
        throw new UsageError('--clinic ID is required: see perfclinic clinics --db FILE');
      const clinicId = parseClinicId(values.clinic);
      if (values.format === undefined) throw new UsageError('--format is required: pdf, docx or html');
      const format = checkFormat<MinutesFormat>(values.format, MINUTES_FORMATS);
      const target = requireOut(values, 'minutes');
      if (target === undefined) throw new UsageError(`--out FILE is required, for example --out minutes.${format}`);
      await app.openFile(db, { readOnly: true });
      // Clinics are never deleted, so an id the file does not hold is one that never existed (the
      // API's own message, about another window, is for the app).
      if (!app.meetings.listClinics().some((c) => c.id === clinicId))
        throw new UserError(
          `There is no clinic ${clinicId} in this file. See the clinics it holds with: perfclinic clinics --db ${db}`,
        );
      const printer = new PlaywrightPrinter();
      try {
        const saved = await app.exportMinutes(
          { clinicId, format, protectiveMarking: typeof values.marking === 'string' ? values.marking : undefined },
          commandLineHost(path.resolve(target), values.force === true, printer),
        );
        if (saved) out(`Saved the minutes to ${saved.path}.\n`);
      } finally {
        await printer.close();
      }
      return;
    }
    case 'report-document': {
      const { values } = parseOptions(rest, {
        db: { type: 'string' },
        period: { type: 'string' },
        compare: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        marking: { type: 'string' },
        area: { type: 'string', multiple: true },
        measure: { type: 'string', multiple: true },
        force: { type: 'boolean' },
      });
      const db = requireDb(values);
      if (values.format === undefined) throw new UsageError('--format is required: docx, pdf, html or md');
      const format = checkFormat<ScrutinyFormat>(values.format, SCRUTINY_FORMATS);
      const target = requireOut(values, 'report');
      if (target === undefined)
        throw new UsageError(`--out FILE is required, for example --out "performance report.${format}"`);
      if (values.area && values.measure) throw new UsageError('Choose --area or --measure, not both');
      const period = checkPeriod('period', values.period);
      const compare = checkPeriod('compare', values.compare);
      await app.openFile(db, { readOnly: true });
      const printer = new PlaywrightPrinter();
      try {
        const saved = await app.exportReportDocument(
          {
            period,
            compare,
            format,
            marking: typeof values.marking === 'string' ? values.marking : undefined,
            areas: values.area,
            measures: values.measure,
          },
          commandLineHost(path.resolve(target), values.force === true, printer),
        );
        if (saved) out(`Saved the performance report to ${saved.path}.\n`);
      } finally {
        await printer.close();
      }
      return;
    }
    case 'backups': {
      const { values } = parseOptions(rest, { db: { type: 'string' } });
      const backups = app.backups(requireDb(values));
      if (backups.length === 0) {
        out(
          'No backups yet. The app takes one each day a file is opened, and before every import, migration and restore.\n',
        );
        return;
      }
      for (const b of backups) {
        const when = new Date(b.taken).toLocaleString('en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'UTC',
        });
        out(
          `${b.name}  ${b.kind.padEnd(16)}  ${when} UTC  ${(b.size / 1024).toLocaleString('en-GB', { maximumFractionDigits: 0 })} KB\n`,
        );
      }
      return;
    }
    case 'restore': {
      const { values } = parseOptions(rest, { db: { type: 'string' }, backup: { type: 'string' } });
      const db = requireDb(values);
      if (typeof values.backup !== 'string' || values.backup === '') {
        throw new UsageError('--backup NAME is required: see perfclinic backups --db FILE');
      }
      const info = await app.restoreBackup(db, values.backup);
      out(`Restored ${values.backup} to ${info.path}. The file it replaced is kept as a before-restore backup.\n`);
      return;
    }
    case 'merge': {
      const { values } = parseOptions(rest, {
        db: { type: 'string' },
        from: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        format: { type: 'string', default: 'table' },
      });
      const format = checkFormat(values.format, ['table', 'json']);
      const target = requireDb(values);
      if (typeof values.from !== 'string' || values.from === '')
        throw new UsageError('--from OTHER is required: the copy of the clinic file to merge in');
      const dryRun = values['dry-run'] === true;
      await app.openFile(target, { readOnly: dryRun });
      const report = await app.sync.merge(values.from, { dryRun });
      out(
        format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : mergeText(report, path.basename(values.from), path.basename(target)),
      );
      return;
    }
    case 'benchmarks':
      await runBenchmarks(app, rest, out);
      return;
    case 'changes': {
      const { values } = parseOptions(rest, {
        db: { type: 'string' },
        since: { type: 'string' },
        format: { type: 'string', default: 'table' },
      });
      const format = checkFormat(values.format, ['table', 'json']);
      if (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since))
        throw new UsageError(`--since must be a date written YYYY-MM-DD (got "${values.since}")`);
      await app.openFile(requireDb(values), { readOnly: true });
      const changes = app.sync.changes({ since: values.since });
      out(format === 'json' ? `${JSON.stringify(changes, null, 2)}\n` : changesTable(changes));
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(`${USAGE}\n`);
      return;
    default:
      throw new UsageError(`unknown command "${command}"; try: perfclinic help`);
  }
}

export function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? 2 : 1;
}

export function messageFor(error: unknown): string {
  if (error instanceof UserError || error instanceof UsageError) return error.message;
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

/** What the command prints on stderr when it fails: one line, whatever the message held. */
export function errorLine(error: unknown): string {
  return `perfclinic: ${messageFor(error).replace(/\s+/g, ' ')}\n`;
}

/** The process entry point, called by bin/perfclinic.cjs. */
export function main(argv: string[]): Promise<void> {
  return run(argv, (text) => process.stdout.write(text)).then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      process.stderr.write(errorLine(error));
      process.exitCode = exitCodeFor(error);
    },
  );
}
