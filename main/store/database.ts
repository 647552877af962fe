import { createHash, randomUUID } from 'node:crypto';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { Clock } from '../domain/hlc';

export type Params = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;
export type Row = Record<string, SqlValue>;

let sqlJs: Promise<SqlJsStatic> | null = null;
/** The module once loaded, for the synchronous re-read inside a save (see fromBytesSync). */
let sqlJsLoaded: SqlJsStatic | null = null;

/**
 * Who and what is writing: every transaction that writes to a file at schema 7 or later is
 * stamped with a new clock from `clock`, the author and the device, which the capture triggers
 * copy into each change they record (see migrations/007-changes.ts).
 */
export interface ChangeSource {
  author: () => string;
  device: string;
  clock: Clock;
}

/** A device id for this process, when the caller gives none (tests, one-off scripts). */
const PROCESS_DEVICE: string = randomUUID();

export function nodeOfDevice(device: string): string {
  return createHash('sha256').update(device).digest('hex').slice(0, 16);
}

export function defaultChangeSource(device = PROCESS_DEVICE, author: () => string = () => ''): ChangeSource {
  return { author, device, clock: new Clock(nodeOfDevice(device)) };
}

/** Loads the SQLite WebAssembly module once per process. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs().then((loaded) => (sqlJsLoaded = loaded));
  return sqlJs;
}

/** Settings SQLite forgets whenever sql.js exports the database; applied on open and after each export. */
const SESSION_PRAGMAS = ['PRAGMA foreign_keys = ON', 'PRAGMA recursive_triggers = ON'];

/**
 * The only code that talks to sql.js. Synchronous: a transaction is a function that runs to the
 * end or throws and is rolled back, so no await can interleave another change inside it.
 */
export class ClinicDatabase {
  private depth = 0;
  /** Counts the calls that can change the database; see `dataVersion`. */
  private writes = 0;
  private savepointSeq = 0;
  /** While set, every write statement is copied here so it can be journalled. */
  private recording: Array<[string, Params]> | null = null;
  /** Whether the file records changes (schema 7 on); null until the first write asks. */
  private capturing: boolean | null = null;
  /** Set once the current transaction's clock, author and device are written to sync_context. */
  private contextSet = false;
  /** Stamps each writing transaction; see ChangeSource. */
  changeSource: ChangeSource = defaultChangeSource();
  /**
   * Runs before anything is written while set, and again until it stops throwing: a file whose
   * pages are checked after the first screen is checked here before its first write (see
   * ClinicFile.verify). It clears itself by setting this back to null.
   */
  beforeFirstWrite: (() => void) | null = null;

  constructor(private readonly db: Database) {
    this.applySessionPragmas();
  }

  /**
   * A database over the bytes of a SQLite file. sql.js keeps the file in an in-memory file of
   * its own, made with `data.slice(0, length)`, so it is given a plain Uint8Array view of the
   * bytes, whose `slice` copies: the caller's bytes never change (a Buffer's `slice` would not
   * copy). With `handOver` the caller gives the bytes up instead: they go in as a Buffer, whose
   * `slice` is a view, so they become the database's file themselves and the copy of the whole
   * file (about 100 ms and 31 MB at 450,000 observations) is saved. They then change as the
   * database does and must not be read again. Bytes that share their memory (a small Buffer from
   * Node's pool) are copied all the same.
   */
  static async fromBytes(
    bytes?: Uint8Array,
    { handOver = false }: { handOver?: boolean } = {},
  ): Promise<ClinicDatabase> {
    const SQL = await loadSqlJs();
    let data: Uint8Array | undefined;
    if (!bytes) data = undefined;
    else if (handOver && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
      data = Buffer.from(bytes.buffer, 0, bytes.byteLength);
    else data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new ClinicDatabase(new SQL.Database(data));
  }

  /**
   * A database over a copy of `bytes`, made without waiting: for a save that must re-read the
   * file someone else changed while it holds the lock, with no await in between. sql.js must
   * already be loaded, which it is once any database has been opened.
   */
  static fromBytesSync(bytes: Uint8Array, { handOver = false }: { handOver?: boolean } = {}): ClinicDatabase {
    if (!sqlJsLoaded) throw new Error('sql.js is not loaded yet');
    const data =
      handOver && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? Buffer.from(bytes.buffer, 0, bytes.byteLength)
        : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new ClinicDatabase(new sqlJsLoaded.Database(data));
  }

  private applySessionPragmas(): void {
    for (const pragma of SESSION_PRAGMAS) this.db.run(pragma);
  }

  run(sql: string, params: Params = []): void {
    // A PRAGMA changes no data; checking a damaged file sets some before anything is read.
    if (!sql.startsWith('PRAGMA')) {
      this.beforeFirstWrite?.();
      this.beforeWrite();
    }
    this.writes++;
    this.db.run(sql, params as SqlValue[]);
    this.recording?.push([sql, params]);
    if (this.depth === 0) this.contextSet = false;
  }

  /**
   * Before the first write of a transaction (or of a statement outside one), writes a new clock,
   * the author and the device where the capture triggers read them. It is an ordinary write, so
   * the journal holds it and a replay after a crash records the very same changes.
   */
  private beforeWrite(): void {
    if (this.contextSet) return;
    this.capturing ??=
      this.db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_context'").length > 0;
    if (!this.capturing) return;
    this.contextSet = true;
    const source = this.changeSource;
    const params: SqlValue[] = [source.clock.tick(), source.author(), source.device];
    const sql = 'UPDATE sync_context SET hlc = ?, seq = 0, author = ?, device = ?';
    this.db.run(sql, params);
    this.recording?.push([sql, params]);
  }

  /** Whether this file records its changes (schema 7 on). */
  get recordsChanges(): boolean {
    this.capturing ??=
      this.db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_context'").length > 0;
    return this.capturing;
  }

  /** Runs a script of several statements with no parameters (migrations). */
  exec(sql: string): void {
    if (this.recording) throw new Error('exec() cannot be journalled; use run()');
    this.beforeFirstWrite?.();
    this.writes++;
    this.db.exec(sql);
    // A migration may have made the change tables.
    this.capturing = null;
  }

  /** Runs `fn` in a transaction and returns the write statements it made, in order, for the journal. */
  recorded<T>(fn: () => T): { result: T; ops: Array<[string, Params]> } {
    if (this.recording) throw new Error('recorded() does not nest');
    const ops: Array<[string, Params]> = [];
    this.recording = ops;
    try {
      return { result: this.transaction(fn), ops };
    } finally {
      this.recording = null;
    }
  }

  all<T extends object = Row>(sql: string, params: Params = []): T[] {
    const statement = this.db.prepare(sql);
    try {
      statement.bind(params as SqlValue[]);
      const rows: T[] = [];
      // get() and the column names once are much cheaper than getAsObject() per row on large reads.
      const columns = statement.getColumnNames();
      while (statement.step()) {
        const values = statement.get();
        const row: Record<string, SqlValue> = {};
        for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i] ?? null;
        rows.push(row as T);
      }
      return rows;
    } finally {
      statement.free();
    }
  }

