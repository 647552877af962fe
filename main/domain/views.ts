/**
 * What the API answers with for a clinic, its comparison and a measure's page: the plain data of
 * types.ts joined with the SPC judgement and the target history. Kept apart from types.ts so the
 * base types import nothing, and spc.ts and targets.ts can build on them without a cycle.
 */
import type { Annotation, SpcResult, SpcSettings, SpcSummary } from './spc';
import type { TargetChange } from './targets';
import type {
  ActionLogEntry,
  AgendaItem,
  Benchmarks,
  Caveat,
  Change,
  Clinic,
  ClinicSummary,
  Direction,
  Frequency,
  Measure,
  Note,
  Period,
  PeriodValue,
  Polarity,
  Status,
  Unit,
} from './types';

/** One row of the clinic: a measure this period against the period it is compared with. */
export interface ReportRow {
  key: string;
  title: string;
  definition: string;
  area: string;
  area_title: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  current: PeriodValue | null;
  previous: PeriodValue | null;
  change: Change | null;
  direction: Direction;
  /** The same month a year before the current figure: the report's second comparison ("1,473 in October 2022"). */
  last_year: PeriodValue | null;
  /** Current minus last year's figure ("an additional 257"). */
  last_year_change: Change | null;
  /**
   * Why the comparison is not the plain one, in words: a year-to-date figure is never compared
   * across the start of its year ("New financial year: no comparison"). Null when it is plain.
   */
  comparison_note: string | null;
  /** A quarterly figure older than the latest quarter that should exist: "Q2 2023-24"; null when current. */
  latest_available: string | null;
  /** The decimals every figure of the row is written with (21.0% beside 20.1%): see rowDecimals. */
  decimals: number;
  target: number | null;
  tolerance: number;
  status: Status;
  benchmarks: Benchmarks;
  /** Each benchmark with its year ("2021-22") and where it comes from; null where there is none. */
  benchmark_details: BenchmarkDetails;
  /** The data-quality caveats that cover the row's figure, oldest first. */
  caveats: Caveat[];
  /** Making Data Count: variation and assurance, for monthly measures with enough history. */
  spc?: SpcSummary | null;
  /**
   * For a count that is part of another ("6 of the 19 suspended"): the base measure and its figure
   * for the same month as this row's current figure; null where there is none.
   */
  of?: PartOfFigure | null;
  /**
   * Cumulative steps of one measure (decisions within 1, 2 and 3 working days), smallest first,
   * each with its figure for the row's month: a percentage that is part of another, or has
   * another part of it. Absent or empty for other measures.
   */
  steps?: CumulativeStep[];
}

/** One step of a cumulative measure: "2 working days 76%". */
export interface CumulativeStep {
  measure: string;
  /** What sets the step apart from the others: the end of its title after the words they share. */
  label: string;
  value: number | null;
}

/** The base a count is part of: its measure, its title (for "of the 19 …") and its figure for the same month. */
export interface PartOfFigure {
  measure: string;
  title: string;
  value: number;
}

/** One benchmark with its year ("2021-22") and where it came from. */
export interface BenchmarkDetail {
  value: number;
  /** The reporting year as DfE writes it ("2021-22"), or null where the year is not recorded. */
  year: string | null;
  /** Where the benchmark comes from: "England average", or the DfE file and column it was loaded from. */
  source: string;
  /** More than two years older than the clinic's year (loaded from DfE, where the year is known). */
  old?: boolean;
  /** The region's name, for a regional benchmark loaded from DfE. */
  name?: string;
  /** For statistical neighbours loaded from DfE: mean or median, over how many of how many, and each neighbour. */
  method?: 'mean' | 'median';
  used?: number;
  of?: number;
  neighbours?: NeighbourFigure[];
}

/** One statistical neighbour's figure, or DfE's reason for not publishing it. */
export type NeighbourFigure =
  { code: string; name: string; value: number } | { code: string; name: string; suppressed: string };

export interface BenchmarkDetails {
  national: BenchmarkDetail | null;
  regional: BenchmarkDetail | null;
  statistical_neighbours: BenchmarkDetail | null;
  /** The council's own published value, its rank among itself and its neighbours (1 = best), and its quartile in England. */
  own?: { value: number | null; year: string; rank: number | null; of: number; quartile: 1 | 2 | 3 | 4 | null } | null;
  /** A later year DfE has published since the clinic's period, offered beside it. */
  since_published?: { year: string; national: number | null } | null;
}

export interface ClinicReport {
  period: Period;
  compare: Period;
  measures: ReportRow[];
  /** The team whose figures these are; absent for the whole service. */
  team?: string;
}

/** One headline tile: the measure's row of the comparison and its figures over the last 13 months. */
export interface HeadlineTile {
  row: ReportRow;
  /** Oldest first; the months with no figure are simply absent. */
  series: PeriodValue[];
}

/** The headlines page (issue 17): the tiles in the order shown. */
export interface HeadlinesView {
  period: Period;
  compare: Period;
  /** The team whose figures these are; null for the whole service. */
  team: string | null;
  /** Whether the measures are the director's choice (false: the default choice). */
  chosen: boolean;
  tiles: HeadlineTile[];
}

export interface MeasureDetail {
  measure: Measure;
  area_title: string;
  /** The team whose figures `history`, `spc` and `judgement` are; null for the whole service. */
  team: string | null;
  /** The whole service's figures, oldest first, or the team's own when a team is given (empty if it has none). */
  history: PeriodValue[];
  /** With a team: the whole service's figures beside the team's, oldest first, to compare with; otherwise null. */
  service: PeriodValue[] | null;
  /** The XmR chart of a monthly measure's whole history; null for other frequencies or under 6 figures. */
  spc: SpcResult | null;
  /** The SPC judgement as at the month asked for (the latest by default); null where there is no chart. */
  judgement: SpcSummary | null;
  /** The options that chart was drawn with, and its rebasings. */
  spcSettings: SpcSettings;
  /** Dated notes on the chart, oldest first. */
  annotations: Annotation[];
  /** The target history, oldest first: each target applies from its month until the next change. */
  targets: TargetChange[];
  /** Every data-quality caveat on the measure, oldest first, whichever months it covers. */
  caveats: Caveat[];
  /** Each benchmark with its year and source. */
  benchmark_details: BenchmarkDetails;
  /** What is counted on top and underneath ("10 of 35"), and where the figure comes from; '' when not recorded. */
  counting: { numerator: string; denominator: string; dataSource: string };
}

/** An agenda item as the clinic shows it, with why the proposed agenda puts the measure where it does. */
export interface AgendaEntry extends AgendaItem {
  /** "Off target by 25 points: 31% below the target of 80%"; see domain/agenda.ts. */
  reason: string;
}

export interface ClinicView {
  clinic: Clinic;
  report: ClinicReport;
  agenda: AgendaEntry[];
  notes: Note[];
  /** Open and overdue actions per measure key (clinic-wide actions under ""). */
  actionCounts: Record<string, { open: number; overdue: number }>;
  raised: ActionLogEntry[];
  carriedForward: ActionLogEntry[];
  closedSinceLast: ActionLogEntry[];
  previous: ClinicSummary | null;
}
