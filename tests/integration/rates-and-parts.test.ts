/**
 * Rates per 10,000 children, counts that are part of another, and cumulative steps (issues 14
 * and 16): schema 12 and what the clinic, the report JSON and the minutes make of them.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { formatReport } from '../../main/cli/report-output';
import { figureRows } from '../../main/exports/minutes-data';
import { october2023 } from '../../main/sample/october-2023';
import { APPLICATION_ID, ClinicFile } from '../../main/store/clinic-file';
import { ClinicDatabase } from '../../main/store/database';
import { insertDataset, listMeasures } from '../../main/store/catalogue';
import { LATEST_SCHEMA, migrations } from '../../main/store/migrations';
import { MEASURES_013 } from '../../main/store/migrations/013-rate-unit';
import { canonicalDump } from '../../main/store/sync';
import { tempDir } from '../support/temp';

const FIXTURES = path.join(__dirname, '../fixtures/dfe');
const CIN_RATES = path.join(FIXTURES, 'b1_cin_rates_illustrative.csv');
const SN = path.join(FIXTURES, 'sn_groupings_april_2021.csv');

let clock = Date.parse('2024-01-09T10:00:00Z');
const now = () => new Date((clock += 1000));

async function sample() {
  const dir = tempDir();
  const file = path.join(dir, 'clinic.db');
  const app = new ClinicApp({ preferencesFile: path.join(dir, 'prefs.json'), now, deviceId: 'office-pc' });
  await app.createFile(file);
  app.setPreferences({ displayName: 'Sam Analyst' });
  return { dir, file, app };
}

const rowsOf = (db: ClinicDatabase, sql: string) => JSON.stringify(db.all(sql));

/** A file of schema 11 (the one before rates), holding the sample as it could then, with a clinic, a note and an action. */
async function fileAtSchema11(): Promise<{ file: string; before: Record<string, string> }> {
  const db = await ClinicDatabase.fromBytes();
  db.transaction(() => {
    for (const step of migrations.slice(0, 11)) step(db);
    db.run('PRAGMA user_version = 11');
    db.run(`PRAGMA application_id = ${APPLICATION_ID}`);
  });
  insertDataset(db, { ...october2023, measures: october2023.measures.filter((m) => m.unit !== 'rate_10k') });
  db.transaction(() => {
    db.run(
      `INSERT INTO clinics (held_on, kind, code, period, compare, created_at, created_by, uid)
       VALUES ('2023-11-09', 'Director''s performance clinic', 'DPC', '2023-10', '2023-09', 'x', 'Jo', 'c1')`,
    );
    db.run("INSERT INTO agenda_items (clinic_id, measure, position) VALUES (1, 'suspensions', 1)");
    db.run(
      "INSERT INTO notes (clinic_id, measure, text, updated_at, updated_by) VALUES (1, 'suspensions', 'Six with an EHCP', 'x', 'Jo')",
    );
    db.run(
      `INSERT INTO actions (ref, clinic_id, measure, description, owner, due_on, created_at, created_by, updated_at, uid)
       VALUES ('DPC-1', 1, 'suspensions', 'Ask the Virtual School', 'Priya', '2023-12-01', 'x', 'Jo', 'x', 'a1')`,
    );
  });
  const before = {
    measures: rowsOf(db, 'SELECT * FROM measures ORDER BY key'),
    observations: rowsOf(db, 'SELECT * FROM observations ORDER BY measure, period, team'),
    notes: rowsOf(db, 'SELECT * FROM notes'),
    actions: rowsOf(db, 'SELECT * FROM actions'),
    agenda: rowsOf(db, 'SELECT * FROM agenda_items'),
    caveats: rowsOf(db, 'SELECT * FROM caveats ORDER BY id'),
    targets: rowsOf(db, 'SELECT * FROM measure_targets ORDER BY measure, applies_from'),
    changes: rowsOf(db, 'SELECT * FROM changes ORDER BY id'),
  };
  const file = path.join(tempDir(), 'schema-11.db');
  fs.writeFileSync(file, db.export());
  db.close();
  return { file, before };
}

