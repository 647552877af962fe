import * as fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { createDispatcher, handlersFor } from '../../main/api/dispatch';
import type { ClinicInput } from '../../main/api/meetings';
import { ClinicFile } from '../../main/store/clinic-file';
import { FileLock, lockPathFor } from '../../main/store/file-lock';
import { presenceFolderFor } from '../../main/store/presence';
import { tempDir } from '../support/temp';

const november: ClinicInput = {
  held_on: '2023-11-09',
  kind: 'Director’s performance clinic',
  scope: [],
  chair: '',
  attendees: [],
  apologies: [],
};

/** A shared file in a folder of its own (the network share), with one clinic. */
async function sharedFile() {
  const share = path.join(tempDir(), 'share');
  fs.mkdirSync(share);
  const file = path.join(share, 'clinic.db');
  const setup = new ClinicApp();
  await setup.createFile(file);
  const clinicId = setup.meetings.createClinic(november).id;
  setup.close();
  return { share, file, clinicId };
}

function person(name: string, options: ConstructorParameters<typeof ClinicApp>[0] = {}): ClinicApp {
  const app = new ClinicApp({ lock: true, preferencesFile: path.join(tempDir(), 'prefs.json'), ...options });
  app.setPreferences({ displayName: name });
  return app;
}

describe('who else has the file open, and their changes merged in', () => {
  it('getSyncStatus names the others, and says whose changes a save brought in and when', async () => {
    const { file, clinicId } = await sharedFile();
    const jane = person('Jane Director');
    await jane.openFile(file);
    const priya = person('Priya Shah');
    await priya.openFile(file);
    const janeCalls = createDispatcher(handlersFor(jane));
    expect(await janeCalls('getSyncStatus', {})).toEqual({
      ok: true,
      value: {
        others: [{ name: 'Priya Shah', host: hostname(), since: expect.any(String) }],
        merged: null,
        offline: null,
      },
    });
    priya.meetings.saveNote(clinicId, 'referrals', 'Referrals fell in October', 0);
    expect(priya.checkpoint()).toBe(true);
    jane.meetings.saveNote(clinicId, 'contacts', 'Contacts are up', 0);
    expect(jane.checkpoint()).toBe(true);
    const status = jane.syncStatus();
    expect(status.merged).toEqual({ authors: ['Priya Shah'], at: expect.any(String) });
    expect(
      jane.meetings
        .getClinicView(clinicId)
        .notes.map((n) => n.text)
        .sort(),
    ).toEqual(['Contacts are up', 'Referrals fell in October']);
    // Priya's window polls: Jane's note comes in without Priya saving anything.
    expect(priya.syncStatus().merged).toEqual({ authors: ['Jane Director'], at: expect.any(String) });
    expect(priya.meetings.getClinicView(clinicId).notes).toHaveLength(2);
    priya.close();
    expect(jane.syncStatus().others).toEqual([]);
    jane.close();
    expect(fs.existsSync(presenceFolderFor(file))).toBe(false);
  });

  it('a presence left by a crashed app, or gone quiet beyond the stale time, is not counted and is swept', async () => {
    const { file } = await sharedFile();
    const folder = presenceFolderFor(file);
    fs.mkdirSync(folder);
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    const fresh = new Date().toISOString();
    const write = (id: string, record: object) =>
      fs.writeFileSync(path.join(folder, `${id}.json`), JSON.stringify(record));
    write('quiet', { id: 'quiet', name: 'Laptop shut', host: 'LAPTOP-OTHER', pid: 1, since: old, heartbeat: old });
    write('dead', {
      id: 'dead',
      name: 'Crashed here',
      host: hostname(),
      pid: 999_999_999,
      since: fresh,
      heartbeat: fresh,
    });
    write('away', { id: 'away', name: 'Priya Shah', host: 'LAPTOP-PRIYA', pid: 1, since: fresh, heartbeat: fresh });
    fs.writeFileSync(path.join(folder, 'torn.json'), '{"id":');
    const jane = person('Jane Director');
    await jane.openFile(file);
    expect(jane.syncStatus().others).toEqual([{ name: 'Priya Shah', host: 'LAPTOP-PRIYA', since: fresh }]);
    expect(fs.readdirSync(folder).sort()).toHaveLength(2);
    jane.close();
    // Priya's own presence stays until her app removes it.
    expect(fs.readdirSync(folder)).toEqual(['away.json']);
  });
});

