/**
 * Finds what a sheet holds and turns its rows into raw figures, without judging them yet. Two
 * layouts are recognised from the header row:
 *
 * - long: one row per measure and period, with columns for the measure (key or title), the
 *   period and the value, and optionally numerator, denominator, team and worker;
 * - wide: one row per measure and one column per month, as a monthly performance sheet has it
 *   (optionally team and worker columns).
 *
 * A sheet with a column that looks like it identifies a child is refused whole (child-columns.ts):
 * only aggregated figures are held.
 *
 * Header names are matched in Maps, never as object keys, so a header such as __proto__ is just
 * an unknown column. Pure.
 */
import { BLANK, cellText, columnLetter, isBlank, quoted, type Cell, type Sheet } from './cells';
import { childColumnsMessage, looksLikeChildIdentifier } from './child-columns';
import { normaliseName } from './closest';
import { periodFromCell } from './periods';
import type { Period } from '../domain/types';

export type Layout = 'long' | 'wide';

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  sheet: string;
  /** null for a problem with the whole sheet or file. */
  row: number | null;
  /** Column letter, when one cell is at fault. */
  column: string | null;
  message: string;
}

/** A figure as written in the file, not yet checked. */
export interface RawFigure {
  sheet: string;
  row: number;
  /** The column of the value cell, for messages ("C5"). */
  column: string;
  measure: string;
  /** Long layout: the period cell; wide layout: the period of the column, already read. */
  period: Cell | Period;
  value: Cell;
  numerator: Cell;
  denominator: Cell;
  team: string;
  /** '' is the whole team (or the whole service when there is no team). */
  worker: string;
}

/** A wide-layout row that names something but holds no figures: a measure with no data yet, or a heading. */
export interface EmptyRow {
  sheet: string;
  row: number;
  measure: string;
}

export interface SheetReading {
  sheet: string;
  layout: Layout | null;
  figures: RawFigure[];
  emptyRows: EmptyRow[];
  problems: Problem[];
  /** Data rows read (after the header), blank ones included. */
  rowsRead: number;
  blankRows: number;
}

type Role = 'key' | 'measure' | 'title' | 'period' | 'value' | 'numerator' | 'denominator' | 'team' | 'worker' | 'info';

const ROLES = new Map<string, Role>([
  ...[
    'key',
    'measure key',
    'measure code',
    'code',
    'measure id',
    'id',
    'kpi code',
    'indicator code',
    'ref',
    'reference',
  ].map((h) => [h, 'key'] as const),
  ...['measure', 'indicator', 'kpi', 'performance indicator', 'measure name', 'indicator name'].map(
    (h) => [h, 'measure'] as const,
  ),
  ...['title', 'measure title', 'name', 'description'].map((h) => [h, 'title'] as const),
  ...['period', 'month', 'date', 'reporting period', 'period ending', 'month ending', 'as at'].map(
    (h) => [h, 'period'] as const,
  ),
  ...['value', 'figure', 'actual', 'result', 'performance', 'data', 'amount'].map((h) => [h, 'value'] as const),
  ...['numerator', 'num'].map((h) => [h, 'numerator'] as const),
  ...['denominator', 'denom', 'den', 'out of', 'cohort', 'total'].map((h) => [h, 'denominator'] as const),
  ...['team', 'team name', 'locality', 'service team'].map((h) => [h, 'team'] as const),
  ...[
    'worker',
    'worker name',
    'social worker',
    'allocated worker',
    'case worker',
    'caseworker',
    'key worker',
    'practitioner',
    'lead practitioner',
  ].map((h) => [h, 'worker'] as const),
  // Columns a catalogue template or a performance sheet has for people to read; not imported.
  ...[
    'unit',
    'units',
    'target',
    'tolerance',
    'notes',
    'note',
    'comment',
    'comments',
    'commentary',
    'rag',
    'status',
    'polarity',
    'good is',
    'frequency',
    'area',
    'service area',
    'definition',
    'benchmark',
    'national',
    'regional',
    'statistical neighbours',
    'direction',
    'trend',
    'data source',
    'source',
  ].map((h) => [h, 'info'] as const),
]);

const HEADER_SEARCH_ROWS = 30;

interface Header {
  row: number;
  layout: Layout;
  /** Column index of each role found; for measures, in order of preference. */
  measureColumns: number[];
  roles: Map<Role, number>;
  /** Wide layout: column index → the period it holds. */
  periods: Map<number, Period>;
  problems: Problem[];
  width: number;
}

