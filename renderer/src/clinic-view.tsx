/** The clinic: a summary of status against target, the filters, and the table of measures. */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { periodLabel } from '../../main/domain/period';
import type { ClinicReport, ReportRow, Status } from '../../main/domain/types';
import { Glossary } from './abbreviations';
import { ClinicTable } from './clinic-table';
import { StatusTag } from './status-tag';

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
  const text = `${row.title} ${row.definition}`.toLocaleLowerCase('en-GB');
  return words.every((word) => text.includes(word));
}

export function ClinicView({ report, onOpen }: { report: ClinicReport; onOpen: (row: ReportRow) => void }): ReactNode {
  const [area, setArea] = useState('');
  const [offTargetOnly, setOffTargetOnly] = useState(false);
  const [search, setSearch] = useState('');
  const ids = { area: useId(), offTarget: useId(), search: useId(), searchHint: useId() };

  const areas = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of report.measures) if (!seen.has(m.area)) seen.set(m.area, m.area_title);
    return [...seen];
  }, [report.measures]);

  const rows = useMemo(() => {
    const words = search.toLocaleLowerCase('en-GB').split(/\s+/).filter(Boolean);
    return report.measures.filter(
      (row) =>
        (area === '' || row.area === area) && (!offTargetOnly || row.status === 'off_target') && matches(row, words),
    );
  }, [report.measures, area, offTargetOnly, search]);

  const filtered = rows.length !== report.measures.length;

  return (
    <section aria-labelledby="clinic-heading" className="clinic">
      <div className="clinic__heading">
        <h2 id="clinic-heading">
          {periodLabel(report.period)}{' '}
          <span className="clinic__compare">compared with {periodLabel(report.compare)}</span>
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
        <div className="checkbox">
          <input
            id={ids.offTarget}
            type="checkbox"
            checked={offTargetOnly}
            onChange={(e) => setOffTargetOnly(e.target.checked)}
          />
          <label htmlFor={ids.offTarget}>Off target only</label>
        </div>
        <p className="result-count" role="status">
          {filtered
            ? `Showing ${rows.length} of ${report.measures.length} measures`
            : `Showing all ${report.measures.length} measures`}
        </p>
      </form>

      {rows.length > 0 ? (
        // Focusable so keyboard users can scroll it sideways when the window is narrow or zoomed.
        <div className="table-scroll" role="region" aria-labelledby="clinic-heading" tabIndex={0}>
          <ClinicTable report={report} rows={rows} onOpen={onOpen} />
        </div>
      ) : (
        <p className="empty">No measures match. Clear the search or choose another service area.</p>
      )}

      <Glossary />
    </section>
  );
}
