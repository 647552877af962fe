/**
 * A text both copies of a clinic file changed keeps both texts (issues 13 and 15): a note, or a
 * paragraph or section of the scrutiny report. The later is current, shown in its place; each other
 * one is shown beside it as "Also written by … at …" until someone chooses: keep this one, keep the
 * other, or combine them (the combined text can be edited before it is saved). The texts not kept
 * stay in the history of changes. The words, and how a choice is saved, are the caller's.
 */
import { useId, useState, type ReactNode } from 'react';
import type { KeptText } from '../../main/contract';
import { formatDateTime } from './dates';

type Choice = { kind: 'current' } | { kind: 'other'; change: string } | { kind: 'combine' };

/** The text the choice keeps and the message that says so, or the error in words when that text has gone. */
export type Keep = (
  /** The current text as it is now, and what keeping it is called: "the text by Priya Shah". */
  current: { text: string; is: string },
  also: readonly KeptText[],
) => { text: string; message: string } | string;

/** What the kept texts say where they stand. */
export interface KeptTextsWording {
  heading: 'h4' | 'h5';
  /** Ends the heading: "this note", "paragraph 3.4". */
  what: string;
  /** Starts the message once saved: "The note", "Paragraph 3.4". */
  subject: string;
  /** The introduction, up to where the others are. */
  intro: string;
  noChoice: string;
  legend: string;
  /** What keeping the current text is called in its radio. */
  current: string;
  combined: string;
  save: string;
  readOnly: string;
  /** The other text chosen is no longer there: someone else settled it. */
  gone: string;
}

export function noteWording(measureTitle: string): KeptTextsWording {
  return {
    heading: 'h4',
    what: 'this note',
    subject: 'The note',
    intro:
      'This note was changed on two copies of the clinic file, so every text is kept. The box holds the later one;',
    noChoice: 'Choose which text the note should keep, or combine them.',
    legend: `What should the note for ${measureTitle} say?`,
    current: 'the text in the box',
    combined: 'Combined note',
    save: 'Save this choice',
    readOnly: 'This clinic is final. Reopen it to choose which text the note keeps.',
    gone: 'That text has already been settled by someone else. Look at the note again.',
  };
}

/** what: "paragraph 3.4", "section 2 Background". */
export function reportWording(what: string): KeptTextsWording {
  return {
    heading: 'h5',
    what,
    subject: what.charAt(0).toUpperCase() + what.slice(1),
    intro: 'This was changed on two copies of the clinic file, so every text is kept. The report shows the later one;',
    noChoice: `Choose which text ${what} should keep, or combine them.`,
    legend: `What should ${what} say?`,
    current: 'the text shown in the report',
    combined: `Combined text of ${what}`,
    save: `Save this choice for ${what}`,
    readOnly: 'This file is open read-only, so no text can be chosen.',
    gone: 'That text has already been settled. Look at the report again.',
  };
}

export interface KeptTextsProps {
  wording: KeptTextsWording;
  also: readonly KeptText[];
  readOnly: boolean;
  /** What a combined text starts from: the text shown, or what a note's box holds now, typing included. */
  startText: () => string;
  /** Saves the choice, which keep turns into a text; the error in words when it could not be saved. */
  onChoose: (keep: Keep) => Promise<string | null>;
}

/** The current text, then each kept text, a blank line apart: nobody's words are left out. */
export function combined(current: string, also: readonly KeptText[]): string {
  return [current, ...also.map((a) => a.text)].filter((t) => t.trim() !== '').join('\n\n');
}

function byName(by: string): string {
  return by || 'someone with no display name';
}

export function KeptTexts({ wording, also, readOnly, startText, onChoose }: KeptTextsProps): ReactNode {
  const [choice, setChoice] = useState<Choice | null>(null);
  const [combinedText, setCombinedText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { heading: useId(), choice: useId(), combined: useId(), error: useId(), hint: useId() };
  const one = also.length === 1;
  const Heading = wording.heading;

  const choose = (next: Choice) => {
    setChoice(next);
    setError(null);
    if (next.kind === 'combine' && choice?.kind !== 'combine') setCombinedText(combined(startText(), also));
  };

  const keep =
    (chosen: Choice): Keep =>
    (current, now) => {
      let text = current.text;
      let is = current.is;
      if (chosen.kind === 'other') {
        const other = now.find((a) => a.change === chosen.change);
        if (!other) return wording.gone;
        text = other.text;
        is = `the text by ${other.by}, written ${formatDateTime(other.at)}`;
      } else if (chosen.kind === 'combine') {
        text = combinedText;
        is = 'the combined text';
      }
      return { text, message: `${wording.subject} keeps ${is}. The other text is kept in the history of changes.` };
    };

  const save = async () => {
    if (!choice) return setError(wording.noChoice);
    setBusy(true);
    setError(null);
    try {
      setError(await onChoose(keep(choice)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="kept-texts" aria-labelledby={ids.heading}>
      <Heading id={ids.heading} className="kept-texts__heading">
        {one
          ? `Another text was written for ${wording.what}`
          : `${also.length} other texts were written for ${wording.what}`}
      </Heading>
      <p className="kept-texts__intro">
        {wording.intro}
        {one ? ' the other is' : ' the others are'} here.
      </p>
      <ul className="kept-texts__list">
        {also.map((a) => (
          <li key={a.change} className="kept-text">
            <p className="kept-text__by">
              Also written by {byName(a.by)} at {formatDateTime(a.at)}
            </p>
            <p className="kept-text__text" dir="auto">
              {a.text}
            </p>
          </li>
        ))}
      </ul>
      {readOnly ? (
        <p className="read-only-message">{wording.readOnly}</p>
      ) : (
        <div className="kept-texts__choice">
          {error && (
            <p id={ids.error} className="field-error field-error__text" role="alert">
              {error}
            </p>
          )}
          <fieldset className="fieldset" aria-describedby={error ? ids.error : undefined}>
            <legend>{wording.legend}</legend>
            <div className="radio">
              <input
                type="radio"
                id={`${ids.choice}-current`}
                name={ids.choice}
                checked={choice?.kind === 'current'}
                onChange={() => choose({ kind: 'current' })}
              />
              <label htmlFor={`${ids.choice}-current`}>Keep this one: {wording.current}</label>
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
                  {one ? 'Keep the other' : 'Keep this other'}: the text by {byName(a.by)}
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
                  {wording.combined}
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
              {busy ? 'Saving…' : wording.save}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
