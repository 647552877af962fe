/**
 * The weekly exception report (issue 17): for the whole service and for each team, what needs
 * action this week. A measure is an exception when it is off target, shows special cause of
 * concern, or will consistently fail its target (statistical process control); an action is an
 * exception when it is overdue by the UK date. Pure: the figures, settings and date are passed in.
 */
import { isOverdue } from './actions';
import { periodLabel } from './period';
import { formatValue } from './format';
import {
  assuranceLabel,
  MINIMUM_POINTS,
  spcAt,
  variationLabel,
  type SeriesPoint,
  type SpcOptions,
  type SpcSummary,
  type Variation,
} from './spc';
import { statusAgainstTarget } from './status';
import type { ActionLogEntry, Frequency, IsoDate, Period, Polarity, Status, Unit } from './types';
import type { ReportRow } from './views';

export type ExceptionReason = 'off_target' | 'concern' | 'will_fail';

export const EXCEPTION_REASONS: readonly ExceptionReason[] = ['off_target', 'concern', 'will_fail'];

export const exceptionReasonLabel: Record<ExceptionReason, string> = {
  off_target: 'Off target',
  concern: 'Special cause of concern',
  will_fail: 'Will consistently fail the target',
};

/** A measure as judged for one team, or for the whole service: what the rules read. */
export interface JudgedMeasure {
  key: string;
  title: string;
  area_title: string;
  unit: Unit;
  decimals?: number;
  target: number | null;
  /** The figure judged (null: none for this team at the period) and its period. */
  value: number | null;
  value_period: Period | null;
  status: Status;
  spc: SpcSummary | null;
}

/** The rules, in the order a reader sees them. A measure can meet several. */
export function exceptionReasons(m: Pick<JudgedMeasure, 'status' | 'spc'>): ExceptionReason[] {
  const reasons: ExceptionReason[] = [];
  if (m.status === 'off_target') reasons.push('off_target');
  if (m.spc?.variation === 'concern_high' || m.spc?.variation === 'concern_low') reasons.push('concern');
  if (m.spc?.assurance === 'fail') reasons.push('will_fail');
  return reasons;
}

export interface MeasureException {
  key: string;
  title: string;
  area_title: string;
  unit: Unit;
  decimals?: number;
  value: number | null;
  value_period: Period | null;
  target: number | null;
  reasons: ExceptionReason[];
  /** The kind of special cause (high or low), where that is a reason. */
  variation: Variation | null;
  /** Why SPC says special cause or will fail, in words; null where that reason does not apply. */
  variation_reason: string | null;
  assurance_reason: string | null;
}

export interface OverdueAction {
  id: number;
  ref: string;
  description: string;
  owner: string;
  team: string;
  due_on: IsoDate;
  /** Whole days past the due date, by the UK date. */
  days_overdue: number;
  measure_title: string | null;
}

export interface ExceptionSection {
  /** '' for the whole service. */
  team: string;
  title: string;
  /** Measures with a figure for this team at the period. */
  measures: number;
  /** Of those, how many statistical process control could judge (monthly, enough figures). */
  judged: number;
  exceptions: MeasureException[];
  overdue_actions: OverdueAction[];
}

export interface ExceptionsReport {
  period: Period;
  /** The UK date the actions were judged on. */
  today: IsoDate;
  /** Every team the file knows (from its figures and its actions), for choosing one. */
  teams: string[];
  /** The whole service first (unless one team was asked for), then each team. */
  sections: ExceptionSection[];
}

export const WHOLE_SERVICE = 'Whole service';

function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The overdue actions one team owns ('' : those no team owns), most overdue first. */
export function overdueActionsOf(
  actions: readonly Pick<
    ActionLogEntry,
    'id' | 'ref' | 'description' | 'owner' | 'team' | 'due_on' | 'status' | 'measure_title'
  >[],
  team: string,
  today: IsoDate,
): OverdueAction[] {
  const wanted = team.toLowerCase();
  return actions
    .filter((a) => a.team.toLowerCase() === wanted && isOverdue(a, today))
    .map((a) => ({
      id: a.id,
      ref: a.ref,
      description: a.description,
      owner: a.owner,
      team: a.team,
      due_on: a.due_on,
      days_overdue: daysBetween(a.due_on, today),
      measure_title: a.measure_title,
    }))
    .sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : a.ref < b.ref ? -1 : 1));
}

function toException(m: JudgedMeasure, reasons: ExceptionReason[]): MeasureException {
  return {
    key: m.key,
    title: m.title,
    area_title: m.area_title,
    unit: m.unit,
    decimals: m.decimals,
    value: m.value,
    value_period: m.value_period,
    target: m.target,
    reasons,
    variation: reasons.includes('concern') ? (m.spc?.variation ?? null) : null,
    variation_reason: reasons.includes('concern') ? (m.spc?.variation_reason ?? null) : null,
    assurance_reason: reasons.includes('will_fail') ? (m.spc?.assurance_reason ?? null) : null,
  };
}

export function section(team: string, measures: readonly JudgedMeasure[], overdue: OverdueAction[]): ExceptionSection {
  const withFigures = measures.filter((m) => m.value !== null);
  const exceptions: MeasureException[] = [];
  for (const m of withFigures) {
    const reasons = exceptionReasons(m);
    if (reasons.length > 0) exceptions.push(toException(m, reasons));
  }
  return {
    team,
    title: team === '' ? WHOLE_SERVICE : team,
    measures: withFigures.length,
    judged: withFigures.filter((m) => Boolean(m.spc?.variation)).length,
    exceptions,
    overdue_actions: overdue,
  };
}

