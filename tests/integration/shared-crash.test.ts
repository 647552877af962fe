import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { ClinicDatabase } from '../../main/store/database';
import type { ClinicFile } from '../../main/store/clinic-file';
import { buildChildScript, childArguments } from '../support/child';
import { tempDir } from '../support/temp';

let child = '';
beforeAll(() => {
  child = buildChildScript(path.resolve(__dirname, '../support/shared-saver-child.ts'));
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A shared file with one clinic, padded (about 1 MB) so that its save takes long enough to be interrupted. */
async function paddedSharedFile(dir: string): Promise<string> {
  const file = path.join(dir, 'clinic.db');
  const app = new ClinicApp();
  await app.createFile(file);
  app.meetings.createClinic({
    held_on: '2023-11-09',
    kind: 'Director’s performance clinic',
    scope: [],
    chair: '',
    attendees: [],
    apologies: [],
  });
  const clinic = (app as unknown as { current(): ClinicFile }).current();
  clinic.commit(() => clinic.db.run("INSERT INTO meta (key, value) VALUES ('padding', ?)", ['x'.repeat(1_000_000)]));
  app.close();
  return file;
}

/**
 * Runs the saver and kills it with SIGKILL where it waits before its `stopAt`-th file-system call
 * of the merge-and-save, or (`stopAt` null, or past the last call) once it has merged. Says the
 * file's hash at "ready", whether the merge-and-save finished, and how many calls it made.
 */
function runAndKill(
  file: string,
  outbox: string,
  stopAt: number | null,
): Promise<{ ready: string; merged: boolean; calls: number | null }> {
  return new Promise((resolve, reject) => {
    const args = stopAt === null ? [file, outbox] : [file, outbox, '--stop-at', String(stopAt)];
    const proc = spawn(process.execPath, childArguments(child, ...args), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/^paused /m.test(out) || /^merged calls \d+$/m.test(out)) proc.kill('SIGKILL');
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`saver exited by itself: ${err}`));
      const ready = /^ready (\w+)$/m.exec(out)?.[1];
      if (!ready) return reject(new Error(`saver was killed before it was ready: ${err}`));
      const merged = /^merged calls (\d+)$/m.exec(out);
      resolve({ ready, merged: merged !== null, calls: merged ? Number(merged[1]) : null });
    });
  });
}

/** The clinic's note texts, as any SQLite tool sees the file (no journal replayed). */
async function notesOnDisk(file: string): Promise<{ notes: string[]; integrity: string }> {
  const db = await ClinicDatabase.fromBytes(fs.readFileSync(file));
  const notes = db.all<{ text: string }>('SELECT text FROM notes ORDER BY text').map((r) => r.text);
  const integrity = String(db.pragma('integrity_check'));
  db.close();
  return { notes, integrity };
}

const BEFORE = ['Theirs, saved first'];
const AFTER = ['Ours, confirmed', 'Theirs, saved first'];

describe('a merge-and-save into a shared file killed at any moment', () => {
  it('leaves a file that opens, passes integrity_check and holds the state before or after, at every point of it; the outbox keeps what was not merged', async () => {
    const dir = tempDir();
    const file = await paddedSharedFile(dir);
    const pristine = fs.readFileSync(file);
    const outbox = path.join(tempDir(), 'outbox');
    const reset = () => {
      for (const name of fs.readdirSync(dir))
        if (name !== 'clinic.db') fs.rmSync(path.join(dir, name), { recursive: true });
      fs.rmSync(outbox, { recursive: true, force: true });
      fs.writeFileSync(file, pristine);
    };
    // How many file-system calls the merge-and-save makes: the kills stop before each in turn, and
    // after the last (merged), so every point of it is a kill point, chosen rather than timed.
    reset();
    const calls = (await runAndKill(file, outbox, null)).calls ?? 0;
    expect(calls).toBeGreaterThan(5);
    const kills = calls + 1;
    const outcomes = { before: 0, after: 0, tempLeft: 0 };
    for (let i = 0; i < kills; i++) {
      reset();
      const { ready, merged } = await runAndKill(file, outbox, i + 1);
      const raw = fs.readFileSync(file);
      const { notes, integrity } = await notesOnDisk(file);
      expect(integrity).toBe('ok');
      // Before: exactly the file the other person saved; after: both notes.
      if (sha(raw) === ready) outcomes.before++;
      else {
        expect(notes).toEqual(AFTER);
        outcomes.after++;
      }
      if (merged) expect(notes).toEqual(AFTER);
      const journals = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((n) => n.endsWith('.journal')) : [];
      // Not merged: our confirmed note waits in the outbox.
      if (sha(raw) === ready) {
        expect(notes).toEqual(BEFORE);
        expect(journals).toHaveLength(1);
        expect(fs.readFileSync(path.join(outbox, journals[0]!), 'utf8')).toContain('Ours, confirmed');
      }
      if (fs.readdirSync(dir).some((n) => n.endsWith('.tmp'))) outcomes.tempLeft++;
      // Opened again as the app opens it: everything confirmed is there, and no temporary file is left.
      const app = new ClinicApp({ outboxDir: outbox, deviceId: 'ours' });
      await app.openFile(file);
      const clinic = app.meetings.listClinics()[0]!;
      expect(
        app.meetings
          .getClinicView(clinic.id)
          .notes.map((n) => n.text)
          .sort(),
      ).toEqual(AFTER);
      app.close();
      expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect((await notesOnDisk(file)).notes).toEqual(AFTER);
      expect(fs.readdirSync(outbox).filter((n) => n.endsWith('.journal'))).toEqual([]);
    }
    console.log(
      `shared-file merge kills: ${outcomes.before} left the state before, ${outcomes.after} after; ${outcomes.tempLeft} left a temporary file, removed on the next open`,
    );
    // Kills landed on both sides of the write: before the file is replaced, and after.
    expect(outcomes.before).toBeGreaterThan(0);
    expect(outcomes.after).toBeGreaterThan(0);
  }, 900_000);
});
