import {
  addMonths,
  latestQuarterEnd,
  monthsBetween,
  periodLabel,
  quarterLabel,
  reportingYearLabel,
  yearStartOf,
} from './period';
import { changeBetween, directionOfChange, statusAgainstTarget } from './status';
import type {
  Benchmarks,
  Caveat,
  FigureDate,
  Frequency,
  Measure,
  Observation,
  Period,
  PeriodValue,
  ServiceArea,
} from './types';
import type { BenchmarkDetail, BenchmarkDetails, ClinicReport, CumulativeStep, PartOfFigure, ReportRow } from './views';

function toPeriodValue(o: Observation, asAt: ReadonlyMap<string, string>): PeriodValue {
  return {
    period: o.period,
    value: o.value,
    numerator: o.numerator,
    denominator: o.denominator,
    as_at: asAt.get(`${o.measure}\u0000${o.period}`) ?? null,
  };
}

/** Groups observations by measure, each list sorted oldest first. */
export function historyByMeasure(observations: readonly Observation[]): Map<string, Observation[]> {
  const byMeasure = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = byMeasure.get(o.measure);
    if (list) list.push(o);
    else byMeasure.set(o.measure, [o]);
  }
  for (const list of byMeasure.values()) list.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return byMeasure;
}

/** The month a year-to-date figure's year starts in: April for the financial year, September for the academic. */
export const YEAR_START: Partial<Record<Frequency, { month: number; name: string }>> = {
  financial_ytd: { month: 4, name: 'financial' },
  academic_ytd: { month: 9, name: 'academic' },
};

export interface PickedFigures {
  current: Observation | null;
  /** The figure the change is worked out against; null where there is none, or none that may be compared. */
  previous: Observation | null;
  /** The same month a year before the current figure. */
  lastYear: Observation | null;
  /** Why the comparison is not the plain one, in words ("New financial year: no comparison"); null when it is. */
  note: string | null;
  /** A quarterly figure older than the latest quarter that should exist: its quarter ("Q2 2023-24"). */
  latestAvailable: string | null;
}

function latestAtOrBefore(history: readonly Observation[], period: Period, before?: Period): Observation | null {
  let found: Observation | null = null;
  for (const o of history) if (o.period <= period && (before === undefined || o.period < before)) found = o;
  return found;
}

/**
 * The figures a clinic row compares.
 *
 * - A monthly measure shows the month itself against the compared month.
 * - A quarterly or year-to-date measure is published less often, so it shows its latest figure at
 *   or before the period, against its latest figure at or before the same distance back as the
 *   comparison chosen: the month before gives its own previous figure, a year before (the
 *   `--compare 2022-10` of a clinic for October 2023) gives the same quarter a year before.
 * - A year-to-date figure is never compared across the start of its year (April's year to date
 *   against March's whole year is not "worse"): it is compared with the same point last year
 *   where that figure exists, and otherwise not at all ("New financial year: no comparison").
 * - A quarterly figure older than the latest quarter that has ended by the period is stale: it is
 *   still shown, marked as the latest available ("Q2 2023-24"), never as current.
 * - Every measure also gets the same month a year before the current figure, for the report's
 *   second comparison ("1,473 in October 2022").
 */
export function pickFigures(
  measure: Pick<Measure, 'frequency'>,
  history: readonly Observation[],
  period: Period,
  compare: Period,
): PickedFigures {
  const at = (p: Period) => history.find((o) => o.period === p) ?? null;
  let current: Observation | null;
  let previous: Observation | null;
  let note: string | null = null;
  if (measure.frequency === 'monthly') {
    current = at(period);
    previous = at(compare);
  } else {
    current = latestAtOrBefore(history, period);
    previous = current
      ? latestAtOrBefore(history, addMonths(current.period, -monthsBetween(compare, period)), current.period)
      : null;
  }
  const lastYear = current ? at(addMonths(current.period, -12)) : null;
  const year = YEAR_START[measure.frequency];
  if (year && current && previous) {
    const crosses = previous.period < yearStartOf(current.period, year.month);
    const samePoint = monthsBetween(previous.period, current.period) % 12 === 0;
    if (crosses && !samePoint) {
      previous = lastYear;
      note = lastYear
        ? `New ${year.name} year: compared with ${periodLabel(lastYear.period)}, the same point last year`
        : `New ${year.name} year: no comparison`;
    }
  }
  const latestAvailable =
    measure.frequency === 'quarterly' && current && current.period < latestQuarterEnd(period)
      ? quarterLabel(current.period)
      : null;
  return { current, previous, lastYear, note, latestAvailable };
}

