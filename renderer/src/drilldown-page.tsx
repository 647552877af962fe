/**
 * Drilldown (issue 17): a measure's figure for the whole service in its area, then each team's,
 * then each worker's of a team, and one worker's months. The breadcrumb is the way back; each
 * level's heading takes focus when it shows, so a keyboard or screen reader user hears where they
 * are. Workers appear by initials only (the app never sends their names), or not at all when the
 * file hides them or is marked for publication: the page then says so.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { DrilldownView, DrillRow } from '../../main/domain/drilldown';
import { periodLabel } from '../../main/domain/period';
import { rowDecimals } from '../../main/domain/report';
import type { Period } from '../../main/domain/types';
import { callClinic } from './clinic-api';
import { DirectionTag } from './direction-tag';
import { ErrorMessage } from './error-message';
import { formatChange, formatFraction, formatTarget, formatValue } from './format';
import { StatusTag } from './status-tag';

export interface DrilldownPageProps {
  /** The measure's key. */
  measure: string;
  period: Period;
  /** Back to where the drilldown was opened from ("All services"). */
  onClose: () => void;
}

interface Place {
  team?: string;
  worker?: string;
}

type Loaded = { place: Place; view: DrilldownView } | { place: Place; error: string };

/** One level's figures are written alike (78.0% beside 82.4%), as the clinic table writes a row. */
function decimalsOf(rows: readonly DrillRow[]): number {
  return rowDecimals(rows.flatMap((r) => [r.figure?.value, r.previous?.value]));
}

function FigureCells({
  row,
  unit,
  decimals,
}: {
  row: DrillRow;
  unit: DrilldownView['measure']['unit'];
  decimals: number;
}): ReactNode {
  return (
    <>
      <td className="numeric">{row.figure ? formatValue(row.figure.value, unit, decimals) : 'No figure'}</td>
      <td className="numeric">
        {row.figure ? (formatFraction(row.figure.numerator, row.figure.denominator) ?? '—') : '—'}
      </td>
      <td>
        <StatusTag status={row.status} />
      </td>
      <td className="numeric">{row.previous ? formatValue(row.previous.value, unit, decimals) : '—'}</td>
      <td>
        {row.change ? `${formatChange(row.change, unit)} ` : ''}
        <DirectionTag direction={row.direction} change={row.change} />
      </td>
    </>
  );
}

