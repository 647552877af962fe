import { describe, expect, it } from 'vitest';
import { periodFromCell, periodFromSerial, periodFromText } from '../../main/import/periods';

describe('a period is understood however the spreadsheet writes it', () => {
  it.each([
    ['2023-10', '2023-10'],
    ['2023-1', '2023-01'],
    ['2023/10', '2023-10'],
    ['Oct-23', '2023-10'],
    ['Oct 23', '2023-10'],
    ['oct-2023', '2023-10'],
    ['October 2023', '2023-10'],
    ['  october   2023 ', '2023-10'],
    ['Sept 2023', '2023-09'],
    ["Sep '23", '2023-09'],
    ['10/2023', '2023-10'],
    ['01/10/2023', '2023-10'],
    ['31/10/23', '2023-10'],
    ['2023-10-01', '2023-10'],
    ['2023-10-31T00:00:00.000Z', '2023-10'],
    ['1 Oct 2023', '2023-10'],
    ['01-Oct-23', '2023-10'],
    ['202310', '2023-10'],
  ])('%s is %s', (text, period) => {
    expect(periodFromText(text)).toBe(period);
  });

  it.each(['', 'Octember 2023', '2023-13', '13/2023', 'Q3 2023', 'last month', '55', '1850-01', 'Oct'])(
    '"%s" is not a period',
    (text) => {
      expect(periodFromText(text)).toBeNull();
    },
  );

  it('reads a real Excel date, and a date serial number, as its month', () => {
    expect(periodFromCell({ kind: 'date', year: 2023, month: 10, day: 31 })).toBe('2023-10');
    // 45200 is 1 October 2023 in Excel's 1900 date system.
    expect(periodFromSerial(45200)).toBe('2023-10');
    expect(periodFromCell({ kind: 'number', value: 45230, percentFormat: false })).toBe('2023-10');
    expect(periodFromCell({ kind: 'number', value: 202310, percentFormat: false })).toBe('2023-10');
    expect(periodFromCell({ kind: 'number', value: 12, percentFormat: false })).toBeNull();
    expect(periodFromCell({ kind: 'number', value: 0.5, percentFormat: true })).toBeNull();
  });
});
