/**
 * The calendar date in the UK. Due dates, clinics and "overdue" are UK dates: a day turns over at
 * midnight in Europe/London, which in British Summer Time is 23:00 UTC, so the UTC date of an
 * instant (`toISOString().slice(0, 10)`) is a day behind for an hour every summer night. Pure:
 * the instant is passed in.
 */
import type { IsoDate } from './types';

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** "2023-07-01" for 23:30 UTC on 30 June 2023 (00:30 BST on 1 July). */
export function ukDate(instant: Date): IsoDate {
  const parts = new Map(london.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.get('year') ?? ''}-${parts.get('month') ?? ''}-${parts.get('day') ?? ''}`;
}

/** The UK date of a timestamp the app recorded ("2023-06-30T23:30:00.000Z" is 1 July). */
export function ukDateOf(timestamp: string): IsoDate {
  const instant = new Date(timestamp);
  return Number.isNaN(instant.getTime()) ? timestamp.slice(0, 10) : ukDate(instant);
}
