import type { Period } from './types';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

function parts(period: Period): { year: number; month: number } {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`"${period}" is not a period: write it as YYYY-MM, for example 2023-10`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function addMonths(period: Period, months: number): Period {
  const { year, month } = parts(period);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function comparePeriods(a: Period, b: Period): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "October 2023", as the report writes it. */
export function periodLabel(period: Period): string {
  const { year, month } = parts(period);
  return `${MONTHS[month - 1] ?? ''} ${year}`;
}

/** "Oct 2023", for table headers and chart axes. */
export function periodShortLabel(period: Period): string {
  const { year, month } = parts(period);
  return `${(MONTHS[month - 1] ?? '').slice(0, 3)} ${year}`;
}