export function defaultComparePeriod(period: Period): Period {
  return addMonths(period, -1);
}

/** How many decimals a figure is written with: 28.4 has 1, 1730 none (at most 6, the store's precision). */
export function decimalsOf(value: number): number {
  const text = String(Math.round(value * 1e6) / 1e6);
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/**
 * The decimals a row writes all its figures with: the most any of them has, at most one (the
 * report's own precision). The report writes 21.0% beside 20.1%; one row never mixes 21% and 20.1%.
 */
export function rowDecimals(values: ReadonlyArray<number | null | undefined>): number {
  let most = 0;
  for (const v of values) if (typeof v === 'number') most = Math.max(most, decimalsOf(v));
  return Math.min(most, 1);
}

/** Where each kind of benchmark comes from, in words. */
export const BENCHMARK_SOURCES: Record<keyof Benchmarks, string> = {
  national: 'England average',
  regional: 'Regional average',
  statistical_neighbours: 'Statistical neighbours’ average',
};

/** Each benchmark with its year, written as DfE writes a reporting year ("2021-22"), and where it comes from. */
export function benchmarkDetails(measure: Pick<Measure, 'benchmarks' | 'benchmark_years'>): BenchmarkDetails {
  const one = (k: keyof Benchmarks): BenchmarkDetail | null => {
    const value = measure.benchmarks[k];
    if (value === null) return null;
    const year = measure.benchmark_years?.[k] ?? null;
    return { value, year: year === null ? null : reportingYearLabel(year), source: BENCHMARK_SOURCES[k] };
  };
  return {
    national: one('national'),
    regional: one('regional'),
    statistical_neighbours: one('statistical_neighbours'),
  };
}

/** Whether a caveat covers a month. */
export function caveatApplies(caveat: Pick<Caveat, 'from' | 'to'>, period: Period): boolean {
  return caveat.from <= period && (caveat.to === null || period <= caveat.to);
}

/** The base of a count that is part of another, with its figure for the same month as `current`. */
function partOf(
  measure: Measure,
  current: Observation | null | undefined,
  measures: ReadonlyMap<string, Measure>,
  history: ReadonlyMap<string, readonly Observation[]>,
): PartOfFigure | null {
  const base = measure.part_of ? measures.get(measure.part_of) : undefined;
  if (!base || !current) return null;
  const figure = (history.get(base.key) ?? []).find((o) => o.period === current.period);
  return figure ? { measure: base.key, title: base.title, value: figure.value } : null;
}

/**
 * The cumulative steps a percentage belongs to (decisions within 1 ⊂ 2 ⊂ 3 working days, each
 * step part of the next), smallest first, with their figures for `period`; empty when it has none.
 */
export function cumulativeSteps(
  measure: Measure,
  period: Period,
  measures: readonly Measure[],
  history: ReadonlyMap<string, readonly Observation[]>,
): CumulativeStep[] {
  const byKey = new Map(measures.map((m) => [m.key, m]));
  const inner = new Map(measures.filter((m) => m.part_of).map((m) => [m.part_of!, m]));
  // Down to the smallest step, then up through each step's base; a loop stops at a step seen before.
  let first = measure;
  const seen = new Set([first.key]);
  for (let next = inner.get(first.key); next && !seen.has(next.key); next = inner.get(next.key)) {
    seen.add(next.key);
    first = next;
  }
  const chain: Measure[] = [];
  const inChain = new Set<string>();
  for (let m: Measure | undefined = first; m && !inChain.has(m.key); m = m.part_of ? byKey.get(m.part_of) : undefined) {
    if (m.unit !== measure.unit) break;
    chain.push(m);
    inChain.add(m.key);
  }
  if (chain.length < 2 || !inChain.has(measure.key)) return [];
  const words = chain.map((m) => m.title.split(' '));
  let shared = 0;
  while (words.every((w) => w.length > shared + 1 && w[shared] === words[0]![shared])) shared++;
  const steps = chain.map((m, i) => ({
    measure: m.key,
    label: words[i]!.slice(shared).join(' '),
    value: (history.get(m.key) ?? []).find((o) => o.period === period)?.value ?? null,
  }));
  // Steps are shown together to be read together: one figure alone says nothing the row does not.
  return steps.filter((s) => s.value !== null).length >= 2 ? steps : [];
}

export interface ReportExtras {
  /** Every measure's data-quality caveats; a row carries those that cover its figure's month. */
  caveats?: readonly Caveat[];
  /** As-at dates of figures that are not to the end of their month. */
  figureDates?: readonly FigureDate[];
}

export function buildReport(
  measures: readonly Measure[],
  areas: readonly ServiceArea[],
  observations: readonly Observation[],
  period: Period,
  compare: Period = defaultComparePeriod(period),
  extras: ReportExtras = {},
): ClinicReport {
  const history = historyByMeasure(observations);
  const areaTitle = new Map(areas.map((a) => [a.key, a.title]));
  const asAt = new Map((extras.figureDates ?? []).map((d) => [`${d.measure}\u0000${d.period}`, d.as_at]));
  const caveatsOf = new Map<string, Caveat[]>();
  for (const c of extras.caveats ?? []) {
    const list = caveatsOf.get(c.measure);
    if (list) list.push(c);
    else caveatsOf.set(c.measure, [c]);
  }
  const byKey = new Map(measures.map((m) => [m.key, m]));
  const rows: ReportRow[] = measures.map((m) => {
    const picked = pickFigures(m, history.get(m.key) ?? [], period, compare);
    const { current, previous, lastYear } = picked;
    const change = changeBetween(current?.value ?? null, previous?.value ?? null, m.unit);
    const figureMonth = current?.period ?? period;
    return {
      key: m.key,
      title: m.title,
      definition: m.definition,
      area: m.area,
      area_title: areaTitle.get(m.area) ?? m.area,
      unit: m.unit,
      polarity: m.polarity,
      frequency: m.frequency,
      current: current ? toPeriodValue(current, asAt) : null,
      previous: previous ? toPeriodValue(previous, asAt) : null,
      change,
      direction: directionOfChange(change, m.polarity),
      last_year: lastYear ? toPeriodValue(lastYear, asAt) : null,
      last_year_change: changeBetween(current?.value ?? null, lastYear?.value ?? null, m.unit),
      comparison_note: picked.note,
      latest_available: picked.latestAvailable,
      decimals: rowDecimals([
        current?.value,
        previous?.value,
        lastYear?.value,
        m.benchmarks.national,
        m.benchmarks.regional,
        m.benchmarks.statistical_neighbours,
      ]),
      target: m.target,
      tolerance: m.tolerance,
      status: statusAgainstTarget(current?.value ?? null, m.target, m.polarity, m.tolerance),
      benchmarks: { ...m.benchmarks },
      benchmark_details: benchmarkDetails(m),
      caveats: (caveatsOf.get(m.key) ?? []).filter((c) => caveatApplies(c, figureMonth)),
      of: m.unit === 'count' ? partOf(m, current, byKey, history) : null,
      steps: m.unit === 'count' ? [] : cumulativeSteps(m, current?.period ?? period, measures, history),
    };
  });
  return { period, compare, measures: rows };
}
