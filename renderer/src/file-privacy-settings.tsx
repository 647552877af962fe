/**
 * Settings of the open clinic file that protect personal data (issue 17), shared by everyone who
 * opens it: whether worker names show as initials or the worker level is hidden, and whether the
 * file is marked for publication (then no worker-level figure is shown or exported).
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { FileSettings, WorkerNames } from '../../main/domain/file-settings';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { ErrorMessage } from './error-message';

export function FilePrivacySettings(): ReactNode {
  const [settings, setSettings] = useState<FileSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const id = useId();

  useEffect(() => {
    let current = true;
    void callClinic('getFileSettings', {}).then((result) => {
      if (!current) return;
      if (result.ok) setSettings(result.value);
      else setLoadError(result.error);
    });
    return () => {
      current = false;
    };
  }, []);

  const save = async (change: { workerNames?: WorkerNames; forPublication?: boolean }) => {
    // The choice shows at once, as a control should (a click that seems to change nothing fails
    // Playwright's check() too); a refusal puts back what the file holds. Only the setting this
    // click changed goes back, so another one changed meanwhile keeps what it shows.
    if (!settings) return;
    const before: Partial<FileSettings> = {};
    if (change.workerNames !== undefined) before.workerNames = settings.workerNames;
    if (change.forPublication !== undefined) before.forPublication = settings.forPublication;
    setSettings((current) => (current ? { ...current, ...change } : current));
    setStatus('Saving…');
    const result = await callClinic('setFileSettings', change);
    if (!result.ok) {
      setSettings((current) => (current ? { ...current, ...before } : current));
      setError(`Not saved, so the setting is back as it was: ${result.error}`);
      setStatus('Not saved');
      return;
    }
    setError(null);
    setSettings(result.value);
    const words = `This file: worker names ${result.value.workerNames === 'initials' ? 'shown as initials' : 'hidden'}; ${
      result.value.forPublication ? 'marked for publication' : 'not marked for publication'
    }.`;
    setStatus(`Saved. ${words}`);
    announce('File settings saved.');
  };

  return (
    <section className="preferences__file" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>This file: worker names and publication</h3>
      <p className="hint">
        Kept in the clinic file, for everyone who opens it. Worker names are personal data: the app only ever shows
        their initials.
      </p>
      {loadError && <ErrorMessage title="The file’s settings could not be read" message={loadError} />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {settings && (
        <div className="form">
          <fieldset className="field">
            <legend>Figures by worker</legend>
            <div className="radio">
              <input
                id={`${id}-initials`}
                type="radio"
                name={`${id}-workers`}
                checked={settings.workerNames === 'initials'}
                onChange={() => void save({ workerNames: 'initials' })}
              />
              <label htmlFor={`${id}-initials`}>Show workers by their initials (Jane Smith as J.S.)</label>
            </div>
            <div className="radio">
              <input
                id={`${id}-hidden`}
                type="radio"
                name={`${id}-workers`}
                checked={settings.workerNames === 'hidden'}
                onChange={() => void save({ workerNames: 'hidden' })}
              />
              <label htmlFor={`${id}-hidden`}>Hide the worker level: show teams only</label>
            </div>
          </fieldset>
          <div className="checkbox checkbox--plain">
            <input
              id={`${id}-publication`}
              type="checkbox"
              checked={settings.forPublication}
              aria-describedby={`${id}-publication-hint`}
              onChange={(e) => void save({ forPublication: e.target.checked })}
            />
            <label htmlFor={`${id}-publication`}>Marked for publication</label>
          </div>
          <p id={`${id}-publication-hint`} className="hint">
            A file marked for publication shows and exports no worker-level figure.
          </p>
          <p className="save-status" role="status">
            {status}
          </p>
        </div>
      )}
    </section>
  );
}
