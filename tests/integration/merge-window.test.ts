/**
 * Working together from the window: taking a copy to work offline, merging a copy back after a
 * preview, the banner's status and settling a note kept both ways, each through the dispatcher
 * the window's calls go through, with a host that plays the person at the dialogs.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { createDispatcher, handlersFor } from '../../main/api/dispatch';
import type { MergePreview, MergeReport, NoteWithClinic, SyncStatus } from '../../main/contract';
import type { ExportHost } from '../../main/exports/exporter';
import { tempDir } from '../support/temp';

let clock = Date.parse('2023-11-09T10:00:00Z');
const now = () => new Date((clock += 1000));
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The person at the dialogs: saves go where `savePath` says, opens pick the next of `picks`. */
function host(savePath: () => string | null, picks: (string | null)[]): ExportHost {
  return {
    printer: { htmlToPdf: () => Promise.reject(new Error('no printing here')) },
    chooseSavePath: () => Promise.resolve(savePath()),
    confirmReplace: () => Promise.resolve(false),
    chooseOpenPath: () => Promise.resolve(picks.shift() ?? null),
  };
}

async function office() {
  const dir = tempDir();
  const shared = path.join(dir, 'clinic.db');
  const picks: (string | null)[] = [];
  let saveTo: string | null = path.join(dir, 'laptop.db');
  const app = new ClinicApp({
    now,
    deviceId: 'office',
    preferencesFile: path.join(dir, 'office.json'),
    exportHost: host(() => saveTo, picks),
  });
  await app.createFile(shared);
  app.setPreferences({ displayName: 'Jane Director' });
  const clinic = app.meetings.createClinic({
    held_on: '2023-11-09',
    kind: 'Director’s performance clinic',
    scope: [],
    chair: 'Jane Director',
    attendees: [],
    apologies: [],
  });
  const call = createDispatcher(handlersFor(app));
  const value = async <T>(name: string, args: unknown = {}): Promise<T> => {
    const result = await call(name, args);
    if (!result.ok) throw new Error(result.error);
    return result.value as T;
  };
  return {
    dir,
    shared,
    app,
    clinicId: clinic.id,
    call,
    value,
    pick: (file: string | null) => picks.push(file),
    saveTo: (file: string | null) => (saveTo = file),
  };
}

