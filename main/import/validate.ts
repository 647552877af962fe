/**
 * Checks every raw figure against the catalogue and the rules, and keeps every problem with its
 * sheet, row and reason: nothing is dropped without saying so. Pure: the clock is passed in.
 */
import { cellText, isBlank, quoted, type Cell } from './cells';
import { closestMeasure, normaliseName } from './closest';
import type { Problem, RawFigure, SheetReading } from './layout';
import { periodFromCell } from './periods';
import { checkCount, checkValue, readNumber } from './values';
import { periodLabel } from '../domain/period';
import type { Period, Unit } from '../domain/types';

export interface CatalogueEntry {
  key: string;
  title: string;
  unit: Unit;
  retired: boolean;
}

/** A figure that passed every check, ready to compare with the file and store. */
export interface ImportFigure {
  measure: string;
  period: Period;
  /** '' is the whole service. */
  team: string;
  /** '' is the whole team; a worker always has a team. */
  worker: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  sheet: string;
  row: number;
}

export interface Validation {
  figures: ImportFigure[];
  problems: Problem[];
  rowsRead: number;
  blankRows: number;
  /** Cells or rows that deliberately hold no figure (blank in a wide sheet, "n/a"). */
  noFigure: number;
}

/** Words that mean "the whole service" in a team column. */
const WHOLE_SERVICE = new Set([
  '',
  'all',
  'all teams',
  'total',
  'whole service',
  'service',
  'overall',
  'la',
  'authority',
]);
const MAX_TEAM = 200;
/** Words that mean "the whole team" in a worker column. */
const WHOLE_TEAM = new Set(['', 'all', 'all workers', 'total', 'whole team', 'team', 'team total']);

export function figureKey(measure: string, period: Period, team: string, worker = ''): string {
  return `${measure}\u0000${period}\u0000${team}\u0000${worker}`;
}

