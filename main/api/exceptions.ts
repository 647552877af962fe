/**
 * The exception report, put together from the file (issue 17): the clinic comparison for the
 * whole service, each team's own figures, the SPC options each measure keeps, and the action log.
 * The rules are in domain/exceptions.ts; this only reads what they need. The command line and
 * the window both come here, so they always agree.
 */
import {
  findTeam,
  overdueActionsOf,
  section,
  sectionHasContent,
  serviceMeasures,
  teamMeasures,
  unknownTeamMessage,
  type ExceptionsReport,
} from '../domain/exceptions';
import { DEFAULT_SPC_SETTINGS, optionsOf, type SpcOptions } from '../domain/spc';
import type { ActionLogEntry, IsoDate } from '../domain/types';
import type { ClinicReport } from '../domain/views';
import { UserError } from '../errors';
import type { ClinicDatabase } from '../store/database';
import { allSpcSettings } from '../store/spc';
import { listTeams, teamFiguresUpTo } from '../store/teams';

export interface ExceptionsArgs {
  /** A team's name (any case); absent for the whole service and every team. */
  team?: string;
}

export function buildExceptions(
  db: ClinicDatabase,
  report: ClinicReport,
  actions: readonly ActionLogEntry[],
  today: IsoDate,
  args: ExceptionsArgs = {},
): ExceptionsReport {
  const teams = listTeams(db);
  let only: string | null = null;
  if (args.team !== undefined && args.team.trim() !== '') {
    only = findTeam(teams, args.team);
    if (only === null) throw new UserError(unknownTeamMessage(args.team.trim(), teams));
  }
  const period = report.period;
  const figures = teamFiguresUpTo(db, period);
  const settings = allSpcSettings(db);
  const options = new Map<string, SpcOptions>(
    report.measures.map((m) => [m.key, optionsOf(settings.get(m.key) ?? DEFAULT_SPC_SETTINGS)]),
  );
  const teamSection = (team: string) =>
    section(
      team,
      teamMeasures(report.measures, figures.get(team) ?? new Map(), period, options),
      overdueActionsOf(actions, team, today),
    );
  const sections =
    only !== null
      ? [teamSection(only)]
      : [
          section('', serviceMeasures(report.measures), overdueActionsOf(actions, '', today)),
          ...teams.map(teamSection).filter(sectionHasContent),
        ];
  return { period, today, teams, sections };
}
