/**
 * The main-side measurements for one clinic file, each kind in a process of its own so that its
 * peak memory is the app's alone:
 * - open: the first open in a fresh process, then five more.
 * - first-open: one first open in a fresh process, one of three ways (see runFirstOpen).
 * - core: a working session on the file, opened once for writing as the app does: a clinic's
 *   view, the clinic comparison, a measure's detail, confirmed note edits and, as the app does
 *   when the person pauses, saves of the whole file; where the memory goes, and its peak.
 * - baseline: the naive design the journal replaces, an edit and a save of the whole file each time.
 * - import: 10,000 or 100,000 rows (parse, validate, commit), a process for each size, each run
 *   undone before the next.
 * - minutes: the minutes of a 40-measure clinic as HTML and as PDF.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClinicApp } from '../api/clinic-app';
import { addMonths } from '../domain/period';
import type { ExportHost } from '../exports/exporter';
import { PlaywrightPrinter } from '../exports/playwright-printer';
import { ClinicDatabase, loadSqlJs } from '../store/database';
import { ClinicFile } from '../store/clinic-file';
import { mergeFrom } from '../store/sync';
import { summarise, timeRuns, type Figure } from './measure';

export type WorkerKind = 'open' | 'first-open' | 'core' | 'baseline' | 'import' | 'minutes' | 'merge' | 'shared-save';

/** Where the memory of the main-side process is, in MB, at a moment. */
export interface MemoryAt {
  rss: number;
  /** V8's JavaScript heap. */
  jsHeap: number;
  /**
   * Memory V8 holds outside that heap: ArrayBuffers and Buffers (the clinic file sql.js keeps in
   * memory, and any copy of it an export makes) and the sql.js WebAssembly memory (SQLite's heap).
   */
  outside: number;
  /** The rest of the process: code, and Node and V8 themselves. */
  other: number;
}

export interface OpenResult {
  wasmInit: number;
  /** The first open in a fresh process: the WebAssembly code is still being compiled as it runs. */
  firstOpen: number;
  open: Figure;
  /** Opening the same file six times in a row, each closed before the next. */
  peakRssMb: number;
}

export interface CoreResult {
  /** A clinic's view (its comparison, agenda, notes and actions), the first thing asked after opening. */
  clinicView: number;
  /** A period not asked for before: nothing is remembered, every measure's SPC is worked out. */
  reportFresh: Figure;
  /** The first comparison after a confirmed note: the cache of comparisons is empty, SPC judgements are kept. */
  reportAfterEdit: Figure;
  /** The same comparison asked again with nothing changed: the kept result. */
  reportCached: Figure;
  detail: Figure;
  confirmedEdit: Figure;
  /** The full save the app makes when the person pauses, folding the journal into the file. */
  checkpoint: Figure;
  memory: { afterOpen: MemoryAt; atEnd: MemoryAt };
  peakRssMb: number;
  fileMb: number;
}

export interface ImportRun {
  rows: number;
  /** What the preview costs: parse and validate, writing nothing. */
  preview: Figure;
  /** The import itself: parse, validate, the backup before it, one transaction, the full save. */
  import: Figure;
  undo: Figure;
}

export interface ImportResult {
  runs: ImportRun[];
  peakRssMb: number;
}

export interface MinutesResult {
  measures: number;
  html: Figure;
  /** The first PDF starts Chromium; the figure is the ones after it. */
  firstPdf: number;
  pdf: Figure;
  peakRssMb: number;
}

const MB = 1_048_576;

