/**
 * Gathers one measure's drafting input from what a clinic file holds now: its figures (the same
 * month last year is found in its history), its target then, and its benchmarks with their years.
 * The caveats recorded against the measure for the period come with it.
 */
import { defaultCountNoun, type CountNoun } from '../count-noun';
import { addMonths } from '../period';
import { pickFigures } from '../report';
import type { SpcSummary } from '../spc';
import type { Benchmarks, Measure, Observation, Period } from '../types';
import type { BenchmarkName, DraftBenchmark, DraftCaveat, DraftFigure, MeasureDraftInput } from './input';

export interface BuildInputArgs {
  measure: Measure;
  areaTitle: string;
  /** The target that applied in the period (not necessarily today's). */
  target: number | null;
  benchmarkYears: Record<keyof Benchmarks, string | null>;
  /** The whole service's figures for the measure, any order. */
  history: readonly Observation[];
  period: Period;
  compare: Period;
  spc: SpcSummary | null;
  caveats?: DraftCaveat[];
  /** What the measure counts, as set in the file; undefined: worked out from its title and definition. */
  noun?: CountNoun | null;
}

const BENCHMARK_ORDER: BenchmarkName[] = ['national', 'regional', 'statistical_neighbours'];

function toFigure(o: Observation | null | undefined): DraftFigure | null {
  return o ? { period: o.period, value: o.value, numerator: o.numerator, denominator: o.denominator } : null;
}

export function buildDraftInput(args: BuildInputArgs): MeasureDraftInput {
  const { measure, period, compare } = args;
  const history = [...args.history].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const { current, previous } = pickFigures(measure, history, period, compare);
  const yearBefore = current ? addMonths(current.period, -12) : null;
  const lastYear = yearBefore ? history.find((o) => o.period === yearBefore) : undefined;
  const benchmarks: DraftBenchmark[] = [];
  for (const name of BENCHMARK_ORDER) {
    const value = measure.benchmarks[name];
    if (value !== null) benchmarks.push({ name, value, year: args.benchmarkYears[name] });
  }
  return {
    key: measure.key,
    title: measure.title,
    area: measure.area,
    area_title: args.areaTitle,
    unit: measure.unit,
    noun: args.noun === undefined ? defaultCountNoun(measure) : args.noun,
    polarity: measure.polarity,
    frequency: measure.frequency,
    period,
    current: toFigure(current),
    previous: toFigure(previous),
    last_year: toFigure(lastYear),
    target: args.target,
    tolerance: measure.tolerance,
    benchmarks,
    history: history.filter((o) => o.period <= period).map((o) => toFigure(o)!),
    caveats: args.caveats ?? [],
    spc: args.spc,
  };
}

export interface CatalogueForDraft {
  areas: ReadonlyArray<{ key: string; title: string }>;
  /** In catalogue order; each with the target that applied in the period. */
  measures: ReadonlyArray<
    Measure & {
      year_labels?: Record<keyof Benchmarks, string | null>;
      caveats?: DraftCaveat[];
      noun?: CountNoun | null;
    }
  >;
  observations: readonly Observation[];
  spc?: ReadonlyMap<string, SpcSummary | null>;
}

const NO_YEARS = { national: null, regional: null, statistical_neighbours: null };

/** Every area in catalogue order with its measures' drafting inputs. */
export function areaInputs(data: CatalogueForDraft, period: Period, compare: Period) {
  const byMeasure = new Map<string, Observation[]>();
  for (const o of data.observations) {
    const list = byMeasure.get(o.measure);
    if (list) list.push(o);
    else byMeasure.set(o.measure, [o]);
  }
  return data.areas.map((area) => ({
    key: area.key,
    title: area.title,
    inputs: data.measures
      // A measure with no figure yet, by this period, has nothing to report and gets no paragraph (the
      // rates per 10,000 in the sample wait for DfE's figures); one missing only this month still does.
      .filter((m) => m.area === area.key && (byMeasure.get(m.key) ?? []).some((o) => o.period <= period))
      .map((m) =>
        buildDraftInput({
          measure: m,
          areaTitle: area.title,
          target: m.target,
          benchmarkYears: m.year_labels ?? NO_YEARS,
          history: byMeasure.get(m.key) ?? [],
          period,
          compare,
          spc: data.spc?.get(m.key) ?? null,
          caveats: m.caveats,
          noun: m.noun,
        }),
      ),
  }));
}
