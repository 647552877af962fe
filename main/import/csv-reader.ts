/**
 * Reads a CSV into rows of text cells with csv-parse. Every record becomes a row numbered as a
 * spreadsheet program would show it (a quoted value that spans lines stays one row), blank lines
 * included, so row numbers in messages match what the person sees when they open the file.
 */
import { UserError } from '../errors';
import type { Cell, Sheet, Workbook } from './cells';

/** A CSV larger than this is not a month's figures. */
export const MAX_CSV_BYTES = 200 * 1024 * 1024;

/** Text from bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a mark, else Windows-1252 as Excel writes. */
export function decodeText(bytes: Uint8Array): { text: string; notice: string | null } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), notice: null };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), notice: null };
  try {
    // The decoder drops a UTF-8 byte-order mark itself.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), notice: null };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      notice:
        'The file is not UTF-8, so it was read as Windows text (as Excel saves "CSV" files); check any accented names.',
    };
  }
}

/** Comma unless the first line plainly uses semicolons (Excel in some regions) or tabs. */
/** The first line with something on it, found without splitting the whole file into lines. */
function firstLine(text: string): string {
  for (let start = 0; start < text.length;) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
    if (line.trim() !== '') return line;
    if (end < 0) break;
    start = end + 1;
  }
  return '';
}

function guessDelimiter(text: string): string {
  const first = firstLine(text);
  const unquoted = first.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

export async function readCsv(bytes: Uint8Array, name: string): Promise<Workbook> {
  if (bytes.length > MAX_CSV_BYTES) {
    throw new UserError(`${name} is larger than 200 MB, far more than a file of figures needs; it has not been read.`);
  }
  const { text, notice } = decodeText(bytes);
  if (text.includes('\u0000')) {
    throw new UserError(
      `${name} is not a text file, so it cannot be read as CSV. Save the spreadsheet as CSV or .xlsx.`,
    );
  }
  // Loaded on first use, so starting the app or the command line does not pay for it.
  const { parse } = await import('csv-parse/sync');
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw new UserError(`${name} could not be read as CSV: ${(error as Error).message}. Nothing has been imported.`);
  }
  const sheet: Sheet = {
    name: name.replace(/\.[^.]*$/, ''),
    rows: records.map((record, index) => ({
      row: index + 1,
      cells: record.map((value): Cell => (value.trim() === '' ? { kind: 'blank' } : { kind: 'text', text: value })),
    })),
  };
  return { format: 'csv', sheets: [sheet], notices: notice ? [notice] : [] };
}
