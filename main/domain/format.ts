/**
 * How figures are written for people: en-GB numbers, a true minus sign, percentage points for rates.
 * One set of rules for the window, the CLI and the minutes.
 */
import { reportingYearLabel } from './period';
import type { Change, Direction, Frequency, Status, Polarity, Unit } from './types';

const MINUS = '\u2212';
const upToOneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

// Intl writes a hyphen for negatives; a minus sign reads better on a big screen and to screen readers.
function signed(value: number, format: Intl.NumberFormat): string {
  const text = format.format(Math.abs(value));
  if (value > 0) return `+${text}`;
  if (value < 0) return `${MINUS}${text}`;
  return text;
}

const fixed = [whole, oneDecimal];

/** How a rate per 10,000 children is written after its number, and the shorter form for a change. */
export const RATE_UNIT = 'per 10,000 children';
const RATE_CHANGE_UNIT = 'per 10,000';

/**
 * "55%", "28.4%", "1,730", "+0.2 pts", "52.3 per 10,000 children"; a dash where there is no
 * figure. `decimals` (0 or 1) writes every figure of a row alike, as its source does: 21.0%
 * beside 20.1% (see rowDecimals).
 */
export function formatValue(value: number | null, unit: Unit, decimals?: number): string {
  if (value === null) return '\u2014';
  const format = decimals === undefined ? upToOneDecimal : (fixed[Math.min(Math.max(decimals, 0), 1)] ?? oneDecimal);
  switch (unit) {
    case 'percent':
      return `${format.format(value)}%`;
    case 'count':
      return value < 0 ? `${MINUS}${format.format(-value)}` : format.format(value);
    case 'points':
      return `${signed(value, oneDecimal)} pts`;
    case 'rate_10k':
      return `${formatNumber(value, format)} ${RATE_UNIT}`;
  }
}

function formatNumber(value: number, format: Intl.NumberFormat): string {
  return value < 0 ? `${MINUS}${format.format(-value)}` : format.format(value);
}

/**
 * A figure without its unit, for a table whose column header carries the unit (see unitHeading):
 * "52.3" for a rate; other units keep their short marks ("55%", "+0.2 pts"), which fit a cell.
 */
export function formatValueShort(value: number | null, unit: Unit, decimals?: number): string {
  if (value === null || unit !== 'rate_10k') return formatValue(value, unit, decimals);
  const format = decimals === undefined ? upToOneDecimal : (fixed[Math.min(Math.max(decimals, 0), 1)] ?? oneDecimal);
  return formatNumber(value, format);
}

/** What a column of short figures of this unit says in its header: "per 10,000 children" for rates, else ''. */
export function unitHeading(unit: Unit): string {
  return unit === 'rate_10k' ? RATE_UNIT : '';
}

/**
 * The target with the measure's near-target band beside it, so "near target" never appears
 * without saying how near: "80% (near target: within 5 points)"; just "80%" where there is no band.
 */
export function formatTarget(target: number | null, unit: Unit, tolerance: number): string {
  if (target === null || tolerance <= 0) return formatValue(target, unit);
  const band = upToOneDecimal.format(tolerance);
  const amount =
    unit === 'count'
      ? band
      : unit === 'rate_10k'
        ? `${band} ${RATE_CHANGE_UNIT}`
        : `${band} ${band === '1' ? 'point' : 'points'}`;
  return `${formatValue(target, unit)} (near target: within ${amount})`;
}

/**
 * "+2.0 pts" for percentages; "−102 (−11.6%)" for counts; "+1.2 per 10,000" for rates per 10,000
 * children (a change in the rate, never a percentage of it); a dash where there is nothing to compare.
 */
export function formatChange(change: Change | null, unit: Unit): string {
  if (change === null) return '\u2014';
  if (unit === 'rate_10k') return `${signed(change.absolute, upToOneDecimal)} ${RATE_CHANGE_UNIT}`;
  if (unit !== 'count') return `${signed(change.absolute, oneDecimal)} pts`;
  const absolute = signed(change.absolute, whole);
  return change.percent === null ? absolute : `${absolute} (${signed(change.percent, oneDecimal)}%)`;
}

/**
 * A change in words: "up 1.2 per 10,000", "down 3.0 points", "up 12 (+2.3%)", "no change"; a dash
 * where there is nothing to compare.
 */
export function changeInWords(change: Change | null, unit: Unit): string {
  if (change === null) return '\u2014';
  if (change.absolute === 0) return 'no change';
  const way = change.absolute > 0 ? 'up' : 'down';
  const size = Math.abs(change.absolute);
  if (unit === 'rate_10k') return `${way} ${upToOneDecimal.format(size)} ${RATE_CHANGE_UNIT}`;
  if (unit === 'count') {
    const percent = change.percent === null ? '' : ` (${signed(change.percent, oneDecimal)}%)`;
    return `${way} ${whole.format(size)}${percent}`;
  }
  const text = oneDecimal.format(size);
  return `${way} ${text} ${text === '1.0' ? 'point' : 'points'}`;
}

/** "10 of 35", where the figure is a share of a known number of cases. */
export function formatFraction(numerator: number | null, denominator: number | null): string | null {
  if (numerator === null || denominator === null) return null;
  return `${whole.format(numerator)} of ${whole.format(denominator)}`;
}

export const statusLabel: Record<Status, string> = {
  on_target: 'On target',
  near_target: 'Near target',
  off_target: 'Off target',
  no_target: 'No target',
};

export const directionLabel: Record<Direction, string> = {
  improved: 'Improved',
  worsened: 'Worsened',
  unchanged: 'Unchanged',
  no_previous: 'No earlier figure',
  not_applicable: 'Not applicable',
};

/** What the direction column says: a missing earlier figure is not the same as "no good direction". */
export function directionText(direction: Direction): string {
  return directionLabel[direction];
}

export const polarityLabel: Record<Polarity, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  none: 'No good direction',
};

export const frequencyLabel: Record<Frequency, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  academic_ytd: 'Academic year to date',
  financial_ytd: 'Financial year to date',
};

/** A benchmark's year as DfE writes a reporting year: 2022 → "2021-22"; '' where none is recorded. */
export function benchmarkYearText(year: number | string | null | undefined): string {
  if (year === null || year === undefined || year === '') return '';
  return typeof year === 'number' ? reportingYearLabel(year) : year;
}

/** "1,730 (as at 24 Nov 2023)"-style label for a figure's date: the as-at date where there is one, else the month. */
export function asAtText(asAt: string): string {
  const [y, m, d] = asAt.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return `as at ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date)}`;
}