function LevelTable({
  caption,
  first,
  view,
  rows,
  onPick,
  pickLabel,
}: {
  caption: string;
  first: string;
  view: DrilldownView;
  rows: readonly DrillRow[];
  onPick?: ((row: DrillRow) => void) | undefined;
  pickLabel?: ((row: DrillRow) => string | null) | undefined;
}): ReactNode {
  const decimals = decimalsOf(rows);
  return (
    <table className="history-table drilldown-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col" className="numeric">
            {periodLabel(view.period)}
          </th>
          <th scope="col" className="numeric">
            Cases
          </th>
          <th scope="col">Against target</th>
          <th scope="col" className="numeric">
            {periodLabel(view.previousPeriod)}
          </th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const link = onPick && pickLabel ? pickLabel(row) : null;
          return (
            <tr key={`${row.team}|${row.worker}`}>
              <th scope="row">
                {link !== null && onPick ? (
                  <button type="button" className="measure-link" aria-label={link} onClick={() => onPick(row)}>
                    {row.label}
                  </button>
                ) : (
                  row.label
                )}
              </th>
              <FigureCells row={row} unit={view.measure.unit} decimals={decimals} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Breadcrumb({
  view,
  onClose,
  onPlace,
}: {
  view: DrilldownView;
  onClose: () => void;
  onPlace: (place: Place) => void;
}): ReactNode {
  const crumbs: Array<{ label: string; go: (() => void) | null }> = [
    { label: 'All services', go: onClose },
    { label: view.measure.area_title, go: view.level === 'area' ? null : () => onPlace({}) },
  ];
  if (view.team)
    crumbs.push({
      label: view.team.label,
      go: view.level === 'worker' ? () => onPlace({ team: view.team!.team }) : null,
    });
  if (view.worker) crumbs.push({ label: view.worker.label, go: null });
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        {crumbs.map((c, i) => (
          <li key={i}>
            {c.go ? (
              <button type="button" className="button--link breadcrumb__link" onClick={c.go}>
                {c.label}
              </button>
            ) : (
              <span aria-current="page">{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function DrilldownPage({ measure, period, onClose }: DrilldownPageProps): ReactNode {
  const [place, setPlace] = useState<Place>({});
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    void callClinic('getDrilldown', { measure, period, ...place }).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { place, view: result.value } : { place, error: result.error });
    });
    return () => {
      current = false;
    };
  }, [measure, period, place]);

  // Each level's heading takes focus when it shows, as a new page would.
  useEffect(() => {
    if (loaded?.place === place) heading.current?.focus();
  }, [loaded, place]);

  if (loaded === null)
    return (
      <p className="loading" role="status">
        Loading the figures by team…
      </p>
    );
  if ('error' in loaded)
    return (
      <section className="drilldown">
        <ErrorMessage title="The figures by team could not be shown" message={loaded.error} />
        <button type="button" className="button" onClick={onClose}>
          Back to all services
        </button>
      </section>
    );
  const { view } = loaded;
  const m = view.measure;
  const target = m.target === null ? 'No target' : `Target ${formatTarget(m.target, m.unit, m.tolerance)}`;
  const title =
    view.level === 'area'
      ? `${m.title}: ${m.area_title} by team`
      : view.level === 'team'
        ? `${m.title}: ${view.team!.label}`
        : `${m.title}: ${view.worker?.label ?? 'worker'}, ${view.team!.label}`;

  return (
    <section className="drilldown" aria-labelledby="drilldown-heading">
      <Breadcrumb view={view} onClose={onClose} onPlace={setPlace} />
      <h2 id="drilldown-heading" className="page-heading" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <p className="hint">
        {periodLabel(view.period)}, compared with {periodLabel(view.previousPeriod)}. {target}.
      </p>
      {view.workersWithheld && view.level !== 'area' && <p className="notice">{view.workersWithheld}</p>}

      {view.level === 'area' && (
        <>
          <LevelTable caption="The whole service" first="Service" view={view} rows={[view.service]} />
          {view.teams.length === 0 ? (
            <p>
              There are no figures by team for this measure for {periodLabel(view.period)}. Import a file with a Team
              column to see them.
            </p>
          ) : (
            <LevelTable
              caption={`By team, ${periodLabel(view.period)}`}
              first="Team"
              view={view}
              rows={view.teams}
              onPick={(row) => setPlace({ team: row.team })}
              pickLabel={(row) =>
                row.workers > 0
                  ? `${row.label}: ${row.workers} worker${row.workers === 1 ? '' : 's'}`
                  : `${row.label}: the team’s figures`
              }
            />
          )}
          {view.workersWithheld && <p className="notice">{view.workersWithheld}</p>}
        </>
      )}

      {view.level === 'team' && view.team && (
        <>
          <LevelTable caption="The team" first="Team" view={view} rows={[view.team]} />
          {!view.workersWithheld &&
            (view.workers.length === 0 ? (
              <p>There are no figures by worker for this team for {periodLabel(view.period)}.</p>
            ) : (
              <LevelTable
                caption={`By worker, ${periodLabel(view.period)} (initials only)`}
                first="Worker"
                view={view}
                rows={view.workers}
                onPick={(row) => setPlace({ team: row.team, worker: row.worker })}
                pickLabel={(row) => `Worker ${row.label}: month by month`}
              />
            ))}
        </>
      )}

      {view.level === 'worker' && view.worker && (
        <table className="history-table drilldown-table">
          <caption>{view.worker.label}, month by month (initials only)</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="numeric">
                Figure
              </th>
              <th scope="col" className="numeric">
                Cases
              </th>
              <th scope="col">Against target</th>
              <th scope="col">Change from the month before</th>
            </tr>
          </thead>
          <tbody>
            {view.workerMonths.map((row) => (
              <tr key={row.period}>
                <th scope="row">{periodLabel(row.period)}</th>
                <td className="numeric">
                  {row.figure ? formatValue(row.figure.value, m.unit, decimalsOf(view.workerMonths)) : 'No figure'}
                </td>
                <td className="numeric">
                  {row.figure ? (formatFraction(row.figure.numerator, row.figure.denominator) ?? '—') : '—'}
                </td>
                <td>
                  <StatusTag status={row.status} />
                </td>
                <td>
                  {row.change ? `${formatChange(row.change, m.unit)} ` : ''}
                  <DirectionTag direction={row.direction} change={row.change} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
