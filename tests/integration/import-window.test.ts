/**
 * The import as the window drives it: the app asks the person for the file (the host's open
 * dialog, played here), previews it, and imports only what was previewed. The window never names
 * a file; every call goes through the dispatcher the IPC handlers use.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { createDispatcher, handlersFor } from '../../main/api/dispatch';
import { Imports } from '../../main/api/imports';
import type { ExportHost, ExportKind } from '../../main/exports/exporter';
import { insertDataset } from '../../main/store/catalogue';
import { ClinicFile } from '../../main/store/clinic-file';
import { october2023 } from '../../main/sample/october-2023';
import { csv } from '../support/spreadsheets';
import { NOW } from '../support/import-fixtures';
import { failEveryRename, FaultyFs, noFault } from '../support/faulty-fs';
import { tempDir } from '../support/temp';
import { FileLock } from '../../main/store/file-lock';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const noPrinter = { htmlToPdf: () => Promise.reject(new Error('no PDF in these tests')) };

const NOVEMBER = ['Measure,Period,Value', 'contacts,2023-11,812', 'referrals,2023-10,255'];
const NOVEMBER_WITH_ERRORS = [
  'Measure,Period,Value',
  'contacts,2023-11,812',
  'refferals,2023-11,260',
  'decisions_1wd,2023-11,140%',
];

/** The person at the dialogs: which file they pick next (null: they cancel), and what they were asked. */
function personAt(dir: string): ExportHost & { picks: (string | null)[]; opened: number; titles: string[] } {
  const host = {
    picks: [] as (string | null)[],
    opened: 0,
    titles: [] as string[],
    printer: noPrinter,
    chooseOpenPath: () => {
      host.opened++;
      return Promise.resolve(host.picks.shift() ?? null);
    },
    chooseSavePath: (suggested: string, _kind: ExportKind, title?: string) => {
      host.titles.push(title ?? '');
      return Promise.resolve(path.join(dir, suggested));
    },
    confirmReplace: () => Promise.resolve(false),
  };
  return host;
}

function write(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, csv(lines));
  return file;
}

async function appOver(options: { lock?: boolean; host?: ExportHost } = {}) {
  const dir = tempDir();
  const file = path.join(dir, 'clinic.db');
  const host = personAt(dir);
  const app = new ClinicApp({ now: () => NOW, exportHost: options.host ?? host, lock: options.lock });
  await app.createFile(file);
  app.setPreferences({ displayName: 'Pat Officer' });
  const dispatch = createDispatcher(handlersFor(app));
  return { app, dir, file, host, dispatch };
}

