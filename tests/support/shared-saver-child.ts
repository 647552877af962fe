/**
 * A person's app saving into a shared file that someone else has just saved: it confirms a note
 * (kept in its outbox), the other person's app saves a note of their own into the file, then this
 * app saves, merging theirs in. The shared-file crash test kills it at random moments of that save.
 *   node shared-saver-child.cjs FILE OUTBOX
 * Prints "ready SHA" (the file as the other person left it) just before the merge-and-save, and
 * "merged" once it is done.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeSync } from 'node:fs';
import { ClinicApp } from '../../main/api/clinic-app';

async function main(): Promise<void> {
  const [file, outbox] = process.argv.slice(2) as [string, string];
  const ours = new ClinicApp({ deviceId: 'ours', outboxDir: outbox });
  await ours.openFile(file);
  const clinic = ours.meetings.listClinics()[0]!;
  ours.meetings.saveNote(clinic.id, 'contacts', 'Ours, confirmed', 0);
  const theirs = new ClinicApp({ deviceId: 'theirs' });
  await theirs.openFile(file);
  theirs.meetings.saveNote(clinic.id, 'referrals', 'Theirs, saved first', 0);
  theirs.close();
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  writeSync(1, `ready ${sha}\n`);
  ours.checkpoint();
  writeSync(1, 'merged\n');
  // Wait to be killed: the test decides when.
  setInterval(() => undefined, 1000);
}

main().catch((error: unknown) => {
  writeSync(2, `${String(error)}\n`);
  process.exit(1);
});
