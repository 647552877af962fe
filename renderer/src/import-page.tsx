/**
 * Importing a month's figures (or many months') from a spreadsheet, as a wizard: choose the file
 * (the app's own open dialog; the window never names a path), check what it would change and
 * every problem in it, then import it or cancel. Nothing is written before "Import"; the import
 * can be undone. Focus moves to each step's heading, and each outcome is said in words.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ImportPreview, ImportRecord, ImportResult, UndoResult } from '../../main/contract';
import { periodLabel } from '../../main/domain/period';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { ErrorMessage } from './error-message';
import { FileLayouts, TemplateDownload } from './import-help';
import { ImportHistory, UndoImport } from './import-history';
import { FileFacts, plural, PreviewDetails, Totals } from './import-preview';
import { LockIcon } from './icons';

type Wizard =
  | { step: 'choose' }
  | { step: 'check'; preview: ImportPreview }
  | {
      step: 'done';
      result: ImportResult;
      /** The months the file covered, to say what the clinic now shows. */
      periods: ImportPreview['periods'];
      undone: UndoResult | null;
    };

const STEPS = ['Choose a file', 'Check what will change', 'Import'] as const;

function stepIndex(wizard: Wizard): number {
  return wizard.step === 'choose' ? 0 : wizard.step === 'check' ? 1 : 2;
}

function Steps({ current }: { current: number }): ReactNode {
  return (
    <ol className="import-steps" aria-label="Steps">
      {STEPS.map((label, i) => (
        <li
          key={label}
          className={`import-steps__step${i === current ? ' import-steps__step--current' : ''}${i < current ? ' import-steps__step--done' : ''}`}
          aria-current={i === current ? 'step' : undefined}
        >
          <span className="import-steps__number" aria-hidden="true">
            {i + 1}
          </span>
          {label}
          {i < current && <span className="visually-hidden"> (done)</span>}
        </li>
      ))}
    </ol>
  );
}

function blockedReason(preview: ImportPreview): string | null {
  if (preview.errorCount > 0)
    return `Import is blocked until the ${plural(preview.errorCount, 'error')} ${preview.errorCount === 1 ? 'is' : 'are'} fixed in the spreadsheet.`;
  if (!preview.canImport)
    return preview.totals.figures === 0
      ? 'There is nothing to import: the file holds no figures.'
      : 'There is nothing to import: every figure in the file is already in the clinic file with the same value.';
  return null;
}

export function ImportPage({
  readOnly,
  fileName,
  onFiguresChanged,
  onShowClinic,
}: {
  /** The clinic file is open read-only: figures can be looked at, not imported. */
  readOnly: boolean;
  fileName: string;
  /** The figures in the file changed (an import or an undo): the rest of the window reloads them. */
  onFiguresChanged: () => void;
  onShowClinic: () => void;
}): ReactNode {
  const [wizard, setWizard] = useState<Wizard>({ step: 'choose' });
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [history, setHistory] = useState<ImportRecord[] | string | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  // Bumped on every move between steps (and a new preview), so focus goes to the step's heading.
  const [moves, setMoves] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (moves > 0) heading.current?.focus();
  }, [moves]);

  useEffect(() => {
    let current = true;
    void callClinic('listImports', {}).then((result) => {
      if (current) setHistory(result.ok ? result.value : result.error);
    });
    return () => {
      current = false;
    };
  }, [historyTick]);

  const go = useCallback((next: Wizard) => {
    setWizard(next);
    setMoves((m) => m + 1);
  }, []);

  const showPreview = (preview: ImportPreview) => {
    setError(null);
    go({ step: 'check', preview });
    // With errors, the alert on the page says so; otherwise the summary is announced.
    if (preview.errorCount === 0) announce(`${preview.fileName} checked. ${preview.summary}`);
  };

  const choose = async () => {
    setBusy('Checking the file…');
    const result = await callClinic('chooseImportFile', {});
    setBusy(null);
    if (!result.ok) {
      const title = readOnly ? 'Figures cannot be imported into this file' : 'This spreadsheet cannot be imported';
      return setError({ title, message: result.error });
    }
    // Cancelled at the dialog: stay where we were.
    if (result.value === null) return;
    showPreview(result.value);
  };

  const checkAgain = async () => {
    setBusy('Checking the file again…');
    const result = await callClinic('recheckImport', {});
    setBusy(null);
    if (!result.ok) return setError({ title: 'The file could not be checked again', message: result.error });
    showPreview(result.value);
  };

  const cancel = async () => {
    await callClinic('cancelImport', {});
    setError(null);
    go({ step: 'choose' });
    announce('Import cancelled. Nothing has been changed.');
  };

  const confirm = async (preview: ImportPreview) => {
    setBusy('Importing the figures…');
    const result = await callClinic('confirmImport', { sha256: preview.sha256 });
    setBusy(null);
    if (!result.ok) return setError({ title: 'The figures were not imported', message: result.error });
    setError(null);
    go({ step: 'done', result: result.value, periods: preview.periods, undone: null });
    announce(result.value.summary);
    setHistoryTick((t) => t + 1);
    onFiguresChanged();
  };

  const undone = (result: UndoResult) => {
    setError(null);
    if (wizard.step === 'done' && wizard.result.importId === result.importId) go({ ...wizard, undone: result });
    // Undone from the list, whose button has gone: focus goes back to the step's heading.
    else setMoves((m) => m + 1);
    announce(result.summary);
    setHistoryTick((t) => t + 1);
    onFiguresChanged();
  };

  const startAgain = () => {
    setError(null);
    go({ step: 'choose' });
  };

  const current = stepIndex(wizard);
  const stepHeading =
    wizard.step === 'choose'
      ? 'Choose a spreadsheet of figures'
      : wizard.step === 'check'
        ? 'Check what will change'
        : wizard.undone
          ? 'Import undone'
          : 'Figures imported';

  return (
    <section className="import" aria-labelledby="import-heading">
      <h2 id="import-heading" className="page-heading">
        Import figures
      </h2>
      <p className="lede">
        Load a month’s figures, or many months’, from a spreadsheet. Nothing is written until you have seen what will
        change and chosen to import it, and the last import can be undone.
      </p>
      <Steps current={current} />

      <div className="import-step">
        <h3 ref={heading} tabIndex={-1} className="import-step__heading">
          <span className="import-step__number">
            Step {current + 1} of {STEPS.length}
          </span>{' '}
          {stepHeading}
        </h3>

        {error && <ErrorMessage title={error.title} message={error.message} />}
        {busy && (
          <p className="loading" role="status">
            {busy}
          </p>
        )}

        {wizard.step === 'choose' && (
          <>
            {readOnly && (
              <p className="read-only-message">
                <LockIcon />
                {fileName} is open read-only: figures can only be imported into a clinic file open for editing. You can
                still download a template.
              </p>
            )}
            <p>
              Choose the .xlsx or .csv file with the figures. The app reads it and shows what it would add and change,
              and any problem it finds, before anything is written.
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button button--primary"
                disabled={busy !== null}
                onClick={() => void choose()}
              >
                Choose a spreadsheet…
              </button>
            </div>
            <FileLayouts />
            <TemplateDownload />
          </>
        )}

        {wizard.step === 'check' && (
          <CheckStep
            preview={wizard.preview}
            busy={busy !== null}
            onImport={() => void confirm(wizard.preview)}
            onCheckAgain={() => void checkAgain()}
            onChooseAnother={() => void choose()}
            onCancel={() => void cancel()}
          />
        )}

        {wizard.step === 'done' && (
          <DoneStep wizard={wizard} onUndone={undone} onImportAnother={startAgain} onShowClinic={onShowClinic} />
        )}
      </div>

      {wizard.step !== 'check' && (
        <ImportHistory records={history} onUndone={wizard.step === 'choose' ? undone : undefined} />
      )}
    </section>
  );
}

