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
import { Choice, Form, FormButtons, FormField, RefusalBox, TextField, type Refusal } from './form-field';

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
  const [error, setError] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const ids = {
    date: `${id}-date`,
    kind: `${id}-kind`,
    other: `${id}-other`,
    chair: `${id}-chair`,
    attendees: `${id}-attendees`,
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
      setError({ message: result.error });
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
      <RefusalBox id={`${id}-error`} title="The clinic was not started" level={3} refusal={error} />
      <Form className="form form--clinic" onSubmit={submit}>
        <div className="form__column">
          {/* lang on the field itself: Chromium then orders it day, month, year whatever the system's language. */}
          <FormField id={ids.date} label="Date of the clinic">
            {(control) => (
              <input {...control} type="date" lang="en-GB" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
            )}
          </FormField>

          <fieldset className="fieldset">
            <legend>Kind of clinic</legend>
            {[...KINDS, OTHER].map((k) => (
              <Choice
                key={k}
                type="radio"
                id={`${ids.kind}-${k}`}
                name={ids.kind}
                value={k}
                label={k === OTHER ? 'Other' : k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
            ))}
            {kind === OTHER && (
              <TextField
                id={ids.other}
                label="Name of the clinic"
                className="conditional"
                value={otherKind}
                onChange={(e) => setOtherKind(e.target.value)}
              />
            )}
          </fieldset>

          <fieldset className="fieldset">
            <legend>What it covers</legend>
            <Choice
              type="radio"
              id={`${id}-all`}
              name={`${id}-scope`}
              label="All service areas"
              checked={allAreas}
              onChange={() => setAllAreas(true)}
            />
            <Choice
              type="radio"
              id={`${id}-some`}
              name={`${id}-scope`}
              label="Chosen service areas"
              checked={!allAreas}
              onChange={() => setAllAreas(false)}
            />
            {!allAreas && (
              <fieldset className="fieldset conditional">
                <legend className="visually-hidden">Service areas</legend>
                {areas.map((area) => (
                  <Choice
                    key={area.key}
                    type="checkbox"
                    id={`${id}-area-${area.key}`}
                    label={area.title}
                    checked={scope.includes(area.key)}
                    onChange={(e) =>
                      setScope((s) => (e.target.checked ? [...s, area.key] : s.filter((k) => k !== area.key)))
                    }
                  />
                ))}
              </fieldset>
            )}
          </fieldset>
        </div>
        <div className="form__column">
          <TextField id={ids.chair} label="Chair" value={chair} onChange={(e) => setChair(e.target.value)} />

          <div className="form__pair">
            <FormField id={ids.attendees} label="Attendees" hint="One name or role a line">
              {(control) => (
                <textarea {...control} rows={5} value={attendees} onChange={(e) => setAttendees(e.target.value)} />
              )}
            </FormField>
            <FormField id={ids.apologies} label="Apologies" hint="One name or role a line">
              {(control) => (
                <textarea {...control} rows={5} value={apologies} onChange={(e) => setApologies(e.target.value)} />
              )}
            </FormField>
          </div>

          <fieldset className="fieldset">
            <legend>Figures it looks at</legend>
            <div className="form__pair form__pair--inline">
              <FormField id={ids.period} label="Period">
                {(control) => (
                  <select
                    {...control}
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
                )}
              </FormField>
              <FormField id={ids.compare} label="Compared with">
                {(control) => (
                  <select {...control} value={compare} onChange={(e) => setCompare(e.target.value)}>
                    {choices.length === 0 && <option value="">No earlier figures</option>}
                    {choices.map((p) => (
                      <option key={p} value={p}>
                        {periodLabel(p)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            </div>
          </fieldset>
        </div>
        <FormButtons submit="Start clinic" busy={busy} onCancel={onCancel} className="form__buttons" />
      </Form>
    </section>
  );
}
