/** Queries for service areas, the measure catalogue and the figures. All SQL for them lives here. */
import type { ClinicDatabase } from './database';
import { insertCaveat, setFigureDate } from './caveats';
import type { CatalogueMeasure, MeasureFields, TeamFigure } from '../domain/catalogue';
import type { CountNoun } from '../domain/count-noun';
import { addMonths } from '../domain/period';
import { sortTargetHistory, type TargetChange } from '../domain/targets';
import type { SeriesPoint } from '../domain/spc';
import type { Dataset, Measure, Observation, Period, ServiceArea } from '../domain/types';

interface MeasureRow {
  key: string;
  title: string;
  definition: string;
  area: string;
  unit: Measure['unit'];
  polarity: Measure['polarity'];
  frequency: Measure['frequency'];
  target: number | null;
  tolerance: number;
  bench_national: number | null;
  bench_regional: number | null;
  bench_statistical_neighbours: number | null;
  bench_national_year: number | null;
  bench_regional_year: number | null;
  bench_statistical_neighbours_year: number | null;
  part_of: string | null;
}

interface CatalogueRow extends MeasureRow {
  numerator_label: string;
  denominator_label: string;
  data_source: string;
  retired_at: string | null;
}

/** The current target is the latest entry of the measure's target history. */
const CURRENT_TARGET = `(SELECT t.target FROM measure_targets t WHERE t.measure = m.key
    ORDER BY t.applies_from DESC LIMIT 1) AS target`;

const MEASURE_COLUMNS = `m.key, m.title, m.definition, m.area, m.unit, m.polarity, m.frequency, ${CURRENT_TARGET},
  m.tolerance, m.bench_national, m.bench_regional, m.bench_statistical_neighbours,
  m.bench_national_year, m.bench_regional_year, m.bench_statistical_neighbours_year,
  (SELECT b.key FROM measures b WHERE b.key = m.part_of) AS part_of`;

const CATALOGUE_COLUMNS = `${MEASURE_COLUMNS}, m.numerator_label, m.denominator_label, m.data_source, m.retired_at`;

/** The service-level figure of a measure has no team. */
export const WHOLE_SERVICE = '';

function toMeasure(row: MeasureRow): Measure {
  return {
    key: row.key,
    title: row.title,
    definition: row.definition,
    area: row.area,
    unit: row.unit,
    polarity: row.polarity,
    frequency: row.frequency,
    target: row.target,
    tolerance: row.tolerance,
    benchmarks: {
      national: row.bench_national,
      regional: row.bench_regional,
      statistical_neighbours: row.bench_statistical_neighbours,
    },
    benchmark_years: {
      national: row.bench_national_year,
      regional: row.bench_regional_year,
      statistical_neighbours: row.bench_statistical_neighbours_year,
    },
    part_of: row.part_of,
  };
}

function toCatalogueMeasure(row: CatalogueRow, targets: TargetChange[]): CatalogueMeasure {
  return {
    ...toMeasure(row),
    numerator_label: row.numerator_label,
    denominator_label: row.denominator_label,
    data_source: row.data_source,
    benchmark_years: {
      national: row.bench_national_year,
      regional: row.bench_regional_year,
      statistical_neighbours: row.bench_statistical_neighbours_year,
    },
    retired_at: row.retired_at,
    targets,
  };
}

export function listAreas(db: ClinicDatabase): ServiceArea[] {
  return db.all<ServiceArea>('SELECT key, title FROM areas ORDER BY sort_order, key');
}

const CLINIC_ORDER = 'ORDER BY a.sort_order, m.sort_order, m.key';

/** Measures in use, in clinic order: by service area, then the order they were added in. Retired ones are left out. */
export function listMeasures(db: ClinicDatabase): Measure[] {
  return db
    .all<MeasureRow>(
      `SELECT ${MEASURE_COLUMNS} FROM measures m JOIN areas a ON a.key = m.area WHERE m.retired_at IS NULL ${CLINIC_ORDER}`,
    )
    .map(toMeasure);
}

/**
 * Which retired measures a report still shows. A report of a period shows those with a figure in
 * that period or later (their history reaches it); a clinic already held shows exactly those in
 * its own record, so a new clinic leaves them out whatever figures its period has.
 */
export type RetiredShown = { withFiguresFrom: Period } | { keys: readonly string[] };

