import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { UsageError } from '../../main/cli/arguments';
import { runImport } from '../../main/cli/import-command';
import { readWorkbook } from '../../main/import/analyse';
import { templatePeriods } from '../../main/import/template';
import { csv } from '../support/spreadsheets';
import { NOW } from '../support/import-fixtures';
import { tempDir } from '../support/temp';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function sampleDb(): Promise<string> {
  const file = path.join(tempDir(), 'clinic.db');
  const app = new ClinicApp();
  await app.createFile(file);
  app.close();
  return file;
}

async function cli(...argv: string[]): Promise<string> {
  let text = '';
  const app = new ClinicApp({ now: () => NOW });
  try {
    await runImport(argv, (t) => (text += t), app);
  } finally {
    app.close();
  }
  return text;
}

describe('the fill-in template', () => {
  it('covers the 12 months ending with the one to fill in, never after this month', () => {
    expect(templatePeriods('2023-10', NOW)).toEqual([
      '2022-12',
      '2023-01',
      '2023-02',
      '2023-03',
      '2023-04',
      '2023-05',
      '2023-06',
      '2023-07',
      '2023-08',
      '2023-09',
      '2023-10',
      '2023-11',
    ]);
    expect(templatePeriods('2024-06', NOW).at(-1)).toBe('2024-06');
    expect(templatePeriods(null, NOW).at(-1)).toBe('2024-05');
  });

  it.each(['xlsx', 'csv'] as const)('as .%s: filled in and imported, it brings in the new month', async (format) => {
    const db = await sampleDb();
    const dir = tempDir();
    const target = path.join(dir, `template.${format}`);
    expect(await cli('template', '--db', db, '--out', target)).toMatch(/Saved a template of \d+ measures/);
    await expect(cli('template', '--db', db, '--out', target)).rejects.toThrow(/already exists/);

    const workbook = await readWorkbook(fs.readFileSync(target), path.basename(target));
    const rows = workbook.sheets[0]!.rows;
    const header = rows[0]!.cells.map((c) => (c.kind === 'text' ? c.text : c.kind));
    expect(header.slice(0, 5)).toEqual(['Measure key', 'Measure', 'Unit', 'Team', 'Worker']);
    expect(header.at(-1)).toBe('Nov 2023');
    expect(header.at(-2)).toBe('Oct 2023');

    // Unchanged, the template imports as nothing new: it holds what the file holds.
    const app = new ClinicApp({ now: () => NOW });
    await app.openFile(db);
    const untouched = await app.imports.previewFile(target);
    expect(untouched.errorCount).toBe(0);
    expect(untouched.totals.added).toBe(0);
    expect(untouched.totals.changed).toBe(0);
    app.close();

    // Fill in November for contacts in the template itself, as the officer would, and import it.
    const filled = path.join(dir, `filled.${format}`);
    if (format === 'csv') {
      const text = fs.readFileSync(target, 'utf8').replace(/^(contacts,Contacts,count,.*,781),\r$/m, '$1,790\r');
      fs.writeFileSync(filled, text);
    } else {
      const ExcelJS = (await import('exceljs')).default;
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(target);
      const sheet = book.getWorksheet('Figures')!;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === 'contacts') row.getCell(header.length).value = 790;
      });
      await book.xlsx.writeFile(filled);
    }
    const out = await cli('import', '--db', db, filled);
    expect(out).toMatch(/1 new figure, 0 changed figures and \d+ unchanged imported/);
    expect(out).toMatch(/^Contacts +1 +0 +2$/m);
  });
});

describe('perfclinic import', () => {
  it('--dry-run shows the preview and writes nothing; without it, imports; undo-import takes it back', async () => {
    const db = await sampleDb();
    const source = path.join(tempDir(), 'nov.csv');
    fs.writeFileSync(source, csv(['measure,period,value', 'contacts,2023-11,800', 'referrals,2023-10,255']));
    const before = sha(db);
    const dry = await cli('import', '--db', db, source, '--dry-run');
    expect(dry).toContain('nov.csv (CSV; one row per figure)');
    expect(dry).toContain('Referrals');
    expect(dry).toContain('Oct 2023: 251 → 255');
    expect(dry).toMatch(/1 new figure, 1 changed figure and 0 unchanged.\nDry run: nothing has been written./);
    expect(sha(db)).toBe(before);

    const json = JSON.parse(await cli('import', '--db', db, source, '--format', 'json')) as {
      imported: { importId: number; totals: { added: number } };
    };
    expect(json.imported.totals.added).toBe(1);
    expect(await cli('imports', '--db', db)).toMatch(/nov\.csv {2}\+1 new, 1 changed/);
    expect(await cli('undo-import', '--db', db)).toMatch(/Undid the import of nov.csv/);
    expect(await cli('imports', '--db', db)).toMatch(/undone/);
  });

  it('a file with problems lists each with its row and reason, exits with an error, and writes nothing', async () => {
    const db = await sampleDb();
    const source = path.join(tempDir(), 'bad.csv');
    fs.writeFileSync(source, csv(['measure,period,value', 'contcts,2023-11,800', 'referrals,2023-11,-1']));
    const before = sha(db);
    let printed = '';
    const app = new ClinicApp({ now: () => NOW });
    await expect(runImport(['import', '--db', db, source], (t) => (printed += t), app)).rejects.toThrow(
      /has 2 problem\(s\) to fix; nothing has been imported/,
    );
    app.close();
    expect(printed).toContain(
      'ERROR    row 2: "contcts" is not a measure in this clinic file. Did you mean "Contacts" (contacts)?',
    );
    expect(printed).toContain('ERROR    C3: -1 is negative, but a count cannot be.');
    expect(sha(db)).toBe(before);
  });

  it('mistakes in the command are usage errors', async () => {
    const db = await sampleDb();
    await expect(cli('import', '--db', db)).rejects.toBeInstanceOf(UsageError);
    await expect(cli('import', 'x.csv')).rejects.toThrow(/--db FILE is required/);
    await expect(cli('import', '--db', db, 'x.csv', '--format', 'xml')).rejects.toThrow(/table or json/);
    await expect(cli('template', '--db', db, '--out', 'x.pdf')).rejects.toThrow(/--out FILE.xlsx or --out FILE.csv/);
    await expect(cli('import', '--db', db, path.join(tempDir(), 'missing.csv'))).rejects.toThrow(/There is no file/);
  });
});
