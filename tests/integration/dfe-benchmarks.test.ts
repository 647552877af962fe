import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { run } from '../../main/cli/cli';
import { figureRows } from '../../main/exports/minutes-data';
import type { ClinicFile } from '../../main/store/clinic-file';
import { canonicalDump } from '../../main/store/sync';
import { tempDir } from '../support/temp';

const FIXTURES = path.join(__dirname, '../fixtures/dfe');
const C1 = path.join(FIXTURES, 'c1_referrals_2022_2023.csv');
const OTHER = path.join(FIXTURES, 'c1_other_order_suppressed.csv');
const SN = path.join(FIXTURES, 'sn_groupings_april_2021.csv');
const SN_2025 = path.join(FIXTURES, 'sn_model_2025_wide.csv');

let clock = Date.parse('2024-01-09T10:00:00Z');
const now = () => new Date((clock += 1000));

async function sample(name = 'clinic.db') {
  const dir = tempDir();
  const file = path.join(dir, name);
  const app = new ClinicApp({ preferencesFile: path.join(dir, 'prefs.json'), now, deviceId: 'office-pc' });
  await app.createFile(file);
  app.setPreferences({ displayName: 'Sam Analyst' });
  return { dir, file, app };
}

const dump = (app: ClinicApp) => canonicalDump((app as unknown as { current(): ClinicFile }).current().db);
const reReferrals = (app: ClinicApp, period = '2023-10') =>
  app.report({ period }).measures.find((m) => m.key === 're_referrals_12m')!;

