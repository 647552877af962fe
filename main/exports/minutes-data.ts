/**
 * What the minutes of a clinic say, worked out once from the clinic view so that the HTML (and so
 * the PDF) and the Word file cannot disagree: which measures appear and in what order, the summary
 * counts, the actions for each measure, the action log and the trend charts. Pure: no file, no clock.
 */
import { wasOverdueOn } from '../domain/actions';
import { directionText, formatChange, formatTarget, polarityLabel, statusLabel } from '../domain/format';
import { benchmarkText, caveatText, figureWhen, figureWithFraction, stepsText } from '../domain/figure-text';
import { periodLabel, periodShortLabel } from '../domain/period';
import { assuranceLabel, variationLabel, type Assurance, type Variation } from '../domain/spc';
import type { ActionLogEntry, ActionUpdate, Note, PeriodValue, Status } from '../domain/types';
import type { ClinicView, ReportRow } from '../domain/views';
import { drawChart, type ChartImage } from './minutes-chart';

export interface MinutesOptions {
  /** When the minutes were produced; printed in the footer of every page. */
  produced: Date;
  /** A marking chosen by the person, e.g. OFFICIAL-SENSITIVE, printed at the top and bottom of every page. */
  protectiveMarking?: string;
}

/** An action as a measure's section of the minutes shows it, with what was said about it at this clinic. */
export interface MinutesAction {
  action: ActionLogEntry;
  /** True when it was raised at this clinic; false when an earlier action was updated here. */
  raisedHere: boolean;
  /** The updates recorded at this clinic, oldest first. */
  updatesHere: ActionUpdate[];
}

/** Making Data Count's two icons for a measure, each with its label and the sentence that says why. */
export interface MinutesSpc {
  /** Null while the measure's latest phase of limits is too short to judge anything. */
  variation: Variation | null;
  variationLabel: string;
  variationReason: string;
  assurance: Assurance | null;
  assuranceLabel: string | null;
  assuranceReason: string | null;
}

/** The label beside a measure's variation sentence when there is no icon to give yet. */
export const NOT_JUDGED = 'Variation not judged yet';

export interface MinutesItem {
  /** Its number in the minutes, 1, 2, 3 over the measures they cover (not its place on the whole agenda). */
  number: number;
  row: ReportRow;
  /** Null for a measure with no chart (not monthly, or under 6 months of figures). */
  spc: MinutesSpc | null;
  note: Note | null;
  actions: MinutesAction[];
  chart: ChartImage;
}

/**
 * Which measures the minutes cover: those marked discussed; when none were marked, those with a
 * note or an action at this clinic (and the minutes say so); when there are none of those either, none.
 */
export type Selection = 'discussed' | 'noted' | 'none';

export interface MinutesSummary {
  measures: number;
  onTarget: number;
  nearTarget: number;
  offTarget: number;
  noTarget: number;
  improved: number;
  worsened: number;
  actionsRaised: number;
  actionsClosed: number;
  /** Open at the clinic and past their due date on the day it met. */
  actionsOverdue: number;
}

