/**
 * A process that merges one copy of a clinic file into another, as the app does, saying when it
 * is about to start and when the merge is confirmed. The merge crash test kills it at a chosen
 * file-system call (see kill-points.ts), or once the merge is confirmed.
 *   node merger-child.cjs TARGET SOURCE [--stop-at N]
 * It prints `merged APPLIED calls N`: N is the count of file-system calls the merge and its save made.
 */
import { ClinicApp } from '../../main/api/clinic-app';
import { killPoints, say, stopAtArgument } from './kill-points';

const points = killPoints(stopAtArgument(process.argv));

async function main(): Promise<void> {
  const [target, source] = process.argv.slice(2) as [string, string];
  const app = new ClinicApp({ lock: true, deviceId: 'merger' });
  await app.openFile(target);
  say('ready');
  points.counting();
  const report = await app.sync.merge(source);
  say(`merged ${report.applied} calls ${points.calls()}`);
  // Wait to be killed: the test decides when.
  setInterval(() => undefined, 1000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
