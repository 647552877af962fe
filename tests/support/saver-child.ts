/**
 * A process that changes a clinic file over and over, printing the counter after each change
 * is confirmed. The crash tests kill it at random moments.
 *   node saver-child.cjs FILE save    - each change then a full atomic save
 *   node saver-child.cjs FILE commit  - each change confirmed through the journal only
 */
import { writeSync } from 'node:fs';
import { ClinicFile } from '../../main/store/clinic-file';

async function main(): Promise<void> {
  const [file, mode] = process.argv.slice(2);
  if (!file || (mode !== 'save' && mode !== 'commit')) throw new Error('usage: FILE save|commit');
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
