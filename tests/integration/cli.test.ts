import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { perfclinic as inProcess, perfclinicProcess } from '../support/cli';
import { fileTempDir, tempDir } from '../support/temp';

/** Most runs are in this process (see tests/support/cli.ts); the first two tests run the real bin. */
const perfclinic = (...args: string[]) => inProcess(args);

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** One file made by `init`, copied for each test that needs the sample: init itself is tested below. */
let sample = '';
beforeAll(async () => {
  sample = path.join(fileTempDir(), 'sample.db');
  expect((await perfclinic('init', '--db', sample)).code).toBe(0);
});

function sampleDb(): string {
  const db = path.join(tempDir(), 'clinic.db');
  copyFileSync(sample, db);
  return db;
}

interface JsonMeasure {
  key: string;
  current: { period: string; value: number } | null;
  previous: { period: string; value: number } | null;
  change: number | null;
  direction: string;
  status: string;
  target: number | null;
  polarity: string;
  benchmarks: Record<string, number | null>;
}

describe('perfclinic init', () => {
  it('creates a clinic file with the October 2023 figures, and reports from it, run as a person runs it', async () => {
    const db = path.join(tempDir(), 'clinic.db');
    const { code, stdout } = await perfclinicProcess(['init', '--db', db]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Created .*clinic\.db with the October 2023 sample figures/);
    expect(existsSync(db)).toBe(true);
    const report = await perfclinicProcess(['report', '--db', db, '--format', 'json']);
    expect(report).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(report.stdout) as { period: string }).period).toBe('2023-10');
  });

  it('a mistake in the command is one line on stderr and exit code 2 from the real process', async () => {
    const { code, stdout, stderr } = await perfclinicProcess(['report', '--db', 'x.db', '--colour']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^perfclinic: Unknown option '--colour'/);
  });

  it('a problem with the file is exit code 1 from the real process', async () => {
    const { code, stderr } = await perfclinicProcess([
      'restore',
      '--db',
      sampleDb(),
      '--backup',
      'daily-1999-01-01.db',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^perfclinic: There is no backup called "daily-1999-01-01.db"/);
  });

  it('refuses to overwrite an existing file', async () => {
    const db = sampleDb();
    const before = sha(db);
    const { code, stderr } = await perfclinic('init', '--db', db);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/already exists/);
    expect(sha(db)).toBe(before);
  });

  it('--empty creates a file with no figures, which report says plainly', async () => {
    const db = path.join(tempDir(), 'empty.db');
    expect((await perfclinic('init', '--db', db, '--empty')).code).toBe(0);
    const { code, stderr } = await perfclinic('report', '--db', db);
    expect(code).toBe(1);
    expect(stderr).toMatch(/holds no figures yet/);
  });
});

