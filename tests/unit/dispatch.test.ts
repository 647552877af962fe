import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { checkHandlers, createDispatcher, handlersFor, type Dispatch } from '../../main/api/dispatch';
import { callNames } from '../../main/contract';
import { fileTempDir, tempDir } from '../support/temp';

let dispatch: Dispatch;

/** Contacts' fields as the catalogue edit form would send them, for a call that needs a whole set. */
function fieldsOfContacts(): Record<string, unknown> {
  return {
    title: 'Contacts (copy)',
    definition: 'Contacts received at the Front Door in the month.',
    area: 'demand',
    unit: 'count',
    polarity: 'none',
    frequency: 'monthly',
    tolerance: 0,
    benchmarks: { national: null, regional: null, statistical_neighbours: null },
    benchmark_years: { national: null, regional: null, statistical_neighbours: null },
    numerator_label: '',
    denominator_label: '',
    data_source: '',
  };
}
const unexpected: unknown[] = [];

/** The sample, created once; each test opens its own copy of the bytes rather than building it again. */
let sample = '';
beforeAll(async () => {
  sample = path.join(fileTempDir(), 'sample.db');
  const app = new ClinicApp();
  await app.createFile(sample);
  app.close();
});

/**
 * Each test gets its own copy of the sample, except after a call that was refused before it reached
 * the application (the malformed-argument tests, about 700): it changed nothing, so the next test
 * may use the same file, and opening 700 copies was most of this file's time.
 */
let current: ClinicApp | null = null;
let unchanged = false;
beforeEach(async () => {
  unexpected.length = 0;
  const reuse = current !== null && unchanged;
  // Set again only by a test whose call was refused, once all its checks have passed.
  unchanged = false;
  if (reuse) return;
  current?.close();
  const file = path.join(tempDir(), 'clinic.db');
  copyFileSync(sample, file);
  current = new ClinicApp();
  await current.openFile(file);
  dispatch = createDispatcher(handlersFor(current), (e) => unexpected.push(e));
});
afterAll(() => current?.close());

/** A malformed call: refused in words before the application saw it, so the file is as it was. */
async function expectRefused(name: unknown, args: unknown): Promise<void> {
  const result = await dispatch(name, args);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toMatch(/^The request was not valid/);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(unexpected).toEqual([]);
  unchanged = true;
}