describe('working offline', () => {
  it('changes stay confirmed in the outbox while the share is gone, are counted, and merge in when it is back', async () => {
    const { share, file, clinicId } = await sharedFile();
    const outbox = path.join(tempDir(), 'outbox');
    const jane = person('Jane Director', { outboxDir: outbox });
    await jane.openFile(file);
    const away = `${share} (unplugged)`;
    fs.renameSync(share, away);
    jane.meetings.saveNote(clinicId, 'contacts', 'Written in the meeting room', 0);
    jane.meetings.raiseAction({
      clinicId,
      measure: null,
      description: 'Call the team',
      owner: 'Sam',
      dueOn: '2023-12-01',
    });
    // The shell's minute-by-minute save is the retry: no error each time, the status says so.
    expect(jane.checkpoint()).toBe(false);
    expect(jane.syncStatus().offline).toEqual({ pending: 2 });
    jane.meetings.saveNote(clinicId, 'referrals', 'And another', 0);
    expect(jane.checkpoint()).toBe(false);
    expect(jane.syncStatus().offline).toEqual({ pending: 3 });
    expect(() => jane.saveNow()).toThrow(
      /^Working offline: clinic\.db cannot be reached just now, so 3 changes will be merged into it when it is reachable again\. Everything you confirmed is safe on this computer\.$/,
    );

    // Meanwhile someone at the office saves a change of their own.
    fs.renameSync(away, share);
    const sam = person('Sam Manager');
    await sam.openFile(file);
    sam.meetings.saveNote(clinicId, 'decisions_1wd', 'From the office', 0);
    sam.close();

    expect(jane.checkpoint()).toBe(true);
    expect(jane.syncStatus()).toMatchObject({ offline: null, merged: { authors: ['Sam Manager'] } });
    jane.close();
    const check = new ClinicApp();
    await check.openFile(file, { readOnly: true });
    expect(
      check.meetings
        .getClinicView(clinicId)
        .notes.map((n) => n.text)
        .sort(),
    ).toEqual(['And another', 'From the office', 'Written in the meeting room']);
    expect(check.meetings.listActions().map((a) => a.description)).toEqual(['Call the team']);
    check.close();
    expect(fs.readdirSync(outbox)).toEqual([]);
  });

  it('closed while offline: the outbox is merged in the next time the file is opened', async () => {
    const { share, file, clinicId } = await sharedFile();
    const outbox = path.join(tempDir(), 'outbox');
    const jane = person('Jane Director', { outboxDir: outbox });
    await jane.openFile(file);
    const away = `${share} (unplugged)`;
    fs.renameSync(share, away);
    jane.meetings.saveNote(clinicId, 'contacts', 'Written on the train', 0);
    jane.close();
    expect(fs.readdirSync(outbox).filter((n) => n.endsWith('.journal'))).toHaveLength(1);
    fs.renameSync(away, share);
    const again = person('Jane Director', { outboxDir: outbox });
    const info = await again.openFile(file);
    expect(info.notices.join(' ')).toMatch(/1 change\(s\) .* recovered/);
    expect(again.meetings.getClinicView(clinicId).notes.map((n) => n.text)).toEqual(['Written on the train']);
    again.close();
    expect(fs.readdirSync(outbox)).toEqual([]);
  });
});

describe('a lock or a temporary file left behind', () => {
  it('a lock left by a dead process is taken over by the next save; one gone quiet on another computer after the stale time', async () => {
    const { file } = await sharedFile();
    const stamp = new Date().toISOString();
    const leave = (owner: object) => {
      fs.mkdirSync(lockPathFor(file));
      fs.writeFileSync(path.join(lockPathFor(file), 'owner.json'), JSON.stringify(owner));
    };
    leave({ id: 'x', user: 'ghost', host: hostname(), pid: 999_999_999, since: stamp, heartbeat: stamp });
    const clinic = await ClinicFile.open(file, { lockOptions: { waitMs: 0 } });
    clinic.commit(() => clinic.db.run("UPDATE measures SET title = 'Saved' WHERE key = 'contacts'"));
    clinic.save();
    expect(fs.existsSync(lockPathFor(file))).toBe(false);

    const old = new Date(Date.now() - 5 * 60_000).toISOString();
    leave({ id: 'y', user: 'Priya Shah', host: 'LAPTOP-PRIYA', pid: 1, since: old, heartbeat: old });
    clinic.commit(() => clinic.db.run("UPDATE measures SET title = 'Saved again' WHERE key = 'contacts'"));
    clinic.save();
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
    clinic.close();
  });

  it('temporary files of a killed save are removed on the next open, but not while someone holds the lock', async () => {
    const { share, file } = await sharedFile();
    const temp = path.join(share, `.clinic.db.4242.${Date.now()}.tmp`);
    fs.writeFileSync(temp, 'half a save');
    const held = FileLock.acquire(file, { user: 'Priya Shah' });
    if (!held.held) throw new Error('lock not taken');
    (await ClinicFile.open(file)).close();
    expect(fs.existsSync(temp)).toBe(true);
    held.lock.release();
    (await ClinicFile.open(file, { readOnly: true })).close();
    expect(fs.existsSync(temp)).toBe(true);
    (await ClinicFile.open(file)).close();
    expect(fs.existsSync(temp)).toBe(false);
    expect(fs.readdirSync(share)).toEqual(['clinic.db']);
  });
});
