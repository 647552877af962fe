/**
 * A spreadsheet as the import reads it, whatever it came from: sheets of numbered rows of
 * cells. A CSV gives only text; an .xlsx also gives numbers (with whether the cell is formatted
 * as a percentage) and real dates. Plain data; the readers make it and the layouts read it.
 */
export type Cell =
  | { kind: 'blank' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; percentFormat: boolean }
  | { kind: 'date'; year: number; month: number; day: number };

export interface SheetRow {
  /** 1-based, as the spreadsheet program numbers it. */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
}

export interface Workbook {
  format: 'csv' | 'xlsx';
  sheets: Sheet[];
  /** Things the person should know about how the file was read (a sheet skipped, an encoding guessed). */
  notices: string[];
}

export const BLANK: Cell = { kind: 'blank' };

export function isBlank(cell: Cell | undefined): boolean {
  return cell === undefined || cell.kind === 'blank' || (cell.kind === 'text' && cell.text.trim() === '');
}

/** The cell as a person would read it, for messages and for text columns (so 007 stays 007). */
/** The most of a cell a message quotes: a 20 MB cell must not make a 20 MB message in the CLI or the wizard. */
export const QUOTE_MAX = 80;

/** Text from the file as a message quotes it: in double quotes, cut to QUOTE_MAX characters ending in "…". */
export function quoted(text: string): string {
  // Cut by code point, so an emoji is never split; slice first so a huge cell is not spread whole.
  const head = Array.from(text.slice(0, QUOTE_MAX * 2 + 2));
  const shown = head.length > QUOTE_MAX ? `${head.slice(0, QUOTE_MAX - 1).join('')}…` : text;
  return `"${shown}"`;
}

export function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  switch (cell.kind) {
    case 'blank':
      return '';
    case 'text':
      return cell.text.trim();
    case 'number':
      return cell.percentFormat ? `${trimFloat(cell.value * 100)}%` : String(cell.value);
    case 'date':
      return `${String(cell.day).padStart(2, '0')}/${String(cell.month).padStart(2, '0')}/${cell.year}`;
  }
}

/** Removes binary floating-point noise (0.557 * 100 = 55.70000000000001). */
export function trimFloat(value: number): number {
  return Number(value.toPrecision(12));
}

/** "A", "B", ... "Z", "AA": the column letters a spreadsheet shows, 0-based index in. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
