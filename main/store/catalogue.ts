/** Queries for service areas, the measure catalogue and the figures. All SQL for them lives here. */
import type { ClinicDatabase } from './database';
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
}

const MEASURE_COLUMNS = `m.key, m.title, m.definition, m.area, m.unit, m.polarity, m.frequency, m.target, m.tolerance,
  m.bench_national, m.bench_regional, m.bench_statistical_neighbours`;

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
  };
}

export function listAreas(db: ClinicDatabase): ServiceArea[] {
  return db.all<ServiceArea>('SELECT key, title FROM areas ORDER BY sort_order, key');
}

/** Measures in clinic order: by service area, then the order they were added in. */
export function listMeasures(db: ClinicDatabase): Measure[] {
  return db
    .all<MeasureRow>(
      `SELECT ${MEASURE_COLUMNS} FROM measures m JOIN areas a ON a.key = m.area ORDER BY a.sort_order, m.sort_order, m.key`,
    )
    .map(toMeasure);
}

export function getMeasure(db: ClinicDatabase, key: string): Measure | undefined {
  const row = db.get<MeasureRow>(`SELECT ${MEASURE_COLUMNS} FROM measures m WHERE m.key = ?`, [key]);
  return row ? toMeasure(row) : undefined;
}

/** Every period with at least one figure, newest first. */
export function listPeriods(db: ClinicDatabase): Period[] {
  return db
    .all<{ period: string }>('SELECT DISTINCT period FROM observations ORDER BY period DESC')
    .map((r) => r.period);
}

export function hasPeriod(db: ClinicDatabase, period: Period): boolean {
  return db.get('SELECT 1 AS found FROM observations WHERE period = ? LIMIT 1', [period]) !== undefined;
}

/**
 * The figures a clinic comparison needs: every measure's figure for the two periods, and for
 * measures published less often than monthly, their figures up to the period.
 */
export function observationsForComparison(db: ClinicDatabase, period: Period, compare: Period): Observation[] {
  return db.all<Observation>(
    `SELECT o.measure, o.period, o.value, o.numerator, o.denominator
       FROM observations o
      WHERE o.period IN (?, ?)
     UNION ALL
     SELECT o.measure, o.period, o.value, o.numerator, o.denominator
       FROM measures m JOIN observations o ON o.measure = m.key
      WHERE m.frequency <> 'monthly' AND o.period <= ? AND o.period NOT IN (?, ?)`,
    [period, compare, period, period, compare],
  );
}

export function measureHistory(db: ClinicDatabase, key: string): Observation[] {
  return db.all<Observation>(
    'SELECT measure, period, value, numerator, denominator FROM observations WHERE measure = ? ORDER BY period',
    [key],
  );
}

/** Writes a whole dataset (areas, measures, figures) into an empty clinic database. */
export function insertDataset(db: ClinicDatabase, data: Dataset): void {
  db.transaction(() => {
    db.runMany(
      'INSERT INTO areas (key, title, sort_order) VALUES (?, ?, ?)',
      data.areas.map((a, i) => [a.key, a.title, i]),
    );
    db.runMany(
      `INSERT INTO measures (key, title, definition, area, unit, polarity, frequency, target, tolerance,
         bench_national, bench_regional, bench_statistical_neighbours, sort_order)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      data.measures.map((m, i) => [
        m.key,
        m.title,
        m.definition,
        m.area,
        m.unit,
        m.polarity,
        m.frequency,
        m.target,
        m.tolerance,
        m.benchmarks.national,
        m.benchmarks.regional,
        m.benchmarks.statistical_neighbours,
        i,
      ]),
    );
    db.runMany(
      'INSERT INTO observations (measure, period, value, numerator, denominator) VALUES (?, ?, ?, ?, ?)',
      data.observations.map((o) => [o.measure, o.period, o.value, o.numerator, o.denominator]),
    );
  });
}