function currentPeriod(now: Date): Period {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** Resolves what the file calls a measure: its key, or its title (case and spacing ignored). */
class MeasureResolver {
  private readonly byKey = new Map<string, CatalogueEntry>();
  private readonly byName = new Map<string, CatalogueEntry>();
  private readonly cache = new Map<string, { entry: CatalogueEntry } | { suggestion: CatalogueEntry | null }>();

  constructor(private readonly catalogue: readonly CatalogueEntry[]) {
    for (const m of catalogue) {
      this.byKey.set(m.key, m);
      this.byName.set(normaliseName(m.title), m);
      this.byName.set(normaliseName(m.key), m);
    }
  }

  resolve(text: string): { entry: CatalogueEntry } | { suggestion: CatalogueEntry | null } {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const trimmed = text.trim();
    const entry =
      this.byKey.get(trimmed) ?? this.byKey.get(trimmed.toLowerCase()) ?? this.byName.get(normaliseName(trimmed));
    const result = entry ? { entry } : { suggestion: closestMeasure(trimmed, this.catalogue) };
    this.cache.set(text, result);
    return result;
  }
}

export function validate(
  readings: readonly SheetReading[],
  catalogue: readonly CatalogueEntry[],
  now: Date,
): Validation {
  const resolver = new MeasureResolver(catalogue);
  const thisMonth = currentPeriod(now);
  const result: Validation = { figures: [], problems: [], rowsRead: 0, blankRows: 0, noFigure: 0 };
  const seen = new Map<string, { sheet: string; row: number }>();

  for (const reading of readings) {
    result.rowsRead += reading.rowsRead;
    result.blankRows += reading.blankRows;
    result.problems.push(...reading.problems);

    for (const empty of reading.emptyRows) {
      const found = resolver.resolve(empty.measure);
      if (!('entry' in found)) {
        result.problems.push({
          severity: 'warning',
          sheet: empty.sheet,
          row: empty.row,
          column: null,
          message: `${quoted(empty.measure)} has no figures and is not a measure, so it was read as a heading.`,
        });
      } else result.noFigure++;
    }

    for (const raw of reading.figures) {
      const figure = check(raw);
      if (figure) result.figures.push(figure);
    }
  }
  return result;

  function check(raw: RawFigure): ImportFigure | null {
    const problems: Problem[] = [];
    const say = (severity: Problem['severity'], message: string, column: string | null = raw.column) =>
      problems.push({ severity, sheet: raw.sheet, row: raw.row, column, message });
    const done = (figure: ImportFigure | null) => {
      result.problems.push(...problems);
      return problems.some((p) => p.severity === 'error') ? null : figure;
    };

    const found = resolver.resolve(raw.measure);
    if (!('entry' in found)) {
      const hint = found.suggestion ? ` Did you mean "${found.suggestion.title}" (${found.suggestion.key})?` : '';
      say('error', `${quoted(raw.measure)} is not a measure in this clinic file.${hint}`, null);
      return done(null);
    }
    const measure = found.entry;
    if (measure.retired)
      say(
        'warning',
        `"${measure.title}" has been retired; its figure is imported into its history all the same.`,
        null,
      );

    let period: Period | null;
    if (typeof raw.period === 'string') period = raw.period;
    else {
      period = periodFromCell(raw.period);
      if (period === null) {
        say(
          'error',
          isBlank(raw.period)
            ? 'There is no period on this row.'
            : `${quoted(cellText(raw.period))} is not a month. Write it as 2023-10, Oct-23 or October 2023.`,
          null,
        );
      }
    }
    if (period !== null && period > thisMonth)
      say('error', `${periodLabel(period)} is in the future, so there cannot be figures for it yet.`, null);

    const read = readNumber(raw.value);
    let value: number | null = null;
    if (read.kind === 'blank' || read.kind === 'none') {
      // A wide sheet leaves months blank where there is no figure; a long sheet's row is there to give one.
      if (typeof raw.period === 'string') {
        result.noFigure++;
        return done(null);
      }
      say(
        'warning',
        `There is no figure on this row${read.kind === 'none' ? ` (${quoted(read.text)})` : ''}, so it was not imported.`,
      );
      result.noFigure++;
      return done(null);
    }
    if (read.kind === 'text') say('error', `${quoted(read.text)} is not a number.`);
    else {
      const checked = checkValue(read, measure.unit);
      if (checked.error) say('error', checked.error);
      if (checked.warning) say('warning', checked.warning);
      value = checked.value;
    }

    const numerator = countCell(raw.numerator, 'numerator');
    const denominator = countCell(raw.denominator, 'denominator');
    if ((numerator === null) !== (denominator === null) && numerator !== undefined && denominator !== undefined) {
      say('error', `Give both the numerator and the denominator, or neither.`, null);
    }
    if (typeof numerator === 'number' && typeof denominator === 'number') {
      if (numerator > denominator)
        say('error', `The numerator (${numerator}) is larger than the denominator (${denominator}).`, null);
      else if (measure.unit === 'percent' && value !== null && denominator > 0) {
        const implied = (numerator / denominator) * 100;
        if (Math.abs(implied - value) > 0.5)
          say(
            'warning',
            `The value ${value}% does not match ${numerator} of ${denominator} (${implied.toFixed(1)}%). Check which is right.`,
          );
      }
    }

    const teamText = raw.team.replace(/\s+/g, ' ').trim();
    const team = WHOLE_SERVICE.has(teamText.toLowerCase()) ? '' : teamText;
    if (team.length > MAX_TEAM) say('error', `The team name is longer than ${MAX_TEAM} characters.`, null);
    const workerText = raw.worker.replace(/\s+/g, ' ').trim();
    const worker = WHOLE_TEAM.has(workerText.toLowerCase()) ? '' : workerText;
    if (worker.length > MAX_TEAM) say('error', `The worker's name is longer than ${MAX_TEAM} characters.`, null);
    if (worker !== '' && team === '')
      say(
        'error',
        `${quoted(worker)} has no team: a worker's figures are held within their team. Give the team on this row, or leave the worker blank for a whole-service figure.`,
        null,
      );

    if (period !== null && value !== null) {
      const key = figureKey(measure.key, period, team, worker);
      const first = seen.get(key);
      if (first) {
        const where = first.sheet === raw.sheet ? `row ${first.row}` : `sheet "${first.sheet}" row ${first.row}`;
        say(
          'error',
          `This is a second figure for "${measure.title}", ${periodLabel(period)}${team ? `, ${quoted(team)}` : ''}${worker ? `, ${quoted(worker)}` : ''}: ${where} already gives one. Keep one of them.`,
          null,
        );
      } else seen.set(key, { sheet: raw.sheet, row: raw.row });
    }

    if (period === null || value === null) return done(null);
    return done({
      measure: measure.key,
      period,
      team,
      worker,
      value,
      numerator: typeof numerator === 'number' ? numerator : null,
      denominator: typeof denominator === 'number' ? denominator : null,
      sheet: raw.sheet,
      row: raw.row,
    });

    /** A count, null when blank, undefined when it is wrong (already reported). */
    function countCell(cell: Cell, label: string): number | null | undefined {
      const n = readNumber(cell);
      if (n.kind === 'blank' || n.kind === 'none') return null;
      if (n.kind === 'text') {
        say('error', `The ${label} ${quoted(n.text)} is not a number.`, null);
        return undefined;
      }
      const problem = checkCount(label, n);
      if (problem) {
        say('error', problem, null);
        return undefined;
      }
      return n.value;
    }
  }
}
