/** How figures are written on screen: the same rules as the CLI and the minutes (main/domain/format.ts). */
import type { Benchmarks } from '../../main/domain/types';

export { formatChange, formatFraction, formatTarget, formatValue } from '../../main/domain/format';

export const benchmarkNames: Record<keyof Benchmarks, string> = {
  national: 'National',
  regional: 'Regional',
  statistical_neighbours: 'Statistical neighbours',
};

export const benchmarkKeys = Object.keys(benchmarkNames) as (keyof Benchmarks)[];
