/**
 * The note against one measure at one clinic. Typing saves by itself after a pause and when the
 * box loses focus; the status line says "Saved at 10:42" only once the app has answered that the
 * note is on disk (reliability.md rule 3). A refused save keeps every character typed.
 */
import { useEffect, useId, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react';
import type { NoteWithClinic } from '../../main/contract';
import type { Note } from '../../main/domain/types';
import { NOTE_MAX_CHARS } from '../../main/domain/validate';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { formatDateTime, formatTime } from './dates';
import { ConfirmDialog } from './dialog';
import { WarningIcon } from './icons';

/** How long after the last key press the note saves itself. */
export const AUTOSAVE_DELAY_MS = 800;
/** From here on the editor counts characters against the limit. */
const WARN_FROM = NOTE_MAX_CHARS - 2_000;
const count = new Intl.NumberFormat('en-GB');

type Status =
  | { kind: 'loaded'; note: Note | null }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'deleted' }
  | { kind: 'failed'; error: string }
  | { kind: 'conflict'; error: string; latest: Note | null };

export interface NoteEditorHandle {
  /** Saves anything not yet saved; true when the note on disk is what is on screen. */
  flush(): Promise<boolean>;
  /** What the box holds now, saved or not. */
  text(): string;
}

export interface NoteEditorProps {
  clinicId: number;
  measure: string;
  measureTitle: string;
  /** The note as last loaded from the file, or null when there is none yet. */
  initial: Note | null;
  readOnly: boolean;
  onSaved: () => void;
  ref?: Ref<NoteEditorHandle>;
}