export interface Minutes {
  view: ClinicView;
  produced: Date;
  protectiveMarking: string | null;
  /** "Director’s performance clinic, 9 November 2023". */
  title: string;
  selection: Selection;
  items: MinutesItem[];
  summary: MinutesSummary;
  /** Raised at this clinic against the clinic as a whole rather than one measure. */
  clinicWideActions: ActionLogEntry[];
  overdueRefs: ReadonlySet<string>;
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const fullDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const asDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
/** "Thursday 9 November 2023". */
export const formatLongDate = (iso: string): string => longDate.format(asDate(iso)).replace(',', '');
/** "9 Nov 2023". */
export const formatShortDate = (iso: string): string => (iso === '' ? '' : shortDate.format(asDate(iso)));
/** "26 November 2026", in the local time zone of whoever produced the minutes. */
export function formatProduced(produced: Date): string {
  const local = new Date(Date.UTC(produced.getFullYear(), produced.getMonth(), produced.getDate()));
  return fullDate.format(local);
}

export function periodsCompared(view: ClinicView): string {
  return `${periodLabel(view.report.period)} compared with ${periodLabel(view.report.compare)}`;
}

export function buildMinutes(
  view: ClinicView,
  /** A measure's figures over time, for its chart; asked only for the measures the minutes cover. */
  historyOf: (measure: string) => readonly PeriodValue[],
  options: MinutesOptions,
): Minutes {
  const clinicId = view.clinic.id;
  const rows = new Map(view.report.measures.map((m) => [m.key, m]));
  const notes = new Map(view.notes.filter((n) => n.text.trim() !== '').map((n) => [n.measure, n]));
  const everyAction = [...view.raised, ...view.carriedForward, ...view.closedSinceLast];

  const actionsFor = (key: string): MinutesAction[] =>
    everyAction
      .filter((a) => a.measure === key)
      .map((action) => ({
        action,
        raisedHere: action.clinic_id === clinicId,
        updatesHere: action.updates.filter((u) => u.clinic_id === clinicId),
      }))
      .filter((a) => a.raisedHere || a.updatesHere.length > 0);

  const discussed = view.agenda.filter((a) => a.discussed);
  const noted = view.agenda.filter((a) => notes.has(a.measure) || actionsFor(a.measure).length > 0);
  const selection: Selection = discussed.length > 0 ? 'discussed' : noted.length > 0 ? 'noted' : 'none';
  const chosen = selection === 'discussed' ? discussed : selection === 'noted' ? noted : [];

  const items: MinutesItem[] = [];
  for (const entry of chosen) {
    const row = rows.get(entry.measure);
    if (!row) continue;
    items.push({
      number: items.length + 1,
      row,
      spc: row.spc
        ? {
            variation: row.spc.variation,
            variationLabel: row.spc.variation ? variationLabel[row.spc.variation] : NOT_JUDGED,
            variationReason: row.spc.variation_reason,
            assurance: row.spc.assurance,
            assuranceLabel: row.spc.assurance ? assuranceLabel[row.spc.assurance] : null,
            assuranceReason: row.spc.assurance_reason,
          }
        : null,
      note: notes.get(entry.measure) ?? null,
      actions: actionsFor(entry.measure),
      chart: drawChart({
        history: historyOf(entry.measure),
        unit: row.unit,
        frequency: row.frequency,
        upTo: view.report.period,
        target: row.target,
        benchmarks: row.benchmarks,
        nationalYear: row.benchmark_details.national?.year ?? null,
      }),
    });
  }

  const heldOn = view.clinic.held_on;
  const overdue = [...view.carriedForward, ...view.raised].filter((a) => wasOverdueOn(a, heldOn));
  const count = (predicate: (row: ReportRow) => boolean) => view.report.measures.filter(predicate).length;
  const marking = options.protectiveMarking?.replace(/\s+/g, ' ').trim() ?? '';

  return {
    view,
    produced: options.produced,
    protectiveMarking: marking === '' ? null : marking,
    title: `${view.clinic.kind}, ${fullDate.format(asDate(heldOn))}`,
    selection,
    items,
    summary: {
      measures: view.report.measures.length,
      onTarget: count((r) => r.status === 'on_target'),
      nearTarget: count((r) => r.status === 'near_target'),
      offTarget: count((r) => r.status === 'off_target'),
      noTarget: count((r) => r.status === 'no_target'),
      improved: count((r) => r.direction === 'improved'),
      worsened: count((r) => r.direction === 'worsened'),
      actionsRaised: view.raised.length,
      actionsClosed: view.closedSinceLast.length,
      actionsOverdue: overdue.length,
    },
    clinicWideActions: view.raised.filter((a) => a.measure === null),
    overdueRefs: new Set(overdue.map((a) => a.ref)),
  };
}

export const statusSymbol: Record<Status, string> = {
  on_target: '\u2713',
  near_target: '\u25D1',
  off_target: '\u2717',
  no_target: '\u2013',
};

/** "✗ Off target": a symbol and words, readable on a black and white printout. */
export function statusText(status: Status): string {
  return `${statusSymbol[status]} ${statusLabel[status]}`;
}

/** Whether the change is for the better, in words; a measure with no good direction says so. */
export function directionWords(row: ReportRow): string {
  return row.polarity === 'none' ? polarityLabel.none : directionText(row.direction);
}

/** A measure's figures as the minutes print them beside its chart, label and value, in order. */
export function figureRows(row: ReportRow, m: Minutes): Array<[string, string]> {
  const { period, compare } = m.view.report;
  const d = row.decimals;
  const when = (value: ReportRow['current'], fallback: string) =>
    value ? figureWhen(value, row.frequency) : periodShortLabel(fallback);
  const rows: Array<[string, string]> = [
    [`Previous (${when(row.previous, compare)})`, figureWithFraction(row.previous, row.unit, d)],
    [
      `${row.latest_available ? 'Latest available' : 'Current'} (${when(row.current, period)})`,
      figureWithFraction(row.current, row.unit, d, row.of),
    ],
    ...(row.steps && row.steps.length > 0
      ? [['Cumulative steps', stepsText(row.steps, row.unit, d)] as [string, string]]
      : []),
    ['Change', row.comparison_note && !row.previous ? row.comparison_note : formatChange(row.change, row.unit)],
    ['Direction', directionWords(row)],
  ];
  if (row.comparison_note && row.previous) rows.push(['Compared with', row.comparison_note]);
  if (row.last_year && row.last_year.period !== row.previous?.period) {
    rows.push([
      `Last year (${when(row.last_year, period)})`,
      `${figureWithFraction(row.last_year, row.unit, d)}, change ${formatChange(row.last_year_change, row.unit)}`,
    ]);
  }
  rows.push(['Target', formatTarget(row.target, row.unit, row.tolerance)], ['Status', statusText(row.status)]);
  const b = row.benchmark_details;
  if (b.national) rows.push(['England', benchmarkText(b.national, row.unit, d)]);
  if (b.regional) rows.push([b.regional.name ?? 'Region', benchmarkText(b.regional, row.unit, d)]);
  const sn = b.statistical_neighbours;
  if (sn) {
    const how = sn.method && sn.used !== undefined ? ` (${sn.method} of ${sn.used})` : '';
    rows.push([`Statistical neighbours${how}`, benchmarkText(sn, row.unit, d)]);
  }
  if (b.own?.rank != null) rows.push(['Rank among neighbours', `${b.own.rank} of ${b.own.of}`]);
  return rows;
}

/** The row's data-quality caveats as the minutes print them, under its figures: "⚠ Data caveat (from Oct 2023): …". */
export function caveatLines(row: ReportRow): string[] {
  return row.caveats.map((c) => `\u26A0 ${caveatText(c)}`);
}

/** The update to show beside an action in the log: the latest one. */
export function latestUpdate(action: ActionLogEntry): ActionUpdate | null {
  return action.updates.at(-1) ?? null;
}

/** A file name to suggest: "Minutes DPC 2023-11-09.pdf". */
export function minutesFileName(view: ClinicView, extension: string): string {
  return `Minutes ${view.clinic.code} ${view.clinic.held_on}.${extension}`;
}
