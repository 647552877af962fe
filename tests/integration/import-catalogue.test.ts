import { LATEST_SCHEMA } from '../../main/store/migrations';
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import type { MeasureFields } from '../../main/domain/catalogue';
import { targetAt } from '../../main/domain/targets';
import { migrate001 } from '../../main/store/migrations/001-initial';
import { migrate002 } from '../../main/store/migrations/002-clinics-notes-actions';
import { APPLICATION_ID, ClinicFile } from '../../main/store/clinic-file';
import { ClinicDatabase } from '../../main/store/database';
import { allFigures, insertDataset, listCatalogue, listMeasures } from '../../main/store/catalogue';
import { october2023 } from '../../main/sample/october-2023';
import { csv } from '../support/spreadsheets';
import { NOW } from '../support/import-fixtures';
import { tempDir } from '../support/temp';

async function sampleApp(): Promise<{ app: ClinicApp; file: string }> {
  const file = path.join(tempDir(), 'clinic.db');
  const app = new ClinicApp({ now: () => NOW });
  await app.createFile(file);
  app.setPreferences({ displayName: 'Pat Officer' });
  return { app, file };
}

describe('target history', () => {
  it('a period is judged against the target that applied then, not today’s', async () => {
    const { app, file } = await sampleApp();
    // decisions_1wd: 53% in September, 55% in October; target 80 from the start.
    expect(app.catalogue.get('decisions_1wd').targets).toEqual([{ applies_from: '2022-10', target: 80 }]);
    app.catalogue.setTarget('decisions_1wd', 54, '2023-10');
    const october = app.report({ period: '2023-10' }).measures.find((m) => m.key === 'decisions_1wd');
    expect(october).toMatchObject({ target: 54, status: 'on_target' });
    const september = app.report({ period: '2023-09' }).measures.find((m) => m.key === 'decisions_1wd');
    expect(september).toMatchObject({ target: 80, status: 'off_target' });
    expect(app.catalogue.get('decisions_1wd').target).toBe(54);
    app.catalogue.setTarget('decisions_1wd', null, '2023-10');
    expect(app.report({ period: '2023-10' }).measures.find((m) => m.key === 'decisions_1wd')?.status).toBe('no_target');
    app.catalogue.removeTarget('decisions_1wd', '2023-10');
    expect(app.catalogue.get('decisions_1wd').targets).toEqual([{ applies_from: '2022-10', target: 80 }]);
    expect(() => app.catalogue.setTarget('decisions_1wd', 120, '2023-10')).toThrow(
      /percentage, so it must be 0 to 100/,
    );
    expect(() => app.catalogue.setTarget('decisions_1wd', 50, 'Oct 2023')).toThrow(/as YYYY-MM/);
    const actions = app.meetings.auditTrail('decisions_1wd').map((e) => e.action);
    expect(actions).toEqual(['target removed', 'target set', 'target set']);
    app.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('targetAt: before the first change there is none; each change holds until the next', () => {
    const history = [
      { applies_from: '2023-04', target: 80 },
      { applies_from: '2024-04', target: 85 },
    ];
    expect(targetAt(history, '2023-03')).toBeNull();
    expect(targetAt(history, '2023-04')).toBe(80);
    expect(targetAt(history, '2024-03')).toBe(80);
    expect(targetAt(history, '2025-01')).toBe(85);
  });
});

const newMeasure = (overrides: Partial<MeasureFields> = {}): MeasureFields => ({
  title: 'Children with a named social worker',
  definition: 'Children open to the service with an allocated social worker at the end of the month.',
  area: 'demand',
  unit: 'percent',
  polarity: 'higher_is_better',
  frequency: 'monthly',
  tolerance: 5,
  benchmarks: { national: 95, regional: null, statistical_neighbours: null },
  benchmark_years: { national: 2023, regional: null, statistical_neighbours: null },
  numerator_label: 'Children with an allocated social worker',
  denominator_label: 'Children open to the service',
  data_source: 'Case management system, allocations report',
  ...overrides,
});

describe('editing the measure catalogue', () => {
  it('edits any field with validation, and each change is in the audit with before and after', async () => {
    const { app } = await sampleApp();
    const edited = app.catalogue.update('contacts', {
      title: 'Contacts received',
      numerator_label: '',
      data_source: 'Front Door contact log',
      benchmarks: { national: 800, regional: null, statistical_neighbours: null },
      benchmark_years: { national: 2023, regional: null, statistical_neighbours: null },
    });
    expect(edited).toMatchObject({
      title: 'Contacts received',
      data_source: 'Front Door contact log',
      benchmarks: { national: 800 },
      benchmark_years: { national: 2023 },
    });
    const [entry] = app.meetings.auditTrail('contacts');
    expect(entry).toMatchObject({ action: 'edited', who: 'Pat Officer', entity: 'measure' });
    expect(JSON.parse(entry!.before!)).toEqual({
      title: 'Contacts',
      data_source: '',
      benchmarks: { national: null, regional: null, statistical_neighbours: null },
      benchmark_years: { national: null, regional: null, statistical_neighbours: null },
    });
    expect(() => app.catalogue.update('contacts', { title: '  ' })).toThrow(/needs a title/);
    expect(() => app.catalogue.update('contacts', { title: 'Referrals' })).toThrow(/already has the title/);
    expect(() => app.catalogue.update('contacts', { area: 'nowhere' })).toThrow(/no service area "nowhere"/);
    expect(() => app.catalogue.update('contacts', { tolerance: -1 })).toThrow(/zero or more/);
    expect(() =>
      app.catalogue.update('contacts', {
        benchmark_years: { national: 23, regional: null, statistical_neighbours: null },
      }),
    ).toThrow(/must be a year/);
    expect(() => app.catalogue.update('decisions_1wd', { unit: 'count', tolerance: 0 })).not.toThrow();
    expect(() => app.catalogue.update('nope', { title: 'x' })).toThrow(/no measure "nope"/);
    app.close();
  });

  it('adds a measure with a first target, which then takes figures from an import', async () => {
    const { app } = await sampleApp();
    const added = app.catalogue.add({
      key: 'allocated_sw',
      fields: newMeasure(),
      target: { target: 95, appliesFrom: '2023-10' },
    });
    expect(added).toMatchObject({ key: 'allocated_sw', target: 95, retired_at: null });
    expect(
      app.catalogue
        .list()
        .filter((m) => m.area === 'demand')
        .at(-1)?.key,
    ).toBe('allocated_sw');
    expect(() => app.catalogue.add({ key: 'allocated_sw', fields: newMeasure({ title: 'Other' }) })).toThrow(
      /already a measure/,
    );
    expect(() => app.catalogue.add({ key: 'Bad Key', fields: newMeasure({ title: 'Other' }) })).toThrow(
      /lower-case letters/,
    );
    const source = path.join(tempDir(), 'allocated.csv');
    fs.writeFileSync(
      source,
      csv(['measure,period,value,numerator,denominator', 'Children with a named social worker,2023-10,96,1661,1730']),
    );
    await app.imports.importFile(source);
    expect(app.report().measures.find((m) => m.key === 'allocated_sw')).toMatchObject({
      current: { value: 96, numerator: 1661, denominator: 1730 },
      status: 'on_target',
    });
    app.close();
  });

  it('a retired measure keeps its history, leaves new clinics and templates, and can be reinstated', async () => {
    const { app } = await sampleApp();
    expect(() => app.catalogue.retire('contacts', ' ')).toThrow(/needs a reason/);
    app.catalogue.retire('contacts', 'Replaced by the new contacts definition');
    // October still has its figure, so October's report keeps it (tests/integration/catalogue.test.ts).
    expect(app.report().measures.some((m) => m.key === 'contacts')).toBe(true);
    expect(app.catalogue.list().some((m) => m.key === 'contacts')).toBe(false);
    expect(app.catalogue.list({ includeRetired: true }).find((m) => m.key === 'contacts')?.retired_at).toBe(
      NOW.toISOString(),
    );
    expect(app.measureDetail({ key: 'contacts' }).history).toHaveLength(2);
    const clinic = app.meetings.createClinic({
      held_on: '2023-11-09',
      kind: 'Director’s clinic',
      scope: [],
      chair: '',
      attendees: [],
      apologies: [],
    });
    expect(app.meetings.getClinicView(clinic.id).agenda.some((a) => a.measure === 'contacts')).toBe(false);
    const template = Buffer.from(await app.imports.templateBytes('csv')).toString('utf8');
    expect(template).not.toMatch(/^contacts,/m);
    // Figures for a retired measure still import into its history, with a warning.
    const preview = await app.imports.previewBytes(csv(['measure,period,value', 'contacts,2023-11,1']), 'late.csv');
    expect(preview.problems.map((p) => p.message)).toEqual([
      '"Contacts" has been retired; its figure is imported into its history all the same.',
    ]);
    app.catalogue.reinstate('contacts');
    expect(app.meetings.getClinicView(clinic.id).agenda.some((a) => a.measure === 'contacts')).toBe(true);
    expect(app.meetings.auditTrail('contacts').map((e) => e.action)).toEqual(['reinstated', 'retired']);
    app.close();
  });
});

describe('migration 3', () => {
  it('keeps every figure, puts each target in its history from the earliest period, and adds the team', async () => {
    const old = await ClinicDatabase.fromBytes();
    old.transaction(() => {
      migrate001(old);
      migrate002(old);
      old.run('PRAGMA user_version = 2');
      old.run(`PRAGMA application_id = ${APPLICATION_ID}`);
    });
    // A file of schema 2 could hold no rates per 10,000 children (schema 12 added them).
    const before12 = { ...october2023, measures: october2023.measures.filter((m) => m.unit !== 'rate_10k') };
    insertDataset(old, before12);
    const figuresBefore = old.all(
      'SELECT measure, period, value, numerator, denominator FROM observations ORDER BY measure, period',
    );
    const file = path.join(tempDir(), 'v2.db');
    fs.writeFileSync(file, old.export());
    old.close();

    const opened = await ClinicFile.open(file);
    expect(opened.db.pragma('user_version')).toBe(LATEST_SCHEMA);
    expect(allFigures(opened.db)).toEqual(figuresBefore.map((f) => ({ ...f, team: '', worker: '' })));
    // A file of schema 2 had no benchmark years (schema 3 added them), so none are brought over.
    const noYears = { national: null, regional: null, statistical_neighbours: null };
    // Nor a measure that is part of another (schema 12 added that too).
    expect(listMeasures(opened.db)).toEqual(
      before12.measures.map((m) => ({ ...m, benchmark_years: noYears, part_of: null })),
    );
    const catalogue = listCatalogue(opened.db);
    expect(catalogue.find((m) => m.key === 'visits_cpp')?.targets).toEqual([{ applies_from: '2022-10', target: 95 }]);
    expect(catalogue.find((m) => m.key === 'contacts')?.targets).toEqual([]);
    expect(() =>
      opened.db.run("INSERT INTO observations (measure, period, value) VALUES ('contacts', '2023-10', 1)"),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    opened.db.run("INSERT INTO observations (measure, period, team, value) VALUES ('contacts', '2023-10', 'North', 1)");
    opened.close();
  });
});
