import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import type { Measure } from '../../main/domain/types';
import { insertDataset, listPeriods, monthlySeriesTextUpTo, parseSeries } from '../../main/store/catalogue';
import { ClinicDatabase } from '../../main/store/database';
import { newClinicDatabase } from '../../main/store/clinic-file';
import { newClinic } from '../support/clinics';
import { csv } from '../support/spreadsheets';
import { SHIFT_MEASURE, shiftHistoryCsv } from '../support/spc-history';
import { tempDir } from '../support/temp';

describe('the data version of a database', () => {
  async function table(): Promise<ClinicDatabase> {
    const db = await ClinicDatabase.fromBytes();
    db.exec('CREATE TABLE t (x INTEGER)');
    return db;
  }

  it('stays the same while the database is only read', async () => {
    const db = await table();
    const before = db.dataVersion;
    db.all('SELECT * FROM t');
    db.get('SELECT count(*) AS n FROM t');
    expect(db.dataVersion).toBe(before);
  });

  it('changes with every way of writing, a rolled-back transaction and an export included', async () => {
    const db = await table();
    const writes: Array<() => unknown> = [
      () => db.run('INSERT INTO t VALUES (1)'),
      () => db.runMany('INSERT INTO t VALUES (?)', [[2], [3]]),
      () => db.exec('CREATE INDEX t_x ON t(x)'),
      () => db.pragma('user_version = 7'),
      () => db.all('UPDATE t SET x = x + 1 RETURNING x'),
      () => db.get('DELETE FROM t WHERE x = 2 RETURNING x'),
      () =>
        expect(() =>
          db.transaction(() => {
            throw new Error('rolled back');
          }),
        ).toThrow(),
      () => db.export(),
    ];
    const seen = new Set([db.dataVersion]);
    for (const write of writes) {
      write();
      expect(seen.has(db.dataVersion)).toBe(false);
      seen.add(db.dataVersion);
    }
  });
});

describe('the clinic comparison, kept while the data is unchanged', () => {
  async function app(): Promise<ClinicApp> {
    const dir = tempDir();
    const clinic = new ClinicApp({ preferencesFile: path.join(dir, 'prefs.json') });
    await clinic.createFile(path.join(dir, 'clinic.db'));
    clinic.setPreferences({ displayName: 'Pat Officer' });
    return clinic;
  }
  const contacts = (a: ClinicApp) => a.report().measures.find((m) => m.key === 'contacts')!;

  it('is worked out once for the same question, and cannot be changed by whoever asked', async () => {
    const a = await app();
    const first = a.report();
    expect(a.report()).toBe(first);
    expect(a.report({ period: '2023-10', compare: '2023-09' })).toBe(first);
    expect(Object.isFrozen(first.measures[0])).toBe(true);
    expect(a.report({ period: '2023-10', compare: '2023-08' }, { requireCompare: false })).not.toBe(first);
    a.close();
  });

  it('follows every change: an import and its undo, a target, a note', async () => {
    const a = await app();
    expect(contacts(a).current?.value).toBe(781);

    await a.imports.importBytes(csv(['Measure,Period,Value', 'contacts,2023-10,900']), 'october.csv');
    expect(contacts(a).current?.value).toBe(900);
    a.imports.undoLast();
    expect(contacts(a).current?.value).toBe(781);

    const targetBefore = a.report().measures.find((m) => m.key === 'decisions_1wd')!.target;
    a.catalogue.setTarget('decisions_1wd', 54, '2023-10');
    const after = a.report().measures.find((m) => m.key === 'decisions_1wd')!;
    expect(after.target).toBe(54);
    expect(after.target).not.toBe(targetBefore);

    const beforeNote = a.report();
    const clinic = a.meetings.createClinic(newClinic({ chair: 'Service Director' }));
    a.meetings.saveNote(clinic.id, 'contacts', 'Discussed', 0);
    // A note does not change the figures, but any change at all means working it out again.
    const afterNote = a.report();
    expect(afterNote).not.toBe(beforeNote);
    expect(afterNote).toEqual(beforeNote);
    a.close();
  });

  it('keeps the comparison with a clinic’s own retired measures apart from the one without', async () => {
    const a = await app();
    a.catalogue.retire('contacts', 'Replaced by the new contacts definition');
    const keys = (r: ReturnType<ClinicApp['report']>) => r.measures.map((m) => m.key);
    // A period's report still shows a retired measure with figures in it; a clinic's shows only those it names.
    expect(keys(a.report())).toContain('contacts');
    expect(keys(a.report({}, { keepRetired: [] }))).not.toContain('contacts');
    expect(keys(a.report({}, { keepRetired: ['contacts'] }))).toContain('contacts');
    expect(keys(a.report())).toContain('contacts');
    a.close();
  });

  it('each measure’s SPC judgement follows its history, target and options, whatever else is kept', async () => {
    const dir = tempDir();
    const a = new ClinicApp({ now: () => new Date('2023-11-20T10:00:00Z') });
    await a.createFile(path.join(dir, 'clinic.db'));
    await a.imports.importBytes(Buffer.from(shiftHistoryCsv()), 'decisions.csv');
    const spc = () => a.report({ period: '2023-10' }).measures.find((m) => m.key === SHIFT_MEASURE)!.spc!;
    /** What a fresh app over the same file says: nothing remembered. */
    const fresh = async () => {
      a.checkpoint();
      const other = new ClinicApp();
      await other.openFile(path.join(dir, 'clinic.db'), { readOnly: true });
      const judgement = other.report({ period: '2023-10' }).measures.find((m) => m.key === SHIFT_MEASURE)!.spc;
      other.close();
      return judgement;
    };
    const first = spc();
    expect(first.variation).toBe('concern_low');
    expect(first.assurance).toBe('fail');

    // The same history after a note elsewhere: the same judgement.
    const clinic = a.meetings.createClinic(newClinic({ chair: 'Chair' }));
    a.meetings.saveNote(clinic.id, 'contacts', 'Discussed', 0);
    expect(spc()).toEqual(first);

    // October's figure raised well above the limits: the history changed, so did the judgement.
    await a.imports.importBytes(csv(['Measure,Period,Value', `${SHIFT_MEASURE},2023-10,90`]), 'october.csv');
    expect(spc().variation).toBe('improvement_high');
    expect(spc()).toEqual(await fresh());
    a.imports.undoLast();
    expect(spc()).toEqual(first);

    // A target below the limits, then options: each changes it, as a fresh app would say.
    a.catalogue.setTarget(SHIFT_MEASURE, 40, '2023-10');
    expect(spc().assurance).toBe('pass');
    expect(spc()).toEqual(await fresh());
    a.spc.setOptions(SHIFT_MEASURE, { baseline: 12, screening: false, shiftLength: 6 });
    expect(spc().mean).toBeCloseTo(61, 6);
    expect(spc()).toEqual(await fresh());
    a.close();
  });

  it('belongs to the file it came from: another file opened gets its own', async () => {
    const a = await app();
    const first = a.report();
    const other = path.join(tempDir(), 'other.db');
    await a.createFile(other, { empty: true });
    expect(() => a.report()).toThrow(/holds no figures yet/);
    a.close();
    expect(first.measures.length).toBeGreaterThan(0);
  });
});

