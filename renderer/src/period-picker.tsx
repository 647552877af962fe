/** Which month the clinic looks at, and which earlier month it is compared with. */
import { useId, type ReactNode } from 'react';
import { addMonths, periodLabel } from '../../main/domain/period';
import type { Period } from '../../main/domain/types';

export interface Selection {
  /** null only when the file holds no figures at all. */
  period: Period | null;
  compare: Period | null;
}

/**
 * The month before (the clinic's usual comparison), the same month last year (for measures that
 * move with the seasons), then every other earlier month that has figures, newest first.
 */
export function compareOptions(period: Period, periods: Period[]): { value: Period; label: string }[] {
  const monthBefore = addMonths(period, -1);
  const yearBefore = addMonths(period, -12);
  const named = (p: Period, what: string) => `${periodLabel(p)} (${what}${periods.includes(p) ? '' : ', no figures'})`;
  const options = [
    { value: monthBefore, label: named(monthBefore, 'month before') },
    { value: yearBefore, label: named(yearBefore, 'same month last year') },
  ];
  for (const p of periods) {
    if (p < monthBefore && p !== yearBefore) options.push({ value: p, label: periodLabel(p) });
  }
  return options;
}

export function PeriodPicker({
  periods,
  selection,
  onChange,
  withCompare = true,
}: {
  periods: Period[];
  selection: { period: Period; compare: Period | null };
  onChange: (selection: Selection) => void;
  /** Offer "Compared with": only where the page compares (the exception report judges one month). */
  withCompare?: boolean;
}): ReactNode {
  const periodId = useId();
  const compareId = useId();
  return (
    <div className="period-picker" role="group" aria-label="Clinic period">
      <div className="field field--inverse">
        <label htmlFor={periodId}>Period</label>
        <select
          id={periodId}
          value={selection.period}
          onChange={(e) => onChange({ period: e.target.value, compare: addMonths(e.target.value, -1) })}
        >
          {periods.map((p) => (
            <option key={p} value={p}>
              {periodLabel(p)}
            </option>
          ))}
        </select>
      </div>
      {withCompare && (
        <div className="field field--inverse">
          <label htmlFor={compareId}>Compared with</label>
          <select
            id={compareId}
            value={selection.compare ?? addMonths(selection.period, -1)}
            onChange={(e) => onChange({ period: selection.period, compare: e.target.value })}
          >
            {compareOptions(selection.period, periods).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
