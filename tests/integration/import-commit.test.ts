import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { Imports } from '../../main/api/imports';
import { allFigures, insertDataset } from '../../main/store/catalogue';
import { ClinicFile } from '../../main/store/clinic-file';
import { listBackups } from '../../main/store/backups';
import { october2023 } from '../../main/sample/october-2023';
import { csv, xlsx, pct } from '../support/spreadsheets';
import { NOW } from '../support/import-fixtures';
import { failFromCall, FaultyFs } from '../support/faulty-fs';
import { tempDir } from '../support/temp';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const actor = () => ({ who: 'Pat Officer', now: () => NOW });

async function sampleFile(): Promise<string> {
  const file = path.join(tempDir(), 'clinic.db');
  (await ClinicFile.create(file, (db) => insertDataset(db, october2023))).close();
  return file;
}

function write(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const NOVEMBER = csv([
  'Measure,Period,Value,Numerator,Denominator,Team',
  'contacts,2023-11,800,,,',
  'contacts,2023-11,420,,,North',
  'contacts,2023-11,380,,,South',
  'referrals,2023-10,255,,,', // changes 251
  'decisions_1wd,2023-10,55,,,', // unchanged
  'cp_repeat_plan_2y,2023-11,25,5,20,',
]);

describe('importing figures into a clinic file', () => {
  it('writes nothing on preview; on import writes every figure, a backup, the record and the audit, and saves', async () => {
    const file = await sampleFile();
    const source = write(tempDir(), 'november.csv', NOVEMBER);
    const clinic = await ClinicFile.open(file);
    const imports = new Imports(() => clinic, actor());
    const before = sha(file);

    const preview = await imports.previewFile(source);
    expect(sha(file)).toBe(before);
    expect(preview.canImport).toBe(true);
    expect(preview.totals).toEqual({ figures: 6, added: 4, changed: 1, unchanged: 1 });
    expect(preview.measures.find((m) => m.measure === 'contacts')?.teams).toEqual(['North', 'South']);

    const result = await imports.importFile(source, { expectedSha256: preview.sha256 });
    expect(result.summary).toBe('4 new figures, 1 changed figure and 1 unchanged imported.');
    clinic.close();
    expect(sha(file)).not.toBe(before);

    const app = new ClinicApp({ now: () => NOW });
    await app.openFile(file);
    const report = app.report();
    expect(report.period).toBe('2023-11');
    expect(report.measures.find((m) => m.key === 'contacts')?.current?.value).toBe(800);
    expect(app.report({ period: '2023-10' }).measures.find((m) => m.key === 'referrals')?.current?.value).toBe(255);
    expect(app.catalogue.teamSplit('contacts', '2023-11')).toEqual([
      { team: '', value: 800, numerator: null, denominator: null },
      { team: 'North', value: 420, numerator: null, denominator: null },
      { team: 'South', value: 380, numerator: null, denominator: null },
    ]);
    expect(app.measureDetail({ key: 'cp_repeat_plan_2y' }).history.at(-1)).toEqual({
      period: '2023-11',
      value: 25,
      numerator: 5,
      denominator: 20,
    });
    const [record] = app.imports.list();
    expect(record).toMatchObject({
      file_name: 'november.csv',
      sha256: preview.sha256,
      format: 'csv',
      rows_read: 6,
      added: 4,
      changed: 1,
      unchanged: 1,
      imported_by: 'Pat Officer',
      imported_at: NOW.toISOString(),
      undone_at: null,
    });
    const audit = app.meetings.auditTrail(null).find((e) => e.entity === 'import');
    expect(audit).toMatchObject({ action: 'imported', who: 'Pat Officer', entity_id: String(record?.id) });
    app.close();

    const backups = listBackups(file).filter((b) => b.kind === 'before-import');
    expect(backups.map((b) => b.name)).toEqual([record?.backup]);
    expect(sha(path.join(`${file}.backups`, backups[0]!.name))).toBe(before);
  });

  it('importing the same file twice: the second time everything is unchanged, it says so, and nothing is written', async () => {
    const file = await sampleFile();
    const source = write(tempDir(), 'november.csv', NOVEMBER);
    const clinic = await ClinicFile.open(file);
    const imports = new Imports(() => clinic, actor());
    await imports.importFile(source);
    const afterFirst = sha(file);
    const again = await imports.previewFile(source);
    expect(again.canImport).toBe(false);
    expect(again.summary).toBe('Nothing to import: all 6 figures are already in the clinic file with the same values.');
    const result = await imports.importFile(source);
    expect(result.importId).toBeNull();
    expect(imports.list()).toHaveLength(1);
    clinic.close();
    expect(sha(file)).toBe(afterFirst);
  });

  it('a file with errors is refused and the clinic file stays byte-identical', async () => {
    const file = await sampleFile();
    const source = write(
      tempDir(),
      'bad.csv',
      csv(['measure,period,value', 'contacts,2023-11,800', 'contcts,2023-11,1']),
    );
    const clinic = await ClinicFile.open(file);
    const imports = new Imports(() => clinic, actor());
    const before = sha(file);
    const preview = await imports.previewFile(source);
    expect(preview.canImport).toBe(false);
    expect(preview.errorCount).toBe(1);
    await expect(imports.importFile(source)).rejects.toThrow(/has 1 problem to fix first.*Nothing has been imported/);
    clinic.close();
    expect(sha(file)).toBe(before);
    expect(listBackups(file)).toEqual([]);
  });

  it('the wizard confirms the file it previewed, once, and a cancelled preview writes nothing', async () => {
    const file = await sampleFile();
    const source = write(tempDir(), 'november.csv', NOVEMBER);
    const clinic = await ClinicFile.open(file);
    const imports = new Imports(() => clinic, actor());
    const before = sha(file);
    const first = await imports.previewFile(source);
    imports.cancelPreview();
    await expect(imports.importPreviewed(first.sha256)).rejects.toThrow(/no longer current/);
    expect(sha(file)).toBe(before);
    const preview = await imports.previewFile(source);
    await expect(imports.importPreviewed('0'.repeat(64))).rejects.toThrow(/no longer current/);
    const result = await imports.importPreviewed(preview.sha256);
    expect(result.totals.added).toBe(4);
    await expect(imports.importPreviewed(preview.sha256)).rejects.toThrow(/no longer current/);
    clinic.close();
  });

  it('a file changed between preview and import is not imported', async () => {
    const file = await sampleFile();
    const dir = tempDir();
    const source = write(dir, 'november.csv', NOVEMBER);
    const clinic = await ClinicFile.open(file);
    const imports = new Imports(() => clinic, actor());
    const preview = await imports.previewFile(source);
    write(dir, 'november.csv', csv(['measure,period,value', 'contacts,2023-11,1']));
    await expect(imports.importFile(source, { expectedSha256: preview.sha256 })).rejects.toThrow(
      /changed since it was previewed/,
    );
    clinic.close();
  });

  it('a failure injected in the middle of the write leaves the file byte-identical and the figures as they were', async () => {
    const file = await sampleFile();
    // A trigger that fails the transaction part-way, after some figures have been written.
    const setup = await ClinicFile.open(file);
    setup.db.run(`CREATE TRIGGER fail_midway BEFORE INSERT ON observations WHEN NEW.team = 'South'
                  BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    setup.save();
    setup.close();
    const before = sha(file);
    const clinic = await ClinicFile.open(file);
    const figuresBefore = allFigures(clinic.db);
    const imports = new Imports(() => clinic, actor());
    await expect(imports.importFile(write(tempDir(), 'november.csv', NOVEMBER))).rejects.toThrow(/injected failure/);
    expect(allFigures(clinic.db)).toEqual(figuresBefore);
    expect(imports.list()).toEqual([]);
    clinic.close();
    expect(sha(file)).toBe(before);
  });

  // The save's calls are open, write, fsync, close and rename; closing (4) still works when the disk has gone.
  it.each([1, 2, 3, 5])(
    'a save that fails at file-system call %i leaves the file byte-identical and takes the import back out of memory',
    async (failAt) => {
      const file = await sampleFile();
      const before = sha(file);
      const clinic = await ClinicFile.open(file, { fs: new FaultyFs(failFromCall(failAt)) });
      const figuresBefore = allFigures(clinic.db);
      const imports = new Imports(() => clinic, actor());
      await expect(imports.importFile(write(tempDir(), 'november.csv', NOVEMBER))).rejects.toThrow(/EIO|input\/output/);
      expect(sha(file)).toBe(before);
      expect(allFigures(clinic.db)).toEqual(figuresBefore);
      expect(imports.list()).toEqual([]);
      expect(clinic.db.all("SELECT * FROM audit WHERE entity = 'import'")).toEqual([]);
      clinic.close();
      expect(sha(file)).toBe(before);
    },
  );

  it('a read-only file cannot be imported into', async () => {
    const file = await sampleFile();
    const clinic = await ClinicFile.open(file, { readOnly: true });
    const imports = new Imports(() => clinic, actor());
    await expect(imports.importFile(write(tempDir(), 'november.csv', NOVEMBER))).rejects.toThrow(/read-only/);
    clinic.close();
  });
});

describe('undoing an import', () => {
  it('restores exactly the figures there were before, records it in the audit, and saves', async () => {
    const file = await sampleFile();
    const clinic = await ClinicFile.open(file);
    const imports = new Imports(() => clinic, actor());
    const dump = () => clinic.db.all('SELECT * FROM observations ORDER BY measure, period, team');
    const before = dump();
    const { importId } = await imports.importFile(write(tempDir(), 'november.csv', NOVEMBER));
    expect(dump()).not.toEqual(before);
    const undo = imports.undoLast();
    expect(undo).toMatchObject({ importId, fileName: 'november.csv', restored: 1, removed: 4 });
    expect(undo.summary).toBe(
      'Undid the import of november.csv: 1 figure put back as before and 4 it had added removed.',
    );
    expect(dump()).toEqual(before);
    clinic.close();

    const reopened = await ClinicFile.open(file);
    expect(reopened.db.all('SELECT * FROM observations ORDER BY measure, period, team')).toEqual(before);
    const record = new Imports(() => reopened, actor()).list()[0];
    expect(record).toMatchObject({ undone_by: 'Pat Officer', undone_at: NOW.toISOString() });
    expect(reopened.db.all("SELECT action FROM audit WHERE entity = 'import' ORDER BY id")).toEqual([
      { action: 'imported' },
      { action: 'undone' },
    ]);
    reopened.close();
  });

  it('only the most recent import can be undone, and one undone cannot be undone again', async () => {
    const file = await sampleFile();
    const dir = tempDir();
    const clinic = await ClinicFile.open(file);
    const imports = new Imports(() => clinic, actor());
    expect(() => imports.undoLast()).toThrow(/There is no import to undo: no figures have been imported/);
    const first = await imports.importFile(write(dir, 'november.csv', NOVEMBER));
    const afterFirst = clinic.db.all('SELECT * FROM observations ORDER BY measure, period, team');
    const second = await imports.importFile(
      write(
        dir,
        'december.xlsx',
        await xlsx({
          Figures: [
            ['Measure', 'Dec-23'],
            ['contacts', 790],
            ['decisions_1wd', pct(0.6)],
          ],
        }),
      ),
    );
    expect(() => imports.undoLast(first.importId!)).toThrow(
      /Only the most recent import can be undone. december.xlsx was imported after november.csv; undo that first./,
    );
    imports.undoLast(second.importId!);
    expect(clinic.db.all('SELECT * FROM observations ORDER BY measure, period, team')).toEqual(afterFirst);
    expect(() => imports.undoLast(second.importId!)).toThrow(/already been undone/);
    imports.undoLast();
    expect(() => imports.undoLast()).toThrow(/every import has already been undone/);
    clinic.close();
  });

  it('an undo whose save fails leaves the file as it was and the import still in place', async () => {
    const file = await sampleFile();
    const setup = await ClinicFile.open(file);
    await new Imports(() => setup, actor()).importFile(write(tempDir(), 'november.csv', NOVEMBER));
    setup.close();
    const before = sha(file);
    const clinic = await ClinicFile.open(file, { fs: new FaultyFs(failFromCall(1)) });
    const figures = allFigures(clinic.db);
    const imports = new Imports(() => clinic, actor());
    expect(() => imports.undoLast()).toThrow(/EIO|input\/output/);
    expect(allFigures(clinic.db)).toEqual(figures);
    expect(imports.list()[0]?.undone_at).toBeNull();
    clinic.close();
    expect(sha(file)).toBe(before);
  });
});
