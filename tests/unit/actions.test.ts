import { describe, expect, it } from 'vitest';
import {
  actionReference,
  actionsForClinic,
  checkStatusChange,
  clinicCode,
  closedOn,
  isOverdue,
} from '../../main/domain/actions';
import { arrangeAgenda, isException, mergeAgenda, proposeAgenda } from '../../main/domain/agenda';
import type { SpcSummary } from '../../main/domain/spc';
import type { ReportRow } from '../../main/domain/views';
import { checkDueDate, checkNote, checkOwner, cleanText, isIsoDate, NOTE_MAX_CHARS } from '../../main/domain/validate';
import { buildReport } from '../../main/domain/report';
import type { Action } from '../../main/domain/types';
import { october2023 } from '../../main/sample/october-2023';

/** An action as the log has it, closed on the date of its `closed_at` unless told otherwise. */
function action(overrides: Partial<Action & { closed_on: string | null }>): Action & { closed_on: string | null } {
  return {
    closed_on: overrides.closed_at ? overrides.closed_at.slice(0, 10) : null,
    id: 1,
    ref: 'DPC-2023-11-01',
    clinic_id: 1,
    measure: 'decisions_1wd',
    description: 'Review front door staffing',
    owner: 'Head of Service',
    team: '',
    due_on: '2023-12-01',
    status: 'open',
    created_at: '2023-11-09T10:00:00.000Z',
    created_by: 'Jane',
    updated_at: '2023-11-09T10:00:00.000Z',
    closed_at: null,
    ...overrides,
  };
}

describe('references', () => {
  it('are the clinic code, the month and a two-digit number', () => {
    expect(actionReference('DPC', '2023-11-09', [])).toBe('DPC-2023-11-01');
    expect(actionReference('DPC', '2023-11-09', ['DPC-2023-11-01', 'DPC-2023-11-03', 'HOS-2023-11-07'])).toBe(
      'DPC-2023-11-04',
    );
    expect(actionReference('DPC', '2023-12-07', ['DPC-2023-11-01'])).toBe('DPC-2023-12-01');
  });
  it('clinic codes: the known kinds, and initials for the user’s own', () => {
    expect(clinicCode("Director's performance clinic")).toBe('DPC');
    expect(clinicCode('Director’s performance clinic')).toBe('DPC');
    expect(clinicCode('Head of Service clinic')).toBe('HOS');
    expect(clinicCode('Children in Care performance board')).toBe('CICP');
    expect(clinicCode('!!!')).toBe('CLN');
  });
});

describe('overdue', () => {
  it('is past due and neither done nor dropped; due today is not overdue', () => {
    expect(isOverdue(action({ due_on: '2023-12-01' }), '2023-12-02')).toBe(true);
    expect(isOverdue(action({ due_on: '2023-12-01' }), '2023-12-01')).toBe(false);
    expect(isOverdue(action({ due_on: '2023-12-01', status: 'in_progress' }), '2024-01-01')).toBe(true);
    expect(isOverdue(action({ due_on: '2023-12-01', status: 'done' }), '2024-01-01')).toBe(false);
    expect(isOverdue(action({ due_on: '2023-12-01', status: 'dropped' }), '2024-01-01')).toBe(false);
  });
});

describe('the action lifecycle', () => {
  it('open, in progress and done are free moves', () => {
    expect(checkStatusChange('open', 'in_progress', '')).toBeNull();
    expect(checkStatusChange('in_progress', 'done', '')).toBeNull();
    expect(checkStatusChange('open', 'dropped', '')).toBeNull();
  });
  it('reopening a dropped or done action asks for a reason', () => {
    expect(checkStatusChange('dropped', 'open', '')).toMatch(/Reopening a dropped action needs a reason/);
    expect(checkStatusChange('done', 'in_progress', '  ')).toMatch(/Reopening a done action needs a reason/);
    expect(checkStatusChange('dropped', 'open', 'Staffing gap came back')).toBeNull();
  });
  it('a closed action cannot jump straight to the other closed status', () => {
    expect(checkStatusChange('done', 'dropped', 'x')).toMatch(/already done; reopen it/);
  });
});

