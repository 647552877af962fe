/**
 * Text that a spreadsheet would run as a formula is made inert (reliability.md rule 10): a cell
 * that begins with =, +, -, @, a tab, a carriage return or NUL gets a leading apostrophe, which
 * Excel and LibreOffice show as text. Numbers are written as numbers and never pass through here.
 */
const FORMULA_START = /^[=+\-@\t\r\0]/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
