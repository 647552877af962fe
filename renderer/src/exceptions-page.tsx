/**
 * The exception report in the window (issue 17): for the whole service and each team, or one
 * team, what needs action this week. The same call and rules as `perfclinic exceptions`, so the
 * page and a scheduled report always agree. "Print" prints one A4 page per team. Each reason is
 * written in words beside its icon, never shown by colour alone.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import {
  exceptionsHeading,
  reasonLines,
  nothingText,
  sectionSummary,
  type ExceptionSection,
  type ExceptionsReport,
} from '../../main/domain/exceptions';
import type { Period } from '../../main/domain/types';
import { callClinic } from './clinic-api';
import { ErrorMessage } from './error-message';
import { formatDate } from './dates';
import { WarningIcon } from './icons';
import { useTeam } from './team-context';
import './exceptions.css';

const ALL = '';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function TeamSection({ section, index }: { section: ExceptionSection; index: number }): ReactNode {
  const headingId = `exceptions-section-${index}`;
  const nothing = section.exceptions.length === 0 && section.overdue_actions.length === 0;
  return (
    <section className="exceptions-team" aria-labelledby={headingId} data-team={section.team}>
      <h3 id={headingId}>{section.title}</h3>
      <p className="hint">{sectionSummary(section)}</p>
      {nothing ? (
        <p>{nothingText(section)}</p>
      ) : (
        <>
          <h4>Measures needing action ({section.exceptions.length})</h4>
          {section.exceptions.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul className="exceptions-list">
              {section.exceptions.map((e) => (
                <li key={e.key}>
                  <strong>{e.title}</strong> <span className="exceptions-area">({e.area_title})</span>
                  <ul className="exceptions-reasons">
                    {reasonLines(e).map((r) => (
                      <li key={r.reason}>
                        <WarningIcon /> <span className="exceptions-reason">{r.label}:</span> {r.detail}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          <h4>
            {section.team === '' ? 'Overdue actions no team owns' : 'Overdue actions'} ({section.overdue_actions.length}
            )
          </h4>
          {section.overdue_actions.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul className="exceptions-list">
              {section.overdue_actions.map((a) => (
                <li key={a.id}>
                  <strong>{a.ref}</strong> (due {formatDate(a.due_on)}, {plural(a.days_overdue, 'day')} overdue),{' '}
                  {a.owner}: {a.description}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

export function ExceptionsPage({ period }: { period: Period | null }): ReactNode {
  const id = useId();
  // A team manager's view starts on their team; another team, or all, is one choice away.
  const { team: chosenTeam } = useTeam();
  // (The page is keyed by the team, so choosing another starts it afresh on that team.)
  const [team, setTeam] = useState<string>(chosenTeam ?? ALL);
  const [report, setReport] = useState<ExceptionsReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const args: { period?: Period; team?: string } = {};
    if (period) args.period = period;
    if (team !== ALL) args.team = team;
    void callClinic('getExceptions', args).then((result) => {
      if (!current) return;
      if (result.ok) {
        setError(null);
        setReport(result.value);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [period, team]);

  return (
    <section className="exceptions-page" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="page-heading">
        Exceptions
      </h2>
      <p className="hint exceptions-controls">
        What needs action this week: measures off target, with special cause of concern or that will consistently fail
        their target, and overdue actions. Print gives one A4 page per team.
      </p>
      <div className="exceptions-controls report-choices">
        <div className="field">
          <label htmlFor={`${id}-team`}>Team</label>
          <select id={`${id}-team`} value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value={ALL}>All teams</option>
            {(report?.teams ?? []).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      {error && <ErrorMessage title="The exception report could not be made" message={error} />}
      {report && (
        <div className="exceptions-report" aria-live="polite">
          <p className="exceptions-title">{exceptionsHeading(report)}</p>
          {report.sections.map((s, i) => (
            <TeamSection key={s.team || '(service)'} section={s} index={i} />
          ))}
        </div>
      )}
    </section>
  );
}
