import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { formatReport } from '../../main/cli/report-output';
import { childColumnsMessage } from '../../main/import/child-columns';
import { october2023 } from '../../main/sample/october-2023';
import { allFigures, insertDataset } from '../../main/store/catalogue';
import { ClinicDatabase } from '../../main/store/database';
import { APPLICATION_ID, ClinicFile } from '../../main/store/clinic-file';
import { migrations, LATEST_SCHEMA } from '../../main/store/migrations';
import { migrate015 } from '../../main/store/migrations/015-workers';
import { canonicalDump } from '../../main/store/sync';
import { newClinic } from '../support/clinics';
import { csv } from '../support/spreadsheets';
import { NOW } from '../support/import-fixtures';
import { tempDir } from '../support/temp';

/** The sample's invented workers, by full name: none may reach the window, a report or an export. */
const FULL_NAMES = [
  'Alex Example',
  'Bea Sample',
  'Casey Placeholder',
  'Dana Fictional',
  'Eli Testname',
  'Frankie Madeup',
  'Gale Invented',
];

async function sampleApp(name = 'clinic.db'): Promise<{ app: ClinicApp; file: string; dir: string }> {
  const dir = tempDir();
  const file = path.join(dir, name);
  const app = new ClinicApp({ preferencesFile: path.join(dir, 'prefs.json'), now: () => NOW });
  await app.createFile(file);
  return { app, file, dir };
}

