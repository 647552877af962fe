/**
 * Working together: take a copy of the clinic file to work offline (a laptop in a meeting room
 * with no network), and merge a copy back into the file, after seeing what the merge would do.
 * The same as File > Take a copy to work offline… and File > Merge a copy back…, which open this
 * page. The window never names a file: the app asks the person with its own dialogs. Focus moves
 * to each step's heading, and every outcome is said in words.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { MenuCommand, MergePreview, MergeReport } from '../../main/contract';
import { periodLabel } from '../../main/domain/period';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { formatDate, formatDateTime } from './dates';
import { ErrorMessage } from './error-message';
import { LockIcon } from './icons';
import { plural } from './import-preview';
import { names } from './sync-text';
import { statusMayHaveChanged } from './sync-events';

type Merge =
  | { step: 'choose' }
  | { step: 'check'; preview: MergePreview }
  | { step: 'done'; fileName: string; report: MergeReport };

export interface WorkingTogetherPageProps {
  fileName: string;
  readOnly: boolean;
  /** Measure titles by key, to name the notes a merge keeps both ways. */
  titles: ReadonlyMap<string, string>;
  /** A File menu command to carry out on arriving (`n` changes for each new one). */
  command: { name: MenuCommand; n: number } | null;
  /** The command has been taken up: it is not carried out again when the page is next shown. */
  onCommandTaken: () => void;
  /** The file's contents changed (a merge): the rest of the window reloads them. */
  onMerged: () => void;
  onShowClinic: () => void;
}

/** "Director’s performance clinic, 9 Nov 2023" from the report's "…, 2023-11-09". */
function clinicName(text: string): string {
  return text.replace(/(\d{4}-\d{2}-\d{2})$/, (iso) => formatDate(iso));
}

/** What a merge did, or would do, in one sentence. */
export function mergeSummary(report: MergeReport): string {
  if (report.applied === 0)
    return `Nothing to merge: all ${plural(report.alreadyThere, 'change')} in the copy ${report.alreadyThere === 1 ? 'is' : 'are'} already in this file.`;
  const from = report.authors.length > 0 ? ` by ${names(report.authors)}` : '';
  const verb = report.dryRun ? 'will be' : 'were';
  return `${plural(report.applied, 'change')}${from} ${verb} merged in; ${plural(report.alreadyThere, 'change')} ${report.alreadyThere === 1 ? 'is' : 'are'} already here.`;
}

