/**
 * Drilldown by team and worker (issue 17): a measure's whole-service figure in a period, each
 * team's, and each worker's of a team, with status and change from the month before at each
 * level. Worker names never leave this module: rows carry initials and an opaque key (the
 * worker's place among the team's workers for the measure), or no worker level at all when the
 * file hides it or is marked for publication.
 */
import {
  drillRow,
  workerLabels,
  workerLevelWithheld,
  type DrillFigure,
  type DrilldownView,
  type DrillRow,
  type WorkerMonth,
} from '../domain/drilldown';
import { addMonths, periodLabel } from '../domain/period';
import { targetAt } from '../domain/targets';
import type { Period } from '../domain/types';
import { UserError } from '../errors';
import { getMeasure, listAreas, listPeriods, targetHistory } from '../store/catalogue';
import type { ClinicFile } from '../store/clinic-file';
import * as q from '../store/drilldown';
import type { FileSettingsApi } from './file-settings';

export type { DrilldownView, DrillRow };

export interface DrilldownArgs {
  measure: string;
  period?: Period;
  /** A team's name: its workers are listed. */
  team?: string;
  /** A worker's key within the team, as a row gives it: that worker's recent months. */
  worker?: string;
}

const ORDER = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
const MONTHS = 13;

export class Drilldowns {
  constructor(
    private readonly file: () => ClinicFile,
    private readonly settings: FileSettingsApi,
  ) {}

  /** The measures that have figures by team, to offer a drilldown for. */
  measures(): string[] {
    return q.measuresWithTeams(this.file().db);
  }

  view(args: DrilldownArgs): DrilldownView {
    const db = this.file().db;
    const found = getMeasure(db, args.measure);
    if (!found) throw new UserError(`There is no measure "${args.measure}" in this clinic file.`);
    const period = args.period ?? listPeriods(db)[0];
    if (period === undefined)
      throw new UserError('This clinic file holds no figures yet. Import a month of figures first.');
    const previousPeriod = addMonths(period, -1);
    const targets = targetHistory(db, found.key);
    const measure: DrilldownView['measure'] = {
      key: found.key,
      title: found.title,
      area: found.area,
      area_title: listAreas(db).find((a) => a.key === found.area)?.title ?? found.area,
      frequency: found.frequency,
      unit: found.unit,
      polarity: found.polarity,
      target: targetAt(targets, period),
      tolerance: found.tolerance,
    };
    const settings = this.settings.get();
    const withheld = workerLevelWithheld(settings);
    const counts = withheld ? new Map<string, number>() : q.workerCounts(db, found.key, period);

    const figures = q.teamFigures(db, found.key, [period, previousPeriod]);
    const at = (list: readonly q.StoredDrillFigure[], p: Period, team: string, worker = ''): DrillFigure | null => {
      const f = list.find((x) => x.period === p && x.team === team && x.worker === worker);
      return f ? { value: f.value, numerator: f.numerator, denominator: f.denominator } : null;
    };
    const teamRow = (team: string): DrillRow =>
      drillRow(
        measure,
        { team, worker: '', label: team === '' ? 'All services' : team, workers: counts.get(team) ?? 0 },
        at(figures, period, team),
        at(figures, previousPeriod, team),
      );
    const view: DrilldownView = {
      measure,
      period,
      previousPeriod,
      level: 'area',
      service: teamRow(''),
      teams: [],
      team: null,
      workers: [],
      worker: null,
      workerMonths: [],
      workerNames: settings.workerNames,
      workersWithheld: withheld,
    };

    const teams = q.teamsWithFigures(db, found.key, [period, previousPeriod]).sort(ORDER.compare);
    if (args.team === undefined) {
      view.teams = teams.map(teamRow);
      return view;
    }
    const team = args.team;
    if (!teams.includes(team))
      throw new UserError(`There are no figures for the team "${team}" for ${periodLabel(period)}.`);
    view.level = 'team';
    view.team = teamRow(team);
    if (withheld) return view;

    const names = q.workerNamesOf(db, found.key, team);
    const labels = workerLabels(names);
    const keyOf = new Map(names.map((n, i) => [n, String(i + 1)]));
    const labelOf = new Map(names.map((n, i) => [n, labels[i]!]));

    if (args.worker === undefined) {
      const workerFigures = q.workerFigures(db, found.key, team, [period, previousPeriod]);
      const present = names.filter((n) => workerFigures.some((f) => f.worker === n));
      view.workers = present
        .map((n) =>
          drillRow(
            measure,
            { team, worker: keyOf.get(n)!, label: labelOf.get(n)!, workers: 0 },
            at(workerFigures, period, team, n),
            at(workerFigures, previousPeriod, team, n),
          ),
        )
        .sort((a, b) => ORDER.compare(a.label, b.label));
      return view;
    }
    const index = Number(args.worker);
    const name = Number.isInteger(index) && index >= 1 ? names[index - 1] : undefined;
    if (name === undefined) throw new UserError(`There is no such worker in the team "${team}".`);
    const history = q.workerHistory(db, found.key, team, name, period, MONTHS + 1).reverse();
    const months: WorkerMonth[] = history.map((f, i) => {
      const before = history[i - 1];
      const previous =
        before && before.period === addMonths(f.period, -1)
          ? { value: before.value, numerator: before.numerator, denominator: before.denominator }
          : null;
      return {
        period: f.period,
        ...drillRow(
          { ...measure, target: targetAt(targets, f.period) },
          { team, worker: keyOf.get(name)!, label: labelOf.get(name)!, workers: 0 },
          { value: f.value, numerator: f.numerator, denominator: f.denominator },
          previous,
        ),
      };
    });
    view.level = 'worker';
    view.workerMonths = months.reverse().slice(0, MONTHS);
    const current = history.find((f) => f.period === period);
    const previous = history.find((f) => f.period === previousPeriod);
    view.worker = drillRow(
      measure,
      { team, worker: keyOf.get(name)!, label: labelOf.get(name)!, workers: 0 },
      current ? { value: current.value, numerator: current.numerator, denominator: current.denominator } : null,
      previous ? { value: previous.value, numerator: previous.numerator, denominator: previous.denominator } : null,
    );
    return view;
  }
}
