import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { ClinicFile } from '../../main/store/clinic-file';
import { canonicalDump } from '../../main/store/sync';
import { newClinic } from '../support/clinics';
import { csv } from '../support/spreadsheets';
import { tempDir } from '../support/temp';

const november = newClinic({ chair: 'Service Director' });

let clock = Date.parse('2023-11-09T10:00:00Z');
/** A clock that moves a second each time it is read, so dates are distinct and repeatable. */
const now = () => new Date((clock += 1000));

/** Two copies of one clinic file (as if one was taken to a meeting), each open in its own app. */
async function twoCopies(name = 'Jane Director', other = 'Priya Shah') {
  const dir = tempDir();
  const a = path.join(dir, 'clinic.db');
  const b = path.join(dir, 'laptop copy.db');
  const first = new ClinicApp({ preferencesFile: path.join(dir, 'a.json'), now, deviceId: 'office-pc' });
  await first.createFile(a);
  first.setPreferences({ displayName: name });
  const clinic = first.meetings.createClinic(november);
  first.close();
  fs.copyFileSync(a, b);
  const appA = new ClinicApp({ preferencesFile: path.join(dir, 'a.json'), now, deviceId: 'office-pc' });
  await appA.openFile(a);
  const appB = new ClinicApp({ preferencesFile: path.join(dir, 'b.json'), now, deviceId: 'laptop' });
  await appB.openFile(b);
  appB.setPreferences({ displayName: other });
  return { dir, a, b, appA, appB, clinicId: clinic.id };
}

const dump = (app: ClinicApp) => canonicalDump((app as unknown as { current(): ClinicFile }).current().db);

describe('changes are data', () => {
  it('every write through the API is recorded with its clock, author and device', async () => {
    const { appA, clinicId } = await twoCopies();
    const before = appA.sync.changes().length;
    appA.meetings.saveNote(clinicId, 'contacts', 'Contacts are up', 0);
    const added = appA.sync.changes().slice(before);
    expect(added.map((c) => `${c.entity}.${c.field}`).sort()).toEqual(['notes.*', 'notes.text']);
    expect(added[0]).toMatchObject({ author: 'Jane Director', entity: 'notes', hlc: added[1]!.hlc });
    expect(added[0]!.id < added[1]!.id).toBe(true);
    const text = added.find((c) => c.field === 'text')!;
    expect(JSON.parse(text.value!)).toEqual({ t: 'Contacts are up', b: [] });
    appA.close();
  });

  it('replaying the journal after a crash records the very same changes', async () => {
    const { a, appA, clinicId } = await twoCopies();
    appA.meetings.saveNote(clinicId, 'contacts', 'First words', 0);
    appA.meetings.raiseAction({
      clinicId,
      measure: 'contacts',
      description: 'Check the figures',
      owner: 'Priya',
      dueOn: '2023-12-01',
    });
    const ids = appA.sync.changes().map((c) => c.id);
    // No close: the journal is what is on disk, as after a crash.
    const reopened = await ClinicFile.open(a, { readOnly: true });
    const replayed = reopened.db.all<{ id: string }>('SELECT id FROM changes ORDER BY id').map((r) => r.id);
    expect(replayed).toEqual(ids);
    reopened.close();
    appA.close();
  });
});

