/** This person's preferences (the display name stamped on what they write), and the open file's privacy settings. */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { ErrorMessage } from './error-message';
import { FilePrivacySettings } from './file-privacy-settings';

export function PreferencesPage(): ReactNode {
  const [name, setName] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    let current = true;
    void callClinic('getPreferences', {}).then((result) => {
      if (!current) return;
      if (result.ok) setName(result.value.displayName);
      else setLoadError(result.error);
    });
    return () => {
      current = false;
    };
  }, []);

  const save = async () => {
    if (name === null) return;
    setBusy(true);
    setStatus('Saving…');
    const result = await callClinic('setPreferences', { displayName: name });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setStatus('Not saved');
      return;
    }
    setError(null);
    setName(result.value.displayName);
    setStatus(`Saved. Your name is now ${result.value.displayName}.`);
    announce('Preferences saved.');
  };

  return (
    <section className="preferences" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="page-heading">
        Preferences
      </h2>
      {loadError && <ErrorMessage title="Your preferences could not be read" message={loadError} />}
      {name !== null && (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <div className="field field--medium">
            <label htmlFor={`${id}-name`}>Your name</label>
            <span id={`${id}-hint`} className="hint">
              Stamped on every note, action and update you make, so the record shows who wrote what.
            </span>
            {error && (
              <p id={`${id}-error`} className="field-error" role="alert">
                {error}
              </p>
            )}
            <input
              id={`${id}-name`}
              type="text"
              autoComplete="name"
              value={name}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              aria-invalid={error ? true : undefined}
              onChange={(e) => {
                setName(e.target.value);
                setStatus('');
              }}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              Save preferences
            </button>
            <p className="save-status" role="status">
              {status}
            </p>
          </div>
        </form>
      )}
      <FilePrivacySettings />
    </section>
  );
}
