import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { ClinicDatabase } from '../../main/store/database';
import { ClinicFile, APPLICATION_ID } from '../../main/store/clinic-file';
import { LATEST_SCHEMA } from '../../main/store/migrations';
import { insertDataset, listMeasures } from '../../main/store/catalogue';
import { october2023 } from '../../main/sample/october-2023';
import { tempDir } from '../support/temp';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function sampleFile(): Promise<string> {
  const file = path.join(tempDir(), 'clinic.db');
  (await ClinicFile.create(file, (db) => insertDataset(db, october2023))).close();
  return file;
}

describe('a clinic file on disk', () => {
  it('is created with the sample figures and opens again with the same measures', async () => {
    const file = await sampleFile();
    const reopened = await ClinicFile.open(file);
    expect(listMeasures(reopened.db)).toEqual(october2023.measures);
    expect(reopened.db.pragma('user_version')).toBe(LATEST_SCHEMA);
    expect(reopened.db.pragma('application_id')).toBe(APPLICATION_ID);
    reopened.close();
  });

  it('is never created over an existing file', async () => {
    const file = await sampleFile();
    const before = sha(file);
    await expect(ClinicFile.create(file, () => undefined)).rejects.toThrow(/already exists/);
    expect(sha(file)).toBe(before);
  });

  it('saves by replacing the file whole, leaving no temporary file behind', async () => {
    const file = await sampleFile();
    const opened = await ClinicFile.open(file);
    opened.db.run("UPDATE measures SET title = 'Renamed' WHERE key = 'contacts'");
    opened.save();
    opened.close();
    expect(readdirSync(path.dirname(file))).toEqual(['clinic.db']);
    const again = await ClinicFile.open(file);
    expect(listMeasures(again.db).find((m) => m.key === 'contacts')?.title).toBe('Renamed');
    again.close();
  });

  it('keeps foreign keys enforced after a save, although sql.js resets PRAGMAs when it exports', async () => {
    const opened = await ClinicFile.open(await sampleFile());
    opened.save();
    expect(opened.db.pragma('foreign_keys')).toBe(1);
    expect(() =>
      opened.db.run("INSERT INTO observations (measure, period, value) VALUES ('no_such_measure', '2023-10', 1)"),
    ).toThrow(/FOREIGN KEY/);
    opened.close();
  });

  it('a read-only file is never written, even to bring it up to date', async () => {
    const file = await sampleFile();
    const before = sha(file);
    const opened = await ClinicFile.open(file, { readOnly: true });
    expect(() => opened.save()).toThrow(/read-only/);
    opened.close();
    expect(sha(file)).toBe(before);
  });
});

describe('a file that is not a good clinic file gets a clear message and is left untouched', () => {
  async function expectRefused(bytes: Uint8Array, message: RegExp): Promise<void> {
    const file = path.join(tempDir(), 'bad.db');
    writeFileSync(file, bytes);
    const before = sha(file);
    await expect(new ClinicApp().openFile(file)).rejects.toThrow(message);
    expect(sha(file)).toBe(before);
    expect(readdirSync(path.dirname(file))).toEqual(['bad.db']);
  }

  it('zero-length', () => expectRefused(new Uint8Array(0), /is empty \(0 bytes\).*has not been changed/));

  it('truncated in the header', async () => {
    const good = readFileSync(await sampleFile());
    await expectRefused(good.subarray(0, 10), /cut short/);
  });

  it('truncated part-way through', async () => {
    const good = readFileSync(await sampleFile());
    await expectRefused(good.subarray(0, Math.floor(good.length / 2) + 100), /cut short/);
  });

  it('truncated at a page boundary', async () => {
    const good = readFileSync(await sampleFile());
    await expectRefused(good.subarray(0, 4096 * 2), /cut short/);
  });

  it('random bytes', () => {
    const bytes = new Uint8Array(8192);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) % 251;
    return expectRefused(bytes, /not a Performance Clinic file: it is not a SQLite database/);
  });

  it('a spreadsheet renamed to .db', () =>
    expectRefused(Buffer.from('PK\u0003\u0004 this is a zip file'), /not a SQLite database/));

  it('a SQLite database made by another program', async () => {
    const db = await ClinicDatabase.fromBytes();
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    await expectRefused(db.export(), /made by another program/);
  });

  it('an empty SQLite database', async () => {
    const db = await ClinicDatabase.fromBytes();
    await expectRefused(db.export(), /empty SQLite database/);
  });

  it('a clinic file from a newer version of the app', async () => {
    const opened = await ClinicFile.open(await sampleFile());
    opened.db.run(`PRAGMA user_version = ${LATEST_SCHEMA + 1}`);
    const bytes = opened.db.export();
    opened.close();
    await expectRefused(
      bytes,
      new RegExp(
        `newer version of Performance Clinic \\(file version ${LATEST_SCHEMA + 1}; this app reads up to ${LATEST_SCHEMA}\\)`,
      ),
    );
  });

  it('damaged inside: any page after the header zeroed or garbled', async () => {
    const good = readFileSync(await sampleFile());
    const pageSize = good.readUInt16BE(16);
    expect(good.length / pageSize).toBeGreaterThan(20);
    for (let page = 2; page <= good.length / pageSize; page++) {
      for (const garble of [false, true]) {
        const bad = Buffer.from(good);
        const start = (page - 1) * pageSize;
        for (let i = start; i < start + pageSize; i++) bad[i] = garble ? bad[i]! ^ 0x5a : 0;
        await expectRefused(bad, /is damaged(:| and cannot be read).*has not been changed/);
      }
    }
  });

  it('a folder or a missing file', async () => {
    const dir = tempDir();
    await expect(new ClinicApp().openFile(dir)).rejects.toThrow(/is a folder/);
    await expect(new ClinicApp().openFile(path.join(dir, 'nope.db'))).rejects.toThrow(/There is no file/);
    expect(existsSync(path.join(dir, 'nope.db'))).toBe(false);
  });
});

