/** Named queries for the drilldown by team and worker (schema 13). Worker names stay in main. */
import type { Period } from '../domain/types';
import type { DrillFigure } from '../domain/drilldown';
import type { ClinicDatabase } from './database';

export interface StoredDrillFigure extends DrillFigure {
  period: Period;
  team: string;
  worker: string;
}

/** A measure's whole-service and team figures (no worker's) for the given periods. */
export function teamFigures(db: ClinicDatabase, measure: string, periods: readonly Period[]): StoredDrillFigure[] {
  return db.all<StoredDrillFigure>(
    `SELECT period, team, worker, value, numerator, denominator FROM observations
      WHERE measure = ? AND worker = '' AND period IN (${periods.map(() => '?').join(', ')})`,
    [measure, ...periods],
  );
}

/** The teams with any figure for the measure in the given periods, their own or a worker's. */
export function teamsWithFigures(db: ClinicDatabase, measure: string, periods: readonly Period[]): string[] {
  return db
    .all<{ team: string }>(
      `SELECT DISTINCT team FROM observations
        WHERE measure = ? AND team <> '' AND period IN (${periods.map(() => '?').join(', ')})`,
      [measure, ...periods],
    )
    .map((r) => r.team);
}

/** The workers' figures of one team for a measure, in the given periods. */
export function workerFigures(
  db: ClinicDatabase,
  measure: string,
  team: string,
  periods: readonly Period[],
): StoredDrillFigure[] {
  return db.all<StoredDrillFigure>(
    `SELECT period, team, worker, value, numerator, denominator FROM observations
      WHERE measure = ? AND team = ? AND worker <> '' AND period IN (${periods.map(() => '?').join(', ')})`,
    [measure, team, ...periods],
  );
}

/** Every worker of a team with a figure for the measure, ever: the order that names their keys. */
export function workerNamesOf(db: ClinicDatabase, measure: string, team: string): string[] {
  return db
    .all<{ worker: string }>(
      `SELECT DISTINCT worker FROM observations WHERE measure = ? AND team = ? AND worker <> '' ORDER BY worker`,
      [measure, team],
    )
    .map((r) => r.worker);
}

/** How many workers each team has figures for in a period. */
export function workerCounts(db: ClinicDatabase, measure: string, period: Period): Map<string, number> {
  const rows = db.all<{ team: string; n: number }>(
    `SELECT team, count(*) AS n FROM observations WHERE measure = ? AND period = ? AND worker <> '' GROUP BY team`,
    [measure, period],
  );
  return new Map(rows.map((r) => [r.team, r.n]));
}

/** One worker's figures for a measure up to a period, newest first. */
export function workerHistory(
  db: ClinicDatabase,
  measure: string,
  team: string,
  worker: string,
  upTo: Period,
  months: number,
): StoredDrillFigure[] {
  return db.all<StoredDrillFigure>(
    `SELECT period, team, worker, value, numerator, denominator FROM observations
      WHERE measure = ? AND team = ? AND worker = ? AND period <= ? ORDER BY period DESC LIMIT ?`,
    [measure, team, worker, upTo, months],
  );
}

/**
 * The measures with any team's figure: those the clinic table offers to drill into. One probe per
 * measure through the primary key, which finds a team's figure within a measure's first month.
 */
export function measuresWithTeams(db: ClinicDatabase): string[] {
  return db
    .all<{ key: string }>(
      `SELECT m.key FROM measures m WHERE EXISTS (SELECT 1 FROM observations o WHERE o.measure = m.key AND o.team <> '')`,
    )
    .map((r) => r.key);
}
