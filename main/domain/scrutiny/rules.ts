/**
 * The phrase rules of the scrutiny report: which comparison is made, in which words, and where
 * "broadly similar", "slightly" and "markedly" begin. One table, so that a sentence never says
 * what the figures do not: the drafter (draft.ts) only chooses among these phrases.
 *
 * Polarity is in every target phrase: a lower-is-better measure above its target is "above the
 * target of 20%, where lower is better, so off target", never "exceeds"; below it is on target.
 */
import { formatValue } from '../format';
import { tidy } from '../status';
import type { Polarity, Unit } from '../types';
import type { BenchmarkName } from './input';

/** How big a difference is, in the words the report uses. */
export type Size = 'none' | 'similar' | 'slight' | 'moderate' | 'marked';

export interface Bands {
  /** Below this the figures are "broadly similar". */
  similarBelow: number;
  /** Up to and including this, the difference is "slight". */
  slightUpTo: number;
  /** From this on, the difference is "marked". */
  markedFrom: number;
}

export const PHRASE_RULES = {
  /**
   * Bands for a difference: in percentage points for percentages and points, and in per cent of
   * the earlier figure for counts (10 more children matters in 40, not in 1,700).
   */
  bands: {
    percent: { similarBelow: 0.25, slightUpTo: 2, markedFrom: 10 },
    points: { similarBelow: 0.25, slightUpTo: 2, markedFrom: 10 },
    count: { similarBelow: 1, slightUpTo: 5, markedFrom: 20 },
    // A rate per 10,000 children moves like the count it comes from: by a share of itself.
    rate_10k: { similarBelow: 1, slightUpTo: 5, markedFrom: 20 },
  } satisfies Record<Unit, Bands>,
  /**
   * A figure is "far outside its history" when it lies beyond the highest or lowest of at least
   * `minimumEarlier` earlier months by more than `beyondRange` of their range, and by at least
   * the marked band: then the rules do not decide what it means, a person does.
   */
  outsideHistory: { minimumEarlier: 6, beyondRange: 0.5 },
  /** A percentage and its numerator and denominator disagree when they differ by more than this (points). */
  consistencyPoints: 0.15,
  /** The range "since April" is given from this many months of the financial year (the period included). */
  financialYearRangeFrom: 3,
  /** An area whose measures are all monthly percentages with targets, at least this many, is tabulated. */
  tabulateFrom: 3,
  benchmarkNames: {
    national: 'national average',
    regional: 'regional average',
    statistical_neighbours: 'statistical neighbour average',
  } satisfies Record<BenchmarkName, string>,
  sizeWords: {
    none: '',
    similar: 'slight',
    slight: 'slight',
    moderate: '',
    marked: 'marked',
  } satisfies Record<Size, string>,
} as const;

/** The size of a difference between two figures of a unit, by the bands above. */
export function sizeOf(current: number, earlier: number, unit: Unit): Size {
  const diff = Math.abs(tidy(current - earlier));
  if (diff === 0) return 'none';
  const bands = PHRASE_RULES.bands[unit];
  const measure =
    unit === 'count' || unit === 'rate_10k'
      ? earlier === 0
        ? Infinity
        : tidy((diff / Math.abs(earlier)) * 100)
      : diff;
  if (measure < bands.similarBelow) return 'similar';
  if (measure <= bands.slightUpTo) return 'slight';
  if (measure >= bands.markedFrom) return 'marked';
  return 'moderate';
}

/** "28.4%", "1,730", "+0.2 points". */
export function figure(value: number, unit: Unit): string {
  if (unit === 'points') {
    const text = formatValue(Math.abs(value), 'percent').replace('%', '');
    const sign = value > 0 ? '+' : value < 0 ? '\u2212' : '';
    return `${sign}${text} ${text === '1' ? 'point' : 'points'}`;
  }
  return formatValue(value, unit);
}

/**
 * "102", "2.3 percentage points", "1 percentage point", "1.2 per 10,000 children": the size of a
 * change, without its sign.
 */
export function amount(diff: number, unit: Unit): string {
  const size = Math.abs(tidy(diff));
  if (unit === 'rate_10k') return formatValue(size, unit);
  const text = formatValue(size, unit === 'count' ? 'count' : 'percent').replace('%', '');
  if (unit === 'count') return text;
  return `${text} percentage ${text === '1' ? 'point' : 'points'}`;
}

export type TargetStatus = 'on_target' | 'near_target' | 'off_target' | 'no_direction';

export interface TargetPhrase {
  text: string;
  status: TargetStatus;
}

/**
 * Where a figure stands against its target, in words that carry the polarity:
 * "above the target of 80%, so on target"; "above the target of 20%, where lower is better, so
 * off target"; "below the target of 18%, where lower is better, so on target".
 */
