/**
 * The headlines (issue 17): which measures the front page shows, and the words each tile needs
 * beside its picture (the change from the month before, the sparkline's text alternative). Pure;
 * tests/unit/headlines.test.ts is the table of the rule.
 */
import { isConcern } from './agenda';
import { formatValue } from './format';
import { addMonths, monthsBetween, periodShortLabel } from './period';
import type { Period, PeriodValue, Unit } from './types';
import type { ReportRow } from './views';

/** How many tiles the default choice shows: one screen of headlines, not the whole clinic. */
export const DEFAULT_HEADLINE_COUNT = 12;

/** How many months a tile's sparkline covers, ending with the headline's month. */
export const SPARKLINE_MONTHS = 13;

/** The first month of a sparkline ending in `period`: 13 months is Oct 2022 to Oct 2023. */
export function sparklineStart(period: Period): Period {
  return addMonths(period, -(SPARKLINE_MONTHS - 1));
}

/** Needs the room's attention first: off target, or special cause of concern this month. */
export function needsAttention(row: ReportRow): boolean {
  return row.status === 'off_target' || isConcern(row);
}

/**
 * The default choice of headlines: the measures off target or with special cause of concern
 * first, then the rest, each group in catalogue order (the order `rows` come in), at most `max`.
 */
export function defaultHeadlines(rows: readonly ReportRow[], max = DEFAULT_HEADLINE_COUNT): string[] {
  const first = rows.filter(needsAttention);
  const rest = rows.filter((r) => !needsAttention(r));
  return [...first, ...rest].slice(0, Math.max(0, max)).map((r) => r.key);
}

/**
 * The measures the headlines show, in order: the director's choice (those no longer in the
 * report left out), or the default choice when there is none.
 */
export function headlineKeys(chosen: readonly string[] | null, rows: readonly ReportRow[]): string[] {
  if (chosen === null) return defaultHeadlines(rows);
  const known = new Set(rows.map((r) => r.key));
  return chosen.filter((key) => known.has(key));
}

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** How big a change was, without its sign (the words say which way): "2.0 points", "102 (11.6%)". */
function changeAmount(row: ReportRow, absolute: number, percent: number | null): string {
  if (row.unit !== 'count') {
    const figure = oneDecimal.format(Math.abs(absolute));
    return `${figure} ${figure === '1.0' ? 'point' : 'points'}`;
  }
  const count = whole.format(Math.abs(absolute));
  return percent === null ? count : `${count} (${oneDecimal.format(Math.abs(percent))}%)`;
}

const judgement: Partial<Record<ReportRow['direction'], string>> = {
  improved: 'better',
  worsened: 'worse',
};

/**
 * The change from the figure compared with, in words: "Up 2.0 points from 26.4% in Sep 2023:
 * worse". Says why there is no comparison where there is none.
 */
export function changeText(row: ReportRow): string {
  if (row.current === null) return 'No figure this month.';
  if (row.comparison_note) return row.comparison_note;
  if (row.previous === null || row.change === null) return 'No earlier figure to compare with.';
  const from = `${formatValue(row.previous.value, row.unit, row.decimals)} in ${periodShortLabel(row.previous.period)}`;
  if (row.change.absolute === 0) return `No change from ${from}`;
  const way = row.change.absolute > 0 ? 'Up' : 'Down';
  const verdict = judgement[row.direction];
  return `${way} ${changeAmount(row, row.change.absolute, row.change.percent)} from ${from}${verdict ? `: ${verdict}` : ''}`;
}

/**
 * A sparkline's text alternative: "13 months from Oct 2022 to Oct 2023: lowest 15.2%, highest
 * 28.4%, latest 28.4%". Where months are missing it counts figures, not months, and says so.
 */
export function sparklineText(points: readonly PeriodValue[], unit: Unit, decimals?: number): string {
  if (points.length === 0) return 'No figures in the last 13 months.';
  const sorted = [...points].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const first = sorted[0] as PeriodValue;
  const last = sorted[sorted.length - 1] as PeriodValue;
  const value = (v: number) => formatValue(v, unit, decimals);
  if (sorted.length === 1) return `1 figure, ${periodShortLabel(last.period)}: ${value(last.value)}.`;
  const values = sorted.map((p) => p.value);
  const span = monthsBetween(first.period, last.period) + 1;
  const count = span === sorted.length ? `${sorted.length} months` : `${sorted.length} figures over ${span} months`;
  return (
    `${count} from ${periodShortLabel(first.period)} to ${periodShortLabel(last.period)}: ` +
    `lowest ${value(Math.min(...values))}, highest ${value(Math.max(...values))}, latest ${value(last.value)}.`
  );
}