export function memoryNow(): MemoryAt {
  const m = process.memoryUsage();
  const mb = (n: number) => n / MB;
  // `external` includes `arrayBuffers`.
  return {
    rss: mb(m.rss),
    jsHeap: mb(m.heapTotal),
    outside: mb(m.external),
    other: mb(m.rss - m.heapTotal - m.external),
  };
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

export async function runOpen(file: string): Promise<OpenResult> {
  const wasmStart = performance.now();
  await loadSqlJs();
  const wasmInit = performance.now() - wasmStart;
  // Opening read-only: a writer's open also takes the lock and the day's backup, which the first open does once.
  const openSamples: number[] = [];
  for (let i = 0; i < 6; i++) {
    const app = new ClinicApp();
    const start = performance.now();
    await app.openFile(file, { readOnly: true });
    openSamples.push(performance.now() - start);
    app.close();
  }
  return {
    wasmInit,
    firstOpen: openSamples[0]!,
    open: summarise(openSamples.slice(1)),
    peakRssMb: peakRssMb(),
  };
}

/**
 * The first open in a fresh process, the one a person waits for when the app starts: sql.js
 * started, the file read and opened for writing as the window opens it, measured from before
 * sql.js is loaded.
 * - floor: only reading the bytes, starting sql.js and loading the bytes into it.
 * - checked: every page checked before the first screen (the command line's open; the window's before issue 17).
 * - deferred: the window's open (checkLater), then what follows it: the first comparison, and
 *   the check of every page after the first screen.
 */
export type FirstOpenWay = 'floor' | 'checked' | 'deferred';

export interface FirstOpenRun {
  way: FirstOpenWay;
  open: number;
  /** The first comparison after it: the first screen's figures. */
  firstReport?: number;
  /** The check left until after the first screen (deferred only): every page, the hash. */
  check?: number;
}

export async function runFirstOpen(file: string, way: FirstOpenWay): Promise<FirstOpenRun> {
  const start = performance.now();
  if (way === 'floor') {
    const bytes = readFileSync(file);
    const db = await ClinicDatabase.fromBytes(bytes, { handOver: true });
    const open = performance.now() - start;
    db.close();
    return { way, open };
  }
  const app = new ClinicApp({ checkLater: way === 'deferred', checkAfterMs: 600_000 });
  await app.openFile(file);
  const open = performance.now() - start;
  let t = performance.now();
  app.report();
  const firstReport = performance.now() - t;
  t = performance.now();
  if (app.checkOpenFile() !== null) throw new Error('the bench file failed its check');
  const check = performance.now() - t;
  app.close();
  return way === 'deferred' ? { way, open, firstReport, check } : { way, open, firstReport };
}

export async function runCore(file: string, measureKeys: string[]): Promise<CoreResult> {
  const app = new ClinicApp();
  await app.openFile(file);
  const afterOpen = memoryNow();
  const clinic = app.meetings.listClinics()[0]!;
  const start = performance.now();
  const view = app.meetings.getClinicView(clinic.id);
  const clinicView = performance.now() - start;
  let version = view.notes.find((n) => n.measure === measureKeys[0])?.version ?? 0;
  const edit = (text: string) => {
    version = app.meetings.saveNote(clinic.id, measureKeys[0]!, text, version).version;
  };

  // Ten periods not asked for before (the latest was, for the clinic's view).
  const freshSamples: number[] = [];
  for (const period of app.periods().periods.slice(1, 11)) {
    const start = performance.now();
    app.report({ period });
    freshSamples.push(performance.now() - start);
  }
  // Each comparison follows a confirmed edit, which changes the file and so empties the cache.
  const afterEditSamples: number[] = [];
  for (let i = 0; i < 10; i++) {
    edit(`Before comparison ${i}`);
    const start = performance.now();
    app.report();
    afterEditSamples.push(performance.now() - start);
  }
  const reportCached = await timeRuns(15, () => app.report());
  const detail = await timeRuns(30, (i) => app.measureDetail({ key: measureKeys[Math.abs(i) % measureKeys.length]! }));
  // Edits in three runs of ten, each followed by the save the app makes when the person pauses.
  const editSamples: number[] = [];
  const checkpointSamples: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      edit(`Edited ${round}.${i}`);
      editSamples.push(performance.now() - start);
    }
    const start = performance.now();
    app.checkpoint();
    checkpointSamples.push(performance.now() - start);
  }
  const atEnd = memoryNow();
  const fileMb = statSync(file).size / MB;
  app.close();
  return {
    clinicView,
    reportFresh: summarise(freshSamples),
    reportAfterEdit: summarise(afterEditSamples),
    reportCached,
    detail,
    confirmedEdit: summarise(editSamples),
    checkpoint: summarise(checkpointSamples),
    memory: { afterOpen, atEnd },
    peakRssMb: peakRssMb(),
    fileMb,
  };
}