function ReportDetails({ report, titles }: { report: MergeReport; titles: ReadonlyMap<string, string> }): ReactNode {
  const both = report.notesKeptBothWays;
  return (
    <>
      <ul className="merge-totals" aria-label="What the copy holds">
        <li>
          <strong>{report.applied}</strong> {report.dryRun ? 'to apply' : 'applied'}
        </li>
        <li>
          <strong>{report.alreadyThere}</strong> already there
        </li>
        <li>
          <strong>{both.length}</strong> {both.length === 1 ? 'note' : 'notes'} kept both ways
        </li>
      </ul>
      {both.length > 0 && (
        <section className="merge-section" aria-labelledby="merge-both-heading">
          <h4 id="merge-both-heading">Notes changed on both copies</h4>
          <p>
            Both texts are kept: the later is the note, and the other is shown beside it in the clinic until someone
            keeps one or combines them.
          </p>
          <ul className="merge-notes">
            {both.map((n) => (
              <li key={`${n.clinic}:${n.measure}`} className="merge-note">
                <p className="merge-note__title">
                  {titles.get(n.measure) ?? n.measure}
                  {n.clinic && <span className="merge-note__clinic"> · {clinicName(n.clinic)}</span>}
                </p>
                <p className="kept-text__by">Current, by {n.currentBy}</p>
                <p className="kept-text__text">{n.current}</p>
                {n.also.map((a) => (
                  <div key={a.change}>
                    <p className="kept-text__by">
                      Also written by {a.by} at {formatDateTime(a.at)}
                    </p>
                    <p className="kept-text__text">{a.text}</p>
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.reportTextsKeptBothWays.length > 0 && (
        <section className="merge-section" aria-labelledby="merge-report-texts-heading">
          <h4 id="merge-report-texts-heading">Report texts changed on both copies</h4>
          <p>
            {report.reportTextsKeptBothWays.length === 1
              ? 'One paragraph or section of the performance report was'
              : `${report.reportTextsKeptBothWays.length} paragraphs or sections of the performance report were`}{' '}
            written differently on the two copies. Both texts are kept: choose one or combine them in the Report
            section.
          </p>
        </section>
      )}
      {report.renumbered.length > 0 && (
        <section className="merge-section" aria-labelledby="merge-renumbered-heading">
          <h4 id="merge-renumbered-heading">Actions given a new reference</h4>
          <p>Two actions were raised with the same reference on different copies; the later one takes the next free.</p>
          <ul>
            {report.renumbered.map((r) => (
              <li key={`${r.from}:${r.to}`}>
                {r.from} becomes {r.to}: {r.description}
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.figuresDiffered.length > 0 && (
        <section className="merge-section" aria-labelledby="merge-figures-heading">
          <h4 id="merge-figures-heading">Figures imported differently on the two copies</h4>
          <p>The later import’s figure stands.</p>
          <ul>
            {report.figuresDiffered.map((f) => (
              <li key={`${f.measure}:${f.period}:${f.team}`}>
                {titles.get(f.measure) ?? f.measure}, {periodLabel(f.period)}
                {f.team ? ` (${f.team})` : ''}: {f.was?.value ?? 'none'} → {f.now?.value ?? 'none'}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function WorkingTogetherPage({
  fileName,
  readOnly,
  titles,
  command,
  onCommandTaken,
  onMerged,
  onShowClinic,
}: WorkingTogetherPageProps): ReactNode {
  const [merge, setMerge] = useState<Merge>({ step: 'choose' });
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [copied, setCopied] = useState<{ path: string; from: string } | null>(null);
  const [moves, setMoves] = useState(0);
  const mergeHeading = useRef<HTMLHeadingElement>(null);
  const copyOutcome = useRef<HTMLParagraphElement>(null);
  const handled = useRef(0);

  useEffect(() => {
    if (moves > 0) mergeHeading.current?.focus();
  }, [moves]);

  const go = useCallback((next: Merge) => {
    setMerge(next);
    setMoves((m) => m + 1);
  }, []);

  const takeCopy = useCallback(async () => {
    setBusy('Saving a copy…');
    setError(null);
    const result = await callClinic('takeOfflineCopy', {});
    setBusy(null);
    if (!result.ok) return setError({ title: 'The copy was not saved', message: result.error });
    if (result.value === null) return;
    setCopied({ path: result.value.path, from: fileName });
    announce(`Copy saved. You are now working in it.`);
  }, [fileName]);

  useEffect(() => {
    if (copied) copyOutcome.current?.focus();
  }, [copied]);

  const chooseCopy = useCallback(async () => {
    setBusy('Checking the copy…');
    setError(null);
    const result = await callClinic('chooseMergeCopy', {});
    setBusy(null);
    if (!result.ok) {
      setError({ title: 'This copy cannot be merged', message: result.error });
      go({ step: 'choose' });
      return;
    }
    if (result.value === null) return;
    go({ step: 'check', preview: result.value });
    announce(`${result.value.fileName} checked. ${mergeSummary(result.value.report)}`);
  }, [go]);

  // The File menu's items arrive here; each is carried out once.
  useEffect(() => {
    if (!command || command.n === handled.current) return;
    handled.current = command.n;
    onCommandTaken();
    // After this render: the command's dialog and its outcome are state of their own.
    void Promise.resolve().then(command.name === 'takeOfflineCopy' ? takeCopy : chooseCopy);
  }, [command, onCommandTaken, takeCopy, chooseCopy]);

  const confirm = async (preview: MergePreview) => {
    setBusy('Merging the copy…');
    const result = await callClinic('confirmMergeCopy', { sha256: preview.sha256 });
    setBusy(null);
    if (!result.ok) return setError({ title: 'The copy was not merged', message: result.error });
    setError(null);
    go({ step: 'done', fileName: preview.fileName, report: result.value });
    announce(`${preview.fileName} merged. ${mergeSummary(result.value)}`);
    statusMayHaveChanged();
    onMerged();
  };

  const cancel = async () => {
    await callClinic('cancelMergeCopy', {});
    setError(null);
    go({ step: 'choose' });
    announce('Merge cancelled. Nothing has been changed.');
  };

  const mergeHeadingText =
    merge.step === 'choose'
      ? 'Merge a copy back'
      : merge.step === 'check'
        ? `Check what ${merge.preview.fileName} will change`
        : `${merge.fileName} merged`;

  return (
    <section className="together" aria-labelledby="together-heading">
      <h2 id="together-heading" className="page-heading">
        Working together
      </h2>
      <p className="lede">
        Take a copy of this clinic file where there is no network, and merge it back afterwards: every change on either
        copy is kept, and a note changed on both keeps both texts until someone chooses.
      </p>
      {error && <ErrorMessage title={error.title} message={error.message} />}
      {busy && (
        <p className="loading" role="status">
          {busy}
        </p>
      )}

      <section className="together__part" aria-labelledby="take-copy-heading">
        <h3 id="take-copy-heading" className="import-step__heading">
          Take a copy to work offline
        </h3>
        <p>
          Saves a copy of {fileName} where you choose (a laptop’s own disk, say) and opens it, so you can work without
          the shared file. {fileName} itself is not changed. When you are back, open the shared file and merge the copy
          back.
        </p>
        {copied && (
          <p ref={copyOutcome} tabIndex={-1} className="together__outcome" role="status">
            Copy saved as {copied.path}. You are now working in it; {copied.from} has not changed. When you are back,
            open {copied.from} and choose Merge a copy back.
          </p>
        )}
        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            disabled={busy !== null}
            onClick={() => void takeCopy()}
          >
            Take a copy to work offline…
          </button>
        </div>
      </section>

      <section className="together__part" aria-labelledby="merge-heading">
        <h3 id="merge-heading" ref={mergeHeading} tabIndex={-1} className="import-step__heading">
          {mergeHeadingText}
        </h3>
        {merge.step === 'choose' && (
          <>
            {readOnly && (
              <p className="read-only-message">
                <LockIcon />
                {fileName} is open read-only, so no copy can be merged into it.
              </p>
            )}
            <p>
              Choose a copy of this clinic file that was worked on elsewhere. The app shows what it would bring in
              before anything is written. A copy of a different clinic file is refused, and neither file is changed.
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button button--primary"
                disabled={busy !== null || readOnly}
                onClick={() => void chooseCopy()}
              >
                Choose a copy to merge…
              </button>
            </div>
          </>
        )}
        {merge.step === 'check' && (
          <>
            <p className="import-summary">{mergeSummary(merge.preview.report)}</p>
            <p>Nothing has been written yet. The copy itself is only read, never changed.</p>
            <ReportDetails report={merge.preview.report} titles={titles} />
            <div className="button-row">
              <button
                type="button"
                className="button button--primary"
                disabled={busy !== null || merge.preview.report.applied === 0}
                onClick={() => void confirm(merge.preview)}
              >
                {merge.preview.report.applied === 0
                  ? 'Merge these changes'
                  : `Merge ${plural(merge.preview.report.applied, 'change')}`}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={busy !== null}
                onClick={() => void cancel()}
              >
                Cancel
              </button>
            </div>
          </>
        )}
        {merge.step === 'done' && (
          <>
            <p className="import-outcome import-outcome--done">{mergeSummary(merge.report)}</p>
            <ReportDetails report={merge.report} titles={titles} />
            <div className="button-row">
              <button type="button" className="button button--primary" onClick={onShowClinic}>
                Go to the clinic
              </button>
              <button type="button" className="button button--secondary" onClick={() => go({ step: 'choose' })}>
                Merge another copy
              </button>
            </div>
          </>
        )}
      </section>
    </section>
  );
}
