/**
 * What importing a spreadsheet would do, before anything is written: the totals, every problem
 * with its sheet, row, column and reason, and per measure what is new, what changes (old → new)
 * and what stays. Built to stay usable for a file of thousands of rows: problems come in a list
 * shown a hundred at a time, and each measure's changes fold away.
 */
import { useState, type ReactNode } from 'react';
import type { ImportPreview } from '../../main/contract';
import { addMonths, periodLabel, periodShortLabel } from '../../main/domain/period';
import type { Period, Unit } from '../../main/domain/types';
import type { FigureValue, MeasurePreview, Problem } from '../../main/import/results';
import { formatFraction, formatValue } from './format';
import { CrossIcon, WarningIcon } from './icons';

/** How many problems show at first; the rest of those the app listed are one click away. */
const PROBLEMS_SHOWN = 100;
/** A measure with more new or changed figures than this folds them under "Show the N …". */
const CHANGES_INLINE = 4;
/** How many teams a measure's row names before saying how many more. */
const TEAMS_NAMED = 4;

const count = (n: number) => n.toLocaleString('en-GB');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "Nov 2023", or "Dec 2022 to Nov 2023" for a run of months, runs joined by commas. */
export function periodRanges(periods: readonly Period[]): string {
  const runs: string[] = [];
  let start: Period | undefined;
  let end: Period | undefined;
  const close = () => {
    if (start === undefined || end === undefined) return;
    runs.push(start === end ? periodShortLabel(start) : `${periodShortLabel(start)} to ${periodShortLabel(end)}`);
  };
  for (const p of periods) {
    if (end !== undefined && p === addMonths(end, 1)) {
      end = p;
      continue;
    }
    close();
    start = end = p;
  }
  close();
  const shown = runs.slice(0, 4).join(', ');
  return runs.length > 4 ? `${shown} and ${plural(runs.length - 4, 'other run')} of months` : shown;
}

function figureText(figure: FigureValue, unit: Unit | null): string {
  const value = unit ? formatValue(figure.value, unit) : figure.value.toLocaleString('en-GB');
  const fraction = formatFraction(figure.numerator, figure.denominator);
  return fraction ? `${value} (${fraction})` : value;
}

function columnText(p: Problem): string {
  if (p.column) return p.column;
  return p.row === null ? 'Whole sheet' : 'Whole row';
}

function Severity({ severity }: { severity: Problem['severity'] }): ReactNode {
  return severity === 'error' ? (
    <span className="tag tag--off-target">
      <CrossIcon />
      Error
    </span>
  ) : (
    <span className="tag tag--near-target">
      <WarningIcon />
      Warning
    </span>
  );
}

function Problems({ preview }: { preview: ImportPreview }): ReactNode {
  const [all, setAll] = useState(false);
  const { problems, problemsOmitted } = preview;
  if (problems.length === 0) return null;
  const shown = all ? problems : problems.slice(0, PROBLEMS_SHOWN);
  const total = problems.length + problemsOmitted;
  return (
    <section className="import-section">
      <h4 id="import-problems-heading" className="import-section__heading">
        Problems in the file ({plural(preview.errorCount, 'error')}, {plural(preview.warningCount, 'warning')})
      </h4>
      <p className="hint">
        Errors must be fixed in the spreadsheet before it can be imported. Warnings do not stop the import: read them to
        be sure the file says what you meant.
      </p>
      <div className="table-scroll" role="region" aria-labelledby="import-problems-heading" tabIndex={0}>
        <table className="log-table import-table">
          <caption className="visually-hidden">
            {shown.length === total ? `All ${plural(total, 'problem')}` : `${count(shown.length)} of ${count(total)}`},
            in the order they appear in the file
          </caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Sheet</th>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={i} className={p.severity === 'error' ? 'import-problem--error' : undefined}>
                <td>
                  <Severity severity={p.severity} />
                </td>
                <td>{p.sheet}</td>
                <td className="numeric">{p.row ?? 'Whole sheet'}</td>
                <td>{columnText(p)}</td>
                <td className="import-problem__message">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length < problems.length && (
        <button type="button" className="button button--secondary button--small" onClick={() => setAll(true)}>
          Show all {count(problems.length)} problems listed
        </button>
      )}
      {(shown.length < problems.length || problemsOmitted > 0) && (
        <p className="import-more">
          {shown.length < problems.length && `Showing the first ${count(shown.length)} of ${count(total)} problems. `}
          {problemsOmitted > 0 &&
            `${plural(problemsOmitted, 'more problem')} ${problemsOmitted === 1 ? 'is' : 'are'} not listed here; the counts above include ${problemsOmitted === 1 ? 'it' : 'them'}. Fix these first and check the file again to see the rest.`}
        </p>
      )}
    </section>
  );
}

function label(period: Period, team: string): string {
  return `${periodShortLabel(period)}${team ? ` (${team})` : ''}`;
}

/**
 * A measure's new or changed figures: a few in a list, more folded under "Show the N …" with the
 * months they cover, so a measure with years of history does not push the rest off the screen.
 */
function FigureList({ measure, kind }: { measure: MeasurePreview; kind: 'new' | 'changed' }): ReactNode {
  const total = kind === 'new' ? measure.added : measure.changed;
  if (total === 0) return <span className="muted">None</span>;
  const lines =
    kind === 'new'
      ? measure.additions.map((a) => ({
          key: `${a.period}|${a.team}`,
          text: `${label(a.period, a.team)}: ${figureText(a.next, measure.unit)}`,
        }))
      : measure.changes.map((c) => ({
          key: `${c.period}|${c.team}`,
          text: `${label(c.period, c.team)}: ${figureText(c.old, measure.unit)} → ${figureText(c.next, measure.unit)}`,
        }));
  const more = total - lines.length;
  const list = (
    <ul className="import-changes">
      {lines.map((line) => (
        <li key={line.key}>{line.text}</li>
      ))}
      {more > 0 && <li className="muted">and {count(more)} more not listed</li>}
    </ul>
  );
  if (lines.length <= CHANGES_INLINE) return list;
  const noun = kind === 'new' ? plural(total, 'new figure') : plural(total, 'change');
  return (
    <details className="disclosure import-changes__more">
      <summary>
        Show the {noun}
        <span className="visually-hidden"> to {measure.title}</span>
      </summary>
      {list}
    </details>
  );
}

