/**
 * Exports as the application does them: ask the host where to save (the app's save dialog, or
 * the command line's --out), ask before replacing a file, render, and write safely. The host is a
 * port so that the core never imports Electron and the tests can answer for the person.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import { minutesDocx } from './minutes-docx';
import type { Minutes } from './minutes-data';
import { minutesHtml, minutesPageTemplates } from './minutes-html';
import type { PdfPrinter } from './pdf-printer';
import { writeExport } from './write-export';

export type MinutesFormat = 'pdf' | 'docx' | 'html';
export type ActionLogFormat = 'csv' | 'xlsx';
/** 'md' is the scrutiny report's Markdown; 'db' a copy of the clinic file itself (Take a copy to work offline). */
export type ExportKind = MinutesFormat | ActionLogFormat | 'md' | 'db';

export const MINUTES_FORMATS: readonly MinutesFormat[] = ['pdf', 'docx', 'html'];
export const ACTION_LOG_FORMATS: readonly ActionLogFormat[] = ['csv', 'xlsx'];

/** What a file the person opens is for: a spreadsheet of figures to import, or a copy of the clinic file to merge back. */
export type OpenKind = 'figures' | 'clinic copy';

/** What the application needs from whoever runs it to save an export (and to open a file to import). */
export interface ExportHost {
  /**
   * Where to save; null when the person cancelled. `suggestedName` already has its extension;
   * `title` says what is being saved when the kind alone does not (a template, not the action log).
   */
  chooseSavePath(suggestedName: string, kind: ExportKind, title?: string): Promise<string | null>;
  /** Whether to replace the file already at `file`; false leaves it alone and nothing is saved. */
  confirmReplace(file: string): Promise<boolean>;
  /**
   * Which file to open; null when the person cancelled. Only the window's host has one: the
   * command line names its files itself.
   */
  chooseOpenPath?(kind: OpenKind): Promise<string | null>;
  /** Several files to open at once (DfE's statistics and its neighbour model); null when the person cancelled. */
  chooseOpenPaths?(kind: 'dfe'): Promise<string[] | null>;
  printer: PdfPrinter;
}

export interface Saved {
  path: string;
}

/** Adds the format's extension when the chosen name has none ("minutes" becomes "minutes.pdf"). */
export function withExtension(file: string, kind: ExportKind): string {
  return path.extname(file) === '' ? `${file}.${kind}` : file;
}

export async function renderMinutes(minutes: Minutes, format: MinutesFormat, printer: PdfPrinter | null) {
  switch (format) {
    case 'html':
      return new TextEncoder().encode(minutesHtml(minutes));
    case 'docx':
      return minutesDocx(minutes);
    case 'pdf': {
      if (!printer) throw new UserError('There is no PDF printer here; save the minutes as Word or HTML instead.');
      return printer.htmlToPdf(minutesHtml(minutes), minutesPageTemplates(minutes));
    }
  }
}

/**
 * Asks for a place, checks with the person before replacing a file, then renders and writes.
 * Returns null when the person cancelled at either question; nothing is written then.
 */
export async function saveThroughHost(
  host: ExportHost,
  suggestedName: string,
  kind: ExportKind,
  render: () => Promise<Uint8Array>,
  title?: string,
): Promise<Saved | null> {
  const chosen = await host.chooseSavePath(suggestedName, kind, title);
  if (chosen === null) return null;
  const file = path.resolve(withExtension(chosen, kind));
  const exists = fs.existsSync(file);
  if (exists && !(await host.confirmReplace(file))) return null;
  const bytes = await render();
  // A file that appeared since the question is refused by writeExport rather than replaced unasked.
  return { path: writeExport(file, bytes, { overwrite: exists }) };
}
