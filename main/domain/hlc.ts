/**
 * A hybrid logical clock (Kulkarni et al.; the same idea Actual Budget's CRDT uses): wall-clock
 * milliseconds, a counter for events within one millisecond (or while the wall clock is behind a
 * clock already seen), and the node (device) that made the event. Its text form sorts as the
 * clock does, so change ids compare as plain strings:
 *
 *   2026-03-05T10:42:07.123Z-0000-1a2b3c4d5e6f7a8b
 *
 * Pure: the caller passes "now" in, so tests fix it.
 */

/** The largest clock the counter can reach within one millisecond. */
export const MAX_COUNTER = 0xffff;
/** A remote clock further ahead of our wall clock than this is refused: a machine's date is wrong. */
export const MAX_DRIFT_MS = 5 * 60 * 1000;

export interface Hlc {
  millis: number;
  counter: number;
  /** 16 lower-case hex digits. */
  node: string;
}

export class ClockError extends Error {}

export function isNode(node: string): boolean {
  return /^[0-9a-f]{16}$/.test(node);
}

export function hlcToString(t: Hlc): string {
  return `${new Date(t.millis).toISOString()}-${t.counter.toString(16).toUpperCase().padStart(4, '0')}-${t.node}`;
}

const PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-([0-9a-f]{16})/;

/** Reads a clock's text (a change id, which continues after it, is read too); null when it is not one. */
export function parseHlc(text: string): Hlc | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const millis = Date.parse(m[1]!);
  if (!Number.isFinite(millis)) return null;
  return { millis, counter: parseInt(m[2]!, 16), node: m[3]! };
}

/** The clock for a local event at wall-clock time `now`: later than every clock seen so far. */
export function send(last: Hlc, now: number): Hlc {
  const millis = Math.max(last.millis, now);
  if (millis - now > MAX_DRIFT_MS)
    throw new ClockError(`the clock is ${Math.round((millis - now) / 1000)} s ahead of this computer's time`);
  const counter = millis === last.millis ? last.counter + 1 : 0;
  if (counter > MAX_COUNTER) throw new ClockError('too many changes within one millisecond');
  return { millis, counter, node: last.node };
}

/** Our clock after seeing a remote one: later than both it and every clock we had seen. */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  if (remote.millis - now > MAX_DRIFT_MS)
    throw new ClockError(
      `a change is dated ${Math.round((remote.millis - now) / 60_000)} minutes in the future: the other computer's clock is wrong`,
    );
  const millis = Math.max(last.millis, remote.millis, now);
  let counter: number;
  if (millis === last.millis && millis === remote.millis) counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) throw new ClockError('too many changes within one millisecond');
  return { millis, counter, node: last.node };
}

/** A clock that hands out strictly increasing timestamps for one node. */
export class Clock {
  private last: Hlc;

  constructor(
    node: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!isNode(node)) throw new Error(`a clock node is 16 hex digits, not "${node}"`);
    this.last = { millis: 0, counter: 0, node };
  }

  get node(): string {
    return this.last.node;
  }

  /** A new timestamp for a local change. */
  tick(): string {
    this.last = send(this.last, this.now());
    return hlcToString(this.last);
  }

  /**
   * Moves past a timestamp seen elsewhere (in a file opened or merged), so our next change sorts
   * after it. `strict`: a clock too far ahead of ours is refused (a merge says so); otherwise it is
   * left behind (opening a file must not fail because another computer's date was wrong).
   */
  observe(text: string, strict = true): void {
    const remote = parseHlc(text);
    if (!remote) return;
    try {
      this.last = receive(this.last, remote, this.now());
    } catch (error) {
      if (strict) throw error;
    }
  }
}
