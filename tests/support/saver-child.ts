/**
 * A process that changes a clinic file over and over, printing the counter after each change
 * is confirmed. The crash tests kill it at a chosen file-system call (see kill-points.ts):
 *   node saver-child.cjs FILE save [--stop-at N]    - each change then a full atomic save
 *   node saver-child.cjs FILE commit [--stop-at N]  - each change confirmed through the journal only
 *   node saver-child.cjs FILE note [--stop-at N]    - a clinic note saved through the application API, as the window saves it
 * Each confirmed change prints `confirmed COUNTER calls N`: N is the count of file-system calls so far.
 */
import { killPoints, say, stopAtArgument } from './kill-points';

const points = killPoints(stopAtArgument(process.argv));

async function notes(file: string): Promise<void> {
  // Loaded only here: the application API brings the export libraries, which the store's modes do not need.
  const { ClinicApp } = await import('../../main/api/clinic-app');
  const { newClinic } = await import('./clinics');
  const app = new ClinicApp({ lock: true });
  await app.openFile(file);
  const clinic = app.meetings.listClinics()[0] ?? app.meetings.createClinic(newClinic());
  let version = app.meetings.getClinicView(clinic.id).notes.find((n) => n.measure === 'contacts')?.version ?? 0;
  say(`ready ${version}`);
  points.counting();
  for (;;) {
    const note = app.meetings.saveNote(clinic.id, 'contacts', `note ${version + 1}`, version);
    version = note.version;
    say(`confirmed ${version} calls ${points.calls()}`);
  }
}

async function main(): Promise<void> {
  const [file, mode] = process.argv.slice(2);
  if (file && mode === 'note') return notes(file);
  if (!file || (mode !== 'save' && mode !== 'commit')) throw new Error('usage: FILE save|commit|note [--stop-at N]');
  const { ClinicFile } = await import('../../main/store/clinic-file');
  const clinic = await ClinicFile.open(file);
  let counter = Number(clinic.db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'counter'")?.value ?? 0);
  say(`ready ${counter}`);
  points.counting();
  for (;;) {
    counter++;
    clinic.commit(() =>
      clinic.db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('counter', ?)", [String(counter)]),
    );
    if (mode === 'save') clinic.save();
    say(`confirmed ${counter} calls ${points.calls()}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
