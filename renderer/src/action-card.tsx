/**
 * One action as a clinic reviews it: reference, what is to be done, who, by when, its status and
 * whether it is overdue, its dated updates, and the controls to update, edit or delete it.
 */
import { useState, type ReactNode } from 'react';
import { actionStatusLabel, isClosed } from '../../main/domain/actions';
import type { ActionLogEntry, ActionUpdate } from '../../main/domain/types';
import { EditActionForm, UpdateActionForm } from './action-forms';
import { ActionStatusTag, OverdueFlag } from './action-status-tag';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { formatDate, formatDateTime } from './dates';
import { ConfirmDialog } from './dialog';
import { ArrowDownIcon } from './icons';

function UpdateLine({ update }: { update: ActionUpdate }): ReactNode {
  const changed = update.status_from !== update.status_to;
  return (
    <li className="update">
      <p className="update__meta">
        <span className="update__when">{formatDateTime(update.created_at)}</span>
        <span className="update__who">{update.created_by}</span>
        {changed && (
          <span className="update__change">
            {actionStatusLabel[update.status_from]}
            <span className="visually-hidden"> changed to </span>
            <span aria-hidden="true" className="update__arrow">
              <ArrowDownIcon />
            </span>
            {actionStatusLabel[update.status_to]}
          </span>
        )}
      </p>
      {update.text && <p className="update__text">{update.text}</p>}
    </li>
  );
}

/** The dated updates, oldest first, as the record of what happened. */
export function ActionUpdates({ action }: { action: ActionLogEntry }): ReactNode {
  if (action.updates.length === 0) return <p className="action__no-updates">No updates yet.</p>;
  return (
    <ol className="updates" aria-label={`Updates to ${action.ref}`}>
      {action.updates.map((u) => (
        <UpdateLine key={u.id} update={u} />
      ))}
    </ol>
  );
}

type Mode = 'view' | 'update' | 'edit' | 'delete';

export interface ActionControlsProps {
  action: ActionLogEntry;
  clinicId: number | null;
  readOnly: boolean;
  onChanged: () => void;
}

/** Add an update, edit, delete: one open at a time, in place. */
export function ActionControls({ action, clinicId, readOnly, onChanged }: ActionControlsProps): ReactNode {
  const [mode, setMode] = useState<Mode>('view');
  if (readOnly) return null;
  const back = () => setMode('view');
  return (
    <div className="action__controls">
      {mode === 'update' && (
        <UpdateActionForm
          action={action}
          clinicId={clinicId}
          onSaved={() => {
            back();
            onChanged();
          }}
          onCancel={back}
        />
      )}
      {mode === 'edit' && (
        <EditActionForm
          action={action}
          onSaved={() => {
            back();
            onChanged();
          }}
          onCancel={back}
        />
      )}
      {(mode === 'view' || mode === 'delete') && (
        <div className="button-row button-row--small">
          <button type="button" className="button button--secondary button--small" onClick={() => setMode('update')}>
            Add an update<span className="visually-hidden"> to {action.ref}</span>
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setMode('edit')}>
            Edit<span className="visually-hidden"> {action.ref}</span>
          </button>
          <button type="button" className="button button--link button--small" onClick={() => setMode('delete')}>
            Delete<span className="visually-hidden"> {action.ref}</span>
          </button>
        </div>
      )}
      {mode === 'delete' && (
        <ConfirmDialog
          title={`Delete ${action.ref}?`}
          confirmLabel="Delete action"
          warning
          reasonLabel="Why is it being deleted?"
          reasonHint="The reason is kept in the history of changes. To close an action that is no longer needed, mark it dropped instead."
          onCancel={back}
          onConfirm={async (reason) => {
            const result = await callClinic('deleteAction', { actionId: action.id, reason });
            if (!result.ok) return result.error;
            announce(`${action.ref} deleted.`);
            back();
            onChanged();
            return null;
          }}
        >
          <p className="confirm__body">“{action.description}”</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

export interface ActionCardProps {
  action: ActionLogEntry;
  clinicId: number | null;
  readOnly: boolean;
  /** Show which measure the action is against (not needed inside that measure's own panel). */
  showMeasure?: boolean;
  /** Show where it was raised (not needed for actions raised at the clinic on screen). */
  showRaisedAt?: boolean;
  headingLevel?: 3 | 4;
  onChanged: () => void;
}

export function ActionCard({
  action,
  clinicId,
  readOnly,
  showMeasure = true,
  showRaisedAt = true,
  headingLevel = 4,
  onChanged,
}: ActionCardProps): ReactNode {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const closed = isClosed(action.status);
  return (
    <article
      className={`action${closed ? ' action--closed' : ''}${action.overdue ? ' action--overdue' : ''}`}
      aria-label={`Action ${action.ref}`}
      data-action-ref={action.ref}
    >
      <div className="action__top">
        <Heading className="action__ref">{action.ref}</Heading>
        <ActionStatusTag status={action.status} />
        {action.overdue && <OverdueFlag />}
      </div>
      <p className="action__description">{action.description}</p>
      <dl className="action__facts">
        <div>
          <dt>Owner</dt>
          <dd>{action.owner}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{formatDate(action.due_on)}</dd>
        </div>
        {showMeasure && (
          <div>
            <dt>Measure</dt>
            <dd>{action.measure_title ?? 'Whole clinic'}</dd>
          </div>
        )}
        {showRaisedAt && (
          <div>
            <dt>Raised at</dt>
            <dd>
              {action.clinic_kind}, {formatDate(action.clinic_held_on)}
            </dd>
          </div>
        )}
        {closed && action.closed_on && (
          <div>
            <dt>Closed</dt>
            <dd>{formatDate(action.closed_on)}</dd>
          </div>
        )}
      </dl>
      <ActionUpdates action={action} />
      <ActionControls action={action} clinicId={clinicId} readOnly={readOnly} onChanged={onChanged} />
    </article>
  );
}
