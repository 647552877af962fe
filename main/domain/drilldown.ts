/**
 * Drilldown from a measure's whole-service figure to each team's and each worker's (issue 17):
 * the same status against target and change from the month before as the clinic table gives, at
 * every level. Worker names are personal data: the renderer only ever receives initials, or no
 * worker level at all (file-settings.ts). Pure.
 */
import type { WorkerNames } from './file-settings';
import { changeBetween, directionOfChange, statusAgainstTarget } from './status';
import type { Change, Direction, Frequency, Period, Polarity, Status, Unit } from './types';

export interface DrillFigure {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** One line of a drilldown table: the service, a team, or a worker (named by initials). */
export interface DrillRow {
  /** The team ('' for the whole service). */
  team: string;
  /** An opaque key for a worker within the team ('' for a team or the service); never a name. */
  worker: string;
  /** What the row is called: "All services", the team, or the worker's initials. */
  label: string;
  figure: DrillFigure | null;
  previous: DrillFigure | null;
  status: Status;
  change: Change | null;
  direction: Direction;
  /** How many workers have figures under this team in the period (0 when hidden or none). */
  workers: number;
}

export interface DrillMeasure {
  unit: Unit;
  polarity: Polarity;
  target: number | null;
  tolerance: number;
}

/**
 * A name as initials: "Jane Smith" → "J.S.", "Mary-Jane O'Neil" → "M.J.O.". Only the first letter
 * of each part is kept, so the full name never leaves the main process.
 */
export function initials(name: string): string {
  const parts = name
    .normalize('NFKD')
    .split(/[\s\-‐–]+/)
    .map((p) => p.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((p) => p !== '');
  if (parts.length === 0) return '?';
  return parts.map((p) => `${p[0]!.toUpperCase()}.`).join('');
}

/**
 * Labels for a team's workers as initials, told apart where two share them ("J.S. (1)", "J.S. (2)",
 * in the order of the names given, which the caller sorts).
 */
export function workerLabels(names: readonly string[]): string[] {
  const base = names.map(initials);
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  const seen = new Map<string, number>();
  return base.map((b) => {
    if ((count.get(b) ?? 0) < 2) return b;
    const n = (seen.get(b) ?? 0) + 1;
    seen.set(b, n);
    return `${b} (${n})`;
  });
}

/** A row as the clinic table would judge it: status in the period, change since the month before. */
export function drillRow(
  measure: DrillMeasure,
  at: { team: string; worker: string; label: string; workers: number },
  figure: DrillFigure | null,
  previous: DrillFigure | null,
): DrillRow {
  const change = changeBetween(figure?.value ?? null, previous?.value ?? null, measure.unit);
  return {
    ...at,
    figure,
    previous,
    status: statusAgainstTarget(figure?.value ?? null, measure.target, measure.polarity, measure.tolerance),
    change,
    direction: figure === null ? 'no_previous' : directionOfChange(change, measure.polarity),
  };
}

/** Why the worker level is not shown, or null when it is. */
export function workerLevelWithheld(settings: { workerNames: WorkerNames; forPublication: boolean }): string | null {
  if (settings.forPublication)
    return 'This file is marked for publication, so figures by worker are not shown or exported.';
  if (settings.workerNames === 'hidden') return 'Figures by worker are hidden in this file (see Preferences).';
  return null;
}

export interface WorkerMonth extends DrillRow {
  period: Period;
}

export interface DrilldownView {
  measure: DrillMeasure & { key: string; title: string; area: string; area_title: string; frequency: Frequency };
  period: Period;
  /** The month the change is from. */
  previousPeriod: Period;
  level: 'area' | 'team' | 'worker';
  service: DrillRow;
  /** Area level: each team with a figure in the period or the month before. */
  teams: DrillRow[];
  /** Team and worker levels: the team's own row. */
  team: DrillRow | null;
  /** Team level: each worker of the team, by initials (none when withheld). */
  workers: DrillRow[];
  /** Worker level: the worker's row in the period. */
  worker: DrillRow | null;
  /** Worker level: the worker's figures month by month, newest first (up to 13). */
  workerMonths: WorkerMonth[];
  workerNames: WorkerNames;
  /** Why there is no worker level, in words, or null when it is shown. */
  workersWithheld: string | null;
}
