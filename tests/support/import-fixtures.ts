/** Helpers for import tests: the sample catalogue, a fixed clock, and analysing bytes without a clinic file. */
import { analyse, type Analysis } from '../../main/import/analyse';
import type { Problem } from '../../main/import/layout';
import type { FigureValue } from '../../main/import/preview';
import type { CatalogueEntry } from '../../main/import/validate';
import { october2023 } from '../../main/sample/october-2023';

export const SAMPLE_CATALOGUE: CatalogueEntry[] = october2023.measures.map((m) => ({
  key: m.key,
  title: m.title,
  unit: m.unit,
  retired: false,
}));

/** "Today" in the import tests: figures up to June 2024 are not in the future. */
export const NOW = new Date('2024-06-15T12:00:00Z');

export function analyseBytes(
  bytes: Uint8Array,
  name: string,
  current: ReadonlyMap<string, FigureValue> = new Map(),
): Promise<Analysis> {
  return analyse(bytes, name, { catalogue: SAMPLE_CATALOGUE, current, now: NOW });
}

/** Problems as "severity row column: message" lines, easy to read in a failing test. */
export function problemLines(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.severity} ${p.sheet}!${p.column ?? ''}${p.row ?? ''}: ${p.message}`);
}

export function errorsOf(analysis: Analysis): Problem[] {
  return analysis.problems.filter((p) => p.severity === 'error');
}

export function warningsOf(analysis: Analysis): Problem[] {
  return analysis.problems.filter((p) => p.severity === 'warning');
}
