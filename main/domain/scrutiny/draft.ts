/**
 * Drafts the scrutiny report's paragraphs from the figures, by the rules in rules.ts. Pure: the
 * same input gives the same words. Where the rules cannot decide (no figure, nothing to compare
 * with, a figure far outside its history, figures that disagree with each other) the paragraph
 * says so in words and is flagged for a person.
 */
import { countOf } from '../count-noun';
import { periodLabel, periodShortLabel, addMonths } from '../period';
import { assuranceLabel, variationLabel } from '../spc';
import { tidy } from '../status';
import type { Period } from '../types';
import type { DraftFigure, MeasureDraftInput } from './input';
import {
  PHRASE_RULES,
  benchmarkPhrase,
  changeClause,
  figure,
  lastYearSentence,
  sizeOf,
  targetPhrase,
  type TargetStatus,
} from './rules';

export interface DraftTableRow {
  key: string;
  title: string;
  previous: string;
  current: string;
  target: string;
  status: string;
}

export interface DraftTable {
  caption: string;
  previousHeading: string;
  currentHeading: string;
  rows: DraftTableRow[];
}

/** One numbered paragraph of section 3, as drafted from the figures. */
export interface DraftedParagraph {
  /** The measure's key, or `area:<key>` for an area drafted as one paragraph with a table. */
  item: string;
  text: string;
  /** Why a person must decide what this paragraph says; empty when the rules decided. */
  needsPerson: string[];
  /** The figure it states, as written ("28.4%"): what "figures changed since you edited it" shows. */
  figure: string;
  /** Every figure it was drafted from, as one string: when this changes, the figures changed. */
  basis: string;
  table: DraftTable | null;
}

const STATUS_WORDS: Record<TargetStatus, string> = {
  on_target: 'On target',
  near_target: 'Near target',
  off_target: 'Off target',
  no_direction: 'No better direction',
};

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const first = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** "in October 2023"; "in the quarter to September 2023"; "for the academic year to October 2023". */
function when(input: MeasureDraftInput, current: DraftFigure): string {
  const label = periodLabel(current.period);
  switch (input.frequency) {
    case 'monthly':
      return `in ${label}`;
    case 'quarterly':
      return `in the quarter to ${label}`;
    case 'academic_ytd':
      return `for the academic year to ${label}`;
    case 'financial_ytd':
      return `for the financial year to ${label}`;
  }
}

/** The April that starts the financial year a month falls in. */
export function financialYearStart(period: Period): Period {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return `${month >= 4 ? year : year - 1}-04`;
}

/** Why the figures cannot be trusted as they stand, or null. */
export function inconsistency(input: MeasureDraftInput, f: DraftFigure): string | null {
  const name = periodLabel(f.period);
  if (!Number.isFinite(f.value)) return `the figure for ${name} is not a number`;
  if (input.unit === 'percent' && (f.value < 0 || f.value > 100))
    return `the figure for ${name} is a percentage outside 0 to 100`;
  if (input.unit === 'count' && f.value < 0) return `the figure for ${name} is a negative count`;
  if (input.unit === 'rate_10k' && f.value < 0) return `the figure for ${name} is a negative rate`;
  const { numerator: n, denominator: d } = f;
  if (n === null || d === null) return null;
  if (n < 0 || d < 0) return `the numerator or denominator for ${name} is negative`;
  if (n > d) return `the numerator for ${name} is larger than the denominator`;
  if (input.unit === 'percent' && d > 0 && Math.abs(tidy((n / d) * 100 - f.value)) > PHRASE_RULES.consistencyPoints)
    return `the figure for ${name} does not match its numerator and denominator`;
  return null;
}

/** Whether the figure lies far outside the months before it (see PHRASE_RULES.outsideHistory). */
export function farOutsideHistory(input: MeasureDraftInput, current: DraftFigure): boolean {
  const earlier = input.history.filter((h) => h.period < current.period).map((h) => h.value);
  if (earlier.length < PHRASE_RULES.outsideHistory.minimumEarlier) return false;
  const low = Math.min(...earlier);
  const high = Math.max(...earlier);
  const margin = (high - low) * PHRASE_RULES.outsideHistory.beyondRange;
  const beyond = current.value > high + margin ? high : current.value < low - margin ? low : null;
  return beyond !== null && sizeOf(current.value, beyond, input.unit) === 'marked';
}

