import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../main/contract';
import { mergedText, names, offlineText, othersText } from '../../renderer/src/sync-text';

const none: SyncStatus = { others: [], merged: null, offline: null };
const today = new Date();
today.setHours(10, 42, 0, 0);

describe('the banner says in words how the file stands', () => {
  it('says nothing when nothing has happened', () => {
    expect([offlineText(none), mergedText(none), othersText(none)]).toEqual(['', '', '']);
  });

  it('counts the changes waiting offline, one or many', () => {
    expect(offlineText({ ...none, offline: { pending: 12 } })).toBe(
      'Working offline: 12 changes will be merged when the shared file is reachable',
    );
    expect(offlineText({ ...none, offline: { pending: 1 } })).toBe(
      'Working offline: 1 change will be merged when the shared file is reachable',
    );
  });

  it('names whose changes were merged, and when: the time alone today, the date on another day', () => {
    expect(mergedText({ ...none, merged: { authors: ['Priya Shah'], at: today.toISOString() } })).toBe(
      'Changes from Priya Shah merged at 10:42',
    );
    expect(
      mergedText({ ...none, merged: { authors: ['Priya Shah', 'Sam Okafor', 'Jo Lee'], at: today.toISOString() } }),
    ).toBe('Changes from Priya Shah, Sam Okafor and Jo Lee merged at 10:42');
    expect(mergedText({ ...none, merged: { authors: [], at: '2023-11-09T10:42:00' } })).toBe(
      'Changes from another copy merged at 9 Nov 2023 at 10:42',
    );
  });

  it('names who else has the file open, where and since when', () => {
    expect(
      othersText({
        ...none,
        others: [
          { name: 'Priya Shah', host: 'LAPTOP-12', since: today.toISOString() },
          { name: 'Sam Okafor', host: 'DESK-3', since: today.toISOString() },
        ],
      }),
    ).toBe('Also open for editing by Priya Shah (on LAPTOP-12, since 10:42) and Sam Okafor (on DESK-3, since 10:42)');
    expect(names([])).toBe('');
  });
});
