/**
 * What the clinic has recorded against one measure, for the detail panel: this clinic's note,
 * notes from other clinics, the measure's actions, and the history of changes.
 */
import { useCallback, useEffect, useId, useState, type ReactNode, type Ref } from 'react';
import type { NoteWithClinic } from '../../main/contract';
import { isClosed } from '../../main/domain/actions';
import type { ActionLogEntry, AuditEntry, Clinic } from '../../main/domain/types';
import { ActionCard } from './action-card';
import { RaiseActionForm } from './action-forms';
import { callClinic } from './clinic-api';
import { formatDate, formatDateTime } from './dates';
import { ErrorMessage } from './error-message';
import { PlusIcon } from './icons';
import { NoteEditor, type NoteEditorHandle } from './note-editor';

function NoteList({ notes }: { notes: NoteWithClinic[] }): ReactNode {
  return (
    <ol className="earlier-notes">
      {notes.map((n) => (
        <li key={n.clinic_id} className="earlier-note">
          <p className="earlier-note__meta">
            <span className="earlier-note__date">{formatDate(n.held_on)}</span> · {n.kind}
          </p>
          <p className="earlier-note__text">{n.text}</p>
          <p className="earlier-note__by">
            Written by {n.updated_by}, {formatDateTime(n.updated_at)}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** Notes from other clinics, newest first: earlier ones, and later ones when looking back at an old clinic. */
function OtherNotes({ notes, clinic }: { notes: NoteWithClinic[]; clinic: Clinic }): ReactNode {
  const others = notes.filter((n) => n.clinic_id !== clinic.id && n.text.trim() !== '');
  const earlier = others.filter((n) => n.held_on <= clinic.held_on);
  const later = others.filter((n) => n.held_on > clinic.held_on);
  return (
    <section className="record-section" aria-labelledby="earlier-notes-heading">
      <h3 id="earlier-notes-heading" className="detail__subheading">
        Earlier notes
      </h3>
      {earlier.length === 0 ? (
        <p className="empty-note">No notes on this measure from earlier clinics.</p>
      ) : (
        <NoteList notes={earlier} />
      )}
      {later.length > 0 && (
        <>
          <h4 className="record-section__minor-heading">Notes from later clinics</h4>
          <NoteList notes={later} />
        </>
      )}
    </section>
  );
}

function MeasureActions({
  clinic,
  measure,
  measureTitle,
  actions,
  onChanged,
}: {
  clinic: Clinic;
  measure: string;
  measureTitle: string;
  actions: ActionLogEntry[];
  onChanged: () => void;
}): ReactNode {
  const [raising, setRaising] = useState(false);
  const readOnly = clinic.status === 'final';
  const sorted = [...actions].sort(
    (a, b) =>
      Number(isClosed(a.status)) - Number(isClosed(b.status)) ||
      (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : a.id - b.id),
  );
  const open = actions.filter((a) => !isClosed(a.status)).length;
  return (
    <section className="record-section" aria-labelledby="measure-actions-heading">
      <div className="record-section__heading">
        <h3 id="measure-actions-heading" className="detail__subheading">
          Actions for this measure
        </h3>
        <span className="record-section__count">
          {actions.length === 0 ? 'None yet' : `${open} open of ${actions.length}`}
        </span>
      </div>
      {sorted.length > 0 && (
        <div className="action-list">
          {sorted.map((a) => (
            <ActionCard
              key={a.id}
              action={a}
              clinicId={clinic.id}
              readOnly={readOnly}
              showMeasure={false}
              onChanged={onChanged}
            />
          ))}
        </div>
      )}
      {readOnly ? null : raising ? (
        <RaiseActionForm
          clinicId={clinic.id}
          measure={measure}
          label={`Raise an action for ${measureTitle}`}
          autoFocus
          onRaised={onChanged}
          onCancel={() => setRaising(false)}
        />
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setRaising(true)}>
          <PlusIcon />
          Raise an action
        </button>
      )}
    </section>
  );
}

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

function clip(text: string, max = 240): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function field(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** One audit row in words: what happened, and the part of before or after worth reading. */
function describe(entry: AuditEntry): { what: string; detail: string | null } {
  const before = parse(entry.before);
  const after = parse(entry.after);
  const verb = entry.action;
  if (entry.entity === 'note') {
    if (verb === 'deleted') return { what: 'Note deleted', detail: typeof before === 'string' ? clip(before) : null };
    return { what: `Note ${verb}`, detail: typeof after === 'string' ? clip(after) : null };
  }
  if (entry.entity === 'action') {
    const what = `Action ${entry.entity_id} ${verb}`;
    const reason = field(after, 'reason');
    if (reason) return { what, detail: `Reason: ${clip(reason)}` };
    const text = field(after, 'text');
    const description = field(after, 'description');
    return { what, detail: text ? clip(text) : description ? clip(description) : null };
  }
  if (entry.entity === 'agenda') return { what: verb.charAt(0).toUpperCase() + verb.slice(1), detail: null };
  return { what: `${entry.entity} ${verb}`, detail: null };
}

function AuditHistory({ measure }: { measure: string }): ReactNode {
  const [entries, setEntries] = useState<AuditEntry[] | { error: string } | null>(null);
  const load = async () => {
    const result = await callClinic('getAudit', { measure, limit: 200 });
    setEntries(result.ok ? result.value : { error: result.error });
  };
  return (
    <details
      className="disclosure"
      onToggle={(event) => {
        if (event.currentTarget.open) void load();
      }}
    >
      <summary>History of changes</summary>
      {entries === null ? (
        <p className="loading" role="status">
          Loading the history…
        </p>
      ) : 'error' in entries ? (
        <ErrorMessage title="The history could not be shown" message={entries.error} />
      ) : entries.length === 0 ? (
        <p className="empty-note">Nothing has been recorded against this measure yet.</p>
      ) : (
        <ol className="audit">
          {entries.map((e) => {
            const { what, detail } = describe(e);
            return (
              <li key={e.id} className="audit__entry">
                <p className="audit__meta">
                  {formatDateTime(e.at)} · {e.who || 'Unknown'}
                </p>
                <p className="audit__what">{what}</p>
                {detail && <p className="audit__detail">{detail}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}

type Loaded = { notes: NoteWithClinic[]; actions: ActionLogEntry[] } | { error: string };

export interface MeasureRecordProps {
  clinic: Clinic;
  measure: string;
  measureTitle: string;
  noteRef: Ref<NoteEditorHandle>;
  /** Something in the clinic's record changed: the clinic view behind should reload. */
  onChanged: () => void;
}

/** The note and the actions, shown near the top of the panel. */
export function MeasureRecord({ clinic, measure, measureTitle, noteRef, onChanged }: MeasureRecordProps): ReactNode {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [generation, setGeneration] = useState(0);
  const headingId = useId();

  useEffect(() => {
    let current = true;
    void Promise.all([callClinic('getMeasureNotes', { measure }), callClinic('listActions', { measure })]).then(
      ([notes, actions]) => {
        if (!current) return;
        if (!notes.ok) return setLoaded({ error: notes.error });
        if (!actions.ok) return setLoaded({ error: actions.error });
        setLoaded({ notes: notes.value, actions: actions.value });
      },
    );
    return () => {
      current = false;
    };
  }, [measure, generation]);

  const actionsChanged = useCallback(() => {
    setGeneration((g) => g + 1);
    onChanged();
  }, [onChanged]);

  if (loaded === null) {
    return (
      <p className="loading" role="status">
        Loading the clinic’s notes and actions…
      </p>
    );
  }
  if ('error' in loaded)
    return <ErrorMessage title="The notes and actions could not be shown" message={loaded.error} />;
  const note = loaded.notes.find((n) => n.clinic_id === clinic.id) ?? null;

  return (
    <div className="measure-record">
      <section className="record-section record-section--note" aria-labelledby={headingId}>
        <h3 id={headingId} className="detail__subheading">
          {clinic.kind}, {formatDate(clinic.held_on)}
        </h3>
        <NoteEditor
          // A fresh editor only for another clinic or measure; reloading actions must not reset typing.
          key={`${clinic.id}:${measure}`}
          ref={noteRef}
          clinicId={clinic.id}
          measure={measure}
          measureTitle={measureTitle}
          initial={note}
          readOnly={clinic.status === 'final'}
          onSaved={onChanged}
        />
      </section>
      <OtherNotes notes={loaded.notes} clinic={clinic} />
      <MeasureActions
        clinic={clinic}
        measure={measure}
        measureTitle={measureTitle}
        actions={loaded.actions}
        onChanged={actionsChanged}
      />
    </div>
  );
}

export { AuditHistory };
