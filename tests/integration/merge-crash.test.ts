import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { ClinicDatabase } from '../../main/store/database';
import { ClinicFile } from '../../main/store/clinic-file';
import { journalPathFor } from '../../main/store/journal';
import { canonicalDump } from '../../main/store/sync';
import { newClinic } from '../support/clinics';
import { buildChildScript, childArguments } from '../support/child';
import { tempDir } from '../support/temp';

let child = '';
beforeAll(() => {
  child = buildChildScript(path.resolve(__dirname, '../support/merger-child.ts'));
});

const dumpOf = async (bytes: Buffer) => {
  const db = await ClinicDatabase.fromBytes(bytes);
  const dump = canonicalDump(db);
  db.close();
  return dump;
};

/**
 * A target and a copy with changes it lacks (notes, actions, updates), as bytes; and the
 * target's state before and after merging the copy, as canonical dumps.
 */
async function setUp(dir: string) {
  const target = path.join(dir, 'clinic.db');
  const source = path.join(dir, 'laptop.db');
  const app = new ClinicApp({ preferencesFile: path.join(dir, 'p.json'), deviceId: 'office' });
  await app.createFile(target);
  const clinic = app.meetings.createClinic(newClinic());
  app.close();
  copyFileSync(target, source);
  const laptop = new ClinicApp({ preferencesFile: path.join(dir, 'q.json'), deviceId: 'laptop' });
  await laptop.openFile(source);
  for (const measure of ['contacts', 'referrals', 'decisions_1wd']) {
    laptop.meetings.saveNote(clinic.id, measure, `Laptop note on ${measure}`, 0);
    const action = laptop.meetings.raiseAction({
      clinicId: clinic.id,
      measure,
      description: `Follow up ${measure}`,
      owner: 'Sam',
      dueOn: '2023-12-01',
    });
    laptop.meetings.updateAction({ actionId: action.id, clinicId: clinic.id, text: 'Started', status: 'in_progress' });
  }
  laptop.close();
  const pristine = readFileSync(target);
  const sourceBytes = readFileSync(source);
  const before = await dumpOf(pristine);
  const merger = new ClinicApp({ preferencesFile: path.join(dir, 'p.json'), deviceId: 'merger' });
  await merger.openFile(target);
  await merger.sync.merge(source);
  merger.close();
  const after = await dumpOf(readFileSync(target));
  expect(after).not.toEqual(before);
  return { pristine, sourceBytes, before, after };
}

/**
 * Runs the merger and kills it with SIGKILL where it waits before its `stopAt`-th file-system
 * call after opening the target, or (`stopAt` null) once the merge is confirmed. Says whether the
 * merge was confirmed, and how many calls the merge and its save made when it was.
 */
function runAndKill(
  target: string,
  source: string,
  stopAt: number | null,
): Promise<{ confirmed: boolean; calls: number | null }> {
  return new Promise((resolve, reject) => {
    const args = stopAt === null ? [target, source] : [target, source, '--stop-at', String(stopAt)];
    const proc = spawn(process.execPath, childArguments(child, ...args), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/^paused /m.test(out) || /^merged \d+ calls \d+$/m.test(out)) proc.kill('SIGKILL');
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`merger exited by itself: ${err}`));
      const merged = /^merged \d+ calls (\d+)$/m.exec(out);
      resolve({ confirmed: merged !== null, calls: merged ? Number(merged[1]) : null });
    });
  });
}

describe('a merge-and-save killed at any moment', () => {
  it('leaves a file that opens, passes integrity_check and holds the state before or after the merge, at every point of it twice', async () => {
    const outcomes = { before: 0, after: 0 };
    const { pristine, sourceBytes, before, after } = await setUp(tempDir());
    /** Each lane works on its own target and copy, put back as they were before every kill. */
    const prepare = () => {
      const dir = tempDir();
      const target = path.join(dir, 'clinic.db');
      const source = path.join(dir, 'laptop.db');
      writeFileSync(source, sourceBytes);
      const reset = () => {
        writeFileSync(target, pristine);
        rmSync(journalPathFor(target), { force: true });
        rmSync(`${target}.lock`, { recursive: true, force: true });
        // Each writer's own journal, a killed save's temporary file and the presence folder beside the file.
        for (const name of readdirSync(dir))
          if (name.startsWith('.clinic.db.') || name === 'clinic.db.people')
            rmSync(path.join(dir, name), { recursive: true, force: true });
      };
      return { target, source, reset };
    };
    // How many file-system calls a merge-and-save makes: the kills stop before each in turn, and
    // after the last (the merge confirmed), so every point of the merge and its save is a kill point.
    const calibration = prepare();
    calibration.reset();
    const points = (await runAndKill(calibration.target, calibration.source, null)).calls ?? 0;
    expect(points).toBeGreaterThan(5);
    // Every kill point twice (52 kills for a merge of 25 calls), the lanes taking every other kill,
    // and the same point must leave the same state both times.
    const kills = 2 * (points + 1);
    /** Which state each kill point left in the file itself: always the same one for the same point. */
    const seen = new Map<number, Set<string>>();
    const lane = async (first: number) => {
      const { target, source, reset } = prepare();
      for (let i = first; i < kills; i += 2) {
        reset();
        const point = 1 + (i % (points + 1));
        const { confirmed } = await runAndKill(target, source, point > points ? null : point);
        expect(confirmed).toBe(point > points);
        // The file itself, as any SQLite tool sees it, with no journal replayed.
        const raw = await ClinicDatabase.fromBytes(readFileSync(target));
        expect(raw.pragma('integrity_check')).toBe('ok');
        const rawState = canonicalDump(raw);
        expect([before, after]).toContain(rawState);
        raw.close();
        seen.set(point, (seen.get(point) ?? new Set()).add(rawState === after ? 'after' : 'before'));
        // Opened as the app opens it (a journal left by the kill replayed): before or after, and
        // after whenever the merge was confirmed.
        const opened = await ClinicFile.open(target, { readOnly: true });
        const state = canonicalDump(opened.db);
        opened.close();
        expect(confirmed ? [after] : [before, after]).toContain(state);
        outcomes[state === after ? 'after' : 'before']++;
        expect(readFileSync(source).equals(sourceBytes)).toBe(true);
      }
    };
    await Promise.all([lane(0), lane(1)]);
    console.log(
      `merge kills: ${points + 1} kill points; ${outcomes.before} left the state before, ${outcomes.after} after`,
    );
    // Kills should land on both sides of the merge, or the test proves little.
    expect(outcomes.before).toBeGreaterThan(5);
    expect(outcomes.after).toBeGreaterThan(5);
    for (const [point, states] of seen) expect(states.size, `kill point ${point}`).toBe(1);
  }, 1_800_000);
});
