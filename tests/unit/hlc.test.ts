import { describe, expect, it } from 'vitest';
import {
  Clock,
  ClockError,
  hlcToString,
  MAX_COUNTER,
  MAX_DRIFT_MS,
  parseHlc,
  receive,
  send,
  type Hlc,
} from '../../main/domain/hlc';

const node = '0123456789abcdef';
const other = 'fedcba9876543210';
const at = (millis: number, counter = 0, n = node): Hlc => ({ millis, counter, node: n });
const T = Date.parse('2026-03-05T10:42:07.123Z');

describe('hybrid logical clock', () => {
  it('writes a text that sorts as the clock does, and reads it back', () => {
    expect(hlcToString(at(T, 10))).toBe('2026-03-05T10:42:07.123Z-000A-0123456789abcdef');
    expect(parseHlc('2026-03-05T10:42:07.123Z-000A-0123456789abcdef-00003')).toEqual(at(T, 10));
    expect(parseHlc('not a clock')).toBeNull();
    const texts = [at(T, 2), at(T + 1, 0), at(T, 10), at(T - 5, 65535)].map(hlcToString);
    expect([...texts].sort()).toEqual([at(T - 5, 65535), at(T, 2), at(T, 10), at(T + 1, 0)].map(hlcToString));
  });

  it('is monotonic: each local event is later than the last, even when the wall clock stands still or goes back', () => {
    let now = T;
    const clock = new Clock(node, () => now);
    const seen = [clock.tick(), clock.tick()];
    now = T - 10_000; // the computer's clock set back
    seen.push(clock.tick());
    now = T + 1;
    seen.push(clock.tick());
    for (let i = 1; i < seen.length; i++) expect(seen[i]! > seen[i - 1]!).toBe(true);
    expect(parseHlc(seen[2]!)).toEqual(at(T, 2));
  });

  it('after receiving a remote clock, the next local event sorts after it', () => {
    const mine = at(T, 3);
    expect(receive(mine, at(T + 500, 7, other), T)).toEqual(at(T + 500, 8));
    expect(receive(mine, at(T, 9, other), T)).toEqual(at(T, 10));
    expect(receive(mine, at(T - 100, 50, other), T)).toEqual(at(T, 4));
    expect(receive(mine, at(T - 100, 50, other), T + 1000)).toEqual(at(T + 1000, 0));
    const clock = new Clock(node, () => T);
    clock.observe(hlcToString(at(T + 2000, 5, other)));
    expect(clock.tick() > hlcToString(at(T + 2000, 5, other))).toBe(true);
  });

  it('refuses a remote clock too far ahead of this computer (a wrong date), unless told to leave it behind', () => {
    const mine = at(T);
    expect(() => receive(mine, at(T + MAX_DRIFT_MS + 1, 0, other), T)).toThrow(ClockError);
    expect(receive(mine, at(T + MAX_DRIFT_MS, 0, other), T).millis).toBe(T + MAX_DRIFT_MS);
    const clock = new Clock(node, () => T);
    const far = hlcToString(at(T + MAX_DRIFT_MS + 60_000, 0, other));
    expect(() => clock.observe(far)).toThrow(/in the future/);
    clock.observe(far, false);
    expect(parseHlc(clock.tick())!.millis).toBe(T);
  });

  it('refuses to overflow the counter within one millisecond', () => {
    expect(send(at(T, MAX_COUNTER - 1), T)).toEqual(at(T, MAX_COUNTER));
    expect(() => send(at(T, MAX_COUNTER), T)).toThrow(/too many changes/);
    expect(() => receive(at(T, 1), at(T, MAX_COUNTER, other), T)).toThrow(ClockError);
    // A new millisecond starts the counter again.
    expect(send(at(T, MAX_COUNTER), T + 1)).toEqual(at(T + 1, 0));
  });

  it('takes only a node of 16 hex digits', () => {
    expect(() => new Clock('laptop')).toThrow(/16 hex digits/);
  });
});
