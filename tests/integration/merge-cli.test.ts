import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { perfclinic as run, perfclinicProcess } from '../support/cli';
import { tempDir } from '../support/temp';

/** In this process (tests/support/cli.ts), as the device named; the merge itself also runs as the real bin. */
const perfclinic = (device: string, ...args: string[]) => run(args, { PERFCLINIC_DEVICE: device });

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('perfclinic merge and changes', () => {
  it('merges a copy (only reading it), says what it did, and lists who changed what', async () => {
    const dir = tempDir();
    const office = path.join(dir, 'clinic.db');
    const laptop = path.join(dir, 'laptop.db');
    await run(['init', '--db', office]);
    copyFileSync(office, laptop);
    const clinic = (file: string, device: string, kind: string) =>
      perfclinic(device, 'clinic', 'new', '--db', file, '--date', '2023-11-09', '--kind', kind);
    expect((await clinic(office, 'office', 'Director’s performance clinic')).code).toBe(0);
    expect((await clinic(laptop, 'laptop', 'Head of Service clinic')).code).toBe(0);
    const laptopBefore = sha(laptop);

    const dry = await perfclinic('office', 'merge', '--db', office, '--from', laptop, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run, nothing written/);
    const merged = await perfclinicProcess(['merge', '--db', office, '--from', laptop, '--format', 'json'], {
      PERFCLINIC_DEVICE: 'office',
    });
    expect(merged.code).toBe(0);
    const report = JSON.parse(merged.stdout) as { applied: number; alreadyThere: number };
    expect(report.applied).toBeGreaterThan(0);
    expect(sha(laptop)).toBe(laptopBefore);

    const clinics = JSON.parse(
      (await perfclinic('x', 'clinics', '--db', office, '--format', 'json')).stdout,
    ) as unknown[];
    expect(clinics).toHaveLength(2);

    const changes = await perfclinic('x', 'changes', '--db', office);
    expect(changes.code).toBe(0);
    expect(changes.stdout).toMatch(/When \(UTC\)\s+Who\s+What/);
    expect(changes.stdout).toMatch(/clinics created/);
    const json = JSON.parse((await perfclinic('x', 'changes', '--db', office, '--format', 'json')).stdout) as Array<{
      device: string;
    }>;
    // init ran with no device id: one of its own, for the catalogue it wrote.
    expect([...new Set(json.map((c) => c.device))]).toEqual(expect.arrayContaining(['office', 'laptop']));
    expect((await perfclinic('x', 'changes', '--db', office, '--since', 'yesterday')).code).toBe(2);
  }, 300_000);

  it('refuses a file of another origin, leaving both files as they were', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.db');
    const b = path.join(dir, 'b.db');
    await run(['init', '--db', a]);
    await run(['init', '--db', b]);
    const before = [sha(a), sha(b)];
    const result = await perfclinic('x', 'merge', '--db', a, '--from', b);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a copy of this clinic file/);
    expect([sha(a), sha(b)]).toEqual(before);
    expect((await perfclinic('x', 'merge', '--db', a)).code).toBe(2);
  }, 120_000);
});
