/**
 * The forms that change actions: raise one, add a dated update, edit its wording. Each keeps what
 * was typed when the app refuses, and shows the app's reason above the fields.
 */
import { useEffect, useId, useRef, useState, type ReactNode, type Ref } from 'react';
import { ACTION_STATUSES, actionStatusLabel } from '../../main/domain/actions';
import type { ActionLogEntry, ActionStatus } from '../../main/domain/types';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { Form, FormButtons, FormError, FormField, TextField } from './form-field';

interface ActionDraft {
  description: string;
  owner: string;
  /** '' for no team. */
  team: string;
  dueOn: string;
}

/** The teams in the file's figures, to choose an action's team from; empty until they arrive. */
function useTeams(): string[] {
  const [teams, setTeams] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    void callClinic('listTeams', {}).then((result) => {
      if (current && result.ok) setTeams(result.value);
    });
    return () => {
      current = false;
    };
  }, []);
  return teams;
}

/** What is to be done, by whom and by when: the same three fields to raise an action and to edit one. */
function ActionFields({
  draft,
  onChange,
  errorId,
  ownerHint,
  autoFocus,
  first,
}: {
  draft: ActionDraft;
  onChange: (draft: ActionDraft) => void;
  /** The form's error, when there is one, describes every field. */
  errorId: string | undefined;
  ownerHint?: string;
  autoFocus?: boolean | undefined;
  first?: Ref<HTMLTextAreaElement>;
}): ReactNode {
  const ids = { description: useId(), owner: useId(), team: useId(), due: useId() };
  const known = useTeams();
  // A team kept on an action but no longer in the figures stays choosable, so an edit keeps it.
  const teams = draft.team !== '' && !known.includes(draft.team) ? [...known, draft.team] : known;
  return (
    <>
      <FormField id={ids.description} label="What is to be done" describedBy={errorId}>
        {(control) => (
          <textarea
            {...control}
            ref={first}
            rows={3}
            value={draft.description}
            autoFocus={autoFocus}
            onChange={(e) => onChange({ ...draft, description: e.target.value })}
          />
        )}
      </FormField>
      <div className="action-form__row">
        <TextField
          id={ids.owner}
          label="Owner"
          hint={ownerHint}
          describedBy={errorId}
          className="field--grow"
          value={draft.owner}
          onChange={(e) => onChange({ ...draft, owner: e.target.value })}
        />
        {teams.length > 0 && (
          <FormField id={ids.team} label="Team" describedBy={errorId}>
            {(control) => (
              <select {...control} value={draft.team} onChange={(e) => onChange({ ...draft, team: e.target.value })}>
                <option value="">No team</option>
                {teams.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        <FormField id={ids.due} label="Due by" describedBy={errorId}>
          {(control) => (
            <input
              {...control}
              type="date"
              lang="en-GB"
              value={draft.dueOn}
              onChange={(e) => onChange({ ...draft, dueOn: e.target.value })}
            />
          )}
        </FormField>
      </div>
    </>
  );
}

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
  const [draft, setDraft] = useState<ActionDraft>({ description: '', owner: '', team: '', dueOn: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const first = useRef<HTMLTextAreaElement>(null);

  const submit = async () => {
    setBusy(true);
    const result = await callClinic('raiseAction', { clinicId, measure, ...draft });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setDraft({ description: '', owner: '', team: '', dueOn: '' });
    announce(`Action ${result.value.ref} raised and saved.`);
    onRaised(result.value);
    first.current?.focus();
  };

  return (
    <Form className="action-form" aria-label={label} onSubmit={submit}>
      <FormError id={errorId} message={error} />
      <ActionFields
        draft={draft}
        onChange={setDraft}
        errorId={error ? errorId : undefined}
        ownerHint="A name or a role"
        autoFocus={autoFocus}
        first={first}
      />
      <FormButtons submit="Raise action" busy={busy} onCancel={onCancel} />
    </Form>
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
  const ids = { text: useId(), status: useId(), error: useId() };

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
    <Form className="action-form action-form--inline" aria-label={`Add an update to ${action.ref}`} onSubmit={submit}>
      <FormError id={ids.error} message={error} />
      <FormField
        id={ids.text}
        label="Update"
        hint="What has happened since it was raised. Reopening a done or dropped action needs a reason here."
        describedBy={error ? ids.error : undefined}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={text}
            // Focus goes straight to the box: the person just asked to write an update.
            autoFocus
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </FormField>
      <FormField id={ids.status} label="Status">
        {({ id }) => (
          <select id={id} value={status} onChange={(e) => setStatus(e.target.value as ActionStatus)}>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {actionStatusLabel[s]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormButtons submit="Save update" busy={busy} onCancel={onCancel} />
    </Form>
  );
}

export interface EditActionFormProps {
  action: ActionLogEntry;
  onSaved: (action: ActionLogEntry) => void;
  onCancel: () => void;
}

export function EditActionForm({ action, onSaved, onCancel }: EditActionFormProps): ReactNode {
  const [draft, setDraft] = useState<ActionDraft>({
    description: action.description,
    owner: action.owner,
    team: action.team,
    dueOn: action.due_on,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  const submit = async () => {
    setBusy(true);
    const result = await callClinic('editAction', { actionId: action.id, ...draft });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    announce(`Changes to ${action.ref} saved.`);
    onSaved(result.value);
  };

  return (
    <Form className="action-form action-form--inline" aria-label={`Edit ${action.ref}`} onSubmit={submit}>
      <FormError id={errorId} message={error} />
      <ActionFields draft={draft} onChange={setDraft} errorId={error ? errorId : undefined} autoFocus />
      <FormButtons submit="Save changes" busy={busy} onCancel={onCancel} />
    </Form>
  );
}
