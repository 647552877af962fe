/**
 * Synthetic clinic files for benchmarks, the same for the same seed: measures across service
 * areas with monthly figures that wander plausibly, and clinics with notes, actions and updates
 * in proportion (a clinic a fortnight).
 */
import { addMonths } from '../domain/period';
import type { Dataset, Measure, Observation } from '../domain/types';

/** mulberry32: a small, fast, seedable generator; good enough for test data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Size {
  name: string;
  measures: number;
  months: number;
  /** Figures per measure and month broken down by team, beside the whole-service figure. */
  teams: number;
}

export const SIZES: Size[] = [
  { name: 'typical', measures: 60, months: 36, teams: 0 },
  // 150 × 120 × 25 = 450,000 team figures (plus 18,000 service-level ones).
  { name: 'large', measures: 150, months: 120, teams: 25 },
  // 400 × 100 × 24 = 960,000 team figures, plus 40,000 service-level: 1,000,000 observations.
  { name: 'stress', measures: 400, months: 100, teams: 24 },
];

const AREAS = [
  'demand',
  'front_door',
  'assessment',
  'child_protection',
  'plans',
  'visits',
  'supervision',
  'children_in_care',
  'care_leavers',
  'quality',
];

export interface SyntheticData extends Dataset {
  teamObservations: Array<Observation & { team: string }>;
  lastPeriod: string;
}

export function syntheticDataset(size: Size, seed = 20231031): SyntheticData {
  const rand = random(seed);
  const first = '2014-01';
  const lastPeriod = addMonths(first, size.months - 1);
  const measures: Measure[] = [];
  const observations: Observation[] = [];
  const teamObservations: Array<Observation & { team: string }> = [];
  for (let i = 0; i < size.measures; i++) {
    const percent = rand() < 0.7;
    const polarity = rand() < 0.8 ? (rand() < 0.75 ? 'higher_is_better' : 'lower_is_better') : 'none';
    const key = `m${String(i).padStart(4, '0')}`;
    measures.push({
      key,
      title: `${percent ? 'Share of' : 'Number of'} synthetic measure ${i + 1}`,
      definition: `A generated measure for benchmarks (seed ${seed}).`,
      area: AREAS[i % AREAS.length]!,
      unit: percent ? 'percent' : 'count',
      polarity,
      frequency: 'monthly',
      target: percent && polarity !== 'none' ? Math.round(60 + rand() * 35) : null,
      tolerance: percent ? 5 : 0,
      benchmarks: {
        national: percent ? Math.round(500 + rand() * 450) / 10 : null,
        regional: null,
        statistical_neighbours: null,
      },
    });
    let level = percent ? 50 + rand() * 40 : 100 + rand() * 1500;
    for (let m = 0; m < size.months; m++) {
      level += (rand() - 0.5) * (percent ? 4 : level * 0.05);
      if (percent) level = Math.min(100, Math.max(0, level));
      const value = percent ? Math.round(level * 10) / 10 : Math.max(0, Math.round(level));
      const period = addMonths(first, m);
      observations.push({ measure: key, period, value, numerator: null, denominator: null });
      for (let t = 0; t < size.teams; t++) {
        const teamValue = percent
          ? Math.min(100, Math.max(0, Math.round((value + (rand() - 0.5) * 20) * 10) / 10))
          : Math.round((value / size.teams) * (0.5 + rand()));
        teamObservations.push({
          measure: key,
          period,
          value: teamValue,
          numerator: null,
          denominator: null,
          team: `Team ${t + 1}`,
        });
      }
    }
  }
  return {
    areas: AREAS.map((key) => ({ key, title: key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) })),
    measures,
    observations,
    teamObservations,
    lastPeriod,
  };
}
