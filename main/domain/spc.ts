/**
 * Statistical process control as NHS England's Making Data Count (MDC) applies it: an XmR chart
 * per measure, the four special-cause rules, and the variation and assurance icons with a
 * plain-English reason (see ../shared/guides/spc.md). Pure: series in, judgement out.
 *
 * Choices where the sources differ, pinned by tests:
 * - An equal value neither adds to nor breaks a trend (NHS England's run and control chart guidance;
 *   NHSRplotthedots breaks the run instead, and misses trends in figures reported to whole percentages).
 * - The 6-or-7 choice covers trends as well as shifts, as the MDC tool does.
 * - A phase with fewer than MINIMUM_POINTS figures has no limits: nothing in it is judged, not even
 *   against the limits of the phase before (a rebasing would otherwise be silently undone).
 * - A point beyond the process limits counts toward "two of three" (the MDC revision of November 2023).
 * - A missing period is a gap: no moving range spans it and no run rule continues across it.
 * - Moving-range screening is off unless asked for (as in the MDC Excel tools).
 */
import { addMonths, periodLabel } from './period';
import type { Period, Polarity, Unit } from './types';

export const LIMIT_FACTOR = 2.66;
export const TWO_SIGMA_FACTOR = (2 / 3) * LIMIT_FACTOR;
export const SCREENING_FACTOR = 3.267;
/** Fewer baseline points than this and the limits are trial limits. */
export const TRIAL_BELOW = 12;
/** The fewest figures an XmR chart is drawn from at all, and the fewest a phase needs for limits. */
export const MINIMUM_POINTS = 6;
/** Points in a row that make a shift or a trend unless the user chooses 6. */
export const RUN_LENGTH = 7;

export type Rule = 'outside' | 'trend' | 'two_of_three' | 'shift';
export type Side = 'high' | 'low';
export type Variation =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neutral_high'
  | 'neutral_low';
export type Assurance = 'pass' | 'fail' | 'hit_and_miss';

export interface SpcOptions {
  /** Fix the limits on the first N points of each phase (12-20); all points when absent. */
  baseline?: number | null;
  /** Drop moving ranges of 3.267 × the mean moving range or more before computing the limits. */
  screening?: boolean;
  /**
   * Points in a row that make a shift (on one side of the mean) or a trend (each higher, or each
   * lower, than the one before): 7, or 6 where the user chooses, as in the MDC tool.
   */
  runLength?: 6 | 7;
  /** Periods where a new phase of limits starts, each with its recorded reason. */
  rebase?: ReadonlyArray<{ period: Period; reason: string }>;
}

export interface SeriesPoint {
  period: Period;
  value: number;
}

export interface Limits {
  mean: number;
  upper: number;
  lower: number;
  upper2: number;
  lower2: number;
  meanMovingRange: number;
  /** How many points the limits were computed from. */
  baselinePoints: number;
  trial: boolean;
}

export interface Phase extends Limits {
  from: Period;
  to: Period;
  reason: string | null;
}

export interface SpcPoint {
  period: Period;
  /** Null for a missing period (a gap). */
  value: number | null;
  rules: Rule[];
  /** The rule a chart labels the point with: outside > trend > two of three > shift. */
  label: Rule | null;
  side: Side | null;
  /** improvement, concern or neutral where flagged. */
  kind: 'improvement' | 'concern' | 'neutral' | null;
}

export interface Signal {
  rule: Rule;
  side: Side;
  from: Period;
  to: Period;
  points: number;
  /** For a trend: months level with the one before, inside the run (counted in `points`, not as rises). */
  level?: number;
}

export interface SpcResult {
  /** The limits the last point is judged on (its phase's); null while that phase is too short for limits. */
  limits: Limits | null;
  /** The phases that have limits, oldest first. */
  phases: Phase[];
  points: SpcPoint[];
  signals: Signal[];
  /** Null when the last point is judged on nothing (its phase has too few points for limits). */
  variation: Variation | null;
  assurance: Assurance | null;
  /** Why the variation icon is what it is, in a sentence a director can read aloud. */
  variationReason: string;
  assuranceReason: string | null;
  gaps: Period[];
}

