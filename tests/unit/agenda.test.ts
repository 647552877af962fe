/**
 * The proposed agenda's rule, as a table: how far off target (relative to the target), then
 * special cause of concern, then a worsening beyond common-cause variation, then overdue actions,
 * then open actions, then the rest in catalogue order; each with the reason the window shows.
 */
import { describe, expect, it } from 'vitest';
import { agendaRanking, proposeAgenda, type ActionCounts } from '../../main/domain/agenda';
import type { SpcSummary } from '../../main/domain/spc';
import type { ReportRow } from '../../main/domain/views';

function row(key: string, over: Partial<ReportRow>): ReportRow {
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
    decimals: 0,
    benchmark_details: { national: null, regional: null, statistical_neighbours: null },
    caveats: [],
    spc: null,
    ...over,
  };
}

const figures = (previous: number, current: number) => ({
  previous: { period: '2023-09', value: previous, numerator: null, denominator: null },
  current: { period: '2023-10', value: current, numerator: null, denominator: null },
  change: { absolute: current - previous, percent: null },
});

/** Limits from a mean moving range of 2: month-to-month changes of up to 6.5 are common cause. */
const spc = (variation: SpcSummary['variation']): SpcSummary => ({
  mean: 88,
  upper: 88 + 2.66 * 2,
  lower: 88 - 2.66 * 2,
  variation,
  assurance: null,
  signals: [],
  trial: false,
  variation_reason: 'The last 7 months are all below the average of 88%',
  assurance_reason: null,
});

// In catalogue order; the rule must reorder them.
const rows: ReportRow[] = [
  row('demand', { unit: 'count', polarity: 'none', ...figures(1740, 1730), direction: 'not_applicable' }),
  row('visits_cla', {
    ...figures(90, 86),
    direction: 'worsened',
    target: 80,
    status: 'on_target',
    spc: spc('common_cause'),
  }),
  row('supervision', {
    ...figures(90, 81),
    direction: 'worsened',
    target: 80,
    status: 'on_target',
    spc: spc('common_cause'),
  }),
  row('with_actions', { unit: 'count', polarity: 'none', direction: 'not_applicable' }),
  row('overdue', { unit: 'count', polarity: 'none', direction: 'not_applicable' }),
  row('concern', {
    ...figures(85, 84),
    direction: 'worsened',
    target: 80,
    status: 'on_target',
    spc: spc('concern_low'),
  }),
  row('near', { ...figures(76, 78), direction: 'improved', target: 80, tolerance: 3, status: 'near_target' }),
  row('decisions', { ...figures(53, 55), direction: 'improved', target: 80, status: 'off_target' }),
  row('re_referrals', {
    ...figures(26, 28.4),
    polarity: 'lower_is_better',
    direction: 'worsened',
    target: 20,
    status: 'off_target',
  }),
  row('dip_no_history', { ...figures(95, 85), direction: 'worsened', target: 80, status: 'on_target' }),
];
const actions = new Map<string, ActionCounts>([
  ['with_actions', { open: 1, overdue: 0 }],
  ['overdue', { open: 2, overdue: 2 }],
  ['visits_cla', { open: 1, overdue: 1 }],
]);

describe('the proposed agenda', () => {
  it.each([
    // 8.4 points over a target of 20% is further off (42%) than 25 points short of 80% (31%).
    ['re_referrals', 'Off target by 8.4 points: 42% above the target of 20%'],
    ['decisions', 'Off target by 25 points: 31% below the target of 80%'],
    ['near', 'Near target: 2 points below the target of 80% (3%), within its near-target band of 3 points'],
    ['concern', 'Special cause of concern: The last 7 months are all below the average of 88%'],
    ['supervision', 'Worsened by 9 points, more than month-to-month common-cause variation (up to 6.5 points)'],
    // An on-target dip of 4 points is within common-cause variation; its overdue action ranks it.
    ['visits_cla', '1 overdue action'],
    ['overdue', '2 overdue actions'],
    ['with_actions', '1 open action'],
    // In catalogue order after these: a worsening with too little history to judge is not flagged.
    ['demand', 'Nothing to flag: no target'],
    ['dip_no_history', 'Nothing to flag: on target'],
  ])('%s: %s', (key, reason) => {
    const ranking = agendaRanking(rows, actions);
    const position = ranking.findIndex((r) => r.key === key);
    expect(ranking[position]?.reason).toBe(reason);
  });

  it('orders the measures as the table above', () => {
    expect(proposeAgenda(rows, actions)).toEqual([
      're_referrals',
      'decisions',
      'near',
      'concern',
      'supervision',
      'overdue',
      'visits_cla',
      'with_actions',
      'demand',
      'dip_no_history',
    ]);
  });

  it('a worsening compared with a month other than the one before is not judged against month-to-month variation', () => {
    const lastYear = row('x', {
      previous: { period: '2022-10', value: 95, numerator: null, denominator: null },
      current: { period: '2023-10', value: 81, numerator: null, denominator: null },
      change: { absolute: -14, percent: null },
      direction: 'worsened',
      target: 80,
      status: 'on_target',
      spc: spc('common_cause'),
    });
    expect(agendaRanking([lastYear], new Map())[0]?.reason).toBe('Nothing to flag: on target, and no unusual change');
  });
});
