/** The action log as rows for spreadsheets (CSV now, .xlsx later): every text cell made safe to open. */
import { stringify } from 'csv-stringify/sync';
import { actionStatusLabel } from '../domain/actions';
import { neutraliseCell } from '../domain/spreadsheet-safety';
import type { ActionLogEntry } from '../domain/types';

export const ACTION_LOG_HEADER = [
  'Reference',
  'Measure',
  'Description',
  'Owner',
  'Due',
  'Status',
  'Overdue',
  'Raised at',
  'Raised on',
  'Raised by',
  'Latest update',
  'Latest update on',
] as const;

export function actionLogRows(actions: readonly ActionLogEntry[]): string[][] {
  return actions.map((a) => {
    const latest = a.updates.at(-1);
    return [
      a.ref,
      a.measure_title ?? 'Whole clinic',
      a.description,
      a.owner,
      a.due_on,
      actionStatusLabel[a.status],
      a.overdue ? 'Overdue' : '',
      a.clinic_kind,
      a.clinic_held_on,
      a.created_by,
      latest?.text ?? '',
      latest ? latest.created_at.slice(0, 10) : '',
    ].map(neutraliseCell);
  });
}

export function actionLogCsv(actions: readonly ActionLogEntry[]): string {
  // A byte-order mark so that Excel on Windows reads the file as UTF-8 (names with accents, emoji).
  return `\uFEFF${stringify([[...ACTION_LOG_HEADER], ...actionLogRows(actions)], { record_delimiter: '\r\n' })}`;
}
