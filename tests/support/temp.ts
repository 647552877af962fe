import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';

const made: string[] = [];
const madeForFile: string[] = [];

const newDir = () => mkdtempSync(path.join(tmpdir(), 'perfclinic-test-'));

/** A fresh folder for one test, removed after it. */
export function tempDir(): string {
  const dir = newDir();
  made.push(dir);
  return dir;
}

/** A folder kept for every test of the file (for a file prepared once in `beforeAll`), removed after them all. */
export function fileTempDir(): string {
  const dir = newDir();
  madeForFile.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {
  for (const dir of madeForFile.splice(0)) rmSync(dir, { recursive: true, force: true });
});
