import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { isDailyBackupDue, takeBackup, takeBackupCopy, type BackupKind } from './backups';
import { ClinicDatabase, defaultChangeSource, type ChangeSource } from './database';
import { realFs, writeFileAtomic, type SaveFs } from './durable-file';
import { FileLock, type LockOptions, type LockOwner } from './file-lock';
import { Journal, journalPathFor, readJournal } from './journal';
import { UserError } from '../errors';
import { LATEST_SCHEMA, migrations } from './migrations';

/** Written into every clinic file's header so that other SQLite databases are recognised as such. */
export const APPLICATION_ID = 0x50434c4e; // "PCLN"

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const UNTOUCHED = 'The file has not been changed.';

/** Checks the SQLite header before sql.js sees the bytes, so a bad file gets a clear message. */
export function checkHeader(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) {
    throw new UserError(
      `${name} is empty (0 bytes): it may have been cut off while it was copied or saved. ${UNTOUCHED}`,
    );
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
    throw new UserError(
      `${name} is cut short: it is ${bytes.length.toLocaleString('en-GB')} bytes but its header says it should be ${(pageCount * pageSize).toLocaleString('en-GB')}. ${UNTOUCHED}`,
    );
  }
}

/** The schema version (PRAGMA user_version) as the SQLite header records it, at offset 60. */
function schemaInHeader(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(60);
}

function refuseNewer(db: ClinicDatabase, name: string): void {
  const version = Number(db.pragma('user_version'));
  if (version > LATEST_SCHEMA) {
    throw new UserError(
      `${name} was saved by a newer version of Performance Clinic (file version ${version}; this app reads up to ${LATEST_SCHEMA}). Update the app to open it. ${UNTOUCHED}`,
    );
  }
}

/** Brings a database up to the latest schema in one transaction, or refuses a file from a newer app. */
export function migrate(db: ClinicDatabase, name: string): { from: number; to: number } {
  refuseNewer(db, name);
  const from = Number(db.pragma('user_version'));
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
  // The structure of every page, without re-running each row's CHECK constraints: SQLite
  // enforced those when the rows were written, and re-checking them doubled the time of this
  // check (90 of 170 ms at 450,000 observations) for damage the page checks already find.
  let check: Array<{ quick_check: string }>;
  db.run('PRAGMA ignore_check_constraints = ON');
  try {
    check = db.all<{ quick_check: string }>('PRAGMA quick_check');
  } catch {
    // Some damage stops the check itself ("database disk image is malformed").
    throw new UserError(`${name} is damaged and cannot be read. ${UNTOUCHED}`);
  } finally {
    db.run('PRAGMA ignore_check_constraints = OFF');
  }
  if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
    throw new UserError(`${name} is damaged: SQLite found ${check.length} problem(s) in it. ${UNTOUCHED}`);
  }
}

/**
 * Opens the bytes of a clinic file as a database at the latest schema. `beforeMigrate` runs on
 * the file as it was written (a crash journal is replayed there, against the schema it was
 * recorded on). The bytes on disk are not touched. With `handOver` the caller gives up `bytes`
 * (see ClinicDatabase.fromBytes) and must not read them again.
 */