  get<T extends object = Row>(sql: string, params: Params = []): T | undefined {
    return this.all<T>(sql, params)[0];
  }

  /** Runs one statement for each parameter set, preparing it once. */
  runMany(sql: string, paramSets: Iterable<Params>): void {
    this.beforeFirstWrite?.();
    this.beforeWrite();
    this.writes++;
    const statement = this.db.prepare(sql);
    try {
      for (const params of paramSets) {
        statement.run(params as SqlValue[]);
        this.recording?.push([sql, params]);
      }
    } finally {
      statement.free();
      if (this.depth === 0) this.contextSet = false;
    }
  }

  pragma(name: string): SqlValue {
    this.writes++;
    const row = this.db.exec(`PRAGMA ${name}`)[0];
    return row?.values[0]?.[0] ?? null;
  }

  /**
   * Changes whenever the data may have changed, so anything worked out from the database can be
   * kept while it stays the same. Every call that can write counts (run, runMany, exec, pragma,
   * each transaction and rollback, export's reopening); SQLite's own count of changed rows
   * catches a write made through all() or get() as well. Reads leave it alone.
   */
  get dataVersion(): string {
    const changed = this.db.exec('SELECT total_changes()')[0]?.values[0]?.[0] ?? 0;
    return `${this.writes}:${String(changed)}`;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Runs `fn` atomically. Nested calls become savepoints; a throw rolls back to where it began. */
  transaction<T>(fn: () => T): T {
    // Before the savepoint: on a damaged file the rollback would fail too and hide why.
    if (this.depth === 0) this.beforeFirstWrite?.();
    const name = `sp${++this.savepointSeq}`;
    const recordedBefore = this.recording?.length ?? 0;
    this.writes++;
    this.db.run(`SAVEPOINT ${name}`);
    this.depth++;
    try {
      const result = fn();
      if (result instanceof Promise) throw new Error('transaction() takes a synchronous function');
      this.db.run(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.writes++;
      this.db.run(`ROLLBACK TO ${name}`);
      this.db.run(`RELEASE ${name}`);
      // What was rolled back must not be journalled either.
      this.recording?.splice(recordedBefore);
      // The clock written for this transaction may have been rolled back with it.
      this.contextSet = false;
      throw error;
    } finally {
      this.depth--;
      if (this.depth === 0) this.contextSet = false;
    }
  }

  /**
   * The whole database as the bytes of a SQLite file. sql.js closes and reopens the database to
   * export it, which resets every PRAGMA and would roll back an open transaction, so exporting
   * inside a transaction is refused and the session PRAGMAs are applied again afterwards.
   */
  export(): Uint8Array {
    if (this.depth > 0) throw new Error('cannot export inside a transaction');
    this.writes++;
    const bytes = this.db.export();
    this.applySessionPragmas();
    return bytes;
  }

  /** Whether `close` has been called (its writer has stopped). */
  get closed(): boolean {
    return this.isClosed;
  }

  private isClosed = false;

  close(): void {
    this.isClosed = true;
    this.db.close();
  }
}
