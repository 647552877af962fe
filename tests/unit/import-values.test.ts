import { describe, expect, it } from 'vitest';
import { closestMeasure, levenshtein } from '../../main/import/closest';
import { october2023 } from '../../main/sample/october-2023';
import { checkCount, checkValue, readNumber } from '../../main/import/values';

const text = (t: string) => ({ kind: 'text', text: t }) as const;
const num = (t: string) => {
  const read = readNumber(text(t));
  if (read.kind !== 'number') throw new Error(`${t} did not read as a number`);
  return read;
};

describe('reading a figure', () => {
  it('understands 55, 55%, 1,234, -3.5 and 0.55 in a cell formatted as a percentage', () => {
    expect(readNumber(text('55'))).toEqual({ kind: 'number', value: 55, percent: null });
    expect(readNumber(text(' 55 % '))).toEqual({ kind: 'number', value: 55, percent: 'sign' });
    expect(readNumber(text('1,234'))).toEqual({ kind: 'number', value: 1234, percent: null });
    expect(readNumber(text('-3.5'))).toEqual({ kind: 'number', value: -3.5, percent: null });
    expect(readNumber({ kind: 'number', value: 0.557, percentFormat: true })).toEqual({
      kind: 'number',
      value: 55.7,
      percent: 'format',
    });
  });

  it('tells a deliberate "no figure" from text that is not a number', () => {
    expect(readNumber(text('n/a')).kind).toBe('none');
    expect(readNumber(text('-')).kind).toBe('none');
    expect(readNumber(text('')).kind).toBe('blank');
    expect(readNumber(text('fifty')).kind).toBe('text');
    expect(readNumber(text('1,23')).kind).toBe('text');
    expect(readNumber(text('=1+1')).kind).toBe('text');
  });

  it('a percentage must be 0 to 100; a plain 0.55 is kept as 0.55 with a warning asking whether 55% was meant', () => {
    expect(checkValue(num('55'), 'percent')).toEqual({ value: 55, error: null, warning: null });
    expect(checkValue(num('101'), 'percent').error).toMatch(/not a percentage between 0 and 100/);
    expect(checkValue(num('-1'), 'percent').error).toMatch(/between 0 and 100/);
    const ambiguous = checkValue(num('0.55'), 'percent');
    expect(ambiguous.value).toBe(0.55);
    expect(ambiguous.error).toBeNull();
    expect(ambiguous.warning).toMatch(/0.55 was read as 0.55%. If you meant 55%/);
    expect(checkValue(num('0.55%'), 'percent').warning).toBeNull();
    expect(checkValue(num('0'), 'percent').warning).toBeNull();
  });

  it('a count must be a whole number, zero or more, and not a percentage', () => {
    expect(checkValue(num('12'), 'count').error).toBeNull();
    expect(checkValue(num('-1'), 'count').error).toMatch(/negative/);
    expect(checkValue(num('2.5'), 'count').error).toMatch(/not a whole number/);
    expect(checkValue(num('5%'), 'count').error).toMatch(/percentage/);
    expect(checkValue(num('-0.3'), 'points').error).toBeNull();
    expect(checkCount('numerator', num('3.5'))).toMatch(/not a whole number/);
  });

  it('a rate per 10,000 children is a number from 0 to 10,000 with decimals, not a percentage', () => {
    expect(checkValue(num('52.3'), 'rate_10k').error).toBeNull();
    expect(checkValue(num('-1'), 'rate_10k').error).toMatch(/between 0 and 10,000/);
    expect(checkValue(num('5%'), 'rate_10k').error).toMatch(/percentage, but this measure is a rate/);
  });
});

describe('did you mean', () => {
  const measures = [
    { key: 'contacts', title: 'Contacts' },
    { key: 'referrals', title: 'Referrals' },
    { key: 'visits_cin', title: 'Children in need visited within 4 weeks' },
  ];

  it('suggests the closest key or title for a misspelling', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(closestMeasure('contcts', measures)?.key).toBe('contacts');
    expect(closestMeasure('Referals', measures)?.key).toBe('referrals');
    expect(closestMeasure('visits cin', measures)?.key).toBe('visits_cin');
    expect(closestMeasure('children in need visited', measures)?.key).toBe('visits_cin');
    expect(closestMeasure('staff turnover', measures)).toBeNull();
  });

  it('suggests a measure for a misspelt name with a word more or less, against the sample catalogue', () => {
    const catalogue = october2023.measures;
    // Within a third of its length in edits of no title, but every word of "Referrals" is there.
    expect(closestMeasure('Referals made', catalogue)?.key).toBe('referrals');
    expect(closestMeasure('Referrals made', catalogue)?.key).toBe('referrals');
    expect(closestMeasure('Contacts recieved', catalogue)?.key).toBe('contacts');
    expect(closestMeasure('staff turnover', catalogue)).toBeNull();
    expect(closestMeasure('Agency social workers', catalogue)).toBeNull();
  });
});