describe('merging two copies', () => {
  it('applies what each lacks, field by field, and converges in either order; a second merge changes nothing', async () => {
    const { a, b, appA, appB, clinicId } = await twoCopies();
    appA.meetings.saveNote(clinicId, 'contacts', 'Office note', 0);
    appB.meetings.saveNote(clinicId, 'referrals', 'Laptop note', 0);
    const clinic = appA.meetings.getClinicView(clinicId).clinic;
    appB.meetings.updateClinic(clinicId, { ...clinic, chair: 'Deputy Director' });
    appA.meetings.updateClinic(clinicId, { ...clinic, attendees: ['Head of QA'] });

    const intoA = await appA.sync.merge(b);
    expect(intoA.applied).toBeGreaterThan(0);
    const intoB = await appB.sync.merge(a);
    expect(intoB.alreadyThere).toBeGreaterThan(0);
    expect(dump(appA)).toEqual(dump(appB));
    const view = appA.meetings.getClinicView(clinicId);
    expect(view.clinic.chair).toBe('Deputy Director');
    expect(view.clinic.attendees).toEqual(['Head of QA']);
    expect(view.notes.map((n) => n.text).sort()).toEqual(['Laptop note', 'Office note']);

    const again = await appA.sync.merge(b);
    expect(again.applied).toBe(0);
    expect(dump(appA)).toEqual(dump(appB));
    appA.close();
    appB.close();
  });

  it('a note changed on both copies keeps both texts, and either can be kept or both combined', async () => {
    const { a, b, appA, appB, clinicId } = await twoCopies();
    const start = appA.meetings.saveNote(clinicId, 'contacts', 'Agreed to look at contacts', 0);
    await appB.sync.merge(a);
    appA.meetings.saveNote(clinicId, 'contacts', 'Office: contacts rose 10%', start.version);
    appB.meetings.saveNote(clinicId, 'contacts', 'Laptop: contacts up, check North', start.version);

    const report = await appA.sync.merge(b);
    await appB.sync.merge(a);
    expect(dump(appA)).toEqual(dump(appB));
    expect(report.notesKeptBothWays).toHaveLength(1);
    const note = appA.sync.note(clinicId, 'contacts')!;
    const texts = [note.text, ...note.also.map((x) => x.text)].sort();
    expect(texts).toEqual(['Laptop: contacts up, check North', 'Office: contacts rose 10%']);
    expect(note.also[0]!.by).toMatch(/Jane Director|Priya Shah/);

    const settled = appA.sync.resolveNote(clinicId, 'contacts', texts.join('\n'), note.version);
    expect(settled.also).toEqual([]);
    await appB.sync.merge(a);
    expect(appB.sync.note(clinicId, 'contacts')).toMatchObject({ text: texts.join('\n'), also: [] });
    appA.close();
    appB.close();
  });

  it('a note deleted on one copy and edited on the other keeps the edit', async () => {
    const { a, b, appA, appB, clinicId } = await twoCopies();
    const start = appA.meetings.saveNote(clinicId, 'contacts', 'Original', 0);
    await appB.sync.merge(a);
    appA.meetings.deleteNote(clinicId, 'contacts', start.version);
    appB.meetings.saveNote(clinicId, 'contacts', 'Edited on the laptop', start.version);
    await appA.sync.merge(b);
    await appB.sync.merge(a);
    expect(appA.sync.note(clinicId, 'contacts')?.text).toBe('Edited on the laptop');
    expect(dump(appA)).toEqual(dump(appB));
    appA.close();
    appB.close();
  });

  it('action updates from both copies are all kept; references never collide and renumbering is reported', async () => {
    const { a, b, appA, appB, clinicId } = await twoCopies();
    const raise = (app: ClinicApp, description: string) =>
      app.meetings.raiseAction({ clinicId, measure: 'contacts', description, owner: 'Sam', dueOn: '2023-12-01' });
    const shared = raise(appA, 'Shared action');
    await appB.sync.merge(a);
    const officeOne = raise(appA, 'Raised in the office');
    const laptopOne = raise(appB, 'Raised on the laptop');
    expect(officeOne.ref).toBe(laptopOne.ref);
    appA.meetings.updateAction({ actionId: shared.id, clinicId, text: 'Office progress', status: 'in_progress' });
    appB.meetings.updateAction({ actionId: shared.id, clinicId, text: 'Laptop progress', status: 'in_progress' });

    const report = await appA.sync.merge(b);
    await appB.sync.merge(a);
    expect(dump(appA)).toEqual(dump(appB));
    expect(report.renumbered).toHaveLength(1);
    expect(report.renumbered[0]!.from).toBe(officeOne.ref);
    const refs = appA.meetings.listActions().map((x) => x.ref);
    expect(new Set(refs).size).toBe(refs.length);
    const updates = appA.meetings.listActions().find((x) => x.description === 'Shared action')!.updates;
    expect(updates.map((u) => u.text).sort()).toEqual(['Laptop progress', 'Office progress']);
    expect(appA.meetings.auditTrail(null).some((e) => e.action === 'renumbered')).toBe(true);
    appA.close();
    appB.close();
  });

  it('the team that owns an action, set on one copy, arrives on the other and is merged field by field', async () => {
    const { a, b, appA, appB, clinicId } = await twoCopies();
    const raised = appA.meetings.raiseAction({
      clinicId,
      measure: 'contacts',
      description: 'Audit the contacts that led to no further action',
      owner: 'Sam',
      team: 'North',
      dueOn: '2023-12-01',
    });
    await appB.sync.merge(a);
    expect(appB.meetings.listActions({ team: 'North' }).map((x) => x.description)).toEqual([raised.description]);
    // The laptop moves it to another team; the office changes only its owner: both arrive.
    appB.meetings.editAction({
      actionId: raised.id,
      description: raised.description,
      owner: 'Sam',
      team: 'South',
      dueOn: '2023-12-01',
    });
    appA.meetings.editAction({
      actionId: raised.id,
      description: raised.description,
      owner: 'Jo Lee',
      dueOn: '2023-12-01',
    });
    await appA.sync.merge(b);
    await appB.sync.merge(a);
    expect(dump(appA)).toEqual(dump(appB));
    for (const app of [appA, appB]) {
      expect(app.meetings.listActions().map((x) => [x.owner, x.team])).toEqual([['Jo Lee', 'South']]);
    }
    appA.close();
    appB.close();
  });

  it('an action recorded before actions had a team arrives with no team', async () => {
    const { a, appA, appB, clinicId } = await twoCopies();
    appA.meetings.raiseAction({
      clinicId,
      measure: null,
      description: 'Older action',
      owner: 'Sam',
      dueOn: '2023-12-01',
    });
    // As a copy made before the team column recorded it: the creating change names no team.
    const db = (appA as unknown as { current(): ClinicFile }).current().db;
    db.run("UPDATE changes SET value = json_remove(value, '$.team') WHERE entity = 'actions' AND field = '*'");
    appA.saveNow();
    await appB.sync.merge(a);
    expect(appB.meetings.listActions().map((x) => [x.description, x.team])).toEqual([['Older action', '']]);
    appA.close();
    appB.close();
  });

  it('imports merge as batches: the same figures are a no-op, different ones follow the later import and are listed', async () => {
    const { a, b, appA, appB } = await twoCopies();
    const same = csv(['Measure,Period,Value,Numerator,Denominator,Team', 'contacts,2023-10,800,,,']);
    await appA.imports.importBytes(same, 'nov.csv');
    await appB.imports.importBytes(same, 'nov.csv');
    const quiet = await appA.sync.merge(b);
    expect(quiet.figuresDiffered).toEqual([]);

    await appA.imports.importBytes(
      csv(['Measure,Period,Value,Numerator,Denominator,Team', 'referrals,2023-10,810,,,']),
      'dec.csv',
    );
    await appB.imports.importBytes(
      csv(['Measure,Period,Value,Numerator,Denominator,Team', 'referrals,2023-10,812,,,']),
      'dec-revised.csv',
    );
    const loud = await appA.sync.merge(b);
    await appB.sync.merge(a);
    expect(loud.figuresDiffered).toMatchObject([{ measure: 'referrals', period: '2023-10', team: '' }]);
    expect(dump(appA)).toEqual(dump(appB));
    expect(appA.measureDetail({ key: 'referrals' }).history.at(-1)).toMatchObject({ period: '2023-10', value: 812 });
    appA.close();
    appB.close();
  });

  it('a dry run writes nothing and says what would happen', async () => {
    const { a, b, appA, appB, clinicId } = await twoCopies();
    appB.meetings.saveNote(clinicId, 'contacts', 'Laptop note', 0);
    appA.checkpoint();
    const before = fs.readFileSync(a);
    const report = await appA.sync.merge(b, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true });
    expect(report.applied).toBeGreaterThan(0);
    expect(appA.sync.note(clinicId, 'contacts')).toBeNull();
    expect(fs.readFileSync(a).equals(before)).toBe(true);
    appA.close();
    appB.close();
  });
});