export function targetPhrase(
  value: number,
  target: number,
  polarity: Polarity,
  unit: Unit,
  tolerance = 0,
): TargetPhrase {
  const of = `the target of ${figure(target, unit)}`;
  const diff = tidy(value - target);
  if (polarity === 'none') {
    const where = diff > 0 ? 'above' : diff < 0 ? 'below' : 'at';
    return { text: `${where} ${of} (a measure with no better direction)`, status: 'no_direction' };
  }
  const lower = polarity === 'lower_is_better';
  const where = diff === 0 ? (lower ? 'at' : 'meeting') : diff > 0 ? 'above' : 'below';
  const shortfall = lower ? diff : -diff;
  const status: TargetStatus = shortfall <= 0 ? 'on_target' : shortfall <= tolerance ? 'near_target' : 'off_target';
  const verdict =
    status === 'on_target'
      ? 'so on target'
      : status === 'near_target'
        ? `so near target (within ${amount(tolerance, unit)})`
        : 'so off target';
  return { text: `${where} ${of}${lower ? ', where lower is better' : ''}, ${verdict}`, status };
}

/** "above the national average of 21.5% (2022)", "in line with …", "slightly below …", "well above …". */
export function benchmarkPhrase(
  value: number,
  benchmark: { name: BenchmarkName; value: number; year: string | null },
  unit: Unit,
): string {
  const size = sizeOf(value, benchmark.value, unit);
  const diff = tidy(value - benchmark.value);
  const side = diff > 0 ? 'above' : 'below';
  const position =
    size === 'none' || size === 'similar'
      ? 'in line with'
      : size === 'slight'
        ? `slightly ${side}`
        : size === 'marked'
          ? `well ${side}`
          : side;
  const year = benchmark.year === null ? '' : ` (${benchmark.year})`;
  return `${position} the ${PHRASE_RULES.benchmarkNames[benchmark.name]} of ${figure(benchmark.value, unit)}${year}`;
}

/** What a change means for a measure with a better direction, or '' for one with none. */
export function judgement(diff: number, polarity: Polarity): '' | 'an improvement' | 'a deterioration' {
  if (polarity === 'none' || tidy(diff) === 0) return '';
  return diff > 0 === (polarity === 'higher_is_better') ? 'an improvement' : 'a deterioration';
}

/**
 * The change from an earlier figure, as a clause that follows "This is":
 * "unchanged from September 2023 (90%)"; "broadly similar to September 2023 (1,740), a decrease
 * of 10"; "a decrease of 102 from 883 in September 2023"; "an increase of 2.3 percentage points
 * from 78% in September 2023, an improvement".
 */
export function changeClause(current: number, earlier: number, earlierLabel: string, unit: Unit, polarity: Polarity) {
  const diff = tidy(current - earlier);
  const size = sizeOf(current, earlier, unit);
  const was = figure(earlier, unit);
  if (size === 'none') return `unchanged from ${earlierLabel} (${was})`;
  const noun = diff > 0 ? 'increase' : 'decrease';
  const good = judgement(diff, polarity);
  const tail = good === '' ? '' : `, ${good}`;
  if (size === 'similar')
    return `broadly similar to ${earlierLabel} (${was}), ${noun === 'increase' ? 'an' : 'a'} ${noun} of ${amount(diff, unit)}${tail}`;
  const word = PHRASE_RULES.sizeWords[size];
  const article = word === '' ? (noun === 'increase' ? 'an' : 'a') : 'a';
  const adjective = word === '' ? '' : `${word} `;
  return `${article} ${adjective}${noun} of ${amount(diff, unit)} from ${was} in ${earlierLabel}${tail}`;
}

/**
 * The same month last year: "Compared with October 2022 (1,473), there are now an additional 257."
 * for counts; "Compared with October 2022 (30%), this is 1.6 percentage points lower, an improvement."
 */
export function lastYearSentence(current: number, earlier: number, label: string, unit: Unit, polarity: Polarity) {
  const diff = tidy(current - earlier);
  const opening = `Compared with ${label} (${figure(earlier, unit)})`;
  const good = judgement(diff, polarity);
  const tail = good === '' ? '' : `, ${good}`;
  if (unit === 'count') {
    if (diff === 0) return `${opening}, the number is the same.`;
    return diff > 0
      ? `${opening}, there are now an additional ${amount(diff, unit)}${tail}.`
      : `${opening}, there are now ${amount(diff, unit)} fewer${tail}.`;
  }
  if (diff === 0) return `${opening}, the figure is the same.`;
  return `${opening}, this is ${amount(diff, unit)} ${diff > 0 ? 'higher' : 'lower'}${tail}.`;
}
