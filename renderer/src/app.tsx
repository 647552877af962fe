/**
 * The window: the open file at the top, the sections under it (the headlines, the clinic, the action
 * log, measures, preferences), and the section's page below. A file opens on its headlines. A team
 * manager's team, once chosen, filters the pages that show figures (see team-context.tsx). All data
 * comes through window.clinic; any refusal is shown in words.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FileInfo, MenuCommand, PeriodList } from '../../main/contract';
import { addMonths } from '../../main/domain/period';
import type { ClinicSummary, Period, ServiceArea } from '../../main/domain/types';
import type { ClinicReport } from '../../main/domain/views';
import { ActionLogPage } from './action-log-page';
import { Announcer } from './announcer';
import { CataloguePage } from './catalogue-page';
import { DrilldownContext, type Drilldowns } from './drilldown-context';
import { DrilldownPage } from './drilldown-page';
import { callClinic } from './clinic-api';
import { ErrorMessage } from './error-message';
import { HeadlinesPage } from './headlines-page';
import { ImportPage } from './import-page';
import { MeetingPage } from './meeting-page';
import { PeriodPicker, type Selection } from './period-picker';
import { PreferencesPage } from './preferences-page';
import { ReportPage } from './report-page';
import { ExceptionsPage } from './exceptions-page';
import { SyncBanner } from './sync-banner';
import { TeamBanner, TeamPicker, TeamProvider, type TeamChoice } from './team-context';
import { WorkingTogetherPage } from './working-together-page';

export interface FileState {
  info: FileInfo;
  periods: PeriodList;
  clinics: ClinicSummary[];
  /** Service areas in the report's order, for choosing a clinic's scope. */
  areas: ServiceArea[];
  /** The latest period against the month before, as the API gives it by default; null if refused. */
  defaultReport: ClinicReport | null;
}

type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

export type PageName =
  'headlines' | 'clinic' | 'log' | 'exceptions' | 'report' | 'import' | 'measures' | 'together' | 'preferences';

const pages: { name: PageName; label: string }[] = [
  { name: 'headlines', label: 'Headlines' },
  { name: 'clinic', label: 'Clinic' },
  { name: 'log', label: 'Action log' },
  { name: 'exceptions', label: 'Exceptions' },
  { name: 'report', label: 'Report' },
  { name: 'import', label: 'Import figures' },
  { name: 'measures', label: 'Measures' },
  { name: 'together', label: 'Working together' },
  { name: 'preferences', label: 'Preferences' },
];

const NO_PERIODS: Period[] = [];

function areasOf(measures: { area: string; area_title: string }[]): ServiceArea[] {
  const seen = new Map<string, string>();
  for (const m of measures) if (!seen.has(m.area)) seen.set(m.area, m.area_title);
  return [...seen].map(([key, title]) => ({ key, title }));
}

