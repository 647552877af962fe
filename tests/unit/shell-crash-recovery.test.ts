import { describe, expect, it } from 'vitest';
import { CRASH_LIMIT, CRASH_PERIOD_MS, crashResponse } from '../../main/shell/crash-recovery';

describe("when the window's page process goes away", () => {
  it('does nothing when it closed normally', () => {
    expect(crashResponse({ reason: 'clean-exit' }, [], 0)).toEqual({ action: 'ignore' });
  });

  it.each([
    'crashed',
    'killed',
    'oom',
    'abnormal-exit',
    'launch-failed',
    'integrity-failure',
    'memory-eviction',
  ] as const)('reloads the page after %s and tells the person nothing saved was lost', (reason) => {
    const response = crashResponse({ reason }, [], 1_000_000);
    expect(response.action).toBe('reload');
    expect(response.action === 'ignore' ? '' : `${response.message} ${response.detail}`).toMatch(
      /reopened.*saved is in the clinic file/s,
    );
  });

  it(`stops reloading after ${CRASH_LIMIT} crashes within a minute, and says what to do`, () => {
    const now = 10 * CRASH_PERIOD_MS;
    const earlier = Array.from({ length: CRASH_LIMIT - 1 }, (_, i) => now - 1000 * (i + 1));
    const response = crashResponse({ reason: 'crashed' }, earlier, now);
    expect(response.action).toBe('stop');
    expect(response.action === 'stop' ? response.detail : '').toMatch(/--self-test/);
  });

  it('forgets crashes older than a minute', () => {
    const now = 10 * CRASH_PERIOD_MS;
    const old = Array.from({ length: 5 }, (_, i) => now - CRASH_PERIOD_MS - i);
    expect(crashResponse({ reason: 'crashed' }, old, now).action).toBe('reload');
  });
});
