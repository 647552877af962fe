/**
 * Who has a shared clinic file open (reliability.md rule 6): each open writes a small presence
 * file of its own in a folder beside the clinic file, refreshes it with a heartbeat while the
 * file stays open, and removes it on closing. A presence file whose heartbeat is older than the
 * stale time belongs to an app that crashed or a laptop that was shut, and is not counted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ownerIsGone, parseOwnerRecord, type OwnerRecord } from './owner-record';

/** `since`: when the file was opened. */
export interface PresenceRecord extends OwnerRecord {
  /** The person's display name (their system user name until they set one). */
  name: string;
}

export interface PresenceOptions {
  heartbeatMs?: number;
  staleMs?: number;
  now?: () => number;
}

const DEFAULT_HEARTBEAT_MS = 30_000;
const DEFAULT_STALE_MS = 2 * 60_000;

export function presenceFolderFor(file: string): string {
  return `${file}.people`;
}

/** This app's presence beside one open clinic file. */
export class Presence {
  private timer: NodeJS.Timeout | null = null;
  private readonly record: PresenceRecord;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly now: () => number;

  private constructor(
    readonly file: string,
    private readonly name: () => string,
    options: PresenceOptions,
  ) {
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    this.now = options.now ?? Date.now;
    const stamp = new Date(this.now()).toISOString();
    this.record = {
      id: randomUUID(),
      name: this.displayName(),
      host: os.hostname(),
      pid: process.pid,
      since: stamp,
      heartbeat: stamp,
    };
  }

  /**
   * Says that this app has the file open. A folder that cannot be written (a read-only share)
   * only means others will not see us: opening the file must not fail for it.
   */
  static enter(file: string, name: () => string, options: PresenceOptions = {}): Presence {
    const presence = new Presence(file, name, options);
    presence.write();
    presence.timer = setInterval(() => presence.beat(), presence.heartbeatMs);
    // The heartbeat alone must not keep a command-line process alive.
    presence.timer.unref();
    return presence;
  }

  /** The person's display name, or their system user name until they set one. */
  private displayName(): string {
    const chosen = this.name().trim();
    if (chosen) return chosen;
    try {
      return os.userInfo().username;
    } catch {
      return process.env.USERNAME ?? process.env.USER ?? 'someone';
    }
  }

  get id(): string {
    return this.record.id;
  }

  private get path(): string {
    return path.join(presenceFolderFor(this.file), `${this.record.id}.json`);
  }

  private write(): boolean {
    try {
      fs.mkdirSync(presenceFolderFor(this.file), { recursive: true });
      const temp = `${this.path}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(this.record));
      fs.renameSync(temp, this.path);
      return true;
    } catch {
      return false;
    }
  }

  /** Refreshes the heartbeat (and the name, which the person may have changed). */
  beat(): boolean {
    this.record.heartbeat = new Date(this.now()).toISOString();
    this.record.name = this.displayName();
    return this.write();
  }

  /**
   * Everyone else with the file open now, earliest first. Stale records are left alone (their
   * owner removes them, or the next `sweep`); on this computer a record of a process that has
   * ended is not counted even while fresh.
   */
  others(): PresenceRecord[] {
    return readPresence(this.file, { staleMs: this.staleMs, now: this.now }).filter((r) => r.id !== this.record.id);
  }

  /** Removes stale presence files left by apps that crashed. */
  sweep(): void {
    const folder = presenceFolderFor(this.file);
    for (const { record, full } of readAll(folder)) {
      if (record && record.id === this.record.id) continue;
      if (!record || ownerIsGone(record, this.staleMs, this.now)) fs.rmSync(full, { force: true });
    }
  }

  leave(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    fs.rmSync(this.path, { force: true });
    // The last one out removes the folder; it stays if anyone else is in it.
    try {
      fs.rmdirSync(presenceFolderFor(this.file));
    } catch {
      // Not empty, or already gone.
    }
  }
}

function readAll(folder: string): Array<{ record: PresenceRecord | null; full: string }> {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const out: Array<{ record: PresenceRecord | null; full: string }> = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const full = path.join(folder, name);
    let text: string;
    try {
      text = fs.readFileSync(full, 'utf8');
    } catch {
      continue;
    }
    out.push({ record: parseOwnerRecord(text, 'name', ''), full });
  }
  return out;
}

/** Everyone with the file open now (fresh heartbeat), earliest first. */
export function readPresence(
  file: string,
  { staleMs = DEFAULT_STALE_MS, now = Date.now }: { staleMs?: number; now?: () => number } = {},
): PresenceRecord[] {
  return readAll(presenceFolderFor(file))
    .map((r) => r.record)
    .filter((r): r is PresenceRecord => r !== null && !ownerIsGone(r, staleMs, now))
    .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
}