function CheckStep({
  preview,
  busy,
  onImport,
  onCheckAgain,
  onChooseAnother,
  onCancel,
}: {
  preview: ImportPreview;
  busy: boolean;
  onImport: () => void;
  onCheckAgain: () => void;
  onChooseAnother: () => void;
  onCancel: () => void;
}): ReactNode {
  const blocked = blockedReason(preview);
  const writes = preview.totals.added + preview.totals.changed;
  return (
    <>
      <FileFacts preview={preview} />
      {preview.errorCount > 0 ? (
        <div className="error-summary import-blocked" role="alert">
          <p className="error-summary__title">{plural(preview.errorCount, 'problem')} to fix before importing</p>
          <p className="import-blocked__body">
            Nothing has been imported. Fix {preview.errorCount === 1 ? 'it' : 'them'} in the spreadsheet and save it,
            then check the file again (or choose the corrected file). Each problem is listed below with its sheet, row
            and column.
          </p>
        </div>
      ) : (
        <p className="import-summary">{preview.summary}</p>
      )}
      <Totals preview={preview} />
      <div className="button-row import-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || blocked !== null}
          aria-describedby={blocked ? 'import-blocked-reason' : undefined}
          onClick={onImport}
        >
          {blocked ? 'Import figures' : `Import ${plural(writes, 'figure')}`}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCheckAgain}>
          Check the file again
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onChooseAnother}>
          Choose another file…
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {blocked && (
        <p id="import-blocked-reason" className="import-blocked__reason">
          {blocked}
        </p>
      )}
      <PreviewDetails preview={preview} />
    </>
  );
}

function DoneStep({
  wizard,
  onUndone,
  onImportAnother,
  onShowClinic,
}: {
  wizard: Extract<Wizard, { step: 'done' }>;
  onUndone: (result: UndoResult) => void;
  onImportAnother: () => void;
  onShowClinic: () => void;
}): ReactNode {
  const { result, periods, undone } = wizard;
  if (undone) {
    return (
      <>
        <p className="import-outcome">{undone.summary}</p>
        <div className="button-row">
          <button type="button" className="button button--primary" onClick={onImportAnother}>
            Import another file
          </button>
          <button type="button" className="button button--secondary" onClick={onShowClinic}>
            Go to the clinic
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <p className="import-outcome import-outcome--done">
        {result.fileName}: {result.summary}
      </p>
      {periods && (
        <p>
          The file covered{' '}
          {periods.from === periods.to
            ? periodLabel(periods.from)
            : `${periodLabel(periods.from)} to ${periodLabel(periods.to)}`}
          . The clinic shows the newest month with figures.
        </p>
      )}
      {result.backup && (
        <p className="hint">
          A copy of the clinic file as it was just before the import is kept in its backups as {result.backup}.
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={onShowClinic}>
          Go to the clinic
        </button>
        {result.importId !== null && (
          <UndoImport
            record={{
              id: result.importId,
              file_name: result.fileName,
              added: result.totals.added,
              changed: result.totals.changed,
            }}
            onUndone={onUndone}
          />
        )}
        <button type="button" className="button button--secondary" onClick={onImportAnother}>
          Import another file
        </button>
      </div>
    </>
  );
}
