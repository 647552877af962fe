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
  target: number | null;
  tolerance: number;
  status: Status;
  benchmarks: Benchmarks;
  /** Where each benchmark came from and its year, when loaded from DfE's statistics (issue 16). */
  benchmark_details?: BenchmarkDetails | null;
  /** Making Data Count: variation and assurance, for monthly measures with enough history. */
  spc?: SpcSummary | null;
}

/** One benchmark with its year ("2021-22") and where it came from. */
export interface BenchmarkDetail {
  value: number | null;
  year: string;
  source: string;
  /** More than two years older than the clinic's year. */
  old: boolean;
}

export interface BenchmarkDetails {
  national: BenchmarkDetail | null;
  regional: (BenchmarkDetail & { name: string }) | null;
  statistical_neighbours:
    | (BenchmarkDetail & {
        method: 'mean' | 'median';
        /** Neighbours whose value was used, of how many. */
        used: number;
        of: number;
        neighbours: Array<
          { code: string; name: string; value: number } | { code: string; name: string; suppressed: string }
        >;
      })
    | null;
  /** The council's own published value, its rank among itself and its neighbours (1 = best), and its quartile in England. */
  own: { value: number | null; year: string; rank: number | null; of: number; quartile: 1 | 2 | 3 | 4 | null } | null;
  /** A later year DfE has published since the clinic's period, offered beside it. */
  since_published: { year: string; national: number | null } | null;
}

export interface ClinicReport {
  period: Period;
  compare: Period;
  measures: ReportRow[];
}

export interface MeasureDetail {
  measure: Measure;
  area_title: string;
  history: PeriodValue[];
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
