/**
 * The actions a clinic goes through: those carried forward from earlier clinics until closed,
 * those raised at this clinic, and those closed since the last one, each with its update control.
 */
import { useState, type ReactNode } from 'react';
import type { ActionLogEntry } from '../../main/domain/types';
import type { ClinicView } from '../../main/domain/views';
import { ActionCard } from './action-card';
import { RaiseActionForm } from './action-forms';
import { formatDate } from './dates';
import { PlusIcon, WarningIcon } from './icons';

function Group({
  id,
  title,
  hint,
  actions,
  empty,
  clinicId,
  readOnly,
  showRaisedAt,
  onChanged,
}: {
  id: string;
  title: string;
  hint?: string;
  actions: ActionLogEntry[];
  empty: string;
  clinicId: number;
  readOnly: boolean;
  showRaisedAt: boolean;
  onChanged: () => void;
}): ReactNode {
  return (
    <section className="review-group" aria-labelledby={id}>
      <h3 id={id} className="review-group__heading">
        {title} <span className="review-group__count">({actions.length})</span>
      </h3>
      {hint && <p className="hint review-group__hint">{hint}</p>}
      {actions.length === 0 ? (
        <p className="empty-note">{empty}</p>
      ) : (
        <div className="action-list action-list--grid">
          {actions.map((a) => (
            <ActionCard
              key={a.id}
              action={a}
              clinicId={clinicId}
              readOnly={readOnly}
              showRaisedAt={showRaisedAt}
              onChanged={onChanged}
            />
          ))}
        </div>
      )}
    </section>
  );
}

/** One line for the clinic header: how many actions there are to review, and a link down to them. */
export function ReviewSummary({ view }: { view: ClinicView }): ReactNode {
  const overdue = view.carriedForward.filter((a) => a.overdue).length + view.raised.filter((a) => a.overdue).length;
  if (view.carriedForward.length + view.raised.length + view.closedSinceLast.length === 0) {
    return (
      <p className="review-summary">
        <span className="review-summary__label">Actions:</span> none to review yet.
      </p>
    );
  }
  const parts = [
    `${view.carriedForward.length} carried forward`,
    `${view.raised.length} raised at this clinic`,
    `${view.closedSinceLast.length} closed since the last clinic`,
  ];
  return (
    <p className="review-summary">
      <span className="review-summary__label">Actions:</span> {parts.join(' · ')}
      {overdue > 0 && (
        <span className="review-summary__overdue">
          <WarningIcon />
          {overdue} overdue
        </span>
      )}
      <a className="review-summary__link" href="#review-heading">
        Go to actions to review
      </a>
    </p>
  );
}

export function ActionsToReview({
  view,
  readOnlyFile,
  onChanged,
}: {
  view: ClinicView;
  /** The file is open read-only (someone else has it): actions can be read, not changed. */
  readOnlyFile: boolean;
  onChanged: () => void;
}): ReactNode {
  const [raising, setRaising] = useState(false);
  const { clinic, previous } = view;
  const readOnly = clinic.status === 'final' || readOnlyFile;
  const lastMet = previous
    ? `The last clinic, ${previous.kind}, met on ${formatDate(previous.held_on)}.`
    : 'This is the first clinic in this file.';
  return (
    <section className="review" aria-labelledby="review-heading">
      <div className="review__heading">
        <h2 id="review-heading" tabIndex={-1}>
          Actions to review
        </h2>
        {!readOnly && !raising && (
          <button type="button" className="button button--secondary" onClick={() => setRaising(true)}>
            <PlusIcon />
            Raise an action for the whole clinic
          </button>
        )}
      </div>
      {raising && (
        <div className="review__raise">
          <h3 className="review-group__heading">Raise an action for the whole clinic</h3>
          <RaiseActionForm
            clinicId={clinic.id}
            measure={null}
            label="Raise an action for the whole clinic"
            autoFocus
            onRaised={onChanged}
            onCancel={() => setRaising(false)}
          />
        </div>
      )}
      <Group
        id="review-carried"
        title="Carried forward from earlier clinics"
        hint="Still open: each stays here until it is done or dropped."
        actions={view.carriedForward}
        empty="No open actions from earlier clinics."
        clinicId={clinic.id}
        readOnly={readOnly}
        showRaisedAt
        onChanged={onChanged}
      />
      <Group
        id="review-raised"
        title="Raised at this clinic"
        actions={view.raised}
        empty="No actions raised at this clinic yet. Raise one from a measure, or for the whole clinic."
        clinicId={clinic.id}
        readOnly={readOnly}
        showRaisedAt={false}
        onChanged={onChanged}
      />
      <Group
        id="review-closed"
        title="Closed since the last clinic"
        hint={lastMet}
        actions={view.closedSinceLast}
        empty="No actions closed since the last clinic."
        clinicId={clinic.id}
        readOnly={readOnly}
        showRaisedAt
        onChanged={onChanged}
      />
    </section>
  );
}
