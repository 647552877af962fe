/**
 * One measure in the catalogue: its details as a form, its target history, retiring or
 * reinstating it, and who changed what and when. A refusal is shown above the form in words and
 * what was typed stays; the page behind is told of each saved change.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CatalogueMeasure } from '../../main/domain/catalogue';
import type { ServiceArea } from '../../main/domain/types';
import { announce } from './announcer';
import { AuditBody, useAudit } from './audit-history';
import { callClinic } from './clinic-api';
import { formatDate } from './dates';
import { ConfirmDialog } from './dialog';
import { Form, FormButtons, FormError, RefusalBox, type Refusal } from './form-field';
import { MeasureFieldset, draftOf, fieldsOf, type FieldsDraft } from './measure-fields';
import { TargetHistory } from './target-history';

export interface MeasureEditorProps {
  measure: CatalogueMeasure;
  areas: ServiceArea[];
  readOnly: boolean;
  onChanged: (measure: CatalogueMeasure) => void;
  onBack: () => void;
}

export function MeasureEditor({ measure, areas, readOnly, onChanged, onBack }: MeasureEditorProps): ReactNode {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [version, setVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const audit = useAudit(measure.key, true, version);
  const areaTitles = new Map(areas.map((a) => [a.key, a.title]));
  const areaTitle = areaTitles.get(measure.area) ?? measure.area;

  useEffect(() => heading.current?.focus(), []);

  const changed = (next: CatalogueMeasure) => {
    onChanged(next);
    setVersion((v) => v + 1);
  };

  return (
    <section className="measure-editor" aria-labelledby={`${id}-heading`}>
      <button
        type="button"
        className="button button--link back-link"
        onClick={() => (dirty ? setLeaving(true) : onBack())}
      >
        ‹ All measures
      </button>
      <p className="detail__area">{areaTitle}</p>
      <div className="page-heading-row">
        <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} className="page-heading">
          {measure.title}
        </h2>
        <MeasureState measure={measure} />
      </div>
      <p className="hint">Key: {measure.key}. The key links the measure to its figures and never changes.</p>

      <DetailsForm measure={measure} areas={areas} readOnly={readOnly} onDirty={setDirty} onSaved={changed} />
      <TargetHistory measure={measure} readOnly={readOnly} onChanged={changed} />
      <RetireSection measure={measure} readOnly={readOnly} onChanged={changed} />

      <section className="catalogue-section" aria-labelledby={`${id}-audit`}>
        <h3 id={`${id}-audit`} className="detail__subheading">
          History of changes
        </h3>
        <AuditBody entries={audit} context={{ unit: measure.unit, areaTitles }} />
      </section>

      {leaving && (
        <ConfirmDialog
          title="Your changes are not saved"
          confirmLabel="Leave without saving"
          warning
          onCancel={() => setLeaving(false)}
          onConfirm={async () => {
            setLeaving(false);
            onBack();
            return null;
          }}
        >
          <p className="confirm__body">
            You have changed the details of {measure.title} without saving them. If you leave now, those changes will be
            lost.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** "In use", or "Retired" with the date: words, never colour alone. */
export function MeasureState({ measure }: { measure: CatalogueMeasure }): ReactNode {
  if (measure.retired_at === null) return <span className="measure-state measure-state--in-use">In use</span>;
  return (
    <span className="measure-state measure-state--retired">Retired {formatDate(measure.retired_at.slice(0, 10))}</span>
  );
}

function DetailsForm({
  measure,
  areas,
  readOnly,
  onDirty,
  onSaved,
}: {
  measure: CatalogueMeasure;
  areas: ServiceArea[];
  readOnly: boolean;
  onDirty: (dirty: boolean) => void;
  onSaved: (measure: CatalogueMeasure) => void;
}): ReactNode {
  const id = useId();
  const [draft, setDraft] = useState<FieldsDraft>(() => draftOf(measure));
  const [error, setError] = useState<Refusal | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const refuse = (message: string) => {
    setError({ message });
    setStatus('Not saved');
  };

  const save = async () => {
    const parsed = fieldsOf(draft);
    if ('error' in parsed) return refuse(parsed.error);
    setBusy(true);
    const result = await callClinic('updateMeasure', { key: measure.key, changes: parsed.fields });
    setBusy(false);
    if (!result.ok) return refuse(result.error);
    setError(null);
    setDraft(draftOf(result.value));
    onDirty(false);
    setStatus('Saved');
    onSaved(result.value);
    announce(`Changes to ${result.value.title} saved.`);
  };

  return (
    <section className="catalogue-section catalogue-section--first" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="detail__subheading">
        Details
      </h3>
      <RefusalBox id={`${id}-error`} title="The changes were not saved" level={4} refusal={error} />
      <Form className="form form--measure" aria-labelledby={`${id}-heading`} onSubmit={save}>
        <fieldset className="measure-grid" disabled={readOnly}>
          <legend className="visually-hidden">Details of {measure.title}</legend>
          <MeasureFieldset
            draft={draft}
            areas={areas}
            describedBy={error ? `${id}-error` : undefined}
            onChange={(next) => {
              setDraft(next);
              setStatus('');
              onDirty(true);
            }}
          />
        </fieldset>
        {!readOnly && (
          <FormButtons submit="Save changes" busy={busy}>
            <p className="save-status" role="status">
              {status}
            </p>
          </FormButtons>
        )}
      </Form>
    </section>
  );
}

function RetireSection({
  measure,
  readOnly,
  onChanged,
}: {
  measure: CatalogueMeasure;
  readOnly: boolean;
  onChanged: (measure: CatalogueMeasure) => void;
}): ReactNode {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retired = measure.retired_at !== null;

  const reinstate = async () => {
    const result = await callClinic('reinstateMeasure', { key: measure.key });
    if (!result.ok) return setError(result.error);
    setError(null);
    onChanged(result.value);
    announce(`${measure.title} reinstated: it is back in new clinics. Saved.`);
  };

  return (
    <section className="catalogue-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="detail__subheading">
        {retired ? 'Retired' : 'Retire this measure'}
      </h3>
      <p className="catalogue-section__lede">
        {retired
          ? `Retired on ${formatDate((measure.retired_at ?? '').slice(0, 10))}. It is left out of new clinics, templates and reports of later months. Its figures, notes, actions and target history are kept, and clinics already held still show it.`
          : 'Retiring takes the measure out of new clinics, templates and reports of later months. Its figures, notes, actions and target history are kept, and clinics already held still show it. It can be reinstated.'}
      </p>
      <FormError id={`${id}-error`} message={error} />
      {!readOnly && (
        // One button that changes its words, so focus stays on it after retiring or reinstating.
        <button
          type="button"
          className={`button ${retired ? 'button--secondary' : 'button--warning'}`}
          onClick={() => (retired ? void reinstate() : setAsking(true))}
        >
          {retired ? 'Reinstate this measure' : 'Retire this measure'}
        </button>
      )}
      {asking && (
        <ConfirmDialog
          title={`Retire ${measure.title}?`}
          confirmLabel="Retire measure"
          reasonLabel="Why is it being retired?"
          reasonHint="Kept in the measure’s history of changes."
          warning
          onCancel={() => setAsking(false)}
          onConfirm={async (reason) => {
            const result = await callClinic('retireMeasure', { key: measure.key, reason });
            if (!result.ok) return result.error;
            setAsking(false);
            onChanged(result.value);
            announce(`${measure.title} retired. Saved.`);
            return null;
          }}
        >
          <p className="confirm__body">
            It leaves new clinics, templates and reports of later months. Its history stays, and clinics already held
            keep showing it.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
