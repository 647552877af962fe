import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionLogCsv, actionLogXlsx } from '../../main/exports/action-log';
import { writeExport } from '../../main/exports/write-export';
import { ExportFolder } from '../../main/shell/export-folder';
import { realFs, type SaveFs } from '../../main/store/durable-file';
import { tempDir } from '../support/temp';
import { clinicFixture, testHost } from './minutes-fixture';

const unzip = (file: string, entry: string) => execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8' });
const noPrinter = { htmlToPdf: () => Promise.reject(new Error('no PDF in these tests')) };

/** The cells of the first sheet as text, in reading order, with shared strings resolved. */
function xlsxCells(file: string): { sheet: string; cells: string[] } {
  const sheet = unzip(file, 'xl/worksheets/sheet1.xml');
  const shared = [...unzip(file, 'xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    (m[1] ?? '').replace(/<[^>]+>/g, ''),
  );
  const cells = [...sheet.matchAll(/<c ([^>]*)>(.*?)<\/c>/gs)].map(([, attrs = '', body = '']) => {
    const value = /<v>(.*?)<\/v>/s.exec(body)?.[1] ?? '';
    return attrs.includes('t="s"') ? (shared[Number(value)] ?? '') : value;
  });
  return { sheet, cells };
}

describe('the action log as a spreadsheet', () => {
  it('CSV: every cell that would run as a formula starts with an apostrophe', async () => {
    const f = await clinicFixture(tempDir());
    const csv = actionLogCsv(f.app.meetings.listActions());
    f.app.close();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"") Review the Front Door rota"`);
    expect(csv).toContain(`'+1 audit of re-referrals`);
    expect(csv).toContain(`'@SUM(A1) Check decisions made after 5pm`);
    expect(csv).toContain(`'-2 points by March`);
    expect(csv).not.toMatch(/(^|,)"?[=+@-]/m);
  });

  it('xlsx: text cells are strings, neutralised, never formulas; dates are dates; a bold frozen header', async () => {
    const dir = tempDir();
    const f = await clinicFixture(dir);
    const actions = f.app.meetings.listActions();
    f.app.close();
    const file = path.join(dir, 'log.xlsx');
    writeFileSync(file, await actionLogXlsx(actions));
    const { sheet, cells } = xlsxCells(file);

    expect(sheet).not.toMatch(/<f[ >]/);
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheet).toMatch(/<col min="3" max="3" width="60"/);
    expect(unzip(file, 'xl/styles.xml')).toMatch(/<b\/>|<b /);
    expect(cells.slice(0, 3)).toEqual(['Reference', 'Measure', 'Description']);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r\0]/);
    expect(cells).toContain(`'=HYPERLINK("http://x","y") Review the Front Door rota`);
    expect(cells).toContain(`'@SUM(A1) cases sampled so far; "more to do"`);
    expect(cells).toContain(`'+1 audit of re-referrals within 12 months`);
    expect(cells.some((c) => c.startsWith(`'-2 points by March`))).toBe(true);
    expect(cells.some((c) => c.includes('Zażółć gęślą jaźń'))).toBe(true);
    // Due 24 Nov 2023 (column F, after the owner and the team) is written as a date: Excel's serial
    // number for that day, with a date format.
    expect(sheet).toMatch(/<c r="F2" s="\d+"><v>45254<\/v><\/c>/);
    expect(cells.slice(3, 5)).toEqual(['Owner', 'Team']);
  });

  it('is exported through the app: suggested name, chosen path, refused replacement', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'actions.xlsx');
    const host = testHost(noPrinter, { path: target, replace: false });
    const f = await clinicFixture(dir, { exportHost: host });
    expect(await f.app.exportActionLog({ format: 'xlsx' })).toEqual({ path: target });
    expect(host.asked.suggested).toEqual(['clinic action log 2023-12-07.xlsx']);
    const first = readFileSync(target);
    expect(await f.app.exportActionLog({ format: 'xlsx' })).toBeNull();
    expect(readFileSync(target).equals(first)).toBe(true);
    const csv = await f.app.exportActionLog({ format: 'csv' }, testHost(noPrinter, { path: path.join(dir, 'a') }));
    f.app.close();
    expect(csv).toEqual({ path: path.join(dir, 'a.csv') });
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8').startsWith('\uFEFFReference,')).toBe(true);
  });
});

describe('writeExport', () => {
  it('refuses to replace an existing file unless told to, and says so plainly', () => {
    const dir = tempDir();
    const file = path.join(dir, 'minutes.pdf');
    writeFileSync(file, 'old');
    expect(() => writeExport(file, new TextEncoder().encode('new'), { overwrite: false })).toThrow(
      `minutes.pdf already exists in ${dir} and was not replaced.`,
    );
    expect(readFileSync(file, 'utf8')).toBe('old');
    writeExport(file, new TextEncoder().encode('new'), { overwrite: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('a disk that fills up part way leaves the old file whole and no temporary file behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'minutes.docx');
    writeFileSync(file, 'the old minutes');
    let writes = 0;
    const failing: SaveFs = {
      ...realFs,
      writeSync: (fd, buffer, offset, length, position) => {
        if (++writes > 1) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        return realFs.writeSync(fd, buffer, offset, Math.min(length, 4), position);
      },
    };
    expect(() => writeExport(file, new Uint8Array(1000), { overwrite: true, fs: failing })).toThrow(
      'Could not save minutes.docx: the disk is full. Nothing was written; choose another place or try again.',
    );
    expect(readFileSync(file, 'utf8')).toBe('the old minutes');
    expect(readdirSync(dir)).toEqual(['minutes.docx']);

    const fresh = path.join(dir, 'new.docx');
    expect(() => writeExport(fresh, new Uint8Array(1000), { overwrite: false, fs: failing })).toThrow(/disk is full/);
    expect(existsSync(fresh)).toBe(false);
    expect(readdirSync(dir)).toEqual(['minutes.docx']);
  });

  it('a missing folder or a folder in the way gets a readable error', () => {
    const dir = tempDir();
    expect(() => writeExport(path.join(dir, 'gone', 'x.pdf'), new Uint8Array(1), { overwrite: false })).toThrow(
      /the folder .*gone does not exist/,
    );
    mkdirSync(path.join(dir, 'folder.pdf'));
    expect(() => writeExport(path.join(dir, 'folder.pdf'), new Uint8Array(1), { overwrite: true })).toThrow(
      /is a folder; choose a file name/,
    );
  });
});

describe('the folder the save dialog opens in', () => {
  it('is the last one used while it exists, else the fallback', () => {
    const userData = tempDir();
    const documents = tempDir();
    const used = tempDir();
    const folder = new ExportFolder(userData, documents);
    expect(folder.current()).toBe(documents);
    folder.remember(path.join(used, 'minutes.pdf'));
    expect(new ExportFolder(userData, documents).current()).toBe(used);
    writeFileSync(path.join(userData, 'export-folder.json'), '{"folder": "relative/path"}');
    expect(folder.current()).toBe(documents);
    writeFileSync(path.join(userData, 'export-folder.json'), 'not json');
    expect(folder.current()).toBe(documents);
  });
});
