/**
 * The edit journal (reliability.md rule 3): each confirmed change is appended to a small file
 * and flushed to disk before the app calls it saved, so a crash straight afterwards loses
 * nothing, and the cost of a confirmed edit does not grow with the clinic file. The next full
 * save folds the journal into the file and removes it; opening a file replays a journal left by
 * a crash.
 *
 * Several people may have one shared file open for editing at once, so each writer keeps a
 * journal of its own: in the user data folder when the app gives one (the outbox, which still
 * works when the shared file cannot be reached), otherwise beside the file under a name of its
 * own. The header says which file, computer and process it belongs to, so a later open replays
 * only journals whose writer has gone (see `orphanedJournals`). Each entry holds the statements
 * to replay on the very version of the file it began from, and the changes they recorded, which
 * merge into any later version of it (see store/sync.ts).
 *
 * Each line is JSON, a tab, and the first 16 hex digits of the JSON's SHA-256, so a line torn by
 * a crash mid-append is recognised and ignored (it was never confirmed).
 */
import { createHash, randomUUID } from 'node:crypto';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Params } from './database';
import { realFs, type SaveFs } from './durable-file';
import { processIsAlive } from './owner-record';

export type Op = [sql: string, params: Params];

/** A change as the journal keeps it: id, hlc, author, device, entity, row, field, value. */
export type JournalChange = [string, string, string, string, string, string, string, string | null];

export interface JournalHeader {
  /** 1: the one journal beside the file of earlier versions; 2: one journal per writer. */
  journal: 1 | 2;
  id: string;
  /** SHA-256 of the clinic file the journal's changes apply to. */
  base: string;
  /** The clinic file's full path, the computer and the process writing it (version 2). */
  file?: string;
  host?: string;
  pid?: number;
  /** The id every copy of the clinic file shares (schema 7 on): a journal never goes into another file. */
  origin?: string | null;
}

export interface JournalEntry {
  seq: number;
  ops: Op[];
  /** The changes the statements recorded (files at schema 7 on), to merge into a later version of the file. */
  changes?: JournalChange[];
}

