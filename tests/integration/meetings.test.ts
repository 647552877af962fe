import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import type { ClinicInput } from '../../main/api/meetings';
import { tempDir } from '../support/temp';

const november: ClinicInput = {
  held_on: '2023-11-09',
  kind: 'Director’s performance clinic',
  scope: [],
  chair: 'Service Director',
  attendees: ['Head of Service, Front Door', 'Team Manager, Assessment'],
  apologies: ['Head of QA'],
};
const december: ClinicInput = { ...november, held_on: '2023-12-07' };

/** An app on a fresh sample file, with the clock fixed so that "overdue" is stable. */
async function appOn(file?: string, today = '2023-12-07') {
  const target = file ?? path.join(tempDir(), 'clinic.db');
  const app = new ClinicApp({
    preferencesFile: path.join(path.dirname(target), 'prefs.json'),
    now: () => new Date(`${today}T10:00:00Z`),
  });
  if (file) await app.openFile(target);
  else await app.createFile(target);
  app.setPreferences({ displayName: 'Jane Director' });
  return { app, file: target };
}

describe('clinics', () => {
  it('are created with their people and periods, listed newest first, and the agenda is proposed', async () => {
    const { app } = await appOn();
    const first = app.meetings.createClinic(november);
    const second = app.meetings.createClinic(december);
    expect(first).toMatchObject({
      code: 'DPC',
      period: '2023-10',
      compare: '2023-09',
      status: 'draft',
      chair: 'Service Director',
    });
    expect(app.meetings.listClinics().map((c) => c.id)).toEqual([second.id, first.id]);
    const view = app.meetings.getClinicView(first.id);
    // Furthest off target relative to its target: re-referrals 28.4% against 20% (42% over).
    expect(view.agenda[0]).toMatchObject({
      measure: 're_referrals_12m',
      reason: 'Off target by 8.4 points: 42% above the target of 20%',
    });
    expect(view.clinic.attendees).toEqual(['Head of Service, Front Door', 'Team Manager, Assessment']);
    app.close();
  });

  it('a clinic with a scope shows only its service areas', async () => {
    const { app } = await appOn();
    const hos = app.meetings.createClinic({
      ...november,
      kind: 'Head of Service clinic',
      scope: ['front_door', 'assessment'],
    });
    const areas = new Set(app.meetings.getClinicView(hos.id).report.measures.map((m) => m.area));
    expect([...areas].sort()).toEqual(['assessment', 'front_door']);
    expect(() => app.meetings.createClinic({ ...november, scope: ['nowhere'] })).toThrow(
      /Unknown service area: nowhere/,
    );
    app.close();
  });

  it('a final clinic is read-only until reopened, and reopening needs a reason and is recorded', async () => {
    const { app } = await appOn();
    const c = app.meetings.createClinic(november);
    app.meetings.setFinal(c.id, true, '');
    expect(() => app.meetings.saveNote(c.id, 'contacts', 'x', 0)).toThrow(/is final, so its record is read-only/);
    expect(() => app.meetings.setFinal(c.id, false, '')).toThrow(/needs a reason/);
    app.meetings.setFinal(c.id, false, 'Figures for visits were corrected');
    app.meetings.saveNote(c.id, 'contacts', 'Now editable', 0);
    const audit = app.meetings.auditTrail(null).map((a) => a.action);
    expect(audit).toContain('reopened');
    expect(app.meetings.auditTrail(null).find((a) => a.action === 'reopened')?.after).toMatch(
      /Figures for visits were corrected/,
    );
    app.close();
  });

  it('bad clinic details get clear messages', async () => {
    const { app } = await appOn();
    expect(() => app.meetings.createClinic({ ...november, held_on: '09/11/2023' })).toThrow(/is not a date/);
    expect(() => app.meetings.createClinic({ ...november, kind: '   ' })).toThrow(/what kind of clinic/);
    expect(() => app.meetings.createClinic({ ...november, period: '2031-01' })).toThrow(/no figures for January 2031/);
    app.close();
  });
});

describe('the agenda', () => {
  it('the chair’s order and discussed marks are saved with the clinic', async () => {
    const { app, file } = await appOn();
    const c = app.meetings.createClinic(november);
    app.meetings.saveAgenda(c.id, ['contacts', 'referrals']);
    app.meetings.setDiscussed(c.id, 'referrals', true);
    app.close();
    const { app: again } = await appOn(file);
    const agenda = again.meetings.getClinicView(c.id).agenda;
    expect(agenda.slice(0, 2)).toMatchObject([
      { measure: 'contacts', position: 0, discussed: false },
      { measure: 'referrals', position: 1, discussed: true },
    ]);
    expect(() => again.meetings.saveAgenda(c.id, ['contacts', 'contacts'])).toThrow(/appears twice/);
    expect(() => again.meetings.saveAgenda(c.id, ['nope'])).toThrow(/not in this clinic: nope/);
    again.close();
  });
});

