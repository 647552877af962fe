/** The teams a clinic file knows, and each team's own figures: what the exception report reads. */
import type { ClinicDatabase } from './database';
import type { SeriesPoint } from '../domain/spc';
import type { Period } from '../domain/types';

/** Every team named in the figures or owning an action (not deleted), in alphabetical order. */
export function listTeams(db: ClinicDatabase): string[] {
  return db
    .all<{ team: string }>(
      `SELECT DISTINCT team FROM observations WHERE team <> ''
       UNION SELECT DISTINCT team FROM actions WHERE team <> '' AND deleted_at IS NULL
       ORDER BY team COLLATE NOCASE`,
    )
    .map((r) => r.team);
}

/** Each team's own figures up to a period, by team then measure (not the whole service's, nor its workers'). */
export function teamFiguresUpTo(db: ClinicDatabase, period: Period): Map<string, Map<string, SeriesPoint[]>> {
  const rows = db.all<{ team: string; measure: string; period: string; value: number }>(
    "SELECT team, measure, period, value FROM observations WHERE team <> '' AND worker = '' AND period <= ?",
    [period],
  );
  const byTeam = new Map<string, Map<string, SeriesPoint[]>>();
  for (const r of rows) {
    let measures = byTeam.get(r.team);
    if (!measures) byTeam.set(r.team, (measures = new Map()));
    const list = measures.get(r.measure);
    if (list) list.push({ period: r.period, value: r.value });
    else measures.set(r.measure, [{ period: r.period, value: r.value }]);
  }
  return byTeam;
}