describe('perfclinic report', () => {
  it('gives the report figures as JSON, October against September', async () => {
    const db = sampleDb();
    const before = sha(db);
    const { code, stdout } = await perfclinic('report', '--db', db, '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { period: string; compare: string; measures: JsonMeasure[] };
    expect([json.period, json.compare]).toEqual(['2023-10', '2023-09']);
    const by = new Map(json.measures.map((m) => [m.key, m]));
    expect(by.get('decisions_1wd')).toMatchObject({
      current: { period: '2023-10', value: 55 },
      previous: { period: '2023-09', value: 53 },
      change: 2,
      direction: 'improved',
      target: 80,
      status: 'off_target',
    });
    expect(by.get('re_referrals_12m')).toMatchObject({
      current: { value: 28.4 },
      status: 'off_target',
      polarity: 'lower_is_better',
      benchmarks: { national: 21.5, regional: null, statistical_neighbours: null },
    });
    expect(by.get('contacts')).toMatchObject({ current: { value: 781 }, previous: { value: 883 }, change: -102 });
    expect(by.get('care_leavers_eet')).toMatchObject({
      current: { period: '2023-09', value: 59.4 },
      previous: { period: '2023-06', value: 61.5 },
    });
    expect(sha(db)).toBe(before);
  });

  it('compares any two periods held in the file', async () => {
    const db = sampleDb();
    const { stdout } = await perfclinic(
      'report',
      '--db',
      db,
      '--period',
      '2023-10',
      '--compare',
      '2022-10',
      '--format',
      'json',
    );
    const open = (JSON.parse(stdout) as { measures: JsonMeasure[] }).measures.find((m) => m.key === 'children_open');
    expect(open?.change).toBe(257);
  });

  it('prints a table a person can read', async () => {
    const { code, stdout } = await perfclinic('report', '--db', sampleDb());
    expect(code).toBe(0);
    expect(stdout).toContain('Clinic: October 2023 compared with September 2023');
    expect(stdout).toMatch(
      /Decisions within 1 working day\s+53%\s+55%\s+\+2\.0 pts\s+Improved\s+\u2014\s+80%\s+Off target/,
    );
    // The same month last year beside the month before, and the source's caveats under their measure.
    expect(stdout).toMatch(
      /Children open to the service\s+1,740\s+1,730\s+\u221210 \(\u22120\.6%\)\s+Not applicable\s+1,473 \(Oct 2022\)/,
    );
    expect(stdout).toMatch(
      /Children in care with an up-to-date plan.*\n\s+\u26A0 Data caveat \(from Oct 2023\): Workers are not saving plans accurately/,
    );
    expect(stdout).toMatch(/School attendance, whole school\s+\u2014\s+92\.1% \(as at 24 Nov 2023\)/);
  });

  it('writes CSV with one row per measure under a header', async () => {
    const { code, stdout } = await perfclinic('report', '--db', sampleDb(), '--format', 'csv');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\r\n');
    expect(lines[0]).toMatch(/^key,title,area,unit/);
    expect(lines[0]).toContain(',current_numerator,current_denominator,');
    expect(lines.find((l) => l.startsWith('decisions_1wd,'))).toContain(
      ',55,,,2023-09,53,2,,improved,,,,,,80,off_target',
    );
    expect(lines.find((l) => l.startsWith('cp_repeat_plan_2y,'))).toContain(',2023-10,,28.6,10,35,');
    expect(lines.find((l) => l.startsWith('re_referrals_12m,'))).toContain(',21.5,2021-22,');
  });

  const mistakes: Array<[string, string[], RegExp, number]> = [
    ['no --db', ['report'], /--db FILE is required/, 2],
    ['an unknown option', ['report', '--db', 'x.db', '--colour'], /Unknown option '--colour'/, 2],
    ['a bad format', ['report', '--db', 'x.db', '--format', 'xml'], /--format must be one of table, json, csv/, 2],
    [
      'a malformed period',
      ['report', '--db', 'x.db', '--period', 'Oct-23'],
      /--period must be a month written YYYY-MM/,
      2,
    ],
    ['an unknown command', ['reprot'], /unknown command "reprot"/, 2],
  ];
  it.each(mistakes)('%s prints one clear line and exits non-zero', async (_what, args, message, exit) => {
    const { code, stderr, stdout } = await perfclinic(...args);
    expect(code).toBe(exit);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('an unknown period prints one clear line and touches nothing', async () => {
    const db = sampleDb();
    const before = sha(db);
    const { code, stderr } = await perfclinic('report', '--db', db, '--period', '2024-02');
    expect(code).toBe(1);
    expect(stderr).toBe('perfclinic: There are no figures for February 2024 in this clinic file.\n');
    expect(sha(db)).toBe(before);
  });

  it('a missing or unreadable file prints one clear line and is left as it was', async () => {
    const dir = tempDir();
    expect((await perfclinic('report', '--db', path.join(dir, 'missing.db'))).stderr).toMatch(/There is no file at/);
    const bad = path.join(dir, 'bad.db');
    writeFileSync(bad, 'hello');
    const { code, stderr } = await perfclinic('report', '--db', bad);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/not a Performance Clinic file/);
    expect(readFileSync(bad, 'utf8')).toBe('hello');
  });
});

describe('perfclinic backups and restore', () => {
  it('lists backups and restores one, keeping the replaced file as a backup', async () => {
    const db = sampleDb();
    expect((await perfclinic('backups', '--db', db)).stdout).toMatch(/No backups yet/);
    // Opening in the app takes the day's backup; the CLI's restore is the way back.
    const { ClinicApp } = await import('../../main/api/clinic-app');
    const app = new ClinicApp({ dailyBackup: true });
    await app.openFile(db);
    app.close();
    const listed = (await perfclinic('backups', '--db', db)).stdout;
    const name = /^(daily-\S+\.db)/m.exec(listed)?.[1];
    expect(name).toBeDefined();
    const restored = await perfclinic('restore', '--db', db, '--backup', name!);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Restored daily-.*before-restore backup/);
    expect((await perfclinic('backups', '--db', db)).stdout).toMatch(/before-restore/);
  });

  it('an unknown backup name is refused in one line', async () => {
    const { code, stderr } = await perfclinic('restore', '--db', sampleDb(), '--backup', 'daily-1999-01-01.db');
    expect(code).toBe(1);
    expect(stderr).toMatch(/There is no backup called "daily-1999-01-01.db"/);
  });
});

describe('perfclinic clinics, clinic new and actions', () => {
  it('clinic new while someone else is saving the file: the clinic is kept, and the message names them and since when', async () => {
    const db = await sampleDb();
    const { FileLock } = await import('../../main/store/file-lock');
    const held = FileLock.acquire(db, { user: 'Priya Shah' });
    if (!held.held) throw new Error('lock not taken');
    const before = sha(db);
    const args = ['clinic', 'new', '--db', db, '--date', '2023-11-09', '--kind', 'Director’s performance clinic'];
    // A real process: the lock is held by this one, as by another person's app.
    const busy = await perfclinicProcess(args);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(
      /clinic\.db is being saved by Priya Shah on .+ \(since .+\), so your changes could not be written into it yet\. Everything you confirmed is safe on this computer\./,
    );
    expect(sha(db)).toBe(before);
    held.lock.release();
    // Kept in that command's journal, and merged in by the next command that opens the file.
    expect((await perfclinic('clinics', '--db', db)).stdout).toMatch(/1\s+2023-11-09\s+Director’s performance clinic/);
    expect(
      (await perfclinic('clinic', 'new', '--db', db, '--date', '2023-12-14', '--kind', 'Director’s performance clinic'))
        .code,
    ).toBe(0);
    expect((await perfclinic('clinics', '--db', db)).stdout).toMatch(
      /2023-11-09[\s\S]*2023-12-14|2023-12-14[\s\S]*2023-11-09/,
    );
  });

  it('creates a clinic, lists it, and lists the actions raised at it, with formula text made safe in CSV', async () => {
    const db = sampleDb();
    const created = await perfclinic(
      'clinic',
      'new',
      '--db',
      db,
      '--date',
      '2023-11-09',
      '--kind',
      'Director’s performance clinic',
      '--chair',
      'Service Director',
      '--attendee',
      'Head of Service',
      '--attendee',
      'Team Manager',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /^Created clinic 1: Director’s performance clinic, 2023-11-09, comparing 2023-10 with 2023-09\./,
    );
    expect((await perfclinic('clinics', '--db', db)).stdout).toMatch(
      /1\s+2023-11-09\s+Director’s performance clinic\s+2023-10 v 2023-09\s+Service Director\s+Draft/,
    );

    const { ClinicApp } = await import('../../main/api/clinic-app');
    const app = new ClinicApp({ now: () => new Date('2023-12-20T09:00:00Z') });
    await app.openFile(db);
    app.meetings.raiseAction({
      clinicId: 1,
      measure: 'contacts',
      description: '=HYPERLINK("http://evil","click")',
      owner: 'Sam Brown',
      dueOn: '2023-12-01',
    });
    app.meetings.raiseAction({
      clinicId: 1,
      measure: null,
      description: '+1 more visit',
      owner: 'Alex Green',
      dueOn: '2024-03-01',
    });
    app.close();

    const table = (await perfclinic('actions', '--db', db)).stdout;
    expect(table).toMatch(/DPC-2023-11-01\s+2023-12-01\s+Open \(overdue\)\s+Sam Brown\s+Contacts/);
    // The command line judges overdue against today's date, by which both are long overdue.
    expect(table).toMatch(/DPC-2023-11-02\s+2024-03-01\s+Open \(overdue\)\s+Alex Green\s+Whole clinic/);
    const csv = (await perfclinic('actions', '--db', db, '--format', 'csv')).stdout;
    expect(csv.startsWith('\uFEFFReference,Measure,Description')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csv).toContain(`'+1 more visit`);
    const json = JSON.parse(
      (await perfclinic('actions', '--db', db, '--format', 'json', '--status', 'open', '--overdue', '--owner', 'sam'))
        .stdout,
    ) as Array<{ ref: string }>;
    expect(json.map((a) => a.ref)).toEqual(['DPC-2023-11-01']);
  });

  it('mistakes in clinic and action commands are one clear line', async () => {
    const db = sampleDb();
    expect((await perfclinic('clinic', 'new', '--db', db, '--kind', 'X')).stderr).toMatch(
      /--date YYYY-MM-DD is required/,
    );
    expect((await perfclinic('clinic', 'new', '--db', db, '--date', '9/11/23', '--kind', 'X')).stderr).toMatch(
      /"9\/11\/23" is not a date/,
    );
    expect((await perfclinic('actions', '--db', db, '--status', 'finished')).stderr).toMatch(
      /--status takes open, in_progress, done, dropped/,
    );
    expect((await perfclinic('clinics', '--db', db)).stdout).toMatch(/No clinics yet/);
  });
});
