/**
 * The measures: a summary of status against target, the filters, and the table. With a clinic
 * open, the table can follow the clinic's agenda, and shows its notes, actions and discussed marks.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { periodLabel } from '../../main/domain/period';
import { isException, type Arrangement } from '../../main/domain/agenda';
import type { Status } from '../../main/domain/types';
import type { ClinicReport, ReportRow } from '../../main/domain/views';
import { Glossary } from './abbreviations';
import { ClinicTable, type TableRecord } from './clinic-table';
import { StatusTag } from './status-tag';

export type Order = 'area' | 'agenda';

/** The open clinic's record as the measures table needs it. */
export interface ViewRecord {
  readOnly: boolean;
  notes: ReadonlySet<string>;
  actionCounts: Record<string, { open: number; overdue: number }>;
  discussed: ReadonlySet<string>;
  /** Every measure key in agenda order. */
  agenda: string[];
  /** Why the proposed agenda puts each measure where it does, in words. */
  reasons: ReadonlyMap<string, string>;
  order: Order;
  onOrderChange: (order: Order) => void;
  onReorder: (order: string[], moved: { key: string; title: string; direction: -1 | 1 }) => void;
  onDiscussed: (key: string, discussed: boolean) => void;
  /** Brings special cause of concern, or will-consistently-fail, to the top of the agenda. */
  onArrange: (by: Arrangement) => void;
}

/** Moves `key` past its neighbour among the rows on screen, keeping everything filtered out where it was. */
function moved(order: string[], visible: readonly string[], key: string, direction: -1 | 1): string[] | null {
  const at = visible.indexOf(key);
  const neighbour = visible[at + direction];
  if (at < 0 || neighbour === undefined) return null;
  const without = order.filter((k) => k !== key);
  const index = without.indexOf(neighbour);
  without.splice(direction === -1 ? index : index + 1, 0, key);
  return without;
}