describe('the figures the comparison reads', () => {
  const measure = (key: string, frequency: Measure['frequency']): Measure => ({
    key,
    title: key,
    definition: '',
    area: 'a',
    unit: 'count',
    polarity: 'none',
    frequency,
    target: null,
    tolerance: 0,
    benchmarks: { national: null, regional: null, statistical_neighbours: null },
  });
  // Doubles that a shorter decimal would not give back exactly.
  const awkward = [0.1 + 0.2, 1 / 3, 200 / 3, 1e-7, 123456789.12345679, 1.7976931348623157e308, -2.5, 0];

  async function figures(): Promise<ClinicDatabase> {
    const db = await newClinicDatabase();
    insertDataset(db, {
      areas: [{ key: 'a', title: 'A' }],
      measures: [measure('m', 'monthly'), measure('q', 'quarterly')],
      observations: [
        ...awkward.map((value, i) => ({
          measure: 'm',
          period: `2023-0${i + 1}`,
          value,
          numerator: null,
          denominator: null,
        })),
        { measure: 'q', period: '2023-03', value: 5, numerator: null, denominator: null },
      ],
    });
    // Team figures are not the whole service's, and a month with only team figures is not a period.
    db.run("INSERT INTO observations (measure, period, value, team) VALUES ('m', '2023-02', 999, 'North')");
    db.run("INSERT INTO observations (measure, period, value, team) VALUES ('m', '2023-12', 999, 'North')");
    return db;
  }

  it('each monthly measure’s whole-service history up to the period, every value exactly as stored', async () => {
    const db = await figures();
    const series = monthlySeriesTextUpTo(db, '2023-08');
    expect([...series.keys()]).toEqual(['m']);
    const sorted = parseSeries(series.get('m')!).sort((a, b) => (a.period < b.period ? -1 : 1));
    expect(sorted).toEqual(awkward.map((value, i) => ({ period: `2023-0${i + 1}`, value })));
    expect(parseSeries(monthlySeriesTextUpTo(db, '2023-02').get('m')!)).toHaveLength(2);
    expect(monthlySeriesTextUpTo(db, '2022-12').size).toBe(0);
    expect(parseSeries('')).toEqual([]);
  });

  it('the periods with a whole-service figure, newest first', async () => {
    const db = await figures();
    expect(listPeriods(db)).toEqual([
      '2023-08',
      '2023-07',
      '2023-06',
      '2023-05',
      '2023-04',
      '2023-03',
      '2023-02',
      '2023-01',
    ]);
    expect(listPeriods(await newClinicDatabase())).toEqual([]);
  });
});
