/**
 * `perfclinic report --team NAME`: a team manager's clinic comparison from the command line, the
 * team's own figures in every format; a team the file does not have is refused as `exceptions
 * --team` refuses it, with the teams there are.
 */
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { perfclinic, perfclinicProcess } from '../support/cli';
import { fileWithTeams } from '../support/team-exceptions';
import { tempDir } from '../support/temp';

const TEAMS = [
  'Assessment Team North',
  'Assessment Team South',
  'Children in Need Team 1',
  'Children in Need Team 2',
  'East',
  'North',
  'South',
];

interface JsonRow {
  key: string;
  current: { period: string; value: number; numerator?: number; denominator?: number } | null;
  previous: { period: string; value: number } | null;
  status: string;
  spc: { variation: string | null } | null;
}

/** The file with the sample's teams and North, South and East (tests/support/team-exceptions.ts). */
function fileForTest(): Promise<string> {
  return fileWithTeams(tempDir(), new ClinicApp({ now: () => new Date('2023-12-01T09:00:00Z') }));
}

describe('perfclinic report --team', () => {
  it('json: the team’s own figures, its own SPC, and none for a measure the team has no figures for', async () => {
    const db = await fileForTest();
    const { code, stdout } = await perfclinic(['report', '--db', db, '--team', 'north', '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { period: string; compare: string; team: string; measures: JsonRow[] };
    expect([report.period, report.compare, report.team]).toEqual(['2023-10', '2023-09', 'North']);
    const decisions = report.measures.find((m) => m.key === 'decisions_1wd')!;
    expect(decisions.current).toMatchObject({ period: '2023-10', value: 57 });
    expect(decisions.previous).toMatchObject({ period: '2023-09', value: 56 });
    expect(decisions.status).toBe('off_target');
    // North's 24 months are enough for SPC; the whole service's figures would not be.
    expect(decisions.spc?.variation).toBe('concern_low');
    expect(report.measures.find((m) => m.key === 'contacts')?.current).toBeNull();

    const service = JSON.parse((await perfclinic(['report', '--db', db, '--format', 'json'])).stdout) as {
      team: string | null;
      measures: JsonRow[];
    };
    expect(service.team).toBeNull();
    expect(service.measures.find((m) => m.key === 'decisions_1wd')?.current?.value).toBe(55);
  });

  it('a team with figures by worker reports the team’s own figure, not its workers’', async () => {
    const db = await fileForTest();
    const { stdout } = await perfclinic(['report', '--db', db, '--team', 'Assessment Team North', '--format', 'json']);
    const visits = (JSON.parse(stdout) as { measures: JsonRow[] }).measures.find((m) => m.key === 'ia_visits_5wd')!;
    expect(visits.current).toMatchObject({ period: '2023-10', value: 82.4, numerator: 42, denominator: 51 });
    expect(visits.previous).toMatchObject({ period: '2023-09', value: 80 });
  });

  it('table and csv say whose figures they are', async () => {
    const db = await fileForTest();
    const table = (await perfclinic(['report', '--db', db, '--team', 'North'])).stdout;
    expect(table.split('\n')[0]).toBe('Clinic: October 2023 compared with September 2023: North’s figures only');
    expect(table).toMatch(/\nDecisions within 1 working day +56% +57% +\+1\.0 pts/);

    const csv = (await perfclinic(['report', '--db', db, '--team', 'North', '--format', 'csv'])).stdout;
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/,caveats,team$/);
    expect(lines.find((l) => l.startsWith('decisions_1wd,'))).toMatch(/,North$/);
  });

  it('an unknown team is refused with the teams listed, and an empty one is a mistake in the command', async () => {
    const db = await fileForTest();
    const unknown = await perfclinicProcess(['report', '--db', db, '--team', 'West']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      `perfclinic: There is no team "West" in this clinic file. The teams are: ${TEAMS.join(', ')}.\n`,
    );
    const empty = await perfclinic(['report', '--db', db, '--team', ' ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--team needs a team name');
  });
});
