/**
 * One writer at a time, for the seconds of a write (reliability.md rule 6). sql.js takes no lock
 * on the file, and SQLite's own locking is not dependable on network drives, so the app keeps a
 * lock folder beside the file: creating a folder is atomic on every file system we meet,
 * including SMB shares. A save takes it, merges and writes, and lets it go (`acquireWithin`
 * waits a bounded time for it); a restore holds it while it replaces the file. A lock whose
 * owner has ended on this computer, or whose heartbeat is older than the stale timeout, is taken
 * over, because its owner crashed or its laptop was shut.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ownerIsGone, parseOwnerRecord, type OwnerRecord } from './owner-record';

/** `since`: when the lock was taken. */
export interface LockOwner extends OwnerRecord {
  user: string;
}

export interface LockOptions {
  /** How often the owner refreshes the heartbeat. */
  heartbeatMs?: number;
  /** How old a heartbeat must be before the lock counts as abandoned. */
  staleMs?: number;
  /** The name other people see; defaults to the system user name. */
  user?: string;
  now?: () => number;
  /** Refresh the heartbeat on a timer (for locks held longer than the stale timeout). */
  heartbeat?: boolean;
}

const DEFAULT_HEARTBEAT_MS = 30_000;
const DEFAULT_STALE_MS = 2 * 60_000;

export function lockPathFor(file: string): string {
  return `${file}.lock`;
}

/** Where a lock is put together before it is renamed into place: `clinic.db.lock.<id>.new`. */
function stagingPathFor(file: string, id: string): string {
  return `${lockPathFor(file)}.${id}.new`;
}

/** Where a lock is moved aside before it is deleted: `clinic.db.lock.<id>.old` (see release). */
function retiredPathFor(file: string): string {
  return `${lockPathFor(file)}.${randomUUID()}.old`;
}

/**
 * A lock folder left half-made by a process killed while taking the lock (see acquire), or moved
 * aside and not yet deleted by one killed while letting it go or breaking it.
 */
export function isLockStaging(file: string, name: string): boolean {
  const prefix = `${path.basename(lockPathFor(file))}.`;
  return name.startsWith(prefix) && (name.endsWith('.new') || name.endsWith('.old'));
}

/**
 * Moves a lock folder aside, then deletes it. Deleting it in place would empty it first, and a
 * rename onto an empty folder succeeds: another writer's new lock could land in it in that
 * moment and the delete would then fail (or take theirs). Moved aside, the lock's name is free
 * at once and only ever holds a whole lock. False if the folder was already gone.
 */
function retire(file: string): boolean {
  const moved = retiredPathFor(file);
  try {
    fs.renameSync(lockPathFor(file), moved);
  } catch {
    return false;
  }
  fs.rmSync(moved, { recursive: true, force: true });
  return true;
}

function ownerFile(lockDir: string): string {
  return path.join(lockDir, 'owner.json');
}

export function readLockOwner(file: string): LockOwner | null {
  let text: string;
  try {
    text = fs.readFileSync(ownerFile(lockPathFor(file)), 'utf8');
  } catch {
    return null;
  }
  return parseOwnerRecord(text, 'user', 'someone');
}

function systemUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? 'unknown';
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export type LockResult = { held: true; lock: FileLock } | { held: false; owner: LockOwner | null };

export class FileLock {
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    readonly file: string,
    readonly owner: LockOwner,
    private readonly options: Required<LockOptions>,
  ) {}

  /** Takes the lock, or says who holds it. A stale lock is taken over; a live one never is. */
  static acquire(file: string, options: LockOptions = {}): LockResult {
    const opts: Required<LockOptions> = {
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      staleMs: options.staleMs ?? DEFAULT_STALE_MS,
      user: options.user ?? systemUser(),
      now: options.now ?? Date.now,
      heartbeat: options.heartbeat ?? true,
    };
    const lockDir = lockPathFor(file);
    for (let attempt = 0; attempt < 4; attempt++) {
      const stamp = new Date(opts.now()).toISOString();
      const owner: LockOwner = {
        id: randomUUID(),
        user: opts.user,
        host: os.hostname(),
        pid: process.pid,
        since: stamp,
        heartbeat: stamp,
      };
      // The lock comes into being with its owner already inside it: a folder made aside and renamed
      // into place. A process killed at any moment leaves either no lock or one that says whose it
      // is (so a dead holder is seen at once), never an ownerless lock others must wait out.
      const staging = stagingPathFor(file, owner.id);
      fs.mkdirSync(staging);
      try {
        fs.writeFileSync(ownerFile(staging), JSON.stringify(owner));
        fs.renameSync(staging, lockDir);
      } catch (error) {
        fs.rmSync(staging, { recursive: true, force: true });
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST' && code !== 'ENOTEMPTY' && code !== 'EPERM' && code !== 'EACCES') throw error;
        // Released between our try and this look: try again.
        if (!fs.existsSync(lockDir)) continue;
        const current = readLockOwner(file);
        if (!FileLock.isStale(lockDir, current, opts)) return { held: false, owner: current };
        // Moved aside first, so two processes breaking the same stale lock cannot delete each other's new one.
        retire(file);
        continue;
      }
      const lock = new FileLock(file, owner, opts);
      if (opts.heartbeat) lock.startHeartbeat();
      return { held: true, lock };
    }
    return { held: false, owner: readLockOwner(file) };
  }

  /**
   * Takes the lock, trying again for up to `waitMs` while someone else holds it (a save takes
   * a second or two), or says who holds it. Blocks the thread while it waits: the saves that
   * call it are synchronous, so no other change can slip in between the merge and the write.
   */
  static acquireWithin(file: string, options: LockOptions & { waitMs: number }): LockResult {
    const deadline = Date.now() + options.waitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 80)) {
      const taken = FileLock.acquire(file, options);
      if (taken.held || Date.now() + pause > deadline) return taken;
      sleepSync(pause);
    }
  }

  private static isStale(lockDir: string, owner: LockOwner | null, opts: Required<LockOptions>): boolean {
    if (owner) return ownerIsGone(owner, opts.staleMs, opts.now);
    // A lock folder with no readable owner is judged by the folder's own age (its creator may have died mid-write).
    const made = fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
    return made === undefined || opts.now() - made > opts.staleMs;
  }

  private writeOwner(): void {
    const target = ownerFile(lockPathFor(this.file));
    const temp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(this.owner));
    fs.renameSync(temp, target);
  }

  private startHeartbeat(): void {
    this.timer = setInterval(() => this.beat(), this.options.heartbeatMs);
    // The heartbeat alone must not keep a command-line process alive.
    this.timer.unref();
  }

  /** Refreshes the heartbeat; returns false if someone else has taken the lock meanwhile. */
  beat(): boolean {
    const current = readLockOwner(this.file);
    if (current?.id !== this.owner.id) return false;
    this.owner.heartbeat = new Date(this.options.now()).toISOString();
    try {
      this.writeOwner();
      return true;
    } catch {
      return false;
    }
  }

  /** True while the lock folder still names us as its owner. */
  stillOurs(): boolean {
    return readLockOwner(this.file)?.id === this.owner.id;
  }

  release(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.stillOurs()) retire(this.file);
  }
}
