/**
 * `perfclinic exceptions`: per team, what needs action this week, in four formats, saved with
 * --out only where nothing would be replaced unless --force says so.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import type { ExceptionsReport } from '../../main/domain/exceptions';
import { perfclinic, perfclinicProcess } from '../support/cli';
import { fileWithTeams } from '../support/team-exceptions';
import { tempDir } from '../support/temp';

async function setUp() {
  const dir = tempDir();
  const db = await fileWithTeams(dir, new ClinicApp({ now: () => new Date('2023-12-01T09:00:00Z') }));
  return { dir, db };
}

/** The sample's own teams, whose figures the drilldown shows, come before the teams a test adds. */
const SAMPLE_TEAMS = [
  'Assessment Team North',
  'Assessment Team South',
  'Children in Need Team 1',
  'Children in Need Team 2',
];

describe('perfclinic exceptions', () => {
  it('gives the whole service first, then each team with figures or overdue actions', async () => {
    const { db } = await setUp();
    const { code, stdout } = await perfclinic(['exceptions', '--db', db]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Exceptions for October 2023, actions as at \d{1,2} \w{3} \d{4}\n\nWhole service\n/);
    const titles = [...stdout.matchAll(/\n\n([^\n]+)\n/g)].map((m) => m[1]);
    expect(titles).toEqual(['Whole service', ...SAMPLE_TEAMS, 'East', 'North', 'South']);
    const north = stdout.slice(stdout.indexOf('\n\nNorth\n'), stdout.indexOf('\n\nSouth\n'));
    expect(north).toContain('Statistical process control judged 1 of 1 measure.');
    expect(north).toContain('  Decisions within 1 working day (Front door)');
    expect(north).toContain('    Off target: 57% against a target of 80%');
    expect(north).toMatch(/ {4}Special cause: concern \(low\): 8 months in a row below the average/);
    expect(north).toMatch(/ {4}Will consistently fail the target: The target of 80% is outside the process limits/);
    expect(north).toMatch(
      /Overdue actions: 1\n {2}\S+ \(due 30 Nov 2023, \d+ days overdue\), Sam Okafor: Cover the two front door vacancies/,
    );
    const south = stdout.slice(stdout.indexOf('\n\nSouth\n'));
    // South's figures are too few for SPC: only targets and actions were checked, and it says so.
    expect(south).toContain('No measure is off target, and no action is overdue.');
    expect(south).not.toContain('Nothing needs action');
    expect(stdout).toContain('No figures for this team in the period: only its overdue actions are checked.');
    const service = stdout.slice(0, stdout.indexOf('\n\nEast\n'));
    expect(service).toMatch(/Overdue actions no team owns: 1\n.*Agree the re-referrals audit/);
    expect(service).not.toContain('Cover the two front door vacancies');
  });

  it('--team gives one team only, in any case; an unknown team is refused with the teams listed', async () => {
    const { db } = await setUp();
    const north = await perfclinic(['exceptions', '--db', db, '--team', 'north', '--format', 'json']);
    const report = JSON.parse(north.stdout) as ExceptionsReport;
    expect(report.sections.map((s) => s.title)).toEqual(['North']);
    expect(report.teams).toEqual([...SAMPLE_TEAMS, 'East', 'North', 'South']);
    expect(report.sections[0]!.exceptions[0]!.reasons).toEqual(['off_target', 'concern', 'will_fail']);
    expect(report.sections[0]!.overdue_actions.map((a) => a.description)).toEqual([
      'Cover the two front door vacancies',
    ]);

    const unknown = await perfclinicProcess(['exceptions', '--db', db, '--team', 'West']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      `perfclinic: There is no team "West" in this clinic file. The teams are: ${[...SAMPLE_TEAMS, 'East', 'North', 'South'].join(', ')}.\n`,
    );
  });

  it('csv: one row per reason and per overdue action, cells safe to open', async () => {
    const { db } = await setUp();
    const { stdout } = await perfclinic(['exceptions', '--db', db, '--format', 'csv']);
    const lines = stdout.split('\r\n');
    expect(lines[0]).toBe('\uFEFFTeam,Kind,Measure or action,Area or owner,Reason,Detail,Due,Days overdue');
    expect(lines).toContain(
      'North,Measure,Decisions within 1 working day,Front door,Off target,57% against a target of 80%,,',
    );
    expect(lines.some((l) => /^East,Action,\S+ Audit <script>.*,Sam Okafor,Overdue,,2023-11-20,\d+$/.test(l))).toBe(
      true,
    );
  });

  it('html: one A4 page per team, every text escaped; --out never replaces a file without --force', async () => {
    const { dir, db } = await setUp();
    const out = path.join(dir, 'exceptions.html');
    const saved = await perfclinic(['exceptions', '--db', db, '--format', 'html', '--out', out]);
    expect(saved).toMatchObject({ code: 0, stdout: `Saved the exception report to ${out}.\n` });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/\.team \{ break-after: page;/);
    expect(html.match(/<section class="team"/g)).toHaveLength(4 + SAMPLE_TEAMS.length);
    expect(html).toContain('<html lang="en-GB">');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Audit &lt;script&gt;alert(1)&lt;/script&gt; decisions after 5pm');

    writeFileSync(out, 'kept');
    const refused = await perfclinic(['exceptions', '--db', db, '--format', 'html', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`perfclinic: ${out} already exists; add --force to replace it.\n`);
    expect(readFileSync(out, 'utf8')).toBe('kept');
    const forced = await perfclinic(['exceptions', '--db', db, '--format', 'html', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<h2 id="section-0">Whole service</h2>');
  });

  it('perfclinic actions --team lists the actions a team owns, with the team in every format', async () => {
    const { db } = await setUp();
    const table = await perfclinic(['actions', '--db', db, '--team', 'NORTH']);
    expect(table.stdout).toMatch(/Team/);
    expect(table.stdout).toContain('Cover the two front door vacancies');
    expect(table.stdout).not.toContain('Agree the re-referrals audit');
    const csv = await perfclinic(['actions', '--db', db, '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^\uFEFFReference,Measure,Description,Owner,Team,Due,/);
    expect(csv.stdout).toMatch(/,Sam Okafor,North,2023-11-30,/);
  });

  it('mistakes in the command are told apart (exit 2) and write nothing', async () => {
    const { dir, db } = await setUp();
    const out = path.join(dir, 'never.html');
    for (const [args, message] of [
      [['--format', 'pdf'], /--format must be one of table, json, csv, html/],
      [['--period', '2023-13'], /--period must be a month written YYYY-MM/],
      [['--team', ' '], /--team needs a team name/],
    ] as const) {
      const result = await perfclinic(['exceptions', '--db', db, ...args, '--out', out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
  });
});
