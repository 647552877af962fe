/**
 * What the import API answers, as plain types: the wizard in the window and the command line
 * both read these. Type-only and free of Node, so the renderer can import them through the contract.
 */
import type { Problem } from './layout';
import type { MeasurePreview, PreviewTotals } from './preview';
import type { Period } from '../domain/types';

export type { Problem, MeasurePreview, PreviewTotals };
export type { FigureAddition, FigureChange, FigureValue } from './preview';

export interface ImportPreview {
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx';
  sheets: Array<{ name: string; layout: 'long' | 'wide' | null }>;
  notices: string[];
  rowsRead: number;
  blankRows: number;
  /** Cells or rows that deliberately hold no figure. */
  noFigure: number;
  problems: Problem[];
  problemsOmitted: number;
  errorCount: number;
  warningCount: number;
  /** True when there are no errors and something would change. */
  canImport: boolean;
  measures: MeasurePreview[];
  totals: PreviewTotals;
  periods: { from: Period; to: Period } | null;
  summary: string;
}

export interface ImportResult {
  /** null when nothing needed writing (every figure already there). */
  importId: number | null;
  fileName: string;
  totals: PreviewTotals;
  summary: string;
  /** The backup taken just before, in the file's backups folder. */
  backup: string | null;
}

export interface UndoResult {
  importId: number;
  fileName: string;
  /** Figures put back as they were, and figures removed because the import had added them. */
  restored: number;
  removed: number;
  summary: string;
}

/** One import as the file records it. */
export interface ImportRecord {
  id: number;
  file_name: string;
  sha256: string;
  format: string;
  rows_read: number;
  added: number;
  changed: number;
  unchanged: number;
  warnings: number;
  /** The name of the backup taken just before it. */
  backup: string | null;
  imported_at: string;
  imported_by: string;
  undone_at: string | null;
  undone_by: string | null;
}
