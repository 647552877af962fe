/**
 * From the bytes of a spreadsheet to a full account of what importing it would do: how it was
 * read, every problem with its sheet, row and reason, and the preview. Nothing here writes.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../errors';
import type { Workbook } from './cells';
import { readCsv } from './csv-reader';
import { readSheet, type Layout, type Problem } from './layout';
import { buildPreview, summarise, type FigureLookup, type Preview } from './preview';
import { validate, type CatalogueEntry } from './validate';
import { readXlsx } from './xlsx-reader';
import type { ZipLimits } from './zip-guard';

export interface Analysis {
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx';
  /** The layout of each sheet that was read. */
  sheets: Array<{ name: string; layout: Layout | null }>;
  notices: string[];
  rowsRead: number;
  blankRows: number;
  noFigure: number;
  problems: Problem[];
  errorCount: number;
  warningCount: number;
  preview: Preview;
  summary: string;
}

export interface AnalyseContext {
  catalogue: readonly CatalogueEntry[];
  current: FigureLookup;
  now: Date;
  zipLimits?: ZipLimits;
}

const XLSX_NAME = /\.(xlsx|xlsm)$/i;
const CSV_NAME = /\.(csv|txt|tsv)$/i;

/** Reads the bytes as .xlsx or CSV, by name, and by content where the name says neither. */
export async function readWorkbook(bytes: Uint8Array, name: string, zipLimits?: ZipLimits): Promise<Workbook> {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const cfb = bytes[0] === 0xd0 && bytes[1] === 0xcf;
  if (/\.xls$/i.test(name) && !zip) {
    throw new UserError(
      `${name} is an old-style .xls workbook (or a password-protected one). Open it in Excel and save it as .xlsx, then import that.`,
    );
  }
  if (XLSX_NAME.test(name) || zip || cfb) return readXlsx(bytes, name, zipLimits);
  if (CSV_NAME.test(name) || !/\.[a-z0-9]+$/i.test(name)) return readCsv(bytes, name);
  throw new UserError(`${name} is not a spreadsheet the import reads: choose an .xlsx or .csv file.`);
}

export function analyseWorkbook(
  workbook: Workbook,
  fileName: string,
  sha256: string,
  context: AnalyseContext,
): Analysis {
  const readings = workbook.sheets.map(readSheet);
  const readable = readings.filter((r) => r.layout !== null);
  // In a workbook, a sheet with no heading row (a cover sheet, notes) is only a warning, as long
  // as some sheet holds figures; a CSV has one sheet, so there it is an error.
  if (workbook.format === 'xlsx' && readable.length > 0) {
    for (const r of readings) {
      if (r.layout === null) for (const p of r.problems) p.severity = 'warning';
    }
  }
  if (workbook.sheets.length === 0) {
    throw new UserError(`${fileName} has no sheets to read.`);
  }
  const validation = validate(readings, context.catalogue, context.now);
  // In the order a person reads the file: sheet by sheet, row by row (file-wide problems first).
  const sheetOrder = new Map(readings.map((r, i) => [r.sheet, i]));
  validation.problems.sort(
    (a, b) => (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || (a.row ?? 0) - (b.row ?? 0),
  );
  const measures = new Map(context.catalogue.map((m) => [m.key, m]));
  const preview = buildPreview(validation.figures, context.current, measures);
  const errorCount = validation.problems.filter((p) => p.severity === 'error').length;
  return {
    fileName,
    sha256,
    format: workbook.format,
    sheets: readings.map((r) => ({ name: r.sheet, layout: r.layout })),
    notices: workbook.notices,
    rowsRead: validation.rowsRead,
    blankRows: validation.blankRows,
    noFigure: validation.noFigure,
    problems: validation.problems,
    errorCount,
    warningCount: validation.problems.length - errorCount,
    preview,
    summary: summarise(preview.totals),
  };
}

export async function analyse(bytes: Uint8Array, fileName: string, context: AnalyseContext): Promise<Analysis> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const workbook = await readWorkbook(bytes, fileName, context.zipLimits);
  return analyseWorkbook(workbook, fileName, sha256, context);
}
