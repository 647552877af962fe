import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { listBackups } from '../../main/store/backups';
import { insertDataset } from '../../main/store/catalogue';
import { ClinicFile } from '../../main/store/clinic-file';
import { ClinicDatabase } from '../../main/store/database';
import { realFs, writeFileAtomic, type SaveFs } from '../../main/store/durable-file';
import { FileLock, lockPathFor, readLockOwner } from '../../main/store/file-lock';
import { readPresence } from '../../main/store/presence';
import { october2023 } from '../../main/sample/october-2023';
import { failCall, failEveryCall, FaultyFs, noFault } from '../support/faulty-fs';
import { tempDir } from '../support/temp';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function sampleFile(): Promise<string> {
  const file = path.join(tempDir(), 'clinic.db');
  (await ClinicFile.create(file, (db) => insertDataset(db, october2023))).close();
  return file;
}

/** Each writer's journal beside the file (no outbox folder given). */
const journalsBeside = (file: string) =>
  fs
    .readdirSync(path.dirname(file))
    .filter((n) => n.startsWith(`.${path.basename(file)}.`) && n.endsWith('.journal'))
    .map((n) => path.join(path.dirname(file), n));

const counterOf = (clinic: ClinicFile) =>
  Number(clinic.db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'counter'")?.value ?? 0);
const setCounter = (clinic: ClinicFile, value: number) =>
  clinic.commit(() => clinic.db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('counter', ?)", [String(value)]));

describe('a save that fails part-way (fault injection)', () => {
  it('counts the calls a save makes', () => {
    const counting = new FaultyFs();
    writeFileAtomic(path.join(tempDir(), 'x.db'), new Uint8Array(10), counting);
    expect(counting.calls).toBe(5); // open, write, fsync, close, rename
  });

  for (const code of ['EIO', 'ENOSPC', 'EPERM']) {
    it(`failing each file-system call of a save with ${code} leaves the original byte-identical and the change in memory`, async () => {
      for (let k = 1; k <= 5; k++) {
        const file = await sampleFile();
        const faulty = new FaultyFs(noFault, code);
        const clinic = await ClinicFile.open(file, { fs: faulty });
        setCounter(clinic, 1);
        clinic.save();
        const before = sha(file);
        clinic.db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('counter', '2')");
        faulty.calls = 0;
        faulty.failWhen = failCall(k);
        const renameRetried = code === 'EPERM' && k === 5;
        if (renameRetried) {
          // A transient EPERM on rename (antivirus, indexer) is retried, and the save goes through.
          clinic.save();
          expect(sha(file)).not.toBe(before);
        } else {
          expect(() => clinic.save()).toThrow(/^Could not save clinic\.db: .*Nothing was lost/);
          expect(sha(file)).toBe(before);
          expect(counterOf(clinic)).toBe(2);
          expect(fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
          faulty.failWhen = noFault;
          clinic.save();
        }
        clinic.close();
        const reopened = await ClinicFile.open(file);
        expect(counterOf(reopened)).toBe(2);
        reopened.close();
      }
    });
  }

  it('a confirmed change when the disk is unavailable says so, keeps the change, and is saved once the disk is back', async () => {
    const file = await sampleFile();
    const faulty = new FaultyFs();
    const clinic = await ClinicFile.open(file, { fs: faulty });
    const before = sha(file);
    faulty.failWhen = failEveryCall;
    expect(() => setCounter(clinic, 7)).toThrow(
      /Could not save clinic\.db: the disk or network drive reported an input\/output error/,
    );
    expect(sha(file)).toBe(before);
    expect(counterOf(clinic)).toBe(7);
    expect(clinic.hasUnsavedChanges).toBe(true);
    faulty.failWhen = noFault;
    setCounter(clinic, 8);
    expect(clinic.hasUnsavedChanges).toBe(false);
    clinic.close();
    const reopened = await ClinicFile.open(file);
    expect(counterOf(reopened)).toBe(8);
    reopened.close();
  });

  it('a permanent EPERM on rename gives up after a bounded time and leaves the original', async () => {
    const file = await sampleFile();
    const before = sha(file);
    const stuck: SaveFs = {
      ...realFs,
      renameSync: () => {
        throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
      },
    };
    const started = Date.now();
    expect(() => writeFileAtomic(file, new Uint8Array(4096), stuck)).toThrow(/permission was refused/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(sha(file)).toBe(before);
  });
});

describe('a change confirmed through the journal', () => {
  it('is on disk before commit returns, and is replayed when the file is next opened', async () => {
    const file = await sampleFile();
    const before = sha(file);
    const clinic = await ClinicFile.open(file);
    setCounter(clinic, 41);
    // The clinic file itself is untouched; this writer's journal beside it holds the change.
    expect(sha(file)).toBe(before);
    expect(journalsBeside(file)).toHaveLength(1);
    // While its writer is at work, another writer's open of the file leaves its journal alone.
    const meanwhile = await ClinicFile.open(file);
    expect(counterOf(meanwhile)).toBe(0);
    meanwhile.close();
    expect(journalsBeside(file)).toHaveLength(1);
    // Simulate a crash: the database is gone, nothing saved.
    clinic.db.close();
    const recovered = await ClinicFile.open(file);
    expect(counterOf(recovered)).toBe(41);
    expect(recovered.notices.join(' ')).toMatch(/1 change\(s\) .* recovered/);
    expect(journalsBeside(file)).toEqual([]);
    recovered.close();
  });

  it('a torn last line (the crash came mid-append) is ignored; the entries before it are kept', async () => {
    const file = await sampleFile();
    const clinic = await ClinicFile.open(file);
    setCounter(clinic, 1);
    setCounter(clinic, 2);
    clinic.db.close();
    fs.appendFileSync(journalsBeside(file)[0]!, '{"seq":3,"ops":[["UPDATE meta SET value = \'999\'');
    const recovered = await ClinicFile.open(file);
    expect(counterOf(recovered)).toBe(2);
    recovered.close();
  });

  it('a journal for a file that has since been replaced by a different clinic file is set aside, not applied, and the person is told', async () => {
    const file = await sampleFile();
    const clinic = await ClinicFile.open(file);
    setCounter(clinic, 5);
    clinic.db.close();
    // The file is replaced by another clinic file altogether (another origin).
    const other = path.join(tempDir(), 'other.db');
    (await ClinicFile.create(other, (db) => insertDataset(db, october2023))).close();
    fs.copyFileSync(other, file);
    const reopened = await ClinicFile.open(file);
    expect(counterOf(reopened)).toBe(0);
    expect(reopened.notices.join(' ')).toMatch(/were not applied\. They are kept/);
    const kept = fs.readdirSync(path.dirname(file)).filter((n) => n.includes('.journal.set-aside-'));
    expect(kept).toHaveLength(1);
    reopened.close();
    // Nothing lost: the set-aside journal still holds the change.
    expect(fs.readFileSync(path.join(path.dirname(file), kept[0]!), 'utf8')).toContain("'counter'");
  });

  it('a journal left by a crash after others saved the file is merged into their version: nothing of either is lost', async () => {
    const file = await sampleFile();
    const ours = new ClinicApp({ deviceId: 'ours', preferencesFile: path.join(tempDir(), 'a.json') });
    ours.setPreferences({ displayName: 'Jane Director' });
    await ours.openFile(file);
    const clinic = ours.meetings.createClinic({
      held_on: '2023-11-09',
      kind: 'Director’s performance clinic',
      scope: [],
      chair: '',
      attendees: [],
      apologies: [],
    });
    ours.checkpoint();
    ours.meetings.saveNote(clinic.id, 'contacts', 'Ours, confirmed before the crash', 0);
    // Someone else, with the file open at the same time, saves a change of their own.
    const theirs = new ClinicApp({ deviceId: 'theirs' });
    await theirs.openFile(file);
    expect(theirs.meetings.getClinicView(clinic.id).notes).toEqual([]);
    theirs.meetings.saveNote(clinic.id, 'referrals', 'Theirs, saved after the crash', 0);
    // The crash: our change is only in our journal, and the file is now theirs.
    (ours as unknown as { file: ClinicFile }).file.db.close();
    theirs.close();
    const after = new ClinicApp();
    const info = await after.openFile(file);
    expect(info.notices.join(' ')).toMatch(/1 change\(s\) .* recovered/);
    const notes = after.meetings.getClinicView(clinic.id).notes.map((n) => n.text);
    expect(notes.sort()).toEqual(['Ours, confirmed before the crash', 'Theirs, saved after the crash']);
    expect(journalsBeside(file)).toEqual([]);
    after.close();
  });

  it('a change that is rolled back is not journalled', async () => {
    const file = await sampleFile();
    const clinic = await ClinicFile.open(file);
    expect(() =>
      clinic.commit(() => {
        clinic.db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('counter', '9')");
        throw new Error('validation failed');
      }),
    ).toThrow('validation failed');
    expect(counterOf(clinic)).toBe(0);
    expect(journalsBeside(file)).toEqual([]);
    clinic.close();
  });
});

describe('someone else changed the file', () => {
  it('is not overwritten: their changes are merged into ours and the file holds both; no conflict copy', async () => {
    const file = await sampleFile();
    const ours = await ClinicFile.open(file);
    setCounter(ours, 1);
    ours.commit(() => ours.db.run("UPDATE measures SET title = 'Ours' WHERE key = 'referrals'"));
    const theirs = await ClinicFile.open(file);
    // Our change is confirmed in our own journal, not yet in the file: they do not see it.
    expect(counterOf(theirs)).toBe(0);
    theirs.commit(() => theirs.db.run("UPDATE measures SET title = 'Theirs' WHERE key = 'contacts'"));
    theirs.save();
    theirs.close();
    ours.save();
    expect(ours.path).toBe(file);
    expect(ours.merged?.authors).toHaveLength(1);
    ours.close();
    const reopened = await ClinicFile.open(file);
    const titles = reopened.db.all<{ key: string; title: string }>(
      "SELECT key, title FROM measures WHERE key IN ('contacts', 'referrals') ORDER BY key",
    );
    expect(titles).toEqual([
      { key: 'contacts', title: 'Theirs' },
      { key: 'referrals', title: 'Ours' },
    ]);
    expect(counterOf(reopened)).toBe(1);
    reopened.close();
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('conflict'))).toEqual([]);
  });

  it('replaced by a different clinic file: the save is refused clearly, neither is changed, and our change is kept', async () => {
    const file = await sampleFile();
    const ours = await ClinicFile.open(file);
    ours.commit(() => ours.db.run("UPDATE measures SET title = 'Ours' WHERE key = 'referrals'"));
    const other = path.join(tempDir(), 'other.db');
    (await ClinicFile.create(other, (db) => insertDataset(db, october2023))).close();
    fs.copyFileSync(other, file);
    const replaced = sha(file);
    expect(() => ours.save()).toThrow(
      /clinic\.db has been replaced by a different clinic file since you opened it, so your changes were not written into it\. Everything you confirmed is safe on this computer\./,
    );
    expect(sha(file)).toBe(replaced);
    expect(ours.db.get<{ title: string }>("SELECT title FROM measures WHERE key = 'referrals'")?.title).toBe('Ours');
    expect(journalsBeside(file)).toHaveLength(1);
    ours.close();
    // Still there after closing: the journal is kept, never applied to the other file.
    expect(sha(file)).toBe(replaced);
    expect(journalsBeside(file)).toHaveLength(1);
  });

  it('a file merely touched (same bytes, new time) is not a conflict', async () => {
    const file = await sampleFile();
    const clinic = await ClinicFile.open(file);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
    setCounter(clinic, 1);
    clinic.save();
    expect(clinic.path).toBe(file);
    clinic.close();
  });
});

describe('several writers, one save at a time', () => {
  it('a second person opens the file for editing too; each sees the other; the lock is held only while saving', async () => {
    const file = await sampleFile();
    const first = new ClinicApp({ lock: true, preferencesFile: path.join(tempDir(), 'a.json') });
    first.setPreferences({ displayName: 'Jane Director' });
    await first.openFile(file);
    const second = new ClinicApp({ lock: true, preferencesFile: path.join(tempDir(), 'b.json') });
    second.setPreferences({ displayName: 'Sam Manager' });
    const info = await second.openFile(file);
    expect(info.readOnly).toBe(false);
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
    expect(second.syncStatus().others).toEqual([expect.objectContaining({ name: 'Jane Director', host: hostname() })]);
    expect(first.syncStatus().others).toEqual([expect.objectContaining({ name: 'Sam Manager', host: hostname() })]);
    second.close();
    expect(first.syncStatus().others).toEqual([]);
    first.close();
    expect(readPresence(file)).toEqual([]);
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
  });

  it('a save that cannot get the lock in time keeps the change confirmed and says who holds it and since when', async () => {
    const file = await sampleFile();
    const held = FileLock.acquire(file, { user: 'Priya Shah' });
    if (!held.held) throw new Error('lock not taken');
    const clinic = await ClinicFile.open(file, { lockOptions: { waitMs: 50 } });
    setCounter(clinic, 3);
    const before = sha(file);
    expect(() => clinic.save()).toThrow(
      /clinic\.db is being saved by Priya Shah on .* \(since .*\), so your changes could not be written into it yet\. Everything you confirmed is safe on this computer\./,
    );
    expect(sha(file)).toBe(before);
    held.lock.release();
    clinic.save();
    clinic.close();
    const reopened = await ClinicFile.open(file);
    expect(counterOf(reopened)).toBe(3);
    reopened.close();
  });

  it('a lock whose heartbeat is fresh is never taken over; a stale one is, only after the timeout', async () => {
    const file = await sampleFile();
    let now = Date.parse('2026-11-26T09:00:00Z');
    const clock = { now: () => now, staleMs: 120_000, heartbeatMs: 1_000_000 };
    const held = FileLock.acquire(file, { ...clock, user: 'Elsewhere' });
    if (!held.held) throw new Error('first lock not taken');
    // Pretend the holder is on another machine, where its process cannot be checked.
    const ownerFile = path.join(lockPathFor(file), 'owner.json');
    fs.writeFileSync(ownerFile, JSON.stringify({ ...held.lock.owner, host: 'LAPTOP-OTHER', pid: 1 }));
    now += 119_000;
    expect(FileLock.acquire(file, clock)).toMatchObject({
      held: false,
      owner: { user: 'Elsewhere', host: 'LAPTOP-OTHER' },
    });
    now += 2_000;
    const taken = FileLock.acquire(file, { ...clock, user: 'Me' });
    expect(taken.held).toBe(true);
    if (taken.held) {
      expect(held.lock.stillOurs()).toBe(false);
      taken.lock.release();
    }
  });

  it('a lock left by a process on this machine that has died is taken over at once', async () => {
    const file = await sampleFile();
    fs.mkdirSync(lockPathFor(file));
    const stamp = new Date().toISOString();
    fs.writeFileSync(
      path.join(lockPathFor(file), 'owner.json'),
      JSON.stringify({ id: 'x', user: 'ghost', host: hostname(), pid: 999_999_999, since: stamp, heartbeat: stamp }),
    );
    const taken = FileLock.acquire(file);
    expect(taken.held).toBe(true);
    if (taken.held) taken.lock.release();
  });

  it('a lock is let go by moving it aside whole, so another writer can take it that moment; leftovers are cleared on open', async () => {
    const file = await sampleFile();
    const dir = path.dirname(file);
    const first = FileLock.acquire(file, { heartbeat: false });
    if (!first.held) throw new Error('lock not taken');
    // A lock folder is never empty in place: a rename onto an empty folder succeeds, so another
    // writer's new lock could land in one half-deleted (seen as ENOTEMPTY on a loaded machine).
    const names = fs.readdirSync(dir);
    first.lock.release();
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(names.filter((n) => n !== path.basename(lockPathFor(file))).sort());
    const second = FileLock.acquire(file, { heartbeat: false });
    expect(second.held).toBe(true);
    // Letting go of a lock someone else now holds leaves theirs alone.
    first.lock.release();
    expect(readLockOwner(file)?.id).toBe(second.held ? second.lock.owner.id : 'none');
    if (second.held) second.lock.release();

    // A process killed after moving its lock aside leaves `clinic.db.lock.<id>.old`: cleared on the next open once a minute old.
    const left = `${lockPathFor(file)}.0f0f.old`;
    fs.mkdirSync(left);
    fs.writeFileSync(path.join(left, 'owner.json'), '{}');
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(left, old, old);
    const clinic = await ClinicFile.open(file);
    clinic.close();
    expect(fs.existsSync(left)).toBe(false);
  });
});

describe('automatic backups', () => {
  it('one a day when the file is opened for writing, and a restore that can itself be undone', async () => {
    const file = await sampleFile();
    const app = new ClinicApp({ lock: true, dailyBackup: true });
    await app.openFile(file);
    app.close();
    await app.openFile(file);
    app.close();
    const daily = listBackups(file).filter((b) => b.kind === 'daily');
    expect(daily).toHaveLength(1);

    const changed = await ClinicFile.open(file);
    setCounter(changed, 12);
    changed.close();

    const info = await app.restoreBackup(file, daily[0]!.name);
    expect(info.readOnly).toBe(false);
    expect(app.report().period).toBe('2023-10');
    app.close();
    const restored = await ClinicFile.open(file);
    expect(counterOf(restored)).toBe(0);
    restored.close();
    expect(listBackups(file).map((b) => b.kind)).toContain('before-restore');
  });

  it('the day’s backup holds the file as it was on disk, even when the open replays a crash journal into it', async () => {
    const file = await sampleFile();
    const crashed = await ClinicFile.open(file);
    setCounter(crashed, 7);
    crashed.db.close(); // a crash: the change is only in the journal
    const onDisk = fs.readFileSync(file);
    const app = new ClinicApp({ dailyBackup: true });
    await app.openFile(file);
    app.close();
    const daily = listBackups(file).filter((b) => b.kind === 'daily');
    expect(daily).toHaveLength(1);
    expect(fs.readFileSync(path.join(`${file}.backups`, daily[0]!.name)).equals(onDisk)).toBe(true);
    const reopened = await ClinicFile.open(file);
    expect(counterOf(reopened)).toBe(7);
    reopened.close();
  });

  it('a backup holds the clinic as it is in memory: a copy of the file when they are the same, else written out', async () => {
    const file = await sampleFile();
    const clinic = await ClinicFile.open(file);
    const backupBytes = (name: string) => fs.readFileSync(path.join(`${file}.backups`, name));
    const counterIn = async (bytes: Uint8Array) => {
      const db = await ClinicDatabase.fromBytes(bytes);
      const value = Number(db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'counter'")?.value ?? 0);
      db.close();
      return value;
    };
    // Nothing changed since it was opened: the file itself is copied.
    const same = clinic.backup('before-import', new Date('2024-01-01T10:00:00Z'));
    expect(backupBytes(same).equals(fs.readFileSync(file))).toBe(true);

    // A change confirmed into the journal is not in the file yet, but is in the backup.
    setCounter(clinic, 3);
    const journalled = clinic.backup('before-import', new Date('2024-01-01T10:00:01Z'));
    expect(await counterIn(backupBytes(journalled))).toBe(3);

    // Saved, then replaced by someone else: the backup is ours, not theirs.
    clinic.save();
    const theirs = await ClinicFile.open(file, { readOnly: true });
    const other = await ClinicDatabase.fromBytes(fs.readFileSync(file));
    other.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('counter', '99')");
    writeFileAtomic(file, other.export());
    other.close();
    theirs.close();
    const replaced = clinic.backup('before-import', new Date('2024-01-01T10:00:02Z'));
    expect(await counterIn(backupBytes(replaced))).toBe(3);
    clinic.db.close();
  });

  it('a damaged file can be replaced by its backup, and the damaged one is kept', async () => {
    const file = await sampleFile();
    const app = new ClinicApp({ dailyBackup: true });
    await app.openFile(file);
    app.close();
    fs.writeFileSync(file, 'damaged');
    await expect(app.openFile(file)).rejects.toThrow(/not a Performance Clinic file/);
    const [latest] = app.backups(file);
    await app.restoreBackup(file, latest!.name);
    expect(app.report().measures).toHaveLength(october2023.measures.length);
    app.close();
    const kept = listBackups(file).find((b) => b.kind === 'before-restore');
    expect(fs.readFileSync(path.join(`${file}.backups`, kept!.name), 'utf8')).toBe('damaged');
  });

  it('refuses a backup name that is not one of the file’s backups', async () => {
    const file = await sampleFile();
    const app = new ClinicApp();
    await expect(app.restoreBackup(file, '../clinic.db')).rejects.toThrow(/There is no backup called/);
    await expect(app.restoreBackup(file, 'daily-2020-01-01.db')).rejects.toThrow(/There is no backup called/);
  });
});
