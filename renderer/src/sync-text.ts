/**
 * The banner's sentences, from the file's status: changes waiting offline, whose changes were
 * merged and when, and who else has the file open. Plain functions, so they are tested alone.
 */
import type { SyncStatus } from '../../main/contract';
import { formatDateTime, formatTime, localIsoDate } from './dates';

/** "Priya Shah", "Priya Shah and Sam Okafor", "A, B and C". */
export function names(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)!}`;
}

/** "10:42" today, "9 Nov 2023 at 10:42" on another day. */
function when(at: string): string {
  const date = new Date(at);
  return localIsoDate(date) === localIsoDate() ? formatTime(at) : formatDateTime(at);
}

export function offlineText(status: SyncStatus): string {
  const pending = status.offline?.pending;
  if (pending === undefined) return '';
  return pending === 1
    ? 'Working offline: 1 change will be merged when the shared file is reachable'
    : `Working offline: ${pending} changes will be merged when the shared file is reachable`;
}

export function mergedText(status: SyncStatus): string {
  if (!status.merged) return '';
  const who = status.merged.authors.length > 0 ? names(status.merged.authors) : 'another copy';
  return `Changes from ${who} merged at ${when(status.merged.at)}`;
}

export function othersText(status: SyncStatus): string {
  if (status.others.length === 0) return '';
  const people = status.others.map((o) => `${o.name} (on ${o.host}, since ${when(o.since)})`);
  return `Also open for editing by ${names(people)}`;
}