describe('notes', () => {
  it('survive close and reopen, stamped with who wrote them, and show in the measure’s history newest first', async () => {
    const { app, file } = await appOn();
    const nov = app.meetings.createClinic(november);
    const dec = app.meetings.createClinic(december);
    const saved = app.meetings.saveNote(nov.id, 'decisions_1wd', 'Sickness and leave in the team; plan in place.', 0);
    expect(saved).toMatchObject({ version: 1, updated_by: 'Jane Director' });
    app.meetings.saveNote(dec.id, 'decisions_1wd', 'Improving: 55%.', 0);
    app.close();
    const { app: again } = await appOn(file);
    const history = again.meetings.measureNotes('decisions_1wd');
    expect(history.map((n) => [n.held_on, n.text])).toEqual([
      ['2023-12-07', 'Improving: 55%.'],
      ['2023-11-09', 'Sickness and leave in the team; plan in place.'],
    ]);
    again.close();
  });

  it('two windows editing the same note: the second save is refused, nothing is overwritten', async () => {
    const { app } = await appOn();
    const c = app.meetings.createClinic(november);
    app.meetings.saveNote(c.id, 'contacts', 'First window', 0);
    expect(() => app.meetings.saveNote(c.id, 'contacts', 'Second window', 0)).toThrow(
      /changed by Jane Director .* since you started typing/,
    );
    expect(app.meetings.getClinicView(c.id).notes[0]?.text).toBe('First window');
    app.close();
  });

  it('a note over the limit is refused with a message and the saved note is unchanged', async () => {
    const { app } = await appOn();
    const c = app.meetings.createClinic(november);
    app.meetings.saveNote(c.id, 'contacts', 'Short', 0);
    expect(() => app.meetings.saveNote(c.id, 'contacts', 'x'.repeat(20_001), 1)).toThrow(/over the limit/);
    expect(app.meetings.getClinicView(c.id).notes[0]?.text).toBe('Short');
    app.close();
  });

  it('deleting a note is recorded in the audit with what it said', async () => {
    const { app } = await appOn();
    const c = app.meetings.createClinic(november);
    app.meetings.saveNote(c.id, 'contacts', 'To be removed', 0);
    app.meetings.deleteNote(c.id, 'contacts', 1);
    expect(app.meetings.getClinicView(c.id).notes).toEqual([]);
    const entry = app.meetings.auditTrail('contacts').find((a) => a.action === 'deleted');
    expect(entry).toMatchObject({ who: 'Jane Director', entity: 'note' });
    expect(entry?.before).toContain('To be removed');
  });
});

