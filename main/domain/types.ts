/**
 * Plain data shared by the domain, the store, the API and the renderer. No behaviour here, and
 * no imports, so spc.ts, targets.ts and every other module can build on it without a cycle; the
 * shapes that carry an SPC judgement or a target history are in views.ts.
 */

/** A calendar month, written `YYYY-MM`. Quarterly figures sit on the quarter's last month. */
export type Period = string;

export type Polarity = 'higher_is_better' | 'lower_is_better' | 'none';
/** `rate_10k`: a rate per 10,000 children (aged under 18), as DfE publishes children in care, in need and on a plan. */
export type Unit = 'percent' | 'count' | 'points' | 'rate_10k';
export type Frequency = 'monthly' | 'quarterly' | 'academic_ytd' | 'financial_ytd';
/**
 * Whether a change is good news. `no_previous`: there is no earlier figure to compare with (or the
 * comparison would cross the start of a year-to-date figure's year); `not_applicable`: the measure
 * has no good direction.
 */
export type Direction = 'improved' | 'worsened' | 'unchanged' | 'no_previous' | 'not_applicable';
export type Status = 'on_target' | 'near_target' | 'off_target' | 'no_target';

export interface Benchmarks {
  national: number | null;
  regional: number | null;
  statistical_neighbours: number | null;
}

/**
 * The year each benchmark is for, as the year its reporting year ends: 2022 is DfE's "2021-22".
 * Null where the year is not recorded.
 */
export interface BenchmarkYears {
  national: number | null;
  regional: number | null;
  statistical_neighbours: number | null;
}

/**
 * A data-quality caveat on a measure's figures: part of the figure, shown wherever it is. It
 * applies to the figures from `from` to `to` (months, inclusive); `to` null means until further
 * notice.
 */
export interface Caveat {
  /** Stable id (the change that created it); '' before it is stored. */
  id: string;
  measure: string;
  text: string;
  from: Period;
  to: Period | null;
}

/** The date a figure is as at, where it is not the end of its month ("to the week ending 24 November"). */
export interface FigureDate {
  measure: string;
  period: Period;
  as_at: IsoDate;
}

export interface ServiceArea {
  key: string;
  title: string;
}

export interface Measure {
  key: string;
  title: string;
  /** Plain-English definition a director can read aloud. */
  definition: string;
  area: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  target: number | null;
  /**
   * How far short of the target still counts as "near target", in the measure's unit
   * (percentage points for percentages). 0 means there is no near band.
   */
  tolerance: number;
  benchmarks: Benchmarks;
  /** The year of each benchmark, where recorded (the catalogue holds it; the sample gives it). */
  benchmark_years?: BenchmarkYears;
  /**
   * The measure this count is part of, whose figure is its base: the suspended children with an
   * EHCP are part of those suspended ("6 of the 19 suspended"). Null or absent for most.
   */
  part_of?: string | null;
}

export interface Observation {
  measure: string;
  period: Period;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

export interface PeriodValue {
  period: Period;
  value: number;
  numerator: number | null;
  denominator: number | null;
  /** The date the figure is as at, where recorded and not simply the end of its month. */
  as_at?: IsoDate | null;
}

export interface Change {
  /** Current minus previous: percentage points for percentages, a count for counts. */
  absolute: number;
  /** Relative change in per cent, for counts only (null for percentages or from zero). */
  percent: number | null;
}

/** A whole clinic dataset: what the sample holds and what a new file is filled from. */
export interface Dataset {
  areas: ServiceArea[];
  measures: Measure[];
  observations: Observation[];
  /** Data-quality caveats the source states (the sample carries the report's own). */
  caveats?: Caveat[];
  /** As-at dates of figures that are not to the end of their month. */
  figure_dates?: FigureDate[];
  /** Figures by team, and by worker within a team (worker '' is the whole team). */
  team_figures?: TeamObservation[];
}

/** A team's figure, or one worker's within the team: aggregated counts, never a child's record. */
export interface TeamObservation extends Observation {
  team: string;
  worker: string;
}

/** A calendar date, written `YYYY-MM-DD`. */
export type IsoDate = string;

export type ClinicStatus = 'draft' | 'final';

export interface ClinicSummary {
  id: number;
  held_on: IsoDate;
  /** "Director's performance clinic", "Head of Service clinic", or the user's own name for it. */
  kind: string;
  /** Short code used in action references, e.g. DPC. */
  code: string;
  period: Period;
  compare: Period;
  status: ClinicStatus;
  chair: string;
}

export interface Clinic extends ClinicSummary {
  /** Service area keys the clinic covers; empty means all. */
  scope: string[];
  attendees: string[];
  apologies: string[];
}

export interface AgendaItem {
  measure: string;
  position: number;
  discussed: boolean;
}

export interface Note {
  clinic_id: number;
  measure: string;
  text: string;
  /** Increases with every save; a save based on an older version is refused, not merged. */
  version: number;
  updated_at: string;
  updated_by: string;
}

export type ActionStatus = 'open' | 'in_progress' | 'done' | 'dropped';

export interface ActionUpdate {
  id: number;
  action_id: number;
  clinic_id: number | null;
  text: string;
  status_from: ActionStatus;
  status_to: ActionStatus;
  created_at: string;
  created_by: string;
}

export interface Action {
  id: number;
  ref: string;
  clinic_id: number;
  /** The measure the action is raised against, or null for the clinic as a whole. */
  measure: string | null;
  description: string;
  owner: string;
  /** The team that owns the action ('' for none): one of the teams in the figures when chosen. */
  team: string;
  due_on: IsoDate;
  status: ActionStatus;
  created_at: string;
  created_by: string;
  updated_at: string;
  /** Set when the action reached done or dropped. */
  closed_at: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  who: string;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  measure: string | null;
}

/** An action as the log shows it: with whether it is overdue, where it was raised, and its updates. */
export interface ActionLogEntry extends Action {
  /**
   * The day the action was closed, as the record judges it: the date of the clinic its closing
   * update was recorded at (whenever that was typed up), or the UK date of `closed_at` when it was
   * closed outside a clinic; null while open.
   */
  closed_on: IsoDate | null;
  overdue: boolean;
  clinic_held_on: string;
  clinic_kind: string;
  measure_title: string | null;
  updates: ActionUpdate[];
}
