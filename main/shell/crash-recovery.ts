/**
 * What the shell does when the page's process goes away: reload it and tell the person. Nothing
 * confirmed is lost, because a change is on disk before the page says "Saved". A page that keeps
 * crashing is not reloaded for ever: after a few crashes in a short time the shell stops and says so.
 */
import type { RenderProcessGoneDetails } from 'electron';

export const CRASH_LIMIT = 3;
export const CRASH_PERIOD_MS = 60_000;

export type CrashResponse =
  | { action: 'ignore' }
  | { action: 'reload'; message: string; detail: string }
  | { action: 'stop'; message: string; detail: string };

const REASONS: Record<RenderProcessGoneDetails['reason'], string> = {
  'clean-exit': 'it closed',
  'abnormal-exit': 'it stopped unexpectedly',
  killed: 'it was stopped by the system or by security software',
  crashed: 'it crashed',
  oom: 'the computer ran out of memory',
  'launch-failed': 'it could not be started',
  'integrity-failure': "Windows refused the app's code (code integrity)",
  'memory-eviction': 'the computer needed its memory back',
};

const SAFE =
  'Everything the app showed as saved is in the clinic file; a note being typed at that moment may need its last words again.';

/**
 * `earlier` holds the times of previous crashes (milliseconds, any clock), `now` this one's: both
 * given, so the decision is the same every time it is tested.
 */
export function crashResponse(
  details: Pick<RenderProcessGoneDetails, 'reason'>,
  earlier: readonly number[],
  now: number,
): CrashResponse {
  if (details.reason === 'clean-exit') return { action: 'ignore' };
  const recent = earlier.filter((at) => at <= now && now - at < CRASH_PERIOD_MS).length + 1;
  const why = REASONS[details.reason] ?? 'it stopped';
  if (recent >= CRASH_LIMIT) {
    return {
      action: 'stop',
      message: `The Performance Clinic window has stopped ${recent} times in a minute, so it has not been reopened.`,
      detail: `The last time, ${why}. ${SAFE} Close the app and start it again; if it keeps happening, run it with --self-test and send the result to your IT service desk.`,
    };
  }
  return {
    action: 'reload',
    message: 'The Performance Clinic window stopped and has been reopened.',
    detail: `The page showing the clinic stopped because ${why}. ${SAFE}`,
  };
}
