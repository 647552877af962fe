/**
 * Reading a period (a calendar month) the many ways a spreadsheet writes it: 2023-10, Oct-23,
 * Oct 23, October 2023, 10/2023, 01/10/2023 (en-GB, day first), 2023-10-01, 202310, and real
 * Excel dates or date serial numbers. Pure.
 */
import type { Cell } from './cells';
import type { Period } from '../domain/types';

const MONTH_NAMES = new Map<string, number>([
  ['jan', 1],
  ['january', 1],
  ['feb', 2],
  ['february', 2],
  ['mar', 3],
  ['march', 3],
  ['apr', 4],
  ['april', 4],
  ['may', 5],
  ['jun', 6],
  ['june', 6],
  ['jul', 7],
  ['july', 7],
  ['aug', 8],
  ['august', 8],
  ['sep', 9],
  ['sept', 9],
  ['september', 9],
  ['oct', 10],
  ['october', 10],
  ['nov', 11],
  ['november', 11],
  ['dec', 12],
  ['december', 12],
]);

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function toPeriod(year: number, month: number): Period | null {
  if (!Number.isInteger(year) || !Number.isInteger(month)) return null;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

function fullYear(text: string): number {
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

/** A period written as text, or null if it is not one. */
export function periodFromText(raw: string): Period | null {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  // 2023-10, 2023/10, 2023.10, 2023-10-01, 2023-10-01T00:00:00
  if ((m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[t ].*)?)?$/.exec(text))) return toPeriod(+m[1]!, +m[2]!);
  // 10/2023, 10-2023
  if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(text))) return toPeriod(+m[2]!, +m[1]!);
  // 01/10/2023 or 1/10/23: British order, day first
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text))) return toPeriod(fullYear(m[3]!), +m[2]!);
  // 202310
  if ((m = /^(\d{4})(\d{2})$/.exec(text))) return toPeriod(+m[1]!, +m[2]!);
  // Oct-23, Oct 23, October 2023, Sept '23, oct.2023
  if ((m = /^([a-z]+)\.?[\s\-/.']*(\d{4}|\d{2})$/.exec(text))) {
    const month = MONTH_NAMES.get(m[1]!);
    return month === undefined ? null : toPeriod(fullYear(m[2]!), month);
  }
  // 1 Oct 2023, 01-Oct-23
  if ((m = /^(\d{1,2})[\s\-/.]([a-z]+)\.?[\s\-/.'](\d{4}|\d{2})$/.exec(text))) {
    const month = MONTH_NAMES.get(m[2]!);
    return month === undefined ? null : toPeriod(fullYear(m[3]!), month);
  }
  return null;
}

/** Excel's day 0 in the 1900 date system, allowing for its invented 29 February 1900. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A date serial number (days since 1900, as Excel stores dates) as a period, if it is a plausible one. */
export function periodFromSerial(serial: number): Period | null {
  // 32874 is 1 January 1990, 73415 is 31 December 2100.
  if (!Number.isFinite(serial) || serial < 32874 || serial >= 73416) return null;
  const date = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  return toPeriod(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

/**
 * A period from any cell. A number is read as yyyymm (202310) or as a date serial number: in a
 * period column or a header there is nothing else it could mean.
 */
export function periodFromCell(cell: Cell): Period | null {
  switch (cell.kind) {
    case 'blank':
      return null;
    case 'text':
      return periodFromText(cell.text);
    case 'date':
      return toPeriod(cell.year, cell.month);
    case 'number':
      if (cell.percentFormat) return null;
      if (Number.isInteger(cell.value) && cell.value >= 199001 && cell.value <= 210012)
        return periodFromText(String(cell.value));
      return periodFromSerial(cell.value);
  }
}