function OrderToggle({ order, onChange }: { order: Order; onChange: (order: Order) => void }): ReactNode {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend>Order</legend>
      {(
        [
          ['area', 'By service area'],
          ['agenda', 'As agenda'],
        ] as const
      ).map(([value, label]) => (
        <label key={value} className={`segmented__option${order === value ? ' segmented__option--on' : ''}`}>
          <input type="radio" name={name} value={value} checked={order === value} onChange={() => onChange(value)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

function ArrangeAgenda({ onArrange }: { onArrange: (by: Arrangement) => void }): ReactNode {
  return (
    <div className="arrange" role="group" aria-labelledby="arrange-label">
      <span id="arrange-label" className="arrange__label">
        Put first on the agenda:
      </span>
      <button type="button" className="button button--secondary" onClick={() => onArrange('concern')}>
        Special cause of concern
      </button>
      <button type="button" className="button button--secondary" onClick={() => onArrange('failing')}>
        Will consistently fail
      </button>
    </div>
  );
}

const summaryOrder: Status[] = ['off_target', 'near_target', 'on_target', 'no_target'];

function StatusSummary({ rows }: { rows: ReportRow[] }): ReactNode {
  const counts = new Map<Status, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  return (
    <ul className="summary" aria-label="Measures by status">
      {summaryOrder.map((status) => (
        <li key={status} className={`summary__item summary__item--${status.replace('_', '-')}`}>
          <span className="summary__count">{counts.get(status) ?? 0}</span>
          <StatusTag status={status} />
        </li>
      ))}
    </ul>
  );
}

function matches(row: ReportRow, words: string[]): boolean {
  if (words.length === 0) return true;
  const text = `${row.title} ${row.definition}`.toLocaleLowerCase('en-GB');
  return words.every((word) => text.includes(word));
}

export function ClinicView({
  report,
  onOpen,
  record,
}: {
  report: ClinicReport;
  onOpen: (row: ReportRow) => void;
  record?: ViewRecord;
}): ReactNode {
  const [area, setArea] = useState('');
  const [offTargetOnly, setOffTargetOnly] = useState(false);
  const [exceptionsOnly, setExceptionsOnly] = useState(false);
  const [search, setSearch] = useState('');
  const ids = {
    area: useId(),
    offTarget: useId(),
    exceptions: useId(),
    exceptionsHint: useId(),
    search: useId(),
    searchHint: useId(),
  };

  const areas = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of report.measures) if (!seen.has(m.area)) seen.set(m.area, m.area_title);
    return [...seen];
  }, [report.measures]);

  const rows = useMemo(() => {
    const words = search.toLocaleLowerCase('en-GB').split(/\s+/).filter(Boolean);
    return report.measures.filter(
      (row) =>
        (area === '' || row.area === area) &&
        (!offTargetOnly || row.status === 'off_target') &&
        (!exceptionsOnly || isException(row)) &&
        matches(row, words),
    );
  }, [report.measures, area, offTargetOnly, exceptionsOnly, search]);
  const charted = report.measures.filter((m) => m.spc).length;

  const filtered = rows.length !== report.measures.length;
  const agendaMode = record?.order === 'agenda';

  const ordered = useMemo(() => {
    if (!agendaMode || !record) return rows;
    const position = new Map(record.agenda.map((k, i) => [k, i]));
    return [...rows].sort((a, b) => (position.get(a.key) ?? 1e9) - (position.get(b.key) ?? 1e9));
  }, [rows, agendaMode, record]);

  // Depends on the record alone, so filtering (which changes the rows) draws no row again.
  const tableRecord = useMemo((): TableRecord | undefined => {
    if (!record) return undefined;
    return {
      readOnly: record.readOnly,
      notes: record.notes,
      actionCounts: record.actionCounts,
      discussed: record.discussed,
      positions: new Map(record.agenda.map((k, i) => [k, i])),
      reasons: record.reasons,
      onDiscussed: record.onDiscussed,
      onMove: (key, direction, visible) => {
        const next = moved(record.agenda, visible, key, direction);
        const title = report.measures.find((r) => r.key === key)?.title ?? key;
        if (next) record.onReorder(next, { key, title, direction });
      },
    };
  }, [record, report.measures]);
  const discussedCount = record ? report.measures.filter((m) => record.discussed.has(m.key)).length : 0;

  return (
    <section aria-labelledby="clinic-heading" className="clinic">
      <div className="clinic__heading">
        <h2 id="clinic-heading">
          {periodLabel(report.period)}{' '}
          <span className="clinic__compare">
            compared with {periodLabel(report.compare)}
            {report.team ? `: ${report.team}’s figures only` : ''}
          </span>
        </h2>
        <StatusSummary rows={report.measures} />
      </div>

      <form className="filters" role="search" aria-label="Filter measures" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.area}>Service area</label>
          <select id={ids.area} value={area} onChange={(e) => setArea(e.target.value)}>
            <option value="">All service areas</option>
            {areas.map(([key, title]) => (
              <option key={key} value={key}>
                {title}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--grow">
          <label htmlFor={ids.search}>Search measures</label>
          <input
            id={ids.search}
            type="search"
            value={search}
            autoComplete="off"
            aria-describedby={ids.searchHint}
            onChange={(e) => setSearch(e.target.value)}
          />
          <span id={ids.searchHint} className="hint">
            Searches measure names and definitions
          </span>
        </div>
        {record && <OrderToggle order={record.order} onChange={record.onOrderChange} />}
        <div className="checkbox">
          <input
            id={ids.offTarget}
            type="checkbox"
            checked={offTargetOnly}
            onChange={(e) => setOffTargetOnly(e.target.checked)}
          />
          <label htmlFor={ids.offTarget}>Off target only</label>
        </div>
        <div className="checkbox checkbox--hinted">
          <input
            id={ids.exceptions}
            type="checkbox"
            checked={exceptionsOnly}
            aria-describedby={ids.exceptionsHint}
            onChange={(e) => setExceptionsOnly(e.target.checked)}
          />
          <label htmlFor={ids.exceptions}>Exceptions only</label>
          <span id={ids.exceptionsHint} className="hint">
            Special cause of concern, or will consistently fail
          </span>
        </div>
        <p className="result-count" role="status">
          {filtered
            ? `Showing ${rows.length} of ${report.measures.length} measures`
            : `Showing all ${report.measures.length} measures`}
          {record && <span className="result-count__discussed">{discussedCount} discussed</span>}
        </p>
      </form>

      {agendaMode && record && !record.readOnly && <ArrangeAgenda onArrange={record.onArrange} />}
      {charted === 0 && (
        <p className="hint spc-hint">
          Variation and assurance (statistical process control) need at least 6 months of figures for a measure. Import
          earlier months to see them.
        </p>
      )}

      {rows.length > 0 ? (
        // Focusable so keyboard users can scroll it sideways when the window is narrow or zoomed.
        <div className="table-scroll" role="region" aria-labelledby="clinic-heading" tabIndex={0}>
          <ClinicTable
            report={report}
            rows={ordered}
            onOpen={onOpen}
            agenda={agendaMode}
            {...(tableRecord ? { record: tableRecord } : {})}
          />
        </div>
      ) : (
        <p className="empty">No measures match. Clear the search, untick the filters or choose another service area.</p>
      )}

      <Glossary />
    </section>
  );
}
