/**
 * What the clinic has recorded against one measure, for the detail panel: this clinic's note,
 * notes from other clinics and the measure's actions (its history of changes is audit-history.tsx).
 */
import { useCallback, useEffect, useId, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react';
import type { NoteWithClinic } from '../../main/contract';
import { isClosed } from '../../main/domain/actions';
import type { ActionLogEntry, Clinic } from '../../main/domain/types';
import { ActionCard } from './action-card';
import { RaiseActionForm } from './action-forms';
import { callClinic } from './clinic-api';
import { formatDate, formatDateTime } from './dates';
import { ErrorMessage } from './error-message';
import { PlusIcon } from './icons';
import { announce } from './announcer';
import { KeptTexts, noteWording, type Keep } from './kept-texts';
import { NoteEditor, type NoteEditorHandle } from './note-editor';
import { onMergedElsewhere } from './sync-events';

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
          {/* Texts a merge kept beside it are shown too; the choice is made at that clinic. */}
          {n.also.map((a) => (
            <div key={a.change} className="kept-text kept-text--earlier">
              <p className="kept-text__by">
                Also written by {a.by} at {formatDateTime(a.at)}
              </p>
              <p className="kept-text__text">{a.text}</p>
            </div>
          ))}
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

/**
 * Saves the choice made among a note's kept texts. What is typed in the box is saved first, so that
 * "this one" is what the person sees; the choice is then made against the note as the file has it now.
 */
async function settleNote(
  clinicId: number,
  measure: string,
  keep: Keep,
  saveTyping: () => Promise<boolean>,
  onSettled: (message: string) => void,
): Promise<string | null> {
  if (!(await saveTyping()))
    return 'What you typed in the note could not be saved, so no choice has been made. Your text is still in the box.';
  const fresh = await callClinic('getMeasureNotes', { measure });
  if (!fresh.ok) return fresh.error;
  const now = fresh.value.find((n) => n.clinic_id === clinicId);
  if (!now) return 'This note is no longer in the file; nothing has been changed.';
  const kept = keep({ text: now.text, is: `the text by ${now.updated_by}` }, now.also);
  if (typeof kept === 'string') return kept;
  const result = await callClinic('resolveNote', { clinicId, measure, text: kept.text, baseVersion: now.version });
  if (!result.ok) return result.error;
  onSettled(kept.message);
  return null;
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
  // Bumped when a note's kept texts are settled: the box starts afresh from the note as settled.
  const [settled, setSettled] = useState<{ count: number; message: string }>({ count: 0, message: '' });
  const settledMessage = useRef<HTMLParagraphElement>(null);
  const headingId = useId();
  const editor = useRef<NoteEditorHandle | null>(null);
  // The panel's handle reaches whichever editor is on screen, including one started afresh.
  useImperativeHandle(
    noteRef,
    () => ({
      flush: () => editor.current?.flush() ?? Promise.resolve(true),
      text: () => editor.current?.text() ?? '',
    }),
    [],
  );

  // Others' changes merged into the file: the notes and actions are read again; the box keeps its typing.
  useEffect(() => onMergedElsewhere(() => setGeneration((g) => g + 1)), []);

  useEffect(() => {
    if (settled.count > 0) settledMessage.current?.focus();
  }, [settled]);

  const noteSettled = useCallback(
    async (message: string) => {
      const notes = await callClinic('getMeasureNotes', { measure });
      if (notes.ok) setLoaded((l) => (l && !('error' in l) ? { ...l, notes: notes.value } : l));
      setSettled((s) => ({ count: s.count + 1, message }));
      announce(message);
      onChanged();
    },
    [measure, onChanged],
  );

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
        <div className={note && note.also.length > 0 ? 'note-with-kept' : undefined}>
          <NoteEditor
            // A fresh editor only for another clinic or measure, or once its kept texts are settled;
            // reloading actions, or others' changes merged in, must not reset typing.
            key={`${clinic.id}:${measure}:${settled.count}`}
            ref={editor}
            clinicId={clinic.id}
            measure={measure}
            measureTitle={measureTitle}
            initial={note}
            readOnly={clinic.status === 'final'}
            onSaved={onChanged}
          />
          {note && note.also.length > 0 && (
            <KeptTexts
              key={note.also.map((a) => a.change).join(' ')}
              wording={noteWording(measureTitle)}
              also={note.also}
              readOnly={clinic.status === 'final'}
              startText={() => editor.current?.text() ?? note.text}
              onChoose={(keep) =>
                settleNote(
                  clinic.id,
                  measure,
                  keep,
                  () => editor.current?.flush() ?? Promise.resolve(true),
                  (message) => void noteSettled(message),
                )
              }
            />
          )}
        </div>
        {settled.count > 0 && (
          <p ref={settledMessage} tabIndex={-1} className="kept-texts__settled" role="status">
            {settled.message}
          </p>
        )}
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
