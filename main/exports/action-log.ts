/** The action log for spreadsheets, as CSV and as .xlsx: every text cell made safe to open (reliability.md rule 10). */
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import { actionStatusLabel } from '../domain/actions';
import { neutraliseCell } from '../domain/spreadsheet-safety';
import type { ActionLogEntry } from '../domain/types';

export const ACTION_LOG_HEADER = [
  'Reference',
  'Measure',
  'Description',
  'Owner',
  'Team',
  'Due',
  'Status',
  'Overdue',
  'Raised at',
  'Raised on',
  'Raised by',
  'Latest update',
  'Latest update on',
] as const;

/** Which columns hold a calendar date (YYYY-MM-DD, or empty), written as real dates in .xlsx. */
const DATE_COLUMNS: ReadonlySet<number> = new Set([5, 9, 12]);
/** Column widths in characters, in the order of the header. */
const XLSX_WIDTHS = [16, 34, 60, 22, 22, 12, 12, 9, 30, 12, 20, 60, 14];

function rawRow(a: ActionLogEntry): string[] {
  const latest = a.updates.at(-1);
  return [
    a.ref,
    a.measure_title ?? 'Whole clinic',
    a.description,
    a.owner,
    a.team,
    a.due_on,
    actionStatusLabel[a.status],
    a.overdue ? 'Overdue' : '',
    a.clinic_kind,
    a.clinic_held_on,
    a.created_by,
    latest?.text ?? '',
    latest ? latest.created_at.slice(0, 10) : '',
  ];
}

export function actionLogRows(actions: readonly ActionLogEntry[]): string[][] {
  return actions.map((a) => rawRow(a).map(neutraliseCell));
}

export function actionLogCsv(actions: readonly ActionLogEntry[]): string {
  // A byte-order mark so that Excel on Windows reads the file as UTF-8 (names with accents, emoji).
  return `\uFEFF${stringify([[...ACTION_LOG_HEADER], ...actionLogRows(actions)], { record_delimiter: '\r\n' })}`;
}

function dateCell(iso: string): Cell {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso === '' ? null : { type: String, value: neutraliseCell(iso) };
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { type: Date, value: new Date(Date.UTC(y, m - 1, d)), format: 'd mmm yyyy', alignVertical: 'top' };
}

/**
 * The action log as an Excel workbook: a bold header row frozen at the top, sensible column
 * widths, dates as real dates, and every text cell typed as a string and neutralised, so no cell
 * is ever written as a formula.
 */
export async function actionLogXlsx(actions: readonly ActionLogEntry[]): Promise<Uint8Array> {
  const header: Row = ACTION_LOG_HEADER.map((title) => ({
    value: title,
    type: String,
    fontWeight: 'bold' as const,
    bottomBorderStyle: 'thin' as const,
  }));
  const rows: Row[] = actions.map((a) =>
    rawRow(a).map((text, column) =>
      DATE_COLUMNS.has(column)
        ? dateCell(text)
        : text === ''
          ? null
          : {
              type: String,
              value: neutraliseCell(text),
              wrap: column === 2 || column === 10,
              alignVertical: 'top' as const,
            },
    ),
  );
  const buffer = await writeXlsxFile([header, ...rows], {
    sheet: 'Action log',
    stickyRowsCount: 1,
    columns: XLSX_WIDTHS.map((width) => ({ width })),
  }).toBuffer();
  return new Uint8Array(buffer);
}
