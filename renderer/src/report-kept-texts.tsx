/**
 * A paragraph or section of the scrutiny report that two copies of the clinic file changed apart
 * keeps both texts, as a note does (kept-texts.tsx): the later is shown; each other one is shown
 * beside it as "Also written by … at …" until the officer keeps one, the other, or both combined
 * (the combined text can be edited before it is saved). Nothing is lost: the texts not kept stay
 * in the history of changes.
 */
import { useId, useState, type ReactNode } from 'react';
import type { KeptText } from '../../main/contract';
import { formatDateTime } from './dates';
import { combined } from './kept-texts';

type Choice = { kind: 'current' } | { kind: 'other'; change: string } | { kind: 'combine' };

export interface ReportKeptTextsProps {
  /** "paragraph 3.4", "section 2 Background". */
  what: string;
  current: string;
  also: readonly KeptText[];
  readOnly: boolean;
  /** Saves the text kept; the error in words when it could not be. */
  onChoose: (text: string, message: string) => Promise<string | null>;
}

export function ReportKeptTexts({ what, current, also, readOnly, onChoose }: ReportKeptTextsProps): ReactNode {
  const ids = { heading: useId(), choice: useId(), combined: useId(), hint: useId(), error: useId() };
  const [choice, setChoice] = useState<Choice | null>(null);
  const [combinedText, setCombinedText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const one = also.length === 1;

  const choose = (next: Choice) => {
    setChoice(next);
    setError(null);
    if (next.kind === 'combine' && choice?.kind !== 'combine') setCombinedText(combined(current, also));
  };

  const save = async () => {
    if (!choice) return setError(`Choose which text ${what} should keep, or combine them.`);
    let text = current;
    let message = `${capital(what)} keeps the text shown.`;
    if (choice.kind === 'other') {
      const other = also.find((a) => a.change === choice.change);
      if (!other) return setError('That text has already been settled. Look at the report again.');
      text = other.text;
      message = `${capital(what)} keeps the text by ${other.by}, written ${formatDateTime(other.at)}.`;
    } else if (choice.kind === 'combine') {
      text = combinedText;
      message = `${capital(what)} keeps the combined text.`;
    }
    setBusy(true);
    const problem = await onChoose(text, `${message} The other text is kept in the history of changes.`);
    setBusy(false);
    setError(problem);
  };

  return (
    <section className="kept-texts" aria-labelledby={ids.heading}>
      <h5 id={ids.heading} className="kept-texts__heading">
        {one ? `Another text was written for ${what}` : `${also.length} other texts were written for ${what}`}
      </h5>
      <p className="kept-texts__intro">
        This was changed on two copies of the clinic file, so every text is kept. The report shows the later one;
        {one ? ' the other is' : ' the others are'} here.
      </p>
      <ul className="kept-texts__list">
        {also.map((a) => (
          <li key={a.change} className="kept-text">
            <p className="kept-text__by">
              Also written by {a.by || 'someone with no display name'} at {formatDateTime(a.at)}
            </p>
            <p className="kept-text__text" dir="auto">
              {a.text}
            </p>
          </li>
        ))}
      </ul>
      {readOnly ? (
        <p className="read-only-message">This file is open read-only, so no text can be chosen.</p>
      ) : (
        <div className="kept-texts__choice">
          {error && (
            <p id={ids.error} className="field-error field-error__text" role="alert">
              {error}
            </p>
          )}
          <fieldset className="fieldset" aria-describedby={error ? ids.error : undefined}>
            <legend>What should {what} say?</legend>
            <div className="radio">
              <input
                type="radio"
                id={`${ids.choice}-current`}
                name={ids.choice}
                checked={choice?.kind === 'current'}
                onChange={() => choose({ kind: 'current' })}
              />
              <label htmlFor={`${ids.choice}-current`}>Keep this one: the text shown in the report</label>
            </div>
            {also.map((a) => (
              <div className="radio" key={a.change}>
                <input
                  type="radio"
                  id={`${ids.choice}-${a.change}`}
                  name={ids.choice}
                  checked={choice?.kind === 'other' && choice.change === a.change}
                  onChange={() => choose({ kind: 'other', change: a.change })}
                />
                <label htmlFor={`${ids.choice}-${a.change}`}>
                  {one ? 'Keep the other' : 'Keep this other'}: the text by {a.by || 'someone with no display name'}
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
                  Combined text of {what}
                </label>
                <span id={ids.hint} className="hint">
                  Every text, a blank line apart. Edit it before saving.
                </span>
                <textarea
                  id={ids.combined}
                  className="note-editor__box"
                  rows={8}
                  dir="auto"
                  value={combinedText}
                  aria-describedby={ids.hint}
                  onChange={(e) => setCombinedText(e.target.value)}
                />
              </div>
            )}
          </fieldset>
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void save()}>
              {busy ? 'Saving…' : `Save this choice for ${what}`}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
