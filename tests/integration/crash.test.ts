import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { ClinicDatabase } from '../../main/store/database';
import { ClinicFile } from '../../main/store/clinic-file';
import { insertDataset } from '../../main/store/catalogue';
import { october2023 } from '../../main/sample/october-2023';
import { buildChildScript } from '../support/child';
import { tempDir } from '../support/temp';

let child = '';
beforeAll(() => {
  child = buildChildScript(path.resolve(__dirname, '../support/saver-child.ts'));
});

/** A clinic file big enough (about 2 MB) that a save takes long enough to be interrupted part-way. */
async function paddedClinicFile(): Promise<string> {
  const file = path.join(tempDir(), 'clinic.db');
  const clinic = await ClinicFile.create(file, (db) => {
    insertDataset(db, october2023);
    db.run("INSERT INTO meta (key, value) VALUES ('padding', ?)", ['x'.repeat(2_000_000)]);
  });
  clinic.close();
  return file;
}

/** Runs the saver until it has confirmed at least one change, waits a random moment, and kills it. */
function runAndKill(file: string, mode: 'save' | 'commit' | 'note', waitMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, file, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (timer === null && out.includes('confirmed')) timer = setTimeout(() => proc.kill('SIGKILL'), waitMs);
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`saver exited by itself: ${err}`));
      // Only whole lines count: a line cut off by the kill was never seen as confirmed.
      const confirmed = [...out.matchAll(/^confirmed (\d+)$/gm)].map((m) => Number(m[1]));
      resolve(confirmed.at(-1) ?? 0);
    });
  });
}

async function stateOnDisk(file: string): Promise<{ counter: number; integrity: string }> {
  // Checked on a raw copy of the bytes, as any SQLite tool would see the file, without replaying any journal.
  const db = await ClinicDatabase.fromBytes(readFileSync(file));
  const counter = Number(db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'counter'")?.value ?? 0);
  const integrity = String(db.pragma('integrity_check'));
  db.close();
  return { counter, integrity };
}

describe('a save killed at any moment', () => {
  it('leaves a file that opens, passes integrity_check and holds the state before or after that save, 200 times', async () => {
    const kills = 200;
    let midSave = 0;
    // Two files killed in turn side by side: one per core, half the wall-clock time.
    const lane = async (count: number) => {
      const file = await paddedClinicFile();
      for (let i = 0; i < count; i++) {
        const lastConfirmed = await runAndKill(file, 'save', Math.random() * 40);
        const { counter, integrity } = await stateOnDisk(file);
        expect(integrity).toBe('ok');
        // Killed during the save after its last confirmed one: the file holds one state or the other.
        expect([lastConfirmed, lastConfirmed + 1]).toContain(counter);
        if (counter === lastConfirmed) midSave++;
      }
      const reopened = await ClinicFile.open(file);
      expect(reopened.db.pragma('quick_check')).toBe('ok');
      reopened.close();
    };
    await Promise.all([lane(kills / 2), lane(kills / 2)]);
    // Most kills should land inside a save (the file is large), or the test proves little.
    expect(midSave).toBeGreaterThan(kills / 4);
  }, 1_800_000);
});

describe('a change confirmed through the journal', () => {
  it('survives the process being killed straight after, every time', async () => {
    const file = await paddedClinicFile();
    for (let i = 0; i < 30; i++) {
      const lastConfirmed = await runAndKill(file, 'commit', Math.random() * 20);
      const reopened = await ClinicFile.open(file);
      const counter = Number(reopened.db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'counter'")?.value);
      // Confirmed changes are all there; one more may have reached the disk before the kill.
      expect([lastConfirmed, lastConfirmed + 1]).toContain(counter);
      expect(reopened.db.pragma('quick_check')).toBe('ok');
      reopened.close();
    }
  }, 600_000);
});

describe('a note the app has reported as saved', () => {
  it('survives the process being killed immediately afterwards', async () => {
    const file = await paddedClinicFile();
    for (let i = 0; i < 15; i++) {
      const lastConfirmed = await runAndKill(file, 'note', Math.random() * 20);
      const app = new ClinicApp();
      await app.openFile(file);
      const clinic = app.meetings.listClinics()[0]!;
      const note = app.meetings.getClinicView(clinic.id).notes.find((n) => n.measure === 'contacts');
      expect([`note ${lastConfirmed}`, `note ${lastConfirmed + 1}`]).toContain(note?.text);
      app.close();
    }
  }, 600_000);
});