const PRECEDENCE: Rule[] = ['outside', 'trend', 'two_of_three', 'shift'];

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Lays the series out month by month, with null for every missing month between the first and last. */
export function withGaps(series: readonly SeriesPoint[]): Array<{ period: Period; value: number | null }> {
  if (series.length === 0) return [];
  const sorted = [...series].sort((a, b) => (a.period < b.period ? -1 : 1));
  const byPeriod = new Map(sorted.map((p) => [p.period, p.value]));
  const out: Array<{ period: Period; value: number | null }> = [];
  const last = sorted[sorted.length - 1]!.period;
  for (let p = sorted[0]!.period; p <= last; p = addMonths(p, 1))
    out.push({ period: p, value: byPeriod.get(p) ?? null });
  return out;
}

/** XmR limits from the points given; moving ranges only between neighbouring months. */
export function computeLimits(points: ReadonlyArray<{ value: number | null }>, screening = false): Limits | null {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const ranges: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!.value;
    const b = points[i]!.value;
    if (a !== null && b !== null) ranges.push(Math.abs(b - a));
  }
  if (values.length < 2 || ranges.length < 1) return null;
  let mr = mean(ranges);
  if (screening && mr > 0) {
    const kept = ranges.filter((r) => r < SCREENING_FACTOR * mr);
    if (kept.length > 0) mr = mean(kept);
  }
  const centre = mean(values);
  return {
    mean: centre,
    upper: centre + LIMIT_FACTOR * mr,
    lower: centre - LIMIT_FACTOR * mr,
    upper2: centre + TWO_SIGMA_FACTOR * mr,
    lower2: centre - TWO_SIGMA_FACTOR * mr,
    meanMovingRange: mr,
    baselinePoints: values.length,
    trial: values.length < TRIAL_BELOW,
  };
}

function sideOf(value: number, centre: number): Side | null {
  return value > centre ? 'high' : value < centre ? 'low' : null;
}

/** Applies the four rules within one phase; `limits` are the phase's. Mutates `flags`. */
function applyRules(
  points: ReadonlyArray<{ period: Period; value: number | null }>,
  limits: Limits,
  runLength: number,
  flags: Array<Map<Rule, Side>>,
  signals: Signal[],
): void {
  const mark = (i: number, rule: Rule, side: Side) => flags[i]!.set(rule, side);
  const signal = (rule: Rule, side: Side, from: number, to: number) =>
    signals.push({ rule, side, from: points[from]!.period, to: points[to]!.period, points: to - from + 1 });

  points.forEach((p, i) => {
    if (p.value === null) return;
    if (p.value > limits.upper) {
      mark(i, 'outside', 'high');
      signal('outside', 'high', i, i);
    } else if (p.value < limits.lower) {
      mark(i, 'outside', 'low');
      signal('outside', 'low', i, i);
    }
  });

  // A shift: points on one side of the mean; one on the mean, or a missing month, ends it.
  {
    let start = 0;
    let current: Side | null = null;
    for (let i = 0; i <= points.length; i++) {
      const v = i < points.length ? points[i]!.value : null;
      const side = v === null ? null : sideOf(v, limits.mean);
      if (side !== null && side === current) continue;
      if (current !== null && i - start >= runLength) {
        for (let k = start; k < i; k++) mark(k, 'shift', current);
        signal('shift', current, start, i - 1);
      }
      current = side;
      start = i;
    }
  }

  // A trend: `runLength` points each higher (or lower) than the one before, counted from the point
  // it rose (or fell) from. A month level with the one before neither adds to nor breaks it, but is
  // flagged with the rest; a missing month or a move the other way ends it.
  {
    let start = 0;
    let current: Side | null = null;
    let moves = 0;
    let level = 0;
    const close = (end: number) => {
      if (current !== null && moves + 1 >= runLength) {
        for (let k = start; k <= end; k++) mark(k, 'trend', current);
        signal('trend', current, start, end);
        signals.at(-1)!.level = level;
      }
    };
    for (let i = 1; i <= points.length; i++) {
      const a = points[i - 1]!.value;
      const b = i < points.length ? points[i]!.value : null;
      if (a === null || b === null) {
        close(i - 1);
        current = null;
        continue;
      }
      if (b === a) {
        if (current !== null) level++;
        continue;
      }
      const side: Side = b > a ? 'high' : 'low';
      if (side === current) {
        moves++;
        continue;
      }
      close(i - 1);
      current = side;
      start = i - 1;
      moves = 1;
      level = 0;
    }
  }

  for (let i = 2; i < points.length; i++) {
    const window = [points[i - 2]!, points[i - 1]!, points[i]!];
    if (window.some((p) => p.value === null)) continue;
    const values = window.map((p) => p.value as number);
    for (const side of ['high', 'low'] as const) {
      const sameSide = values.every((v) => (side === 'high' ? v > limits.mean : v < limits.mean));
      const beyond = values.map((v) => (side === 'high' ? v > limits.upper2 : v < limits.lower2));
      if (sameSide && beyond.filter(Boolean).length >= 2) {
        beyond.forEach((b, k) => b && mark(i - 2 + k, 'two_of_three', side));
        const last = signals.at(-1);
        if (last && last.rule === 'two_of_three' && last.side === side && last.to >= window[0]!.period) {
          last.to = window[2]!.period;
          last.points += 1;
        } else signal('two_of_three', side, i - 2, i);
      }
    }
  }
}