describe('schema 12: the measures table rebuilt for rates and parts', () => {
  it('brings a file of the previous schema up without losing or changing a row, and keeps recording changes', async () => {
    const { file, before } = await fileAtSchema11();
    const opened = await ClinicFile.open(file);
    const db = opened.db;
    expect(db.pragma('user_version')).toBe(LATEST_SCHEMA);
    const strip = (json: string) =>
      JSON.stringify((JSON.parse(json) as Array<Record<string, unknown>>).map(({ part_of: _p, ...rest }) => rest));
    expect(strip(rowsOf(db, 'SELECT * FROM measures ORDER BY key'))).toBe(before.measures);
    expect(db.all('SELECT part_of FROM measures WHERE part_of IS NOT NULL')).toEqual([]);
    // Later schemas gave figures a worker and actions a team ('' for none): every row is otherwise as it was.
    const without = (json: string, column: string) =>
      JSON.stringify(
        (JSON.parse(json) as Array<Record<string, unknown>>).map((row) =>
          Object.fromEntries(Object.entries(row).filter(([name]) => name !== column)),
        ),
      );
    expect(without(rowsOf(db, 'SELECT * FROM observations ORDER BY measure, period, team'), 'worker')).toBe(
      before.observations,
    );
    expect(rowsOf(db, 'SELECT * FROM notes')).toBe(before.notes);
    expect(without(rowsOf(db, 'SELECT * FROM actions'), 'team')).toBe(before.actions);
    expect(rowsOf(db, 'SELECT * FROM agenda_items')).toBe(before.agenda);
    expect(rowsOf(db, 'SELECT * FROM caveats ORDER BY id')).toBe(before.caveats);
    expect(rowsOf(db, 'SELECT * FROM measure_targets ORDER BY measure, applies_from')).toBe(before.targets);
    // The copy recorded no changes: every copy of the file migrates to the same rows.
    expect(rowsOf(db, 'SELECT * FROM changes ORDER BY id')).toBe(before.changes);
    expect(db.all('PRAGMA foreign_key_check')).toEqual([]);
    // The foreign key to areas is kept, and the tables that refer to measures still do.
    expect(() => db.run("UPDATE measures SET area = 'nowhere' WHERE key = 'contacts'")).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.run("INSERT INTO notes (clinic_id, measure, text, updated_at, updated_by) VALUES (1, 'nope', 't', 'x', 'y')"),
    ).toThrow(/FOREIGN KEY/);
    // Every field keeps its capture trigger, and part_of has one too.
    const triggers = db
      .all<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'measures' ORDER BY name",
      )
      .map((t) => t.name);
    expect(triggers).toContain('measures_record_unit');
    expect(triggers).toContain('measures_record_part_of');
    expect(triggers).toContain('measures_record_insert');
    expect(triggers).toContain('measures_record_delete');
    expect(triggers).toHaveLength(MEASURES_013.columns.length + 2);
    db.run("UPDATE measures SET unit = 'rate_10k', part_of = 'contacts' WHERE key = 'info_only_contacts'");
    const recorded = db.all<{ field: string; value: string }>(
      "SELECT field, value FROM changes WHERE entity = 'measures' AND row = '[\"info_only_contacts\"]' AND field <> '*' ORDER BY field",
    );
    expect(recorded).toEqual([
      { field: 'part_of', value: '"contacts"' },
      { field: 'unit', value: '"rate_10k"' },
    ]);
    opened.close();
  });

  it('a rate and a part made on one copy merge into another', async () => {
    const { dir, file, app } = await sample();
    app.close();
    const copy = path.join(dir, 'laptop.db');
    fs.copyFileSync(file, copy);
    const a = new ClinicApp({ preferencesFile: path.join(dir, 'a.json'), now, deviceId: 'office-pc' });
    await a.openFile(file);
    const b = new ClinicApp({ preferencesFile: path.join(dir, 'b.json'), now, deviceId: 'laptop' });
    await b.openFile(copy);
    a.catalogue.update('referrals', { part_of: 'contacts' });
    a.catalogue.update('info_only_contacts', { unit: 'rate_10k' });
    await b.sync.merge(file);
    expect(b.catalogue.get('referrals').part_of).toBe('contacts');
    expect(b.catalogue.get('info_only_contacts').unit).toBe('rate_10k');
    const dump = (app: ClinicApp) => canonicalDump((app as unknown as { current(): ClinicFile }).current().db);
    await a.sync.merge(copy);
    expect(dump(a)).toBe(dump(b));
    expect(() => a.catalogue.update('contacts', { part_of: 'referrals' })).toThrow(/already part of this measure/);
    expect(() => a.catalogue.update('contacts', { part_of: 'nothing_here' })).toThrow(/no measure "nothing_here"/);
    a.close();
    b.close();
  });
});