function write(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('a clinic file from before figures by worker', () => {
  it('is brought up to date with every figure and import record kept, each as the whole team’s', async () => {
    const before = migrations.indexOf(migrate015);
    const old = await ClinicDatabase.fromBytes();
    old.transaction(() => {
      for (const m of migrations.slice(0, before)) m(old);
      old.run(`PRAGMA user_version = ${before}`);
      old.run(`PRAGMA application_id = ${APPLICATION_ID}`);
    });
    insertDataset(old, october2023);
    old.transaction(() => {
      old.run('UPDATE sync_context SET applying = 1');
      old.run(
        "INSERT INTO observations (measure, period, team, value, numerator, denominator) VALUES ('contacts', '2023-10', 'North', 420, NULL, NULL), ('contacts', '2023-10', 'South', 380, NULL, NULL)",
      );
      old.run(
        `INSERT INTO imports (id, file_name, sha256, format, rows_read, added, changed, unchanged, warnings, imported_at, imported_by, uid)
         VALUES (1, 'teams.csv', 'abc', 'csv', 2, 2, 0, 0, 0, '2023-11-01', 'Pat', '0000-x')`,
      );
      old.run(
        `INSERT INTO import_changes (import_id, measure, period, team, old_value, new_value)
         VALUES (1, 'contacts', '2023-10', 'North', NULL, 420), (1, 'contacts', '2023-10', 'South', NULL, 380)`,
      );
      old.run('UPDATE sync_context SET applying = 0');
    });
    const figuresBefore = old.all('SELECT * FROM observations ORDER BY measure, period, team');
    const changesBefore = old.all('SELECT * FROM import_changes ORDER BY measure, period, team');
    const file = path.join(tempDir(), 'old.db');
    fs.writeFileSync(file, old.export());
    old.close();

    const opened = await ClinicFile.open(file);
    expect(opened.db.pragma('user_version')).toBe(LATEST_SCHEMA);
    expect(opened.db.all('SELECT * FROM observations ORDER BY measure, period, team')).toEqual(
      figuresBefore.map((r) => ({ ...r, worker: '' })),
    );
    expect(opened.db.all('SELECT * FROM import_changes ORDER BY measure, period, team')).toEqual(
      changesBefore.map((r) => ({ ...r, worker: '' })),
    );
    // The whole-service figures are still read from their own index.
    const plan = opened.db
      .all<{ detail: string }>(
        "EXPLAIN QUERY PLAN SELECT value FROM observations WHERE measure = 'contacts' AND team = '' AND period <= '2023-10'",
      )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toContain('observations_service');
    // A worker always belongs to a team.
    expect(() =>
      opened.db.run(
        "INSERT INTO observations (measure, period, team, worker, value) VALUES ('contacts', '2023-10', '', 'Jo Bloggs', 1)",
      ),
    ).toThrow(/CHECK/);
    opened.close();
  });
});

describe('importing figures by worker', () => {
  it('reads a worker column beside the team in the long layout, and undoing takes it back', async () => {
    const { app, dir } = await sampleApp();
    const source = write(
      dir,
      'workers.csv',
      csv([
        'Measure,Period,Value,Numerator,Denominator,Team,Worker',
        'visits_cpp,2023-10,84,,,,',
        'visits_cpp,2023-10,88.9,16,18,CP Team,Robin Imaginary',
        'visits_cpp,2023-10,80,12,15,CP Team,Sky Notreal',
        'visits_cpp,2023-10,84.8,28,33,CP Team,',
      ]),
    );
    const preview = await app.imports.previewFile(source);
    expect(preview.errorCount).toBe(0);
    expect(preview.totals).toMatchObject({ figures: 4, added: 3, unchanged: 1 });
    await app.imports.importFile(source, { expectedSha256: preview.sha256 });

    const team = app.drilldown.view({ measure: 'visits_cpp', team: 'CP Team' });
    expect(team.team).toMatchObject({ label: 'CP Team', figure: { value: 84.8 }, workers: 2 });
    expect(team.workers.map((w) => [w.label, w.figure?.value, w.status])).toEqual([
      ['R.I.', 88.9, 'off_target'],
      ['S.N.', 80, 'off_target'],
    ]);
    expect(JSON.stringify(team)).not.toMatch(/Robin|Imaginary|Sky|Notreal/);
    // The service figure is the one the clinic table shows.
    expect(app.report().measures.find((m) => m.key === 'visits_cpp')?.current?.value).toBe(84);

    await app.imports.undoLast();
    expect(app.drilldown.view({ measure: 'visits_cpp' }).teams).toEqual([]);
    app.close();
  });

  it('reads a worker column in the wide layout, one row per team or worker', async () => {
    const { app, dir } = await sampleApp();
    const source = write(
      dir,
      'wide.csv',
      csv([
        'Measure key,Team,Worker,Sep 2023,Oct 2023',
        'visits_cpp,CP Team,,80,85',
        'visits_cpp,CP Team,Robin Imaginary,75,90',
      ]),
    );
    const preview = await app.imports.previewFile(source);
    expect(preview.errorCount).toBe(0);
    await app.imports.importFile(source, { expectedSha256: preview.sha256 });
    const view = app.drilldown.view({ measure: 'visits_cpp', team: 'CP Team' });
    expect(view.workers).toMatchObject([
      { label: 'R.I.', figure: { value: 90 }, change: { absolute: 15 }, direction: 'improved' },
    ]);
    app.close();
  });

  it('refuses a file with a column that identifies a child, and a worker without a team, writing nothing', async () => {
    const { app, dir, file } = await sampleApp();
    const before = allFigures((app as unknown as { current(): ClinicFile }).current().db);
    const children = write(
      dir,
      'children.csv',
      csv(['Measure,Period,Value,Team,Child ID', 'visits_cpp,2023-10,1,CP Team,C0001']),
    );
    const refused = await app.imports.previewFile(children);
    expect(refused.canImport).toBe(false);
    expect(refused.problems.map((p) => p.message)).toEqual([childColumnsMessage(['Child ID'])]);
    await expect(app.imports.importFile(children)).rejects.toThrow(/problem to fix first/);

    const noTeam = write(
      dir,
      'no-team.csv',
      csv(['Measure,Period,Value,Team,Worker', 'visits_cpp,2023-10,90,,Robin Imaginary']),
    );
    const lonely = await app.imports.previewFile(noTeam);
    expect(lonely.canImport).toBe(false);
    expect(lonely.problems.map((p) => p.message)).toEqual([
      '"Robin Imaginary" has no team: a worker\'s figures are held within their team. Give the team on this row, or leave the worker blank for a whole-service figure.',
    ]);
    expect(allFigures((app as unknown as { current(): ClinicFile }).current().db)).toEqual(before);
    app.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('merges between copies of a file with the worker of each figure', async () => {
    const { app: first, file: a, dir } = await sampleApp();
    first.close();
    const b = path.join(dir, 'copy.db');
    fs.copyFileSync(a, b);
    const appA = new ClinicApp({ preferencesFile: path.join(dir, 'a.json'), now: () => NOW, deviceId: 'a' });
    await appA.openFile(a);
    const appB = new ClinicApp({ preferencesFile: path.join(dir, 'b.json'), now: () => NOW, deviceId: 'b' });
    await appB.openFile(b);
    const source = write(
      dir,
      'workers.csv',
      csv(['Measure,Period,Value,Team,Worker', 'visits_cpp,2023-10,70,CP Team,Robin Imaginary']),
    );
    await appA.imports.importFile(source);
    appA.close();
    await appB.sync.merge(a);
    expect(appB.drilldown.view({ measure: 'visits_cpp', team: 'CP Team' }).workers).toMatchObject([
      { label: 'R.I.', figure: { value: 70 } },
    ]);
    const dumpB = canonicalDump((appB as unknown as { current(): ClinicFile }).current().db);
    appB.close();
    const reopenedA = await ClinicFile.open(a, { readOnly: true });
    expect(canonicalDump(reopenedA.db)).toBe(dumpB);
    reopenedA.close();
  });
});

describe('the drilldown', () => {
  it('goes from the service to each team and each worker, with status and change at each level', async () => {
    const { app } = await sampleApp();
    const area = app.drilldown.view({ measure: 'ia_visits_5wd', period: '2023-10' });
    expect(area).toMatchObject({
      level: 'area',
      period: '2023-10',
      previousPeriod: '2023-09',
      measure: { title: 'Initial assessment visits within 5 working days', area_title: 'Assessment', target: 80 },
      service: { label: 'All services', figure: { value: 80.3 }, status: 'on_target', direction: 'improved' },
      workersWithheld: null,
    });
    expect(area.teams.map((t) => [t.label, t.figure?.value, t.status, t.change?.absolute, t.workers])).toEqual([
      ['Assessment Team North', 82.4, 'on_target', 2.4, 4],
      ['Assessment Team South', 78, 'off_target', 1.4, 3],
    ]);

    const team = app.drilldown.view({ measure: 'ia_visits_5wd', period: '2023-10', team: 'Assessment Team North' });
    expect(team.level).toBe('team');
    expect(team.workers.map((w) => [w.label, w.figure?.numerator, w.figure?.denominator, w.direction])).toEqual([
      ['A.E.', 9, 10, 'improved'],
      ['B.S.', 8, 11, 'worsened'],
      ['C.P.', 12, 14, 'improved'],
      ['D.F.', 13, 16, 'improved'],
    ]);

    const worker = app.drilldown.view({
      measure: 'ia_visits_5wd',
      period: '2023-10',
      team: 'Assessment Team North',
      worker: team.workers[1]!.worker,
    });
    expect(worker.level).toBe('worker');
    expect(worker.worker).toMatchObject({ label: 'B.S.', figure: { value: 72.7 }, status: 'off_target' });
    expect(worker.workerMonths.map((m) => [m.period, m.figure?.value])).toEqual([
      ['2023-10', 72.7],
      ['2023-09', 75],
    ]);
    for (const v of [area, team, worker]) for (const n of FULL_NAMES) expect(JSON.stringify(v)).not.toContain(n);

    expect(() => app.drilldown.view({ measure: 'ia_visits_5wd', team: 'Nowhere' })).toThrow(/no figures for the team/);
    expect(() => app.drilldown.view({ measure: 'ia_visits_5wd', team: 'Assessment Team North', worker: '99' })).toThrow(
      /no such worker/,
    );
    app.close();
  });

  it.each([
    [{ workerNames: 'hidden' as const }, /hidden/],
    [{ forPublication: true }, /marked for publication/],
  ])('with %j, gives no worker rows and says why', async (settings, why) => {
    const { app } = await sampleApp();
    app.settings.set(settings);
    const area = app.drilldown.view({ measure: 'ia_visits_5wd' });
    expect(area.workersWithheld).toMatch(why);
    expect(area.teams.map((t) => t.workers)).toEqual([0, 0]);
    const team = app.drilldown.view({ measure: 'ia_visits_5wd', team: 'Assessment Team North' });
    expect(team.workers).toEqual([]);
    expect(team.team?.figure?.value).toBe(82.4);
    expect(() =>
      app.drilldown.view({ measure: 'ia_visits_5wd', team: 'Assessment Team North', worker: '1' }),
    ).not.toThrow();
    expect(
      app.drilldown.view({ measure: 'ia_visits_5wd', team: 'Assessment Team North', worker: '1' }).worker,
    ).toBeNull();
    app.close();
  });
});

describe('worker-level figures never leave in a report or an export', () => {
  it('the scrutiny report, the clinic report as JSON and CSV, and the minutes hold no worker’s figure or initials', async () => {
    const { app } = await sampleApp();
    app.settings.set({ forPublication: true });
    const clinic = app.meetings.createClinic(newClinic({ period: '2023-10' } as never));
    app.meetings.setDiscussed(clinic.id, 'ia_visits_5wd', true);
    const outputs = {
      scrutiny: JSON.stringify(app.scrutiny.document({ period: '2023-10' })),
      json: formatReport(app.report({ period: '2023-10' }), 'json'),
      csv: formatReport(app.report({ period: '2023-10' }), 'csv'),
      minutes: JSON.stringify(app.minutes(clinic.id)),
    };
    for (const [name, text] of Object.entries(outputs)) {
      for (const n of FULL_NAMES) expect(text, `${name} names a worker`).not.toContain(n);
      // Bea Sample's 72.7% and Alex Example's 90.0% are worker-level figures only.
      expect(text, `${name} holds a worker's figure`).not.toMatch(/\b72\.7\b/);
      expect(text, `${name} holds a team's figure`).not.toMatch(/Assessment Team North/);
    }
    app.close();
  });

  it('the scrutiny report reads whole-service figures only (its sources never name a worker)', () => {
    const sources = [
      'main/api/scrutiny.ts',
      'main/store/scrutiny.ts',
      ...fs.readdirSync('main/domain/scrutiny').map((f) => path.join('main/domain/scrutiny', f)),
    ];
    for (const source of sources) expect(fs.readFileSync(source, 'utf8'), source).not.toMatch(/\bworker/i);
    expect(fs.readFileSync('main/store/scrutiny.ts', 'utf8')).toMatch(/FROM observations WHERE team = ''/);
  });
});