describe('actions', () => {
  it('are raised with a readable unique reference, carried forward, updated, and leave the open list when done', async () => {
    const { app, file } = await appOn();
    const nov = app.meetings.createClinic(november);
    const a1 = app.meetings.raiseAction({
      clinicId: nov.id,
      measure: 'decisions_1wd',
      description: 'Cover plan for front door sickness',
      owner: 'Head of Service, Front Door',
      dueOn: '2023-11-30',
    });
    const a2 = app.meetings.raiseAction({
      clinicId: nov.id,
      measure: null,
      description: 'Fix plan saving in Mosaic',
      owner: 'BI lead',
      dueOn: '2024-01-31',
    });
    expect([a1.ref, a2.ref]).toEqual(['DPC-2023-11-01', 'DPC-2023-11-02']);
    expect(a1).toMatchObject({
      status: 'open',
      created_by: 'Jane Director',
      overdue: true,
      measure_title: 'Decisions within 1 working day',
    });
    app.close();

    const { app: next } = await appOn(file);
    const dec = next.meetings.createClinic(december);
    let view = next.meetings.getClinicView(dec.id);
    expect(view.carriedForward.map((a) => a.ref)).toEqual(['DPC-2023-11-01', 'DPC-2023-11-02']);
    expect(view.actionCounts.decisions_1wd).toEqual({ open: 1, overdue: 1 });
    expect(view.previous?.id).toBe(nov.id);

    next.meetings.updateAction({
      actionId: a1.id,
      clinicId: dec.id,
      text: 'Agency worker started',
      status: 'in_progress',
    });
    const done = next.meetings.updateAction({
      actionId: a1.id,
      clinicId: dec.id,
      text: 'Cover in place',
      status: 'done',
    });
    expect(done.updates.map((u) => [u.status_from, u.status_to, u.text])).toEqual([
      ['open', 'in_progress', 'Agency worker started'],
      ['in_progress', 'done', 'Cover in place'],
    ]);
    expect(done.overdue).toBe(false);
    expect(next.meetings.listActions({ status: ['open', 'in_progress'] }).map((a) => a.ref)).toEqual([
      'DPC-2023-11-02',
    ]);
    view = next.meetings.getClinicView(dec.id);
    expect(view.closedSinceLast.map((a) => a.ref)).toEqual(['DPC-2023-11-01']);
    next.close();
  });

  it('bad input gets a clear message and nothing is written', async () => {
    const { app } = await appOn();
    const c = app.meetings.createClinic(november);
    const base = { clinicId: c.id, measure: 'contacts', description: 'Do it', owner: 'Jane', dueOn: '2023-12-01' };
    expect(() => app.meetings.raiseAction({ ...base, description: '  ' })).toThrow(/Describe the action/);
    expect(() => app.meetings.raiseAction({ ...base, dueOn: 'next Friday' })).toThrow(/is not a date/);
    expect(() => app.meetings.raiseAction({ ...base, owner: '42' })).toThrow(/does not look like a person or a role/);
    expect(() => app.meetings.raiseAction({ ...base, measure: 'no_such' })).toThrow(/There is no measure/);
    expect(app.meetings.listActions()).toEqual([]);
    const a = app.meetings.raiseAction(base);
    app.meetings.updateAction({ actionId: a.id, clinicId: c.id, text: 'No longer needed', status: 'dropped' });
    expect(() => app.meetings.updateAction({ actionId: a.id, clinicId: c.id, text: '', status: 'open' })).toThrow(
      /needs a reason/,
    );
    expect(
      app.meetings.updateAction({ actionId: a.id, clinicId: c.id, text: 'Back on the agenda', status: 'open' }).status,
    ).toBe('open');
    expect(() => app.meetings.deleteAction(a.id, '')).toThrow(/needs a reason/);
    app.meetings.deleteAction(a.id, 'Raised twice by mistake');
    expect(app.meetings.listActions()).toEqual([]);
    expect(app.meetings.auditTrail('contacts').map((e) => e.action)).toEqual([
      'deleted',
      'updated',
      'updated',
      'raised',
    ]);
    app.close();
  });

  it('the action log filters by status, owner, measure, clinic and overdue, sorted by due date', async () => {
    const { app } = await appOn();
    const c = app.meetings.createClinic(november);
    const raise = (measure: string, owner: string, dueOn: string) =>
      app.meetings.raiseAction({ clinicId: c.id, measure, description: `About ${measure}`, owner, dueOn });
    raise('contacts', 'Alex Green', '2024-02-01');
    raise('referrals', 'Sam Brown', '2023-11-20');
    raise('contacts', 'Sam Brown', '2023-12-31');
    expect(app.meetings.listActions().map((a) => a.due_on)).toEqual(['2023-11-20', '2023-12-31', '2024-02-01']);
    expect(app.meetings.listActions({ owner: 'sam' })).toHaveLength(2);
    expect(app.meetings.listActions({ measure: 'contacts' })).toHaveLength(2);
    expect(app.meetings.listActions({ overdue: true }).map((a) => a.measure)).toEqual(['referrals']);
    expect(app.meetings.listActions({ clinicId: c.id })).toHaveLength(3);
    app.close();
  });
});