describe('files that cannot be merged are refused, both left byte-identical', () => {
  async function refused(make: (dir: string, a: string) => Promise<string> | string, message: RegExp) {
    const { dir, a, appA, appB } = await twoCopies();
    appB.close();
    appA.checkpoint();
    const other = await make(dir, a);
    const before = [fs.readFileSync(a), fs.readFileSync(other)];
    await expect(appA.sync.merge(other)).rejects.toThrow(message);
    expect(fs.readFileSync(a).equals(before[0]!)).toBe(true);
    expect(fs.readFileSync(other).equals(before[1]!)).toBe(true);
    appA.close();
  }

  it('a file of another origin', () =>
    refused(async (dir) => {
      const stranger = path.join(dir, 'stranger.db');
      const app = new ClinicApp({ preferencesFile: path.join(dir, 's.json') });
      await app.createFile(stranger);
      app.close();
      return stranger;
    }, /not a copy of this clinic file/));

  it('a truncated file', () =>
    refused((dir, a) => {
      const cut = path.join(dir, 'cut.db');
      fs.writeFileSync(cut, fs.readFileSync(a).subarray(0, 5000));
      return cut;
    }, /cut short/));

  it('a file from a newer version of the app', () =>
    refused(async (dir, a) => {
      const newer = path.join(dir, 'newer.db');
      fs.copyFileSync(a, newer);
      const file = await ClinicFile.open(newer);
      file.db.run('PRAGMA user_version = 999');
      file.save();
      file.close();
      return newer;
    }, /newer version/));
});

describe('the device id', () => {
  it('is made once per install and kept in the user data folder', async () => {
    const { deviceIdIn } = await import('../../main/api/preferences');
    const file = path.join(tempDir(), 'profile', 'device-id');
    const id = deviceIdIn(file);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(deviceIdIn(file)).toBe(id);
  });
});
