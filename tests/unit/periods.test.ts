/**
 * Periods and comparisons (issue 14): year-to-date figures across the start of their year,
 * quarterly figures and the comparison chosen, stale quarters, the same month last year, the
 * decimals of a row, benchmark years and caveats. Each case is hand-worked.
 */
import { describe, expect, it } from 'vitest';
import {
  benchmarkDetails,
  buildReport,
  caveatApplies,
  decimalsOf,
  pickFigures,
  rowDecimals,
} from '../../main/domain/report';
import {
  latestQuarterEnd,
  monthsBetween,
  quarterLabel,
  reportingYearLabel,
  yearStartOf,
} from '../../main/domain/period';
import {
  benchmarkText,
  caveatSummary,
  caveatText,
  figureWhen,
  figureWithFraction,
} from '../../main/domain/figure-text';
import { formatValue } from '../../main/domain/format';
import type { Frequency, Measure, Observation } from '../../main/domain/types';
import { october2023 } from '../../main/sample/october-2023';

const obs = (period: string, value: number, measure = 'm'): Observation => ({
  measure,
  period,
  value,
  numerator: null,
  denominator: null,
});
const of = (frequency: Frequency) => ({ frequency });
const periodsOf = (p: ReturnType<typeof pickFigures>) => [p.current?.period ?? null, p.previous?.period ?? null];

describe('period arithmetic for years and quarters', () => {
  it('finds the start of the financial (April) and academic (September) year', () => {
    expect(yearStartOf('2024-03', 4)).toBe('2023-04');
    expect(yearStartOf('2024-04', 4)).toBe('2024-04');
    expect(yearStartOf('2023-08', 9)).toBe('2022-09');
    expect(yearStartOf('2023-09', 9)).toBe('2023-09');
  });
  it('names quarters and reporting years as DfE and the report do', () => {
    expect(quarterLabel('2023-09')).toBe('Q2 2023-24');
    expect(quarterLabel('2023-06')).toBe('Q1 2023-24');
    expect(quarterLabel('2023-12')).toBe('Q3 2023-24');
    expect(quarterLabel('2024-03')).toBe('Q4 2023-24');
    expect(reportingYearLabel(2022)).toBe('2021-22');
    expect(reportingYearLabel(2000)).toBe('1999-00');
  });
  it('finds the latest quarter that has ended, and counts months', () => {
    expect(latestQuarterEnd('2023-10')).toBe('2023-09');
    expect(latestQuarterEnd('2023-09')).toBe('2023-09');
    expect(latestQuarterEnd('2024-01')).toBe('2023-12');
    expect(monthsBetween('2022-10', '2023-10')).toBe(12);
    expect(monthsBetween('2023-09', '2023-10')).toBe(1);
  });
});

describe('year-to-date figures are never compared across the start of their year', () => {
  it("April's financial year to date is not compared with March's whole year", () => {
    const history = [obs('2024-03', 23.7), obs('2024-04', 30)];
    const picked = pickFigures(of('financial_ytd'), history, '2024-04', '2024-03');
    expect(periodsOf(picked)).toEqual(['2024-04', null]);
    expect(picked.note).toBe('New financial year: no comparison');
  });
  it('compares with the same point last year where that figure exists', () => {
    const history = [obs('2023-04', 25), obs('2024-03', 23.7), obs('2024-04', 30)];
    const picked = pickFigures(of('financial_ytd'), history, '2024-04', '2024-03');
    expect(periodsOf(picked)).toEqual(['2024-04', '2023-04']);
    expect(picked.note).toBe('New financial year: compared with April 2023, the same point last year');
  });
  it('suspensions falling from 40 to 3 in September is a new academic year, not an improvement', () => {
    const measure: Measure = { ...october2023.measures.find((m) => m.key === 'suspensions')!, key: 'm' };
    const report = buildReport([measure], october2023.areas, [obs('2023-08', 40), obs('2023-09', 3)], '2023-09');
    const row = report.measures[0]!;
    expect([row.previous, row.change, row.direction]).toEqual([null, null, 'no_previous']);
    expect(row.comparison_note).toBe('New academic year: no comparison');
  });
  it('within one year, the month before is compared as usual', () => {
    const picked = pickFigures(of('academic_ytd'), [obs('2023-09', 3), obs('2023-10', 5)], '2023-10', '2023-09');
    expect(periodsOf(picked)).toEqual(['2023-10', '2023-09']);
    expect(picked.note).toBeNull();
  });
  it('a comparison with the same point last year, chosen, is kept', () => {
    const picked = pickFigures(of('financial_ytd'), [obs('2023-04', 25), obs('2024-04', 30)], '2024-04', '2023-04');
    expect(periodsOf(picked)).toEqual(['2024-04', '2023-04']);
    expect(picked.note).toBeNull();
  });
  it('a monthly measure is compared across April as usual', () => {
    const picked = pickFigures(of('monthly'), [obs('2024-03', 1), obs('2024-04', 2)], '2024-04', '2024-03');
    expect(periodsOf(picked)).toEqual(['2024-04', '2024-03']);
  });
});

