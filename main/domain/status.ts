import type { Change, Direction, Polarity, Status, Unit } from './types';

/** Removes floating-point noise (23.2 - 22.7 = 0.5000000000000036) without hiding real decimals. */
export function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Status against target. On target means meeting it exactly or doing better; near target means
 * short of it by no more than the measure's tolerance; measures with no target, or no good
 * direction, have no status.
 */
export function statusAgainstTarget(
  value: number | null,
  target: number | null,
  polarity: Polarity,
  tolerance: number,
): Status {
  if (value === null || target === null || polarity === 'none') return 'no_target';
  const shortfall = tidy(polarity === 'higher_is_better' ? target - value : value - target);
  if (shortfall <= 0) return 'on_target';
  if (shortfall <= tolerance) return 'near_target';
  return 'off_target';
}

export function changeBetween(current: number | null, previous: number | null, unit: Unit): Change | null {
  if (current === null || previous === null) return null;
  const absolute = tidy(current - previous);
  const percent = unit === 'count' && previous !== 0 ? tidy(((current - previous) / previous) * 100) : null;
  return { absolute, percent };
}

/** Whether the change is good news, given which way is good for this measure. */
export function directionOfChange(change: Change | null, polarity: Polarity): Direction {
  if (polarity === 'none') return 'not_applicable';
  if (change === null) return 'no_previous';
  if (change.absolute === 0) return 'unchanged';
  const wentUp = change.absolute > 0;
  return wentUp === (polarity === 'higher_is_better') ? 'improved' : 'worsened';
}