function statusText(status: Status): string {
  switch (status.kind) {
    case 'loaded':
      return status.note ? `Last saved ${formatDateTime(status.note.updated_at)} by ${status.note.updated_by}` : '';
    case 'unsaved':
      return 'Changes not saved yet';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${formatTime(status.at)}`;
    case 'deleted':
      return 'Note deleted';
    case 'failed':
    case 'conflict':
      return 'Not saved';
  }
}

export function NoteEditor({
  clinicId,
  measure,
  measureTitle,
  initial,
  readOnly,
  onSaved,
  ref,
}: NoteEditorProps): ReactNode {
  const [text, setText] = useState(initial?.text ?? '');
  const [status, setStatus] = useState<Status>({ kind: 'loaded', note: initial });
  const [confirming, setConfirming] = useState<'delete' | 'load' | null>(null);
  // Mirrors version.current for rendering: whether there is a saved note to delete.
  const [hasSavedNote, setHasSavedNote] = useState((initial?.version ?? 0) > 0);
  const ids = { box: useId(), hint: useId(), status: useId(), error: useId(), count: useId(), readOnly: useId() };

  // The save loop works from refs: the latest text, the version it last saw, and the save in flight.
  const latestText = useRef(text);
  const savedText = useRef(text);
  const version = useRef(initial?.version ?? 0);
  const inConflict = useRef(false);
  const queue = useRef<Promise<boolean>>(Promise.resolve(true));
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  /** Asks the file what the note is now, to tell "changed elsewhere" apart from any other refusal. */
  const currentOnDisk = async (): Promise<{ note: Note | null } | null> => {
    const result = await callClinic('getMeasureNotes', { measure });
    if (!result.ok) return null;
    const found: NoteWithClinic | undefined = result.value.find((n) => n.clinic_id === clinicId);
    return { note: found ?? null };
  };

  const saveNow = async (): Promise<boolean> => {
    const text = latestText.current;
    if (inConflict.current) return false;
    if (text === savedText.current) return true;
    const base = version.current;
    setStatus({ kind: 'saving' });
    const result = await callClinic('saveNote', { clinicId, measure, text, baseVersion: base });
    if (result.ok) {
      version.current = result.value.version;
      savedText.current = text;
      setHasSavedNote(true);
      if (latestText.current === text) setStatus({ kind: 'saved', at: result.value.updated_at });
      else setStatus({ kind: 'unsaved' });
      onSaved();
      return latestText.current === text;
    }
    const onDisk = await currentOnDisk();
    const theirs = onDisk?.note ?? null;
    if (onDisk && (theirs?.version ?? 0) !== base) {
      inConflict.current = true;
      setStatus({ kind: 'conflict', error: result.error, latest: theirs });
    } else {
      setStatus({ kind: 'failed', error: result.error });
    }
    return false;
  };

  /** Saves after any save already in flight, so two saves never race on the same version. */
  const save = (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    const next = queue.current.then(saveNow, saveNow);
    queue.current = next;
    return next;
  };

  useImperativeHandle(ref, () => ({
    flush: () => (readOnly ? Promise.resolve(true) : save()),
    text: () => latestText.current,
  }));

  const change = (value: string) => {
    setText(value);
    latestText.current = value;
    if (inConflict.current) return;
    setStatus(value === savedText.current ? { kind: 'loaded', note: null } : { kind: 'unsaved' });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  };

  const loadLatest = (latest: Note | null) => {
    inConflict.current = false;
    const value = latest?.text ?? '';
    version.current = latest?.version ?? 0;
    setHasSavedNote(version.current > 0);
    latestText.current = value;
    savedText.current = value;
    setText(value);
    setStatus({ kind: 'loaded', note: latest });
    announce('The latest saved note is now in the box.');
  };

  const deleteNote = async (): Promise<string | null> => {
    window.clearTimeout(timer.current);
    await queue.current;
    const result = await callClinic('deleteNote', { clinicId, measure, baseVersion: version.current });
    if (!result.ok) return result.error;
    version.current = 0;
    setHasSavedNote(false);
    latestText.current = '';
    savedText.current = '';
    setText('');
    setStatus({ kind: 'deleted' });
    setConfirming(null);
    onSaved();
    return null;
  };

  const length = text.length;
  const over = length > NOTE_MAX_CHARS;
  const nearLimit = length >= WARN_FROM;
  const problem = status.kind === 'failed' || status.kind === 'conflict' ? status.error : null;
  const describedBy = [
    ids.hint,
    readOnly ? ids.readOnly : null,
    nearLimit ? ids.count : null,
    problem ? ids.error : null,
    ids.status,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="note-editor">
      <label htmlFor={ids.box} className="note-editor__label">
        Note for this clinic<span className="visually-hidden">: {measureTitle}</span>
      </label>
      <span id={ids.hint} className="hint">
        Commentary, explanation and challenge. It saves as you type.
      </span>
      {readOnly && (
        <p id={ids.readOnly} className="read-only-message">
          This clinic is final, so its notes are read-only. Reopen the clinic to change them.
        </p>
      )}
      {problem && (
        <div id={ids.error} className="field-error" role="alert">
          <p className="field-error__text">{problem}</p>
          {status.kind === 'conflict' && (
            <>
              {status.latest && (
                <details className="note-editor__theirs">
                  <summary>See the latest saved note, by {status.latest.updated_by}</summary>
                  <p className="note-editor__theirs-text">{status.latest.text}</p>
                </details>
              )}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setConfirming('load')}
              >
                Load the latest
              </button>
            </>
          )}
        </div>
      )}
      <textarea
        id={ids.box}
        className={`note-editor__box${problem ? ' note-editor__box--error' : ''}`}
        rows={6}
        value={text}
        readOnly={readOnly}
        aria-describedby={describedBy}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => change(e.target.value)}
        onBlur={() => {
          if (!readOnly && latestText.current !== savedText.current) void save();
        }}
      />
      <div className="note-editor__footer">
        <p id={ids.status} className={`save-status save-status--${status.kind}`} role="status">
          {statusText(status)}
        </p>
        {nearLimit && (
          <p id={ids.count} className={`char-count${over ? ' char-count--over' : ''}`}>
            <WarningIcon />
            {over
              ? `${count.format(length)} characters: ${count.format(length - NOTE_MAX_CHARS)} over the limit of ${count.format(NOTE_MAX_CHARS)}`
              : `${count.format(length)} of ${count.format(NOTE_MAX_CHARS)} characters`}
          </p>
        )}
        {!readOnly && hasSavedNote && (
          <button type="button" className="button button--link button--small" onClick={() => setConfirming('delete')}>
            Delete note
          </button>
        )}
      </div>
      {confirming === 'delete' && (
        <ConfirmDialog
          title={`Delete the note for ${measureTitle}?`}
          confirmLabel="Delete note"
          warning
          onCancel={() => setConfirming(null)}
          onConfirm={deleteNote}
        >
          <p className="confirm__body">
            The note is removed from this clinic’s record. The deletion, and what the note said, are kept in the history
            of changes.
          </p>
        </ConfirmDialog>
      )}
      {confirming === 'load' && status.kind === 'conflict' && (
        <ConfirmDialog
          title="Replace your text with the latest saved note?"
          confirmLabel="Load the latest"
          warning
          onCancel={() => setConfirming(null)}
          onConfirm={async () => {
            loadLatest(status.latest);
            setConfirming(null);
            return null;
          }}
        >
          <p className="confirm__body">
            What you typed since your last save will be replaced. Copy it first if you want to add it again.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
