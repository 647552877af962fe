/**
 * Starting a clinic: when it meets, what kind it is, what it covers, who chairs and attends, and
 * which figures it looks at. A refusal from the app is shown above the form; nothing typed is lost.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { addMonths, periodLabel } from '../../main/domain/period';
import type { Clinic, Period, ServiceArea } from '../../main/domain/types';
import { ukDate } from '../../main/domain/uk-date';
import { announce } from './announcer';
import { callClinic } from './clinic-api';

const KINDS = ['Director’s performance clinic', 'Head of Service clinic'] as const;
const OTHER = 'other';

/** Only months with figures can be compared with: the month before when it has them, else the latest earlier one. */
function compareChoices(period: Period, periods: Period[]): Period[] {
  return period ? periods.filter((p) => p < period) : [];
}

function defaultCompare(period: Period, periods: Period[]): Period {
  const choices = compareChoices(period, periods);
  const monthBefore = period ? addMonths(period, -1) : '';
  return choices.includes(monthBefore) ? monthBefore : (choices[0] ?? '');
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

export interface NewClinicFormProps {
  areas: ServiceArea[];
  /** Periods with figures, newest first. */
  periods: Period[];
  onCreated: (clinic: Clinic) => void;
  onCancel: (() => void) | null;
}

export function NewClinicForm({ areas, periods, onCreated, onCancel }: NewClinicFormProps): ReactNode {
  const latest = periods[0] ?? '';
  const [heldOn, setHeldOn] = useState(() => ukDate(new Date()));
  const [kind, setKind] = useState<string>(KINDS[0]);
  const [otherKind, setOtherKind] = useState('');
  const [allAreas, setAllAreas] = useState(true);
  const [scope, setScope] = useState<string[]>([]);
  const [chair, setChair] = useState('');
  const [attendees, setAttendees] = useState('');
  const [apologies, setApologies] = useState('');
  const [period, setPeriod] = useState(latest);
  const [compare, setCompare] = useState(defaultCompare(latest, periods));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorBox = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const ids = {
    date: `${id}-date`,
    kind: `${id}-kind`,
    other: `${id}-other`,
    chair: `${id}-chair`,
    attendees: `${id}-attendees`,
    attendeesHint: `${id}-attendees-hint`,
    apologies: `${id}-apologies`,
    period: `${id}-period`,
    compare: `${id}-compare`,
  };

  useEffect(() => heading.current?.focus(), []);

  const choices = compareChoices(period, periods);

  const submit = async () => {
    setBusy(true);
    const result = await callClinic('createClinic', {
      held_on: heldOn,
      kind: kind === OTHER ? otherKind : kind,
      scope: allAreas ? [] : scope,
      chair,
      attendees: lines(attendees),
      apologies: lines(apologies),
      ...(period ? { period } : {}),
      ...(compare ? { compare } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      requestAnimationFrame(() => errorBox.current?.focus());
      return;
    }
    announce(`${result.value.kind} started and saved.`);
    onCreated(result.value);
  };

  return (
    <section className="new-clinic" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} className="page-heading">
        New clinic
      </h2>
      <p className="lede">A clinic is one meeting: its notes, actions and agenda are kept together.</p>
      {error && (
        <div ref={errorBox} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={`${id}-error-title`}>
          <h3 id={`${id}-error-title`} className="error-summary__title">
            The clinic was not started
          </h3>
          <p className="error-summary__body">{error}</p>
        </div>
      )}
      <form
        className="form form--clinic"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="form__column">
          <div className="field">
            <label htmlFor={ids.date}>Date of the clinic</label>
            {/* lang on the field itself: Chromium then orders it day, month, year whatever the system's language. */}
            <input id={ids.date} type="date" lang="en-GB" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
          </div>

          <fieldset className="fieldset">
            <legend>Kind of clinic</legend>
            {[...KINDS, OTHER].map((k) => (
              <div key={k} className="radio">
                <input
                  id={`${ids.kind}-${k}`}
                  type="radio"
                  name={ids.kind}
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />
                <label htmlFor={`${ids.kind}-${k}`}>{k === OTHER ? 'Other' : k}</label>
              </div>
            ))}
            {kind === OTHER && (
              <div className="field conditional">
                <label htmlFor={ids.other}>Name of the clinic</label>
                <input
                  id={ids.other}
                  type="text"
                  value={otherKind}
                  autoComplete="off"
                  onChange={(e) => setOtherKind(e.target.value)}
                />
              </div>
            )}
          </fieldset>

          <fieldset className="fieldset">
            <legend>What it covers</legend>
            <div className="radio">
              <input
                id={`${id}-all`}
                type="radio"
                name={`${id}-scope`}
                checked={allAreas}
                onChange={() => setAllAreas(true)}
              />
              <label htmlFor={`${id}-all`}>All service areas</label>
            </div>
            <div className="radio">
              <input
                id={`${id}-some`}
                type="radio"
                name={`${id}-scope`}
                checked={!allAreas}
                onChange={() => setAllAreas(false)}
              />
              <label htmlFor={`${id}-some`}>Chosen service areas</label>
            </div>
            {!allAreas && (
              <fieldset className="fieldset conditional">
                <legend className="visually-hidden">Service areas</legend>
                {areas.map((area) => (
                  <div key={area.key} className="checkbox checkbox--plain">
                    <input
                      id={`${id}-area-${area.key}`}
                      type="checkbox"
                      checked={scope.includes(area.key)}
                      onChange={(e) =>
                        setScope((s) => (e.target.checked ? [...s, area.key] : s.filter((k) => k !== area.key)))
                      }
                    />
                    <label htmlFor={`${id}-area-${area.key}`}>{area.title}</label>
                  </div>
                ))}
              </fieldset>
            )}
          </fieldset>
        </div>
        <div className="form__column">
          <div className="field">
            <label htmlFor={ids.chair}>Chair</label>
            <input
              id={ids.chair}
              type="text"
              value={chair}
              autoComplete="off"
              onChange={(e) => setChair(e.target.value)}
            />
          </div>

          <div className="form__pair">
            <div className="field">
              <label htmlFor={ids.attendees}>Attendees</label>
              <span id={ids.attendeesHint} className="hint">
                One name or role a line
              </span>
              <textarea
                id={ids.attendees}
                rows={5}
                value={attendees}
                aria-describedby={ids.attendeesHint}
                onChange={(e) => setAttendees(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.apologies}>Apologies</label>
              <span className="hint">One name or role a line</span>
              <textarea id={ids.apologies} rows={5} value={apologies} onChange={(e) => setApologies(e.target.value)} />
            </div>
          </div>

          <fieldset className="fieldset">
            <legend>Figures it looks at</legend>
            <div className="form__pair form__pair--inline">
              <div className="field">
                <label htmlFor={ids.period}>Period</label>
                <select
                  id={ids.period}
                  value={period}
                  onChange={(e) => {
                    setPeriod(e.target.value);
                    setCompare(defaultCompare(e.target.value, periods));
                  }}
                >
                  {periods.map((p) => (
                    <option key={p} value={p}>
                      {periodLabel(p)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={ids.compare}>Compared with</label>
                <select id={ids.compare} value={compare} onChange={(e) => setCompare(e.target.value)}>
                  {choices.length === 0 && <option value="">No earlier figures</option>}
                  {choices.map((p) => (
                    <option key={p} value={p}>
                      {periodLabel(p)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </fieldset>
        </div>
        <div className="button-row form__buttons">
          <button type="submit" className="button button--primary" disabled={busy}>
            Start clinic
          </button>
          {onCancel && (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