/** The whole service's measures as the clinic comparison judged them. */
export function serviceMeasures(rows: readonly ReportRow[]): JudgedMeasure[] {
  return rows.map((r) => ({
    key: r.key,
    title: r.title,
    area_title: r.area_title,
    unit: r.unit,
    decimals: r.decimals,
    target: r.target,
    value: r.current?.value ?? null,
    value_period: r.current?.period ?? null,
    status: r.status,
    spc: r.spc ?? null,
  }));
}

/** The measure facts a team's figures are judged with: the service row gives target, polarity and tolerance. */
export type MeasureFacts = Pick<
  ReportRow,
  'key' | 'title' | 'area_title' | 'unit' | 'decimals' | 'target' | 'tolerance' | 'polarity' | 'frequency'
>;

/**
 * One team's measures judged from its own figures: the figure at the period (a quarterly or
 * year-to-date measure: its latest at or before it), its status against the measure's target,
 * and, for a monthly measure, SPC over the team's own series with the measure's own options.
 */
export function teamMeasures(
  facts: readonly MeasureFacts[],
  figures: ReadonlyMap<string, readonly SeriesPoint[]>,
  period: Period,
  options: ReadonlyMap<string, SpcOptions> = new Map(),
): JudgedMeasure[] {
  return facts.map((m) => {
    const series = [...(figures.get(m.key) ?? [])]
      .filter((p) => p.period <= period)
      .sort((a, b) => (a.period < b.period ? -1 : 1));
    const current = currentPoint(series, period, m.frequency);
    const judgeable = m.frequency === 'monthly' && current !== null;
    return {
      key: m.key,
      title: m.title,
      area_title: m.area_title,
      unit: m.unit,
      decimals: m.decimals,
      target: m.target,
      value: current?.value ?? null,
      value_period: current?.period ?? null,
      status: statusAgainstTarget(current?.value ?? null, m.target, m.polarity as Polarity, m.tolerance),
      spc: judgeable
        ? spcAt(series, period, { unit: m.unit, polarity: m.polarity, target: m.target }, options.get(m.key))
        : null,
    };
  });
}

function currentPoint(series: readonly SeriesPoint[], period: Period, frequency: Frequency): SeriesPoint | null {
  if (frequency === 'monthly') return series.find((p) => p.period === period) ?? null;
  return series.at(-1) ?? null;
}

/** A team asked for by name, as the file spells it; null when the file has no such team. */
export function findTeam(teams: readonly string[], asked: string): string | null {
  const wanted = asked.trim().toLowerCase();
  return teams.find((t) => t.toLowerCase() === wanted) ?? null;
}

/** Why a team asked for is not there, with the teams that are. */
export function unknownTeamMessage(asked: string, teams: readonly string[]): string {
  if (teams.length === 0)
    return `There is no team "${asked}": this clinic file holds figures for the whole service only. Import figures with a team column to report by team.`;
  return `There is no team "${asked}" in this clinic file. The teams are: ${teams.join(', ')}.`;
}

/** Whether a team's section belongs in the report for everyone: it has figures at the period, or overdue actions. */
export function sectionHasContent(s: ExceptionSection): boolean {
  return s.measures > 0 || s.overdue_actions.length > 0;
}

/** The heading of the report: "Exceptions for October 2023, actions as at 7 Dec 2023". */
export function exceptionsHeading(report: Pick<ExceptionsReport, 'period' | 'today'>): string {
  const day = new Date(`${report.today}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `Exceptions for ${periodLabel(report.period)}, actions as at ${day}`;
}

/** Each reason a measure is an exception, as one line of words: what the CLI, the page and the print show. */
export function reasonLines(e: MeasureException): Array<{ reason: ExceptionReason; label: string; detail: string }> {
  return e.reasons.map((reason) => {
    switch (reason) {
      case 'off_target':
        return {
          reason,
          label: exceptionReasonLabel.off_target,
          detail: `${formatValue(e.value, e.unit, e.decimals)} against a target of ${formatValue(e.target, e.unit, e.decimals)}`,
        };
      case 'concern':
        return {
          reason,
          label: e.variation ? variationLabel[e.variation] : exceptionReasonLabel.concern,
          detail: e.variation_reason ?? '',
        };
      case 'will_fail':
        return { reason, label: assuranceLabel.fail, detail: e.assurance_reason ?? '' };
    }
  });
}

/**
 * What a section with nothing to act on says. Never "nothing needs action" where statistical
 * process control could judge no measure: then only targets and actions were checked.
 */
export function nothingText(s: ExceptionSection): string {
  if (s.measures === 0) return 'No overdue actions.';
  if (s.judged === 0) return 'No measure is off target, and no action is overdue.';
  return 'Nothing needs action: no measure is off target, shows special cause of concern or will consistently fail its target, and no action is overdue.';
}

/** What a section says when nothing in it needs action, or when SPC could judge nothing. */
export function sectionSummary(s: ExceptionSection): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (s.measures === 0 && s.team !== '')
    return 'No figures for this team in the period: only its overdue actions are checked.';
  const judged =
    s.judged === 0
      ? `No measure could be judged by statistical process control (a monthly measure needs at least ${MINIMUM_POINTS} months of figures), so only targets were checked`
      : `Statistical process control judged ${s.judged} of ${plural(s.measures, 'measure')}`;
  return `${judged}.`;
}