/** The single journal beside the file that earlier versions of the app kept (still replayed). */
export function journalPathFor(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file)}.journal`);
}

/** The folder and the start of the name of a writer's journals for `file`. */
function journalPlace(file: string, outbox: string | undefined): { dir: string; prefix: string } {
  if (!outbox) return { dir: path.dirname(file), prefix: `.${path.basename(file)}.` };
  // Named by the file's full path: the outbox holds the journals of every file this person opens.
  const key = createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 16);
  return { dir: outbox, prefix: `${path.basename(file)}.${key}.` };
}

/** A new writer's journal for `file`: in the outbox folder when given, or beside the file. */
export function writerJournalPath(file: string, outbox: string | undefined, id: string): string {
  const { dir, prefix } = journalPlace(file, outbox);
  return path.join(dir, `${prefix}${id}.journal`);
}

/**
 * Journals this process has open now, each with a test of whether its writer is still at work
 * (its database still open): never replayed by another open of the same file while it is.
 */
const inUse = new Map<string, () => boolean>();

/** Marks a journal as this writer's (a new one, or one left by a writer that has gone) until `releaseJournal`. */
export function claimJournal(journalPath: string, alive: () => boolean = () => true): void {
  inUse.set(journalPath, alive);
}

export function releaseJournal(journalPath: string): void {
  inUse.delete(journalPath);
}

function claimed(journalPath: string): boolean {
  return inUse.get(journalPath)?.() ?? false;
}

/**
 * The journals of `file` whose writers have gone: the journal of earlier versions beside it, and
 * every writer's journal made on this computer by a process that is no longer running (or by
 * this process, and since closed). A journal from another computer is never taken: its writer
 * may still be working, and replays it itself when it next opens the file. With `includeLive`
 * (an open that only reads, never writes or removes a journal) every writer's journal counts,
 * so what is read is everything confirmed so far.
 */
export function orphanedJournals(
  file: string,
  outbox: string | undefined,
  { includeLive = false }: { includeLive?: boolean } = {},
): string[] {
  const found: string[] = [];
  if (nodeFs.existsSync(journalPathFor(file))) found.push(journalPathFor(file));
  for (const place of outbox
    ? [journalPlace(file, undefined), journalPlace(file, outbox)]
    : [journalPlace(file, undefined)]) {
    let names: string[];
    try {
      names = nodeFs.readdirSync(place.dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(place.prefix) || !name.endsWith('.journal')) continue;
      const full = path.join(place.dir, name);
      if (!includeLive && claimed(full)) continue;
      const header = readJournalAt(full)?.header;
      if (!header || header.file !== path.resolve(file)) continue;
      if (!includeLive) {
        if (header.host !== os.hostname()) continue;
        if (header.pid !== process.pid && header.pid !== undefined && processIsAlive(header.pid)) continue;
      }
      found.push(full);
    }
  }
  return found;
}

function checksum(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

function line(value: unknown): string {
  const json = JSON.stringify(value);
  return `${json}\t${checksum(json)}\n`;
}

function parseLine(text: string): unknown {
  const tab = text.lastIndexOf('\t');
  if (tab < 0) return undefined;
  const json = text.slice(0, tab);
  if (checksum(json) !== text.slice(tab + 1)) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads the journal beside a clinic file that earlier versions kept. */
export function readJournal(file: string): { header: JournalHeader; entries: JournalEntry[] } | null {
  return readJournalAt(journalPathFor(file));
}

/** Reads a journal left on disk: its header and every complete entry, stopping at a torn line. */
export function readJournalAt(journalPath: string): { header: JournalHeader; entries: JournalEntry[] } | null {
  let text: string;
  try {
    text = nodeFs.readFileSync(journalPath, 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const header = parseLine(lines[0] ?? '') as JournalHeader | undefined;
  if (
    !header ||
    (header.journal !== 1 && header.journal !== 2) ||
    typeof header.id !== 'string' ||
    typeof header.base !== 'string'
  )
    return null;
  const entries: JournalEntry[] = [];
  for (const raw of lines.slice(1)) {
    const entry = parseLine(raw) as JournalEntry | undefined;
    if (!entry || typeof entry.seq !== 'number' || !Array.isArray(entry.ops)) break;
    entries.push(entry);
  }
  return { header, entries };
}

/** An open journal, appended to by each confirmed change. */
export class Journal {
  private seq = 0;

  private constructor(
    readonly path: string,
    readonly header: JournalHeader,
    private fd: number | null,
    private readonly fs: SaveFs,
  ) {}

  /**
   * Starts a new, empty journal of this writer for a clinic file whose bytes on disk hash to
   * `base`: in `outbox` when given, otherwise beside the file.
   */
  static start(
    file: string,
    base: string,
    fs: SaveFs = realFs,
    outbox?: string,
    origin?: string | null,
    alive?: () => boolean,
  ): Journal {
    const id = randomUUID();
    const header: JournalHeader = {
      journal: 2,
      id,
      base,
      file: path.resolve(file),
      host: os.hostname(),
      pid: process.pid,
      origin: origin ?? null,
    };
    if (outbox) nodeFs.mkdirSync(outbox, { recursive: true });
    const target = writerJournalPath(file, outbox, id);
    const fd = fs.openSync(target, 'w', 0o600);
    try {
      const bytes = Buffer.from(line(header));
      fs.writeSync(fd, bytes, 0, bytes.length, null);
      fs.fsyncSync(fd);
    } catch (error) {
      fs.closeSync(fd);
      try {
        nodeFs.rmSync(target, { force: true });
      } catch {
        // The journal could not be written at all; that error is the one worth reporting.
      }
      throw error;
    }
    claimJournal(target, alive);
    return new Journal(target, header, fd, fs);
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Appends one change and returns only once it is on the disk. */
  append(ops: Op[], changes?: JournalChange[]): void {
    if (this.fd === null) throw new Error('journal is closed');
    for (const [, params] of ops) {
      const values = Array.isArray(params) ? params : Object.values(params);
      if (values.some((v) => v instanceof Uint8Array)) throw new Error('binary values cannot be journalled');
    }
    const entry: JournalEntry = changes ? { seq: this.seq + 1, ops, changes } : { seq: this.seq + 1, ops };
    const bytes = Buffer.from(line(entry));
    let offset = 0;
    while (offset < bytes.length) offset += this.fs.writeSync(this.fd, bytes, offset, bytes.length - offset, null);
    this.fs.fsyncSync(this.fd);
    this.seq++;
  }

  /** Closes the journal and leaves it on disk, for the next open of the file to replay. */
  close(): void {
    if (this.fd !== null) this.fs.closeSync(this.fd);
    this.fd = null;
    inUse.delete(this.path);
  }

  /** Closes and deletes the journal once a full save holds everything in it. */
  remove(): void {
    this.close();
    nodeFs.rmSync(this.path, { force: true });
  }
}
