/**
 * The forms that change actions: raise one, add a dated update, edit its wording. Each keeps what
 * was typed when the app refuses, and shows the app's reason above the fields.
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import { ACTION_STATUSES, actionStatusLabel } from '../../main/domain/actions';
import type { ActionLogEntry, ActionStatus } from '../../main/domain/types';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { FormError } from './error-message';

export interface RaiseActionFormProps {
  clinicId: number;
  /** The measure the action is raised against, or null for the clinic as a whole. */
  measure: string | null;
  /** Names the form for screen readers: "Raise an action for Contacts". */
  label: string;
  /** Focus the first box on opening: when the person has just asked for the form. */
  autoFocus?: boolean;
  onRaised: (action: ActionLogEntry) => void;
  onCancel?: () => void;
}

export function RaiseActionForm({
  clinicId,
  measure,
  label,
  autoFocus,
  onRaised,
  onCancel,
}: RaiseActionFormProps): ReactNode {
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { description: useId(), owner: useId(), ownerHint: useId(), due: useId(), error: useId() };
  const first = useRef<HTMLTextAreaElement>(null);
  const errorRef = error ? ids.error : undefined;

  const submit = async () => {
    setBusy(true);
    const result = await callClinic('raiseAction', { clinicId, measure, description, owner, dueOn });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setDescription('');
    setOwner('');
    setDueOn('');
    announce(`Action ${result.value.ref} raised and saved.`);
    onRaised(result.value);
    first.current?.focus();
  };

  return (
    <form
      className="action-form"
      aria-label={label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormError id={ids.error} message={error} />
      <div className="field">
        <label htmlFor={ids.description}>What is to be done</label>
        <textarea
          ref={first}
          id={ids.description}
          rows={3}
          value={description}
          autoFocus={autoFocus}
          aria-describedby={errorRef}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="action-form__row">
        <div className="field field--grow">
          <label htmlFor={ids.owner}>Owner</label>
          <span id={ids.ownerHint} className="hint">
            A name or a role
          </span>
          <input
            id={ids.owner}
            type="text"
            autoComplete="off"
            value={owner}
            aria-describedby={[ids.ownerHint, errorRef].filter(Boolean).join(' ')}
            onChange={(e) => setOwner(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.due}>Due by</label>
          <input
            id={ids.due}
            type="date"
            lang="en-GB"
            value={dueOn}
            aria-describedby={errorRef}
            onChange={(e) => setDueOn(e.target.value)}
          />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          Raise action
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

export interface UpdateActionFormProps {
  action: ActionLogEntry;
  /** The clinic the update is made at, or null when made from the action log between clinics. */
  clinicId: number | null;
  onSaved: (action: ActionLogEntry) => void;
  onCancel: () => void;
}

export function UpdateActionForm({ action, clinicId, onSaved, onCancel }: UpdateActionFormProps): ReactNode {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { text: useId(), hint: useId(), status: useId(), error: useId() };

  const submit = async () => {
    setBusy(true);
    const result = await callClinic('updateAction', { actionId: action.id, clinicId, text, status });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    announce(`Update to ${action.ref} saved. Its status is ${actionStatusLabel[result.value.status]}.`);
    onSaved(result.value);
  };

  return (
    <form
      className="action-form action-form--inline"
      aria-label={`Add an update to ${action.ref}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormError id={ids.error} message={error} />
      <div className="field">
        <label htmlFor={ids.text}>Update</label>
        <span id={ids.hint} className="hint">
          What has happened since it was raised. Reopening a done or dropped action needs a reason here.
        </span>
        <textarea
          id={ids.text}
          rows={3}
          value={text}
          // Focus goes straight to the box: the person just asked to write an update.
          autoFocus
          aria-describedby={[ids.hint, error ? ids.error : null].filter(Boolean).join(' ')}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.status}>Status</label>
        <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value as ActionStatus)}>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {actionStatusLabel[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save update
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export interface EditActionFormProps {
  action: ActionLogEntry;
  onSaved: (action: ActionLogEntry) => void;
  onCancel: () => void;
}

export function EditActionForm({ action, onSaved, onCancel }: EditActionFormProps): ReactNode {
  const [description, setDescription] = useState(action.description);
  const [owner, setOwner] = useState(action.owner);
  const [dueOn, setDueOn] = useState(action.due_on);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { description: useId(), owner: useId(), due: useId(), error: useId() };
  const errorRef = error ? ids.error : undefined;

  const submit = async () => {
    setBusy(true);
    const result = await callClinic('editAction', { actionId: action.id, description, owner, dueOn });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    announce(`Changes to ${action.ref} saved.`);
    onSaved(result.value);
  };

  return (
    <form
      className="action-form action-form--inline"
      aria-label={`Edit ${action.ref}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormError id={ids.error} message={error} />
      <div className="field">
        <label htmlFor={ids.description}>What is to be done</label>
        <textarea
          id={ids.description}
          rows={3}
          value={description}
          autoFocus
          aria-describedby={errorRef}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="action-form__row">
        <div className="field field--grow">
          <label htmlFor={ids.owner}>Owner</label>
          <input
            id={ids.owner}
            type="text"
            autoComplete="off"
            value={owner}
            aria-describedby={errorRef}
            onChange={(e) => setOwner(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.due}>Due by</label>
          <input
            id={ids.due}
            type="date"
            lang="en-GB"
            value={dueOn}
            aria-describedby={errorRef}
            onChange={(e) => setDueOn(e.target.value)}
          />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save changes
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