function kindOf(side: Side, polarity: Polarity): 'improvement' | 'concern' | 'neutral' {
  if (polarity === 'none') return 'neutral';
  return (side === 'high') === (polarity === 'higher_is_better') ? 'improvement' : 'concern';
}

export function assuranceOf(limits: Limits, target: number | null, polarity: Polarity): Assurance | null {
  if (target === null || polarity === 'none') return null;
  if (polarity === 'higher_is_better') {
    if (target > limits.upper) return 'fail';
    if (target < limits.lower) return 'pass';
  } else {
    if (target < limits.lower) return 'fail';
    if (target > limits.upper) return 'pass';
  }
  return 'hit_and_miss';
}

/** Made once: making a NumberFormat costs far more than using one (a third of the clinic comparison's SPC time). */
const FIGURE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

function formatFigure(value: number, unit: Unit): string {
  const text = FIGURE.format(value);
  if (unit === 'rate_10k') return `${text} per 10,000`;
  return unit === 'percent' ? `${text}%` : unit === 'points' ? `${text} pts` : text;
}

/**
 * Splits the series into phases at the rebase periods, computes each phase's limits (on its
 * first `baseline` points if fixed), applies the rules, and judges the last point.
 */
export function analyse(
  series: readonly SeriesPoint[],
  measure: { unit: Unit; polarity: Polarity; target: number | null },
  options: SpcOptions = {},
): SpcResult | null {
  const laid = withGaps(series);
  if (series.length < MINIMUM_POINTS) return null;
  const runLength = options.runLength ?? RUN_LENGTH;
  const starts = [...(options.rebase ?? [])]
    .filter((r) => r.period > laid[0]!.period && r.period <= laid.at(-1)!.period)
    .sort((a, b) => (a.period < b.period ? -1 : 1));
  const boundaries = [{ period: laid[0]!.period, reason: null as string | null }, ...starts];

  const flags = laid.map(() => new Map<Rule, Side>());
  const signals: Signal[] = [];
  const phases: Phase[] = [];
  let current: Limits | null = null;
  let short: { from: Period; points: number; rebased: boolean } | null = null;
  for (let b = 0; b < boundaries.length; b++) {
    const from = boundaries[b]!.period;
    const next = boundaries[b + 1]?.period;
    const first = laid.findIndex((p) => p.period >= from);
    const end = next === undefined ? laid.length : laid.findIndex((p) => p.period >= next);
    const phasePoints = laid.slice(first, end);
    let baselinePoints = phasePoints;
    if (options.baseline) {
      let counted = 0;
      const cut = phasePoints.findIndex((p) => p.value !== null && ++counted === options.baseline);
      if (cut >= 0) baselinePoints = phasePoints.slice(0, cut + 1);
    }
    const figures = phasePoints.filter((p) => p.value !== null).length;
    const limits = figures < MINIMUM_POINTS ? null : computeLimits(baselinePoints, options.screening ?? false);
    current = limits;
    short = limits ? null : { from: phasePoints[0]!.period, points: figures, rebased: b > 0 };
    if (!limits) continue;
    phases.push({
      ...limits,
      from: phasePoints[0]!.period,
      to: phasePoints.at(-1)!.period,
      reason: boundaries[b]!.reason,
    });
    const phaseFlags = flags.slice(first, end);
    applyRules(phasePoints, limits, runLength, phaseFlags, signals);
  }

  const points: SpcPoint[] = laid.map((p, i) => {
    const f = flags[i]!;
    const label = PRECEDENCE.find((r) => f.has(r)) ?? null;
    const side = label ? (f.get(label) ?? null) : null;
    return {
      period: p.period,
      value: p.value,
      rules: PRECEDENCE.filter((r) => f.has(r)),
      label,
      side,
      kind: side ? kindOf(side, measure.polarity) : null,
    };
  });

  const gaps = laid.filter((p) => p.value === null).map((p) => p.period);
  if (!current) {
    // The last phase always exists: there is no current limit only when it is too short.
    const { from, points: figures, rebased } = short!;
    const why = rebased ? `Limits recalculated from ${periodLabel(from)}: too few points` : 'Too few points';
    const count =
      figures < MINIMUM_POINTS
        ? `${figures} of the ${MINIMUM_POINTS} needed`
        : 'no two months in a row to measure the change from one to the next';
    return {
      limits: null,
      phases,
      points,
      signals,
      variation: null,
      assurance: null,
      variationReason: `${why} for limits yet (${count}), so nothing is judged.${gapSentence(gaps)}`,
      assuranceReason: null,
      gaps,
    };
  }
  const lastPoint = [...points].reverse().find((p) => p.value !== null)!;
  const variation: Variation =
    lastPoint.label && lastPoint.side ? (`${lastPoint.kind}_${lastPoint.side}` as Variation) : 'common_cause';
  const assurance = assuranceOf(current, measure.target, measure.polarity);
  return {
    limits: current,
    phases,
    points,
    signals,
    variation,
    assurance,
    variationReason: `${explainVariation(lastPoint, signals, current, measure.unit)}${gapSentence(gaps)}`,
    assuranceReason: explainAssurance(assurance, current, measure.target, measure.unit),
    gaps,
  };
}

