import { describe, expect, it } from 'vitest';
import { ukDate } from '../../main/domain/uk-date';

describe('the date in the UK', () => {
  it.each([
    // Greenwich Mean Time in winter: the UK date is the UTC date.
    ['2023-12-31T23:30:00Z', '2023-12-31'],
    ['2024-01-01T00:00:00Z', '2024-01-01'],
    // British Summer Time: the UK date turns over at 23:00 UTC.
    ['2023-06-30T22:59:59Z', '2023-06-30'],
    ['2023-06-30T23:00:00Z', '2023-07-01'],
    // Clocks go forward at 01:00 UTC on 26 March 2023.
    ['2023-03-25T23:30:00Z', '2023-03-25'],
    ['2023-03-26T00:59:59Z', '2023-03-26'],
    ['2023-03-26T23:30:00Z', '2023-03-27'],
    // Clocks go back at 01:00 UTC on 29 October 2023: 23:30 UTC on the 28th is 00:30 BST on the 29th.
    ['2023-10-28T22:59:59Z', '2023-10-28'],
    ['2023-10-28T23:30:00Z', '2023-10-29'],
    ['2023-10-29T23:30:00Z', '2023-10-29'],
  ])('%s is %s in the UK', (instant, expected) => {
    expect(ukDate(new Date(instant))).toBe(expected);
  });
});