export async function openClinicBytes(
  bytes: Uint8Array,
  name: string,
  beforeMigrate: (db: ClinicDatabase) => void = () => undefined,
  { handOver = false }: { handOver?: boolean } = {},
): Promise<{ db: ClinicDatabase; migratedFrom: number }> {
  checkHeader(bytes, name);
  const db = await ClinicDatabase.fromBytes(bytes, { handOver });
  try {
    checkIsClinicFile(db, name);
    refuseNewer(db, name);
    beforeMigrate(db);
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

/** Who writes, on which device: the display name and the per-install id of this copy of the app. */
export interface ChangeOptions {
  device?: string;
  author?: () => string;
}

/**
 * Stamps the database's writes with this device and author, its clock moved past every change
 * already in the file (so a new change always sorts after what this copy has seen).
 */
export function attachChangeSource(db: ClinicDatabase, options: ChangeOptions = {}): ChangeSource {
  const source = defaultChangeSource(options.device, options.author);
  if (db.recordsChanges) {
    const last = db.get<{ id: string | null }>('SELECT max(id) AS id FROM changes')?.id;
    if (last) source.clock.observe(last, false);
  }
  db.changeSource = source;
  return source;
}

/** The id every copy of one clinic file shares (schema 7 on). */
export function originOf(db: ClinicDatabase): string | null {
  return db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'origin'")?.value ?? null;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What the file on disk looked like when we last read or wrote it. */
interface Fingerprint {
  size: number;
  mtimeMs: number;
  hash: string;
}

function fingerprintOf(file: string, bytes: Uint8Array): Fingerprint {
  const stat = fs.statSync(file);
  return { size: stat.size, mtimeMs: stat.mtimeMs, hash: sha256(bytes) };
}

export interface OpenOptions {
  /** Never write: reports, and files another writer holds. */
  readOnly?: boolean;
  /** Take the lock beside the file (the app does; one-off command-line reads need not). */
  lock?: boolean;
  lockOptions?: LockOptions;
  /** Take today's automatic backup if there is none yet. */
  dailyBackup?: boolean;
  /** The file-system calls saves make; tests replace them to inject faults. */
  fs?: SaveFs;
  /** The device and author stamped on every change (a random device per process when absent). */
  changes?: ChangeOptions;
}

function conflictCopyName(file: string, now = new Date()): string {
  const ext = path.extname(file);
  const stamp = now.toISOString().slice(0, 16).replace('T', ' ').replace(':', '.');
  return path.join(path.dirname(file), `${path.basename(file, ext)} (conflict ${stamp})${ext}`);
}

/** The clinic file on disk and the database held in memory for it. */
export class ClinicFile {
  private journal: Journal | null = null;
  /** Set when a journal append failed: until a full save succeeds, every change is saved whole. */
  private journalBroken = false;
  private unsaved = false;
  /** Messages for the person about what happened on opening (a replayed journal, a lock held elsewhere). */
  readonly notices: string[] = [];

  private constructor(
    private filePath: string,
    readonly db: ClinicDatabase,
    readonly readOnly: boolean,
    private fingerprint: Fingerprint,
    private lock: FileLock | null,
    private readonly fs: SaveFs,
    readonly lockedBy: LockOwner | null,
  ) {
    this.versionOnDisk = db.dataVersion;
  }

  /**
   * The database's data version when what is in memory was last the same as the file on disk (it
   * was opened from the file, or saved to it). Set when opening replays or migrates, by the save
   * that follows.
   */
  private versionOnDisk: string;

  get path(): string {
    return this.filePath;
  }

  get name(): string {
    return path.basename(this.filePath);
  }

  /** True while changes sit in the journal (or only in memory) rather than in the file itself. */
  get needsCheckpoint(): boolean {
    return this.journal !== null || this.unsaved;
  }

  /** True while a change exists only in memory (a save failed and must be retried). */
  get hasUnsavedChanges(): boolean {
    return this.unsaved;
  }

  static async open(file: string, options: OpenOptions = {}): Promise<ClinicFile> {
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
    const fingerprint = fingerprintOf(file, bytes);

    let readOnly = options.readOnly ?? false;
    let lock: FileLock | null = null;
    let lockedBy: LockOwner | null = null;
    if (!readOnly && options.lock) {
      const taken = FileLock.acquire(file, options.lockOptions);
      if (taken.held) lock = taken.lock;
      else {
        readOnly = true;
        lockedBy = taken.owner;
      }
    }

    // The bytes are kept only for a backup about to be taken of them; otherwise sql.js takes
    // them as the database's file rather than copying them.
    const now = new Date();
    const dailyBackupDue = !readOnly && (options.dailyBackup ?? false) && isDailyBackupDue(file, now);
    const migrationDue = !readOnly && bytes.length >= 100 && schemaInHeader(bytes) < LATEST_SCHEMA;
    const keepBytes = dailyBackupDue || migrationDue;

    let journal: { replayed: number; setAside: string | null } = { replayed: 0, setAside: null };
    let opened: { db: ClinicDatabase; migratedFrom: number };
    try {
      opened = await openClinicBytes(
        bytes,
        name,
        (db) => {
          journal = replayJournal(file, db, fingerprint.hash, readOnly);
        },
        { handOver: !keepBytes },
      );
    } catch (error) {
      lock?.release();
      throw error;
    }
    attachChangeSource(opened.db, options.changes);
    const clinic = new ClinicFile(file, opened.db, readOnly, fingerprint, lock, options.fs ?? realFs, lockedBy);
    if (lockedBy) {
      clinic.notices.push(
        `${name} is open for editing by ${lockedBy.user} on ${lockedBy.host} since ${new Date(lockedBy.since).toLocaleString('en-GB')}, so it has opened read-only.`,
      );
    }
    const { replayed, setAside } = journal;
    if (replayed > 0) {
      clinic.notices.push(
        `${replayed} change(s) made just before the app last closed unexpectedly have been recovered.`,
      );
    }
    if (setAside) {
      clinic.notices.push(
        `Unsaved changes were found in ${path.basename(setAside)}, but ${name} has been replaced since they were made, so they were not applied. They are kept in that file.`,
      );
    }
    if (!readOnly) {
      if (dailyBackupDue) takeBackup(file, 'daily', bytes, now);
      if (opened.migratedFrom !== LATEST_SCHEMA) {
        if (!migrationDue) throw new Error('the schema in the file header and PRAGMA user_version disagree');
        takeBackup(file, 'before-migration', bytes);
      }
      if (opened.migratedFrom !== LATEST_SCHEMA || replayed > 0) clinic.save();
      if (replayed > 0) fs.rmSync(journalPathFor(file), { force: true });
    }
    return clinic;
  }

  /** Creates a new clinic file, filled by `fill`, and refuses to replace a file that exists. */
  static async create(
    file: string,
    fill: (db: ClinicDatabase) => void,
    options: OpenOptions = {},
  ): Promise<ClinicFile> {
    if (fs.existsSync(file))
      throw new UserError(`${file} already exists; it has not been changed. Choose another name.`);
    const db = await newClinicDatabase();
    attachChangeSource(db, options.changes);
    db.transaction(() => fill(db));
    const bytes = db.export();
    const saveFs = options.fs ?? realFs;
    writeFileAtomic(file, bytes, saveFs);
    let lock: FileLock | null = null;
    if (options.lock) {
      const taken = FileLock.acquire(file, options.lockOptions);
      if (taken.held) lock = taken.lock;
    }
    return new ClinicFile(file, db, false, fingerprintOf(file, bytes), lock, saveFs, null);
  }

  /**
   * Makes a change and returns only once it is on disk: the change runs in one transaction and
   * is appended to the journal and flushed. If that fails the change is kept in memory, the
   * error says so, and the next change (or `save`) writes the whole file.
   */
  commit<T>(fn: () => T): T {
    this.assertWritable();
    const { result, ops } = this.db.recorded(fn);
    if (ops.length === 0) return result;
    this.unsaved = true;
    if (this.journalBroken) {
      this.save();
      return result;
    }
    try {
      this.journal ??= Journal.start(this.filePath, this.fingerprint.hash, this.fs);
      this.journal.append(ops);
    } catch (error) {
      // A torn entry may now end the journal; entries after it would never be read back.
      this.journalBroken = true;
      try {
        this.save();
      } catch (saveError) {
        throw saveError instanceof UserError
          ? saveError
          : new UserError(
              `Your change is kept in the app but could not be written to disk: ${(error as Error).message}`,
            );
      }
    }
    return result;
  }

  /**
   * Writes the whole database to disk atomically, folding in the journal. If the file on disk
   * was changed by someone else since we read it, it is not replaced: our version is written
   * beside it as a conflict copy, which becomes the file in use, and the error says so.
   */
  save(): void {
    this.assertWritable();
    const conflict = this.changedOnDisk();
    if (this.journal)
      this.db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('journal_folded', ?)", [
        `${this.journal.header.id}:${this.journal.lastSeq}`,
      ]);
    const bytes = this.db.export();
    if (conflict) {
      const copy = conflictCopyName(this.filePath);
      writeFileAtomic(copy, bytes, this.fs);
      const original = this.filePath;
      this.journal?.remove();
      this.journal = null;
      this.lock?.release();
      this.lock = null;
      const taken = FileLock.acquire(copy);
      if (taken.held) this.lock = taken.lock;
      this.filePath = copy;
      this.fingerprint = fingerprintOf(copy, bytes);
      this.versionOnDisk = this.db.dataVersion;
      this.unsaved = false;
      this.journalBroken = false;
      throw new UserError(
        `${path.basename(original)} was changed by someone else since you opened it, so it was not overwritten. Your version, with all your changes, is saved beside it as ${path.basename(copy)}, and you are now working in that copy.`,
      );
    }
    writeFileAtomic(this.filePath, bytes, this.fs);
    this.fingerprint = fingerprintOf(this.filePath, bytes);
    this.versionOnDisk = this.db.dataVersion;
    this.journal?.remove();
    this.journal = null;
    this.journalBroken = false;
    this.unsaved = false;
  }

  /** Writes a copy elsewhere; the open file stays the one in use. */
  saveCopy(target: string): void {
    writeFileAtomic(target, this.db.export(), this.fs);
  }

  /**
   * Backs up the clinic as it is now (before an import, say). When nothing has changed since the
   * file was read or saved, and nobody has replaced it since, the file on disk is copied: no
   * export of the whole database into memory (about 40 MB and 300 ms at 450,000 observations).
   */
  backup(kind: BackupKind, now = new Date()): string {
    if (this.db.dataVersion === this.versionOnDisk && this.onDiskAsLastSeen()) {
      const name = takeBackupCopy(this.filePath, kind, now);
      // Replaced while it was being copied: the copy may be theirs, so back up ours after all.
      if (this.onDiskAsLastSeen()) return name;
    }
    return takeBackup(this.filePath, kind, this.db.export(), now);
  }

  close(): void {
    if (!this.readOnly && (this.journal || this.unsaved)) {
      try {
        this.save();
      } catch {
        // The journal stays on disk and is replayed on the next open; nothing is lost.
      }
    }
    this.journal?.close();
    this.lock?.release();
    this.db.close();
  }

  private assertWritable(): void {
    if (this.readOnly)
      throw new UserError(`${this.name} is open read-only, so changes cannot be saved. Save a copy to work on it.`);
  }

  /** The file on disk has the size and modification time it had when we last read or wrote it. */
  private onDiskAsLastSeen(): boolean {
    const stat = fs.statSync(this.filePath, { throwIfNoEntry: false });
    return stat !== undefined && stat.size === this.fingerprint.size && stat.mtimeMs === this.fingerprint.mtimeMs;
  }

  /** Size and modification time first (cheap); the content hash decides. */
  private changedOnDisk(): boolean {
    const stat = fs.statSync(this.filePath, { throwIfNoEntry: false });
    if (!stat) return false;
    if (stat.size === this.fingerprint.size && stat.mtimeMs === this.fingerprint.mtimeMs) return false;
    return sha256(fs.readFileSync(this.filePath)) !== this.fingerprint.hash;
  }
}

/**
 * Replays a journal left by a crash into a database just read from disk. Entries already folded
 * into the file are skipped; a journal that belongs to a different version of the file (it was
 * replaced meanwhile) is set aside, never applied to the wrong data and never deleted.
 */
function replayJournal(
  file: string,
  db: ClinicDatabase,
  fileHash: string,
  readOnly: boolean,
): { replayed: number; setAside: string | null } {
  const found = readJournal(file);
  if (!found) return { replayed: 0, setAside: null };
  const folded = db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'journal_folded'")?.value ?? '';
  const [foldedId, foldedSeq] = folded.split(':');
  let after: number;
  if (foldedId === found.header.id) after = Number(foldedSeq);
  else if (found.header.base === fileHash) after = 0;
  else {
    const setAside = `${journalPathFor(file)}.set-aside-${Date.now()}`;
    if (!readOnly) fs.renameSync(journalPathFor(file), setAside);
    return { replayed: 0, setAside: readOnly ? journalPathFor(file) : setAside };
  }
  const pending = found.entries.filter((e) => e.seq > after);
  db.transaction(() => {
    for (const entry of pending) for (const [sql, params] of entry.ops) db.run(sql, params);
    const last = found.entries.at(-1)?.seq ?? after;
    // Marks the journal as folded in, so a crash before it is deleted cannot replay it twice.
    db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('journal_folded', ?)", [`${found.header.id}:${last}`]);
  });
  return { replayed: pending.length, setAside: null };
}
