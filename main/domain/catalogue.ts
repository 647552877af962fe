/**
 * The measure catalogue as the catalogue screen edits it, and the rules a measure's fields must
 * follow. Pure: the API calls `checkMeasureFields` before anything is written.
 */
import type { BenchmarkYears, Benchmarks, Frequency, Measure, Polarity, Unit } from './types';
import type { TargetChange } from './targets';

export const UNITS: readonly Unit[] = ['percent', 'count', 'points', 'rate_10k'];
export const POLARITIES: readonly Polarity[] = ['higher_is_better', 'lower_is_better', 'none'];
export const FREQUENCIES: readonly Frequency[] = ['monthly', 'quarterly', 'academic_ytd', 'financial_ytd'];

export type { BenchmarkYears } from './types';

/** A measure with everything the catalogue holds about it. */
export interface CatalogueMeasure extends Measure {
  numerator_label: string;
  denominator_label: string;
  data_source: string;
  benchmark_years: BenchmarkYears;
  /** When the measure was retired (ISO time), or null while it is in use. */
  retired_at: string | null;
  targets: TargetChange[];
}

/** The fields a person edits. The key never changes once a measure exists; the target has its own history. */
export interface MeasureFields {
  title: string;
  definition: string;
  area: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  tolerance: number;
  benchmarks: Benchmarks;
  benchmark_years: BenchmarkYears;
  numerator_label: string;
  denominator_label: string;
  data_source: string;
  /** The measure this count is part of ("6 of the 19 suspended"); null for none, absent to leave it as it is. */
  part_of?: string | null;
}

export const MEASURE_KEY = /^[a-z0-9_]{1,100}$/;
const BENCH_NAMES: Record<keyof Benchmarks, string> = {
  national: 'national',
  regional: 'regional',
  statistical_neighbours: 'statistical neighbours',
};

function checkLength(label: string, text: string, max: number): string | null {
  return text.length > max ? `Keep the ${label} under ${max.toLocaleString('en-GB')} characters.` : null;
}

/** A figure of this unit that makes sense as a target or benchmark, or why not. */
export function checkFigureForUnit(label: string, value: number, unit: Unit): string | null {
  if (!Number.isFinite(value)) return `The ${label} must be a number.`;
  if (unit === 'percent' && (value < 0 || value > 100)) return `The ${label} is a percentage, so it must be 0 to 100.`;
  if (unit === 'count' && value < 0) return `The ${label} is a count, so it cannot be negative.`;
  if (unit === 'rate_10k' && (value < 0 || value > 10000))
    return `The ${label} is a rate per 10,000 children, so it must be 0 to 10,000.`;
  return null;
}

/** The first problem with a measure's fields, in words, or null. */
export function checkMeasureFields(fields: MeasureFields, areas: ReadonlySet<string>): string | null {
  const title = fields.title.trim();
  if (title === '') return 'A measure needs a title.';
  const tooLong =
    checkLength('title', title, 300) ??
    checkLength('definition', fields.definition, 5000) ??
    checkLength('numerator definition', fields.numerator_label, 1000) ??
    checkLength('denominator definition', fields.denominator_label, 1000) ??
    checkLength('data source', fields.data_source, 1000);
  if (tooLong) return tooLong;
  if (!areas.has(fields.area)) return `There is no service area "${fields.area}".`;
  if (!UNITS.includes(fields.unit)) return `The unit must be one of ${UNITS.join(', ')}.`;
  if (!POLARITIES.includes(fields.polarity)) return `Say whether higher or lower is better, or neither.`;
  if (!FREQUENCIES.includes(fields.frequency)) return `The frequency must be one of ${FREQUENCIES.join(', ')}.`;
  if (!Number.isFinite(fields.tolerance) || fields.tolerance < 0)
    return 'The tolerance for "near target" must be zero or more.';
  if (fields.unit === 'percent' && fields.tolerance > 100)
    return 'The tolerance is in percentage points, so it cannot be over 100.';
  for (const name of Object.keys(BENCH_NAMES) as Array<keyof Benchmarks>) {
    const value = fields.benchmarks[name];
    const year = fields.benchmark_years[name];
    if (value !== null) {
      const problem = checkFigureForUnit(`${BENCH_NAMES[name]} benchmark`, value, fields.unit);
      if (problem) return problem;
    }
    if (year !== null && (!Number.isInteger(year) || year < 1990 || year > 2100))
      return `The year of the ${BENCH_NAMES[name]} benchmark must be a year such as 2023.`;
    if (year !== null && value === null)
      return `The ${BENCH_NAMES[name]} benchmark has a year but no figure; give the figure or clear the year.`;
  }
  return null;
}

/** One team's figure for a measure and period; team '' is the whole service. */
export interface TeamFigure {
  team: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}