describe('the one contract', () => {
  it('every call in the contract has a handler and there are no others', () => {
    expect(() => checkHandlers({ ...handlersFor(new ClinicApp()) })).not.toThrow();
    expect(() => checkHandlers({ getFileInfo: () => null })).toThrow(/missing \[listPeriods/);
    expect(() => checkHandlers({ ...handlersFor(new ClinicApp()), deleteEverything: () => null })).toThrow(
      /extra \[deleteEverything\]/,
    );
  });

  it('answers a valid call with its value', async () => {
    const result = await dispatch('getReport', { period: '2023-10' });
    expect(result.ok).toBe(true);
    if (result.ok) expect((result.value as { compare: string }).compare).toBe('2023-09');
  });

  it('an unknown call is refused, including names inherited from Object', async () => {
    for (const name of ['deleteEverything', 'constructor', '__proto__', 'toString', 42, null]) {
      expect(await dispatch(name, {})).toEqual({ ok: false, error: expect.stringMatching(/does not know/) });
    }
  });

  const malformed: Array<[string, unknown]> = [
    ['getReport', { period: 202310 }],
    ['getReport', { period: '2023-13' }],
    ['getReport', { period: 'Oct-23' }],
    ['getReport', { period: '2023-10', extra: true }],
    ['getReport', 'a string'],
    ['getReport', [1, 2]],
    ['getReport', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['getMeasureDetail', {}],
    ['getMeasureDetail', { key: 7 }],
    ['getMeasureDetail', { key: '' }],
    ['getMeasureDetail', { key: 'x'.repeat(1_000_000) }],
    ['getMeasureDetail', { key: "contacts'; DROP TABLE measures; --" }],
    ['listPeriods', { unexpected: 1 }],
    ['getFileInfo', 5],
    ['getTeamSplit', { key: 'contacts', period: 'October 2023' }],
    ['setSpcOptions', { key: 'contacts', baseline: null, screening: false, shiftLength: 5 }],
    ['setSpcOptions', { key: 'contacts', baseline: 12.5, screening: false, shiftLength: 7 }],
    ['setSpcOptions', { key: 'contacts', baseline: 12, screening: 'yes', shiftLength: 7 }],
    ['rebaseSpc', { key: 'contacts', period: '2023-10' }],
    ['rebaseSpc', { key: 'contacts', period: '2023-10', reason: 'x'.repeat(10_000) }],
    ['addAnnotation', { key: 'contacts', period: '2023-10', text: 7 }],
    ['removeAnnotation', { id: -1 }],
    ['removeAnnotation', { id: 1.5 }],
    ['listCatalogue', { includeRetired: 'yes' }],
    ['listAreas', { area: 'demand' }],
    ['updateMeasure', { key: 'contacts' }],
    ['updateMeasure', { changes: { title: 'Contacts received' } }],
    ['updateMeasure', { key: 'contacts', changes: { title: 7 } }],
    ['updateMeasure', { key: 'contacts', changes: { title: 'x'.repeat(20_000) } }],
    ['updateMeasure', { key: 'contacts', changes: { unit: 'percentage' } }],
    ['updateMeasure', { key: 'contacts', changes: { polarity: 'up' } }],
    ['updateMeasure', { key: 'contacts', changes: { tolerance: '5' } }],
    ['updateMeasure', { key: 'contacts', changes: { retired_at: null } }],
    ['updateMeasure', { key: 'contacts', changes: { benchmarks: { national: 5 } } }],
    ['updateMeasure', { key: 'contacts', changes: JSON.parse('{"__proto__": {"polluted": true}}') }],
    ['addMeasure', { key: 'new_measure', fields: {} }],
    ['addMeasure', { key: 'x'.repeat(2000), fields: fieldsOfContacts() }],
    ['addMeasure', { key: 'new_measure', fields: fieldsOfContacts(), target: { target: 90 } }],
    ['addMeasure', { key: 'new_measure', fields: { ...fieldsOfContacts(), key: 'other' } }],
    ['retireMeasure', { key: 'contacts' }],
    ['retireMeasure', { key: 'contacts', reason: 'x'.repeat(10_000) }],
    ['reinstateMeasure', { key: 'Contacts!' }],
    ['setMeasureTarget', { key: 'decisions_1wd', target: '80', appliesFrom: '2023-10' }],
    ['setMeasureTarget', { key: 'decisions_1wd', appliesFrom: '2023-10' }],
    ['setMeasureTarget', { key: 'decisions_1wd', target: 80, appliesFrom: '2023-10'.repeat(100) }],
    ['removeMeasureTarget', { key: 'decisions_1wd', appliesFrom: 202310 }],
    // The window never names a file to import: the app asks the person.
    ['chooseImportFile', { path: '/etc/passwd' }],
    ['chooseImportFile', { file: 'C:\\Users\\pat\\figures.xlsx' }],
    ['recheckImport', { path: 'figures.csv' }],
    ['confirmImport', {}],
    ['confirmImport', { sha256: 'abc' }],
    ['confirmImport', { sha256: 'A'.repeat(64) }],
    ['confirmImport', { sha256: 7 }],
    ['confirmImport', { sha256: 'a'.repeat(64), path: '/tmp/other.csv' }],
    ['cancelImport', { sha256: 'a'.repeat(64) }],
    ['undoLastImport', {}],
    ['undoLastImport', { importId: 0 }],
    ['undoLastImport', { importId: -1 }],
    ['undoLastImport', { importId: 1.5 }],
    ['undoLastImport', { importId: '1' }],
    ['listImports', { limit: 5 }],
    ['exportImportTemplate', {}],
    ['exportImportTemplate', { format: 'xls' }],
    ['exportImportTemplate', { format: 'xlsx', path: '/tmp/template.xlsx' }],
  ];
  it.each(malformed)('%s with a malformed argument %j is refused with a readable error', async (name, args) => {
    await expectRefused(name, args);
  });

  it('an error the user can act on comes back as it was written', async () => {
    expect(await dispatch('getReport', { period: '2031-01' })).toEqual({
      ok: false,
      error: 'There are no figures for January 2031 in this clinic file.',
    });
    expect(await dispatch('getMeasureDetail', { key: 'no_such_measure' })).toEqual({
      ok: false,
      error: 'There is no measure "no_such_measure" in this clinic file.',
    });
  });

  it('the catalogue calls answer, and a bad value comes back in words with nothing changed', async () => {
    const edited = await dispatch('updateMeasure', { key: 'contacts', changes: { title: 'Contacts received' } });
    expect(edited).toMatchObject({ ok: true, value: { key: 'contacts', title: 'Contacts received' } });
    expect(await dispatch('setMeasureTarget', { key: 'decisions_1wd', target: 120, appliesFrom: '2023-10' })).toEqual({
      ok: false,
      error: 'The target is a percentage, so it must be 0 to 100.',
    });
    expect(await dispatch('setMeasureTarget', { key: 'decisions_1wd', target: 70, appliesFrom: 'Oct 2023' })).toEqual({
      ok: false,
      error: 'Say the month the target applies from, as YYYY-MM (got "Oct 2023").',
    });
    expect(await dispatch('updateMeasure', { key: 'contacts', changes: { title: 'Referrals' } })).toEqual({
      ok: false,
      error: 'Another measure (referrals) already has the title "Referrals".',
    });
    expect(await dispatch('addMeasure', { key: 'Bad Key', fields: fieldsOfContacts() })).toEqual({
      ok: false,
      error: expect.stringMatching(/^A measure key is lower-case letters/),
    });
    const after = await dispatch('listCatalogue', {});
    if (!after.ok) throw new Error(after.error);
    const measures = after.value as Array<{ key: string; title: string; target: number | null }>;
    expect(measures.find((m) => m.key === 'decisions_1wd')?.target).toBe(80);
    expect(measures.find((m) => m.key === 'contacts')?.title).toBe('Contacts received');
    expect(measures.some((m) => m.key === 'bad key')).toBe(false);

    expect(await dispatch('retireMeasure', { key: 'contacts', reason: 'Counted differently' })).toMatchObject({
      ok: true,
    });
    const inUse = await dispatch('listCatalogue', {});
    const all = await dispatch('listCatalogue', { includeRetired: true });
    expect(inUse.ok && all.ok && (all.value as unknown[]).length - (inUse.value as unknown[]).length).toBe(1);
    expect(await dispatch('listAreas', {})).toMatchObject({
      ok: true,
      value: expect.arrayContaining([{ key: 'demand', title: 'Demand' }]),
    });
    expect(unexpected).toEqual([]);
  });

  it('import calls the app cannot carry out are refused in words, not as a crash', async () => {
    expect(await dispatch('confirmImport', { sha256: 'a'.repeat(64) })).toEqual({
      ok: false,
      error: 'That preview is no longer current. Choose the file again to see what it would change.',
    });
    expect(await dispatch('undoLastImport', { importId: 1 })).toEqual({
      ok: false,
      error: 'There is no import 1 in this clinic file.',
    });
    expect(await dispatch('chooseImportFile', {})).toEqual({
      ok: false,
      error: expect.stringMatching(/^Choosing a spreadsheet to import needs the app’s window/),
    });
    expect(await dispatch('listImports', {})).toEqual({ ok: true, value: [] });
    expect(unexpected).toEqual([]);
  });

  it('a compare period after the period is refused', async () => {
    const result = await dispatch('getReport', { period: '2023-09', compare: '2023-10' });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/must be before September 2023/) });
  });

  it('names every call the renderer may make, each once', () => {
    expect(new Set(callNames).size).toBe(callNames.length);
    expect(callNames).toEqual(expect.arrayContaining(['getReport', 'getMeasureDetail', 'saveNote', 'raiseAction']));
    expect(callNames).not.toContain('send');
  });
});

describe('every call refuses malformed arguments before the application sees them', () => {
  const malformedForEveryCall: Array<[string, unknown]> = [
    ['a string', 'hello'],
    ['a number', 42],
    ['null', null],
    ['an array', []],
    ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['a constructor key', { constructor: { prototype: { polluted: true } } }],
    ['an unknown field', { unexpected: true }],
    ['a huge unknown field', { unexpected: 'x'.repeat(2_000_000) }],
  ];
  for (const name of callNames) {
    it.each(malformedForEveryCall)(`${name} with %s`, async (_what, args) => {
      await expectRefused(name, args);
    });
  }
});
