/**
 * Reads an .xlsx into rows of cells with ExcelJS, after the zip has been checked (zip-guard).
 * ExcelJS is used rather than the npm `xlsx` package (frozen, with known advisories) because it
 * is maintained and gives each cell's number format: 0.55 in a cell formatted as a percentage
 * is read as 55%, and date-formatted numbers come back as dates.
 */
import type ExcelJS from 'exceljs';
import { UserError } from '../errors';
import type { Cell, Sheet, Workbook } from './cells';
import { checkXlsxContainer, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-guard';

/**
 * ExcelJS is loaded when a workbook is first read or written, not when the app or the command
 * line starts: it is large, and most commands never touch a workbook.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  const loaded = await import('exceljs');
  return (loaded as { default?: typeof ExcelJS }).default ?? (loaded as unknown as typeof ExcelJS);
}

/** True when a number format shows the value as a percentage (a % outside quotes and escapes). */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return bare.includes('%');
}

function dateCell(date: Date): Cell {
  if (Number.isNaN(date.getTime())) return { kind: 'blank' };
  return { kind: 'date', year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** One of ExcelJS's cell values as a plain cell. Formulas give their last calculated result. */
function toCell(value: ExcelJS.CellValue, numFmt: string | undefined): Cell {
  if (value === null || value === undefined) return { kind: 'blank' };
  if (typeof value === 'number') return { kind: 'number', value, percentFormat: isPercentFormat(numFmt) };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'blank' } : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return dateCell(value);
  if ('richText' in value) return toCell(value.richText.map((r) => r.text).join(''), numFmt);
  if ('error' in value) return { kind: 'text', text: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { kind: 'blank' };
    if (typeof result === 'object' && 'error' in result) return { kind: 'text', text: String(result.error) };
    return toCell(result as ExcelJS.CellValue, numFmt);
  }
  if ('text' in value) return toCell(value.text as ExcelJS.CellValue, numFmt);
  return { kind: 'blank' };
}

export async function readXlsx(
  bytes: Uint8Array,
  name: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<Workbook> {
  checkXlsxContainer(bytes, name, limits);
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS declares its own Buffer type; Node's Buffer is what it reads at run time.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'picture', 'legacyDrawing'],
    });
  } catch (error) {
    throw new UserError(
      `${name} could not be read as an Excel workbook (${(error as Error).message}). It may be damaged; save it again from Excel.`,
    );
  }
  const sheets: Sheet[] = [];
  const notices: string[] = [];
  workbook.eachSheet((worksheet) => {
    if (worksheet.state !== 'visible') {
      notices.push(`Sheet "${worksheet.name}" is hidden, so it was not read.`);
      return;
    }
    const sheet: Sheet = { name: worksheet.name, rows: [] };
    worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: Cell[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        // A merged area's value is in its first cell; the rest read as blank.
        if (cell.type === ExcelJS.ValueType.Merge) cells.push({ kind: 'blank' });
        else cells.push(toCell(cell.value, cell.numFmt));
      }
      sheet.rows.push({ row: rowNumber, cells });
    });
    sheets.push(sheet);
  });
  return { format: 'xlsx', sheets, notices };
}
