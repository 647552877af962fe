/**
 * A measure's data-quality caveats in the detail panel: each with the months it covers, and a
 * form to add one, change one or remove one. A caveat is part of the figure: the clinic row, the
 * minutes and the report show it too.
 */
import { useId, useState, type ReactNode } from 'react';
import { caveatWhen } from '../../main/domain/figure-text';
import type { Caveat, Period } from '../../main/domain/types';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { FormError } from './form-field';
import { WarningIcon } from './icons';

export function CaveatsPanel({
  measureKey,
  title,
  caveats,
  latest,
  readOnly,
  onChanged,
}: {
  measureKey: string;
  title: string;
  caveats: Caveat[];
  /** The measure's latest month, where a new caveat starts by default. */
  latest: Period | null;
  readOnly: boolean;
  onChanged: () => void;
}): ReactNode {
  const [editing, setEditing] = useState<Caveat | null>(null);
  const [text, setText] = useState('');
  const [from, setFrom] = useState<string>(latest ?? '');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The form stays folded away until someone adds or changes a caveat: most measures have none.
  const [open, setOpen] = useState(false);
  const ids = { heading: useId(), text: useId(), from: useId(), to: useId(), error: useId(), hint: useId() };

  const reset = () => {
    setOpen(false);
    setEditing(null);
    setText('');
    setFrom(latest ?? '');
    setTo('');
  };

  const save = async () => {
    setBusy(true);
    const fields = { text, from, to: to === '' ? null : to };
    const result = editing
      ? await callClinic('updateCaveat', { id: editing.id, ...fields })
      : await callClinic('addCaveat', { key: measureKey, ...fields });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    announce(editing ? `Caveat on ${title} changed.` : `Caveat added to ${title}.`);
    reset();
    onChanged();
  };

  const remove = async (caveat: Caveat) => {
    const result = await callClinic('removeCaveat', { id: caveat.id });
    if (!result.ok) return setError(result.error);
    setError(null);
    announce(`Caveat removed from ${title}.`);
    if (editing?.id === caveat.id) reset();
    onChanged();
  };

  return (
    <section className="caveats" aria-labelledby={ids.heading}>
      <h3 id={ids.heading} className="detail__subheading">
        Data caveats
      </h3>
      {caveats.length === 0 ? (
        <p className="hint">None recorded. A caveat says what is known to be wrong or missing in the figures.</p>
      ) : (
        <ul className="caveats__list">
          {caveats.map((c) => (
            <li key={c.id} className="caveat-line">
              <WarningIcon />
              <span>
                <span className="caveat-line__label">Data caveat ({caveatWhen(c)}): </span>
                {c.text}
                {!readOnly && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="button button--link button--small"
                      onClick={() => {
                        setOpen(true);
                        setEditing(c);
                        setText(c.text);
                        setFrom(c.from);
                        setTo(c.to ?? '');
                      }}
                    >
                      Change<span className="visually-hidden"> the caveat {caveatWhen(c)}</span>
                    </button>{' '}
                    <button type="button" className="button button--link button--small" onClick={() => void remove(c)}>
                      Remove<span className="visually-hidden"> the caveat {caveatWhen(c)}</span>
                    </button>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <details className="caveats__add" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{editing ? 'Change the caveat' : 'Add a caveat'}</summary>
          <form
            className="inline-form"
            aria-label={editing ? `Change a caveat on ${title}` : `Add a caveat to ${title}`}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <FormError id={ids.error} message={error} />
            <div className="field">
              <label htmlFor={ids.text}>{editing ? 'Caveat' : 'New caveat'}</label>
              <textarea
                id={ids.text}
                rows={2}
                maxLength={2000}
                value={text}
                aria-describedby={error ? ids.error : undefined}
                onChange={(e) => setText(e.target.value)}
              />
            </div>
            <div className="inline-form__row">
              <div className="field">
                <label htmlFor={ids.from}>Applies from</label>
                <input id={ids.from} type="month" value={from} onChange={(e) => setFrom(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={ids.to}>Until (optional)</label>
                <input
                  id={ids.to}
                  type="month"
                  value={to}
                  aria-describedby={ids.hint}
                  onChange={(e) => setTo(e.target.value)}
                />
                <span id={ids.hint} className="hint">
                  Leave empty while it still applies.
                </span>
              </div>
              <button type="submit" className="button button--secondary" disabled={busy}>
                {editing ? 'Save caveat' : 'Add caveat'}
              </button>
              {editing && (
                <button type="button" className="button button--link" onClick={reset}>
                  Cancel
                </button>
              )}
            </div>
          </form>
        </details>
      )}
    </section>
  );
}
