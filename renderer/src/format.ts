/** How figures are written on screen: en-GB numbers, a true minus sign, percentage points for rates. */
import type { Benchmarks, Change, Unit } from '../../main/domain/types';

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

/** "55%", "28.4%", "1,730", "+0.2 pts". */
export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'percent':
      return `${upToOneDecimal.format(value)}%`;
    case 'count':
      return value < 0 ? `${MINUS}${upToOneDecimal.format(-value)}` : upToOneDecimal.format(value);
    case 'points':
      return `${signed(value, oneDecimal)} pts`;
  }
}

/** "+2.0 pts" for rates; "−102 (−11.6%)" for counts. */
export function formatChange(change: Change, unit: Unit): string {
  if (unit !== 'count') return `${signed(change.absolute, oneDecimal)} pts`;
  const absolute = signed(change.absolute, whole);
  return change.percent === null ? absolute : `${absolute} (${signed(change.percent, oneDecimal)}%)`;
}

/** "10 of 35", where the figure is a share of a known number of cases. */
export function formatFraction(numerator: number | null, denominator: number | null): string | null {
  if (numerator === null || denominator === null) return null;
  return `${whole.format(numerator)} of ${whole.format(denominator)}`;
}

export const benchmarkNames: Record<keyof Benchmarks, string> = {
  national: 'National',
  regional: 'Regional',
  statistical_neighbours: 'Statistical neighbours',
};

export const benchmarkKeys = Object.keys(benchmarkNames) as (keyof Benchmarks)[];
