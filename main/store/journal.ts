/**
 * The edit journal (reliability.md rule 3): each confirmed change is appended to a small file
 * beside the clinic file and flushed to disk before the app calls it saved, so a crash straight
 * afterwards loses nothing, and the cost of a confirmed edit does not grow with the clinic file.
 * The next full save folds the journal into the file and removes it; opening a file replays a
 * journal left by a crash.
 *
 * Each line is JSON, a tab, and the first 16 hex digits of the JSON's SHA-256, so a line torn by
 * a crash mid-append is recognised and ignored (it was never confirmed).
 */
import { createHash, randomUUID } from 'node:crypto';
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import type { Params } from './database';
import { realFs, type SaveFs } from './durable-file';

export type Op = [sql: string, params: Params];

export interface JournalHeader {
  journal: 1;
  id: string;
  /** SHA-256 of the clinic file the journal's changes apply to. */
  base: string;
}

export interface JournalEntry {
  seq: number;
  ops: Op[];
}

export function journalPathFor(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file)}.journal`);
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

/** Reads a journal left on disk: its header and every complete entry, stopping at a torn line. */
export function readJournal(file: string): { header: JournalHeader; entries: JournalEntry[] } | null {
  let text: string;
  try {
    text = nodeFs.readFileSync(journalPathFor(file), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const header = parseLine(lines[0] ?? '') as JournalHeader | undefined;
  if (!header || header.journal !== 1 || typeof header.id !== 'string' || typeof header.base !== 'string') return null;
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
    readonly file: string,
    readonly header: JournalHeader,
    private fd: number | null,
    private readonly fs: SaveFs,
  ) {}

  /** Starts a new, empty journal for a clinic file whose bytes on disk hash to `base`. */
  static start(file: string, base: string, fs: SaveFs = realFs): Journal {
    const header: JournalHeader = { journal: 1, id: randomUUID(), base };
    const target = journalPathFor(file);
    const fd = fs.openSync(target, 'w', 0o600);
    try {
      const bytes = Buffer.from(line(header));
      fs.writeSync(fd, bytes, 0, bytes.length, null);
      fs.fsyncSync(fd);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    return new Journal(file, header, fd, fs);
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Appends one change and returns only once it is on the disk. */
  append(ops: Op[]): void {
    if (this.fd === null) throw new Error('journal is closed');
    for (const [, params] of ops) {
      const values = Array.isArray(params) ? params : Object.values(params);
      if (values.some((v) => v instanceof Uint8Array)) throw new Error('binary values cannot be journalled');
    }
    const bytes = Buffer.from(line({ seq: this.seq + 1, ops } satisfies JournalEntry));
    let offset = 0;
    while (offset < bytes.length) offset += this.fs.writeSync(this.fd, bytes, offset, bytes.length - offset, null);
    this.fs.fsyncSync(this.fd);
    this.seq++;
  }

  close(): void {
    if (this.fd !== null) this.fs.closeSync(this.fd);
    this.fd = null;
  }

  /** Closes and deletes the journal once a full save holds everything in it. */
  remove(): void {
    this.close();
    nodeFs.rmSync(journalPathFor(this.file), { force: true });
  }
}
