import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { checkHandlers, createDispatcher, handlersFor, type Dispatch } from '../../main/api/dispatch';
import { callNames } from '../../main/contract';
import { tempDir } from '../support/temp';

let dispatch: Dispatch;
const unexpected: unknown[] = [];

beforeEach(async () => {
  const app = new ClinicApp();
  await app.createFile(path.join(tempDir(), 'clinic.db'));
  unexpected.length = 0;
  dispatch = createDispatcher(handlersFor(app), (e) => unexpected.push(e));
});

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
    const result = await dispatch(name, args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^The request was not valid/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(unexpected).toEqual([]);
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
      const result = await dispatch(name, args);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^The request was not valid/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(unexpected).toEqual([]);
    });
  }
});
