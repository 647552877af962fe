/**
 * A figure written with everything that is part of it: its own month (or as-at date, or quarter),
 * its numerator and denominator, its benchmark years and its caveats. One set of words for the
 * window, the command line and the minutes.
 */
import { asAtText, formatFraction, formatValue } from './format';
import { periodShortLabel, quarterLabel } from './period';
import type { Caveat, Frequency, PeriodValue, Unit } from './types';
import type { BenchmarkDetail, CumulativeStep, PartOfFigure } from './views';

/** When a figure is for: "as at 24 Nov 2023" where it has an as-at date, "Q2 2023-24" for a quarter, else "Oct 2023". */
export function figureWhen(value: Pick<PeriodValue, 'period' | 'as_at'>, frequency: Frequency): string {
  if (value.as_at) return asAtText(value.as_at);
  if (frequency === 'quarterly') return quarterLabel(value.period);
  return periodShortLabel(value.period);
}

/**
 * "of the 19 children in care suspended from school": what a count that is part of another is
 * part of, the base's title read as a noun ("Children …" becomes "children …"; an abbreviation
 * such as "CIN" keeps its capitals).
 */
export function partOfText(of: PartOfFigure): string {
  const title = of.title.trim();
  const noun = /^[A-Z][A-Z]/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
  return `of the ${formatValue(of.value, 'count')} ${noun}`;
}

/**
 * "28.6% (10 of 35)", "1,730", "6 of the 19 children in care suspended from school": the value in
 * the row's decimals, with its fraction where known, or with its base where it is part of another.
 */
export function figureWithFraction(
  value: PeriodValue | null,
  unit: Unit,
  decimals?: number,
  of?: PartOfFigure | null,
): string {
  if (value === null) return formatValue(null, unit);
  if (of) return `${formatValue(value.value, unit, decimals)} ${partOfText(of)}`;
  const fraction = formatFraction(value.numerator, value.denominator);
  const text = formatValue(value.value, unit, decimals);
  return fraction ? `${text} (${fraction})` : text;
}

/** What stands between two cumulative steps in `stepsText`, so a printout can break the line only there. */
export const STEP_SEPARATOR = ' \u00b7 ';

/** "1 working day 55% · 2 working days 76% · 3 working days 91%": a cumulative measure's steps together. */
export function stepsText(steps: readonly CumulativeStep[], unit: Unit, decimals?: number): string {
  return steps.map((s) => `${s.label} ${formatValue(s.value, unit, decimals)}`).join(STEP_SEPARATOR);
}

/** A caveat's months: "from Oct 2023", "Oct 2023", "Sep 2023 to Oct 2023". */
export function caveatWhen(caveat: Pick<Caveat, 'from' | 'to'>): string {
  if (caveat.to === null) return `from ${periodShortLabel(caveat.from)}`;
  if (caveat.to === caveat.from) return periodShortLabel(caveat.from);
  return `${periodShortLabel(caveat.from)} to ${periodShortLabel(caveat.to)}`;
}

/** "Data caveat (from Oct 2023): workers are not saving plans accurately …" */
export function caveatText(caveat: Pick<Caveat, 'from' | 'to' | 'text'>): string {
  return `Data caveat (${caveatWhen(caveat)}): ${caveat.text}`;
}

/** "21.5% (2021-22)": a benchmark with its year wherever it is shown. */
export function benchmarkText(detail: BenchmarkDetail | null, unit: Unit, decimals?: number): string {
  if (detail === null) return formatValue(null, unit);
  const value = formatValue(detail.value, unit, decimals);
  if (!detail.year) return `${value} (year not recorded)`;
  return `${value} (${detail.year}${detail.old ? ', old' : ''})`;
}

/**
 * A caveat cut to its first clause, at most `max` characters at a word boundary, for the clinic
 * row: the row says there is a caveat and what it is about; the detail and the minutes give it whole.
 */
export function caveatSummary(text: string, max = 70): string {
  const clause = /^[^,;:.]+/.exec(text.trim())?.[0]?.trim() ?? text.trim();
  const whole = clause.length < text.trim().length ? `${clause}…` : clause;
  if (clause.length <= max) return whole;
  const cut = clause.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : clause.slice(0, max)).trim()}…`;
}
