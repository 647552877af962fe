/**
 * The window: the open file and period choice at the top, the clinic below, and one measure's
 * detail on demand. All data comes through window.clinic; any refusal is shown in words.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { FileInfo, PeriodList } from '../../main/contract';
import { addMonths } from '../../main/domain/period';
import type { ClinicReport, Period, ReportRow } from '../../main/domain/types';
import { callClinic } from './clinic-api';
import { ClinicView } from './clinic-view';
import { ErrorMessage } from './error-message';
import { MeasureDetailPanel } from './measure-detail';
import { PeriodPicker, type Selection } from './period-picker';

interface FileState {
  info: FileInfo;
  periods: PeriodList;
}

const NO_PERIODS: Period[] = [];

type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

export function App(): ReactNode {
  // Bumped when the shell reports another file, so everything below reloads from scratch.
  const [generation, setGeneration] = useState(0);
  const [file, setFile] = useState<Loadable<FileState>>({ state: 'loading' });
  const [selection, setSelection] = useState<Selection | null>(null);
  const [report, setReport] = useState<Loadable<ClinicReport>>({ state: 'loading' });
  const [open, setOpen] = useState<ReportRow | null>(null);

  useEffect(() => window.clinic?.onFileChanged(() => setGeneration((g) => g + 1)), []);

  useEffect(() => {
    let current = true;
    void (async () => {
      const [info, periods] = await Promise.all([callClinic('getFileInfo', {}), callClinic('listPeriods', {})]);
      if (!current) return;
      setOpen(null);
      if (!info.ok) return setFile({ state: 'failed', error: info.error });
      if (!periods.ok) return setFile({ state: 'failed', error: periods.error });
      setFile({ state: 'ready', value: { info: info.value, periods: periods.value } });
      const latest = periods.value.latest;
      setSelection(
        latest === null ? { period: null, compare: null } : { period: latest, compare: addMonths(latest, -1) },
      );
    })();
    return () => {
      current = false;
    };
  }, [generation]);

  const periods = file.state === 'ready' ? file.value.periods.periods : NO_PERIODS;

  useEffect(() => {
    if (selection === null) return;
    let current = true;
    void (async () => {
      const args: { period?: Period; compare?: Period } = {};
      if (selection.period !== null) args.period = selection.period;
      // A month with no figures at all is left to the API's default, which shows the rows with
      // no previous figure rather than refusing the whole clinic.
      if (selection.compare !== null && periods.includes(selection.compare)) args.compare = selection.compare;
      const result = await callClinic('getReport', args);
      if (!current) return;
      setReport(result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error });
    })();
    return () => {
      current = false;
    };
  }, [selection, periods]);

  const close = useCallback(() => {
    const key = open?.key;
    setOpen(null);
    // Back to the measure the panel was opened from, so a keyboard user keeps their place.
    if (key) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLButtonElement>(`button[data-measure-key="${CSS.escape(key)}"]`)?.focus(),
      );
    }
  }, [open]);

  const fileName = file.state === 'ready' ? file.value.info.name : null;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the clinic
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <div className="app-header__brand">
            <h1 className="app-header__title">Performance Clinic</h1>
            <p className="app-header__file">
              <span className="visually-hidden">Open file: </span>
              {fileName ?? 'No file open'}
              {file.state === 'ready' && file.value.info.readOnly && (
                <span className="app-header__read-only">Read only</span>
              )}
            </p>
          </div>
          {file.state === 'ready' && selection !== null && selection.period !== null && (
            <PeriodPicker
              periods={periods}
              selection={{ period: selection.period, compare: selection.compare }}
              onChange={setSelection}
            />
          )}
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {file.state === 'failed' && <ErrorMessage title="The clinic file could not be read" message={file.error} />}
        {file.state === 'ready' && report.state === 'failed' && (
          <ErrorMessage title="The clinic could not be shown" message={report.error} />
        )}
        {(file.state === 'loading' || (file.state === 'ready' && report.state === 'loading')) && (
          <p className="loading" role="status">
            Loading the clinic…
          </p>
        )}
        {file.state === 'ready' && report.state === 'ready' && (
          // Keyed by file so filters and sorting start afresh when another file is opened.
          <ClinicView key={generation} report={report.value} onOpen={setOpen} />
        )}
      </main>
      {open && <MeasureDetailPanel key={open.key} row={open} onClose={close} />}
    </>
  );
}
