import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/perfclinic.cjs');

function perfclinic(device: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PERFCLINIC_DEVICE: device },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/cli/cli.cjs'))) {
    throw new Error('The CLI is not built: run `npm run build` before these tests (npm test does).');
  }
});

describe('perfclinic merge and changes', () => {
  it('merges a copy (only reading it), says what it did, and lists who changed what', () => {
    const dir = tempDir();
    const office = path.join(dir, 'clinic.db');
    const laptop = path.join(dir, 'laptop.db');
    execFileSync(process.execPath, [bin, 'init', '--db', office]);
    copyFileSync(office, laptop);
    const clinic = (file: string, device: string, kind: string) =>
      perfclinic(device, 'clinic', 'new', '--db', file, '--date', '2023-11-09', '--kind', kind);
    expect(clinic(office, 'office', 'Director’s performance clinic').code).toBe(0);
    expect(clinic(laptop, 'laptop', 'Head of Service clinic').code).toBe(0);
    const laptopBefore = sha(laptop);

    const dry = perfclinic('office', 'merge', '--db', office, '--from', laptop, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run, nothing written/);
    const merged = perfclinic('office', 'merge', '--db', office, '--from', laptop, '--format', 'json');
    expect(merged.code).toBe(0);
    const report = JSON.parse(merged.stdout) as { applied: number; alreadyThere: number };
    expect(report.applied).toBeGreaterThan(0);
    expect(sha(laptop)).toBe(laptopBefore);

    const clinics = JSON.parse(perfclinic('x', 'clinics', '--db', office, '--format', 'json').stdout) as unknown[];
    expect(clinics).toHaveLength(2);

    const changes = perfclinic('x', 'changes', '--db', office);
    expect(changes.code).toBe(0);
    expect(changes.stdout).toMatch(/When \(UTC\)\s+Who\s+What/);
    expect(changes.stdout).toMatch(/clinics created/);
    const json = JSON.parse(perfclinic('x', 'changes', '--db', office, '--format', 'json').stdout) as Array<{
      device: string;
    }>;
    // init ran with no device id: one of its own, for the catalogue it wrote.
    expect([...new Set(json.map((c) => c.device))]).toEqual(expect.arrayContaining(['office', 'laptop']));
    expect(perfclinic('x', 'changes', '--db', office, '--since', 'yesterday').code).toBe(2);
    // Nine runs of the command line: slow on a busy machine.
  }, 300_000);

  it('refuses a file of another origin, leaving both files as they were', () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.db');
    const b = path.join(dir, 'b.db');
    execFileSync(process.execPath, [bin, 'init', '--db', a]);
    execFileSync(process.execPath, [bin, 'init', '--db', b]);
    const before = [sha(a), sha(b)];
    const result = perfclinic('x', 'merge', '--db', a, '--from', b);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a copy of this clinic file/);
    expect([sha(a), sha(b)]).toEqual(before);
    expect(perfclinic('x', 'merge', '--db', a).code).toBe(2);
  }, 120_000);
});
