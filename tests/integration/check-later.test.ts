/**
 * Opening for the first screen (issue 17): with checkLater the check of every page, the hash and
 * the day's backup wait until after the first screen, but never past the first write.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { listBackups } from '../../main/store/backups';
import { insertDataset } from '../../main/store/catalogue';
import { ClinicFile } from '../../main/store/clinic-file';
import { october2023 } from '../../main/sample/october-2023';
import { UserError } from '../../main/errors';
import { tempDir } from '../support/temp';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function sampleFile(): Promise<string> {
  const file = path.join(tempDir(), 'clinic.db');
  (await ClinicFile.create(file, (db) => insertDataset(db, october2023))).close();
  return file;
}

const counterOf = (clinic: ClinicFile) =>
  Number(clinic.db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'counter'")?.value ?? 0);
const setCounter = (clinic: ClinicFile, value: number) =>
  clinic.commit(() => clinic.db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('counter', ?)", [String(value)]));

/** A copy of the file with one page garbled, or null when that page is the header's. */
function withPageGarbled(good: Buffer, page: number): Buffer {
  const pageSize = good.readUInt16BE(16);
  const bad = Buffer.from(good);
  for (let i = (page - 1) * pageSize; i < page * pageSize; i++) bad[i] = bad[i]! ^ 0x5a;
  return bad;
}

const folderOf = (file: string) => fs.readdirSync(path.dirname(file)).sort();

describe('a file opened with its check left until after the first screen', () => {
  it('a damaged page is refused before anything is written: the file, its folder and its backups stay as they were', async () => {
    const good = fs.readFileSync(await sampleFile());
    const pages = good.length / good.readUInt16BE(16);
    let openedDamaged = 0;
    for (let page = 2; page <= pages; page++) {
      const file = path.join(tempDir(), 'bad.db');
      fs.writeFileSync(file, withPageGarbled(good, page));
      const before = sha(file);
      let clinic: ClinicFile;
      try {
        clinic = await ClinicFile.open(file, { checkLater: true, dailyBackup: true });
      } catch (error) {
        // Some damage shows while opening all the same (the pages every open reads).
        expect((error as Error).message).toMatch(/is damaged(:| and cannot be read).*has not been changed/);
        expect(sha(file)).toBe(before);
        continue;
      }
      openedDamaged++;
      expect(clinic.checkPending).toBe(true);
      // A write is refused by the check it triggers, again at every later write, and so is a save.
      expect(() => setCounter(clinic, 1)).toThrow(/is damaged(:| and cannot be read).*has not been changed/);
      expect(() => setCounter(clinic, 2)).toThrow(UserError);
      expect(() => clinic.save()).toThrow(/is damaged/);
      expect(() => clinic.verify()).toThrow(/is damaged/);
      clinic.close();
      expect(sha(file)).toBe(before);
      // No journal, no temporary file, and no backup of a damaged file pushing a good one out.
      expect(folderOf(file)).toEqual(['bad.db']);
    }
    // Most pages are only read by the full check: the test is about those.
    expect(openedDamaged).toBeGreaterThan(pages / 2);
  });

  it('a good file is checked and hashed at its first write, so a crash after it is replayed exactly', async () => {
    const file = await sampleFile();
    const before = sha(file);
    const clinic = await ClinicFile.open(file, { checkLater: true });
    expect(clinic.checkPending).toBe(true);
    expect(counterOf(clinic)).toBe(0);
    setCounter(clinic, 41);
    expect(clinic.checkPending).toBe(false);
    expect(sha(file)).toBe(before);
    // A crash: the change is only in the journal, which names the file's hash as its base; the
    // counter is no recorded change, so only a replay on that very version brings it back.
    clinic.db.close();
    const recovered = await ClinicFile.open(file, { checkLater: true });
    // A journal to replay means writing as it opens, so it was checked at once.
    expect(recovered.checkPending).toBe(false);
    expect(counterOf(recovered)).toBe(41);
    expect(recovered.notices.join(' ')).toMatch(/1 change\(s\) .* recovered/);
    recovered.close();
  });

  it('the day’s backup is taken by the check, of the file as it was read, and not before', async () => {
    const file = await sampleFile();
    const onDisk = fs.readFileSync(file);
    const clinic = await ClinicFile.open(file, { checkLater: true, dailyBackup: true });
    expect(listBackups(file)).toEqual([]);
    setCounter(clinic, 3);
    const daily = listBackups(file).filter((b) => b.kind === 'daily');
    expect(daily).toHaveLength(1);
    expect(fs.readFileSync(path.join(`${file}.backups`, daily[0]!.name)).equals(onDisk)).toBe(true);
    clinic.close();
  });

  it('a file merely touched before the first save is still no conflict (its hash was taken from the bytes read)', async () => {
    const file = await sampleFile();
    const clinic = await ClinicFile.open(file, { checkLater: true });
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
    expect(clinic.refresh()).toBe(false);
    expect(clinic.checkPending).toBe(false);
    setCounter(clinic, 1);
    clinic.save();
    clinic.close();
    const reopened = await ClinicFile.open(file);
    expect(counterOf(reopened)).toBe(1);
    reopened.close();
  });
});

describe('the app opening for the first screen', () => {
  it('shows the figures at once and checks the file after the first comparison', async () => {
    const file = await sampleFile();
    const app = new ClinicApp({ checkLater: true, checkAfterMs: 60_000 });
    await app.openFile(file);
    expect(app.report().period).toBe('2023-10');
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The check ran by itself once the first comparison was answered; a second one finds nothing to do.
    expect(app.checkOpenFile()).toBeNull();
    expect(app.fileInfo().name).toBe('clinic.db');
    app.close();
  });

  it('a damaged file found by the check is closed untouched and the listeners are told', async () => {
    const good = fs.readFileSync(await sampleFile());
    const pages = good.length / good.readUInt16BE(16);
    const app = new ClinicApp({ checkLater: true, checkAfterMs: 60_000, dailyBackup: true });
    const told: Array<[string, string]> = [];
    app.onCheckFailed((file, error) => told.push([path.basename(file), error.message]));
    // The first page, counting back from the end, that opens although damaged.
    for (let page = pages; page >= 2; page--) {
      const file = path.join(tempDir(), 'bad.db');
      fs.writeFileSync(file, withPageGarbled(good, page));
      const before = sha(file);
      try {
        await app.openFile(file);
      } catch {
        continue;
      }
      const problem = app.checkOpenFile();
      expect(problem?.message).toMatch(/bad\.db is damaged/);
      expect(told).toEqual([['bad.db', problem!.message]]);
      expect(() => app.fileInfo()).toThrow(/No clinic file is open/);
      expect(sha(file)).toBe(before);
      expect(folderOf(file)).toEqual(['bad.db']);
      return;
    }
    throw new Error('every damaged page was refused while opening');
  });

  it('without checkLater (the command line) a damaged file is refused as it opens', async () => {
    const good = fs.readFileSync(await sampleFile());
    const file = path.join(tempDir(), 'bad.db');
    // The last page holds rows, not something every open reads.
    fs.writeFileSync(file, withPageGarbled(good, good.length / good.readUInt16BE(16)));
    await expect(new ClinicApp().openFile(file)).rejects.toThrow(/is damaged/);
  });
});