function basisOf(input: MeasureDraftInput): string {
  const f = (x: DraftFigure | null) => (x ? [x.period, x.value, x.numerator, x.denominator] : null);
  return JSON.stringify([
    f(input.current),
    f(input.previous),
    f(input.last_year),
    input.target,
    input.benchmarks.map((b) => [b.name, b.value, b.year]),
  ]);
}

/**
 * "Since April 2023 this figure has fluctuated between 15 and 26." from the months of the financial
 * year. Only what the file holds is said: "since April" needs every month from April to the
 * period; with months missing, the range starts at the first month of the unbroken run that ends
 * at the period ("Since July 2023 …"), and a run shorter than PHRASE_RULES.financialYearRangeFrom
 * gives no range at all.
 */
export function rangeSinceApril(input: MeasureDraftInput): string | null {
  if (input.frequency !== 'monthly' || input.current === null || input.current.period !== input.period) return null;
  const from = financialYearStart(input.period);
  const byPeriod = new Map(input.history.map((h) => [h.period, h.value]));
  const values: number[] = [];
  let first = input.period;
  for (let p = input.period; p >= from; p = addMonths(p, -1)) {
    const value = byPeriod.get(p);
    if (value === undefined) break;
    values.push(value);
    first = p;
  }
  if (values.length < PHRASE_RULES.financialYearRangeFrom) return null;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const since = `Since ${periodLabel(first)}`;
  if (low === high) return `${since} this figure has been ${figure(low, input.unit)} every month.`;
  return `${since} this figure has fluctuated between ${figure(low, input.unit)} and ${figure(high, input.unit)}.`;
}

/** The Making Data Count sentence, where there is enough history for a judgement. */
function mdcSentence(input: MeasureDraftInput): string | null {
  const spc = input.spc;
  if (!spc || spc.variation === null) return null;
  const parts = [`Making Data Count: ${variationLabel[spc.variation].toLowerCase()}.`, sentence(spc.variation_reason)];
  if (spc.assurance) parts.push(`${assuranceLabel[spc.assurance]}.`);
  return parts.join(' ');
}

/** One measure's paragraph. */
export function draftMeasure(input: MeasureDraftInput): DraftedParagraph {
  const base = { item: input.key, basis: basisOf(input), table: null };
  const current = input.current;
  if (current === null) {
    return {
      ...base,
      figure: '',
      text: `There is no figure for ${input.title} for ${periodLabel(input.period)} in this file.`,
      needsPerson: ['There is no figure for this period.'],
    };
  }
  const needsPerson: string[] = [];
  const unit = input.unit;
  const parts: string[] = [];
  let opening = `${input.title} stood at ${figure(current.value, unit)} ${when(input, current)}`;
  if (current.numerator !== null && current.denominator !== null && unit === 'percent') {
    const n = figure(current.numerator, 'count');
    const d = figure(current.denominator, 'count');
    opening += input.noun
      ? `, which equates to ${countOf(current.numerator, input.noun, n)} out of ${d}`
      : `, which equates to ${n} of ${d}`;
  }
  if (input.target !== null)
    opening += `, ${targetPhrase(current.value, input.target, input.polarity, unit, input.tolerance).text}`;
  parts.push(sentence(opening));

  if (input.previous) {
    parts.push(
      sentence(
        `This is ${changeClause(current.value, input.previous.value, periodLabel(input.previous.period), unit, input.polarity)}`,
      ),
    );
  }
  const lastYear = input.last_year;
  if (lastYear && lastYear.period !== input.previous?.period)
    parts.push(lastYearSentence(current.value, lastYear.value, periodLabel(lastYear.period), unit, input.polarity));

  if (input.benchmarks.length > 0) {
    const phrases = input.benchmarks.map((b) => benchmarkPhrase(current.value, b, unit));
    const last = phrases.pop()!;
    const list = phrases.length > 0 ? `${phrases.join(', ')} and ${last}` : last;
    const polarity = input.target === null && input.polarity === 'lower_is_better' ? ', where lower is better' : '';
    parts.push(sentence(`This is ${list}${polarity}`));
  }

  const range = rangeSinceApril(input);
  if (range) parts.push(range);

  for (const caveat of input.caveats) {
    const from = caveat.from ? ` (from ${periodLabel(caveat.from)})` : '';
    parts.push(sentence(`Caveat${from}: ${caveat.text}`));
  }

  const mdc = mdcSentence(input);
  if (mdc) parts.push(mdc);

  for (const f of [current, input.previous, lastYear]) {
    const problem = f ? inconsistency(input, f) : null;
    if (problem) needsPerson.push(sentence(`The figures disagree: ${problem}`));
  }
  if (farOutsideHistory(input, current))
    needsPerson.push(
      `${figure(current.value, unit)} is far outside the figures of the months before; check it before the report goes out.`,
    );
  if (!input.previous && !lastYear && input.target === null && input.benchmarks.length === 0 && !range)
    needsPerson.push('There is no earlier figure, target or benchmark to compare it with.');
  // What the rules could not decide is said in the paragraph itself, not only flagged beside it.
  for (const reason of needsPerson) parts.push(`[For the author: ${reason}]`);
  return { ...base, figure: figure(current.value, unit), text: parts.join(' '), needsPerson };
}

