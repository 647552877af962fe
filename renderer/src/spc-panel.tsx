/**
 * The Making Data Count parts of a measure's detail: the judgement in words, the dated notes on
 * its chart, and the options its limits are drawn with. Every change goes through the API, which
 * records who made it; a refusal is shown in words and what was typed stays.
 */
import { useId, useState, type ReactNode } from 'react';
import { periodLabel } from '../../main/domain/period';
import {
  BASELINE_MAX,
  BASELINE_MIN,
  MINIMUM_POINTS,
  type Annotation,
  type Rule,
  type SpcPoint,
  type SpcSettings,
} from '../../main/domain/spc';
import type { Period } from '../../main/domain/types';
import type { MeasureDetail, ReportRow } from '../../main/domain/views';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { formatDate } from './dates';
import { FormError } from './form-field';
import { AssuranceTag, VariationTag } from './spc-tag';

const ruleWords: Record<Rule, string> = {
  outside: 'beyond a process limit',
  trend: 'part of a trend',
  two_of_three: '2 of 3 close to a limit',
  shift: 'part of a shift',
};

const kindWords = { concern: 'Concern', improvement: 'Improvement', neutral: 'Unusual' } as const;

/** A flagged month in words for the figures table: "Concern: part of a shift, below average". */
export function signalWords(point: SpcPoint | undefined): string | null {
  if (!point?.label || !point.kind) return null;
  const side = point.side === 'high' ? 'high' : 'low';
  return `${kindWords[point.kind]} (${side}): ${point.rules.map((r) => ruleWords[r]).join(', ')}`;
}

/** What the chart says about the measure at the clinic's period, as sentences a director can read out. */
export function SpcJudgement({ row, detail }: { row: ReportRow; detail: MeasureDetail }): ReactNode {
  const spc = detail.judgement;
  const monthly = detail.measure.frequency === 'monthly';
  if (!monthly) {
    return (
      <p className="spc-judgement__none">
        Statistical process control is drawn for monthly measures; this one is reported less often.
      </p>
    );
  }
  if (!spc) {
    const count = detail.history.filter((h) => !row.current || h.period <= row.current.period).length;
    return (
      <p className="spc-judgement__none">
        Not enough history yet to tell signal from noise: the chart needs at least {MINIMUM_POINTS} monthly figures, and
        {detail.team === null ? 'this measure has' : `${detail.team} has`} {count}.
      </p>
    );
  }
  const gaps = detail.spc?.gaps ?? [];
  return (
    <div className="spc-judgement">
      <div className="spc-judgement__item">
        {spc.variation && <VariationTag variation={spc.variation} />}
        <p>{spc.variation_reason}</p>
      </div>
      <div className="spc-judgement__item">
        {spc.assurance ? (
          <>
            <AssuranceTag assurance={spc.assurance} />
            <p>{spc.assurance_reason}</p>
          </>
        ) : (
          <p>
            {spc.variation === null
              ? 'No assurance icon until the new limits can be worked out.'
              : `No assurance icon: the measure has no target${row.polarity === 'none' ? ' or better direction' : ''}.`}
          </p>
        )}
      </div>
      {spc.trial && (
        <p className="hint">
          Trial limits: worked out from fewer than 12 months, so they will move as months are added.
        </p>
      )}
      {gaps.length > 0 && (
        <p className="hint">
          No figure for {gaps.map(periodLabel).join(', ')}: shown as {gaps.length === 1 ? 'a gap' : 'gaps'} on the
          chart, and no run of months is counted across {gaps.length === 1 ? 'it' : 'them'}.
        </p>
      )}
    </div>
  );
}

function PeriodSelect({
  id,
  periods,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  periods: Period[];
  value: Period;
  onChange: (period: Period) => void;
  describedBy?: string | undefined;
}): ReactNode {
  return (
    <select id={id} value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
      {[...periods].reverse().map((p) => (
        <option key={p} value={p}>
          {periodLabel(p)}
        </option>
      ))}
    </select>
  );
}