/** " Runs are not counted across the missing May 2023." ('' without gaps): said wherever the judgement is. */
function gapSentence(gaps: readonly Period[]): string {
  if (gaps.length === 0) return '';
  const names = gaps.map(periodLabel);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return ` Runs are not counted across the missing ${list}.`;
}

function explainVariation(last: SpcPoint, signals: readonly Signal[], limits: Limits, unit: Unit): string {
  const trial = limits.trial ? ` (trial limits from ${limits.baselinePoints} months)` : '';
  if (!last.label || !last.side) {
    // MDC: the process limits are where a value is expected to fall while the process is unchanged,
    // not the range the figures happened to take.
    return `No significant change: while the process stays as it is, a month’s figure is expected to fall between the process limits of ${formatFigure(limits.lower, unit)} and ${formatFigure(limits.upper, unit)}, around an average of ${formatFigure(limits.mean, unit)}${trial}.`;
  }
  const signal = [...signals]
    .reverse()
    .find((s) => s.rule === last.label && s.to >= last.period && s.from <= last.period);
  const since = signal ? periodLabel(signal.from) : periodLabel(last.period);
  const above = last.side === 'high' ? 'above' : 'below';
  switch (last.label) {
    case 'outside':
      return `${periodLabel(last.period)} (${formatFigure(last.value ?? 0, unit)}) is ${above} the ${last.side === 'high' ? 'upper' : 'lower'} process limit of ${formatFigure(last.side === 'high' ? limits.upper : limits.lower, unit)}${trial}.`;
    case 'trend': {
      const level = signal?.level ?? 0;
      const rising = last.side === 'high' ? 'rising' : 'falling';
      const counted = (signal?.points ?? RUN_LENGTH) - level;
      const ties =
        level === 0
          ? ''
          : ` (${level} month${level === 1 ? '' : 's'} level with the one before neither adds to nor breaks the trend)`;
      return `${counted} months in a row ${rising} since ${since}${ties}.`;
    }
    case 'two_of_three':
      return `2 of the last 3 months are close to the ${last.side === 'high' ? 'upper' : 'lower'} limit (beyond ${formatFigure(last.side === 'high' ? limits.upper2 : limits.lower2, unit)}).`;
    case 'shift':
      return `${signal?.points ?? 0} months in a row ${above} the average of ${formatFigure(limits.mean, unit)} since ${since}.`;
  }
}

