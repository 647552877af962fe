/**
 * DfE's published statistics as explore-education-statistics lays them out: one CSV per table,
 * the geography and time columns first (in either of the orders DfE uses), the measure columns
 * after them, suppressed cells written as a code. Pure: it reads rows already split by the CSV
 * reader, and says what is wrong with a file by file, row and reason.
 */
import { UserError } from '../../errors';

/** DfE's symbols for a value not shown (explore-education-statistics conventions). */
export const SUPPRESSION: Readonly<Record<string, string>> = {
  c: 'confidential: suppressed to protect individuals',
  u: 'low reliability',
  x: 'not available',
  z: 'not applicable',
  k: 'rounds to zero (an older symbol for "low")',
  low: 'rounds to zero, but is not zero',
};

export type DfeValue = { value: number } | { suppressed: string };

/** A reporting year as DfE writes it ("2021-22"), and the month its figures end. */
export interface ReportingYear {
  label: string;
  /** `YYYY-MM`: the last month the figures cover (March for a year to 31 March). */
  ends: string;
}

export interface DfeRow {
  /** The row as a spreadsheet numbers it (the header is row 1). */
  row: number;
  year: ReportingYear;
  level: string;
  regionCode: string;
  regionName: string;
  oldLaCode: string;
  newLaCode: string;
  laName: string;
  /** Every cell by its column name. */
  cells: ReadonlyMap<string, string>;
}

export interface DfeTable {
  name: string;
  columns: readonly string[];
  rows: DfeRow[];
}

export const GEOGRAPHY_COLUMNS = [
  'time_period',
  'time_identifier',
  'geographic_level',
  'country_code',
  'country_name',
  'region_code',
  'region_name',
  'old_la_code',
  'new_la_code',
  'la_name',
] as const;

const REQUIRED = ['time_period', 'time_identifier', 'geographic_level', 'old_la_code', 'new_la_code', 'la_name'];

function twoDigits(n: number): string {
  return String(n % 100).padStart(2, '0');
}

/**
 * The year a row's `time_period` and `time_identifier` name. A four-digit reporting or financial
 * year is the year it ends in (2022 is the year to 31 March 2022, written "2021-22"); six digits
 * name both years (202122); a calendar year stays as it is.
 */
export function reportingYear(timePeriod: string, timeIdentifier: string): ReportingYear | null {
  const period = timePeriod.trim();
  const identifier = timeIdentifier.trim().toLowerCase();
  const academic = identifier.startsWith('academic');
  if (/^\d{6}$/.test(period)) {
    const start = Number(period.slice(0, 4));
    if ((start + 1) % 100 !== Number(period.slice(4))) return null;
    return { label: `${start}-${period.slice(4)}`, ends: `${start + 1}-${academic ? '08' : '03'}` };
  }
  if (/^\d{4}$/.test(period)) {
    const year = Number(period);
    if (identifier.startsWith('calendar')) return { label: period, ends: `${year}-12` };
    return { label: `${year - 1}-${twoDigits(year)}`, ends: `${year}-${academic ? '08' : '03'}` };
  }
  return null;
}

/** A cell as a figure: a number, a suppression code, or null when blank. Throws on anything else. */
export function dfeValue(text: string): DfeValue | null {
  const cell = text.trim();
  if (cell === '') return null;
  const code = cell.toLowerCase();
  if (code in SUPPRESSION) return { suppressed: code };
  const number = Number(cell.replace(/,/g, ''));
  if (!Number.isFinite(number) || !/^-?[\d,]*\.?\d+$/.test(cell)) {
    throw new Error(
      `"${cell.slice(0, 40)}" is neither a number nor one of DfE's suppression codes (${Object.keys(SUPPRESSION).join(', ')})`,
    );
  }
  return { value: number };
}

/**
 * Reads a DfE table from the CSV's records (the first is the header). A file without DfE's
 * geography and time columns is refused, naming what is missing; a row whose year cannot be read
 * is refused with its row number.
 */
export function readDfeTable(
  name: string,
  records: ReadonlyArray<{ row: number; cells: readonly string[] }>,
): DfeTable {
  const header = records.find((r) => r.cells.some((c) => c.trim() !== ''));
  if (!header) throw new UserError(`${name} is empty: it is not one of DfE's statistics files.`);
  const columns = header.cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    const first = columns.slice(0, 6).join(', ');
    throw new UserError(
      `${name} is not laid out as DfE publishes its statistics: it has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (its first columns are ${first || 'blank'}). Download the CSV from explore-education-statistics.service.gov.uk.`,
    );
  }
  const at = (cells: readonly string[], column: string): string => (cells[columns.indexOf(column)] ?? '').trim();
  const rows: DfeRow[] = [];
  for (const record of records) {
    if (record.row <= header.row) continue;
    if (record.cells.every((c) => c.trim() === '')) continue;
    const year = reportingYear(at(record.cells, 'time_period'), at(record.cells, 'time_identifier'));
    if (!year) {
      throw new UserError(
        `${name}, row ${record.row}: the time_period "${at(record.cells, 'time_period').slice(0, 20)}" is not a year DfE writes (2022 or 202122).`,
      );
    }
    const cells = new Map<string, string>();
    columns.forEach((c, i) => cells.set(c, (record.cells[i] ?? '').trim()));
    rows.push({
      row: record.row,
      year,
      level: at(record.cells, 'geographic_level'),
      regionCode: at(record.cells, 'region_code'),
      regionName: at(record.cells, 'region_name'),
      oldLaCode: at(record.cells, 'old_la_code'),
      newLaCode: at(record.cells, 'new_la_code'),
      laName: at(record.cells, 'la_name'),
      cells,
    });
  }
  return { name, columns, rows };
}

/** True when the code is an old three-digit LA code (370) or a nine-character GSS code (E08000016). */
export function isLaCode(code: string): boolean {
  return /^\d{3}$/.test(code.trim()) || /^E(06|08|09|10|11)\d{6}$/i.test(code.trim());
}