describe('the bytes a database is opened from', () => {
  async function smallFile(pageSize: number): Promise<Uint8Array> {
    const db = await ClinicDatabase.fromBytes();
    db.exec(`PRAGMA page_size = ${pageSize}; CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('before');`);
    const bytes = db.export();
    db.close();
    return bytes;
  }

  it('are never changed by the database unless handed over, even as a Buffer', async () => {
    const bytes = Buffer.from(await smallFile(4096));
    const before = Buffer.from(bytes);
    const db = await ClinicDatabase.fromBytes(bytes);
    db.run("UPDATE t SET x = 'after'");
    expect(bytes.equals(before)).toBe(true);
    db.close();
  });

  it('when handed over, become the database itself rather than a copy (sql.js still works that way)', async () => {
    const exported = await smallFile(4096);
    const bytes = new Uint8Array(exported.length);
    bytes.set(exported);
    const db = await ClinicDatabase.fromBytes(bytes, { handOver: true });
    db.run("UPDATE t SET x = 'after'");
    expect(Buffer.from(bytes).includes('after')).toBe(true);
    expect(db.get<{ x: string }>('SELECT x FROM t')?.x).toBe('after');
    db.close();
  });

  it('are copied all the same when they share memory with other Buffers', async () => {
    // Files under 4 KB come back from Node in a slice of a shared pool; a 512-byte page makes one.
    const small = Buffer.from(await smallFile(512));
    expect(small.length).toBeLessThan(4096);
    expect(small.byteLength).toBeLessThan(small.buffer.byteLength);
    const before = Buffer.from(small);
    const db = await ClinicDatabase.fromBytes(small, { handOver: true });
    db.run("UPDATE t SET x = 'after'");
    expect(small.equals(before)).toBe(true);
    db.close();
  });
});

describe('the application on its first run', () => {
  it('creates the sample clinic file where there is none, and opens it the next time', async () => {
    const file = path.join(tempDir(), 'clinic.db');
    const app = new ClinicApp();
    await app.openOrCreate(file);
    app.close();
    const before = sha(file);
    await app.openOrCreate(file);
    expect(app.report().measures.find((m) => m.key === 'contacts')?.current?.value).toBe(781);
    app.close();
    expect(sha(file)).toBe(before);
  });

  it('never replaces a damaged file with a fresh one', async () => {
    const file = path.join(tempDir(), 'clinic.db');
    writeFileSync(file, 'not a database at all');
    await expect(new ClinicApp().openOrCreate(file)).rejects.toThrow(/not a Performance Clinic file/);
    expect(readFileSync(file, 'utf8')).toBe('not a database at all');
  });

  it('saves a copy elsewhere but not over the open file', async () => {
    const dir = tempDir();
    const app = new ClinicApp();
    await app.createFile(path.join(dir, 'clinic.db'));
    app.saveCopy(path.join(dir, 'copy.db'));
    expect(() => app.saveCopy(path.join(dir, 'clinic.db'))).toThrow(/already open/);
    app.close();
    const copy = new ClinicApp();
    await copy.openFile(path.join(dir, 'copy.db'));
    expect(copy.report().period).toBe('2023-10');
    copy.close();
  });
});

describe('migrations', () => {
  it('a file from the first version is brought up to date, after a backup of it as it was', async () => {
    const { migrate001 } = await import('../../main/store/migrations/001-initial');
    const old = await ClinicDatabase.fromBytes();
    old.transaction(() => {
      migrate001(old);
      old.run('PRAGMA user_version = 1');
      old.run(`PRAGMA application_id = ${APPLICATION_ID}`);
    });
    // A file of schema 1 could hold no rates per 10,000 children (schema 12 added them).
    const before12 = { ...october2023, measures: october2023.measures.filter((m) => m.unit !== 'rate_10k') };
    insertDataset(old, before12);
    const file = path.join(tempDir(), 'old.db');
    writeFileSync(file, old.export());
    old.close();
    const before = readFileSync(file);

    const opened = await ClinicFile.open(file);
    expect(opened.db.pragma('user_version')).toBe(LATEST_SCHEMA);
    // A file of schema 1 had no benchmark years (schema 3 added them), so none are brought over.
    const noYears = { national: null, regional: null, statistical_neighbours: null };
    // Nor any measure that is part of another (schema 12 added that too).
    expect(listMeasures(opened.db)).toEqual(
      before12.measures.map((m) => ({ ...m, benchmark_years: noYears, part_of: null })),
    );
    opened.close();
    const backups = readdirSync(`${file}.backups`);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^before-migration-/);
    expect(readFileSync(path.join(`${file}.backups`, backups[0]!))).toEqual(before);
  });

  it('the schema changes only on purpose (update the snapshot with the migration that changes it)', async () => {
    const file = await sampleFile();
    const opened = await ClinicFile.open(file);
    const schema = opened.db
      .all<{ sql: string }>('SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, name')
      .map((r) => r.sql.replace(/\s+/g, ' '));
    opened.close();
    expect(schema).toMatchSnapshot();
  });
});
