/** `perfclinic report-document`, run as a person would: the built bin in a child process. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/perfclinic.cjs');

function perfclinic(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/cli/cli.cjs')))
    throw new Error('The CLI is not built: run `npm run build` before these tests (npm test does).');
});

async function sampleDb() {
  const dir = tempDir();
  const db = path.join(dir, 'clinic.db');
  expect((await perfclinic(['init', '--db', db])).code).toBe(0);
  return { dir, db };
}

describe('perfclinic report-document', () => {
  it('writes the Markdown report, refuses to replace it without --force, and replaces it with', async () => {
    const { dir, db } = await sampleDb();
    const out = path.join(dir, 'report.md');
    const first = await perfclinic([
      'report-document',
      '--db',
      db,
      '--format',
      'md',
      '--out',
      out,
      '--period',
      '2023-10',
      '--compare',
      '2023-09',
    ]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(`Saved the performance report to ${out}.\n`);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('# Children’s Social Care Performance Report – October 2023');
    expect(md).toContain('above the target of 20%, where lower is better, so off target');
    writeFileSync(out, 'the officer’s own copy');
    const refused = await perfclinic(['report-document', '--db', db, '--format', 'md', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists; add --force to replace it.');
    expect(readFileSync(out, 'utf8')).toBe('the officer’s own copy');
    expect((await perfclinic(['report-document', '--db', db, '--format', 'md', '--out', out, '--force'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(md);
  });

  it('prints a PDF with the marking on every page', async () => {
    const { dir, db } = await sampleDb();
    const out = path.join(dir, 'report.pdf');
    const run = await perfclinic([
      'report-document',
      '--db',
      db,
      '--format',
      'pdf',
      '--out',
      out,
      '--marking',
      'OFFICIAL-SENSITIVE',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const pages = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('OFFICIAL-SENSITIVE');
    expect(pages.join('')).toContain('Re-referrals within 12 months stood at 28.4% in October 2023');
  });

  it('a mistake in the command is exit 2 with one line; an unknown month is exit 1; nothing is written', async () => {
    const { dir, db } = await sampleDb();
    const out = path.join(dir, 'r.md');
    const bad = await perfclinic(['report-document', '--db', db, '--format', 'rtf', '--out', out]);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('--format must be one of docx, pdf, html, md');
    const noOut = await perfclinic(['report-document', '--db', db, '--format', 'docx']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out FILE is required');
    const badPeriod = await perfclinic([
      'report-document',
      '--db',
      db,
      '--format',
      'md',
      '--out',
      out,
      '--period',
      '2023-13',
    ]);
    expect(badPeriod.code).toBe(2);
    const unknown = await perfclinic([
      'report-document',
      '--db',
      db,
      '--format',
      'md',
      '--out',
      out,
      '--period',
      '2019-01',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There are no figures for January 2019');
    expect(existsSync(out)).toBe(false);
  });
});