function explainAssurance(
  assurance: Assurance | null,
  limits: Limits,
  target: number | null,
  unit: Unit,
): string | null {
  if (assurance === null || target === null) return null;
  const range = `between ${formatFigure(limits.lower, unit)} and ${formatFigure(limits.upper, unit)}`;
  switch (assurance) {
    case 'fail':
      return `The target of ${formatFigure(target, unit)} is outside the process limits (${range}): on the current process it will consistently fail; something has to change.`;
    case 'pass':
      return `The target of ${formatFigure(target, unit)} is outside the process limits (${range}) on the good side: on the current process it will consistently pass.`;
    case 'hit_and_miss':
      return `The target of ${formatFigure(target, unit)} lies within the process limits (${range}): on the current process it will sometimes be met and sometimes missed.`;
  }
}

export const variationLabel: Record<Variation, string> = {
  common_cause: 'Common cause variation',
  improvement_high: 'Special cause: improvement (high)',
  improvement_low: 'Special cause: improvement (low)',
  concern_high: 'Special cause: concern (high)',
  concern_low: 'Special cause: concern (low)',
  neutral_high: 'Special cause: neither good nor bad (high)',
  neutral_low: 'Special cause: neither good nor bad (low)',
};

export const assuranceLabel: Record<Assurance, string> = {
  pass: 'Will consistently pass the target',
  fail: 'Will consistently fail the target',
  hit_and_miss: 'Hit and miss against the target',
};

/** What the clinic table, the command line and the minutes show of a measure's SPC. */
export interface SpcSummary {
  /** Null, with variation and assurance, while the latest phase is too short for limits. */
  mean: number | null;
  upper: number | null;
  lower: number | null;
  variation: Variation | null;
  assurance: Assurance | null;
  signals: Signal[];
  trial: boolean;
  variation_reason: string;
  assurance_reason: string | null;
}

/** The SPC judgement of a monthly measure at a period, from its figures up to that period; null without enough history. */
export function spcAt(
  history: readonly SeriesPoint[],
  period: Period,
  measure: { unit: Unit; polarity: Polarity; target: number | null },
  options: SpcOptions = {},
): SpcSummary | null {
  const result = analyse(
    history.filter((p) => p.period <= period),
    measure,
    options,
  );
  if (!result) return null;
  return {
    mean: result.limits?.mean ?? null,
    upper: result.limits?.upper ?? null,
    lower: result.limits?.lower ?? null,
    variation: result.variation,
    assurance: result.assurance,
    signals: result.signals,
    trial: result.limits?.trial ?? false,
    variation_reason: result.variationReason,
    assurance_reason: result.assuranceReason,
  };
}

/** A rebasing of a measure's limits, as recorded: from which period, why, by whom, when. */
export interface Rebase {
  period: Period;
  reason: string;
  created_at: string;
  created_by: string;
}

/** The SPC choices a measure keeps between clinics; a measure with none set uses the defaults. */
export interface SpcSettings {
  /** Limits fixed on the first N points (12-20); null: on all points. */
  baseline: number | null;
  screening: boolean;
  /** Points in a row that make a shift or a trend (the name is the stored one, from before it covered trends). */
  shiftLength: 6 | 7;
  rebases: Rebase[];
  /** When and by whom the options were last changed; null while they are the defaults. */
  updated_at: string | null;
  updated_by: string | null;
}

export const DEFAULT_SPC_SETTINGS: SpcSettings = {
  baseline: null,
  screening: false,
  shiftLength: 7,
  rebases: [],
  updated_at: null,
  updated_by: null,
};

export const BASELINE_MIN = 12;
export const BASELINE_MAX = 20;

/** The options the analysis takes, from what the measure keeps. */
export function optionsOf(settings: SpcSettings): SpcOptions {
  return {
    baseline: settings.baseline,
    screening: settings.screening,
    runLength: settings.shiftLength,
    rebase: settings.rebases.map((r) => ({ period: r.period, reason: r.reason })),
  };
}

/** A dated note on a measure's chart ("Mosaic went live"). */
export interface Annotation {
  id: number;
  measure: string;
  period: Period;
  text: string;
  created_at: string;
  created_by: string;
}
