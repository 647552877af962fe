/**
 * A note both copies of a clinic file changed keeps both texts (issue 13): the later is current,
 * in the note's box; each other one is shown beside it as "Also written by … at …" until someone
 * chooses: keep this one, keep the other, or combine them (the combined text can be edited before
 * it is saved). Anything typed in the box is saved before the choice is made, so nothing typed is
 * lost, and the texts not kept stay in the history of changes.
 */
import { useId, useState, type ReactNode } from 'react';
import type { KeptText, NoteWithClinic } from '../../main/contract';
import { callClinic } from './clinic-api';
import { formatDateTime } from './dates';

export interface KeptTextsProps {
  clinicId: number;
  measure: string;
  measureTitle: string;
  note: NoteWithClinic;
  readOnly: boolean;
  /** Saves what is typed in the note's box; false when it could not be saved. */
  saveTyping: () => Promise<boolean>;
  /** What the note's box holds now, to start a combined text from. */
  typedText: () => string;
  /** The choice is saved: the note as it now is, and what was kept, in words. */
  onSettled: (message: string) => void;
}

type Choice = { kind: 'current' } | { kind: 'other'; change: string } | { kind: 'combine' };

/** The current text, then each kept text, a blank line apart: nobody's words are left out. */
export function combined(current: string, also: readonly KeptText[]): string {
  return [current, ...also.map((a) => a.text)].filter((t) => t.trim() !== '').join('\n\n');
}

export function KeptTexts({
  clinicId,
  measure,
  measureTitle,
  note,
  readOnly,
  saveTyping,
  typedText,
  onSettled,
}: KeptTextsProps): ReactNode {
  const [choice, setChoice] = useState<Choice | null>(null);
  const [combinedText, setCombinedText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { heading: useId(), choice: useId(), combined: useId(), error: useId(), hint: useId() };
  const one = note.also.length === 1;

  const choose = (next: Choice) => {
    setChoice(next);
    setError(null);
    // The combined text starts from what is in the box now, typing included.
    if (next.kind === 'combine' && choice?.kind !== 'combine') setCombinedText(combined(typedText(), note.also));
  };

  const save = async () => {
    if (!choice) return setError('Choose which text the note should keep, or combine them.');
    setBusy(true);
    setError(null);
    try {
      // What is typed in the box is saved first, so that "this one" is what the person sees.
      if (!(await saveTyping()))
        return setError(
          'What you typed in the note could not be saved, so no choice has been made. Your text is still in the box.',
        );
      const fresh = await callClinic('getMeasureNotes', { measure });
      if (!fresh.ok) return setError(fresh.error);
      const now = fresh.value.find((n) => n.clinic_id === clinicId);
      if (!now) return setError('This note is no longer in the file; nothing has been changed.');
      let text: string;
      let message: string;
      if (choice.kind === 'current') {
        text = now.text;
        message = `The note keeps the text by ${now.updated_by}.`;
      } else if (choice.kind === 'other') {
        const other = now.also.find((a) => a.change === choice.change);
        if (!other) return setError('That text has already been settled by someone else. Look at the note again.');
        text = other.text;
        message = `The note keeps the text by ${other.by}, written ${formatDateTime(other.at)}.`;
      } else {
        text = combinedText;
        message = 'The note keeps the combined text.';
      }
      const result = await callClinic('resolveNote', { clinicId, measure, text, baseVersion: now.version });
      if (!result.ok) return setError(result.error);
      onSettled(`${message} The other text is kept in the history of changes.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="kept-texts" aria-labelledby={ids.heading}>
      <h4 id={ids.heading} className="kept-texts__heading">
        {one ? 'Another text was written for this note' : `${note.also.length} other texts were written for this note`}
      </h4>
      <p className="kept-texts__intro">
        This note was changed on two copies of the clinic file, so every text is kept. The box holds the later one;
        {one ? ' the other is' : ' the others are'} here.
      </p>
      <ul className="kept-texts__list">
        {note.also.map((a) => (
          <li key={a.change} className="kept-text">
            <p className="kept-text__by">
              Also written by {a.by} at {formatDateTime(a.at)}
            </p>
            <p className="kept-text__text">{a.text}</p>
          </li>
        ))}
      </ul>
      {readOnly ? (
        <p className="read-only-message">This clinic is final. Reopen it to choose which text the note keeps.</p>
      ) : (
        <div className="kept-texts__choice">
          {error && (
            <p id={ids.error} className="field-error field-error__text" role="alert">
              {error}
            </p>
          )}
          <fieldset className="fieldset" aria-describedby={error ? ids.error : undefined}>
            <legend>What should the note for {measureTitle} say?</legend>
            <div className="radio">
              <input
                type="radio"
                id={`${ids.choice}-current`}
                name={ids.choice}
                checked={choice?.kind === 'current'}
                onChange={() => choose({ kind: 'current' })}
              />
              <label htmlFor={`${ids.choice}-current`}>Keep this one: the text in the box</label>
            </div>
            {note.also.map((a) => (
              <div className="radio" key={a.change}>
                <input
                  type="radio"
                  id={`${ids.choice}-${a.change}`}
                  name={ids.choice}
                  checked={choice?.kind === 'other' && choice.change === a.change}
                  onChange={() => choose({ kind: 'other', change: a.change })}
                />
                <label htmlFor={`${ids.choice}-${a.change}`}>
                  {one ? 'Keep the other' : 'Keep this other'}: the text by {a.by}
                </label>
              </div>
            ))}
            <div className="radio">
              <input
                type="radio"
                id={`${ids.choice}-combine`}
                name={ids.choice}
                checked={choice?.kind === 'combine'}
                onChange={() => choose({ kind: 'combine' })}
              />
              <label htmlFor={`${ids.choice}-combine`}>{one ? 'Combine both' : 'Combine them all'}</label>
            </div>
            {choice?.kind === 'combine' && (
              <div className="conditional kept-texts__combined">
                <label htmlFor={ids.combined} className="kept-texts__combined-label">
                  Combined note
                </label>
                <span id={ids.hint} className="hint">
                  Every text, a blank line apart. Edit it before saving.
                </span>
                <textarea
                  id={ids.combined}
                  className="note-editor__box"
                  rows={8}
                  value={combinedText}
                  aria-describedby={ids.hint}
                  onChange={(e) => setCombinedText(e.target.value)}
                />
              </div>
            )}
          </fieldset>
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void save()}>
              {busy ? 'Saving…' : 'Save this choice'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
