import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClinicDatabase } from './database';
import { writeFileAtomic } from './durable-file';
import { UserError } from './errors';
import { LATEST_SCHEMA, migrations } from './migrations';

/** Written into every clinic file's header so that other SQLite databases are recognised as such. */
export const APPLICATION_ID = 0x50434c4e; // "PCLN"

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const UNTOUCHED = 'The file has not been changed.';

/** Checks the SQLite header before sql.js sees the bytes, so a bad file gets a clear message. */
export function checkHeader(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) {
    throw new UserError(`${name} is empty (0 bytes): it may have been cut off while it was copied or saved. ${UNTOUCHED}`);
  }
  const magic = Buffer.from(bytes.subarray(0, 16)).toString('latin1');
  if (magic !== SQLITE_MAGIC) {
    if (bytes.length < 16 && Buffer.from(SQLITE_MAGIC, 'latin1').subarray(0, bytes.length).equals(Buffer.from(bytes))) {
      throw new UserError(`${name} is cut short (only ${bytes.length} bytes). ${UNTOUCHED}`);
    }
    throw new UserError(`${name} is not a Performance Clinic file: it is not a SQLite database. ${UNTOUCHED}`);
  }
  if (bytes.length < 100) throw new UserError(`${name} is cut short (only ${bytes.length} bytes). ${UNTOUCHED}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = view.getUint32(28);
  const pageCountValid = view.getUint32(92) === view.getUint32(24);
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw new UserError(`${name} is damaged: its SQLite header is not valid. ${UNTOUCHED}`);
  }
  if (bytes.length % pageSize !== 0 || (pageCountValid && pageCount * pageSize > bytes.length)) {
    throw new UserError(`${name} is cut short: it is ${bytes.length.toLocaleString('en-GB')} bytes but its header says it should be ${(pageCount * pageSize).toLocaleString('en-GB')}. ${UNTOUCHED}`);
  }
}

/** Brings a database up to the latest schema in one transaction, or refuses a file from a newer app. */
export function migrate(db: ClinicDatabase, name: string): { from: number; to: number } {
  const from = Number(db.pragma('user_version'));
  if (from > LATEST_SCHEMA) {
    throw new UserError(
      `${name} was saved by a newer version of Performance Clinic (file version ${from}; this app reads up to ${LATEST_SCHEMA}). Update the app to open it. ${UNTOUCHED}`,
    );
  }
  if (from < LATEST_SCHEMA) {
    db.transaction(() => {
      for (let version = from + 1; version <= LATEST_SCHEMA; version++) {
        const step = migrations[version - 1];
        if (!step) throw new Error(`missing migration ${version}`);
        step(db);
      }
      db.run(`PRAGMA user_version = ${LATEST_SCHEMA}`);
      db.run(`PRAGMA application_id = ${APPLICATION_ID}`);
    });
  }
  return { from, to: LATEST_SCHEMA };
}

function checkIsClinicFile(db: ClinicDatabase, name: string): void {
  let applicationId: number;
  let tableCount: number;
  try {
    applicationId = Number(db.pragma('application_id'));
    tableCount = Number(db.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")?.n ?? 0);
  } catch {
    throw new UserError(`${name} is damaged and cannot be read. ${UNTOUCHED}`);
  }
  if (applicationId !== APPLICATION_ID) {
    throw new UserError(
      tableCount === 0
        ? `${name} is an empty SQLite database, not a Performance Clinic file. ${UNTOUCHED}`
        : `${name} is a SQLite database made by another program, not a Performance Clinic file. ${UNTOUCHED}`,
    );
  }
  const check = db.all<{ quick_check: string }>('PRAGMA quick_check');
  if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
    throw new UserError(`${name} is damaged: SQLite found ${check.length} problem(s) in it. ${UNTOUCHED}`);
  }
}

/** Opens the bytes of a clinic file as a database at the latest schema. The bytes on disk are not touched. */
export async function openClinicBytes(bytes: Uint8Array, name: string): Promise<{ db: ClinicDatabase; migratedFrom: number }> {
  checkHeader(bytes, name);
  const db = await ClinicDatabase.fromBytes(bytes);
  try {
    checkIsClinicFile(db, name);
    const { from } = migrate(db, name);
    return { db, migratedFrom: from };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A fresh database at the latest schema. */
export async function newClinicDatabase(): Promise<ClinicDatabase> {
  const db = await ClinicDatabase.fromBytes();
  migrate(db, 'new clinic file');
  return db;
}

/** The clinic file on disk and the database held in memory for it. */
export class ClinicFile {
  private constructor(
    readonly path: string,
    readonly db: ClinicDatabase,
    /** A read-only file is never written back: reports, and a file another writer holds. */
    readonly readOnly: boolean,
  ) {}

  get name(): string {
    return path.basename(this.path);
  }

  static async open(file: string, options: { readOnly?: boolean } = {}): Promise<ClinicFile> {
    const name = path.basename(file);
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new UserError(`There is no file at ${file}.`);
      if (code === 'EISDIR') throw new UserError(`${file} is a folder, not a clinic file.`);
      if (code === 'EACCES' || code === 'EPERM') throw new UserError(`Permission to read ${file} was refused.`);
      throw new UserError(`Could not read ${file}: ${(error as Error).message}`);
    }
    const { db, migratedFrom } = await openClinicBytes(bytes, name);
    const opened = new ClinicFile(file, db, options.readOnly ?? false);
    if (migratedFrom !== LATEST_SCHEMA && !opened.readOnly) opened.save();
    return opened;
  }

  /** Creates a new clinic file, filled by `fill`, and refuses to replace a file that exists. */
  static async create(file: string, fill: (db: ClinicDatabase) => void): Promise<ClinicFile> {
    if (fs.existsSync(file)) throw new UserError(`${file} already exists; it has not been changed. Choose another name.`);
    const db = await newClinicDatabase();
    db.transaction(() => fill(db));
    const created = new ClinicFile(file, db, false);
    created.save();
    return created;
  }

  /** Writes the whole database to disk atomically. */
  save(): void {
    if (this.readOnly) throw new UserError(`${this.name} is open read-only, so it cannot be saved. Save a copy instead.`);
    writeFileAtomic(this.path, this.db.export());
  }

  /** Writes a copy elsewhere; the open file stays the one in use. */
  saveCopy(target: string): void {
    writeFileAtomic(target, this.db.export());
  }

  close(): void {
    this.db.close();
  }
}
