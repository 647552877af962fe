import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { isDailyBackupDue, takeBackup, takeBackupCopy, type BackupKind } from './backups';
import { ClinicDatabase, defaultChangeSource, type ChangeSource } from './database';
import { realFs, writeFileAtomic, type SaveFs } from './durable-file';
import { FileLock, isLockStaging, type LockOptions, type LockOwner } from './file-lock';
import {
  claimJournal,
  Journal,
  journalPathFor,
  orphanedJournals,
  readJournalAt,
  releaseJournal,
  type JournalChange,
  type JournalEntry,
  type JournalHeader,
} from './journal';
import { Presence, type PresenceOptions, type PresenceRecord } from './presence';
import { mergeChanges, mergeFrom, type StoredChange } from './sync';
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

function checkIsClinicFile(db: ClinicDatabase, name: string, { everyPage = true }: { everyPage?: boolean } = {}): void {
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
  if (everyPage) checkEveryPage(db, name);
}

/**
 * The structure of every page, without re-running each row's CHECK constraints: SQLite enforced
 * those when the rows were written, and re-checking them doubled the time of this check (90 of
 * 170 ms at 450,000 observations) for damage the page checks already find. It is most of the
 * time of opening a large file, so the app may leave it until after the first screen, but never
 * past the first write (see ClinicFile.verify).
 */
