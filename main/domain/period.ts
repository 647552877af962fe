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

/** Months between two periods: `monthsBetween('2023-09', '2023-10')` is 1. */
export function monthsBetween(from: Period, to: Period): number {
  const a = parts(from);
  const b = parts(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/**
 * The first month of the year a period falls in, for a year starting in `startMonth` (4: the
 * financial year from April; 9: the academic year from September).
 */
export function yearStartOf(period: Period, startMonth: number): Period {
  const { year, month } = parts(period);
  const startYear = month >= startMonth ? year : year - 1;
  return `${String(startYear).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}`;
}

/** A reporting year as DfE writes it, from the year it ends: 2022 is "2021-22". */
export function reportingYearLabel(endYear: number): string {
  return `${endYear - 1}-${String(endYear % 100).padStart(2, '0')}`;
}

/**
 * A financial quarter as the report names it, from the quarter's last month: 2023-09 is
 * "Q2 2023-24" (Q1 April to June … Q4 January to March).
 */
export function quarterLabel(period: Period): string {
  const { year, month } = parts(period);
  const quarter = month >= 4 ? Math.ceil((month - 3) / 3) : 4;
  const endYear = month >= 4 ? year + 1 : year;
  return `Q${quarter} ${reportingYearLabel(endYear)}`;
}

/** The last month of the latest quarter that has ended by the end of a period (2023-10 → 2023-09). */
export function latestQuarterEnd(period: Period): Period {
  const { month } = parts(period);
  return addMonths(period, -(month % 3));
}
