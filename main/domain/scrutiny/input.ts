/**
 * What the scrutiny report's drafter is given for one measure: plain data, gathered by
 * build-input.ts from the catalogue and the figures. Kept as its own type so that richer sources
 * (dated caveats, a stored "same month last year", benchmark details) can fill the same fields
 * without the drafter changing.
 */
import type { CountNoun } from '../count-noun';
import type { SpcSummary } from '../spc';
import type { Frequency, Period, Polarity, Unit } from '../types';

export interface DraftFigure {
  period: Period;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

export type BenchmarkName = 'national' | 'regional' | 'statistical_neighbours';

export interface DraftBenchmark {
  name: BenchmarkName;
  value: number;
  /** The year the benchmark describes, as DfE writes it ("2021-22"), where it is recorded. */
  year: string | null;
}

export interface DraftCaveat {
  text: string;
  /** The month the caveat applies from, where it is dated. */
  from: Period | null;
}

export interface MeasureDraftInput {
  key: string;
  title: string;
  area: string;
  area_title: string;
  unit: Unit;
  /** What the measure counts ("children"): a percentage's numerator "equates to 10 children". */
  noun: CountNoun | null;
  polarity: Polarity;
  frequency: Frequency;
  /** The month the report is for. */
  period: Period;
  /** This period's figure (for quarterly and year-to-date measures, the latest at or before it). */
  current: DraftFigure | null;
  /** The figure it is compared with: the month before by default, or the month the person chose. */
  previous: DraftFigure | null;
  /** The same month a year earlier, where the file has it. */
  last_year: DraftFigure | null;
  /** The target that applied in the period. */
  target: number | null;
  /** How far short of the target is still "near target" (0: no near band). */
  tolerance: number;
  benchmarks: DraftBenchmark[];
  /** Monthly figures up to and including the period, oldest first (for the range since April). */
  history: DraftFigure[];
  caveats: DraftCaveat[];
  /** Making Data Count, where there is enough history; null otherwise. */
  spc: SpcSummary | null;
}
