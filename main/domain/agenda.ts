/**
 * The order a clinic takes its measures in, and why each is where it is. Pure. The rule is here
 * and only here; tests/unit/agenda.test.ts is its table.
 */
import { formatValue } from './format';
import { addMonths } from './period';
import { LIMIT_FACTOR, SCREENING_FACTOR } from './spc';
import { tidy } from './status';
import type { Unit } from './types';
import type { ReportRow } from './views';

export interface ActionCounts {
  open: number;
  overdue: number;
}

/** Why a measure is where it is on the proposed agenda, most pressing first. */
export type AgendaGroup =
  'short_of_target' | 'concern' | 'worsened_beyond_variation' | 'overdue_actions' | 'open_actions' | 'nothing';

const GROUPS: readonly AgendaGroup[] = [
  'short_of_target',
  'concern',
  'worsened_beyond_variation',
  'overdue_actions',
  'open_actions',
  'nothing',
];

export interface AgendaRank {
  key: string;
  group: AgendaGroup;
  /** The reason in words, as the window shows it: "Off target by 25 points: 31% below the target of 80%". */
  reason: string;
}

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** "25 points" for a percentage or points measure, "12" for a count, "4.5 per 10,000" for a rate. */
function amount(value: number, unit: Unit): string {
  if (unit === 'count') return formatValue(value, 'count');
  if (unit === 'rate_10k') return `${oneDecimal.format(value)} per 10,000`;
  const figure = oneDecimal.format(value);
  return `${figure} ${figure === '1' ? 'point' : 'points'}`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The month-to-month change common-cause variation allows: Making Data Count's moving-range
 * limit, 3.267 times the mean moving range (which the process limits are 2.66 times). Null
 * where there are no limits, or the comparison is not with the month before.
 */
function commonCauseChange(row: ReportRow): number | null {
  if (!row.spc || !row.current || !row.previous) return null;
  if (row.previous.period !== addMonths(row.current.period, -1)) return null;
  // A phase too short for limits (just recalculated) has no judgement to lend.
  if (row.spc.upper === null || row.spc.mean === null) return null;
  const meanMovingRange = (row.spc.upper - row.spc.mean) / LIMIT_FACTOR;
  return tidy(SCREENING_FACTOR * meanMovingRange);
}

/**
 * Where one measure goes: short of its target (off or near), ranked by the shortfall relative to
 * the target, so 28.4% against a ceiling of 20% (42% over) comes before 55% against 80% (31%
 * short); then special cause of concern; then a worsening bigger than common-cause variation from
 * one month to the next (an on-target dip within it is not news); then overdue actions (most
 * first), then open actions; then the rest. Within a group, the catalogue's order.
 */
function rank(row: ReportRow, counts: ActionCounts | undefined): AgendaRank & { weight: number } {
  const value = row.current?.value ?? null;
  if ((row.status === 'off_target' || row.status === 'near_target') && value !== null && row.target !== null) {
    const shortfall = tidy(row.polarity === 'lower_is_better' ? value - row.target : row.target - value);
    const relative = row.target === 0 ? Infinity : shortfall / Math.abs(row.target);
    const side = row.polarity === 'lower_is_better' ? 'above' : 'below';
    const target = formatValue(row.target, row.unit);
    const share = Number.isFinite(relative) ? `${Math.round(relative * 100)}%` : null;
    const reason =
      row.status === 'off_target'
        ? `Off target by ${amount(shortfall, row.unit)}: ${share === null ? `${side} the target of ${target}` : `${share} ${side} the target of ${target}`}`
        : `Near target: ${amount(shortfall, row.unit)} ${side} the target of ${target}${share === null ? '' : ` (${share})`}, within its near-target band of ${amount(row.tolerance, row.unit)}`;
    return { key: row.key, group: 'short_of_target', reason, weight: -relative };
  }
  if (isConcern(row)) {
    return {
      key: row.key,
      group: 'concern',
      reason: `Special cause of concern: ${row.spc?.variation_reason ?? ''}`,
      weight: 0,
    };
  }
  const allowed = commonCauseChange(row);
  if (row.direction === 'worsened' && row.change && allowed !== null && Math.abs(row.change.absolute) > allowed) {
    return {
      key: row.key,
      group: 'worsened_beyond_variation',
      reason: `Worsened by ${amount(Math.abs(row.change.absolute), row.unit)}, more than month-to-month common-cause variation (up to ${amount(allowed, row.unit)})`,
      weight: 0,
    };
  }
  if (counts && counts.overdue > 0) {
    return {
      key: row.key,
      group: 'overdue_actions',
      reason: plural(counts.overdue, 'overdue action'),
      weight: -counts.overdue,
    };
  }
  if (counts && counts.open > 0) {
    return { key: row.key, group: 'open_actions', reason: plural(counts.open, 'open action'), weight: 0 };
  }
  const standing = row.status === 'on_target' ? 'on target' : 'no target';
  const unusual = row.spc ? ', and no unusual change' : '';
  return { key: row.key, group: 'nothing', reason: `Nothing to flag: ${standing}${unusual}`, weight: 0 };
}

/** Every measure in proposed agenda order, each with its group and the reason in words. */
export function agendaRanking(rows: readonly ReportRow[], actions: ReadonlyMap<string, ActionCounts>): AgendaRank[] {
  return rows
    .map((row, index) => ({ ...rank(row, actions.get(row.key)), index }))
    .sort((a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group) || a.weight - b.weight || a.index - b.index)
    .map(({ key, group, reason }) => ({ key, group, reason }));
}

/** The proposed order of a clinic's measures (see agendaRanking for the rule). */
export function proposeAgenda(rows: readonly ReportRow[], actions: ReadonlyMap<string, ActionCounts>): string[] {
  return agendaRanking(rows, actions).map((r) => r.key);
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