describe('take a copy to work offline, and merge it back', () => {
  it('saves a copy of the open file where the person chooses and works in it; the shared file is left as it was', async () => {
    const o = await office();
    o.app.checkpoint();
    const before = sha(o.shared);
    const saved = await o.value<{ path: string }>('takeOfflineCopy');
    expect(saved.path).toBe(path.join(o.dir, 'laptop.db'));
    expect(o.app.fileInfo().path).toBe(saved.path);
    o.app.meetings.saveNote(o.clinicId, 'contacts', 'Written on the laptop', 0);
    expect(sha(o.shared)).toBe(before);
    o.saveTo(null);
    await expect(o.value('takeOfflineCopy')).resolves.toBeNull();
    o.app.close();
  });

  it('refuses to take the copy over the file that is open', async () => {
    const o = await office();
    o.saveTo(o.shared);
    await expect(o.value('takeOfflineCopy')).rejects.toThrow('That is the file already open');
    o.app.close();
  });

  it('previews what a copy would change, writes nothing until confirmed, then merges it and says whose changes came in', async () => {
    const o = await office();
    await o.value('takeOfflineCopy');
    const laptop = o.app.fileInfo().path;
    o.app.setPreferences({ displayName: 'Priya Shah' });
    o.app.meetings.saveNote(o.clinicId, 'contacts', 'Priya on the laptop', 0);
    o.app.meetings.saveNote(o.clinicId, 'referrals', 'Referrals are down', 0);
    o.app.close();

    await o.app.openFile(o.shared);
    o.app.setPreferences({ displayName: 'Jane Director' });
    o.app.meetings.saveNote(o.clinicId, 'contacts', 'Jane in the office', 0);
    expect(await o.value<SyncStatus>('getSyncStatus')).toEqual({ others: [], merged: null, offline: null });

    o.pick(laptop);
    const preview = (await o.value<MergePreview>('chooseMergeCopy'))!;
    expect(preview.fileName).toBe(path.basename(laptop));
    expect(preview.report).toMatchObject({ dryRun: true, authors: ['Priya Shah'] });
    expect(preview.report.applied).toBeGreaterThan(0);
    expect(preview.report.notesKeptBothWays).toHaveLength(1);
    expect(o.app.meetings.measureNotes('referrals')).toEqual([]);

    const report = await o.value<MergeReport>('confirmMergeCopy', { sha256: preview.sha256 });
    expect(report).toMatchObject({ dryRun: false, applied: preview.report.applied, authors: ['Priya Shah'] });
    expect(o.app.meetings.measureNotes('referrals').map((n) => n.text)).toEqual(['Referrals are down']);
    const [contacts] = o.app.meetings.measureNotes('contacts') as NoteWithClinic[];
    expect([contacts!.text, ...contacts!.also.map((a) => `${a.by}: ${a.text}`)].sort()).toEqual([
      'Jane in the office',
      'Priya Shah: Priya on the laptop',
    ]);
    const status = await o.value<SyncStatus>('getSyncStatus');
    expect(status.merged?.authors).toEqual(['Priya Shah']);
    // Confirming again finds nothing previewed.
    await expect(o.value('confirmMergeCopy', { sha256: preview.sha256 })).rejects.toThrow('choose it again');
    o.app.close();
  });

  it('settles a note kept both ways with the combined text, so no copy shows the other again', async () => {
    const o = await office();
    await o.value('takeOfflineCopy');
    const laptop = o.app.fileInfo().path;
    o.app.meetings.saveNote(o.clinicId, 'contacts', 'From the laptop', 0);
    o.app.close();
    await o.app.openFile(o.shared);
    o.app.meetings.saveNote(o.clinicId, 'contacts', 'From the office', 0);
    o.pick(laptop);
    const preview = (await o.value<MergePreview>('chooseMergeCopy'))!;
    await o.value('confirmMergeCopy', { sha256: preview.sha256 });
    const [note] = o.app.meetings.measureNotes('contacts');
    const settled = await o.value<{ text: string; also: unknown[] }>('resolveNote', {
      clinicId: o.clinicId,
      measure: 'contacts',
      text: 'From the office\n\nFrom the laptop',
      baseVersion: note!.version,
    });
    expect(settled).toMatchObject({ text: 'From the office\n\nFrom the laptop', also: [] });
    // A choice made on a version since changed is refused, not applied over it.
    const stale = await o.call('resolveNote', {
      clinicId: o.clinicId,
      measure: 'contacts',
      text: 'Old',
      baseVersion: note!.version,
    });
    expect(stale).toEqual({ ok: false, error: expect.stringContaining('changed since you opened it') as string });
    // A final clinic's record is read-only: its kept texts are settled once it is reopened.
    o.app.meetings.setFinal(o.clinicId, true, '');
    const final = await o.call('resolveNote', {
      clinicId: o.clinicId,
      measure: 'contacts',
      text: 'Late',
      baseVersion: o.app.meetings.measureNotes('contacts')[0]!.version,
    });
    expect(final).toEqual({
      ok: false,
      error: expect.stringContaining('is final, so its record is read-only') as string,
    });
    o.app.close();
  });

  it('refuses a copy that has changed since its preview, and leaves the file as it was', async () => {
    const o = await office();
    await o.value('takeOfflineCopy');
    const laptop = o.app.fileInfo().path;
    o.app.meetings.saveNote(o.clinicId, 'contacts', 'Laptop', 0);
    o.app.close();
    await o.app.openFile(o.shared);
    o.pick(laptop);
    const preview = (await o.value<MergePreview>('chooseMergeCopy'))!;
    fs.appendFileSync(laptop, Buffer.alloc(4096));
    await expect(o.value('confirmMergeCopy', { sha256: preview.sha256 })).rejects.toThrow(
      'has changed since it was checked, so nothing was merged',
    );
    expect(o.app.meetings.measureNotes('contacts')).toEqual([]);
    o.app.close();
  });

  it('refuses a file of another origin, a file that is not a clinic file, and a cancelled choice changes nothing', async () => {
    const o = await office();
    const stranger = path.join(o.dir, 'another clinic.db');
    const other = new ClinicApp({ now });
    await other.createFile(stranger);
    other.close();
    const notClinic = path.join(o.dir, 'notes.db');
    fs.writeFileSync(notClinic, 'just some words');
    o.app.checkpoint();
    const before = [sha(o.shared), sha(stranger), sha(notClinic)];

    o.pick(stranger);
    const refused = await o.call('chooseMergeCopy', {});
    expect(refused).toEqual({
      ok: false,
      error:
        'another clinic.db is not a copy of this clinic file (it began as a different file), so it cannot be merged into it. Neither file has been changed.',
    });
    o.pick(notClinic);
    expect(await o.call('chooseMergeCopy', {})).toMatchObject({ ok: false });
    o.pick(null);
    expect(await o.call('chooseMergeCopy', {})).toEqual({ ok: true, value: null });
    o.app.close();
    expect([sha(o.shared), sha(stranger), sha(notClinic)]).toEqual(before);
  });
});
