/**
 * A person's app saving into a shared file that someone else has just saved: it confirms a note
 * (kept in its outbox), the other person's app saves a note of their own into the file, then this
 * app saves, merging theirs in. The shared-file crash test kills it at each file-system call of
 * that save in turn (see kill-points.ts):
 *   node shared-saver-child.cjs FILE OUTBOX [--stop-at N]
 * Prints "ready SHA" (the file as the other person left it) just before the merge-and-save, and
 * "merged calls N" once it is done, N being the calls it made.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeSync } from 'node:fs';
import { ClinicApp } from '../../main/api/clinic-app';
import { killPoints, stopAtArgument } from './kill-points';

const points = killPoints(stopAtArgument(process.argv));

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
  points.counting();
  ours.checkpoint();
  writeSync(1, `merged calls ${points.calls()}\n`);
  // Wait to be killed: the test decides when.
  setInterval(() => undefined, 1000);
}

main().catch((error: unknown) => {
  writeSync(2, `${String(error)}\n`);
  process.exit(1);
});