export interface BaselineResult {
  naiveEdit: Figure;
  peakRssMb: number;
}

/** The baseline: a note edit and a save of the whole file each time, as a save-per-edit design would. */
export async function runBaseline(file: string, measureKeys: string[]): Promise<BaselineResult> {
  const app = new ClinicApp();
  await app.openFile(file);
  const clinic = app.meetings.listClinics()[0]!;
  let version = app.meetings.getClinicView(clinic.id).notes.find((n) => n.measure === measureKeys[0])?.version ?? 0;
  const naiveEdit = await timeRuns(8, (i) => {
    version = app.meetings.saveNote(clinic.id, measureKeys[0]!, `Naive ${i}`, version).version;
    app.checkpoint();
  });
  app.close();
  return { naiveEdit, peakRssMb: peakRssMb() };
}

/**
 * `rows` figures as a CSV, for whole months before the file's first one (history being filled
 * in, so never a month in the future): every measure, the whole service and each team.
 */
function importCsv(keys: readonly string[], teams: readonly string[], first: string, rows: number): Uint8Array {
  const lines = ['measure,period,value,team'];
  for (let m = 1; lines.length <= rows; m++) {
    const period = addMonths(first, -m);
    for (const key of keys)
      for (const team of ['', ...teams]) {
        if (lines.length > rows) break;
        lines.push(`${key},${period},${(m * 7 + team.length) % 90},${team}`);
      }
  }
  return Buffer.from(lines.join('\n'));
}

