import { addMonths } from './period';
import { changeBetween, directionOfChange, statusAgainstTarget } from './status';
import type { Measure, Observation, Period, PeriodValue, ServiceArea } from './types';
import type { ClinicReport, ReportRow } from './views';

function toPeriodValue(o: Observation): PeriodValue {
  return { period: o.period, value: o.value, numerator: o.numerator, denominator: o.denominator };
}

/** Groups observations by measure, each list sorted oldest first. */
export function historyByMeasure(observations: readonly Observation[]): Map<string, Observation[]> {
  const byMeasure = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = byMeasure.get(o.measure);
    if (list) list.push(o);
    else byMeasure.set(o.measure, [o]);
  }
  for (const list of byMeasure.values()) list.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return byMeasure;
}

/**
 * The figures a clinic row compares. A monthly measure shows the month itself against the
 * compared month. A quarterly or year-to-date measure is published less often, so it shows its
 * latest figure at or before the period against its own previous figure.
 */
export function pickFigures(
  measure: Measure,
  history: readonly Observation[],
  period: Period,
  compare: Period,
): { current: Observation | null; previous: Observation | null } {
  if (measure.frequency === 'monthly') {
    return {
      current: history.find((o) => o.period === period) ?? null,
      previous: history.find((o) => o.period === compare) ?? null,
    };
  }
  let index = -1;
  for (let i = 0; i < history.length; i++) if ((history[i] as Observation).period <= period) index = i;
  return {
    current: index >= 0 ? (history[index] ?? null) : null,
    previous: index >= 1 ? (history[index - 1] ?? null) : null,
  };
}

export function defaultComparePeriod(period: Period): Period {
  return addMonths(period, -1);
}

export function buildReport(
  measures: readonly Measure[],
  areas: readonly ServiceArea[],
  observations: readonly Observation[],
  period: Period,
  compare: Period = defaultComparePeriod(period),
): ClinicReport {
  const history = historyByMeasure(observations);
  const areaTitle = new Map(areas.map((a) => [a.key, a.title]));
  const rows: ReportRow[] = measures.map((m) => {
    const { current, previous } = pickFigures(m, history.get(m.key) ?? [], period, compare);
    const change = changeBetween(current?.value ?? null, previous?.value ?? null, m.unit);
    return {
      key: m.key,
      title: m.title,
      definition: m.definition,
      area: m.area,
      area_title: areaTitle.get(m.area) ?? m.area,
      unit: m.unit,
      polarity: m.polarity,
      frequency: m.frequency,
      current: current ? toPeriodValue(current) : null,
      previous: previous ? toPeriodValue(previous) : null,
      change,
      direction: directionOfChange(change, m.polarity),
      target: m.target,
      tolerance: m.tolerance,
      status: statusAgainstTarget(current?.value ?? null, m.target, m.polarity, m.tolerance),
      benchmarks: { ...m.benchmarks },
    };
  });
  return { period, compare, measures: rows };
}