describe('loading DfE benchmarks', () => {
  it('previews without writing, then loads: the October 2023 clinic shows England 21.5% for 2021-22', async () => {
    const { file, app } = await sample();
    app.close();
    await app.openFile(file);
    const before = fs.readFileSync(file);
    const preview = await app.benchmarks.loadPaths('370', [C1, SN], { dryRun: true });
    expect(preview.changes.map((c) => [c.year, c.status])).toEqual([
      ['2021-22', 'new'],
      ['2022-23', 'new'],
    ]);
    expect(preview.changes[0]!.lines).toContainEqual({ what: 'England', before: null, after: '21.5' });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(reReferrals(app).benchmark_details.own).toBeUndefined();

    await app.benchmarks.loadPaths('370', [C1, SN], { dryRun: false });
    app.close();
    await app.openFile(file);
    const row = reReferrals(app);
    expect(row.benchmarks).toEqual({ national: 21.5, regional: 20.4, statistical_neighbours: 19.75 });
    expect(row.benchmark_details).toMatchObject({
      national: { value: 21.5, year: '2021-22', old: false },
      regional: { value: 20.4, year: '2021-22', name: 'Yorkshire and The Humber' },
      statistical_neighbours: { value: 19.75, year: '2021-22', method: 'mean', used: 10, of: 10 },
      own: { value: 18.2, year: '2021-22', rank: 2, of: 11, quartile: 2 },
      since_published: { year: '2022-23', national: 22.4 },
    });
    expect(row.benchmark_details!.statistical_neighbours!.neighbours![0]).toEqual({
      code: '807',
      name: 'Redcar and Cleveland',
      value: 18.5,
    });
    // Measures DfE publishes nothing for keep the benchmarks typed into the catalogue.
    const assessments = app.report({ period: '2023-10' }).measures.find((m) => m.key === 'assessments_45wd')!;
    expect(assessments.benchmarks.national).toBe(84.5);
    expect(assessments.benchmark_details.own).toBeUndefined();
    app.close();
  });

  it('shows the median when the catalogue asks for it, and loading the same files again changes nothing', async () => {
    const { app } = await sample();
    await app.benchmarks.loadPaths('370', [C1, SN], { dryRun: false });
    app.benchmarks.setNeighbourSummary('median');
    expect(reReferrals(app).benchmark_details!.statistical_neighbours).toMatchObject({
      method: 'median',
      value: 19.75,
    });
    const again = await app.benchmarks.loadPaths('E08000016', [C1, SN], { dryRun: false });
    expect(again.changes.every((c) => c.status === 'unchanged')).toBe(true);
    app.close();
  });

  it('says old → new when a later file changes a year, and undo puts the old figures back', async () => {
    const { app } = await sample();
    await app.benchmarks.loadPaths('370', [C1, SN], { dryRun: false });
    const changed = await app.benchmarks.loadPaths('370', [OTHER, SN_2025], { dryRun: false });
    const year = changed.changes.find((c) => c.year === '2021-22')!;
    expect(year.status).toBe('changed');
    const mean = year.lines.find((l) => l.what === 'Neighbours’ mean')!;
    expect(mean.before).toBe('19.8 (10 of 10)');
    expect(mean.after).not.toBe(mean.before);
    expect(reReferrals(app).benchmark_details!.statistical_neighbours!.neighbours!.map((n) => n.name)).toContain(
      'Dudley',
    );
    const undone = app.benchmarks.undoLast();
    expect(undone).toEqual({
      files: ['c1_other_order_suppressed.csv', 'sn_model_2025_wide.csv'],
      restored: 1,
      removed: 0,
    });
    expect(reReferrals(app).benchmark_details!.statistical_neighbours).toMatchObject({ value: 19.75, used: 10 });
    app.benchmarks.undoLast();
    expect(reReferrals(app).benchmark_details.own).toBeUndefined();
    expect(() => app.benchmarks.undoLast()).toThrow('No load of DfE benchmarks is left to undo in this file.');
    app.close();
  });

  it('names a suppressed neighbour and counts only those shown', async () => {
    const { app } = await sample();
    await app.benchmarks.loadPaths('370', [OTHER, SN], { dryRun: false });
    const sn = reReferrals(app).benchmark_details!.statistical_neighbours!;
    expect(sn).toMatchObject({ used: 4, of: 10 });
    expect(sn.neighbours).toContainEqual({ code: '371', name: 'Doncaster', suppressed: 'c' });
    app.close();
  });

  it('refuses bad input with a clear message and leaves the file as it was', async () => {
    const { dir, file, app } = await sample();
    const before = fs.readFileSync(file);
    const binary = path.join(dir, 'photo.csv');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    const figures = path.join(dir, 'figures.csv');
    fs.writeFileSync(figures, 'Measure,Period,Value\ncontacts,2023-10,781\n');
    const cases: Array<[string, string[], RegExp]> = [
      ['37', [C1], /"37" is not a local authority code/],
      ['999', [C1], /has no rows for the local authority 999/],
      ['370', [figures], /figures.csv is not laid out as DfE publishes its statistics/],
      ['370', [binary], /photo.csv is not a text file/],
      ['370', [path.join(dir, 'gone.csv')], /There is no file at .*gone.csv. Nothing has been loaded./],
      ['370', [SN], /Only a neighbour model was chosen/],
      ['370', [C1, SN, SN_2025], /is a second statistical neighbour model/],
      ['370', [], /Choose at least one DfE statistics file/],
    ];
    for (const [la, files, message] of cases) {
      await expect(app.benchmarks.loadPaths(la, files, { dryRun: false })).rejects.toThrow(message);
    }
    app.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('merges a load made on one copy into another like every other change', async () => {
    const { dir, file, app } = await sample();
    app.close();
    const copy = path.join(dir, 'laptop.db');
    fs.copyFileSync(file, copy);
    await app.openFile(file);
    await app.benchmarks.loadPaths('370', [C1, SN], { dryRun: false });
    const laptop = new ClinicApp({ preferencesFile: path.join(dir, 'b.json'), now, deviceId: 'laptop' });
    await laptop.openFile(copy);
    const merged = await laptop.sync.merge(file);
    expect(merged.applied).toBeGreaterThan(0);
    expect(reReferrals(laptop).benchmark_details!.national).toMatchObject({ value: 21.5, year: '2021-22' });
    expect(dump(laptop)).toBe(dump(app));
    laptop.close();
    app.close();
  });
});

describe('perfclinic benchmarks', () => {
  async function cli(...argv: string[]): Promise<string> {
    let text = '';
    await run(argv, (t) => (text += t));
    return text;
  }

  it('loads, shows every neighbour by name with the year, and undoes', async () => {
    const { file, app } = await sample();
    app.close();
    const dry = await cli('benchmarks', 'load', '--db', file, '--la', '370', '--dry-run', C1, SN);
    expect(dry).toContain('Dry run, nothing written: Barnsley (370): 2 benchmark years would change, 0 unchanged.');
    const loaded = await cli('benchmarks', 'load', '--db', file, '--la', '370', '--format', 'json', C1, SN);
    expect(JSON.parse(loaded)).toMatchObject({ dryRun: false, la: { code: '370', name: 'Barnsley' } });
    const shown = await cli('benchmarks', 'show', '--db', file, '--measure', 're_referrals_12m', '--period', '2023-10');
    expect(shown).toContain('Re-referrals within 12 months, as a clinic for 2023-10 shows it: DfE 2021-22');
    expect(shown).toContain('Barnsley 18.2, ranked 2 of 11 among itself and its neighbours, quartile 2 in England');
    expect(shown).toMatch(/County Durham\s+18.3/);
    expect(shown).toContain('Since published: England 22.4 (2022-23)');
    const report = JSON.parse(await cli('report', '--db', file, '--format', 'json')) as {
      measures: Array<{ key: string; benchmark_details?: { national: { year: string } } }>;
    };
    expect(report.measures.find((m) => m.key === 're_referrals_12m')!.benchmark_details!.national.year).toBe('2021-22');
    expect(await cli('benchmarks', 'undo', '--db', file)).toContain('2 removed');
  });

  it('says what is missing from the command', async () => {
    const { file, app } = await sample();
    app.close();
    await expect(cli('benchmarks', 'load', '--db', file, C1)).rejects.toThrow(/--la CODE is required/);
    await expect(cli('benchmarks', 'load', '--db', file, '--la', '370')).rejects.toThrow(
      /name at least one DfE statistics file/,
    );
    await expect(cli('benchmarks', 'frobnicate')).rejects.toThrow(/say load, undo, show, mappings, map or unmap/);
  });
});

describe('minutes', () => {
  it('print each DfE benchmark with its year and the council’s rank', async () => {
    const { app } = await sample();
    await app.benchmarks.loadPaths('370', [C1, SN], { dryRun: false });
    const clinic = app.meetings.createClinic({
      held_on: '2023-11-09',
      kind: 'Director’s performance clinic',
      scope: [],
      chair: 'Service Director',
      attendees: [],
      apologies: [],
      period: '2023-10',
    });
    const minutes = app.minutes(clinic.id);
    const row = minutes.view.report.measures.find((m) => m.key === 're_referrals_12m')!;
    expect(figureRows(row, minutes)).toEqual(
      expect.arrayContaining([
        ['England', '21.5% (2021-22)'],
        ['Yorkshire and The Humber', '20.4% (2021-22)'],
        ['Statistical neighbours (mean of 10)', '19.8% (2021-22)'],
        ['Rank among neighbours', '2 of 11'],
      ]),
    );
    app.close();
  });
});

describe('the council’s own mappings', () => {
  it('map another DfE column to a measure, load it, and can be removed', async () => {
    const { app } = await sample();
    const mappings = app.benchmarks.setMapping({
      measure: 'assessments_nfa',
      column: 'no_further_action_percent',
      filters: { category: 'Referrals and Re-referrals' },
      match: 'nearest',
      note: 'DfE counts referrals that ended in no further action, not assessments.',
    });
    expect(mappings.find((m) => m.measure === 'assessments_nfa')).toMatchObject({
      origin: 'council',
      match: 'nearest',
    });
    expect(mappings.find((m) => m.measure === 're_referrals_12m')).toMatchObject({ origin: 'shipped' });
    const loaded = await app.benchmarks.loadPaths('370', [C1, SN], { dryRun: false });
    expect(loaded.files[0]!.measures.sort()).toEqual(['assessments_nfa', 're_referrals_12m']);
    const nfa = app.report({ period: '2023-10' }).measures.find((m) => m.key === 'assessments_nfa')!;
    // England's no further action rate for 2021-22, from the real file.
    expect(nfa.benchmark_details!.national).toMatchObject({ value: 7.6, year: '2021-22' });
    expect(app.benchmarks.removeMapping('assessments_nfa').some((m) => m.measure === 'assessments_nfa')).toBe(false);
    app.close();
  });

  it('refuses a mapping it could not use, saying why', async () => {
    const { app } = await sample();
    const base = {
      measure: 'assessments_nfa',
      column: 'no_further_action_percent',
      filters: {},
      match: 'exact' as const,
      note: '',
    };
    expect(() => app.benchmarks.setMapping({ ...base, measure: 'nonsense' })).toThrow(/There is no measure "nonsense"/);
    expect(() => app.benchmarks.setMapping({ ...base, column: '=cmd|x' })).toThrow(/is not a DfE column name/);
    expect(() => app.benchmarks.setMapping({ ...base, match: 'nearest' })).toThrow(/Say how DfE’s figure differs/);
    expect(() => app.benchmarks.removeMapping('re_referrals_12m')).toThrow(/has no mapping of the council’s own/);
    app.close();
  });

  it('on the command line', async () => {
    const { file, app } = await sample();
    app.close();
    let text = '';
    const cli = (...argv: string[]) => run(argv, (t) => (text = t));
    await cli(
      'benchmarks',
      'map',
      '--db',
      file,
      '--measure',
      'assessments_nfa',
      '--column',
      'no_further_action_percent',
      '--filter',
      'category=Referrals and Re-referrals',
      '--nearest',
      'Referrals, not assessments.',
    );
    expect(text).toContain(
      'assessments_nfa <- no_further_action_percent where category = "Referrals and Re-referrals" (nearest, the council’s own)',
    );
    await cli('benchmarks', 'mappings', '--db', file);
    expect(text).toContain('re_referrals_12m <- rereferral_percent (exact, shipped)');
    await expect(
      cli('benchmarks', 'map', '--db', file, '--measure', 'assessments_nfa', '--column', 'x', '--filter', 'nonsense'),
    ).rejects.toThrow(/--filter is COLUMN=VALUE/);
    await cli('benchmarks', 'unmap', '--db', file, '--measure', 'assessments_nfa');
    expect(text).not.toContain('assessments_nfa');
  });
});
