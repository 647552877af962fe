import { describe, expect, it } from 'vitest';
import { buildReport, pickFigures } from '../../main/domain/report';
import { addMonths, isPeriod, periodLabel } from '../../main/domain/period';
import type { Measure, Observation } from '../../main/domain/types';
import { october2023, SAMPLE_PERIOD } from '../../main/sample/october-2023';

const report = buildReport(october2023.measures, october2023.areas, october2023.observations, SAMPLE_PERIOD);
const row = (key: string) => {
  const found = report.measures.find((m) => m.key === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
};

describe('periods', () => {
  it('steps across year ends', () => {
    expect(addMonths('2023-01', -1)).toBe('2022-12');
    expect(addMonths('2023-12', 1)).toBe('2024-01');
    expect(addMonths('2023-10', -12)).toBe('2022-10');
  });
  it('accepts only real months', () => {
    expect(isPeriod('2023-10')).toBe(true);
    expect(isPeriod('2023-13')).toBe(false);
    expect(isPeriod('2023-1')).toBe(false);
    expect(() => addMonths('Oct-23', 1)).toThrow(/YYYY-MM/);
  });
  it('names months as the report does', () => {
    expect(periodLabel('2023-10')).toBe('October 2023');
  });
});

describe('the October 2023 clinic from the sample data', () => {
  it('compares October with September by default', () => {
    expect(report.period).toBe('2023-10');
    expect(report.compare).toBe('2023-09');
  });

  it('decisions within 1 working day: 53% to 55%, improved, off target against 80%', () => {
    const r = row('decisions_1wd');
    expect([r.previous?.value, r.current?.value, r.change?.absolute]).toEqual([53, 55, 2]);
    expect([r.direction, r.status, r.target]).toEqual(['improved', 'off_target', 80]);
  });

  it('re-referrals: 28.4% off target against 20%, lower is better, national average 21.5%', () => {
    const r = row('re_referrals_12m');
    expect([r.current?.value, r.status, r.polarity, r.benchmarks.national]).toEqual([
      28.4,
      'off_target',
      'lower_is_better',
      21.5,
    ]);
    expect(row('re_referrals_12m_ytd').current?.value).toBe(23.7);
  });

  it('contacts fell by 102 to 781; demand has no good direction', () => {
    const r = row('contacts');
    expect([r.previous?.value, r.current?.value, r.change?.absolute, r.direction]).toEqual([
      883,
      781,
      -102,
      'not_applicable',
    ]);
  });

  it('assessments within 45 days carry all three benchmarks', () => {
    expect(row('assessments_45wd').benchmarks).toEqual({ national: 84.5, regional: 82, statistical_neighbours: 78.6 });
    expect(row('assessments_45wd').status).toBe('on_target');
  });

  it('stores no target where the report states none', () => {
    expect(row('icpc_15wd').target).toBeNull();
    expect(row('icpc_15wd').status).toBe('no_target');
  });

  it('children in need visits at 79% are off the 80% target (the report states no near-target band); CPP visits at 84% are off the 95% target', () => {
    expect(row('visits_cin').status).toBe('off_target');
    expect(row('visits_cpp').status).toBe('off_target');
  });

  it('the sample gives no measure a near-target band, as the report states none', () => {
    expect(october2023.measures.filter((m) => m.tolerance !== 0).map((m) => m.key)).toEqual([]);
    expect(report.measures.filter((m) => m.status === 'near_target').map((m) => m.key)).toEqual([]);
  });

  it('care leavers in EET show the latest quarter against the quarter before', () => {
    const r = row('care_leavers_eet');
    expect(r.current).toMatchObject({ period: '2023-09', value: 59.4 });
    expect(r.previous).toMatchObject({ period: '2023-06', value: 61.5 });
    expect([r.direction, r.status]).toEqual(['worsened', 'off_target']);
  });

  it('repeat plans carry their numerator and denominator: 10 of 35 children', () => {
    expect(row('cp_repeat_plan_2y').current).toMatchObject({ value: 28.6, numerator: 10, denominator: 35 });
  });

  it('compares October 2023 with October 2022 for the year-on-year rise in children open', () => {
    const yearOnYear = buildReport(
      october2023.measures,
      october2023.areas,
      october2023.observations,
      '2023-10',
      '2022-10',
    );
    const open = yearOnYear.measures.find((m) => m.key === 'children_open');
    expect(open?.change?.absolute).toBe(257);
  });

  it('every measure has a key, title, definition, area, unit, polarity and frequency', () => {
    const areaKeys = new Set(october2023.areas.map((a) => a.key));
    for (const m of october2023.measures) {
      expect(m.key).toMatch(/^[a-z0-9_]+$/);
      expect(m.title.length).toBeGreaterThan(3);
      expect(m.definition.length).toBeGreaterThan(20);
      expect(areaKeys.has(m.area)).toBe(true);
    }
    expect(new Set(october2023.measures.map((m) => m.key)).size).toBe(october2023.measures.length);
  });
});

describe('picking the figures to compare', () => {
  const quarterly: Measure = { ...october2023.measures[0]!, key: 'q', frequency: 'quarterly' };
  const obs = (period: string, value: number): Observation => ({
    measure: 'q',
    period,
    value,
    numerator: null,
    denominator: null,
  });

  it('a quarterly measure with no figure yet has nothing to show', () => {
    expect(pickFigures(quarterly, [obs('2023-12', 1)], '2023-10', '2023-09')).toMatchObject({
      current: null,
      previous: null,
    });
  });
  it('a quarterly measure with one figure has no previous', () => {
    const picked = pickFigures(quarterly, [obs('2023-06', 1)], '2023-10', '2023-09');
    expect(picked.current?.value).toBe(1);
    expect(picked.previous).toBeNull();
  });
});
