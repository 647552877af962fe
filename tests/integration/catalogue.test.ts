import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { ClinicFile } from '../../main/store/clinic-file';
import { csv } from '../support/spreadsheets';
import { NOW } from '../support/import-fixtures';
import { tempDir } from '../support/temp';

async function sampleApp(): Promise<{ app: ClinicApp; file: string }> {
  const file = path.join(tempDir(), 'clinic.db');
  const app = new ClinicApp({ now: () => NOW });
  await app.createFile(file);
  app.setPreferences({ displayName: 'Pat Officer' });
  return { app, file };
}

function newClinic(app: ClinicApp, held_on: string, period?: string) {
  return app.meetings.createClinic({
    held_on,
    kind: 'Director’s performance clinic',
    scope: [],
    chair: 'Priya Shah',
    attendees: [],
    apologies: [],
    ...(period ? { period } : {}),
  });
}

const shows = (measures: { key: string }[], key: string) => measures.some((m) => m.key === key);

describe('retiring a measure', () => {
  it('a clinic already held keeps it; new clinics, later reports and templates leave it out', async () => {
    const { app } = await sampleApp();
    const held = newClinic(app, '2023-11-09', '2023-10');
    app.meetings.saveNote(held.id, 'contacts', 'Contacts down by a hundred.', 0);

    app.catalogue.retire('contacts', 'Replaced by the new contacts definition');

    // The clinic held with it still shows it, with its figures, agenda place and note.
    const heldView = app.meetings.getClinicView(held.id);
    expect(heldView.report.measures.find((m) => m.key === 'contacts')).toMatchObject({
      title: 'Contacts',
      current: { period: '2023-10', value: 781 },
    });
    expect(heldView.agenda.some((a) => a.measure === 'contacts')).toBe(true);
    expect(app.minutes(held.id).view.report.measures.some((m) => m.key === 'contacts')).toBe(true);

    // A clinic started afterwards leaves it out, even for a month that has its figure.
    const later = newClinic(app, '2023-11-23', '2023-10');
    const laterView = app.meetings.getClinicView(later.id);
    expect(shows(laterView.report.measures, 'contacts')).toBe(false);
    expect(laterView.agenda.some((a) => a.measure === 'contacts')).toBe(false);
    expect(() => app.meetings.saveAgenda(later.id, ['contacts'])).toThrow(/not in this clinic: contacts/);

    // A report of a period with its figure shows it; the report of a later month does not.
    expect(shows(app.report({ period: '2023-10' }).measures, 'contacts')).toBe(true);
    expect(shows(app.report({ period: '2023-09' }).measures, 'contacts')).toBe(true);
    const november = path.join(tempDir(), 'november.csv');
    fs.writeFileSync(november, csv(['measure,period,value', 'referrals,2023-11,201']));
    await app.imports.importFile(november);
    expect(app.report().period).toBe('2023-11');
    expect(shows(app.report().measures, 'contacts')).toBe(false);
    expect(shows(app.report().measures, 'referrals')).toBe(true);

    const template = Buffer.from(await app.imports.templateBytes('csv')).toString('utf8');
    expect(template).not.toMatch(/^contacts,/m);
    expect(template).toMatch(/^referrals,/m);

    // Reinstated, it is back everywhere, the later clinic included.
    app.catalogue.reinstate('contacts');
    expect(shows(app.report().measures, 'contacts')).toBe(true);
    expect(app.meetings.getClinicView(later.id).agenda.some((a) => a.measure === 'contacts')).toBe(true);
    app.close();
  });

  it('a clinic keeps a retired measure that only its actions name', async () => {
    const { app, file } = await sampleApp();
    const held = newClinic(app, '2023-11-09', '2023-10');
    app.meetings.raiseAction({
      clinicId: held.id,
      measure: 'referrals',
      description: 'Check the referral threshold with partners',
      owner: 'Head of Front Door',
      dueOn: '2023-12-01',
    });
    // Dropping it from the saved agenda leaves the action as the clinic's only record of it.
    app.close();
    const raw = await ClinicFile.open(file);
    raw.commit(() => raw.db.run("DELETE FROM agenda_items WHERE clinic_id = ? AND measure = 'referrals'", [held.id]));
    raw.close();
    await app.openFile(file);
    expect(app.meetings.getClinicView(held.id).agenda.some((a) => a.measure === 'referrals')).toBe(true);
    app.catalogue.retire('referrals', 'Counted with contacts from now on');
    expect(shows(app.meetings.getClinicView(held.id).report.measures, 'referrals')).toBe(true);
    app.close();
  });
});

describe('a file open read-only', () => {
  it('refuses every catalogue change in words and is left byte for byte as it was', async () => {
    const { app, file } = await sampleApp();
    app.catalogue.setTarget('decisions_1wd', 70, '2023-10');
    app.close();
    const before = fs.readFileSync(file);

    const reader = new ClinicApp({ now: () => NOW });
    await reader.openFile(file, { readOnly: true });
    const refused = /clinic\.db is open read-only, so its measures cannot be changed\. Save a copy to work on it\./;
    const fields = reader.catalogue.get('contacts');
    expect(() => reader.catalogue.update('contacts', { title: 'Contacts received' })).toThrow(refused);
    expect(() => reader.catalogue.add({ key: 'new_measure', fields: { ...fields, title: 'A new measure' } })).toThrow(
      refused,
    );
    expect(() => reader.catalogue.retire('contacts', 'No longer reported')).toThrow(refused);
    expect(() => reader.catalogue.reinstate('contacts')).toThrow(refused);
    expect(() => reader.catalogue.setTarget('decisions_1wd', 60, '2023-11')).toThrow(refused);
    expect(() => reader.catalogue.removeTarget('decisions_1wd', '2023-10')).toThrow(refused);
    // Reading is still allowed.
    expect(reader.catalogue.get('decisions_1wd').target).toBe(70);
    reader.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