/** The measures a report shows, in clinic order: those in use, and the retired ones `shown` names. */
export function listReportMeasures(db: ClinicDatabase, shown: RetiredShown): Measure[] {
  const [retired, params] =
    'keys' in shown
      ? [`m.key IN (${shown.keys.map(() => '?').join(', ')})`, [...shown.keys]]
      : [
          `EXISTS (SELECT 1 FROM observations o WHERE o.measure = m.key AND o.team = '' AND o.period >= ?)`,
          [shown.withFiguresFrom],
        ];
  if (params.length === 0) return listMeasures(db);
  return db
    .all<MeasureRow>(
      `SELECT ${MEASURE_COLUMNS} FROM measures m JOIN areas a ON a.key = m.area
        WHERE m.retired_at IS NULL OR (${retired}) ${CLINIC_ORDER}`,
      params,
    )
    .map(toMeasure);
}

/** Any measure, retired or not. */
export function getMeasure(db: ClinicDatabase, key: string): Measure | undefined {
  const row = db.get<MeasureRow>(`SELECT ${MEASURE_COLUMNS} FROM measures m WHERE m.key = ?`, [key]);
  return row ? toMeasure(row) : undefined;
}

/** Every measure with its full catalogue entry and target history; retired ones only when asked for. */
export function listCatalogue(db: ClinicDatabase, options: { includeRetired?: boolean } = {}): CatalogueMeasure[] {
  const histories = targetHistories(db);
  return db
    .all<CatalogueRow>(
      `SELECT ${CATALOGUE_COLUMNS} FROM measures m JOIN areas a ON a.key = m.area
        ${options.includeRetired ? '' : 'WHERE m.retired_at IS NULL'} ${CLINIC_ORDER}`,
    )
    .map((row) => toCatalogueMeasure(row, histories.get(row.key) ?? []));
}

/** Whether the file holds a measure with this key, retired or not. */
export function measureExists(db: ClinicDatabase, key: string): boolean {
  return db.get('SELECT 1 AS found FROM measures WHERE key = ?', [key]) !== undefined;
}

/**
 * The key of a measure in use, other than `except`, whose title matches ignoring case: two
 * measures in use with one title could not be told apart in a clinic.
 */
export function measureWithTitle(db: ClinicDatabase, title: string, except: string): string | undefined {
  return db.get<{ key: string }>(
    'SELECT key FROM measures WHERE lower(title) = lower(?) AND retired_at IS NULL AND key <> ?',
    [title, except],
  )?.key;
}

/** Every measure's title by its key, retired ones included, as actions raised against them still name them. */
export function measureTitles(db: ClinicDatabase): Map<string, string> {
  return new Map(
    db.all<{ key: string; title: string }>('SELECT key, title FROM measures').map((m) => [m.key, m.title]),
  );
}

export function getCatalogueMeasure(db: ClinicDatabase, key: string): CatalogueMeasure | undefined {
  const row = db.get<CatalogueRow>(`SELECT ${CATALOGUE_COLUMNS} FROM measures m WHERE m.key = ?`, [key]);
  return row ? toCatalogueMeasure(row, targetHistory(db, key)) : undefined;
}

/** Each measure's target history, oldest first. */
export function targetHistories(db: ClinicDatabase): Map<string, TargetChange[]> {
  const byMeasure = new Map<string, TargetChange[]>();
  for (const row of db.all<TargetChange & { measure: string }>(
    'SELECT measure, applies_from, target FROM measure_targets ORDER BY measure, applies_from',
  )) {
    const list = byMeasure.get(row.measure) ?? [];
    list.push({ applies_from: row.applies_from, target: row.target });
    byMeasure.set(row.measure, list);
  }
  return byMeasure;
}

export function targetHistory(db: ClinicDatabase, key: string): TargetChange[] {
  return sortTargetHistory(
    db.all<TargetChange>('SELECT applies_from, target FROM measure_targets WHERE measure = ? ORDER BY applies_from', [
      key,
    ]),
  );
}

/**
 * Every period with at least one service-level figure, newest first. SELECT DISTINCT read every
 * figure of every team (55 ms at 450,000 observations); this steps from one period to the next
 * down the period index, a seek each, and asks the index whether the period has a whole-service
 * figure (2 ms).
 */
export function listPeriods(db: ClinicDatabase): Period[] {
  return db
    .all<{ period: string }>(
      `WITH RECURSIVE periods(period) AS (
         SELECT max(period) FROM observations
         UNION ALL
         SELECT (SELECT max(o.period) FROM observations o WHERE o.period < periods.period)
           FROM periods WHERE periods.period IS NOT NULL)
       SELECT period FROM periods
        WHERE period IS NOT NULL
          AND EXISTS (SELECT 1 FROM observations o WHERE o.period = periods.period AND o.team = '')
        ORDER BY period DESC`,
    )
    .map((r) => r.period);
}

