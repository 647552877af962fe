/**
 * A person editing a shared clinic file while someone else edits it too: raises actions one
 * after another with random pauses, saving after each as the app does when the person pauses.
 *   node writer-child.cjs FILE NAME SEED COUNT
 * Prints "wrote N" after each confirmed write and "done" when every write is in the file.
 */
import { writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClinicApp } from '../../main/api/clinic-app';

/** A small seeded generator (mulberry32), so a run can be repeated from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const [file, name, seedText, countText] = process.argv.slice(2) as [string, string, string, string];
  const next = random(Number(seedText));
  const app = new ClinicApp({
    lock: true,
    deviceId: name,
    preferencesFile: path.join(tmpdir(), `perfclinic-writer-${process.pid}.json`),
    // Both writers save constantly: a long wait rather than a refusal.
    lockOptions: { waitMs: 30_000 },
  });
  app.setPreferences({ displayName: name });
  await app.openFile(file);
  const clinic = app.meetings.listClinics()[0]!;
  for (let i = 1; i <= Number(countText); i++) {
    app.meetings.raiseAction({
      clinicId: clinic.id,
      measure: null,
      description: `${name} write ${i}`,
      owner: name,
      dueOn: '2023-12-01',
    });
    writeSync(1, `wrote ${i}\n`);
    // The person pauses (sometimes not at all), and the app saves, merging whatever the other saved.
    const ms = Math.floor(next() * 12);
    if (ms > 0) await pause(ms);
    if (next() < 0.7) app.checkpoint();
    else app.refresh();
  }
  app.close();
  writeSync(1, 'done\n');
}

main().catch((error: unknown) => {
  writeSync(2, `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