describe('quarterly figures honour the comparison and go stale', () => {
  const eet = [obs('2022-09', 50), obs('2022-12', 52), obs('2023-03', 57), obs('2023-06', 61.5), obs('2023-09', 59.4)];
  it('against the month before: the quarter before', () => {
    expect(periodsOf(pickFigures(of('quarterly'), eet, '2023-10', '2023-09'))).toEqual(['2023-09', '2023-06']);
  });
  it('with --compare 2022-10: Q2 2023-24 against Q2 2022-23', () => {
    expect(periodsOf(pickFigures(of('quarterly'), eet, '2023-10', '2022-10'))).toEqual(['2023-09', '2022-09']);
  });
  it('is current in October (Q2 has ended, Q3 has not)', () => {
    expect(pickFigures(of('quarterly'), eet, '2023-10', '2023-09').latestAvailable).toBeNull();
  });
  it('is stale in January when Q3 should exist: "latest available: Q2 2023-24"', () => {
    expect(pickFigures(of('quarterly'), eet, '2024-01', '2023-12').latestAvailable).toBe('Q2 2023-24');
  });
});

describe('the same month last year, beside the month before', () => {
  const report = buildReport(october2023.measures, october2023.areas, october2023.observations, '2023-10', '2023-09');
  const row = (key: string) => report.measures.find((m) => m.key === key)!;
  it('children open: 1,730 against 1,740 in September and 1,473 in October 2022, an additional 257', () => {
    const r = row('children_open');
    expect([r.current?.value, r.previous?.value, r.last_year?.value, r.last_year?.period]).toEqual([
      1730,
      1740,
      1473,
      '2022-10',
    ]);
    expect(r.last_year_change?.absolute).toBe(257);
  });
  it('a measure with no figure a year before has none', () => {
    expect(row('contacts').last_year).toBeNull();
    expect(row('contacts').last_year_change).toBeNull();
  });
});

describe('direction: no earlier figure is not "no good direction"', () => {
  const report = buildReport(october2023.measures, october2023.areas, october2023.observations, '2023-10');
  const row = (key: string) => report.measures.find((m) => m.key === key)!;
  it('re-referrals (lower is better, no September figure): no_previous', () => {
    expect(row('re_referrals_12m').direction).toBe('no_previous');
  });
  it('information-only contacts (no good direction, no September figure): not_applicable', () => {
    expect(row('info_only_contacts').direction).toBe('not_applicable');
  });
});

describe('precision: a row writes its figures alike', () => {
  it('counts decimals as written', () => {
    expect([decimalsOf(21), decimalsOf(20.1), decimalsOf(28.4), decimalsOf(23.2 - 22.7)]).toEqual([0, 1, 1, 1]);
  });
  it('21.0% beside 20.1%, 78.0% beside 80.3%; whole numbers stay whole', () => {
    expect(rowDecimals([21, 20.1, null])).toBe(1);
    expect(formatValue(21, 'percent', rowDecimals([21, 20.1]))).toBe('21.0%');
    expect(formatValue(78, 'percent', rowDecimals([78, 80.3]))).toBe('78.0%');
    expect(formatValue(55, 'percent', rowDecimals([53, 55]))).toBe('55%');
    expect(rowDecimals([1.234])).toBe(1);
  });
  it('the sample rows: assessments ending in NFA and initial assessment visits', () => {
    const report = buildReport(october2023.measures, october2023.areas, october2023.observations, '2023-10');
    const nfa = report.measures.find((m) => m.key === 'assessments_nfa')!;
    expect(formatValue(nfa.previous!.value, nfa.unit, nfa.decimals)).toBe('21.0%');
    const visits = report.measures.find((m) => m.key === 'ia_visits_5wd')!;
    expect(formatValue(visits.previous!.value, visits.unit, visits.decimals)).toBe('78.0%');
  });
});

describe('benchmarks carry their year', () => {
  it('as DfE writes a reporting year, with where they come from', () => {
    const details = benchmarkDetails({
      benchmarks: { national: 21.5, regional: null, statistical_neighbours: 30 },
      benchmark_years: { national: 2022, regional: null, statistical_neighbours: null },
    });
    expect(details).toEqual({
      national: { value: 21.5, year: '2021-22', source: 'England average' },
      regional: null,
      statistical_neighbours: { value: 30, year: null, source: 'Statistical neighbours’ average' },
    });
    expect(benchmarkText(details.national, 'percent')).toBe('21.5% (2021-22)');
    expect(benchmarkText(details.statistical_neighbours, 'percent')).toBe('30% (year not recorded)');
  });
  it('re-referrals: England 21.5% for 2021-22; the year to date carries no target or benchmark', () => {
    const report = buildReport(october2023.measures, october2023.areas, october2023.observations, '2023-10');
    const monthly = report.measures.find((m) => m.key === 're_referrals_12m')!;
    expect(monthly.benchmark_details.national).toEqual({ value: 21.5, year: '2021-22', source: 'England average' });
    const ytd = report.measures.find((m) => m.key === 're_referrals_12m_ytd')!;
    expect([ytd.target, ytd.benchmarks.national, ytd.status]).toEqual([null, null, 'no_target']);
  });
});

