/**
 * `perfclinic`: the command line door to the same application API the window uses.
 * Exit 0 on success; any problem prints one clear line on stderr, exits non-zero and touches nothing.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ClinicApp } from '../api/clinic-app';
import { UserError } from '../store/errors';
import { ACTION_STATUSES } from '../domain/actions';
import type { ActionStatus } from '../domain/types';
import { actionLogCsv } from '../exports/action-log';
import { actionsTable, clinicsTable } from './meeting-output';
import { formatReport, type ReportFormat } from './report-output';

const USAGE = `Usage:
  perfclinic init --db FILE [--empty]
      Create a clinic file: the October 2023 sample figures, or empty with --empty.
  perfclinic report --db FILE [--period YYYY-MM] [--compare YYYY-MM] [--format table|json|csv]
      The clinic comparison: the latest period against the one before unless told otherwise.
  perfclinic clinics --db FILE [--format table|json]
      The clinics held, newest first.
  perfclinic clinic new --db FILE --date YYYY-MM-DD --kind NAME [--chair NAME] [--attendee NAME]...
                        [--apology NAME]... [--scope AREA]... [--period YYYY-MM] [--compare YYYY-MM]
      Create a clinic (a meeting) comparing the latest period with the one before unless told otherwise.
  perfclinic actions --db FILE [--status open,in_progress,done,dropped] [--owner TEXT] [--overdue]
                     [--format table|json|csv]
      The action log across clinics, by due date.
  perfclinic backups --db FILE
      List the automatic backups of a clinic file, newest first.
  perfclinic restore --db FILE --backup NAME
      Put a backup back in place of the clinic file (the file replaced is itself kept as a backup).
  perfclinic help
      Show this text.`;

/** Exit codes: 1 for a problem with the file or its contents, 2 for a mistake in the command. */
class UsageError extends Error {}

const FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv'];

function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function requireDb(values: Record<string, unknown>): string {
  const db = values.db;
  if (typeof db !== 'string' || db === '') throw new UsageError('--db FILE is required: the clinic file to use');
  return db;
}

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

function parseStatuses(text: string): ActionStatus[] {
  const wanted = text.split(',').map((s) => s.trim().replace('-', '_'));
  const bad = wanted.filter((s) => !(ACTION_STATUSES as readonly string[]).includes(s));
  if (bad.length > 0) throw new UsageError(`--status takes ${ACTION_STATUSES.join(', ')} (got "${bad.join(', ')}")`);
  return wanted as ActionStatus[];
}

export async function run(argv: string[], out: (text: string) => void): Promise<void> {
  const [command, ...rest] = argv;
  // Commands that write take the lock, so they never write under an open app.
  const app = new ClinicApp({ lock: true });
  try {
    switch (command) {
      case 'init': {
        const { values } = parse(rest, { db: { type: 'string' }, empty: { type: 'boolean' } });
        const info = await app.createFile(requireDb(values), { empty: values.empty === true });
        out(`Created ${info.path}${values.empty ? ' (empty)' : ' with the October 2023 sample figures'}.\n`);
        return;
      }
      case 'report': {
        const { values } = parse(rest, {
          db: { type: 'string' },
          period: { type: 'string' },
          compare: { type: 'string' },
          format: { type: 'string', default: 'table' },
        });
        const format = checkFormat(values.format, FORMATS);
        const period = checkPeriod('period', values.period);
        const compare = checkPeriod('compare', values.compare);
        await app.openFile(requireDb(values), { readOnly: true });
        out(formatReport(app.report({ period, compare }), format));
        return;
      }
      case 'clinics': {
        const { values } = parse(rest, { db: { type: 'string' }, format: { type: 'string', default: 'table' } });
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
        const { values } = parse(args, {
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
        const { values } = parse(rest, {
          db: { type: 'string' },
          status: { type: 'string' },
          owner: { type: 'string' },
          overdue: { type: 'boolean' },
          format: { type: 'string', default: 'table' },
        });
        const format = checkFormat(values.format, ['table', 'json', 'csv']);
        const status = values.status === undefined ? undefined : parseStatuses(String(values.status));
        await app.openFile(requireDb(values), { readOnly: true });
        const actions = app.meetings.listActions({
          status,
          owner: typeof values.owner === 'string' ? values.owner : undefined,
          overdue: values.overdue === true,
        });
        if (format === 'json') out(`${JSON.stringify(actions, null, 2)}\n`);
        else if (format === 'csv') out(actionLogCsv(actions));
        else out(actionsTable(actions));
        return;
      }
      case 'backups': {
        const { values } = parse(rest, { db: { type: 'string' } });
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
        const { values } = parse(rest, { db: { type: 'string' }, backup: { type: 'string' } });
        const db = requireDb(values);
        if (typeof values.backup !== 'string' || values.backup === '') {
          throw new UsageError('--backup NAME is required: see perfclinic backups --db FILE');
        }
        const info = await app.restoreBackup(db, values.backup);
        out(`Restored ${values.backup} to ${info.path}. The file it replaced is kept as a before-restore backup.\n`);
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
  } finally {
    app.close();
  }
}

export function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? 2 : 1;
}

export function messageFor(error: unknown): string {
  if (error instanceof UserError || error instanceof UsageError) return error.message;
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

/** The process entry point, called by bin/perfclinic.cjs. */
export function main(argv: string[]): Promise<void> {
  return run(argv, (text) => process.stdout.write(text)).then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      process.stderr.write(`perfclinic: ${messageFor(error).replace(/\s+/g, ' ')}\n`);
      process.exitCode = exitCodeFor(error);
    },
  );
}
