import { describe, expect, it } from 'vitest';
import {
  exceptionReasons,
  findTeam,
  overdueActionsOf,
  section,
  teamMeasures,
  unknownTeamMessage,
  type ExceptionReason,
  type JudgedMeasure,
  type MeasureFacts,
} from '../../main/domain/exceptions';
import type { SpcSummary } from '../../main/domain/spc';
import type { Status } from '../../main/domain/types';
import { shiftHistory } from '../support/spc-history';

function spc(over: Partial<SpcSummary>): SpcSummary {
  return {
    mean: 61,
    upper: 67,
    lower: 55,
    variation: 'common_cause',
    assurance: 'hit_and_miss',
    signals: [],
    trial: false,
    variation_reason: 'reason',
    assurance_reason: 'assurance reason',
    ...over,
  };
}

describe('what counts as an exception', () => {
  const cases: Array<[string, Status, Partial<SpcSummary> | null, ExceptionReason[]]> = [
    ['on target, common cause', 'on_target', {}, []],
    ['near target is not yet an exception', 'near_target', {}, []],
    ['no target, no SPC', 'no_target', null, []],
    ['off target, not judged by SPC', 'off_target', null, ['off_target']],
    ['special cause of concern (low)', 'on_target', { variation: 'concern_low' }, ['concern']],
    ['special cause of concern (high)', 'near_target', { variation: 'concern_high' }, ['concern']],
    ['special cause of improvement is not', 'on_target', { variation: 'improvement_high' }, []],
    ['neither good nor bad is not', 'on_target', { variation: 'neutral_low' }, []],
    ['will consistently fail', 'on_target', { assurance: 'fail' }, ['will_fail']],
    ['hit and miss is not', 'off_target', { assurance: 'hit_and_miss' }, ['off_target']],
    [
      'all three, in reading order',
      'off_target',
      { variation: 'concern_low', assurance: 'fail' },
      ['off_target', 'concern', 'will_fail'],
    ],
  ];
  it.each(cases)('%s', (_name, status, summary, expected) => {
    expect(exceptionReasons({ status, spc: summary === null ? null : spc(summary) })).toEqual(expected);
  });
});

const facts: MeasureFacts = {
  key: 'decisions_1wd',
  title: 'Decisions within 1 working day',
  area_title: 'Front door',
  unit: 'percent',
  decimals: 0,
  target: 80,
  tolerance: 5,
  polarity: 'higher_is_better',
  frequency: 'monthly',
};

describe("a team's measures are judged from the team's own figures", () => {
  it('a long history with a shift: off target, concern and will fail', () => {
    const [judged] = teamMeasures([facts], new Map([['decisions_1wd', shiftHistory()]]), '2023-10');
    expect(exceptionReasons(judged!)).toEqual(['off_target', 'concern', 'will_fail']);
    expect(judged).toMatchObject({ value: 57, value_period: '2023-10' });
  });

  it('one month on target: no exception, and not judged by SPC', () => {
    const [judged] = teamMeasures([facts], new Map([['decisions_1wd', [{ period: '2023-10', value: 90 }]]]), '2023-10');
    expect(judged).toMatchObject({ value: 90, status: 'on_target', spc: null });
  });

  it('no figure for the period: not counted in the section', () => {
    const judged = teamMeasures([facts], new Map([['decisions_1wd', [{ period: '2023-09', value: 10 }]]]), '2023-10');
    expect(section('North', judged, [])).toMatchObject({ measures: 0, judged: 0, exceptions: [] });
  });

  it('figures after the period are not read', () => {
    const history = [...shiftHistory(), { period: '2023-11', value: 99 }];
    const [judged] = teamMeasures([facts], new Map([['decisions_1wd', history]]), '2023-10');
    expect(judged!.value).toBe(57);
  });
});

describe('overdue actions by team, judged by the UK date', () => {
  const action = (id: number, team: string, due_on: string, status: 'open' | 'done' = 'open') => ({
    id,
    ref: `DPC-2023-11-0${id}`,
    description: `Action ${id}`,
    owner: 'Sam',
    team,
    due_on,
    status,
    measure_title: null,
  });
  const actions = [
    action(1, 'North', '2023-11-30'),
    action(2, 'north', '2023-11-20'),
    action(3, 'North', '2023-12-01'),
    action(4, 'North', '2023-11-01', 'done'),
    action(5, '', '2023-11-01'),
    action(6, 'South', '2023-11-01'),
  ];
  it.each([
    ['North', [2, 1]],
    ['', [5]],
    ['South', [6]],
    ['West', []],
  ])('team "%s" owns the overdue actions %j, most overdue first', (team, ids) => {
    expect(overdueActionsOf(actions, team as string, '2023-12-01').map((a) => a.id)).toEqual(ids);
  });

  it('counts whole days past the due date; due today is not overdue', () => {
    expect(overdueActionsOf(actions, 'North', '2023-12-01').map((a) => a.days_overdue)).toEqual([11, 1]);
  });
});

describe('choosing a team', () => {
  it('matches regardless of case, and says which teams there are when none matches', () => {
    expect(findTeam(['North', 'South'], ' north ')).toBe('North');
    expect(findTeam(['North', 'South'], 'West')).toBeNull();
    expect(unknownTeamMessage('West', ['North', 'South'])).toBe(
      'There is no team "West" in this clinic file. The teams are: North, South.',
    );
    expect(unknownTeamMessage('West', [])).toMatch(/whole service only/);
  });
});

describe('a section', () => {
  it('lists only the measures with a figure that meet a rule, and counts what SPC judged', () => {
    const m = (key: string, status: Status, s: Partial<SpcSummary> | null): JudgedMeasure => ({
      key,
      title: key,
      area_title: 'Area',
      unit: 'count',
      target: 10,
      value: 1,
      value_period: '2023-10',
      status,
      spc: s === null ? null : spc(s),
    });
    const result = section(
      '',
      [m('a', 'on_target', {}), m('b', 'off_target', null), m('c', 'on_target', { assurance: 'fail' })],
      [],
    );
    expect(result).toMatchObject({ title: 'Whole service', measures: 3, judged: 2 });
    expect(result.exceptions.map((e) => [e.key, e.reasons])).toEqual([
      ['b', ['off_target']],
      ['c', ['will_fail']],
    ]);
  });
});