describe('choosing a spreadsheet to import from the window', () => {
  it('previews the file the person picks, writes nothing, and imports it on confirm', async () => {
    const { app, dir, file, host, dispatch } = await appOver();
    const before = sha(file);
    host.picks.push(write(dir, 'november.csv', NOVEMBER));

    const chosen = await dispatch('chooseImportFile', {});
    expect(chosen.ok).toBe(true);
    const preview = chosen.ok ? (chosen.value as Awaited<ReturnType<ClinicApp['chooseImportFile']>>) : null;
    expect(preview).toMatchObject({ fileName: 'november.csv', canImport: true, errorCount: 0 });
    expect(preview?.totals).toMatchObject({ added: 1, changed: 1 });
    // Each measure carries its unit, so the window can write 255 as a count and 55% as a percentage.
    expect(preview?.measures.map((m) => [m.measure, m.unit])).toEqual([
      ['contacts', 'count'],
      ['referrals', 'count'],
    ]);
    expect(sha(file)).toBe(before);

    const imported = await dispatch('confirmImport', { sha256: preview!.sha256 });
    expect(imported).toMatchObject({ ok: true, value: { fileName: 'november.csv', totals: { added: 1, changed: 1 } } });
    expect(app.periods().latest).toBe('2023-11');
    expect(await dispatch('listImports', {})).toMatchObject({
      ok: true,
      value: [{ file_name: 'november.csv', imported_by: 'Pat Officer', added: 1, changed: 1, undone_at: null }],
    });
    // Confirmed once: the same preview cannot be imported a second time.
    expect(await dispatch('confirmImport', { sha256: preview!.sha256 })).toEqual({
      ok: false,
      error: expect.stringMatching(/^That preview is no longer current/),
    });
    app.close();
  });

  it('cancelling the dialog returns null, and an earlier preview still stands', async () => {
    const { app, dir, host, dispatch } = await appOver();
    expect(await dispatch('chooseImportFile', {})).toEqual({ ok: true, value: null });
    expect(await dispatch('recheckImport', {})).toEqual({
      ok: false,
      error: 'There is no file to check again: choose the spreadsheet to see what it would change.',
    });

    host.picks.push(write(dir, 'november.csv', NOVEMBER));
    const first = await app.chooseImportFile();
    host.picks.push(null);
    expect(await app.chooseImportFile()).toBeNull();
    expect(await app.imports.importPreviewed(first!.sha256)).toMatchObject({ fileName: 'november.csv' });
    app.close();
  });

  it('choosing another file replaces the preview: only the file now shown can be imported', async () => {
    const { app, dir, host } = await appOver();
    host.picks.push(write(dir, 'bad.csv', NOVEMBER_WITH_ERRORS), write(dir, 'november.csv', NOVEMBER));
    const bad = await app.chooseImportFile();
    expect(bad).toMatchObject({ canImport: false, errorCount: 2 });
    const good = await app.chooseImportFile();
    await expect(app.imports.importPreviewed(bad!.sha256)).rejects.toThrow(/no longer current/);
    await expect(app.imports.importPreviewed(good!.sha256)).resolves.toMatchObject({ fileName: 'november.csv' });
    app.close();
  });

  it('a file the person has fixed since is read again with "check again", and the fixed version imported', async () => {
    const { app, dir, host } = await appOver();
    const source = write(dir, 'november.csv', NOVEMBER_WITH_ERRORS);
    host.picks.push(source);
    const first = await app.chooseImportFile();
    expect(first?.problems.map((p) => [p.row, p.message])).toEqual([
      [3, '"refferals" is not a measure in this clinic file. Did you mean "Referrals" (referrals)?'],
      [4, '140% is not a percentage between 0 and 100.'],
    ]);
    await expect(app.imports.importPreviewed(first!.sha256)).rejects.toThrow(/2 problems to fix first/);

    write(dir, 'november.csv', ['Measure,Period,Value', 'contacts,2023-11,812', 'referrals,2023-11,260']);
    const again = await app.imports.previewAgain();
    expect(again).toMatchObject({ fileName: 'november.csv', errorCount: 0, canImport: true });
    expect(again.sha256).not.toBe(first!.sha256);
    expect(host.opened).toBe(1);
    await expect(app.imports.importPreviewed(again.sha256)).resolves.toMatchObject({ totals: { added: 2 } });
    app.close();
  });

  it('a file changed after its preview is not imported: the person is asked to look again', async () => {
    const { app, dir, file, host } = await appOver();
    const source = write(dir, 'november.csv', NOVEMBER);
    host.picks.push(source);
    const preview = await app.chooseImportFile();
    const before = sha(file);
    write(dir, 'november.csv', [...NOVEMBER, 'contacts,2023-12,790']);
    await expect(app.imports.importPreviewed(preview!.sha256)).rejects.toThrow(
      /november.csv has changed since it was previewed. Nothing has been imported/,
    );
    expect(sha(file)).toBe(before);
    app.close();
  });

  it('cancelling forgets the preview and leaves the clinic file byte-identical', async () => {
    const { app, dir, file, host, dispatch } = await appOver();
    const before = sha(file);
    host.picks.push(write(dir, 'november.csv', NOVEMBER));
    const preview = await app.chooseImportFile();
    expect(await dispatch('cancelImport', {})).toEqual({ ok: true, value: null });
    await expect(app.imports.importPreviewed(preview!.sha256)).rejects.toThrow(/no longer current/);
    expect(sha(file)).toBe(before);
    app.close();
  });

  it('opening another clinic file forgets the preview, which described the first file', async () => {
    const { app, dir, host } = await appOver();
    host.picks.push(write(dir, 'november.csv', NOVEMBER));
    const preview = await app.chooseImportFile();
    await app.createFile(path.join(dir, 'other.db'));
    await expect(app.imports.importPreviewed(preview!.sha256)).rejects.toThrow(/no longer current/);
    app.close();
  });

  it('a file someone else has open is imported into all the same; a save held up by their lock names them; a file opened read-only is refused', async () => {
    const { app, dir, file } = await appOver({ lock: true });
    const host = personAt(tempDir());
    const second = new ClinicApp({ lock: true, exportHost: host, now: () => NOW, lockOptions: { waitMs: 50 } });
    await second.openFile(file);
    expect(second.fileInfo().readOnly).toBe(false);
    host.picks.push(write(dir, 'november.csv', NOVEMBER));
    const preview = await second.chooseImportFile();
    expect(host.opened).toBe(1);
    // Someone else's save holds the lock for longer than the wait: refused, naming them and when.
    const held = FileLock.acquire(file, { user: 'Pat Officer' });
    if (!held.held) throw new Error('lock not taken');
    const dispatch = createDispatcher(handlersFor(second));
    expect(await dispatch('confirmImport', { sha256: preview!.sha256 })).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^clinic\.db is being saved by Pat Officer on .+ \(since .+\), so the figures have not been imported\. Import them again in a moment\.$/,
      ),
    });
    expect(second.imports.list()).toEqual([]);
    held.lock.release();
    expect(await dispatch('confirmImport', { sha256: preview!.sha256 })).toMatchObject({ ok: true });
    second.close();
    app.close();

    const readOnly = new ClinicApp({ exportHost: host });
    await readOnly.openFile(file, { readOnly: true });
    await expect(readOnly.chooseImportFile()).rejects.toThrow(
      'clinic.db is open read-only, so figures cannot be imported into it. Open it for editing to import figures.',
    );
    readOnly.close();
  });

  it('without a window there is no dialog to ask: the command line is named instead', async () => {
    const app = new ClinicApp();
    await app.createFile(path.join(tempDir(), 'clinic.db'));
    await expect(app.chooseImportFile()).rejects.toThrow(/perfclinic import/);
    await expect(app.exportImportTemplate({ format: 'xlsx' })).rejects.toThrow(/perfclinic template/);
    app.close();
  });
});

