import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../main/import/analyse';
import { isPercentFormat } from '../../main/import/xlsx-reader';
import { checkXlsxContainer } from '../../main/import/zip-guard';
import { encryptedWorkbookStandIn, pct, xlsx, zip, zipBomb } from '../support/spreadsheets';
import { analyseBytes, errorsOf, problemLines } from '../support/import-fixtures';

const figuresOf = (a: Awaited<ReturnType<typeof analyseBytes>>) =>
  a.preview.writes.map((w) => [w.measure, w.period, w.team, w.next.value]);

describe('an .xlsx workbook', () => {
  it('reads a wide sheet whose month headings are real dates, and 0.55 formatted as a percentage as 55', async () => {
    const bytes = await xlsx({
      'Performance sheet': [
        ['Measure', 'Target', new Date(Date.UTC(2023, 9, 1)), { value: 45231, numFmt: 'mmm-yy' }],
        ['Decisions within 1 working day', pct(0.8), pct(0.55), pct(0.581)],
        ['contacts', null, 781, { formula: 'A1+1', result: 790 }],
      ],
    });
    const a = await analyseBytes(bytes, 'sheet.xlsx');
    expect(problemLines(a.problems)).toEqual([]);
    expect(a.format).toBe('xlsx');
    expect(figuresOf(a)).toEqual([
      ['decisions_1wd', '2023-10', '', 55],
      ['decisions_1wd', '2023-11', '', 58.1],
      ['contacts', '2023-10', '', 781],
      ['contacts', '2023-11', '', 790],
    ]);
  });

  it('reads a long sheet with date cells and numbers typed as text, and skips a cover sheet with a warning', async () => {
    const bytes = await xlsx({
      Cover: [['Figures for the clinic'], ['Prepared by the performance team']],
      Data: [
        ['Measure key', 'Month', 'Value', 'Team'],
        ['contacts', new Date(Date.UTC(2023, 10, 30)), '800', 'North'],
        ['decisions_1wd', 'Nov-23', 57, null],
        ['contacts', new Date(Date.UTC(2023, 10, 1)), 0.55, 7],
      ],
    });
    const a = await analyseBytes(bytes, 'long.xlsx');
    expect(problemLines(a.problems)).toEqual([
      'warning Cover!: No heading row was found. Put a row of headings first: "Measure", "Period" and "Value" (one row per figure), or "Measure" and one column per month such as "Oct-23" (one row per measure).',
      'error Data!C4: 0.55 is not a whole number, but this measure is a count.',
    ]);
    expect(a.sheets).toEqual([
      { name: 'Cover', layout: null },
      { name: 'Data', layout: 'long' },
    ]);
  });

  it('knows a percentage number format when it sees one', () => {
    expect(isPercentFormat('0%')).toBe(true);
    expect(isPercentFormat('0.0%;[Red]-0.0%')).toBe(true);
    expect(isPercentFormat('0.0"%"')).toBe(false);
    expect(isPercentFormat('0\\%')).toBe(false);
    expect(isPercentFormat('General')).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
  });
});

describe('a hostile .xlsx is refused with a clear message before any parser sees it', () => {
  it('a zip bomb: a part that inflates beyond the limit', () => {
    const bomb = zipBomb(32 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => checkXlsxContainer(bomb, 'bomb.xlsx', { maxEntries: 2000, maxTotalBytes: 16 * 1024 * 1024 })).toThrow(
      /would unpack to more than 16 MB.*zip bomb/,
    );
  });

  it('a zip bomb that lies about its size in the headers stops at the cap', () => {
    const liar = zipBomb(32 * 1024 * 1024, 1000);
    expect(() => checkXlsxContainer(liar, 'liar.xlsx')).toThrow(/unpacks to more than it declares.*zip bomb/);
  });

  it('too many entries', () => {
    const many = zip(Array.from({ length: 2001 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<a/>') })));
    expect(() => checkXlsxContainer(many, 'many.xlsx')).toThrow(/has 2,001 parts inside it/);
  });

  it('a password-protected workbook (an encrypted OLE2 file, not a zip)', async () => {
    await expect(readWorkbook(encryptedWorkbookStandIn(), 'secret.xlsx')).rejects.toThrow(
      /password-protected \(encrypted\).*remove the password/,
    );
    const flagged = zip([{ name: 'xl/workbook.xml', data: Buffer.from('<w/>'), encrypted: true }]);
    expect(() => checkXlsxContainer(flagged, 'flagged.xlsx')).toThrow(/password-protected/);
  });

  it('a corrupt or truncated workbook, and a zip that is not a workbook', async () => {
    const good = await xlsx({
      S: [
        ['Measure', 'Oct-23'],
        ['contacts', 1],
      ],
    });
    await expect(readWorkbook(good.subarray(0, good.length - 40), 'cut.xlsx')).rejects.toThrow(
      /not a readable Excel workbook \(its zip directory is missing/,
    );
    const garbled = new Uint8Array(good);
    garbled.fill(0x55, 200, 600);
    await expect(readWorkbook(garbled, 'garbled.xlsx')).rejects.toThrow(/not a readable Excel workbook/);
    await expect(readWorkbook(Buffer.from('PK\u0003\u0004 nonsense'), 'junk.xlsx')).rejects.toThrow(
      /not a readable Excel workbook/,
    );
    const docx = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<d/>') },
    ]);
    await expect(readWorkbook(docx, 'letter.xlsx')).rejects.toThrow(/not an Excel workbook/);
    await expect(readWorkbook(Buffer.from('hello'), 'old.xls')).rejects.toThrow(/old-style .xls/);
    await expect(readWorkbook(Buffer.from('hello'), 'photo.png')).rejects.toThrow(/choose an .xlsx or .csv/);
  });

  it('a workbook within the limits passes, and its parts are listed', async () => {
    const good = await xlsx({
      S: [
        ['Measure', 'Oct-23'],
        ['contacts', 1],
      ],
    });
    const entries = checkXlsxContainer(good, 'good.xlsx');
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
    const a = await analyseBytes(good, 'good.xlsx');
    expect(errorsOf(a)).toEqual([]);
  });
});