export function App(): ReactNode {
  // Bumped when the shell reports another file, so everything below reloads from scratch.
  const [generation, setGeneration] = useState(0);
  const [file, setFile] = useState<Loadable<FileState>>({ state: 'loading' });
  // The window opens on the headlines. Another file opened later (a copy taken offline, say) keeps
  // the page the person is on, which may be saying where that file came from.
  const [page, setPage] = useState<PageName>('headlines');
  const [team, setTeamState] = useState<string | null>(null);
  const [teams, setTeams] = useState<string[]>([]);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [clinicId, setClinicId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  /** The drilldown by team and worker, when open: it stands in for the page it was opened from. */
  const [drill, setDrill] = useState<{ measure: string; period: Period } | null>(null);
  const [drillable, setDrillable] = useState<ReadonlySet<string>>(new Set());

  // File > Take a copy… and File > Merge a copy back… are carried out on the Working together page.
  const [command, setCommand] = useState<{ name: MenuCommand; n: number } | null>(null);
  const commands = useRef(0);

  useEffect(() => window.clinic?.onFileChanged(() => setGeneration((g) => g + 1)), []);
  useEffect(
    () =>
      window.clinic?.onMenuCommand((name) => {
        // A note being typed saves when its box loses focus: before its page gives way to this one.
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        setPage('together');
        commands.current += 1;
        setCommand({ name, n: commands.current });
      }),
    [],
  );

  useEffect(() => {
    let current = true;
    void callClinic('listDrilldownMeasures', {}).then((result) => {
      if (current) setDrillable(new Set(result.ok ? result.value : []));
    });
    void (async () => {
      const [info, periods, clinics, report, prefs, teamList] = await Promise.all([
        callClinic('getFileInfo', {}),
        callClinic('listPeriods', {}),
        callClinic('listClinics', {}),
        callClinic('getReport', {}),
        callClinic('getPreferences', {}),
        callClinic('listTeams', {}),
      ]);
      if (!current) return;
      if (prefs.ok) setTeamState(prefs.value.team);
      setTeams(teamList.ok ? teamList.value : []);
      if (!info.ok) return setFile({ state: 'failed', error: info.error });
      if (!periods.ok) return setFile({ state: 'failed', error: periods.error });
      if (!clinics.ok) return setFile({ state: 'failed', error: clinics.error });
      // A file with no figures has no areas yet; the clinic page says why in its own words.
      const areas = report.ok ? areasOf(report.value.measures) : [];
      setFile({
        state: 'ready',
        value: {
          info: info.value,
          periods: periods.value,
          clinics: clinics.value,
          areas,
          defaultReport: report.ok ? report.value : null,
        },
      });
      setCreating(false);
      // The newest clinic opens by default.
      setClinicId(clinics.value[0]?.id ?? null);
      const latest = periods.value.latest;
      setSelection(
        latest === null ? { period: null, compare: null } : { period: latest, compare: addMonths(latest, -1) },
      );
    })();
    return () => {
      current = false;
    };
  }, [generation]);

  /** Lists the clinics again (after one is started, marked final or reopened), keeping the one chosen. */
  const reloadClinics = useCallback(async (select?: number) => {
    const clinics = await callClinic('listClinics', {});
    if (!clinics.ok) return;
    setFile((f) => (f.state === 'ready' ? { state: 'ready', value: { ...f.value, clinics: clinics.value } } : f));
    if (select !== undefined) setClinicId(select);
  }, []);

  /** Asks for the default comparison again after the catalogue changed (titles, targets, measures). */
  const reloadReport = useCallback(async () => {
    const report = await callClinic('getReport', {});
    setFile((f) =>
      f.state === 'ready'
        ? {
            state: 'ready',
            value: {
              ...f.value,
              areas: report.ok ? areasOf(report.value.measures) : f.value.areas,
              defaultReport: report.ok ? report.value : null,
            },
          }
        : f,
    );
  }, []);
  const commandTaken = useCallback(() => setCommand(null), []);
  /** Everything below reloads from the file, as when another file opens: after an import or its undo. */
  const reloadFile = useCallback(() => setGeneration((g) => g + 1), []);

  /** Chooses a team (null: the whole service) and keeps the choice in the person's preferences. */
  const setTeam = useCallback((next: string | null) => {
    setTeamState(next);
    void (async () => {
      const prefs = await callClinic('getPreferences', {});
      if (prefs.ok) await callClinic('setPreferences', { displayName: prefs.value.displayName, team: next });
    })();
  }, []);
  const teamChoice = useMemo((): TeamChoice => ({ team, teams, setTeam }), [team, teams, setTeam]);

  const drilldowns = useMemo<Drilldowns>(
    () => ({
      measures: drillable,
      open: (measure, period) => {
        // A note being typed saves when its box loses focus: before its page gives way to this one.
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        setDrill({ measure, period });
      },
    }),
    [drillable],
  );
  const closeDrill = useCallback(() => {
    setDrill(null);
    document.getElementById('main')?.focus();
  }, []);

  const ready = file.state === 'ready' ? file.value : null;
  const periods = ready?.periods.periods ?? NO_PERIODS;
  const showPeriodPicker =
    ready !== null &&
    drill === null &&
    ((page === 'clinic' && clinicId === null && !creating) || page === 'exceptions') &&
    selection !== null &&
    selection.period !== null;

  return (
    <TeamProvider value={teamChoice}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <div className="app-header__brand">
            <h1 className="app-header__title">Performance Clinic</h1>
            <p className="app-header__file">
              <span className="visually-hidden">Open file: </span>
              {ready?.info.name ?? 'No file open'}
              {ready?.info.readOnly && <span className="app-header__read-only">Read only</span>}
            </p>
          </div>
          <div className="app-header__controls">
            {ready && <TeamPicker />}
            {showPeriodPicker && selection?.period && (
              <PeriodPicker
                periods={periods}
                selection={{ period: selection.period, compare: selection.compare }}
                onChange={setSelection}
                // The exception report judges one month against targets and SPC; it compares with none.
                withCompare={page !== 'exceptions'}
              />
            )}
          </div>
        </div>
        <nav className="app-nav" aria-label="Sections">
          <ul className="app-nav__list">
            {pages.map((p) => (
              <li key={p.name}>
                <button
                  type="button"
                  className="app-nav__link"
                  aria-current={page === p.name ? 'page' : undefined}
                  onClick={() => {
                    setDrill(null);
                    setPage(p.name);
                  }}
                >
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {ready && <SyncBanner key={ready.info.path} />}
        {ready && <TeamBanner />}
        {file.state === 'failed' && <ErrorMessage title="The clinic file could not be read" message={file.error} />}
        {file.state === 'loading' && (
          <p className="loading" role="status">
            Loading the clinic…
          </p>
        )}
        {ready && drill !== null && (
          <DrilldownPage
            key={`${generation}|${drill.measure}|${drill.period}`}
            measure={drill.measure}
            period={drill.period}
            onClose={closeDrill}
          />
        )}
        <DrilldownContext.Provider value={drilldowns}>
          {ready && drill === null && page === 'headlines' && (
            <HeadlinesPage key={generation} file={ready} onShowClinic={() => setPage('clinic')} />
          )}
          {ready && drill === null && page === 'clinic' && selection !== null && (
            <MeetingPage
              // Keyed by file so filters, order and the open panel start afresh when another file is opened.
              key={generation}
              file={ready}
              selection={selection}
              clinicId={clinicId}
              creating={creating}
              onCreating={setCreating}
              onSelectClinic={setClinicId}
              onClinicsChanged={reloadClinics}
            />
          )}
          {ready && drill === null && page === 'log' && (
            <ActionLogPage key={`${generation}|${team ?? ''}`} clinics={ready.clinics} />
          )}
          {ready && drill === null && page === 'exceptions' && (
            <ExceptionsPage key={`${generation}|${team ?? ''}`} period={selection?.period ?? null} />
          )}
          {ready && drill === null && page === 'report' && (
            <ReportPage
              key={generation}
              periods={periods}
              areas={ready.areas}
              measures={ready.defaultReport?.measures ?? []}
              readOnly={ready.info.readOnly}
            />
          )}
          {ready && drill === null && page === 'measures' && (
            <CataloguePage key={generation} readOnly={ready.info.readOnly} onChanged={() => void reloadReport()} />
          )}
          {ready && drill === null && page === 'import' && (
            <ImportPage
              // Not keyed by generation: an import reloads the figures and the wizard must stay on its result.
              // Another file, or this one reopened read-only, starts the wizard afresh (the app forgets the preview).
              key={`${ready.info.path}|${ready.info.readOnly}`}
              readOnly={ready.info.readOnly}
              fileName={ready.info.name}
              onFiguresChanged={reloadFile}
              onShowClinic={() => setPage('clinic')}
            />
          )}
          {ready && drill === null && page === 'together' && (
            <WorkingTogetherPage
              // Not keyed by generation: taking a copy opens it, and the page must still say where it went.
              fileName={ready.info.name}
              readOnly={ready.info.readOnly}
              titles={new Map((ready.defaultReport?.measures ?? []).map((m) => [m.key, m.title]))}
              command={command}
              onCommandTaken={commandTaken}
              onMerged={reloadFile}
              onShowClinic={() => setPage('clinic')}
            />
          )}
          {ready && drill === null && page === 'preferences' && <PreferencesPage />}
        </DrilldownContext.Provider>
      </main>
      <Announcer />
    </TeamProvider>
  );
}