function checkEveryPage(db: ClinicDatabase, name: string): void {
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
 * (see ClinicDatabase.fromBytes) and must not read them again once anything is written. With
 * `everyPage: false` the pages are left for the caller to check before anything is written.
 */
export async function openClinicBytes(
  bytes: Uint8Array,
  name: string,
  beforeMigrate: (db: ClinicDatabase) => void = () => undefined,
  { handOver = false, everyPage = true }: { handOver?: boolean; everyPage?: boolean } = {},
): Promise<{ db: ClinicDatabase; migratedFrom: number }> {
  checkHeader(bytes, name);
  const db = await ClinicDatabase.fromBytes(bytes, { handOver });
  try {
    checkIsClinicFile(db, name, { everyPage });
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

function fingerprintOf(file: string, bytes: Uint8Array, { hash = true }: { hash?: boolean } = {}): Fingerprint {
  const stat = fs.statSync(file);
  // Without the hash it is worked out before anything is written (see ClinicFile.verify).
  return { size: stat.size, mtimeMs: stat.mtimeMs, hash: hash ? sha256(bytes) : '' };
}

export interface OpenOptions {
  /** Never write: reports, and copies only read. */
  readOnly?: boolean;
  /**
   * Work on the file with others: say so beside it (presence, with a heartbeat) so they see who
   * has it open. Every save takes the short lock beside the file, with or without this.
   */
  lock?: boolean;
  lockOptions?: SaveLockOptions;
  /** Take today's automatic backup if there is none yet. */
  dailyBackup?: boolean;
  /** The file-system calls saves make; tests replace them to inject faults. */
  fs?: SaveFs;
  /** The device and author stamped on every change (a random device per process when absent). */
  changes?: ChangeOptions;
  /**
   * The folder on this computer (in the user data folder) where this person's journals are kept:
   * the outbox, which keeps confirmed changes while the shared file cannot be reached. Without
   * it each writer's journal is kept beside the file.
   */
  outbox?: string;
  presence?: PresenceOptions;
  /**
   * Open as fast as possible for the first screen: the header, the file's own id and its schema
   * are checked, but the check of every page, the hash of the bytes and the day's backup wait for
   * `verify`, which runs before anything is written (or when the caller asks, after the first
   * screen). A file that needs writing as it opens (a crash journal to replay, a migration) is
   * checked at once all the same.
   */
  checkLater?: boolean;
}

/** What opening left for `ClinicFile.verify`: the bytes as read, unchanged until the first write. */
interface PendingCheck {
  bytes: Uint8Array;
  dailyBackupDue: boolean;
  now: Date;
  /** Set once the check found damage: every write is refused with it. */
  failed?: UserError;
}

/** The short lock of a save: how long to wait for it, and when another's lock counts as abandoned. */
export interface SaveLockOptions extends LockOptions {
  /** How long a save waits for someone else's save to finish before it gives up. */
  waitMs?: number;
}

/** A save waits this long for another writer's save (a second or two) before giving up. */
const DEFAULT_LOCK_WAIT_MS = 5_000;
/** Nobody holds the lock for more than the seconds of a save; one this old was left by a crash. */
const DEFAULT_SAVE_LOCK_STALE_MS = 60_000;

/**
 * The errors that mean the shared file cannot be reached now (the network drive is gone, the
 * laptop left the office, access to the share was withdrawn), rather than that the save itself
 * failed (a full disk, say). A folder that can no longer be looked at counts too, whatever the error.
 */
const UNREACHABLE = new Set([
  'EACCES',
  'ETIMEDOUT',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ENETUNREACH',
  'ENETRESET',
  'ENOTCONN',
  'ECONNRESET',
  'ECONNREFUSED',
  'ESTALE',
]);

function errorCode(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 3 && typeof e === 'object' && e !== null; depth++) {
    if ('code' in e && typeof e.code === 'string') return e.code;
    e = 'cause' in e ? e.cause : undefined;
  }
  return '';
}

/** The save could not reach the shared file; the changes wait, confirmed, in this person's outbox. */
export class OfflineError extends UserError {}

/** Someone else's save holds the lock beyond the bounded wait; the changes wait, confirmed, on this computer. */
export class LockBusyError extends UserError {
  constructor(
    message: string,
    /** Who holds the lock, on which computer, since when, in words. */
    readonly holder: string,
  ) {
    super(message);
  }
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
}

export function describeHolder(owner: LockOwner | null): string {
  return owner ? `${owner.user} on ${owner.host} (since ${when(owner.since)})` : 'someone else';
}

/** The temporary files a save writes beside the file (see durable-file.ts). */
function isTempOf(file: string, name: string): boolean {
  const prefix = `.${path.basename(file)}.`;
  return name.startsWith(prefix) && /^\d+\.\d+\.tmp$/.test(name.slice(prefix.length));
}

/** The clinic file on disk and the database held in memory for it. */
export class ClinicFile {
  private journal: Journal | null = null;
  /** Set when a journal append failed: until a full save succeeds, every change is saved whole. */
  private journalBroken = false;
  private unsaved = false;
  /** Journals of writers that had gone, replayed here on opening: removed once a save holds them. */
  private adopted: Array<{ path: string; entries: number }> = [];
  /** Messages for the person about what happened on opening (a replayed journal, say). */
  readonly notices: string[] = [];
  /** Set while the shared file cannot be reached: confirmed changes wait in the outbox. */
  private offlineSince: string | null = null;
  /** The last save or refresh that brought in other people's changes. */
  private lastMerged: { authors: string[]; at: string } | null = null;
  private presence: Presence | null = null;
  private database: ClinicDatabase;
  /** Set while the check of every page is owed (opened with checkLater); see verify. */
  private pendingCheck: PendingCheck | null = null;

  private constructor(
    private readonly filePath: string,
    db: ClinicDatabase,
    readonly readOnly: boolean,
    /** What the file on disk looked like when we last read or wrote it. */
    private fingerprint: Fingerprint,
    /**
     * SHA-256 of a file on disk whose content is exactly what is in memory (the one we opened or
     * last wrote), so a journal started now can be replayed statement by statement on it; null
     * once others' changes were merged in from a newer file (no file on disk equals memory).
     */
    private base: string | null,
    private readonly fs: SaveFs,
    private readonly options: OpenOptions,
  ) {
    this.database = db;
    this.versionOnDisk = db.dataVersion;
  }

  /**
   * The database's data version when what is in memory was last the same as the file on disk (it
   * was opened from the file, or saved to it). Set when opening replays or migrates, by the save
   * that follows.
   */
  private versionOnDisk: string;

  get db(): ClinicDatabase {
    return this.database;
  }

  get path(): string {
    return this.filePath;
  }

  get name(): string {
    return path.basename(this.filePath);
  }

  /** True while changes sit in the journal (or only in memory) rather than in the file itself. */
  get needsCheckpoint(): boolean {
    return this.journal !== null || this.unsaved || this.adopted.length > 0;
  }

  /** True while a change exists only in memory (a save failed and must be retried). */
  get hasUnsavedChanges(): boolean {
    return this.unsaved;
  }

  /** Confirmed changes not yet in the shared file, while it cannot be reached; null when it can. */
  get offline(): { pending: number; since: string } | null {
    if (!this.offlineSince) return null;
    const pending = (this.journal?.lastSeq ?? 0) + this.adopted.reduce((n, a) => n + a.entries, 0);
    return { pending, since: this.offlineSince };
  }

  /** The last save or refresh that brought in other people's changes: who made them, and when. */
  get merged(): { authors: string[]; at: string } | null {
    return this.lastMerged ? { authors: [...this.lastMerged.authors], at: this.lastMerged.at } : null;
  }

  /** Everyone else who has the file open now (none when this open does not show its presence). */
  others(): PresenceRecord[] {
    return this.presence?.others() ?? [];
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
    const readOnly = options.readOnly ?? false;
    if (!readOnly) removeStaleTempFiles(file, options.lockOptions);

    const now = new Date();
    const dailyBackupDue = !readOnly && (options.dailyBackup ?? false) && isDailyBackupDue(file, now);
    const migrationDue = !readOnly && bytes.length >= 100 && schemaInHeader(bytes) < LATEST_SCHEMA;

    const journals = orphanedJournals(file, options.outbox, { includeLive: readOnly })
      .map((at) => ({ at, found: readJournalAt(at) }))
      .filter((j): j is { at: string; found: NonNullable<ReturnType<typeof readJournalAt>> } => j.found !== null);
    // Checked later only when nothing is written as it opens: a replay or a migration writes at once.
    const checkLater = (options.checkLater ?? false) && journals.length === 0 && !migrationDue;
    const fingerprint = fingerprintOf(file, bytes, { hash: !checkLater });
    // The bytes are kept only for a backup about to be taken of them; otherwise sql.js takes
    // them as the database's file rather than copying them. A check left for later takes the
    // day's backup from them before the first write, while they are still the file as read.
    const keepBytes = (dailyBackupDue && !checkLater) || migrationDue;
    // Taken by this open until a save holds them (released again if the open fails).
    let opening: ClinicDatabase | null = null;
    if (!readOnly) for (const j of journals) claimJournal(j.at, () => opening === null || !opening.closed);
    let replay: Replay = { replayed: 0, setAside: [], adopted: [] };
    let opened: { db: ClinicDatabase; migratedFrom: number };
    try {
      opened = await openClinicBytes(
        bytes,
        name,
        (db) => {
          replay = replayExactly(file, db, fingerprint.hash, journals, readOnly);
        },
        { handOver: !keepBytes, everyPage: !checkLater },
      );
      opening = opened.db;
      attachChangeSource(opened.db, options.changes);
      replayMerging(opened.db, replay, readOnly);
    } catch (error) {
      for (const j of journals) releaseJournal(j.at);
      if (opening && !opening.closed) opening.close();
      // Unchecked, damage can stop the first reads (the full check would have found it first).
      if (checkLater && !(error instanceof UserError))
        throw new UserError(`${name} is damaged and cannot be read. ${UNTOUCHED}`, { cause: error });
      throw error;
    }
    const changed = replay.replayed > 0;
    const clinic = new ClinicFile(
      file,
      opened.db,
      readOnly,
      fingerprint,
      // Replayed changes are in memory only: no file on disk equals it until the save below.
      changed ? null : fingerprint.hash,
      options.fs ?? realFs,
      options,
    );
    clinic.adopted = readOnly ? [] : replay.adopted;
    if (changed) {
      clinic.notices.push(
        `${replay.replayed} change(s) made just before the app last closed unexpectedly have been recovered.`,
      );
    }
    for (const setAside of replay.setAside) {
      clinic.notices.push(
        `Unsaved changes were found in ${path.basename(setAside)}, but ${name} has been replaced since they were made, so they were not applied. They are kept in that file.`,
      );
    }
    if (checkLater) {
      clinic.pendingCheck = { bytes, dailyBackupDue, now };
      opened.db.beforeFirstWrite = () => clinic.verify();
    }
    if (!readOnly) {
      if (dailyBackupDue && !checkLater) takeBackup(file, 'daily', bytes, now);
      if (opened.migratedFrom !== LATEST_SCHEMA) {
        if (!migrationDue) throw new Error('the schema in the file header and PRAGMA user_version disagree');
        takeBackup(file, 'before-migration', bytes);
      }
      if (opened.migratedFrom !== LATEST_SCHEMA || changed || clinic.adopted.length > 0) {
        try {
          clinic.save();
        } catch (error) {
          // Recovered changes stay in their journals, and in memory, until a save succeeds.
          if (!(error instanceof UserError)) throw error;
          clinic.notices.push(error.message);
        }
      }
      if (options.lock) {
        clinic.presence = Presence.enter(
          file,
          () => options.changes?.author?.() || options.lockOptions?.user || '',
          options.presence,
        );
        clinic.presence.sweep();
      }
    }
    return clinic;
  }

  /** Whether the check of every page, left for after the first screen, is still owed. */
  get checkPending(): boolean {
    return this.pendingCheck !== null;
  }

  /**
   * Does what an open with checkLater left undone: checks every page, hashes the bytes as they
   * were read, and takes the day's backup of them. Runs by itself before the first write, and
   * when the app asks after the first screen; does nothing once done. A damaged file is refused
   * with a UserError, now and at every write after, so nothing is ever written to it (nor is a
   * backup of it taken, which would push a good one out).
   */
  verify(): void {
    const pending = this.pendingCheck;
    if (!pending) return;
    if (pending.failed) throw pending.failed;
    try {
      checkEveryPage(this.db, this.name);
    } catch (error) {
      pending.failed =
        error instanceof UserError ? error : new UserError(`${this.name} is damaged and cannot be read. ${UNTOUCHED}`);
      throw pending.failed;
    }
    const hash = sha256(pending.bytes);
    this.fingerprint = { ...this.fingerprint, hash };
    this.base = hash;
    this.pendingCheck = null;
    this.db.beforeFirstWrite = null;
    if (pending.dailyBackupDue) takeBackup(this.filePath, 'daily', pending.bytes, pending.now);
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
    const fingerprint = fingerprintOf(file, bytes);
    const clinic = new ClinicFile(file, db, false, fingerprint, fingerprint.hash, saveFs, options);
    if (options.lock)
      clinic.presence = Presence.enter(
        file,
        () => options.changes?.author?.() || options.lockOptions?.user || '',
        options.presence,
      );
    return clinic;
  }

  /**
   * Makes a change and returns only once it is on disk: the change runs in one transaction and
   * is appended to this writer's journal and flushed. If that fails the change is kept in memory,
   * the error says so, and the next change (or `save`) writes the whole file.
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
      // A journal whose base no file on disk matches is replayed by merging its changes only.
      this.journal ??= Journal.start(
        this.filePath,
        this.base ?? '',
        this.fs,
        this.options.outbox,
        originOf(this.db),
        () => !this.database.closed,
      );
      this.journal.append(ops, this.db.recordsChanges ? changesOf(this.db, ops) : undefined);
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
   * Writes the whole database to the shared file, holding the lock beside it only for the
   * seconds this takes: take the lock (waiting a bounded time for anyone else's save), re-read
   * the file if someone else saved it since we read it and merge their changes into ours, write
   * ours atomically, let the lock go. Nothing of theirs is overwritten: ours then holds every
   * change of both. If the lock stays held, or the file cannot be reached, the changes stay
   * confirmed in this writer's journal and the error says why.
   */
  save(): void {
    this.assertWritable();
    this.verify();
    const lockOptions = this.options.lockOptions ?? {};
    let taken: ReturnType<typeof FileLock.acquire>;
    try {
      taken = FileLock.acquireWithin(this.filePath, {
        ...lockOptions,
        user: lockOptions.user ?? (this.options.changes?.author?.() || undefined),
        staleMs: lockOptions.staleMs ?? DEFAULT_SAVE_LOCK_STALE_MS,
        waitMs: lockOptions.waitMs ?? DEFAULT_LOCK_WAIT_MS,
        heartbeat: false,
      });
    } catch (error) {
      throw this.unreachable(error);
    }
    if (!taken.held) {
      const holder = describeHolder(taken.owner);
      throw new LockBusyError(
        `${this.name} is being saved by ${holder}, so your changes could not be written into it yet. ${this.keptMessage()} They will be merged in at the next save.`,
        holder,
      );
    }
    try {
      this.mergeFromDisk();
      if (this.journal)
        this.db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('journal_folded', ?)", [
          `${this.journal.header.id}:${this.journal.lastSeq}`,
        ]);
      const bytes = this.db.export();
      try {
        writeFileAtomic(this.filePath, bytes, this.fs);
      } catch (error) {
        throw this.unreachable(error);
      }
      this.fingerprint = fingerprintOf(this.filePath, bytes);
      this.base = this.fingerprint.hash;
    } finally {
      taken.lock.release();
    }
    this.versionOnDisk = this.db.dataVersion;
    this.journal?.remove();
    this.journal = null;
    for (const a of this.adopted) {
      fs.rmSync(a.path, { force: true });
      releaseJournal(a.path);
    }
    this.adopted = [];
    this.journalBroken = false;
    this.unsaved = false;
    this.offlineSince = null;
  }

  /**
   * Brings others' changes in from the file on disk when someone saved it since we last read
   * it: merged into ours in memory, nothing written (our own changes stay in the journal until
   * the next save). Returns whether anything came in. A file that cannot be reached is left
   * for the next save to report.
   */
  refresh(): boolean {
    if (this.readOnly) return false;
    try {
      return this.mergeFromDisk() > 0;
    } catch (error) {
      if (error instanceof OfflineError) return false;
      throw error;
    }
  }

  /**
   * Merges the file on disk into memory if it changed since we last read or wrote it; returns
   * the changes applied. The file is read once: its size and time say whether to read it, and
   * only a file of the same size is hashed to tell a mere touch from a change (a different size
   * is a change; the merge of a file we already hold applies nothing).
   */
  private mergeFromDisk(): number {
    let bytes: Uint8Array;
    let fingerprint: Fingerprint;
    try {
      const stat = fs.statSync(this.filePath, { throwIfNoEntry: false });
      if (!stat) {
        // A file gone from a folder still there is written again; a folder gone is offline.
        fs.statSync(path.dirname(this.filePath));
        return 0;
      }
      if (stat.size === this.fingerprint.size && stat.mtimeMs === this.fingerprint.mtimeMs) return 0;
      // Ours must be checked and hashed before theirs are compared with it and merged in.
      this.verify();
      bytes = fs.readFileSync(this.filePath);
      const sameSize = bytes.length === this.fingerprint.size;
      fingerprint = { size: bytes.length, mtimeMs: stat.mtimeMs, hash: sameSize ? sha256(bytes) : '' };
      if (sameSize && fingerprint.hash === this.fingerprint.hash) {
        this.fingerprint = fingerprint;
        return 0;
      }
    } catch (error) {
      throw this.unreachable(error);
    }
    const theirs = readSharedCopy(bytes, this.name);
    try {
      const ours = originOf(this.db);
      if (!ours || ours !== originOf(theirs)) {
        throw new UserError(
          `${this.name} has been replaced by a different clinic file since you opened it, so your changes were not written into it. ${this.keptMessage()} Use File > Save a copy to keep them in a file of their own.`,
        );
      }
      const report = mergeFrom(this.db, theirs, { sourceName: this.name });
      // Their file, as last seen; its hash only when worked out (a save replaces it straight away).
      this.fingerprint = fingerprint;
      // Memory now holds their changes under local ids that may differ from the file's.
      this.base = null;
      if (report.applied > 0) this.lastMerged = { authors: report.authors, at: new Date().toISOString() };
      return report.applied;
    } finally {
      theirs.close();
    }
  }

  /** Turns a failure to reach the shared file into the person's words, and notes that we are offline. */
  private unreachable(error: unknown): Error {
    let folderGone = false;
    try {
      fs.statSync(path.dirname(this.filePath));
    } catch {
      folderGone = true;
    }
    if (UNREACHABLE.has(errorCode(error)) || folderGone) {
      this.offlineSince ??= new Date().toISOString();
      const pending = this.offline?.pending ?? 0;
      return new OfflineError(
        `Working offline: ${this.name} cannot be reached just now, so ${pending} change${pending === 1 ? '' : 's'} will be merged into it when it is reachable again. ${this.keptMessage()}`,
        { cause: error },
      );
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  private keptMessage(): string {
    return this.journal && !this.journalBroken
      ? 'Everything you confirmed is safe on this computer.'
      : 'Your changes are kept in the app; keep it open and try saving again.';
  }

  /** Writes a copy elsewhere; the open file stays the one in use. */
  saveCopy(target: string): void {
    this.verify();
    writeFileAtomic(target, this.db.export(), this.fs);
  }

  /**
   * Backs up the clinic as it is now (before an import, say). When nothing has changed since the
   * file was read or saved, and nobody has replaced it since, the file on disk is copied: no
   * export of the whole database into memory (about 40 MB and 300 ms at 450,000 observations).
   */
  backup(kind: BackupKind, now = new Date()): string {
    this.verify();
    if (this.db.dataVersion === this.versionOnDisk && this.onDiskAsLastSeen()) {
      const name = takeBackupCopy(this.filePath, kind, now);
      // Replaced while it was being copied: the copy may be theirs, so back up ours after all.
      if (this.onDiskAsLastSeen()) return name;
    }
    return takeBackup(this.filePath, kind, this.db.export(), now);
  }

  close(): void {
    if (!this.readOnly && this.needsCheckpoint) {
      try {
        this.save();
      } catch {
        // The journal stays on disk (in the outbox when there is one) and is replayed on the
        // next open; nothing is lost.
      }
    }
    this.journal?.close();
    for (const a of this.adopted) releaseJournal(a.path);
    this.presence?.leave();
    this.presence = null;
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
}

/**
 * The shared file as another writer saved it, opened to merge from: the header, the file's own
 * id and its schema are checked (a file of an older schema is brought up to date in memory), but
 * not every page (the full check of opening costs more than the merge; damage found while
 * reading it stops the save all the same, with nothing written).
 */
function readSharedCopy(bytes: Uint8Array, name: string): ClinicDatabase {
  checkHeader(bytes, name);
  const db = ClinicDatabase.fromBytesSync(bytes, { handOver: true });
  try {
    if (Number(db.pragma('application_id')) !== APPLICATION_ID)
      throw new UserError(
        `${name} has been replaced by a file that is not a Performance Clinic file, so your changes were not written into it. Everything you confirmed is safe on this computer.`,
      );
    refuseNewer(db, name);
    migrate(db, name);
    return db;
  } catch (error) {
    db.close();
    throw error instanceof UserError
      ? error
      : new UserError(
          `${name} has been damaged since you opened it and cannot be read, so your changes were not written into it. Everything you confirmed is safe on this computer.`,
        );
  }
}

/**
 * Removes the temporary files killed saves left beside the file. Saves write them only while
 * they hold the lock, so when we can take the lock every one of them is stale; when someone
 * holds it, they are left for the next open.
 */
function removeStaleTempFiles(file: string, lockOptions: SaveLockOptions | undefined): void {
  let all: string[];
  try {
    all = fs.readdirSync(path.dirname(file));
  } catch {
    return;
  }
  // A lock half-made by a process killed while taking it lives for a moment only: one a minute old is a leftover.
  for (const n of all.filter((name) => isLockStaging(file, name))) {
    const at = path.join(path.dirname(file), n);
    const age = Date.now() - (fs.statSync(at, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 60_000) fs.rmSync(at, { recursive: true, force: true });
  }
  const names = all.filter((n) => isTempOf(file, n));
  if (names.length === 0) return;
  let taken: ReturnType<typeof FileLock.acquire>;
  try {
    taken = FileLock.acquire(file, {
      ...lockOptions,
      staleMs: lockOptions?.staleMs ?? DEFAULT_SAVE_LOCK_STALE_MS,
      heartbeat: false,
    });
  } catch {
    return;
  }
  if (!taken.held) return;
  try {
    for (const n of names) fs.rmSync(path.join(path.dirname(file), n), { force: true });
  } finally {
    taken.lock.release();
  }
}

/** The changes a journalled transaction recorded: those its statements copied in, and those its triggers made. */
function changesOf(db: ClinicDatabase, ops: ReadonlyArray<readonly [string, unknown]>): JournalChange[] {
  const out: JournalChange[] = [];
  for (const [sql, params] of ops) {
    if (
      sql.startsWith('INSERT INTO changes (id, hlc, author, device, entity, row, field, value)') &&
      Array.isArray(params)
    )
      out.push(params as unknown as JournalChange);
  }
  const hlc = db.get<{ hlc: string | null }>('SELECT hlc FROM sync_context')?.hlc;
  if (hlc) {
    // A change's id is its transaction's clock, a dash and its sequence number.
    for (const c of db.all<StoredChange>(
      'SELECT id, hlc, author, device, entity, row, field, value FROM changes WHERE id > ? AND id < ? ORDER BY id',
      [`${hlc}-`, `${hlc}.`],
    ))
      out.push([c.id, c.hlc, c.author, c.device, c.entity, c.row, c.field, c.value]);
  }
  return out;
}

type Found = { at: string; found: { header: JournalHeader; entries: JournalEntry[] } };

interface Replay {
  replayed: number;
  setAside: string[];
  /** Journals replayed (or found to be already in the file), to remove once a save holds them. */
  adopted: Array<{ path: string; entries: number }>;
  /** The journals left for replayMerging. */
  rest?: Found[];
}

/**
 * Replays, statement by statement, the one journal left by a crash that began from this very
 * version of the file (or whose writer last saved it), on the file as written, before any
 * migration. Entries already folded into the file are skipped. The other journals are left for
 * replayMerging, which merges their changes: their statements name rows by local ids that
 * another writer's version of the file may give to other rows.
 */
function replayExactly(
  file: string,
  db: ClinicDatabase,
  fileHash: string,
  journals: Found[],
  readOnly: boolean,
): Replay {
  const result: Replay = { replayed: 0, setAside: [], adopted: [], rest: [] };
  const folded = db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'journal_folded'")?.value ?? '';
  const [foldedId, foldedSeq] = folded.split(':');
  const origin = db.recordsChanges ? originOf(db) : null;
  // A journal of a copy of another clinic file (this one was replaced by a different file) never goes in.
  const fits = (j: Found) => j.found.header.origin === undefined || j.found.header.origin === origin;
  const exact =
    journals.find((j) => fits(j) && j.found.header.id === foldedId) ??
    journals.find((j) => fits(j) && j.found.header.base === fileHash);
  for (const j of journals) {
    if (j === exact) continue;
    if (j.at === journalPathFor(file) || !db.recordsChanges || !fits(j)) {
      // The journal of an earlier version, or a file with no record of changes: its statements only.
      const setAside = `${j.at}.set-aside-${Date.now()}`;
      if (!readOnly) fs.renameSync(j.at, setAside);
      result.setAside.push(readOnly ? j.at : setAside);
      releaseJournal(j.at);
    } else result.rest!.push(j);
  }
  if (!exact) return result;
  const after = exact.found.header.id === foldedId ? Number(foldedSeq) : 0;
  const pending = exact.found.entries.filter((e) => e.seq > after);
  db.transaction(() => {
    for (const entry of pending) for (const [sql, params] of entry.ops) db.run(sql, params);
    const last = exact.found.entries.at(-1)?.seq ?? after;
    // Marks the journal as folded in, so a crash before it is deleted cannot replay it twice.
    db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('journal_folded', ?)", [
      `${exact.found.header.id}:${last}`,
    ]);
  });
  result.replayed += pending.length;
  result.adopted.push({ path: exact.at, entries: pending.length });
  return result;
}

/**
 * Merges the changes of the other journals left by crashes (schema 7 on): those the file already
 * holds are skipped (the writer saved before it stopped), the rest applied as a merge applies
 * another copy's changes, so nothing confirmed is lost even though others saved the file since.
 */
function replayMerging(db: ClinicDatabase, replay: Replay, readOnly: boolean): void {
  for (const j of replay.rest ?? []) {
    const changes: StoredChange[] = j.found.entries.flatMap((e) =>
      (e.changes ?? []).map(([id, hlc, author, device, entity, row, field, value]) => ({
        id,
        hlc,
        author,
        device,
        entity,
        row,
        field,
        value,
      })),
    );
    const report = mergeChanges(db, changes, { sourceName: path.basename(j.at) });
    if (report.applied > 0) {
      replay.replayed += j.found.entries.length;
    }
    replay.adopted.push({ path: j.at, entries: report.applied > 0 ? j.found.entries.length : 0 });
    if (readOnly) releaseJournal(j.at);
  }
  delete replay.rest;
}
