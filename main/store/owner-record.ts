/**
 * The small records written beside a shared clinic file to say whose something is: the lock's
 * owner (file-lock.ts) and each open of the file (presence.ts). Both say who, on which computer
 * and process, since when, and when last heard of, and both are judged gone the same way.
 */
import * as os from 'node:os';

export interface OwnerRecord {
  id: string;
  host: string;
  pid: number;
  /** ISO time the record was first written. */
  since: string;
  /** ISO time of the owner's last heartbeat. */
  heartbeat: string;
}

/**
 * An owner record from its JSON, with the person's name from the field `nameField` (`nobody`
 * where there is none). Null for anything else: half written, damaged or not JSON at all.
 */
export function parseOwnerRecord<K extends string>(
  text: string,
  nameField: K,
  nobody: string,
): (OwnerRecord & Record<K, string>) | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const o = parsed as Record<string, unknown>;
    if (typeof o.id !== 'string' || typeof o.since !== 'string' || typeof o.heartbeat !== 'string') return null;
    const name = o[nameField];
    const record: OwnerRecord = {
      id: o.id,
      host: typeof o.host === 'string' ? o.host : 'another computer',
      pid: typeof o.pid === 'number' ? o.pid : 0,
      since: o.since,
      heartbeat: o.heartbeat,
    };
    // The name's field is each kind's own ("user" of a lock, "name" of a presence), as written by older versions too.
    return { ...record, [nameField]: typeof name === 'string' ? name : nobody } as OwnerRecord & Record<K, string>;
  } catch {
    return null;
  }
}

/** Whether a process of this computer is still running. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a record's owner is gone: its process has ended on this computer, or its heartbeat is
 * older than `staleMs` (an app that crashed, or a laptop that was shut).
 */
export function ownerIsGone(record: OwnerRecord, staleMs: number, now: () => number): boolean {
  if (record.host === os.hostname() && record.pid !== process.pid && !processIsAlive(record.pid)) return true;
  const beat = Date.parse(record.heartbeat);
  return Number.isNaN(beat) || now() - beat > staleMs;
}