export function hasPeriod(db: ClinicDatabase, period: Period): boolean {
  return db.get("SELECT 1 AS found FROM observations WHERE period = ? AND team = '' LIMIT 1", [period]) !== undefined;
}

/**
 * The service-level figures a clinic comparison needs: every measure's figure for the two
 * periods, and for measures published less often than monthly, their figures up to the period.
 * CROSS JOIN makes SQLite start from the few non-monthly measures and use the whole-service
 * index for each, rather than reading every team's figure up to the period.
 */
export function observationsForComparison(
  db: ClinicDatabase,
  period: Period,
  compare: Period,
  team: string = WHOLE_SERVICE,
): Observation[] {
  // The same month last year is the report's second comparison (see pickFigures).
  const lastYear = addMonths(period, -12);
  // The whole service's team is written in the SQL, not bound: only then may SQLite use the
  // partial whole-service index. A team's own figure is the one with no worker: its workers'
  // figures share its team (schema 15) and must not be read as more of the team's.
  const teamIs = team === WHOLE_SERVICE ? "o.team = ''" : "o.team = ? AND o.worker = ''";
  const teamParam = team === WHOLE_SERVICE ? [] : [team];
  return db.all<Observation>(
    `SELECT o.measure, o.period, o.value, o.numerator, o.denominator
       FROM observations o
      WHERE o.period IN (?, ?, ?) AND ${teamIs}
     UNION ALL
     SELECT o.measure, o.period, o.value, o.numerator, o.denominator
       FROM measures m CROSS JOIN observations o ON o.measure = m.key
      WHERE m.frequency <> 'monthly' AND ${teamIs} AND o.period <= ? AND o.period NOT IN (?, ?, ?)`,
    [period, compare, lastYear, ...teamParam, ...teamParam, period, period, compare, lastYear],
  );
}

/**
 * Every monthly measure's service-level figures up to a period, as text (parseSeries reads it):
 * the SPC history. Without statistics SQLite would read each measure through the primary key,
 * every team's figure included (26 times the rows at 25 teams), so the whole-service index, which
 * carries the value (schema 6), is named. Each measure's series comes back as one string
 * ("2023-09 56.7,2023-10 58.1"), far cheaper to take out of sql.js than a row per figure, from a
 * subquery per measure, so no sort is needed to group them; %!.17g writes every double so that it
 * reads back the same. Measures with no figures are left out.
 */
export function monthlySeriesTextUpTo(
  db: ClinicDatabase,
  period: Period,
  team: string = WHOLE_SERVICE,
): Map<string, string> {
  // A team's figures are read through the primary key (measure, period, team, worker): the
  // whole-service index holds only the service's. Its workers' figures are not the team's.
  const rows = db.all<{ measure: string; series: string | null }>(
    team === WHOLE_SERVICE
      ? `SELECT m.key AS measure,
            (SELECT group_concat(o.period || ' ' || printf('%!.17g', o.value), ',')
               FROM observations o INDEXED BY observations_service
              WHERE o.measure = m.key AND o.team = '' AND o.period <= ?) AS series
       FROM measures m
      WHERE m.frequency = 'monthly'`
      : `SELECT m.key AS measure,
            (SELECT group_concat(o.period || ' ' || printf('%!.17g', o.value), ',')
               FROM observations o
              WHERE o.measure = m.key AND o.team = ? AND o.worker = '' AND o.period <= ?) AS series
       FROM measures m
      WHERE m.frequency = 'monthly'`,
    team === WHOLE_SERVICE ? [period] : [team, period],
  );
  const byMeasure = new Map<string, string>();
  for (const { measure, series } of rows) if (series !== null) byMeasure.set(measure, series);
  return byMeasure;
}

/** The figures in a series as monthlySeriesTextUpTo writes it (in no particular order). */
export function parseSeries(text: string): SeriesPoint[] {
  if (text === '') return [];
  return text.split(',').map((item) => {
    const space = item.indexOf(' ');
    return { period: item.slice(0, space), value: Number(item.slice(space + 1)) };
  });
}

/** A measure's service-level figures, or one team's own (not its workers'), oldest first. */
export function measureHistory(db: ClinicDatabase, key: string, team: string = WHOLE_SERVICE): Observation[] {
  // The whole service's team is written in the SQL so that SQLite may use the whole-service index.
  return team === WHOLE_SERVICE
    ? db.all<Observation>(
        "SELECT measure, period, value, numerator, denominator FROM observations WHERE measure = ? AND team = '' ORDER BY period",
        [key],
      )
    : db.all<Observation>(
        "SELECT measure, period, value, numerator, denominator FROM observations WHERE measure = ? AND team = ? AND worker = '' ORDER BY period",
        [key, team],
      );
}

