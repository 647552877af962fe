import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { lockPathFor } from '../../main/store/file-lock';
import { presenceFolderFor } from '../../main/store/presence';
import { buildChildScript } from '../support/child';
import { tempDir } from '../support/temp';

let child = '';
beforeAll(() => {
  child = buildChildScript(path.resolve(__dirname, '../support/writer-child.ts'));
});

function runWriter(file: string, name: string, seed: number, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, file, name, String(seed), String(count)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('exit', (code) => {
      if (code !== 0 || !out.includes('done')) return reject(new Error(`${name} failed (seed ${seed}): ${err}`));
      resolve([...out.matchAll(/^wrote (\d+)$/gm)].length);
    });
  });
}

describe('two people editing one shared file at once', () => {
  it('every write of both is in the file at the end, with no conflict copy and nothing left beside it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'clinic.db');
    const setup = new ClinicApp();
    await setup.createFile(file);
    setup.meetings.createClinic({
      held_on: '2023-11-09',
      kind: 'Director’s performance clinic',
      scope: [],
      chair: '',
      attendees: [],
      apologies: [],
    });
    setup.close();
    const count = 200;
    const seed = Number(process.env.SHARED_FILE_SEED ?? Date.now() % 1_000_000);
    console.log(`two writers: seed ${seed} (repeat with SHARED_FILE_SEED=${seed})`);
    const [a, b] = await Promise.all([
      runWriter(file, 'Priya Shah', seed, count),
      runWriter(file, 'Sam Manager', seed + 1, count),
    ]);
    expect([a, b]).toEqual([count, count]);

    const app = new ClinicApp();
    await app.openFile(file, { readOnly: true });
    const actions = app.meetings.listActions();
    const descriptions = new Set(actions.map((x) => x.description));
    const missing = ['Priya Shah', 'Sam Manager'].flatMap((name) =>
      Array.from({ length: count }, (_, i) => `${name} write ${i + 1}`).filter((d) => !descriptions.has(d)),
    );
    expect(missing).toEqual([]);
    expect(actions).toHaveLength(2 * count);
    expect(new Set(actions.map((x) => x.ref)).size).toBe(2 * count);
    app.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['clinic.db']);
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
    expect(fs.existsSync(presenceFolderFor(file))).toBe(false);
  }, 600_000);
});