describe('an action closed at a clinic that is typed up later', () => {
  /** The December clinic typed up at `typedAt`: X (due 29 Nov) is recorded done at it. */
  async function typedUp(typedAt: string) {
    const file = path.join(tempDir(), 'clinic.db');
    const app = new ClinicApp({ preferencesFile: path.join(tempDir(), 'prefs.json'), now: () => new Date(typedAt) });
    await app.createFile(file);
    const nov = app.meetings.createClinic(november);
    const x = app.meetings.raiseAction({
      clinicId: nov.id,
      measure: 'decisions_1wd',
      description: 'Cover plan for front door sickness',
      owner: 'Head of Service, Front Door',
      dueOn: '2023-11-29',
    });
    const dec = app.meetings.createClinic(december);
    app.meetings.updateAction({ actionId: x.id, clinicId: dec.id, text: 'Cover in place', status: 'done' });
    const view = app.meetings.getClinicView(dec.id);
    const minutes = app.minutes(dec.id);
    const judged = {
      closedSinceLast: view.closedSinceLast.map((a) => [a.ref, a.closed_on, a.overdue]),
      carriedForward: view.carriedForward.map((a) => a.ref),
      closed: minutes.summary.actionsClosed,
      overdue: minutes.summary.actionsOverdue,
      overdueRefs: [...minutes.overdueRefs],
    };
    app.close();
    return judged;
  }

  it('is closed at the clinic’s date: the clinic view and minutes are the same whichever day they are typed up', async () => {
    const onTheDay = await typedUp('2023-12-07T16:00:00Z');
    const nextDay = await typedUp('2023-12-08T09:00:00Z');
    const weekLater = await typedUp('2023-12-15T09:00:00Z');
    expect(nextDay).toEqual({
      closedSinceLast: [['DPC-2023-11-01', '2023-12-07', false]],
      carriedForward: [],
      closed: 1,
      overdue: 0,
      overdueRefs: [],
    });
    expect(onTheDay).toEqual(nextDay);
    expect(weekLater).toEqual(nextDay);
  });
});

describe('overdue by the UK date', () => {
  async function appAt(instant: string) {
    const app = new ClinicApp({
      preferencesFile: path.join(tempDir(), 'prefs.json'),
      now: () => new Date(instant),
    });
    await app.createFile(path.join(tempDir(), 'clinic.db'));
    const c = app.meetings.createClinic({ ...november, held_on: '2023-06-08' });
    app.meetings.raiseAction({
      clinicId: c.id,
      measure: 'contacts',
      description: 'Report on contacts',
      owner: 'Performance team',
      dueOn: '2023-06-30',
    });
    return app;
  }

  it('an action due on 30 June is overdue from 00:00 on 1 July in the UK, which is 23:00 UTC in summer', async () => {
    const before = await appAt('2023-06-30T22:59:00Z'); // 23:59 BST, still 30 June
    expect(before.meetings.listActions({ overdue: true })).toHaveLength(0);
    before.close();
    const after = await appAt('2023-06-30T23:30:00Z'); // 00:30 BST on 1 July; UTC still says 30 June
    expect(after.meetings.listActions({ overdue: true }).map((a) => a.due_on)).toEqual(['2023-06-30']);
    after.close();
  });
});

describe('preferences', () => {
  it('the display name is kept for next time and stamped on changes', async () => {
    const { app, file } = await appOn();
    app.setPreferences({ displayName: '  Sam Manager ' });
    app.close();
    const again = new ClinicApp({ preferencesFile: path.join(path.dirname(file), 'prefs.json') });
    expect(again.preferences()).toEqual({ displayName: 'Sam Manager', team: null });
    expect(() => again.setPreferences({ displayName: ' ' })).toThrow(/cannot be empty/);
  });
});

describe('the record of a final clinic', () => {
  it('cannot be changed through its actions either, until it is reopened', async () => {
    const { app } = await appOn();
    const nov = app.meetings.createClinic(november);
    const a = app.meetings.raiseAction({
      clinicId: nov.id,
      measure: 'contacts',
      description: 'Check',
      owner: 'Sam',
      dueOn: '2023-12-01',
    });
    app.meetings.setFinal(nov.id, true, '');
    expect(() =>
      app.meetings.editAction({ actionId: a.id, description: 'Changed', owner: 'Sam', dueOn: '2023-12-01' }),
    ).toThrow(/is final/);
    expect(() => app.meetings.deleteAction(a.id, 'mistake')).toThrow(/is final/);
    expect(() => app.meetings.updateAction({ actionId: a.id, clinicId: nov.id, text: 'x', status: 'done' })).toThrow(
      /is final/,
    );
    // A later clinic can still record progress on it.
    const dec = app.meetings.createClinic(december);
    expect(
      app.meetings.updateAction({ actionId: a.id, clinicId: dec.id, text: 'Checked', status: 'done' }).status,
    ).toBe('done');
    app.close();
  });

  it('a clinic can compare with a month that has no figures: the rows simply have no previous figure', async () => {
    const { app } = await appOn();
    const c = app.meetings.createClinic({ ...november, period: '2023-09' });
    const view = app.meetings.getClinicView(c.id);
    expect(view.clinic.compare).toBe('2023-08');
    expect(view.report.measures.every((m) => m.previous === null || m.frequency !== 'monthly')).toBe(true);
    app.close();
  });
});
