/**
 * A process that changes a clinic file over and over, printing the counter after each change
 * is confirmed. The crash tests kill it at random moments.
 *   node saver-child.cjs FILE save    - each change then a full atomic save
 *   node saver-child.cjs FILE commit  - each change confirmed through the journal only
 *   node saver-child.cjs FILE note    - a clinic note saved through the application API, as the window saves it
 */
import { writeSync } from 'node:fs';
import { ClinicApp } from '../../main/api/clinic-app';
import { ClinicFile } from '../../main/store/clinic-file';

async function notes(file: string): Promise<void> {
  const app = new ClinicApp({ lock: true });
  await app.openFile(file);
  const clinic =
    app.meetings.listClinics()[0] ??
    app.meetings.createClinic({
      held_on: '2023-11-09',
      kind: 'Director’s performance clinic',
      scope: [],
      chair: '',
      attendees: [],
      apologies: [],
    });
  let version = app.meetings.getClinicView(clinic.id).notes.find((n) => n.measure === 'contacts')?.version ?? 0;
  writeSync(1, `ready ${version}\n`);
  for (;;) {
    const note = app.meetings.saveNote(clinic.id, 'contacts', `note ${version + 1}`, version);
    version = note.version;
    writeSync(1, `confirmed ${version}\n`);
  }
}

async function main(): Promise<void> {
  const [file, mode] = process.argv.slice(2);
  if (file && mode === 'note') return notes(file);
  if (!file || (mode !== 'save' && mode !== 'commit')) throw new Error('usage: FILE save|commit|note');
  const clinic = await ClinicFile.open(file);
  let counter = Number(clinic.db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'counter'")?.value ?? 0);
  writeSync(1, `ready ${counter}\n`);
  for (;;) {
    counter++;
    clinic.commit(() =>
      clinic.db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('counter', ?)", [String(counter)]),
    );
    if (mode === 'save') clinic.save();
    writeSync(1, `confirmed ${counter}\n`);
  }
}

main().catch((error: unknown) => {
  writeSync(2, `${String(error)}\n`);
  process.exit(1);
});
