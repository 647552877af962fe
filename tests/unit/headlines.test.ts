/**
 * The headlines' rules as tables: which measures the front page shows by default (off target and
 * special cause of concern first, then catalogue order, at most 12), a director's own choice, the
 * change in words and the sparkline's text alternative.
 */
import { describe, expect, it } from 'vitest';
import {
  changeText,
  DEFAULT_HEADLINE_COUNT,
  defaultHeadlines,
  headlineKeys,
  sparklineStart,
  sparklineText,
} from '../../main/domain/headlines';
import type { SpcSummary } from '../../main/domain/spc';
import type { PeriodValue } from '../../main/domain/types';
import type { ReportRow } from '../../main/domain/views';

function row(key: string, over: Partial<ReportRow> = {}): ReportRow {
  return {
    key,
    title: key,
    definition: '',
    area: 'a',
    area_title: 'A',
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'monthly',
    current: { period: '2023-10', value: 50, numerator: null, denominator: null },
    previous: { period: '2023-09', value: 50, numerator: null, denominator: null },
    change: { absolute: 0, percent: null },
    direction: 'unchanged',
    target: null,
    tolerance: 0,
    status: 'no_target',
    benchmarks: { national: null, regional: null, statistical_neighbours: null },
    last_year: null,
    last_year_change: null,
    comparison_note: null,
    latest_available: null,
    decimals: 1,
    benchmark_details: { national: null, regional: null, statistical_neighbours: null },
    caveats: [],
    spc: null,
    ...over,
  };
}

const concern: SpcSummary = {
  mean: 50,
  upper: 60,
  lower: 40,
  variation: 'concern_high',
  assurance: null,
  signals: [],
  trial: false,
  variation_reason: 'The latest figure is above the upper limit',
  assurance_reason: null,
};

describe('the default choice of headlines', () => {
  const cases: Array<{ name: string; rows: ReportRow[]; expected: string[] }> = [
    { name: 'no measures, no headlines', rows: [], expected: [] },
    {
      name: 'nothing needs attention: catalogue order',
      rows: [row('a'), row('b'), row('c')],
      expected: ['a', 'b', 'c'],
    },
    {
      name: 'off target comes first, keeping catalogue order within',
      rows: [row('a'), row('b', { status: 'off_target' }), row('c'), row('d', { status: 'off_target' })],
      expected: ['b', 'd', 'a', 'c'],
    },
    {
      name: 'special cause of concern counts as needing attention, whatever the target',
      rows: [row('a', { status: 'on_target' }), row('b', { spc: concern }), row('c', { status: 'near_target' })],
      expected: ['b', 'a', 'c'],
    },
    {
      name: 'near target is not off target',
      rows: [row('a'), row('b', { status: 'near_target' })],
      expected: ['a', 'b'],
    },
    {
      name: 'at most 12, the ones needing attention kept',
      rows: [...Array.from({ length: 14 }, (_, i) => row(`m${i}`)), row('late', { status: 'off_target' })],
      expected: ['late', ...Array.from({ length: 11 }, (_, i) => `m${i}`)],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(defaultHeadlines(c.rows)).toEqual(c.expected);
    });
  }

  it('shows 12 by default', () => {
    expect(DEFAULT_HEADLINE_COUNT).toBe(12);
  });

  it('a director’s choice keeps its order and drops measures no longer in the report', () => {
    const rows = [row('a'), row('b', { status: 'off_target' }), row('c')];
    expect(headlineKeys(['c', 'gone', 'a'], rows)).toEqual(['c', 'a']);
    expect(headlineKeys([], rows)).toEqual([]);
    expect(headlineKeys(null, rows)).toEqual(['b', 'a', 'c']);
  });
});

describe('the change in words', () => {
  const cases: Array<{ name: string; row: ReportRow; expected: string }> = [
    {
      name: 'a rate that rose, where lower is better',
      row: row('r', {
        polarity: 'lower_is_better',
        current: { period: '2023-10', value: 28.4, numerator: null, denominator: null },
        previous: { period: '2023-09', value: 26.4, numerator: null, denominator: null },
        change: { absolute: 2, percent: null },
        direction: 'worsened',
      }),
      expected: 'Up 2.0 points from 26.4% in Sep 2023: worse',
    },
    {
      name: 'a count that fell, with no good direction',
      row: row('c', {
        unit: 'count',
        polarity: 'none',
        decimals: 0,
        current: { period: '2023-10', value: 780, numerator: null, denominator: null },
        previous: { period: '2023-09', value: 882, numerator: null, denominator: null },
        change: { absolute: -102, percent: -11.565 },
        direction: 'not_applicable',
      }),
      expected: 'Down 102 (11.6%) from 882 in Sep 2023',
    },
    {
      name: 'no change',
      row: row('n'),
      expected: 'No change from 50.0% in Sep 2023',
    },
    {
      name: 'no earlier figure',
      row: row('e', { previous: null, change: null, direction: 'no_previous' }),
      expected: 'No earlier figure to compare with.',
    },
    {
      name: 'a year-to-date figure at the start of its year says why',
      row: row('y', { comparison_note: 'New financial year: no comparison', change: null }),
      expected: 'New financial year: no comparison',
    },
    { name: 'no figure at all', row: row('z', { current: null }), expected: 'No figure this month.' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(changeText(c.row)).toBe(c.expected);
    });
  }
});

describe('the sparkline’s text alternative', () => {
  const months = (values: number[], from = '2022-10'): PeriodValue[] => {
    const [y, m] = from.split('-').map(Number) as [number, number];
    return values.map((value, i) => {
      const n = y * 12 + (m - 1) + i;
      const period = `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
      return { period, value, numerator: null, denominator: null };
    });
  };
  const cases: Array<{ name: string; points: PeriodValue[]; unit: 'percent' | 'count'; expected: string }> = [
    {
      name: 'thirteen months of a rate',
      points: months([20, 15.2, 18, 19, 21, 22, 23, 24, 25, 26, 27, 26.4, 28.4]),
      unit: 'percent',
      expected: '13 months from Oct 2022 to Oct 2023: lowest 15.2%, highest 28.4%, latest 28.4%.',
    },
    {
      name: 'a count in any order',
      points: months([1730, 1600, 1473]).reverse(),
      unit: 'count',
      expected: '3 months from Oct 2022 to Dec 2022: lowest 1,473, highest 1,730, latest 1,473.',
    },
    {
      name: 'missing months are counted as figures',
      points: [...months([10, 12]), ...months([11], '2023-10')],
      unit: 'count',
      expected: '3 figures over 13 months from Oct 2022 to Oct 2023: lowest 10, highest 12, latest 11.',
    },
    {
      name: 'one figure',
      points: months([42], '2023-10'),
      unit: 'percent',
      expected: '1 figure, Oct 2023: 42%.',
    },
    { name: 'none', points: [], unit: 'percent', expected: 'No figures in the last 13 months.' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(sparklineText(c.points, c.unit)).toBe(c.expected);
    });
  }

  it('covers the 13 months ending with the headline’s month', () => {
    expect(sparklineStart('2023-10')).toBe('2022-10');
  });
});