function roleOf(cell: Cell): Role | null {
  if (cell.kind !== 'text') return null;
  return ROLES.get(normaliseName(cell.text).replace(/_/g, ' ')) ?? null;
}

/** Reads a row as a header, or returns null if it is not one. */
function asHeader(sheet: string, row: number, cells: Cell[]): Header | null {
  const roles = new Map<Role, number[]>();
  const periods = new Map<number, Period>();
  cells.forEach((cell, index) => {
    const role = roleOf(cell);
    if (role) roles.set(role, [...(roles.get(role) ?? []), index]);
    else {
      const period = periodFromCell(cell);
      if (period !== null) periods.set(index, period);
    }
  });
  const measureColumns = (['key', 'measure', 'title'] as const).flatMap((r) => roles.get(r)?.slice(0, 1) ?? []);
  if (measureColumns.length === 0) return null;
  const has = (r: Role) => roles.has(r);
  let layout: Layout;
  if (has('period') && has('value')) layout = 'long';
  else if (periods.size > 0 && !has('period')) layout = 'wide';
  else return null;

  const problems: Problem[] = [];
  const where = (index: number) => `${columnLetter(index)}${row}`;
  for (const [role, columns] of roles) {
    if (role === 'info' || columns.length < 2) continue;
    if (layout === 'wide' && (role === 'value' || role === 'numerator' || role === 'denominator')) continue;
    problems.push({
      severity: 'error',
      sheet,
      row,
      column: columnLetter(columns[1]!),
      message: `Columns ${columns.map(where).join(' and ')} have the same heading (${quoted(cellText(cells[columns[0]!]))}), so it is not clear which to read. Rename or remove one.`,
    });
  }
  if (layout === 'wide') {
    const seen = new Map<Period, number>();
    for (const [index, period] of periods) {
      const first = seen.get(period);
      if (first !== undefined) {
        problems.push({
          severity: 'error',
          sheet,
          row,
          column: columnLetter(index),
          message: `Columns ${where(first)} and ${where(index)} are both for ${period}. Remove one.`,
        });
        // Read only the first, so the one problem is reported once, not again on every row.
        periods.delete(index);
      } else seen.set(period, index);
    }
  }
  const single = new Map<Role, number>();
  for (const [role, columns] of roles) if (columns[0] !== undefined) single.set(role, columns[0]);
  return {
    row,
    layout,
    measureColumns,
    roles: single,
    periods: layout === 'wide' ? periods : new Map(),
    problems,
    width: cells.length,
  };
}

function rowIsBlank(cells: readonly Cell[]): boolean {
  return cells.every((c) => isBlank(c));
}