describe('carry-forward', () => {
  const dates = new Map([
    [1, '2023-11-09'],
    [2, '2023-12-07'],
    [3, '2024-01-11'],
  ]);
  const actions = [
    action({ id: 1, clinic_id: 1, status: 'open' }),
    action({ id: 2, clinic_id: 1, status: 'done', closed_at: '2023-12-07T11:00:00Z' }),
    action({ id: 3, clinic_id: 1, status: 'done', closed_at: '2023-11-20T11:00:00Z' }),
    action({ id: 4, clinic_id: 2, status: 'in_progress' }),
    action({ id: 5, clinic_id: 3, status: 'open' }),
  ];

  it('the next clinic reviews every open action from earlier clinics, and those closed since the last', () => {
    const view = actionsForClinic({ id: 2, held_on: '2023-12-07' }, '2023-11-09', actions, dates);
    expect(view.raised.map((a) => a.id)).toEqual([4]);
    expect(view.carriedForward.map((a) => a.id)).toEqual([1]);
    expect(view.closedSinceLast.map((a) => a.id).sort()).toEqual([2, 3]);
  });

  it('an action stays carried forward until it is closed', () => {
    const view = actionsForClinic({ id: 3, held_on: '2024-01-11' }, '2023-12-07', actions, dates);
    expect(view.carriedForward.map((a) => a.id)).toEqual([1, 4]);
    expect(view.closedSinceLast.map((a) => a.id)).toEqual([2]);
  });

  it('an action closed at a clinic but typed up days later is closed at that clinic, not carried forward', () => {
    const typedLater = action({
      id: 6,
      clinic_id: 1,
      status: 'done',
      closed_at: '2023-12-12T09:00:00Z',
      closed_on: '2023-12-07',
    });
    const view = actionsForClinic({ id: 2, held_on: '2023-12-07' }, '2023-11-09', [typedLater], dates);
    expect(view.carriedForward).toEqual([]);
    expect(view.closedSinceLast.map((a) => a.id)).toEqual([6]);
  });

  it('actions raised at later clinics are not shown at earlier ones; one closed later was open then', () => {
    const view = actionsForClinic({ id: 1, held_on: '2023-11-09' }, null, actions, dates);
    expect(view.raised.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(view.carriedForward).toEqual([]);
  });
});

describe('the day an action was closed', () => {
  const dates = new Map([
    [1, '2023-11-09'],
    [2, '2023-12-07'],
  ]);
  const update = (clinic_id: number | null, status_from: Action['status'], status_to: Action['status']) => ({
    clinic_id,
    status_from,
    status_to,
  });
  it('is the date of the clinic the closing update was recorded at, whenever it was typed', () => {
    const done = { status: 'done' as const, closed_at: '2023-12-12T09:00:00Z' };
    expect(closedOn(done, [update(2, 'open', 'in_progress'), update(2, 'in_progress', 'done')], dates)).toBe(
      '2023-12-07',
    );
  });
  it('is the UK date it was typed when closed outside a clinic, and nothing while open', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in the UK.
    const done = { status: 'done' as const, closed_at: '2023-06-30T23:30:00Z' };
    expect(closedOn(done, [update(null, 'open', 'done')], dates)).toBe('2023-07-01');
    expect(closedOn({ status: 'open', closed_at: null }, [update(2, 'done', 'open')], dates)).toBeNull();
  });
  it('a reopened and closed-again action was closed when it was last closed', () => {
    const dropped = { status: 'dropped' as const, closed_at: '2023-12-20T09:00:00Z' };
    const history = [update(1, 'open', 'done'), update(null, 'done', 'open'), update(2, 'open', 'dropped')];
    expect(closedOn(dropped, history, dates)).toBe('2023-12-07');
  });
});