/** Dated notes, numbered as on the chart, with a form to add one ("Mosaic went live"). */
export function ChartNotes({
  measureKey,
  title,
  annotations,
  periods,
  readOnly,
  onChanged,
}: {
  measureKey: string;
  title: string;
  annotations: Annotation[];
  /** Months the measure has figures for, oldest first. */
  periods: Period[];
  readOnly: boolean;
  onChanged: () => void;
}): ReactNode {
  const [period, setPeriod] = useState<Period>(periods[periods.length - 1] ?? '');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { period: useId(), text: useId(), error: useId() };
  const errorRef = error ? ids.error : undefined;

  const add = async () => {
    setBusy(true);
    const result = await callClinic('addAnnotation', { key: measureKey, period, text });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setText('');
    announce(`Note for ${periodLabel(period)} added to the chart of ${title}.`);
    onChanged();
  };

  const remove = async (note: Annotation) => {
    const result = await callClinic('removeAnnotation', { id: note.id });
    if (!result.ok) return setError(result.error);
    setError(null);
    announce(`Note for ${periodLabel(note.period)} removed from the chart.`);
    onChanged();
  };

  return (
    <section className="chart-notes" aria-labelledby={`${ids.text}-heading`}>
      <h4 id={`${ids.text}-heading`} className="chart-notes__heading">
        Notes on the chart
      </h4>
      {annotations.length === 0 ? (
        <p className="hint">None yet. A note marks what happened in a month, such as a new system going live.</p>
      ) : (
        <ol className="chart-notes__list">
          {annotations.map((note) => (
            <li key={note.id}>
              <span className="chart-notes__period">{periodLabel(note.period)}:</span> {note.text}{' '}
              <span className="chart-notes__by">
                ({note.created_by || 'someone'}, {formatDate(note.created_at.slice(0, 10))})
              </span>
              {!readOnly && (
                <button type="button" className="button button--link button--small" onClick={() => void remove(note)}>
                  Remove<span className="visually-hidden"> the note for {periodLabel(note.period)}</span>
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {!readOnly && periods.length > 0 && (
        <form
          className="inline-form"
          aria-label={`Add a note to the chart of ${title}`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <FormError id={ids.error} message={error} />
          <div className="inline-form__row">
            <div className="field">
              <label htmlFor={ids.period}>Month</label>
              <PeriodSelect id={ids.period} periods={periods} value={period} onChange={setPeriod} />
            </div>
            <div className="field field--grow">
              <label htmlFor={ids.text}>What happened</label>
              <input
                id={ids.text}
                type="text"
                autoComplete="off"
                maxLength={500}
                value={text}
                aria-describedby={errorRef}
                onChange={(e) => setText(e.target.value)}
              />
            </div>
            <button type="submit" className="button button--secondary" disabled={busy}>
              Add note
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** How the limits are drawn for this measure, and where they are recalculated and why. */
export function SpcOptionsForm({
  measureKey,
  title,
  settings,
  periods,
  readOnly,
  onChanged,
}: {
  measureKey: string;
  title: string;
  settings: SpcSettings;
  periods: Period[];
  readOnly: boolean;
  onChanged: () => void;
}): ReactNode {
  const [baseline, setBaseline] = useState<number | null>(settings.baseline);
  const [screening, setScreening] = useState(settings.screening);
  const [shiftLength, setShiftLength] = useState<6 | 7>(settings.shiftLength);
  const [rebaseFrom, setRebaseFrom] = useState<Period>(periods[periods.length - 1] ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = {
    baseline: useId(),
    screening: useId(),
    screeningHint: useId(),
    shift: useId(),
    rebase: useId(),
    reason: useId(),
    reasonHint: useId(),
    error: useId(),
  };
  const errorRef = error ? ids.error : undefined;
  const changed =
    baseline !== settings.baseline || screening !== settings.screening || shiftLength !== settings.shiftLength;

  const run = async (work: () => Promise<{ ok: true } | { ok: false; error: string }>, done: string) => {
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    announce(done);
    onChanged();
  };

  const baselineChoices = Array.from({ length: BASELINE_MAX - BASELINE_MIN + 1 }, (_, i) => BASELINE_MIN + i);

  return (
    <details className="spc-options">
      <summary>Chart options: how the limits are worked out</summary>
      <FormError id={ids.error} message={error} />
      <form
        className="inline-form"
        aria-label={`Chart options for ${title}`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void run(
            () => callClinic('setSpcOptions', { key: measureKey, baseline, screening, shiftLength }),
            `Chart options for ${title} saved.`,
          );
        }}
      >
        <div className="inline-form__row">
          <div className="field">
            <label htmlFor={ids.baseline}>Limits worked out from</label>
            <select
              id={ids.baseline}
              value={baseline ?? ''}
              disabled={readOnly}
              aria-describedby={errorRef}
              onChange={(e) => setBaseline(e.target.value === '' ? null : Number(e.target.value))}
            >
              <option value="">Every month</option>
              {baselineChoices.map((n) => (
                <option key={n} value={n}>
                  The first {n} months (fixed)
                </option>
              ))}
            </select>
          </div>
          <fieldset className="fieldset fieldset--inline" disabled={readOnly}>
            <legend>A shift or a trend is</legend>
            {([7, 6] as const).map((n) => (
              <label key={n} className="radio">
                <input
                  type="radio"
                  name={ids.shift}
                  value={n}
                  checked={shiftLength === n}
                  onChange={() => setShiftLength(n)}
                />
                {n} months in a row
              </label>
            ))}
          </fieldset>
        </div>
        <div className="checkbox checkbox--plain checkbox--hinted">
          <input
            id={ids.screening}
            type="checkbox"
            checked={screening}
            disabled={readOnly}
            aria-describedby={ids.screeningHint}
            onChange={(e) => setScreening(e.target.checked)}
          />
          <label htmlFor={ids.screening}>Leave out unusually large month-to-month jumps</label>
          <span id={ids.screeningHint} className="hint">
            Moving-range screening: jumps of 3.267 times the average or more do not widen the limits.
          </span>
        </div>
        {settings.updated_at && (
          <p className="hint">
            Last changed by {settings.updated_by || 'someone'} on {formatDate(settings.updated_at.slice(0, 10))}.
          </p>
        )}
        {!readOnly && (
          <button type="submit" className="button button--secondary" disabled={busy || !changed}>
            Save chart options
          </button>
        )}
      </form>

      <h4 className="spc-options__heading">Recalculated limits</h4>
      {settings.rebases.length === 0 ? (
        <p className="hint">
          The limits run unbroken. Recalculate them from a month only when the process changed then for a known reason.
        </p>
      ) : (
        <ul className="spc-options__rebases">
          {settings.rebases.map((r) => (
            <li key={r.period}>
              From {periodLabel(r.period)}: {r.reason}{' '}
              <span className="chart-notes__by">
                ({r.created_by || 'someone'}, {formatDate(r.created_at.slice(0, 10))})
              </span>
              {!readOnly && (
                <button
                  type="button"
                  className="button button--link button--small"
                  onClick={() =>
                    void run(
                      () => callClinic('removeSpcRebase', { key: measureKey, period: r.period }),
                      `Limits no longer recalculated from ${periodLabel(r.period)}.`,
                    )
                  }
                >
                  Remove<span className="visually-hidden"> the recalculation from {periodLabel(r.period)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && periods.length > 1 && (
        <form
          className="inline-form"
          aria-label={`Recalculate the limits of ${title}`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void run(
              async () => {
                const result = await callClinic('rebaseSpc', { key: measureKey, period: rebaseFrom, reason });
                if (result.ok) setReason('');
                return result;
              },
              `Limits of ${title} recalculated from ${periodLabel(rebaseFrom)}.`,
            );
          }}
        >
          <div className="inline-form__row">
            <div className="field">
              <label htmlFor={ids.rebase}>From</label>
              <PeriodSelect id={ids.rebase} periods={periods.slice(1)} value={rebaseFrom} onChange={setRebaseFrom} />
            </div>
            <div className="field field--grow">
              <label htmlFor={ids.reason}>Why the process changed</label>
              <span id={ids.reasonHint} className="hint">
                Required, and kept with the chart
              </span>
              <input
                id={ids.reason}
                type="text"
                autoComplete="off"
                maxLength={500}
                value={reason}
                aria-describedby={[ids.reasonHint, errorRef].filter(Boolean).join(' ')}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            <button type="submit" className="button button--secondary" disabled={busy}>
              Recalculate limits
            </button>
          </div>
        </form>
      )}
    </details>
  );
}
