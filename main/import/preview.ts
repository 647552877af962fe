/**
 * What an import would do, worked out before anything is written: per measure, the figures that
 * are new, those that change an existing value (old → new) and those already there. Pure: a
 * function of the checked figures and the figures in the file now.
 */
import { figureKey, type ImportFigure } from './validate';
import type { Period, Unit } from '../domain/types';

export interface FigureValue {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** The figures in the file now, by figureKey(measure, period, team, worker): a Map, or one that reads them as asked. */
export interface FigureLookup {
  get(key: string): FigureValue | undefined;
}

export interface StoredFigureLike extends FigureValue {
  measure: string;
  period: Period;
  team: string;
  worker: string;
}

/** One figure the import writes, with what it replaces (null where there was none). */
export interface PlannedWrite {
  measure: string;
  period: Period;
  team: string;
  /** '' is the whole team. */
  worker: string;
  old: FigureValue | null;
  next: FigureValue;
}

export interface FigureChange {
  period: Period;
  team: string;
  worker: string;
  old: FigureValue;
  next: FigureValue;
}

/** A figure the file holds where the clinic file has none. */
export interface FigureAddition {
  period: Period;
  team: string;
  worker: string;
  next: FigureValue;
}

/** How many changes (and new figures) per measure the preview lists in full; the totals always count them all. */
export const CHANGES_LISTED_PER_MEASURE = 500;

export interface MeasurePreview {
  measure: string;
  title: string;
  /** How the measure's figures are written (55%, 1,730); null for a key the catalogue does not hold. */
  unit: Unit | null;
  added: number;
  changed: number;
  unchanged: number;
  /** The periods with a new figure, oldest first. */
  addedPeriods: Period[];
  /** New figures with their values, oldest first (up to CHANGES_LISTED_PER_MEASURE). */
  additions: FigureAddition[];
  /** Changed figures, old → new, oldest first (up to CHANGES_LISTED_PER_MEASURE). */
  changes: FigureChange[];
  teams: string[];
}

export interface PreviewTotals {
  figures: number;
  added: number;
  changed: number;
  unchanged: number;
}

export interface Preview {
  measures: MeasurePreview[];
  totals: PreviewTotals;
  /** Oldest and newest period in the import, or null when it holds no figures. */
  periods: { from: Period; to: Period } | null;
  writes: PlannedWrite[];
}

/** Equal as stored: the import reads 55.7 where the file holds 55.7 after a round trip through REAL. */
function same(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * What a figure becomes. A row without numerator and denominator keeps the ones already stored
 * if its value is unchanged (a wide sheet gives values only, and must not wipe them); if the
 * value changes they are cleared, since they described the old value.
 */
export function nextValue(figure: ImportFigure, old: FigureValue | null): FigureValue {
  if (old && figure.numerator === null && figure.denominator === null && same(old.value, figure.value))
    return { value: old.value, numerator: old.numerator, denominator: old.denominator };
  return { value: figure.value, numerator: figure.numerator, denominator: figure.denominator };
}

export function isSame(a: FigureValue, b: FigureValue): boolean {
  return same(a.value, b.value) && same(a.numerator, b.numerator) && same(a.denominator, b.denominator);
}

/**
 * "Team 2" before "Team 10", as a person would list them. One collator for every comparison:
 * localeCompare with a locale and options makes one each call, which took 5 s of a 100,000-row
 * import's preview and import.
 */
const TEAM_ORDER = new Intl.Collator('en-GB', { numeric: true });

type Place = { period: Period; team: string; worker: string };

function byPeriodThenTeam(a: Place, b: Place): number {
  if (a.period !== b.period) return a.period < b.period ? -1 : 1;
  return TEAM_ORDER.compare(a.team, b.team) || TEAM_ORDER.compare(a.worker, b.worker);
}

export function buildPreview(
  figures: readonly ImportFigure[],
  current: FigureLookup,
  catalogue: ReadonlyMap<string, { title: string; unit: Unit }>,
): Preview {
  const byMeasure = new Map<string, MeasurePreview>();
  const added = new Map<string, Set<Period>>();
  const teams = new Map<string, Set<string>>();
  const writes: PlannedWrite[] = [];
  const totals: PreviewTotals = { figures: figures.length, added: 0, changed: 0, unchanged: 0 };
  let from: Period | null = null;
  let to: Period | null = null;

  for (const figure of figures) {
    let entry = byMeasure.get(figure.measure);
    if (!entry) {
      entry = {
        measure: figure.measure,
        title: catalogue.get(figure.measure)?.title ?? figure.measure,
        unit: catalogue.get(figure.measure)?.unit ?? null,
        added: 0,
        changed: 0,
        unchanged: 0,
        addedPeriods: [],
        additions: [],
        changes: [],
        teams: [],
      };
      byMeasure.set(figure.measure, entry);
      added.set(figure.measure, new Set());
      teams.set(figure.measure, new Set());
    }
    if (figure.team !== '') teams.get(figure.measure)!.add(figure.team);
    if (from === null || figure.period < from) from = figure.period;
    if (to === null || figure.period > to) to = figure.period;

    const old = current.get(figureKey(figure.measure, figure.period, figure.team, figure.worker)) ?? null;
    const next = nextValue(figure, old);
    if (old === null) {
      entry.added++;
      totals.added++;
      added.get(figure.measure)!.add(figure.period);
      if (entry.additions.length < CHANGES_LISTED_PER_MEASURE)
        entry.additions.push({ period: figure.period, team: figure.team, worker: figure.worker, next });
    } else if (isSame(old, next)) {
      entry.unchanged++;
      totals.unchanged++;
      continue;
    } else {
      entry.changed++;
      totals.changed++;
      if (entry.changes.length < CHANGES_LISTED_PER_MEASURE)
        entry.changes.push({ period: figure.period, team: figure.team, worker: figure.worker, old, next });
    }
    writes.push({
      measure: figure.measure,
      period: figure.period,
      team: figure.team,
      worker: figure.worker,
      old,
      next,
    });
  }

  for (const entry of byMeasure.values()) {
    entry.addedPeriods = [...added.get(entry.measure)!].sort();
    entry.changes.sort(byPeriodThenTeam);
    entry.additions.sort(byPeriodThenTeam);
    entry.teams = [...teams.get(entry.measure)!].sort(TEAM_ORDER.compare);
  }
  return {
    measures: [...byMeasure.values()],
    totals,
    periods: from !== null && to !== null ? { from, to } : null,
    writes,
  };
}

/** The preview in one sentence, as the wizard and the command line say it. */
export function summarise(totals: PreviewTotals): string {
  const n = (count: number, word: string) => `${count.toLocaleString('en-GB')} ${word}${count === 1 ? '' : 's'}`;
  if (totals.figures === 0) return 'The file holds no figures to import.';
  if (totals.added === 0 && totals.changed === 0)
    return `Nothing to import: all ${n(totals.figures, 'figure')} are already in the clinic file with the same values.`;
  return `${n(totals.added, 'new figure')}, ${n(totals.changed, 'changed figure')} and ${totals.unchanged.toLocaleString('en-GB')} unchanged.`;
}