/** Whether an area's measures are tabulated together (plans, visits, supervisions). */
export function tabulated(inputs: readonly MeasureDraftInput[]): boolean {
  return (
    inputs.length >= PHRASE_RULES.tabulateFrom &&
    inputs.every((i) => i.unit === 'percent' && i.frequency === 'monthly' && i.target !== null)
  );
}

/** An area's measures as one paragraph and a table of both months, as the report has them. */
export function draftTable(
  areaKey: string,
  areaTitle: string,
  inputs: readonly MeasureDraftInput[],
  period: Period,
  compare: Period,
): DraftedParagraph {
  const rows: DraftTableRow[] = [];
  const clauses: string[] = [];
  const needsPerson: string[] = [];
  const counts: Record<'on' | 'off', string[]> = { on: [], off: [] };
  for (const input of inputs) {
    const cur = input.current;
    const prev = input.previous;
    const target = input.target!;
    const phrase = cur ? targetPhrase(cur.value, target, input.polarity, input.unit, input.tolerance) : null;
    rows.push({
      key: input.key,
      title: input.title,
      previous: prev ? figure(prev.value, input.unit) : '\u2014',
      current: cur ? figure(cur.value, input.unit) : '\u2014',
      target: figure(target, input.unit),
      status: phrase ? STATUS_WORDS[phrase.status] : 'No figure',
    });
    if (!cur || !phrase) {
      needsPerson.push(`There is no figure for ${input.title} for ${periodLabel(period)}.`);
      continue;
    }
    (phrase.status === 'on_target' ? counts.on : counts.off).push(input.title);
    const change = prev
      ? `, ${changeClause(cur.value, prev.value, periodLabel(prev.period), input.unit, input.polarity)}`
      : '';
    clauses.push(sentence(`${input.title}: ${figure(cur.value, input.unit)}${change}; ${phrase.text}`));
    for (const f of [cur, prev]) {
      const problem = f ? inconsistency(input, f) : null;
      if (problem) needsPerson.push(sentence(`The figures disagree for ${input.title}: ${problem}`));
    }
    if (farOutsideHistory(input, cur))
      needsPerson.push(`${input.title} is far outside the figures of the months before; check it.`);
  }
  const total = counts.on.length + counts.off.length;
  const summary =
    total === 0
      ? ''
      : counts.off.length === 0
        ? `All ${total} measures of ${areaTitle.toLowerCase()} are on target in ${periodLabel(period)}.`
        : counts.on.length === 0
          ? `All ${total} measures of ${areaTitle.toLowerCase()} are off target in ${periodLabel(period)}.`
          : `Of the ${total} measures of ${areaTitle.toLowerCase()} in ${periodLabel(period)}, ${counts.on.length} ${counts.on.length === 1 ? 'is' : 'are'} on target and ${counts.off.length} ${counts.off.length === 1 ? 'is' : 'are'} not.`;
  const text = [summary, ...clauses, ...needsPerson.map((r) => `[For the author: ${r}]`)].filter(Boolean).join(' ');
  return {
    item: `area:${areaKey}`,
    text,
    needsPerson,
    figure: rows.map((r) => r.current).join(', '),
    basis: JSON.stringify(inputs.map((i) => JSON.parse(basisOf(i)) as unknown)),
    table: {
      caption: areaTitle,
      previousHeading: periodShortLabel(compare),
      currentHeading: periodShortLabel(period),
      rows,
    },
  };
}

/** The default month compared with. */
export function monthBefore(period: Period): Period {
  return addMonths(period, -1);
}
