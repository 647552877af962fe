/**
 * Export the clinic's minutes (PDF, Word, web page) and the action log (CSV, Excel). The app asks
 * where to save with the system's own dialog; cancelling it does nothing, and the result or the
 * reason it failed is said in words.
 */
import { useId, useState, type ReactNode } from 'react';
import type { CallArgs } from '../../main/contract';
import { announce } from './announcer';
import { callClinic } from './clinic-api';

export type Outcome = { kind: 'saved'; path: string } | { kind: 'error'; message: string } | null;

/** Where a file was saved, or why not, in words. */
export function OutcomeMessage({ outcome, what }: { outcome: Outcome; what: string }): ReactNode {
  if (!outcome) return null;
  return outcome.kind === 'saved' ? (
    <p className="export-outcome">
      {what} saved to <span className="export-path">{outcome.path}</span>
    </p>
  ) : (
    <p className="field-error" role="alert">
      {outcome.message}
    </p>
  );
}

const MARKINGS = ['', 'OFFICIAL', 'OFFICIAL-SENSITIVE'] as const;

export function ExportMinutes({ clinicId }: { clinicId: number }): ReactNode {
  const id = useId();
  const [format, setFormat] = useState<CallArgs<'exportMinutes'>['format']>('pdf');
  const [marking, setMarking] = useState<string>('OFFICIAL-SENSITIVE');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const save = async () => {
    setBusy(true);
    const result = await callClinic('exportMinutes', {
      clinicId,
      format,
      ...(marking ? { protectiveMarking: marking } : {}),
    });
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: 'error', message: result.error });
    if (result.value === null) return setOutcome(null);
    setOutcome({ kind: 'saved', path: result.value.path });
    announce(`Minutes saved to ${result.value.path}`);
  };

  return (
    <details className="export-panel">
      <summary>Export minutes</summary>
      <div className="export-panel__body">
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            <option value="pdf">PDF (to send and file)</option>
            <option value="docx">Word (to edit)</option>
            <option value="html">Web page</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-marking`}>Protective marking</label>
          <select id={`${id}-marking`} value={marking} onChange={(e) => setMarking(e.target.value)}>
            {MARKINGS.map((m) => (
              <option key={m} value={m}>
                {m === '' ? 'None' : m}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" disabled={busy} onClick={() => void save()}>
          {busy ? 'Saving the minutes…' : 'Save minutes…'}
        </button>
        <OutcomeMessage outcome={outcome} what="Minutes" />
      </div>
    </details>
  );
}

export function ExportActionLog(): ReactNode {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const save = async (format: CallArgs<'exportActionLog'>['format']) => {
    setBusy(true);
    const result = await callClinic('exportActionLog', { format });
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: 'error', message: result.error });
    if (result.value === null) return setOutcome(null);
    setOutcome({ kind: 'saved', path: result.value.path });
    announce(`Action log saved to ${result.value.path}`);
  };

  return (
    <div className="export-log">
      <div className="export-log__buttons">
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save('xlsx')}>
          Export to Excel…
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save('csv')}>
          Export to CSV…
        </button>
      </div>
      <OutcomeMessage outcome={outcome} what="Action log" />
    </div>
  );
}
