/**
 * The main-side measurements for one clinic file, run in a process of its own so that its peak
 * memory is the app's alone: open, the clinic comparison, a measure's detail, and a confirmed
 * note edit against the naive baseline of saving the whole file for each edit.
 */
import { statSync } from 'node:fs';
import { ClinicApp } from '../api/clinic-app';
import { loadSqlJs } from '../store/database';
import { summarise, timeRuns, type Figure } from './measure';

export interface WorkerResult {
  wasmInit: number;
  open: Figure;
  report: Figure;
  detail: Figure;
  confirmedEdit: Figure;
  naiveEdit: Figure;
  peakRssMb: number;
  fileMb: number;
}

export async function runWorker(file: string, measureKeys: string[]): Promise<WorkerResult> {
  const wasmStart = performance.now();
  await loadSqlJs();
  const wasmInit = performance.now() - wasmStart;

  // Opening read-only: a writer's open also takes the lock and the day's backup, which the first open does once.
  const openSamples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const app = new ClinicApp();
    const start = performance.now();
    await app.openFile(file, { readOnly: true });
    openSamples.push(performance.now() - start);
    app.close();
  }

  const app = new ClinicApp();
  await app.openFile(file);
  const report = await timeRuns(15, () => app.report());
  const detail = await timeRuns(30, (i) => app.measureDetail({ key: measureKeys[Math.abs(i) % measureKeys.length]! }));

  const clinic = app.meetings.listClinics()[0]!;
  let version = app.meetings.getClinicView(clinic.id).notes.find((n) => n.measure === measureKeys[0])?.version ?? 0;
  const confirmedEdit = await timeRuns(30, (i) => {
    version = app.meetings.saveNote(clinic.id, measureKeys[0]!, `Edited ${i}`, version).version;
  });
  // The baseline: make the same edit and write the whole file, as a save-per-edit design would.
  const naiveEdit = await timeRuns(8, (i) => {
    version = app.meetings.saveNote(clinic.id, measureKeys[0]!, `Naive ${i}`, version).version;
    app.checkpoint();
  });
  const fileMb = statSync(file).size / 1_048_576;
  app.close();
  return {
    wasmInit,
    open: summarise(openSamples),
    report,
    detail,
    confirmedEdit,
    naiveEdit,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    fileMb,
  };
}