/** `plan`: how many runs of each size, e.g. [[10_000, 3], [100_000, 2]]. */
export async function runImports(
  source: string,
  plan: ReadonlyArray<[rows: number, runs: number]>,
): Promise<ImportResult> {
  await loadSqlJs();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perfclinic-bench-import-'));
  try {
    const file = path.join(dir, 'clinic.db');
    copyFileSync(source, file);
    const app = new ClinicApp();
    await app.openFile(file);
    const keys = app.report().measures.map((m) => m.key);
    const teams = app.catalogue
      .teamSplit(keys[0]!, app.periods().latest!)
      .map((t) => t.team)
      .filter((t) => t !== '');
    const first = app.periods().periods.at(-1)!;
    const results: ImportRun[] = [];
    for (const [rows, runs] of plan) {
      const bytes = importCsv(keys, teams, first, rows);
      const preview: number[] = [];
      const imported: number[] = [];
      const undo: number[] = [];
      for (let i = 0; i < runs; i++) {
        let start = performance.now();
        const checked = await app.imports.previewBytes(bytes, 'figures.csv');
        preview.push(performance.now() - start);
        if (checked.errorCount > 0 || checked.totals.added !== rows)
          throw new Error(`the benchmark's import is not clean: ${checked.summary}`);
        start = performance.now();
        await app.imports.importBytes(bytes, 'figures.csv');
        imported.push(performance.now() - start);
        start = performance.now();
        app.imports.undoLast();
        undo.push(performance.now() - start);
      }
      results.push({ rows, preview: summarise(preview), import: summarise(imported), undo: summarise(undo) });
    }
    app.close();
    return { runs: results, peakRssMb: peakRssMb() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runMinutes(source: string, measures: number, runs: number): Promise<MinutesResult> {
  await loadSqlJs();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perfclinic-bench-minutes-'));
  const printer = new PlaywrightPrinter();
  try {
    const file = path.join(dir, 'clinic.db');
    copyFileSync(source, file);
    const app = new ClinicApp();
    await app.openFile(file);
    // A clinic where 40 measures were discussed, each with a note, and an action on every fourth.
    const latest = app.periods().latest!;
    const heldOn = new Date().toISOString().slice(0, 10);
    const clinic = app.meetings.createClinic({
      held_on: heldOn,
      kind: 'Director’s performance clinic',
      scope: [],
      chair: 'Chair',
      attendees: ['A', 'B'],
      apologies: [],
      period: latest,
      compare: addMonths(latest, -1),
    });
    const keys = app.report().measures.slice(0, measures);
    keys.forEach((m, i) => {
      app.meetings.setDiscussed(clinic.id, m.key, true);
      app.meetings.saveNote(clinic.id, m.key, `Discussed ${m.title}: the figure was explained and challenged.`, 0);
      if (i % 4 === 0)
        app.meetings.raiseAction({
          clinicId: clinic.id,
          measure: m.key,
          description: `Look into ${m.title}`,
          owner: 'Owner',
          dueOn: new Date(Date.parse(heldOn) + 28 * 86_400_000).toISOString().slice(0, 10),
        });
    });
    let n = 0;
    const host: ExportHost = {
      printer,
      chooseSavePath: (suggested) => Promise.resolve(path.join(dir, `${n++}-${suggested}`)),
      confirmReplace: () => Promise.resolve(true),
    };
    const html = await timeRuns(runs, () => app.exportMinutes({ clinicId: clinic.id, format: 'html' }, host));
    let start = performance.now();
    await app.exportMinutes({ clinicId: clinic.id, format: 'pdf' }, host);
    const firstPdf = performance.now() - start;
    const pdf: number[] = [];
    for (let i = 0; i < runs; i++) {
      start = performance.now();
      await app.exportMinutes({ clinicId: clinic.id, format: 'pdf' }, host);
      pdf.push(performance.now() - start);
    }
    app.close();
    return { measures: keys.length, html, firstPdf, pdf: summarise(pdf), peakRssMb: peakRssMb() };
  } finally {
    await printer.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface MergeResult {
  /** Changes the other copy holds that the file lacks. */
  changes: number;
  /** Reading the other copy (its file and any journal) into memory. */
  readOther: Figure;
  /** Applying its changes to the file, as one confirmed (journalled) change. */
  merge: Figure;
  /** The full save after the merge. */
  save: Figure;
  peakRssMb: number;
}

/**
 * Merging a copy with `wanted` changes the file lacks (notes written and edited, actions raised
 * and updated on a laptop copy) into the file, each run into a fresh copy of the file.
 */
export async function runMerge(source: string, wanted: number, runs: number): Promise<MergeResult> {
  await loadSqlJs();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perfclinic-bench-merge-'));
  try {
    const laptop = path.join(dir, 'laptop.db');
    copyFileSync(source, laptop);
    const app = new ClinicApp({ deviceId: 'laptop' });
    await app.openFile(laptop);
    const clinic = app.meetings.listClinics()[0]!;
    const keys = app.report().measures.map((m) => m.key);
    const count = () => app.sync.changes().length;
    const start = count();
    for (let i = 0; count() - start < wanted; i++) {
      const key = keys[i % keys.length]!;
      const note = app.sync.note(clinic.id, key);
      app.meetings.saveNote(clinic.id, key, `Laptop note ${i} on ${key}`, note?.version ?? 0);
      if (i % 5 === 0) {
        const action = app.meetings.raiseAction({
          clinicId: clinic.id,
          measure: key,
          description: `Laptop action ${i}`,
          owner: 'Owner',
          dueOn: new Date(Date.parse(clinic.held_on) + 28 * 86_400_000).toISOString().slice(0, 10),
        });
        app.meetings.updateAction({ actionId: action.id, clinicId: clinic.id, text: 'Started', status: 'in_progress' });
      }
    }
    const changes = count() - start;
    app.close();
    const readOther: number[] = [];
    const merge: number[] = [];
    const save: number[] = [];
    for (let i = 0; i < runs; i++) {
      const target = path.join(dir, `target-${i}.db`);
      copyFileSync(source, target);
      const file = await ClinicFile.open(target, { changes: { device: 'office' } });
      let t = performance.now();
      const other = await ClinicFile.open(laptop, { readOnly: true });
      readOther.push(performance.now() - t);
      t = performance.now();
      const report = file.commit(() => mergeFrom(file.db, other.db));
      merge.push(performance.now() - t);
      if (report.applied !== changes) throw new Error(`merged ${report.applied} of ${changes} changes`);
      t = performance.now();
      file.save();
      save.push(performance.now() - t);
      other.close();
      file.close();
      rmSync(target, { force: true });
    }
    return {
      changes,
      readOther: summarise(readOther),
      merge: summarise(merge),
      save: summarise(save),
      peakRssMb: peakRssMb(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SharedSaveResult {
  /** A save of a note when nobody else has saved the file since we read it. */
  plainSave: Figure;
  /** A save of a note after another writer saved a note of theirs: re-read, merge theirs in, write. */
  mergingSave: Figure;
  /** Changes the merging save brought in each time (the other writer's note). */
  mergedChanges: number;
  peakRssMb: number;
}

/**
 * Two people with the same shared file open, saving as the app does (issue 13's budget: a save
 * that merges another writer's changes costs under twice a plain save). Each run, on a fresh
 * copy: we save a note (plain: nobody saved since we read it); the other person saves a note of
 * theirs; we save another note, which re-reads the file and merges theirs in first. Both saves
 * write the whole file, so the difference is the cost of the merge.
 */
export async function runSharedSave(source: string, runs: number): Promise<SharedSaveResult> {
  await loadSqlJs();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perfclinic-bench-shared-'));
  try {
    const plainSave: number[] = [];
    const mergingSave: number[] = [];
    let mergedChanges = 0;
    for (let i = 0; i < runs; i++) {
      const target = path.join(dir, `shared-${i}.db`);
      copyFileSync(source, target);
      const ours = new ClinicApp({ deviceId: 'ours' });
      await ours.openFile(target);
      const theirs = new ClinicApp({ deviceId: 'theirs' });
      await theirs.openFile(target);
      const clinic = ours.meetings.listClinics()[0]!;
      const keys = ours.report().measures.map((m) => m.key);
      const note = (app: ClinicApp, key: string, text: string) =>
        app.meetings.saveNote(clinic.id, key, text, app.sync.note(clinic.id, key)?.version ?? 0);

      note(ours, keys[0]!, `Our note ${i}`);
      let t = performance.now();
      if (!ours.checkpoint()) throw new Error('the plain save did not happen');
      plainSave.push(performance.now() - t);

      note(theirs, keys[1]!, `Their note ${i}`);
      if (!theirs.checkpoint()) throw new Error('the other writer did not save');

      note(ours, keys[2]!, `Our second note ${i}`);
      const before = ours.sync.changes().length;
      t = performance.now();
      if (!ours.checkpoint()) throw new Error('the merging save did not happen');
      mergingSave.push(performance.now() - t);
      // Our own change was already there; what came in is theirs.
      mergedChanges = ours.sync.changes().length - before;
      if (ours.syncStatus().merged === null) throw new Error('the save merged nothing');
      theirs.close();
      ours.close();
      rmSync(target, { force: true });
    }
    return {
      plainSave: summarise(plainSave),
      mergingSave: summarise(mergingSave),
      mergedChanges,
      peakRssMb: peakRssMb(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
