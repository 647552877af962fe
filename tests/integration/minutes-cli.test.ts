/**
 * `perfclinic minutes` and `perfclinic actions --out`. The PDF is made by the built bin in a child
 * process, as a person runs it; the rest run the CLI's entry in this process (tests/support/cli.ts).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { perfclinic, perfclinicProcess } from '../support/cli';
import { tempDir } from '../support/temp';
import { clinicFixture, MARKING } from './minutes-fixture';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function sampleClinic() {
  const dir = tempDir();
  const f = await clinicFixture(dir);
  f.app.close();
  return { dir, db: f.file, clinic: String(f.december), refs: f.refs };
}

describe('perfclinic minutes', () => {
  it('writes a PDF with the marking on every page, refuses to replace it without --force, and replaces it with', async () => {
    const { dir, db, clinic, refs } = await sampleClinic();
    const out = path.join(dir, 'minutes.pdf');
    const made = await perfclinicProcess([
      'minutes',
      '--db',
      db,
      '--clinic',
      clinic,
      '--format',
      'pdf',
      '--out',
      out,
      '--marking',
      MARKING,
    ]);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).toBe(`Saved the minutes to ${out}.\n`);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain(MARKING);
    expect(text).toContain(refs.atSum);
    expect(text).toMatch(/Page 1 of \d/);

    const before = sha(out);
    const again = await perfclinic(['minutes', '--db', db, '--clinic', clinic, '--format', 'pdf', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe(`perfclinic: ${out} already exists; add --force to replace it.\n`);
    expect(sha(out)).toBe(before);

    const forced = await perfclinic([
      'minutes',
      '--db',
      db,
      '--clinic',
      clinic,
      '--format',
      'html',
      '--out',
      out,
      '--force',
    ]);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('writes Word and HTML without a browser, adding the extension when the name has none', async () => {
    const { dir, db, clinic } = await sampleClinic();
    const docx = await perfclinic(
      ['minutes', '--db', db, '--clinic', clinic, '--format', 'docx', '--out', path.join(dir, 'm')],
      {
        PERFCLINIC_CHROMIUM: path.join(dir, 'no-chromium-here'),
      },
    );
    expect(docx).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(path.join(dir, 'm.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('without Chromium, a PDF is refused in one clear line and nothing is written', async () => {
    const { dir, db, clinic } = await sampleClinic();
    const out = path.join(dir, 'm.pdf');
    const result = await perfclinic(['minutes', '--db', db, '--clinic', clinic, '--format', 'pdf', '--out', out], {
      PERFCLINIC_CHROMIUM: path.join(dir, 'no-chromium-here'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^perfclinic: Making a PDF needs Chromium, which was not found\./);
    expect(existsSync(out)).toBe(false);
  });

  it('mistakes are one line: 2 for the command, 1 for the file or its contents', async () => {
    const { dir, db, clinic } = await sampleClinic();
    const out = path.join(dir, 'x.pdf');
    const cases: Array<[string[], number, RegExp]> = [
      [['minutes', '--clinic', clinic, '--format', 'pdf', '--out', out], 2, /--db FILE is required/],
      [['minutes', '--db', db, '--format', 'pdf', '--out', out], 2, /--clinic ID is required/],
      [['minutes', '--db', db, '--clinic', 'two', '--format', 'pdf', '--out', out], 2, /--clinic takes a clinic's id/],
      [['minutes', '--db', db, '--clinic', clinic, '--out', out], 2, /--format is required: pdf, docx or html/],
      [
        ['minutes', '--db', db, '--clinic', clinic, '--format', 'rtf', '--out', out],
        2,
        /--format must be one of pdf, docx, html/,
      ],
      [['minutes', '--db', db, '--clinic', clinic, '--format', 'pdf'], 2, /--out FILE is required/],
      [
        ['minutes', '--db', db, '--clinic', '99', '--format', 'html', '--out', out],
        1,
        /^perfclinic: There is no clinic 99 in this file\. See the clinics it holds with: perfclinic clinics --db /,
      ],
      [
        ['minutes', '--db', db, '--clinic', clinic, '--format', 'html', '--out', out, '--marking', 'X'.repeat(101)],
        1,
        /Keep the protective marking under 100 characters/,
      ],
      [
        ['minutes', '--db', db, '--clinic', clinic, '--format', 'html', '--out', path.join(dir, 'nowhere', 'm.html')],
        1,
        /the folder .*nowhere does not exist/,
      ],
      [['actions', '--db', db, '--format', 'xlsx'], 2, /--format xlsx writes a file: add --out FILE/],
      [['actions', '--db', db, '--format', 'json', '--out', out], 2, /--out saves the action log as csv or xlsx/],
    ];
    for (const [args, code, message] of cases) {
      const result = await perfclinic(args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe('perfclinic actions --out', () => {
  it('saves the action log as .xlsx and CSV, neutralised, and will not replace a file without --force', async () => {
    const { dir, db } = await sampleClinic();
    const xlsx = path.join(dir, 'actions.xlsx');
    const saved = await perfclinic(['actions', '--db', db, '--format', 'xlsx', '--out', xlsx]);
    expect(saved).toMatchObject({ code: 0, stdout: `Saved 7 actions to ${xlsx}.\n` });
    const strings = execFileSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
    expect(strings).toContain(`<t>'=HYPERLINK("http://x","y") Review the Front Door rota</t>`);
    expect(execFileSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' })).not.toMatch(/<f[ >]/);

    const csv = path.join(dir, 'open.csv');
    writeFileSync(csv, 'keep me');
    const refused = await perfclinic(['actions', '--db', db, '--format', 'csv', '--status', 'open', '--out', csv]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`perfclinic: ${csv} already exists; add --force to replace it.\n`);
    expect(readFileSync(csv, 'utf8')).toBe('keep me');
    const forced = await perfclinic([
      'actions',
      '--db',
      db,
      '--format',
      'csv',
      '--status',
      'open',
      '--out',
      csv,
      '--force',
    ]);
    expect(forced.code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text).toContain(`'@SUM(A1) Check decisions made after 5pm`);
    expect(text).not.toContain('Rota agreed');
  });
});
