/**
 * A measure's target history: each target with the month it applies from, until the next change.
 * A change applies from a month on, so earlier months keep the target that applied to them; an
 * entry set by mistake can be removed.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CatalogueMeasure } from '../../main/domain/catalogue';
import { addMonths, periodLabel } from '../../main/domain/period';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { ConfirmDialog } from './dialog';
import { Choice, Form, FormButtons, FormError, FormField, TextField } from './form-field';
import { targetLabel } from './labels';
import { figureHints, readFigure } from './measure-fields';

function targetText(measure: CatalogueMeasure, target: number | null): string {
  return target === null ? 'No target' : targetLabel(target, measure.unit, measure.polarity);
}

export interface TargetHistoryProps {
  measure: CatalogueMeasure;
  readOnly: boolean;
  onChanged: (measure: CatalogueMeasure) => void;
}

export function TargetHistory({ measure, readOnly, onChanged }: TargetHistoryProps): ReactNode {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  // The row just removed took its button with it: carry on from the history's heading. A new object
  // each removal, so two in a row both move focus.
  const [removed, setRemoved] = useState<{ from: string } | null>(null);
  const history = measure.targets;

  useEffect(() => {
    if (removed) heading.current?.focus();
  }, [removed]);

  return (
    <section className="catalogue-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1} className="detail__subheading">
        Target history
      </h3>
      <p className="catalogue-section__lede">
        Each target applies from its month until the next change. A clinic or report of an earlier month is judged
        against the target that applied then, so changing the target never rewrites history.
      </p>
      {history.length === 0 ? (
        <p className="empty-note">No target has been set for this measure.</p>
      ) : (
        <table className="history-table target-table">
          <caption className="visually-hidden">Target history of {measure.title}, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Applies to</th>
              <th scope="col">Target</th>
              {!readOnly && (
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {history.map((t, i) => {
              const next = history[i + 1];
              const span = next
                ? `${periodLabel(t.applies_from)} to ${periodLabel(addMonths(next.applies_from, -1))}`
                : `${periodLabel(t.applies_from)} onwards`;
              return (
                <tr key={t.applies_from}>
                  <th scope="row">
                    {span}
                    {!next && <span className="cell-sub">In force now</span>}
                  </th>
                  <td>{targetText(measure, t.target)}</td>
                  {!readOnly && (
                    <td>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setRemoving(t.applies_from)}
                      >
                        Remove
                        <span className="visually-hidden"> the target change from {periodLabel(t.applies_from)}</span>
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {!readOnly && <ChangeTargetForm measure={measure} onChanged={onChanged} />}
      {removing !== null && (
        <ConfirmDialog
          title={`Remove the target change from ${periodLabel(removing)}?`}
          confirmLabel="Remove target change"
          warning
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            const result = await callClinic('removeMeasureTarget', { key: measure.key, appliesFrom: removing });
            if (!result.ok) return result.error;
            setRemoving(null);
            onChanged(result.value);
            announce(`Target change from ${periodLabel(removing)} removed. Saved.`);
            setRemoved({ from: removing });
            return null;
          }}
        >
          <p className="confirm__body">
            Use this for a change set by mistake. From {periodLabel(removing)} the measure will be judged against the
            target before it, or none if there was none. The removal is kept in the history of changes.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ChangeTargetForm({
  measure,
  onChanged,
}: {
  measure: CatalogueMeasure;
  onChanged: (measure: CatalogueMeasure) => void;
}): ReactNode {
  const id = useId();
  const [month, setMonth] = useState('');
  const [kind, setKind] = useState<'target' | 'none'>('target');
  const [figure, setFigure] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = error ? `${id}-error` : undefined;

  const submit = async () => {
    if (month === '') return setError('Choose the month the new target applies from.');
    const typed = readFigure(figure);
    if (kind === 'target' && (typed === null || typed === 'not a number'))
      return setError(`Give the target as a number: ${figureHints[measure.unit].toLowerCase()}.`);
    const target = kind === 'none' || typed === 'not a number' ? null : typed;
    setBusy(true);
    const result = await callClinic('setMeasureTarget', { key: measure.key, target, appliesFrom: month });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setMonth('');
    setFigure('');
    onChanged(result.value);
    announce(
      target === null
        ? `No target from ${periodLabel(month)}. Saved.`
        : `Target from ${periodLabel(month)} set to ${targetText(measure, target)}. Saved.`,
    );
  };

  return (
    <Form className="target-form" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h4 id={`${id}-title`} className="target-form__title">
        Change the target from a month
      </h4>
      <FormError id={`${id}-error`} message={error} />
      <div className="target-form__row">
        <FormField
          id={`${id}-month`}
          label="From"
          hint="Months before it keep their target"
          describedBy={errorRef}
          invalid={error !== null && month === ''}
        >
          {(control) => (
            <input {...control} type="month" lang="en-GB" value={month} onChange={(e) => setMonth(e.target.value)} />
          )}
        </FormField>
        <fieldset className="fieldset">
          <legend className="visually-hidden">New target</legend>
          <Choice
            type="radio"
            id={`${id}-kind-target`}
            name={`${id}-kind`}
            label="A target of"
            checked={kind === 'target'}
            onChange={() => setKind('target')}
          />
          <TextField
            id={`${id}-figure`}
            label="Target"
            hint={figureHints[measure.unit]}
            describedBy={errorRef}
            className="conditional"
            inputMode="decimal"
            value={figure}
            disabled={kind === 'none'}
            onChange={(e) => setFigure(e.target.value)}
          />
          <Choice
            type="radio"
            id={`${id}-kind-none`}
            name={`${id}-kind`}
            label="No target from this month"
            checked={kind === 'none'}
            onChange={() => setKind('none')}
          />
        </fieldset>
      </div>
      <FormButtons submit="Save target change" busy={busy} />
    </Form>
  );
}
