/** The order a clinic takes its measures in. Pure. */
import type { ReportRow } from './types';

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
