/**
 * A fill-in template of the catalogue: the wide layout a monthly performance sheet has, one row
 * per measure in use and one column per month for the last 12 months, with the figures the file
 * already holds filled in, so the officer adds the new month and checks the rest. Text cells are
 * neutralised against formulas (reliability.md rule 10); figures are written as numbers. Team and
 * Worker columns are offered blank (the whole service): a row with a team gives that team's figures,
 * and with a worker too, that worker's within the team.
 */
import { stringify } from 'csv-stringify/sync';
import { addMonths, periodShortLabel } from '../domain/period';
import { neutraliseCell } from '../domain/spreadsheet-safety';
import type { Measure, Period } from '../domain/types';
import { loadExcelJs } from './xlsx-reader';

export type TemplateFormat = 'csv' | 'xlsx';

export interface TemplateInput {
  measures: readonly Measure[];
  /** Service-level figures keyed `measure|period`. */
  figures: ReadonlyMap<string, number>;
  /** The newest period in the file, or null when it has none. */
  latest: Period | null;
  now: Date;
}

const UNIT_LABEL: Record<Measure['unit'], string> = {
  percent: '% (0-100)',
  count: 'count',
  points: 'percentage points',
  rate_10k: 'rate per 10,000 children',
};

/** Twelve months ending with the month after the newest figures (the one to fill in), never after this month. */
export function templatePeriods(latest: Period | null, now: Date): Period[] {
  const thisMonth = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const lastComplete = addMonths(thisMonth, -1);
  const next = latest === null ? lastComplete : addMonths(latest, 1);
  const end = next > thisMonth ? thisMonth : next;
  return Array.from({ length: 12 }, (_, i) => addMonths(end, i - 11));
}

export interface TemplateTable {
  header: string[];
  rows: Array<Array<string | number | null>>;
  periods: Period[];
}

export function templateTable(input: TemplateInput): TemplateTable {
  const periods = templatePeriods(input.latest, input.now);
  return {
    periods,
    header: ['Measure key', 'Measure', 'Unit', 'Team', 'Worker', ...periods.map(periodShortLabel)],
    rows: input.measures.map((m) => [
      neutraliseCell(m.key),
      neutraliseCell(m.title),
      UNIT_LABEL[m.unit],
      '',
      '',
      ...periods.map((p) => input.figures.get(`${m.key}|${p}`) ?? null),
    ]),
  };
}

export async function templateBytes(input: TemplateInput, format: TemplateFormat): Promise<Uint8Array> {
  const table = templateTable(input);
  if (format === 'csv') {
    const text = stringify([table.header, ...table.rows.map((r) => r.map((v) => (v === null ? '' : v)))], {
      record_delimiter: 'windows',
    });
    // A byte-order mark so that Excel opens the file as UTF-8.
    return Buffer.from(`\ufeff${text}`, 'utf8');
  }
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Performance Clinic';
  const sheet = workbook.addWorksheet('Figures', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.addRow(table.header);
  for (const row of table.rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 60;
  sheet.getColumn(3).width = 18;
  sheet.getColumn(4).width = 24;
  sheet.getColumn(5).width = 20;
  for (let i = 0; i < table.periods.length; i++) sheet.getColumn(6 + i).width = 11;
  // Headings are text, so Excel keeps "Oct 2023" as written rather than turning it into a date.
  sheet.getRow(1).eachCell((cell) => {
    cell.numFmt = '@';
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
