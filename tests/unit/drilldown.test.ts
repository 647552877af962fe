import { describe, expect, it } from 'vitest';
import { childColumnsMessage, looksLikeChildIdentifier } from '../../main/import/child-columns';
import { drillRow, initials, workerLabels, workerLevelWithheld } from '../../main/domain/drilldown';
import { analyseBytes, errorsOf } from '../support/import-fixtures';
import { csv } from '../support/spreadsheets';

describe('worker names as initials', () => {
  it.each([
    ['Jane Smith', 'J.S.'],
    ['jane smith', 'J.S.'],
    ['  Jane   Smith  ', 'J.S.'],
    ['Mary-Jane O’Neil', 'M.J.O.'],
    ['Zoë Ålund', 'Z.A.'],
    ['Prince', 'P.'],
    ['', '?'],
  ])('%j is shown as %j', (name, expected) => expect(initials(name)).toBe(expected));

  it('two workers of a team who share initials are told apart, and no label holds more than initials', () => {
    expect(workerLabels(['Jane Smith', 'John Smart', 'Ann Other'])).toEqual(['J.S. (1)', 'J.S. (2)', 'A.O.']);
  });
});

describe('columns that look like they identify a child', () => {
  it.each([
    'Child ID',
    'child_id',
    'Child name',
    'Child’s name',
    'Young person ref',
    'Date of birth',
    'DOB',
    'D.O.B.',
    'NHS number',
    'NHS No',
    'UPN',
    'Unique Pupil Number',
    'Mosaic ID',
    'Mosaic number',
    'Person ID',
    'LCS ID',
    'Case ID',
    'Address',
    'Home address',
    'Postcode',
    'Post code',
    'First name',
    'Surname',
    'Full name',
  ])('%j is refused', (heading) => expect(looksLikeChildIdentifier(heading)).toBe(true));

  it.each([
    'Measure',
    'Measure key',
    'Period',
    'Value',
    'Numerator',
    'Denominator',
    'Team',
    'Team name',
    'Worker',
    'Worker name',
    'Social worker',
    'Children in need visited',
    'Children in care',
    'Case worker',
    'Name',
    'Oct-23',
    'ID',
  ])('%j is not', (heading) => expect(looksLikeChildIdentifier(heading)).toBe(false));

  it('the message says why the file is refused and what to do', () => {
    expect(childColumnsMessage(['Child ID'])).toBe(
      'Only aggregated figures are held: the column "Child ID" looks like it identifies a child, so this file is refused. Remove the column and import again.',
    );
    expect(childColumnsMessage(['Child ID', 'DOB', 'Postcode'])).toMatch(
      /^Only aggregated figures are held: the columns "Child ID", "DOB" and "Postcode" look like they identify a child, so this file is refused\. Remove the columns and import again\.$/,
    );
  });

  it('a sheet with such a column gives no figures at all, only the refusal', async () => {
    const analysis = await analyseBytes(
      csv(['Measure,Period,Value,Child ID', 'contacts,2023-10,1,C123456', 'contacts,2023-11,1,C654321']),
      'children.csv',
    );
    expect(analysis.preview.totals.figures).toBe(0);
    expect(analysis.rowsRead).toBe(0);
    expect(errorsOf(analysis).map((p) => p.message)).toEqual([childColumnsMessage(['Child ID'])]);
  });
});

describe('a drilldown row', () => {
  const measure = { unit: 'percent' as const, polarity: 'higher_is_better' as const, target: 80, tolerance: 0 };
  it('is judged as the clinic table judges: status against target and change from the month before', () => {
    const row = drillRow(
      measure,
      { team: 'North', worker: '2', label: 'B.S.', workers: 0 },
      { value: 72.7, numerator: 8, denominator: 11 },
      { value: 75, numerator: 9, denominator: 12 },
    );
    expect(row).toMatchObject({ status: 'off_target', change: { absolute: -2.3 }, direction: 'worsened' });
  });

  it('says why the worker level is withheld', () => {
    expect(workerLevelWithheld({ workerNames: 'initials', forPublication: false })).toBeNull();
    expect(workerLevelWithheld({ workerNames: 'hidden', forPublication: false })).toMatch(/hidden/);
    expect(workerLevelWithheld({ workerNames: 'initials', forPublication: true })).toMatch(/marked for publication/);
  });
});
