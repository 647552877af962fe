/** Target history: targets change, and a period is judged against the target that applied then. Pure. */
import type { Period } from './types';

export interface TargetChange {
  /** The first period the target applies to; it applies until the next change. */
  applies_from: Period;
  /** null records that from this period the measure has no target. */
  target: number | null;
}

/** Oldest first, as the functions below expect. */
export function sortTargetHistory(history: readonly TargetChange[]): TargetChange[] {
  return [...history].sort((a, b) => (a.applies_from < b.applies_from ? -1 : a.applies_from > b.applies_from ? 1 : 0));
}

/**
 * The target that applied in `period`: the latest change at or before it. Before the first
 * change there was no target that the file knows of, so none.
 */
export function targetAt(history: readonly TargetChange[], period: Period): number | null {
  let found: number | null = null;
  for (const change of history) {
    if (change.applies_from <= period) found = change.target;
    else break;
  }
  return found;
}

/** The target in force now: the latest change. */
export function currentTarget(history: readonly TargetChange[]): number | null {
  return history.at(-1)?.target ?? null;
}
