/**
 * Clinics, notes and actions put straight into the file through the application API, for tests
 * whose subject is something other than creating them through the window.
 */
import type { ClinicApp } from '../../main/api/clinic-app';
import type { ActionLogEntry, Clinic } from '../../main/domain/types';

export const DPC = 'Director’s performance clinic';

export function startClinic(
  app: ClinicApp,
  fields: Partial<Parameters<ClinicApp['meetings']['createClinic']>[0]> = {},
) {
  return app.meetings.createClinic({
    held_on: '2023-11-09',
    kind: DPC,
    scope: [],
    chair: 'Priya Shah, Director of Children’s Services',
    attendees: ['Sam Okafor, Head of Service, Front Door', 'Jo Lee, Head of Service, Children in Care'],
    apologies: [],
    period: '2023-10',
    compare: '2023-09',
    ...fields,
  });
}

export function raise(
  app: ClinicApp,
  clinic: Clinic,
  measure: string | null,
  description: string,
  owner: string,
  dueOn: string,
): ActionLogEntry {
  return app.meetings.raiseAction({ clinicId: clinic.id, measure, description, owner, dueOn });
}

/**
 * Two monthly clinics, October and November 2023, as a director would have run them: notes,
 * actions raised, updated and closed between them, and the November agenda reordered. Needs
 * the clock set, so the stamps fall between the clinics.
 */
export function twoClinics(app: ClinicApp, setClock: (now: Date) => void) {
  app.setPreferences({ displayName: 'Sam Okafor' });
  setClock(new Date('2023-10-12T09:30:00Z'));
  const october = startClinic(app, {
    held_on: '2023-10-12',
    period: '2023-09',
    compare: '2023-06',
    attendees: ['Sam Okafor, Head of Service, Front Door', 'Jo Lee, Head of Service, Children in Care'],
  });
  setClock(new Date('2023-10-12T10:05:00Z'));
  app.meetings.saveNote(
    october.id,
    'decisions_1wd',
    'Down to 53%. The front door has carried two social worker vacancies since August, and contacts rose 9% over the summer.',
    0,
  );
  const cover = raise(
    app,
    october,
    'decisions_1wd',
    'Cover the two front door vacancies with agency social workers',
    'Sam Okafor, Head of Service, Front Door',
    '2023-10-31',
  );
  const audit = raise(
    app,
    october,
    're_referrals_12m',
    'Audit 20 re-referrals to find why families come back',
    'Quality Assurance Manager',
    '2023-11-03',
  );
  const pack = raise(
    app,
    october,
    null,
    'Send the clinic pack out a week before each clinic',
    'Performance Officer',
    '2023-11-02',
  );
  raise(
    app,
    october,
    'care_leavers_eet',
    'Agree with the Virtual School who follows up care leavers not in education, employment or training',
    'Jo Lee, Head of Service, Children in Care',
    '2023-12-15',
  );
  app.meetings.setFinal(october.id, true, '');

  setClock(new Date('2023-10-20T14:10:00Z'));
  app.meetings.updateAction({
    actionId: cover.id,
    clinicId: null,
    text: 'Two agency social workers found; they start on 6 November.',
    status: 'in_progress',
  });
  setClock(new Date('2023-11-01T16:45:00Z'));
  app.meetings.updateAction({
    actionId: audit.id,
    clinicId: null,
    text: 'Audit done: most re-referrals follow cases closed without a step-down to early help.',
    status: 'done',
  });
  app.meetings.updateAction({ actionId: pack.id, clinicId: null, text: 'Sent on 2 November.', status: 'done' });

  setClock(new Date('2023-11-09T09:30:00Z'));
  const november = startClinic(app, {
    attendees: [
      'Sam Okafor, Head of Service, Front Door',
      'Jo Lee, Head of Service, Children in Care',
      'Amira Haddad, Quality Assurance Manager',
      'Tom Price, Performance Officer',
    ],
    apologies: ['Dr Ruth Evans, Designated Doctor'],
  });
  return { october, november, cover, audit, pack };
}
