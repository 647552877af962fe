/**
 * A 24-month history of "decisions within 1 working day" with a shift, as a performance officer
 * would import it: November 2021 to October 2023, 16 months alternating 60% and 62% (mean 61,
 * every moving range 2, so the limits are 61 ± 2.66 × 2.4: about 54.6 to 67.4 over all 24),
 * then 8 months at 56% and 57%, below the mean. With the target of 80% far above the upper
 * limit it will consistently fail.
 */
import { addMonths } from '../../main/domain/period';

export const SHIFT_MEASURE = 'decisions_1wd';
export const SHIFT_FROM = '2021-11';
export const SHIFT_VALUES = [
  ...Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 60 : 62)),
  56,
  57,
  56,
  57,
  56,
  57,
  56,
  57,
];

export function shiftHistory(): Array<{ period: string; value: number }> {
  return SHIFT_VALUES.map((value, i) => ({ period: addMonths(SHIFT_FROM, i), value }));
}

/** The history as a long-layout CSV, the way the import reads it. */
export function shiftHistoryCsv(): string {
  return ['Measure key,Period,Value', ...shiftHistory().map((p) => `${SHIFT_MEASURE},${p.period},${p.value}`)].join(
    '\r\n',
  );
}