/** Reads one sheet: finds its header, says which layout it is, and lists its raw figures. */
export function readSheet(sheet: Sheet): SheetReading {
  const reading: SheetReading = {
    sheet: sheet.name,
    layout: null,
    figures: [],
    emptyRows: [],
    problems: [],
    rowsRead: 0,
    blankRows: 0,
  };
  let header: Header | null = null;
  let headerIndex = -1;
  let looked = 0;
  for (let i = 0; i < sheet.rows.length && looked < HEADER_SEARCH_ROWS; i++) {
    const row = sheet.rows[i]!;
    if (rowIsBlank(row.cells)) continue;
    looked++;
    // Child-level data is refused before a single row of it is read, header or not.
    const childColumns = row.cells.filter((c) => c.kind === 'text' && looksLikeChildIdentifier(c.text));
    if (childColumns.length > 0) {
      reading.problems.push({
        severity: 'error',
        sheet: sheet.name,
        row: row.row,
        column: null,
        message: childColumnsMessage(childColumns.map((c) => cellText(c))),
      });
      return reading;
    }
    header = asHeader(sheet.name, row.row, row.cells);
    if (header) {
      headerIndex = i;
      break;
    }
  }
  if (!header) {
    const empty = sheet.rows.every((r) => rowIsBlank(r.cells));
    reading.problems.push({
      severity: 'error',
      sheet: sheet.name,
      row: null,
      column: null,
      message: empty
        ? 'This sheet is empty.'
        : 'No heading row was found. Put a row of headings first: "Measure", "Period" and "Value" (one row per figure), or "Measure" and one column per month such as "Oct-23" (one row per measure).',
    });
    return reading;
  }
  reading.layout = header.layout;
  reading.problems.push(...header.problems);
  const above = sheet.rows.slice(0, headerIndex).filter((r) => !rowIsBlank(r.cells));
  if (above.length > 0) {
    reading.problems.push({
      severity: 'warning',
      sheet: sheet.name,
      row: above[0]!.row,
      column: null,
      message: `Row${above.length === 1 ? '' : 's'} ${above.map((r) => r.row).join(', ')} above the headings ${above.length === 1 ? 'was' : 'were'} not read (a title?).`,
    });
  }

  const h = header;
  const used = new Set<number>([...h.measureColumns, ...h.roles.values(), ...h.periods.keys()]);
  const headerCells = sheet.rows[headerIndex]!.cells;
  const unknownNamed = headerCells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell, index }) => !used.has(index) && !isBlank(cell) && roleOf(cell) === null);
  if (unknownNamed.length > 0) {
    reading.problems.push({
      severity: 'warning',
      sheet: sheet.name,
      row: h.row,
      column: null,
      message: `Column${unknownNamed.length === 1 ? '' : 's'} ${unknownNamed.map(({ cell, index }) => `${columnLetter(index)} (${quoted(cellText(cell))})`).join(', ')} ${unknownNamed.length === 1 ? 'is' : 'are'} not one the import knows, so ${unknownNamed.length === 1 ? 'it was' : 'they were'} not read.`,
    });
  }

  const col = (role: Role) => h.roles.get(role);
  const at = (cells: Cell[], index: number | undefined): Cell =>
    index === undefined ? BLANK : (cells[index] ?? BLANK);

  for (const { row, cells } of sheet.rows.slice(headerIndex + 1)) {
    reading.rowsRead++;
    if (rowIsBlank(cells)) {
      reading.blankRows++;
      continue;
    }
    const problem = (severity: Severity, column: number | null, message: string) =>
      reading.problems.push({
        severity,
        sheet: sheet.name,
        row,
        column: column === null ? null : columnLetter(column),
        message,
      });

    // Cells past the last heading, or under an empty heading, would otherwise be lost.
    let ragged = false;
    cells.forEach((cell, index) => {
      if (isBlank(cell) || used.has(index)) return;
      const heading = headerCells[index];
      if (index >= h.width) {
        if (!ragged)
          problem(
            'error',
            index,
            `This row has ${cells.length} cells but there are only ${h.width} headings: ${columnLetter(index)}${row} (${quoted(cellText(cell))}) has no column. Check for an extra comma or a value in the wrong place.`,
          );
        ragged = true;
      } else if (isBlank(heading)) {
        problem(
          'warning',
          index,
          `${columnLetter(index)}${row} (${quoted(cellText(cell))}) is in a column with no heading, so it was not read.`,
        );
      }
    });
    if (ragged) continue;

    const measure = h.measureColumns.map((i) => cellText(cells[i])).find((t) => t !== '') ?? '';
    const team = cellText(at(cells, col('team')));
    const worker = cellText(at(cells, col('worker')));

    if (h.layout === 'long') {
      if (measure === '') {
        problem('error', h.measureColumns[0] ?? null, 'There is no measure on this row.');
        continue;
      }
      reading.figures.push({
        sheet: sheet.name,
        row,
        column: columnLetter(col('value') ?? 0),
        measure,
        period: at(cells, col('period')),
        value: at(cells, col('value')),
        numerator: at(cells, col('numerator')),
        denominator: at(cells, col('denominator')),
        team,
        worker,
      });
      continue;
    }

    const values = [...h.periods].filter(([index]) => !isBlank(cells[index]));
    if (measure === '') {
      if (values.length > 0) problem('error', h.measureColumns[0] ?? null, 'This row has figures but no measure.');
      else problem('warning', null, 'This row has no measure and no figures, so it was not read.');
      continue;
    }
    if (values.length === 0) {
      reading.emptyRows.push({ sheet: sheet.name, row, measure });
      continue;
    }
    for (const [index, period] of values) {
      reading.figures.push({
        sheet: sheet.name,
        row,
        column: columnLetter(index),
        measure,
        period,
        value: cells[index] ?? BLANK,
        numerator: BLANK,
        denominator: BLANK,
        team,
        worker,
      });
    }
  }
  return reading;
}