describe('the agenda', () => {
  const report = buildReport(october2023.measures, october2023.areas, october2023.observations, '2023-10');
  // The rule's own table is tests/unit/agenda.test.ts; this is the sample as the report gives it.
  it('on the sample: furthest off target (relative to the target) first, and an on-target dip is not news', () => {
    const order = proposeAgenda(
      report.measures,
      new Map([
        ['contacts', { open: 1, overdue: 0 }],
        ['referrals', { open: 1, overdue: 1 }],
      ]),
    );
    // 28.4% against a ceiling of 20% is 42% over; 55% against 80% is 31% short.
    expect(order.slice(0, 2)).toEqual(['re_referrals_12m', 'decisions_1wd']);
    const at = (key: string) => order.indexOf(key);
    // Children in care visits fell from 90% to 86% but are above their 80% target.
    expect(at('visits_cla')).toBeGreaterThan(at('referrals'));
    expect(at('referrals')).toBeLessThan(at('contacts')); // overdue before merely open
    expect(at('contacts')).toBeLessThan(at('children_open'));
    expect(new Set(order).size).toBe(report.measures.length);
  });
  it('a saved order survives measures being added and removed', () => {
    expect(mergeAgenda(['b', 'gone', 'a'], ['a', 'b', 'c'])).toEqual(['b', 'a', 'c']);
  });

  // a: nothing unusual; b: concern only; c: will fail only; d: both; e: improvement and will pass.
  const spc = (variation: SpcSummary['variation'], assurance: SpcSummary['assurance']) =>
    ({ variation, assurance }) as SpcSummary;
  const rows = (
    [
      ['a', spc('common_cause', 'hit_and_miss')],
      ['b', spc('concern_low', 'hit_and_miss')],
      ['c', spc('common_cause', 'fail')],
      ['d', spc('concern_high', 'fail')],
      ['e', spc('improvement_high', 'pass')],
      ['f', null],
    ] as const
  ).map(([key, s]) => ({ key, spc: s }) as unknown as ReportRow);

  it('can bring special cause of concern to the top, then will-fail, keeping the chair’s order within each', () => {
    expect(arrangeAgenda(['f', 'e', 'c', 'b', 'a', 'd'], rows, 'concern')).toEqual(['d', 'b', 'c', 'f', 'e', 'a']);
  });
  it('or will-consistently-fail first, then concern', () => {
    expect(arrangeAgenda(['f', 'e', 'c', 'b', 'a', 'd'], rows, 'failing')).toEqual(['d', 'c', 'b', 'f', 'e', 'a']);
  });
  it('keeps measures it knows nothing about, in place after the exceptions', () => {
    expect(arrangeAgenda(['zz', 'b'], rows, 'concern')).toEqual(['b', 'zz']);
  });
  it('an exception is concern or will-fail; improvement, pass and too little history are not', () => {
    expect(rows.filter(isException).map((r) => r.key)).toEqual(['b', 'c', 'd']);
  });
});

describe('what a tired user might type', () => {
  it('dates must be real calendar dates', () => {
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(checkDueDate('31/12/2023', '2023-11-09')).toMatch(/is not a date/);
    expect(checkDueDate('2023-11-01', '2023-11-09')).toMatch(/before the clinic/);
    expect(checkDueDate('2032-11-01', '2023-11-09')).toMatch(/more than three years/);
    expect(checkDueDate('2023-12-15', '2023-11-09')).toBeNull();
  });
  it('owners are names, roles or email addresses', () => {
    expect(checkOwner('Jane Smith')).toBeNull();
    expect(checkOwner('Head of Service (Front Door)')).toBeNull();
    expect(checkOwner('jane.smith@barnsley.gov.uk')).toBeNull();
    expect(checkOwner('Siân O’Neill')).toBeNull();
    expect(checkOwner('')).toMatch(/Say who owns/);
    expect(checkOwner('12345')).toMatch(/does not look like a person or a role/);
    expect(checkOwner('=HYPERLINK("x")')).toMatch(/does not look like/);
  });
  it('notes have a sensible limit and stray control characters are removed', () => {
    expect(checkNote('x'.repeat(NOTE_MAX_CHARS))).toBeNull();
    expect(checkNote('x'.repeat(NOTE_MAX_CHARS + 1))).toMatch(/over the limit.*Nothing has been lost/);
    expect(cleanText('a\u0000b\r\nc\u0007')).toBe('ab\nc');
  });
});
