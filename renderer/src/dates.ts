/**
 * Dates and times as people here write them: "9 Nov 2023", "10:42". Month names are spelt out
 * here rather than left to Intl, whose en-GB data has written September as "Sept" in some versions.
 */
import type { IsoDate } from '../../main/domain/types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const two = (n: number) => String(n).padStart(2, '0');

/** "9 Nov 2023" from a calendar date "2023-11-09"; the text itself if it is not one. */
export function formatDate(iso: IsoDate): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1] ?? ''} ${match[1]}`;
}

/** "10:42", in this computer's time zone, from a timestamp the app recorded. */
export function formatTime(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** "9 Nov 2023 at 10:42", in this computer's time zone. */
export function formatDateTime(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return `${formatDate(localIsoDate(date))} at ${formatTime(timestamp)}`;
}

/** The calendar date here, as "2023-11-09": what a date input shows as today. */
export function localIsoDate(date: Date = new Date()): IsoDate {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}