describe('confirming after a failure', () => {
  it('an import whose save failed can be confirmed again once the disk has room', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'clinic.db');
    (await ClinicFile.create(file, (db) => insertDataset(db, october2023))).close();
    const disk = new FaultyFs(noFault, 'ENOSPC');
    const clinic = await ClinicFile.open(file, { fs: disk });
    const imports = new Imports(() => clinic, { who: 'Pat Officer', now: () => NOW });
    const preview = await imports.previewFile(write(dir, 'november.csv', NOVEMBER));
    const before = sha(file);

    disk.failWhen = failEveryRename;
    await expect(imports.importPreviewed(preview.sha256)).rejects.toThrow(/the disk is full/);
    expect(sha(file)).toBe(before);
    expect(imports.list()).toEqual([]);

    disk.failWhen = noFault;
    await expect(imports.importPreviewed(preview.sha256)).resolves.toMatchObject({ totals: { added: 1, changed: 1 } });
    expect(imports.list()).toHaveLength(1);
    clinic.close();
  });
});

describe('the template to fill in, from the window', () => {
  it('is saved where the person chooses, named after the clinic file, as .xlsx or .csv', async () => {
    const { app, dir, host, dispatch } = await appOver();
    const xlsxSaved = await dispatch('exportImportTemplate', { format: 'xlsx' });
    expect(xlsxSaved).toEqual({ ok: true, value: { path: path.join(dir, 'clinic figures template 2024-06-15.xlsx') } });
    expect(fs.readFileSync(path.join(dir, 'clinic figures template 2024-06-15.xlsx')).subarray(0, 2).toString()).toBe(
      'PK',
    );
    const csvSaved = await app.exportImportTemplate({ format: 'csv' });
    const text = fs.readFileSync(csvSaved!.path, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\ufeffMeasure key,Measure,Unit,Team,Worker,Dec 2022,Jan 2023,Feb 2023,Mar 2023,Apr 2023,May 2023,Jun 2023,Jul 2023,Aug 2023,Sep 2023,Oct 2023,Nov 2023',
    );
    expect(text).toContain('\r\ncontacts,Contacts,count,,,');
    expect(host.titles).toEqual(['Save a template to fill in with figures', 'Save a template to fill in with figures']);
    // Asked again with the same name, the person declines to replace it: nothing is written.
    const again = await app.exportImportTemplate({ format: 'csv' });
    expect(again).toBeNull();
    app.close();
  });
});
