/** How figures are written for people: en-GB, as the report writes them. Shared by the window, the CLI and the minutes. */
import type { Change, Direction, Frequency, Polarity, Status, Unit } from './types';

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const signed = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
/** The typographic minus reads better than a hyphen on a meeting-room screen. */
const minus = (text: string): string => text.replace('-', '\u2212');

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '\u2014';
  if (unit === 'percent') return `${number.format(value)}%`;
  if (unit === 'points') return `${minus(signed.format(value))} pts`;
  return number.format(value);
}

/** "+2 pts" for percentages; "−102 (−11.6%)" for counts. */
export function formatChange(change: Change | null, unit: Unit): string {
  if (change === null) return '\u2014';
  const absolute = minus(signed.format(change.absolute));
  if (unit !== 'count') return `${absolute} pts`;
  return change.percent === null ? absolute : `${absolute} (${minus(signed.format(change.percent))}%)`;
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
  not_applicable: 'Not applicable',
};

/** What the direction column says: a missing earlier figure is not the same as "no good direction". */
export function directionText(direction: Direction, change: Change | null, polarity: Polarity): string {
  if (change === null && polarity !== 'none') return 'No earlier figure';
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
