import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { ClinicDatabase } from '../../main/store/database';
import { ClinicFile } from '../../main/store/clinic-file';
import { journalPathFor } from '../../main/store/journal';
import { canonicalDump } from '../../main/store/sync';
import { buildChildScript } from '../support/child';
import { tempDir } from '../support/temp';

let child = '';
beforeAll(() => {
  child = buildChildScript(path.resolve(__dirname, '../support/merger-child.ts'));
});

const fileOf = (app: ClinicApp) => (app as unknown as { current(): ClinicFile }).current();

/**
 * A target and a copy with changes it lacks (notes, actions, updates), the target padded (about
 * 2 MB) so that its save takes long enough to be interrupted; and the target's state before and
 * after merging the copy, as canonical dumps.
 */
async function setUp(dir: string) {
  const target = path.join(dir, 'clinic.db');
  const source = path.join(dir, 'laptop.db');
  const app = new ClinicApp({ preferencesFile: path.join(dir, 'p.json'), deviceId: 'office' });
  await app.createFile(target);
  const clinic = app.meetings.createClinic({
    held_on: '2023-11-09',
    kind: 'Director’s performance clinic',
    scope: [],
    chair: '',
    attendees: [],
    apologies: [],
  });
  fileOf(app).commit(() =>
    fileOf(app).db.run("INSERT INTO meta (key, value) VALUES ('padding', ?)", ['x'.repeat(2_000_000)]),
  );
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
  const dumpOf = async (bytes: Buffer) => {
    const db = await ClinicDatabase.fromBytes(bytes);
    const dump = canonicalDump(db);
    db.close();
    return dump;
  };
  const before = await dumpOf(pristine);
  const merger = new ClinicApp({ preferencesFile: path.join(dir, 'p.json'), deviceId: 'merger' });
  await merger.openFile(target);
  await merger.sync.merge(source);
  merger.close();
  const after = await dumpOf(readFileSync(target));
  expect(after).not.toEqual(before);
  return { target, source, pristine, before, after };
}

/**
 * Runs the merger and kills it `waitMs` after it has opened the file and is about to merge, or
 * (`waitMs` null) once the merge is confirmed. Says whether the merge was confirmed, and how long
 * it took from "ready" when it was.
 */
function runAndKill(
  target: string,
  source: string,
  waitMs: number | null,
): Promise<{ confirmed: boolean; tookMs: number | null }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, target, source], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let ready = 0;
    let tookMs: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready === 0 && out.includes('ready')) {
        ready = performance.now();
        if (waitMs !== null) timer = setTimeout(() => proc.kill('SIGKILL'), waitMs);
      }
      if (tookMs === null && /^merged \d+$/m.test(out)) {
        tookMs = performance.now() - ready;
        if (waitMs === null) proc.kill('SIGKILL');
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`merger exited by itself: ${err}`));
      resolve({ confirmed: /^merged \d+$/m.test(out), tookMs });
    });
  });
}

describe('a merge-and-save killed at any moment', () => {
  it('leaves a file that opens, passes integrity_check and holds the state before or after the merge, 100 times', async () => {
    const kills = 100;
    const outcomes = { before: 0, after: 0 };
    const lane = async (count: number) => {
      const dir = tempDir();
      const { target, source, pristine, before, after } = await setUp(dir);
      const sourceBytes = readFileSync(source);
      const reset = () => {
        writeFileSync(target, pristine);
        rmSync(journalPathFor(target), { force: true });
        rmSync(`${target}.lock`, { recursive: true, force: true });
      };
      // How long a merge takes on this machine now, so that the kills fall across it.
      let took = 0;
      for (let i = 0; i < 2; i++) {
        reset();
        took = Math.max(took, (await runAndKill(target, source, null)).tookMs ?? 0);
      }
      for (let i = 0; i < count; i++) {
        reset();
        const { confirmed, tookMs } = await runAndKill(target, source, Math.random() * took * 1.3);
        // Follows the machine's load: a busy machine makes the merge slower.
        if (tookMs !== null) took = (took * 3 + tookMs) / 4;
        // The file itself, as any SQLite tool sees it, with no journal replayed.
        const raw = await ClinicDatabase.fromBytes(readFileSync(target));
        expect(raw.pragma('integrity_check')).toBe('ok');
        expect([before, after]).toContain(canonicalDump(raw));
        raw.close();
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
    await Promise.all([lane(kills / 2), lane(kills / 2)]);
    console.log(`merge kills: ${outcomes.before} left the state before, ${outcomes.after} after`);
    // Kills should land on both sides of the merge, or the test proves little.
    expect(outcomes.before).toBeGreaterThan(5);
    expect(outcomes.after).toBeGreaterThan(5);
  }, 1_800_000);
});