describe('caveats and as-at dates are part of a figure', () => {
  it('a caveat covers its months, inclusive; no end means until further notice', () => {
    expect(caveatApplies({ from: '2023-10', to: null }, '2023-09')).toBe(false);
    expect(caveatApplies({ from: '2023-10', to: null }, '2024-05')).toBe(true);
    expect(caveatApplies({ from: '2023-10', to: '2023-10' }, '2023-10')).toBe(true);
    expect(caveatApplies({ from: '2023-10', to: '2023-10' }, '2023-11')).toBe(false);
    expect(caveatText({ from: '2023-10', to: null, text: 'Plans not saved.' })).toBe(
      'Data caveat (from Oct 2023): Plans not saved.',
    );
  });
  it('a row carries the caveats that cover its figure, not the others', () => {
    const measure = october2023.measures[0]!;
    const caveat = (from: string, to: string | null) => ({ id: from, measure: measure.key, text: 't', from, to });
    const report = buildReport([measure], october2023.areas, [obs('2023-10', 1, measure.key)], '2023-10', '2023-09', {
      caveats: [caveat('2023-09', '2023-09'), caveat('2023-10', null), caveat('2023-01', '2023-12')],
    });
    expect(report.measures[0]!.caveats.map((c) => c.id)).toEqual(['2023-10', '2023-01']);
  });
  it('the sample carries 3.18 on plans, 3.19 on visits, 3.20 on children in care only, and the 385 to 421 sum', () => {
    const on = (key: string) => (october2023.caveats ?? []).filter((c) => c.measure === key).map((c) => c.text);
    for (const key of ['plan_cin', 'plan_cpp', 'plan_cla', 'plan_cl']) expect(on(key).join()).toMatch(/\(3\.18\)/);
    for (const key of ['visits_cin', 'visits_cpp', 'visits_cla', 'visits_cl'])
      expect(on(key).join()).toMatch(/\(3\.19\)/);
    expect(on('supervision_cla').join()).toMatch(/\(3\.20\)/);
    for (const key of ['supervision_cin', 'supervision_cpp', 'supervision_cl']) expect(on(key)).toEqual([]);
    expect(on('children_in_care').join()).toMatch(/increased by 32.*36/);
  });
  it('the sample invents no "statutory timescale" for children in care visits', () => {
    const visits = october2023.measures.find((m) => m.key === 'visits_cla')!;
    expect(visits.definition).not.toMatch(/statutory/i);
  });
  it('school attendance is as at 24 November 2023, shown instead of the month', () => {
    const report = buildReport(
      october2023.measures,
      october2023.areas,
      october2023.observations,
      '2023-10',
      '2023-09',
      {
        figureDates: october2023.figure_dates ?? [],
      },
    );
    const attendance = report.measures.find((m) => m.key === 'attendance')!;
    expect(attendance.current?.as_at).toBe('2023-11-24');
    expect(figureWhen(attendance.current!, attendance.frequency)).toBe('as at 24 Nov 2023');
    expect(figureWhen({ period: '2023-09', as_at: null }, 'quarterly')).toBe('Q2 2023-24');
    expect(figureWhen({ period: '2023-10', as_at: null }, 'monthly')).toBe('Oct 2023');
  });
  it('numerator and denominator are written beside the figure: "28.6% (10 of 35)"', () => {
    expect(figureWithFraction({ period: '2023-10', value: 28.6, numerator: 10, denominator: 35 }, 'percent', 1)).toBe(
      '28.6% (10 of 35)',
    );
    expect(figureWithFraction({ period: '2023-10', value: 6, numerator: null, denominator: null }, 'count')).toBe('6');
  });
});

describe('a caveat in the clinic row is cut to what it is about', () => {
  it('its first clause, whole where it is short', () => {
    expect(caveatSummary('Workers are not saving plans accurately, so the figure is low.')).toBe(
      'Workers are not saving plans accurately…',
    );
    expect(caveatSummary('Plans not saved')).toBe('Plans not saved');
  });
  it('a long clause is cut at a word, at most 70 characters and the ellipsis', () => {
    const text =
      'Supervision data still needs to be refined to reflect longer supervision timescales for some children in care: more.';
    const summary = caveatSummary(text);
    expect(summary).toBe('Supervision data still needs to be refined to reflect longer…');
    expect(summary.length).toBeLessThanOrEqual(71);
  });
});
