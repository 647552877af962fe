/**
 * Every action across every clinic in one table: filter by status, owner, team, measure, clinic
 * and overdue; sort by due date (the default) or any column; open a row to see its whole history.
 */
import { ExportActionLog } from './export-controls';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type Header,
  type SortingState,
} from '@tanstack/react-table';
import { Fragment, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { ACTION_STATUSES, actionStatusLabel } from '../../main/domain/actions';
import type { ActionLogEntry, ActionStatus, ClinicSummary } from '../../main/domain/types';
import { ActionControls, ActionUpdates } from './action-card';
import { ActionStatusTag, OverdueFlag } from './action-status-tag';
import { callClinic } from './clinic-api';
import { formatDate, formatDateTime } from './dates';
import { ErrorMessage } from './error-message';
import { ArrowDownIcon, ArrowUpIcon, ChevronDownIcon, ChevronRightIcon } from './icons';
import { useTeam } from './team-context';

const column = createColumnHelper<ActionLogEntry>();
const statusOrder: Record<ActionStatus, number> = { open: 0, in_progress: 1, done: 2, dropped: 3 };

function latest(a: ActionLogEntry) {
  return a.updates[a.updates.length - 1];
}

interface Filters {
  status: ActionStatus[];
  owner: string;
  /** '' for every action; NO_TEAM for those no team owns; otherwise a team's name. */
  team: string;
  measure: string;
  clinicId: string;
  overdue: boolean;
}

/** Teams are trimmed, so no team is called this. */
const NO_TEAM = ' ';

const NO_ROWS: ActionLogEntry[] = [];
const NO_FILTERS: Filters = { status: [], owner: '', team: '', measure: '', clinicId: '', overdue: false };

function useColumns(expanded: ReadonlySet<number>, toggle: (id: number) => void) {
  return useMemo(
    () => [
      column.accessor('ref', {
        id: 'ref',
        header: 'Reference',
        cell: ({ row }) => {
          const a = row.original;
          const open = expanded.has(a.id);
          return (
            <button
              type="button"
              className="expand-button"
              aria-expanded={open}
              aria-controls={`history-${a.id}`}
              onClick={() => toggle(a.id)}
            >
              {open ? <ChevronDownIcon /> : <ChevronRightIcon />}
              <span className="visually-hidden">History of </span>
              {a.ref}
            </button>
          );
        },
      }),
      column.accessor((a) => a.measure_title ?? '', {
        id: 'measure',
        header: 'Measure',
        cell: ({ row }) => row.original.measure_title ?? <span className="muted">Whole clinic</span>,
      }),
      column.accessor('description', { id: 'description', header: 'Action', enableSorting: false }),
      column.accessor('owner', { id: 'owner', header: 'Owner' }),
      column.accessor('team', { id: 'team', header: 'Team' }),
      column.accessor('due_on', {
        id: 'due',
        header: 'Due',
        cell: ({ getValue }) => <span className="nowrap">{formatDate(getValue())}</span>,
      }),
      column.accessor((a) => statusOrder[a.status], {
        id: 'status',
        header: 'Status',
        cell: ({ row }) => <ActionStatusTag status={row.original.status} />,
      }),
      column.accessor((a) => (a.overdue ? 0 : 1), {
        id: 'overdue',
        header: 'Overdue',
        cell: ({ row }) => (row.original.overdue ? <OverdueFlag /> : <span className="muted">No</span>),
      }),
      column.accessor((a) => `${a.clinic_held_on} ${a.clinic_kind}`, {
        id: 'raised',
        header: 'Raised at',
        cell: ({ row }) => (
          <>
            <span className="nowrap">{formatDate(row.original.clinic_held_on)}</span>
            <span className="cell-sub">{row.original.clinic_kind}</span>
          </>
        ),
      }),
      column.accessor((a) => latest(a)?.created_at ?? '', {
        id: 'latest',
        header: 'Latest update',
        sortUndefined: 'last',
        cell: ({ row }) => {
          const u = latest(row.original);
          if (!u) return <span className="muted">None yet</span>;
          return (
            <>
              <span className="nowrap">{formatDate(u.created_at.slice(0, 10))}</span>
              <span className="cell-sub">{u.text || `${actionStatusLabel[u.status_to]}`}</span>
            </>
          );
        },
      }),
    ],
    [expanded, toggle],
  );
}

const ariaSortOf = { asc: 'ascending', desc: 'descending' } as const;

function HeaderCell({ header }: { header: Header<ActionLogEntry, unknown> }): ReactNode {
  const col = header.column;
  const content = flexRender(col.columnDef.header, header.getContext());
  if (!col.getCanSort()) return <th scope="col">{content}</th>;
  const sorted = col.getIsSorted();
  return (
    <th scope="col" aria-sort={sorted ? ariaSortOf[sorted] : undefined}>
      <button type="button" className="sort-button" onClick={col.getToggleSortingHandler()}>
        <span className="sort-button__label">{content}</span>
        <span className={`sort-indicator${sorted ? ' sort-indicator--active' : ''}`}>
          {sorted === 'desc' ? <ArrowDownIcon /> : <ArrowUpIcon />}
        </span>
      </button>
    </th>
  );
}

function FilterBar({
  filters,
  onChange,
  measures,
  teams,
  clinics,
}: {
  filters: Filters;
  onChange: (f: Filters) => void;
  measures: [string, string][];
  teams: string[];
  clinics: ClinicSummary[];
}): ReactNode {
  const id = useId();
  return (
    <form
      className="filters filters--log"
      role="search"
      aria-label="Filter actions"
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset className="fieldset fieldset--inline">
        <legend>Status</legend>
        {ACTION_STATUSES.map((s) => (
          <div key={s} className="checkbox checkbox--plain">
            <input
              id={`${id}-${s}`}
              type="checkbox"
              checked={filters.status.includes(s)}
              onChange={(e) =>
                onChange({
                  ...filters,
                  status: e.target.checked ? [...filters.status, s] : filters.status.filter((x) => x !== s),
                })
              }
            />
            <label htmlFor={`${id}-${s}`}>{actionStatusLabel[s]}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <input
          id={`${id}-owner`}
          type="search"
          autoComplete="off"
          value={filters.owner}
          onChange={(e) => onChange({ ...filters, owner: e.target.value })}
        />
      </div>
      {teams.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-team`}>Team</label>
          <select
            id={`${id}-team`}
            value={filters.team}
            onChange={(e) => onChange({ ...filters, team: e.target.value })}
          >
            <option value="">All teams</option>
            <option value={NO_TEAM}>No team</option>
            {teams.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-measure`}>Measure</label>
        <select
          id={`${id}-measure`}
          value={filters.measure}
          onChange={(e) => onChange({ ...filters, measure: e.target.value })}
        >
          <option value="">All measures</option>
          {measures.map(([key, title]) => (
            <option key={key} value={key}>
              {title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-clinic`}>Raised at</label>
        <select
          id={`${id}-clinic`}
          value={filters.clinicId}
          onChange={(e) => onChange({ ...filters, clinicId: e.target.value })}
        >
          <option value="">All clinics</option>
          {clinics.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {formatDate(c.held_on)} · {c.kind}
            </option>
          ))}
        </select>
      </div>
      <div className="checkbox">
        <input
          id={`${id}-overdue`}
          type="checkbox"
          checked={filters.overdue}
          onChange={(e) => onChange({ ...filters, overdue: e.target.checked })}
        />
        <label htmlFor={`${id}-overdue`}>Overdue only</label>
      </div>
    </form>
  );
}

export function ActionLogPage({ clinics }: { clinics: ClinicSummary[] }): ReactNode {
  // A team manager's view starts on the actions their team owns; the filter can still be changed.
  const { team: chosenTeam } = useTeam();
  // (The page is keyed by the team, so choosing another starts it afresh on that team.)
  const [filters, setFilters] = useState<Filters>(() => ({ ...NO_FILTERS, team: chosenTeam ?? '' }));
  // The owner box asks the app once typing pauses, not on every key.
  const [owner, setOwner] = useState('');
  const [all, setAll] = useState<ActionLogEntry[]>([]);
  const [rows, setRows] = useState<ActionLogEntry[] | { error: string } | null>(null);
  const [tick, setTick] = useState(0);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'due', desc: false }]);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());

  useEffect(() => {
    const timer = window.setTimeout(() => setOwner(filters.owner), 250);
    return () => window.clearTimeout(timer);
  }, [filters.owner]);

  useEffect(() => {
    let current = true;
    const args: {
      status?: ActionStatus[];
      owner?: string;
      team?: string;
      measure?: string;
      clinicId?: number;
      overdue?: boolean;
    } = {};
    if (filters.team) args.team = filters.team === NO_TEAM ? '' : filters.team;
    if (filters.status.length > 0) args.status = filters.status;
    if (owner.trim()) args.owner = owner.trim();
    if (filters.measure) args.measure = filters.measure;
    if (filters.clinicId) args.clinicId = Number(filters.clinicId);
    if (filters.overdue) args.overdue = true;
    void Promise.all([callClinic('listActions', args), callClinic('listActions', {})]).then(([filtered, every]) => {
      if (!current) return;
      if (every.ok) setAll(every.value);
      setRows(filtered.ok ? filtered.value : { error: filtered.error });
    });
    return () => {
      current = false;
    };
  }, [filters.status, owner, filters.team, filters.measure, filters.clinicId, filters.overdue, tick]);

  const toggle = useMemo(
    () => (id: number) =>
      setExpanded((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const columns = useColumns(expanded, toggle);
  const measures = useMemo(() => {
    const seen = new Map<string, string>();
    for (const a of all) if (a.measure && a.measure_title) seen.set(a.measure, a.measure_title);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1], 'en-GB'));
  }, [all]);
  const teams = useMemo(
    () => [...new Set(all.map((a) => a.team).filter((t) => t !== ''))].sort((a, b) => a.localeCompare(b, 'en-GB')),
    [all],
  );

  // A stable empty list while loading: a new [] each render would make TanStack reset its state in a loop.
  const data = Array.isArray(rows) ? rows : NO_ROWS;
  // React Compiler cannot memoise TanStack Table's mutable instance; see clinic-table.tsx.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    sortDescFirst: false,
    getRowId: (a) => String(a.id),
  });
  const leafCount = table.getVisibleLeafColumns().length;
  const filtering = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <section className="action-log" aria-labelledby="log-heading">
      <div className="page-heading-row">
        <h2 id="log-heading" className="page-heading">
          Action log
        </h2>
        <ExportActionLog />
      </div>
      <p className="lede">Every action from every clinic in this file. Actions stay open until done or dropped.</p>
      <FilterBar filters={filters} onChange={setFilters} measures={measures} teams={teams} clinics={clinics} />
      {rows !== null && 'error' in rows && <ErrorMessage title="The actions could not be shown" message={rows.error} />}
      <p className="result-count result-count--log" role="status">
        {rows === null
          ? 'Loading the actions…'
          : Array.isArray(rows)
            ? `${filtering ? 'Showing' : 'Showing all'} ${rows.length} ${rows.length === 1 ? 'action' : 'actions'}${filtering ? ` of ${all.length}` : ''}`
            : ''}
      </p>
      {data.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="log-heading" tabIndex={0}>
          <table className="log-table">
            <caption className="visually-hidden">
              Actions, sorted by {String(table.getColumn(sorting[0]?.id ?? 'due')?.columnDef.header ?? 'due date')},{' '}
              {sorting[0]?.desc ? 'descending' : 'ascending'}. Open a reference to see its updates.
            </caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((h) => (
                    <HeaderCell key={h.id} header={h} />
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => {
                const a = row.original;
                const isOpen = expanded.has(a.id);
                return (
                  <Fragment key={row.id}>
                    <tr className={`log-row${a.overdue ? ' log-row--overdue' : ''}${isOpen ? ' log-row--open' : ''}`}>
                      {row.getVisibleCells().map((cell) =>
                        cell.column.id === 'ref' ? (
                          <th key={cell.id} scope="row">
                            {flexRender(cell.column.columnDef.cell, cell.getContext())}
                          </th>
                        ) : (
                          <td key={cell.id} data-column={cell.column.id}>
                            {flexRender(cell.column.columnDef.cell, cell.getContext())}
                          </td>
                        ),
                      )}
                    </tr>
                    {isOpen && (
                      <tr className="log-history" id={`history-${a.id}`}>
                        <td colSpan={leafCount}>
                          <div className="log-history__inner">
                            <h3 className="log-history__heading">
                              History of {a.ref}
                              <span className="log-history__raised">
                                {' '}
                                raised by {a.created_by}, {formatDateTime(a.created_at)}
                              </span>
                            </h3>
                            <ActionUpdates action={a} />
                            <ActionControls
                              action={a}
                              clinicId={null}
                              readOnly={false}
                              onChanged={() => setTick((t) => t + 1)}
                            />
                          </div>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        Array.isArray(rows) && (
          <p className="empty">
            {filtering
              ? 'No actions match these filters.'
              : 'No actions yet. Raise them from a measure in a clinic, or for the whole clinic.'}
          </p>
        )
      )}
    </section>
  );
}
