/**
 * The clinic table: one row per measure, grouped under its service area, sortable by any column.
 * Sorting happens within each area so the areas keep the order the report uses. When a clinic is
 * open the table also shows its record (notes, actions, discussed) and can follow its agenda order.
 */
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type Column,
  type Header,
  type Row,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useDrilldowns } from './drilldown-context';
import { memo, startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { caveatSummary, figureWhen, partOfText, stepsText } from '../../main/domain/figure-text';
import { addMonths, periodShortLabel } from '../../main/domain/period';
import type { Benchmarks, Period, PeriodValue } from '../../main/domain/types';
import type { ClinicReport, ReportRow } from '../../main/domain/views';
import { WithAbbreviations } from './abbreviations';
import { DirectionTag } from './direction-tag';
import { benchmarkKeys, benchmarkNames, formatChange, formatFraction, formatTarget, formatValue } from './format';
import { ArrowDownIcon, ArrowUpIcon, NoteIcon, WarningIcon } from './icons';
import { assuranceOrder, directionOrder, frequencyLabels, polarityHints, statusOrder, variationOrder } from './labels';
import { Missing } from './missing';
import { AssuranceTag, VariationTag } from './spc-tag';
import { StatusTag } from './status-tag';
import { firstRowsInOrder } from './table-first-rows';

const column = createColumnHelper<ReportRow>();

/**
 * A figure in the row's decimals (21.0% beside 20.1%), with its own date where it is not simply the
 * column's month: an as-at date, a quarter, or a stale quarter's "latest available".
 */
function ValueCell({
  value,
  row,
  period,
  stale = null,
  team,
}: {
  value: PeriodValue | null;
  row: ReportRow;
  period: Period;
  stale?: string | null;
  /** The team whose figures the table shows, if not the whole service's. */
  team?: string | undefined;
}): ReactNode {
  if (value === null) return <Missing label={team ? `No figures for ${team}` : 'No figure'} />;
  // A count that is part of another says of what ("of the 19 children in care suspended from school").
  const fraction =
    value === row.current && row.of ? partOfText(row.of) : formatFraction(value.numerator, value.denominator);
  const own = value.period !== period || value.as_at || row.frequency === 'quarterly';
  return (
    <>
      <span className="figure">{formatValue(value.value, row.unit, row.decimals)}</span>
      {stale ? (
        <span className="figure__period figure__period--stale"> (latest available: {stale})</span>
      ) : (
        own && <span className="figure__period"> ({figureWhen(value, row.frequency)})</span>
      )}
      {fraction && <span className="figure__fraction">{fraction}</span>}
      {value === row.current && row.steps && row.steps.length > 0 && (
        <span className="figure__fraction">Cumulative: {stepsText(row.steps, row.unit, row.decimals)}</span>
      )}
    </>
  );
}

/**
 * The data-quality caveats on the row's figure: an icon with words, never the icon alone, cut to
 * what the caveat is about so that the row stays a row; the detail and the minutes give it whole.
 */
function CaveatLines({ row }: { row: ReportRow }): ReactNode {
  if (row.caveats.length === 0) return null;
  return (
    <span className="caveat-lines">
      {row.caveats.map((c) => (
        <span key={c.id || c.text} className="caveat-line">
          <WarningIcon />
          <span>
            <span className="caveat-line__label">Data caveat: </span>
            {caveatSummary(c.text)}
          </span>
        </span>
      ))}
    </span>
  );
}

/** What a clinic has recorded per measure, and what the chair can do from the table. */
export interface TableRecord {
  readOnly: boolean;
  /** Measures with a note at this clinic. */
  notes: ReadonlySet<string>;
  actionCounts: Record<string, { open: number; overdue: number }>;
  discussed: ReadonlySet<string>;
  /** Agenda position (0-based) of each measure. */
  positions: ReadonlyMap<string, number>;
  /** Why the proposed agenda puts each measure where it does, in words. */
  reasons: ReadonlyMap<string, string>;
  onDiscussed: (key: string, discussed: boolean) => void;
  /** `visible`: the keys of the rows on screen, in order, when the button was pressed. */
  onMove: (key: string, direction: -1 | 1, visible: readonly string[]) => void;
}

function RecordLine({ row, record }: { row: ReportRow; record: TableRecord }): ReactNode {
  const hasNote = record.notes.has(row.key);
  const counts = record.actionCounts[row.key];
  if (!hasNote && !counts) return null;
  return (
    <span className="record-line">
      {hasNote && (
        <span className="record-line__item record-line__note">
          <NoteIcon />
          Note
        </span>
      )}
      {counts && counts.open > 0 && (
        <span className="record-line__item">{counts.open === 1 ? '1 open action' : `${counts.open} open actions`}</span>
      )}
      {counts && counts.overdue > 0 && (
        <span className="record-line__item record-line__overdue">
          <WarningIcon />
          {counts.overdue} overdue
        </span>
      )}
    </span>
  );
}

/** Why the proposed agenda has the measure where it is, in words ("Off target by 25 points: …"). */
function AgendaReason({ reason }: { reason: string | undefined }): ReactNode {
  if (!reason) return null;
  return (
    <span className="agenda-reason">
      <span className="agenda-reason__label">Agenda: </span>
      {reason}
    </span>
  );
}

function MeasureCell({
  row,
  onOpen,
  record,
  period,
}: {
  row: ReportRow;
  onOpen: (row: ReportRow) => void;
  record?: TableRecord | undefined;
  /** The clinic's month, for the drilldown. */
  period?: Period;
}): ReactNode {
  const drilldowns = useDrilldowns();
  // Only what departs from the usual (monthly, higher is better) is spelt out, to keep rows short;
  // the detail panel says everything.
  const hints: string[] = [];
  if (row.polarity === 'lower_is_better') hints.push(polarityHints.lower_is_better);
  if (row.frequency !== 'monthly') hints.push(frequencyLabels[row.frequency]);
  return (
    <>
      <button
        type="button"
        className="measure-link"
        data-measure-key={row.key}
        onClick={(event) => {
          // The row opens the detail on click too; stop here so it opens once.
          event.stopPropagation();
          onOpen(row);
        }}
      >
        <WithAbbreviations text={row.title} />
      </button>
      {hints.length > 0 && <span className="measure-hint">{hints.join(' · ')}</span>}
      {drilldowns?.measures.has(row.key) && period && (
        <button
          type="button"
          className="button--link drilldown-link"
          aria-label={`By team: ${row.title}`}
          onClick={(event) => {
            event.stopPropagation();
            drilldowns.open(row.key, period);
          }}
        >
          By team
        </button>
      )}
      <CaveatLines row={row} />
      {record && <AgendaReason reason={record.reasons.get(row.key)} />}
      {record && <RecordLine row={row} record={record} />}
    </>
  );
}

function AgendaCell({
  row,
  record,
  count,
  visible,
}: {
  row: ReportRow;
  record: TableRecord;
  count: number;
  visible: () => string[];
}): ReactNode {
  const position = record.positions.get(row.key) ?? 0;
  return (
    <div className="agenda-cell">
      <span className="agenda-cell__number">
        <span className="visually-hidden">Item </span>
        {position + 1}
      </span>
      {!record.readOnly && (
        <span className="agenda-cell__moves">
          <button
            type="button"
            className="icon-button"
            data-move={`${row.key}:up`}
            disabled={position === 0}
            onClick={(event) => {
              event.stopPropagation();
              record.onMove(row.key, -1, visible());
            }}
          >
            <ArrowUpIcon />
            <span className="visually-hidden">Move {row.title} up</span>
          </button>
          <button
            type="button"
            className="icon-button"
            data-move={`${row.key}:down`}
            disabled={position === count - 1}
            onClick={(event) => {
              event.stopPropagation();
              record.onMove(row.key, 1, visible());
            }}
          >
            <ArrowDownIcon />
            <span className="visually-hidden">Move {row.title} down</span>
          </button>
        </span>
      )}
    </div>
  );
}

function DiscussedCell({ row, record }: { row: ReportRow; record: TableRecord }): ReactNode {
  const checked = record.discussed.has(row.key);
  return (
    // The whole row opens the measure; a click on the checkbox is only about the checkbox.
    <div className="discussed-cell" onClick={(event) => event.stopPropagation()}>
      <input
        type="checkbox"
        checked={checked}
        disabled={record.readOnly}
        aria-label={`Discussed: ${row.title}`}
        onChange={(e) => record.onDiscussed(row.key, e.target.checked)}
      />
    </div>
  );
}

function PeriodHeading({ which, period }: { which: string; period: Period }): ReactNode {
  return (
    <>
      <span className="th-sub">{which}</span> <span className="th-main">{periodShortLabel(period)}</span>
    </>
  );
}

function benchmarkColumn(key: keyof Benchmarks) {
  return column.accessor((r) => r.benchmarks[key] ?? undefined, {
    id: key,
    header: benchmarkNames[key],
    sortUndefined: 'last',
    meta: { numeric: true },
    cell: ({ row }) => {
      const detail = row.original.benchmark_details[key];
      if (detail === null) return <Missing label="None" />;
      return (
        <>
          <span className="figure">{formatValue(detail.value, row.original.unit, row.original.decimals)}</span>
          <span className="figure__fraction">
            {detail.year ?? 'Year not recorded'}
            {detail.old ? ' (old)' : ''}
          </span>
        </>
      );
    },
  });
}

function useColumns(report: ClinicReport, onOpen: (row: ReportRow) => void, agenda: boolean, withRecord: boolean) {
  return useMemo(
    () => [
      ...(agenda
        ? [
            column.display({
              id: 'agenda',
              header: 'No.',
              meta: { label: 'Agenda item' },
              cell: ({ row, table }) => {
                const record = table.options.meta?.record;
                // The rows on screen are read when a button is pressed, so a filter need not draw every row again.
                const visible = () => table.getRowModel().rows.map((r) => r.original.key);
                return record ? (
                  <AgendaCell row={row.original} record={record} count={record.positions.size} visible={visible} />
                ) : null;
              },
            }),
          ]
        : []),
      column.accessor('title', {
        id: 'measure',
        header: 'Measure',
        sortingFn: 'text',
        cell: ({ row, table }) => (
          <MeasureCell row={row.original} onOpen={onOpen} record={table.options.meta?.record} period={report.period} />
        ),
      }),
      column.accessor((r) => r.previous?.value, {
        id: 'previous',
        header: () => <PeriodHeading which="Previous" period={report.compare} />,
        sortUndefined: 'last',
        meta: { numeric: true, label: `Previous, ${periodShortLabel(report.compare)}` },
        cell: ({ row }) => (
          <ValueCell value={row.original.previous} row={row.original} period={report.compare} team={report.team} />
        ),
      }),
      column.accessor((r) => r.current?.value, {
        id: 'current',
        header: () => <PeriodHeading which="Current" period={report.period} />,
        sortUndefined: 'last',
        meta: { numeric: true, label: `Current, ${periodShortLabel(report.period)}` },
        cell: ({ row }) => (
          <ValueCell
            value={row.original.current}
            row={row.original}
            period={report.period}
            stale={row.original.latest_available}
            team={report.team}
          />
        ),
      }),
      column.accessor((r) => r.last_year?.value, {
        id: 'last_year',
        header: () => <PeriodHeading which="Last year" period={addMonths(report.period, -12)} />,
        sortUndefined: 'last',
        meta: { numeric: true, label: `Same month last year, ${periodShortLabel(addMonths(report.period, -12))}` },
        cell: ({ row }) => {
          const { last_year: lastYear, last_year_change: change, unit } = row.original;
          if (lastYear === null) return <Missing label="No figure" />;
          return (
            <>
              <ValueCell value={lastYear} row={row.original} period={addMonths(report.period, -12)} />
              {change && (
                <span className="figure__fraction">
                  {formatChange(change, unit)}
                  <span className="visually-hidden"> since then</span>
                </span>
              )}
            </>
          );
        },
      }),
      column.accessor((r) => r.change?.absolute, {
        id: 'change',
        header: 'Change',
        sortUndefined: 'last',
        meta: { numeric: true },
        cell: ({ row }) => {
          const { change, unit, comparison_note: note } = row.original;
          if (change === null) return <Missing label={note ?? 'No comparison'} />;
          return (
            <>
              {formatChange(change, unit)}
              {note && <span className="figure__fraction">{note}</span>}
            </>
          );
        },
      }),
      column.accessor((r) => directionOrder[r.direction], {
        id: 'direction',
        header: 'Direction',
        cell: ({ row }) => <DirectionTag direction={row.original.direction} change={row.original.change} />,
      }),
      column.accessor((r) => r.target ?? undefined, {
        id: 'target',
        header: 'Target',
        sortUndefined: 'last',
        meta: { numeric: true },
        cell: ({ row }) => {
          const { target, unit, tolerance } = row.original;
          return target === null ? <Missing label="None" /> : formatTarget(target, unit, tolerance);
        },
      }),
      column.accessor((r) => statusOrder[r.status], {
        id: 'status',
        header: 'Status',
        cell: ({ row }) => <StatusTag status={row.original.status} />,
      }),
      column.accessor((r) => (r.spc?.variation ? variationOrder[r.spc.variation] : undefined), {
        id: 'variation',
        header: 'Variation',
        sortUndefined: 'last',
        meta: { label: 'Variation (statistical process control)' },
        cell: ({ row }) => {
          const { spc, frequency } = row.original;
          if (spc?.variation) return <VariationTag variation={spc.variation} />;
          if (spc) return <Missing label="Too few months since the limits were recalculated" />;
          return <Missing label={frequency === 'monthly' ? 'Under 6 months' : 'Not monthly'} />;
        },
      }),
      column.accessor((r) => (r.spc?.assurance ? assuranceOrder[r.spc.assurance] : undefined), {
        id: 'assurance',
        header: 'Assurance',
        sortUndefined: 'last',
        meta: { label: 'Assurance against target' },
        cell: ({ row }) => {
          const { spc, target } = row.original;
          if (spc?.assurance) return <AssuranceTag assurance={spc.assurance} />;
          return <Missing label={spc ? (target === null ? 'No target' : 'None') : 'No chart'} />;
        },
      }),
      column.group({
        id: 'benchmarks',
        header: 'Benchmarks',
        columns: benchmarkKeys.map(benchmarkColumn),
      }),
      ...(withRecord
        ? [
            column.accessor((r) => r.key, {
              id: 'discussed',
              header: 'Discussed',
              enableSorting: false,
              cell: ({ row, table }) => {
                const record = table.options.meta?.record;
                return record ? <DiscussedCell row={row.original} record={record} /> : null;
              },
            }),
          ]
        : []),
    ],
    [report.compare, report.period, report.team, onOpen, agenda, withRecord],
  );
}

declare module '@tanstack/react-table' {
  // The type parameters must match TanStack's own declaration for the merge to apply.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    numeric?: boolean;
    /** Plain words for the header, where the header is drawn from several parts. */
    label?: string;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface TableMeta<TData extends RowData> {
    record?: TableRecord;
  }
}

function metaOf(col: Column<ReportRow, unknown>) {
  return col.columnDef.meta ?? {};
}

const ariaSortOf = { asc: 'ascending', desc: 'descending' } as const;

function HeaderCell({ header, rowSpan }: { header: Header<ReportRow, unknown>; rowSpan?: number }): ReactNode {
  const col = header.column;
  const content = flexRender(col.columnDef.header, header.getContext());
  const numeric = metaOf(col).numeric === true;
  if (header.subHeaders.length > 0) {
    return (
      <th scope="colgroup" colSpan={header.colSpan} className="th-group">
        {content}
      </th>
    );
  }
  const sorted = col.getIsSorted();
  if (!col.getCanSort()) {
    return (
      <th scope="col" rowSpan={rowSpan} className={`th-plain${numeric ? ' numeric' : ''}`}>
        {content}
      </th>
    );
  }
  return (
    <th
      scope="col"
      rowSpan={rowSpan}
      className={numeric ? 'numeric' : undefined}
      aria-sort={sorted ? ariaSortOf[sorted] : undefined}
    >
      <button type="button" className="sort-button" onClick={col.getToggleSortingHandler()}>
        <span className="sort-button__label">{content}</span>
        <span className={`sort-indicator${sorted ? ' sort-indicator--active' : ''}`}>
          {sorted === 'desc' ? <ArrowDownIcon /> : <ArrowUpIcon />}
        </span>
      </button>
    </th>
  );
}

function groupByArea(
  rows: Row<ReportRow>[],
  areaOrder: string[],
): { area: string; title: string; rows: Row<ReportRow>[] }[] {
  const groups = new Map<string, { area: string; title: string; rows: Row<ReportRow>[] }>();
  for (const area of areaOrder) groups.set(area, { area, title: area, rows: [] });
  for (const row of rows) {
    const group = groups.get(row.original.area);
    if (group) {
      group.title = row.original.area_title;
      group.rows.push(row);
    } else {
      groups.set(row.original.area, { area: row.original.area, title: row.original.area_title, rows: [row] });
    }
  }
  return [...groups.values()].filter((g) => g.rows.length > 0);
}

const NO_SORTING: SortingState = [];

/**
 * One measure's row. Its cells depend only on the measure, the columns, the clinic's record and
 * onOpen, so a re-sort or a filter, which only moves or removes rows, draws no row again.
 */
const MeasureRow = memo(
  function MeasureRow({
    row,
    record,
    onOpen,
  }: {
    row: Row<ReportRow>;
    record: TableRecord | undefined;
    onOpen: (row: ReportRow) => void;
    columns: unknown;
  }): ReactNode {
    return (
      <tr
        className={`measure-row measure-row--${row.original.status.replace('_', '-')}${
          record?.discussed.has(row.original.key) ? ' measure-row--discussed' : ''
        }`}
        onClick={() => onOpen(row.original)}
      >
        {row.getVisibleCells().map((cell) => {
          const numeric = metaOf(cell.column).numeric === true;
          const content = flexRender(cell.column.columnDef.cell, cell.getContext());
          return cell.column.id === 'measure' ? (
            <th key={cell.id} scope="row" className="measure-cell">
              {content}
            </th>
          ) : (
            <td key={cell.id} className={numeric ? 'numeric' : undefined} data-column={cell.column.id}>
              {content}
            </td>
          );
        })}
      </tr>
    );
  },
  // TanStack makes new Row objects when the rows are filtered; what a row shows is the same.
  (a, b) =>
    a.row.original === b.row.original && a.record === b.record && a.onOpen === b.onOpen && a.columns === b.columns,
);

/**
 * Rows drawn in the table's first frame before it is measured: a screenful where the table starts
 * high and its rows are short. A clinic's rows, with its record, are about 150 px tall at 1440 px,
 * and the table starts most of a screen down, under the clinic's header and the filters. When
 * these rows do not reach the bottom of the window, more are added before that frame is painted.
 * The rest are drawn straight after that frame, in a transition, so 500 measures appear as quickly
 * as a few and the page keeps answering the keyboard and mouse meanwhile.
 */
const FIRST_ROWS = 6;
/** However short the rows or tall the window, the first frame draws no more than this. */
const MOST_FIRST_ROWS = 60;

export interface ClinicTableProps {
  report: ClinicReport;
  /** In agenda mode, already in agenda order. */
  rows: ReportRow[];
  onOpen: (row: ReportRow) => void;
  /** The open clinic's record, when there is one. */
  record?: TableRecord;
  /** Follow the clinic's agenda: one list in agenda order, not sortable, with controls to reorder. */
  agenda?: boolean;
}

export function ClinicTable({ report, rows, onOpen, record, agenda = false }: ClinicTableProps): ReactNode {
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useColumns(report, onOpen, agenda && record !== undefined, record !== undefined);
  const areaOrder = useMemo(() => [...new Set(report.measures.map((m) => m.area))], [report.measures]);

  // The table's first frame draws only the first rows; after that, every change draws in place.
  const [complete, setComplete] = useState(false);
  const [firstCount, setFirstCount] = useState(FIRST_ROWS);
  const partial = !complete && rows.length > firstCount;
  // Until then, TanStack Table is given only the rows drawn (no sort can have been chosen yet).
  const data = useMemo(
    () => (partial ? firstRowsInOrder(rows, areaOrder, agenda, firstCount) : rows),
    [partial, rows, areaOrder, agenda, firstCount],
  );
  // React Compiler cannot memoise TanStack Table's mutable instance; the table is small and
  // re-renders only when its data, sorting or period change.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    // A stable empty sort: a new [] on every render would make TanStack recompute and reset its
    // state each time, re-rendering without end.
    state: { sorting: agenda ? NO_SORTING : sorting },
    enableSorting: !agenda,
    meta: { record },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    sortDescFirst: false,
    getRowId: (row) => row.key,
  });

  // Before the first frame is painted: if its rows stop short of the bottom of the window, add
  // enough to fill it, judged by the height of those drawn. Reading their size here lays the page
  // out a little earlier than the frame would; only when rows are added is it laid out again.
  const tableRef = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    const element = tableRef.current;
    if (!partial || firstCount >= MOST_FIRST_ROWS || !element?.tHead) return;
    const top = element.tHead.getBoundingClientRect().bottom;
    const bottom = element.getBoundingClientRect().bottom;
    const drawn = element.rows.length - element.tHead.rows.length;
    if (bottom >= window.innerHeight || drawn === 0) return;
    const rowHeight = Math.max((bottom - top) / drawn, 24);
    const more = Math.ceil((window.innerHeight - bottom) / rowHeight) + 1;
    setFirstCount(Math.min(firstCount + more, MOST_FIRST_ROWS));
  }, [partial, firstCount]);
  useEffect(() => {
    if (complete) return;
    const frame = requestAnimationFrame(() => startTransition(() => setComplete(true)));
    return () => cancelAnimationFrame(frame);
  }, [complete]);

  // Each area says how many measures it has, all of them, while only the first rows are drawn.
  const areaCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.area, (counts.get(row.area) ?? 0) + 1);
    return counts;
  }, [rows]);
  const shown = agenda
    ? [{ area: 'agenda', title: 'Agenda', rows: table.getRowModel().rows }]
    : groupByArea(table.getRowModel().rows, areaOrder);
  const [top, bottom] = table.getHeaderGroups();
  const leafCount = table.getVisibleLeafColumns().length;
  const sortedBy = sorting[0];
  const sortedColumn = sortedBy ? table.getColumn(sortedBy.id) : undefined;
  const sortedName = sortedColumn
    ? (metaOf(sortedColumn).label ?? String(sortedColumn.columnDef.header ?? sortedColumn.id))
    : null;

  return (
    // Busy while the rows after the first frame's are still being added.
    <table
      ref={tableRef}
      className={`clinic-table${record ? ' clinic-table--record' : ''}`}
      aria-busy={partial || undefined}
    >
      <caption className="visually-hidden">
        Measures{report.team ? ` for ${report.team}` : ''} for {periodShortLabel(report.period)} compared with{' '}
        {periodShortLabel(report.compare)}
        {agenda ? ', in agenda order.' : ', grouped by service area.'}
        {agenda
          ? ''
          : sortedName && sortedBy
            ? ` Sorted by ${sortedName}, ${sortedBy.desc ? 'descending' : 'ascending'}, within each area.`
            : ' Select a column heading to sort.'}
      </caption>
      <thead>
        <tr>
          {top?.headers.map((header) =>
            header.isPlaceholder ? (
              <HeaderCell key={header.id} header={header.getLeafHeaders()[0] ?? header} rowSpan={2} />
            ) : header.subHeaders.length === 0 ? (
              <HeaderCell key={header.id} header={header} rowSpan={2} />
            ) : (
              <HeaderCell key={header.id} header={header} />
            ),
          )}
        </tr>
        <tr>
          {bottom?.headers
            .filter((header) => header.column.parent !== undefined)
            .map((header) => (
              <HeaderCell key={header.id} header={header} />
            ))}
        </tr>
      </thead>
      {shown.map((group) => (
        <tbody key={group.area}>
          {!agenda && (
            <tr className="area-row">
              <th scope="rowgroup" colSpan={leafCount}>
                {group.title}
                <span className="area-row__count">
                  {areaCounts.get(group.area) === 1 ? '1 measure' : `${areaCounts.get(group.area) ?? 0} measures`}
                </span>
              </th>
            </tr>
          )}
          {group.rows.map((row) => (
            <MeasureRow key={row.id} row={row} record={record} onOpen={onOpen} columns={columns} />
          ))}
        </tbody>
      ))}
    </table>
  );
}