/** Where a figure comes from: each team's figure for a measure and period, the whole service first. */
export function teamSplit(db: ClinicDatabase, key: string, period: Period): TeamFigure[] {
  return db.all<TeamFigure>(
    `SELECT team, value, numerator, denominator FROM observations WHERE measure = ? AND period = ? AND worker = ''
      ORDER BY team <> '', team COLLATE NOCASE`,
    [key, period],
  );
}

/**
 * The figures of several measures from one month to another, for one team ('' for the whole
 * service; a team's own figure, never its workers'), oldest first per measure: the headlines'
 * sparklines. A range of the primary key (measure, period, team) per measure, so a dozen measures
 * of a large file read a few hundred rows.
 */
export function recentFigures(
  db: ClinicDatabase,
  keys: readonly string[],
  from: Period,
  to: Period,
  team: string = WHOLE_SERVICE,
): Map<string, Observation[]> {
  const byMeasure = new Map<string, Observation[]>(keys.map((k) => [k, []]));
  if (keys.length === 0) return byMeasure;
  const rows = db.all<Observation>(
    `SELECT measure, period, value, numerator, denominator FROM observations
      WHERE measure IN (${keys.map(() => '?').join(', ')}) AND period >= ? AND period <= ? AND team = ? AND worker = ''
      ORDER BY measure, period`,
    [...keys, from, to, team],
  );
  for (const row of rows) byMeasure.get(row.measure)?.push(row);
  return byMeasure;
}

/** A figure as stored, for any team. */
export interface StoredFigure {
  measure: string;
  period: Period;
  team: string;
  /** '' is the whole team. */
  worker: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** Every figure in the file, in key order: what an import is compared against, and what tests compare whole. */
export function allFigures(db: ClinicDatabase): StoredFigure[] {
  return db.all<StoredFigure>(
    'SELECT measure, period, team, worker, value, numerator, denominator FROM observations ORDER BY measure, period, team, worker',
  );
}

function hasColumn(db: ClinicDatabase, table: string, column: string): boolean {
  return db.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`).some((c) => c.name === column);
}

/**
 * Writes a whole dataset (areas, measures, figures) into an empty clinic database. Tests also
 * build files at schemas 1 and 2 with it to check migrations, so it writes the shape of the
 * schema the database is at.
 */
export function insertDataset(db: ClinicDatabase, data: Dataset): void {
  const schema = Number(db.pragma('user_version'));
  const legacy = schema > 0 && schema < 3;
  db.transaction(() => {
    db.runMany(
      'INSERT INTO areas (key, title, sort_order) VALUES (?, ?, ?)',
      data.areas.map((a, i) => [a.key, a.title, i]),
    );
    const columns = `key, title, definition, area, unit, polarity, frequency, tolerance,
         bench_national, bench_regional, bench_statistical_neighbours, sort_order`;
    db.runMany(
      legacy
        ? `INSERT INTO measures (${columns}, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        : `INSERT INTO measures (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      data.measures.map((m, i) => [
        m.key,
        m.title,
        m.definition,
        m.area,
        m.unit,
        m.polarity,
        m.frequency,
        m.tolerance,
        m.benchmarks.national,
        m.benchmarks.regional,
        m.benchmarks.statistical_neighbours,
        i,
        ...(legacy ? [m.target] : []),
      ]),
    );
    db.runMany(
      'INSERT INTO observations (measure, period, value, numerator, denominator) VALUES (?, ?, ?, ?, ?)',
      data.observations.map((o) => [o.measure, o.period, o.value, o.numerator, o.denominator]),
    );
    if (!legacy) {
      const earliest = data.observations.reduce<Period | null>(
        (min, o) => (min === null || o.period < min ? o.period : min),
        null,
      );
      db.runMany(
        'INSERT INTO measure_targets (measure, applies_from, target) VALUES (?, ?, ?)',
        data.measures.filter((m) => m.target !== null).map((m) => [m.key, earliest ?? '2000-01', m.target]),
      );
      db.runMany(
        `UPDATE measures SET bench_national_year = ?, bench_regional_year = ?, bench_statistical_neighbours_year = ?
          WHERE key = ?`,
        data.measures
          .filter((m) => m.benchmark_years)
          .map((m) => [
            m.benchmark_years?.national ?? null,
            m.benchmark_years?.regional ?? null,
            m.benchmark_years?.statistical_neighbours ?? null,
            m.key,
          ]),
      );
    }
    // Columns later schemas added: a file made at an older schema (in the migration tests) has none.
    if (hasColumn(db, 'measures', 'part_of')) {
      db.runMany(
        'UPDATE measures SET part_of = ? WHERE key = ?',
        data.measures.filter((m) => m.part_of).map((m) => [m.part_of ?? null, m.key]),
      );
    }
    // Figures by team and worker need the worker column.
    if (hasColumn(db, 'observations', 'worker')) {
      db.runMany(
        `INSERT INTO observations (measure, period, team, worker, value, numerator, denominator)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        (data.team_figures ?? []).map((o) => [
          o.measure,
          o.period,
          o.team,
          o.worker,
          o.value,
          o.numerator,
          o.denominator,
        ]),
      );
    }
    if (schema >= 8) {
      for (const c of data.caveats ?? []) insertCaveat(db, c);
      for (const d of data.figure_dates ?? []) setFigureDate(db, d.measure, d.period, d.as_at);
    }
  });
}