describe('the sample with rates, parts and steps', () => {
  it('holds the three DfE rates per 10,000 children, and a DfE load gives them benchmarks with years', async () => {
    const { app } = await sample();
    const rates = app.catalogue.list().filter((m) => m.unit === 'rate_10k');
    expect(rates.map((m) => m.key)).toEqual(['cla_rate_10k', 'cin_rate_10k', 'cpp_rate_10k']);
    await app.benchmarks.loadPaths('370', [CIN_RATES, SN], { dryRun: false });
    const row = app.report({ period: '2023-10' }).measures.find((m) => m.key === 'cin_rate_10k')!;
    expect(row.benchmark_details).toMatchObject({
      national: { value: 334.3, year: '2021-22' },
      regional: { value: 352.9, year: '2021-22' },
      statistical_neighbours: { year: '2021-22', used: 9, of: 10 },
      own: { value: 352.1, year: '2021-22' },
    });
    const json = JSON.parse(formatReport(app.report({ period: '2023-10' }), 'json')) as {
      measures: Array<{ key: string; unit: string; benchmark_details: { national: { value: number; year: string } } }>;
    };
    expect(json.measures.find((m) => m.key === 'cin_rate_10k')).toMatchObject({
      unit: 'rate_10k',
      benchmark_details: { national: { value: 334.3, year: '2021-22' } },
    });
    const minutes = app.minutes(holdClinic(app));
    const inMinutes = minutes.view.report.measures.find((m) => m.key === 'cin_rate_10k')!;
    expect(figureRows(inMinutes, minutes)).toContainEqual(['England', '334.3 per 10,000 children (2021-22)']);
    app.close();
  });

  it('a count that is part of another says "6 of the 19" in the report JSON and the minutes', async () => {
    const { app } = await sample();
    const report = app.report({ period: '2023-10' });
    const ehcp = report.measures.find((m) => m.key === 'suspensions_ehcp')!;
    expect(ehcp.of).toEqual({ measure: 'suspensions', title: 'Children in care suspended from school', value: 19 });
    const json = JSON.parse(formatReport(report, 'json')) as {
      measures: Array<{ key: string; current: { of?: unknown } }>;
    };
    expect(json.measures.find((m) => m.key === 'suspensions_ehcp')!.current.of).toEqual({
      measure: 'suspensions',
      value: 19,
    });
    expect(json.measures.find((m) => m.key === 'suspensions')!.current.of).toBeUndefined();
    expect(formatReport(report, 'table')).toContain('6 of the 19 children in care suspended from school');
    const minutes = app.minutes(holdClinic(app));
    const inMinutes = minutes.view.report.measures.find((m) => m.key === 'suspensions_ehcp')!;
    expect(figureRows(inMinutes, minutes)).toContainEqual([
      'Current (Oct 2023)',
      '6 of the 19 children in care suspended from school',
    ]);
    app.close();
  });

  it('decisions within 1, 2 and 3 working days are shown together as one measure’s cumulative steps', async () => {
    const { app } = await sample();
    const report = app.report({ period: '2023-10' });
    const steps = report.measures.find((m) => m.key === 'decisions_2wd')!.steps;
    expect(steps).toEqual([
      { measure: 'decisions_1wd', label: '1 working day', value: 55 },
      { measure: 'decisions_2wd', label: '2 working days', value: 76 },
      { measure: 'decisions_3wd', label: '3 working days', value: 91 },
    ]);
    expect(report.measures.find((m) => m.key === 'decisions_1wd')!.steps).toEqual(steps);
    expect(report.measures.find((m) => m.key === 're_referrals_12m')!.steps).toEqual([]);
    const definitions = listMeasuresOf(app)
      .filter((m) => m.key.startsWith('decisions_'))
      .map((m) => m.definition);
    expect(definitions.every((d) => /cumulative steps/.test(d))).toBe(true);
    const minutes = app.minutes(holdClinic(app));
    const inMinutes = minutes.view.report.measures.find((m) => m.key === 'decisions_1wd')!;
    expect(figureRows(inMinutes, minutes)).toContainEqual([
      'Cumulative steps',
      '1 working day 55% \u00b7 2 working days 76% \u00b7 3 working days 91%',
    ]);
    app.close();
  });
});

function listMeasuresOf(app: ClinicApp) {
  return listMeasures((app as unknown as { current(): ClinicFile }).current().db);
}

function holdClinic(app: ClinicApp): number {
  return app.meetings.createClinic({
    held_on: '2023-11-09',
    kind: 'Director’s performance clinic',
    scope: [],
    chair: 'Service Director',
    attendees: [],
    apologies: [],
    period: '2023-10',
  }).id;
}