function MeasureTable({ preview }: { preview: ImportPreview }): ReactNode {
  const changing = preview.measures.filter((m) => m.added > 0 || m.changed > 0).length;
  return (
    <section className="import-section">
      <h4 id="import-measures-heading" className="import-section__heading">
        What changes, measure by measure
      </h4>
      <p className="hint">
        {plural(preview.measures.length, 'measure')} in the file; {plural(changing, 'measure')} with new or changed
        figures.
      </p>
      <div className="table-scroll" role="region" aria-labelledby="import-measures-heading" tabIndex={0}>
        <table className="log-table import-table">
          <caption className="visually-hidden">
            For each measure in the file: the new figures, the figures that change an existing value (old to new), and
            those already there with the same value.
          </caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="numeric">
                New
              </th>
              <th scope="col">New figures</th>
              <th scope="col" className="numeric">
                Changed
              </th>
              <th scope="col">Old → new</th>
              <th scope="col" className="numeric">
                Unchanged
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.measures.map((m) => (
              <tr key={m.measure}>
                <th scope="row">
                  {m.title}
                  {m.teams.length > 0 && <span className="cell-sub">{teamsText(m.teams)}</span>}
                </th>
                <td className="numeric">{count(m.added)}</td>
                <td className="import-figures">
                  {m.addedPeriods.length > CHANGES_INLINE && (
                    <span className="cell-sub">{periodRanges(m.addedPeriods)}</span>
                  )}
                  <FigureList measure={m} kind="new" />
                </td>
                <td className="numeric">{count(m.changed)}</td>
                <td className="import-figures">
                  <FigureList measure={m} kind="changed" />
                </td>
                <td className="numeric">{count(m.unchanged)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** "By team: North, South", or the first few and how many more: a file may split a measure a hundred ways. */
function teamsText(teams: readonly string[]): string {
  if (teams.length <= TEAMS_NAMED + 1) return `By team: ${teams.join(', ')}`;
  return `By team: ${teams.slice(0, TEAMS_NAMED).join(', ')} and ${count(teams.length - TEAMS_NAMED)} more`;
}

function layoutText(preview: ImportPreview): string {
  const multi = preview.sheets.length > 1;
  const read = preview.sheets
    .filter((s) => s.layout !== null)
    .map(
      (s) =>
        `${multi ? `sheet “${s.name}”: ` : ''}${s.layout === 'wide' ? 'one row per measure, a column per month' : 'one row per figure'}`,
    );
  return read.length > 0 ? read.join('; ') : 'no sheet with a heading row the import recognises';
}

/** How the file was read: format, layout, rows and the months it covers. */
export function FileFacts({ preview }: { preview: ImportPreview }): ReactNode {
  return (
    <dl className="clinic-facts import-facts">
      <div>
        <dt>File</dt>
        <dd>
          {preview.fileName} ({preview.format === 'xlsx' ? 'Excel' : 'CSV'})
        </dd>
      </div>
      <div>
        <dt>Read as</dt>
        <dd>{layoutText(preview)}</dd>
      </div>
      <div>
        <dt>Rows</dt>
        <dd>
          {count(preview.rowsRead)} read
          {preview.blankRows > 0 && `, ${count(preview.blankRows)} blank`}
        </dd>
      </div>
      <div>
        <dt>Months</dt>
        <dd>
          {preview.periods
            ? preview.periods.from === preview.periods.to
              ? periodLabel(preview.periods.from)
              : `${periodLabel(preview.periods.from)} to ${periodLabel(preview.periods.to)}`
            : 'None'}
        </dd>
      </div>
    </dl>
  );
}

/** The four numbers that matter, as the clinic's summary shows its statuses: a border, a count, words. */
export function Totals({ preview }: { preview: ImportPreview }): ReactNode {
  const items = [
    { key: 'added', n: preview.totals.added, label: 'new', className: 'summary__item--on-target' },
    { key: 'changed', n: preview.totals.changed, label: 'changed', className: 'summary__item--near-target' },
    { key: 'unchanged', n: preview.totals.unchanged, label: 'unchanged', className: 'summary__item--no-target' },
    {
      key: 'errors',
      n: preview.errorCount,
      label: preview.errorCount === 1 ? 'error' : 'errors',
      className: preview.errorCount > 0 ? 'summary__item--off-target' : 'summary__item--no-target',
    },
  ];
  return (
    <ul className="summary import-totals" aria-label="Figures in the file">
      {items.map((item) => (
        <li key={item.key} className={`summary__item ${item.className}`}>
          <span className="summary__count">{count(item.n)}</span> <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** Problems first when there are errors (they are what the person must act on), then the measures. */
export function PreviewDetails({ preview }: { preview: ImportPreview }): ReactNode {
  return (
    <>
      {preview.notices.length > 0 && (
        <ul className="import-notices">
          {preview.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {preview.errorCount > 0 && <Problems preview={preview} />}
      {preview.measures.length > 0 && <MeasureTable preview={preview} />}
      {preview.errorCount === 0 && <Problems preview={preview} />}
    </>
  );
}
