/** The order a clinic takes its measures in. Pure. */
import type { ReportRow } from './views';

export interface ActionCounts {
  open: number;
  overdue: number;
}

/**
 * Off-target and worsening measures first, then those with open or overdue actions (overdue
 * first), then the rest; within each group the catalogue's order.
 */
export function proposeAgenda(rows: readonly ReportRow[], actions: ReadonlyMap<string, ActionCounts>): string[] {
  const tier = (row: ReportRow): number => {
    if (row.status === 'off_target' || row.direction === 'worsened') return 0;
    const counts = actions.get(row.key);
    if (counts && counts.overdue > 0) return 1;
    if (counts && counts.open > 0) return 2;
    return 3;
  };
  return rows
    .map((row, index) => ({ key: row.key, tier: tier(row), index }))
    .sort((a, b) => a.tier - b.tier || a.index - b.index)
    .map((r) => r.key);
}

/**
 * Puts a saved order back together with the measures that exist now: saved keys that no
 * longer exist are dropped, and measures added since go at the end in proposed order.
 */
export function mergeAgenda(saved: readonly string[], proposed: readonly string[]): string[] {
  const present = new Set(proposed);
  const kept = saved.filter((k) => present.has(k));
  const seen = new Set(kept);
  return [...kept, ...proposed.filter((k) => !seen.has(k))];
}

/** Special cause of concern in the latest month (Making Data Count's orange icon). */
export function isConcern(row: ReportRow): boolean {
  return row.spc?.variation === 'concern_high' || row.spc?.variation === 'concern_low';
}

/** On its current process the measure will consistently fail its target. */
export function willFail(row: ReportRow): boolean {
  return row.spc?.assurance === 'fail';
}

/** The exception report's test: special cause of concern, or will consistently fail. */
export function isException(row: ReportRow): boolean {
  return isConcern(row) || willFail(row);
}

export type Arrangement = 'concern' | 'failing';

/**
 * Brings the measures that need the room's attention to the top of the agenda, keeping the
 * chair's order within each group: by special cause of concern first (then will consistently
 * fail), or by will consistently fail first (then concern). A measure that is both leads either way.
 */
export function arrangeAgenda(order: readonly string[], rows: readonly ReportRow[], by: Arrangement): string[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const tier = (key: string): number => {
    const row = byKey.get(key);
    if (!row) return 3;
    const concern = isConcern(row);
    const failing = willFail(row);
    if (concern && failing) return 0;
    if (by === 'concern') return concern ? 1 : failing ? 2 : 3;
    return failing ? 1 : concern ? 2 : 3;
  };
  return order
    .map((key, index) => ({ key, tier: tier(key), index }))
    .sort((a, b) => a.tier - b.tier || a.index - b.index)
    .map((r) => r.key);
}