/* Catalogue editing. The API validates; these only write. */

function fieldParams(f: MeasureFields): Array<string | number | null> {
  return [
    f.title,
    f.definition,
    f.area,
    f.unit,
    f.polarity,
    f.frequency,
    f.tolerance,
    f.benchmarks.national,
    f.benchmarks.regional,
    f.benchmarks.statistical_neighbours,
    f.benchmark_years.national,
    f.benchmark_years.regional,
    f.benchmark_years.statistical_neighbours,
    f.numerator_label,
    f.denominator_label,
    f.data_source,
  ];
}

export function updateMeasureFields(db: ClinicDatabase, key: string, fields: MeasureFields): void {
  if (fields.part_of !== undefined) db.run('UPDATE measures SET part_of = ? WHERE key = ?', [fields.part_of, key]);
  db.run(
    `UPDATE measures SET title = ?, definition = ?, area = ?, unit = ?, polarity = ?, frequency = ?, tolerance = ?,
       bench_national = ?, bench_regional = ?, bench_statistical_neighbours = ?,
       bench_national_year = ?, bench_regional_year = ?, bench_statistical_neighbours_year = ?,
       numerator_label = ?, denominator_label = ?, data_source = ?
     WHERE key = ?`,
    [...fieldParams(fields), key],
  );
}

/** Adds a measure at the end of its service area. */
export function insertMeasure(db: ClinicDatabase, key: string, fields: MeasureFields): void {
  const next = db.get<{ n: number }>('SELECT COALESCE(max(sort_order), -1) + 1 AS n FROM measures')?.n ?? 0;
  db.run(
    `INSERT INTO measures (title, definition, area, unit, polarity, frequency, tolerance,
       bench_national, bench_regional, bench_statistical_neighbours,
       bench_national_year, bench_regional_year, bench_statistical_neighbours_year,
       numerator_label, denominator_label, data_source, key, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [...fieldParams(fields), key, next],
  );
  if (fields.part_of) db.run('UPDATE measures SET part_of = ? WHERE key = ?', [fields.part_of, key]);
}

export function setRetired(db: ClinicDatabase, key: string, retiredAt: string | null): void {
  db.run('UPDATE measures SET retired_at = ? WHERE key = ?', [retiredAt, key]);
}

export function setTargetFrom(db: ClinicDatabase, key: string, change: TargetChange): void {
  db.run('INSERT OR REPLACE INTO measure_targets (measure, applies_from, target) VALUES (?, ?, ?)', [
    key,
    change.applies_from,
    change.target,
  ]);
}

export function deleteTargetFrom(db: ClinicDatabase, key: string, appliesFrom: Period): void {
  db.run('DELETE FROM measure_targets WHERE measure = ? AND applies_from = ?', [key, appliesFrom]);
}

/** The nouns set for what measures count (schema 12), by measure. */
export function storedCountNouns(db: ClinicDatabase): Map<string, CountNoun> {
  return new Map(
    db
      .all<{ measure: string; singular: string; plural: string }>('SELECT measure, singular, plural FROM measure_nouns')
      .map((r) => [r.measure, { singular: r.singular, plural: r.plural }]),
  );
}

export function writeCountNoun(db: ClinicDatabase, measure: string, noun: CountNoun, at: string, who: string): void {
  db.run(
    `INSERT INTO measure_nouns (measure, singular, plural, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (measure) DO UPDATE SET singular = excluded.singular, plural = excluded.plural,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [measure, noun.singular, noun.plural, at, who],
  );
}

export function deleteCountNoun(db: ClinicDatabase, measure: string): void {
  db.run('DELETE FROM measure_nouns WHERE measure = ?', [measure]);
}
