/**
 * A process that merges one copy of a clinic file into another, as the app does, saying when it
 * is about to start and when the merge is confirmed. The merge crash test kills it at random moments.
 *   node merger-child.cjs TARGET SOURCE
 */
import { writeSync } from 'node:fs';
import { ClinicApp } from '../../main/api/clinic-app';

async function main(): Promise<void> {
  const [target, source] = process.argv.slice(2) as [string, string];
  const app = new ClinicApp({ lock: true, deviceId: 'merger' });
  await app.openFile(target);
  writeSync(1, 'ready\n');
  const report = await app.sync.merge(source);
  writeSync(1, `merged ${report.applied}\n`);
  // Wait to be killed: the test decides when.
  setInterval(() => undefined, 1000);
}

void main();
