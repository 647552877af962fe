/**
 * The application API: everything the window, the command line, the tests and the benchmarks
 * can ask of a clinic file. Plain TypeScript over the store and the domain; no Electron here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileInfo, PeriodList, Preferences, SyncStatus } from '../contract';
import { periodLabel } from '../domain/period';
import { benchmarkDetails, buildReport, defaultComparePeriod, rowDecimals } from '../domain/report';
import { analyse, DEFAULT_SPC_SETTINGS, optionsOf, spcAt, type SpcSummary } from '../domain/spc';
import type { Dataset, Period } from '../domain/types';
import { ukDate } from '../domain/uk-date';
import type { ClinicReport, HeadlinesView, MeasureDetail, ReportRow } from '../domain/views';
import { october2023 } from '../sample/october-2023';
import {
  getCatalogueMeasure,
  getMeasure,
  hasPeriod,
  insertDataset,
  listAreas,
  listPeriods,
  listReportMeasures,
  measureHistory,
  monthlySeriesTextUpTo,
  parseSeries,
  observationsForComparison,
  recentFigures,
  targetHistories,
  WHOLE_SERVICE,
} from '../store/catalogue';
import { headlineKeys, sparklineStart } from '../domain/headlines';
import { targetAt } from '../domain/targets';
import { backupPath, listBackups, takeBackupCopy, type BackupInfo } from '../store/backups';
import {
  ClinicFile,
  describeHolder,
  OfflineError,
  openClinicBytes,
  type OpenOptions,
  type SaveLockOptions,
} from '../store/clinic-file';
import type { PresenceOptions } from '../store/presence';
import { loadSqlJs, type ClinicDatabase } from '../store/database';
import { ResultCache } from './result-cache';
import { writeFileAtomic } from '../store/durable-file';
import { FileLock } from '../store/file-lock';
import { actionLogCsv, actionLogXlsx } from '../exports/action-log';
import { buildMinutes, minutesFileName, type Minutes } from '../exports/minutes-data';
import {
  renderMinutes,
  saveThroughHost,
  withExtension,
  type ActionLogFormat,
  type ExportHost,
  type MinutesFormat,
  type Saved,
} from '../exports/exporter';
import { Catalogue } from './catalogue';
import type { TemplateFormat } from '../import/template';
import { Imports, type ImportPreview } from './imports';
import { SpcControls } from './spc';
import { Caveats } from './caveats';
import { FileSettingsApi } from './file-settings';
import { Drilldowns } from './drilldown';
import { allSpcSettings, annotationsFor, spcSettings } from '../store/spc';
import { listCaveats, listFigureDates } from '../store/caveats';
import { Meetings } from './meetings';
import { Sync, type MergePreview } from './sync';
import { ScrutinyReports, type DocumentArgs } from './scrutiny';
import { renderScrutiny, scrutinyFileName, type ScrutinyFormat } from '../exports/scrutiny-export';
import { DfeBenchmarks } from './dfe-benchmarks';
import { detailsFor, type BenchmarkYear } from '../domain/dfe/benchmarks';
import { storedBenchmarks } from '../store/dfe-benchmarks';
import { loadPreferences, savePreferences } from './preferences';
import { UserError } from '../errors';
import { buildExceptions, type ExceptionsArgs } from './exceptions';
import { listTeams } from '../store/teams';
import { findTeam, unknownTeamMessage, type ExceptionsReport } from '../domain/exceptions';

export type FileChangedListener = (info: FileInfo) => void;
/** Told when the check of every page, left until after the first screen, finds the file damaged. */
export type CheckFailedListener = (file: string, error: UserError) => void;

/**
 * With checkLater, the check of every page of a file just opened runs this long after opening,
 * or as soon as the first comparison has been answered, whichever is first (and always before
 * anything is written to the file).
 */
const CHECK_AFTER_MS = 2_000;

export interface AppOptions {
  /** Where this person's preferences (display name) are kept; in memory only when absent. */
  preferencesFile?: string;
  /** The clock; tests fix it so that "overdue" does not depend on the day they run. */
  now?: () => Date;
  /**
   * Work with others on shared files: show this person's presence beside each file opened for
   * writing, and see who else has it open. (Every save takes the short lock beside the file.)
   */
  lock?: boolean;
  /** Take a daily backup when a file is opened for writing. */
  dailyBackup?: boolean;
  lockOptions?: SaveLockOptions;
  /**
   * This person's outbox (in the user data folder): each file's journal is kept there, so changes
   * stay confirmed while a shared file cannot be reached. Beside each file when absent.
   */
  outboxDir?: string;
  presence?: PresenceOptions;
  /** How exports reach the person: the save dialog and the PDF printer. Without one, exports are refused. */
  exportHost?: ExportHost;
  /** This install's device id, stamped on every change (random per process when absent). */
  deviceId?: string;
  /**
   * Open files fast for the first screen and check every page of them just after it (see
   * OpenOptions.checkLater): the window's way. A damaged file is then closed and the listeners
   * of onCheckFailed told. Without it (the command line, tests) a file is checked before it opens.
   */
  checkLater?: boolean;
  /** How long after opening the deferred check runs at the latest (CHECK_AFTER_MS). */
  checkAfterMs?: number;
}

/** How many SPC judgements are remembered before starting again: a few periods of a large file. */
const SPC_JUDGEMENTS_KEPT = 2000;

/** The longest protective marking the minutes will print in their page header. */
export const MARKING_MAX_CHARS = 100;

/** A report row's benchmarks and their details from DfE's statistics, when any are loaded for the measure. */
function dfeBenchmarksOf(
  years: readonly BenchmarkYear[] | undefined,
  period: Period,
  method: 'mean' | 'median',
  decimals: number,
): Pick<ReportRow, 'benchmarks' | 'benchmark_details' | 'decimals'> | Record<string, never> {
  const found = years ? detailsFor(years, period, method) : null;
  if (!found) return {};
  // DfE's published figures keep their decimals too (334.3 per 10,000), so the row is written alike.
  const published = rowDecimals([found.benchmarks.national, found.benchmarks.regional]);
  return { benchmarks: found.benchmarks, benchmark_details: found.details, decimals: Math.max(decimals, published) };
}

export class ClinicApp {
  private file: ClinicFile | null = null;
  /** Clinic comparisons already worked out, kept while the data they came from is unchanged. */
  private readonly reports = new ResultCache<ClinicReport>();
  /** Each measure's SPC judgement by its inputs (see spcAt below). */
  private readonly spcJudgements = new Map<string, SpcSummary | null>();
  private readonly listeners = new Set<FileChangedListener>();
  private readonly checkListeners = new Set<CheckFailedListener>();
  /** The deferred check of the open file, when it is owed (see checkOpenFile). */
  private checkTimer: ReturnType<typeof setTimeout> | null = null;

  private prefs: Preferences;
  /** Clinics, notes, actions and the audit trail of the open file. */
  readonly meetings: Meetings;
  /** Imports of figures from spreadsheets, their undo, and fill-in templates. */
  readonly imports: Imports;
  /** The measure catalogue: editing, target history, retiring, the split by team. */
  readonly catalogue: Catalogue;
  /** Each measure's SPC options, rebasings and dated chart notes. */
  readonly spc: SpcControls;
  readonly caveats: Caveats;
  /** Merging copies of the file, the record of changes, notes kept both ways. */
  readonly sync: Sync;
  /** The monthly performance report for scrutiny: drafted, edited, its fixed sections. */
  readonly scrutiny: ScrutinyReports;
  /** Benchmarks loaded from DfE's published statistics, with their years. */
  readonly benchmarks: DfeBenchmarks;
  /** Settings kept in the clinic file for everyone who opens it. */
  readonly settings: FileSettingsApi;
  /** A measure's figure by team and by worker, as the file's privacy settings allow. */
  readonly drilldown: Drilldowns;

  constructor(private readonly options: AppOptions = {}) {
    this.prefs = loadPreferences(options.preferencesFile);
    this.meetings = new Meetings(
      () => this.current(),
      { who: '', now: options.now ?? (() => new Date()) },
      (period, compare, keepRetired, team) =>
        this.report({ period, compare, ...(team ? { team } : {}) }, { requireCompare: false, keepRetired }),
    );
    // One actor for all three, so a change of display name reaches each.
    this.imports = new Imports(() => this.current(), this.meetings.actor);
    this.catalogue = new Catalogue(() => this.current(), this.meetings.actor);
    this.spc = new SpcControls(() => this.current(), this.meetings.actor);
    this.caveats = new Caveats(() => this.current(), this.meetings.actor);
    this.sync = new Sync(() => this.current(), this.meetings.actor);
    this.scrutiny = new ScrutinyReports(
      () => this.current(),
      this.meetings.actor,
      (period, compare, requireCompare) => this.report({ period, compare }, { requireCompare }),
    );
    this.benchmarks = new DfeBenchmarks(() => this.current(), this.meetings.actor);
    this.settings = new FileSettingsApi(() => this.current(), this.meetings.actor);
    this.drilldown = new Drilldowns(() => this.current(), this.settings);
    this.syncActor();
  }

  private syncActor(): void {
    this.meetings.actor.who = this.prefs.displayName;
  }

  preferences(): Preferences {
    return { ...this.prefs };
  }

  /** `team` left out keeps the team chosen; null goes back to the whole service. */
  setPreferences(next: { displayName: string; team?: string | null }): Preferences {
    const displayName = next.displayName.trim();
    if (displayName === '')
      throw new UserError('Your display name cannot be empty: it is stamped on every note and action.');
    if (displayName.length > 80) throw new UserError('Keep your display name under 80 characters.');
    const team = next.team === undefined ? this.prefs.team : next.team === null ? null : next.team.trim() || null;
    if (team !== null && team.length > 200) throw new UserError('Keep the team’s name under 200 characters.');
    this.prefs = { displayName, team };
    savePreferences(this.options.preferencesFile, this.prefs);
    this.syncActor();
    return this.preferences();
  }

  /**
   * Starts loading SQLite's WebAssembly now, so that it is ready when the first file opens: the
   * shell calls it before its window is created.
   */
  static prepare(): Promise<void> {
    return loadSqlJs().then(() => undefined);
  }

  private openOptions(readOnly: boolean): OpenOptions {
    return {
      readOnly,
      checkLater: this.options.checkLater,
      lock: this.options.lock,
      dailyBackup: this.options.dailyBackup,
      lockOptions: this.options.lockOptions,
      changes: { device: this.options.deviceId, author: () => this.prefs.displayName },
      outbox: this.options.outboxDir,
      presence: this.options.presence,
    };
  }

  /** Opens an existing clinic file, closing the one in use only once the new one has opened. */
  async openFile(file: string, options: { readOnly?: boolean } = {}): Promise<FileInfo> {
    const opened = await ClinicFile.open(path.resolve(file), this.openOptions(options.readOnly ?? false));
    const info = this.use(opened);
    if (opened.checkPending) this.scheduleCheck(this.options.checkAfterMs ?? CHECK_AFTER_MS);
    return info;
  }

  /**
   * Finishes opening the file: the check of every page, its hash and the day's backup, left
   * until after the first screen (ClinicFile.verify). Runs by itself (see CHECK_AFTER_MS), and
   * before any write in any case. A damaged file is closed, nothing having been written to it,
   * and the listeners of onCheckFailed are told. Returns the problem found, or null.
   */
  checkOpenFile(): UserError | null {
    this.cancelCheck();
    const file = this.file;
    if (!file?.checkPending) return null;
    try {
      file.verify();
      return null;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      this.close();
      for (const listener of this.checkListeners) listener(file.path, error);
      return error;
    }
  }

  onCheckFailed(listener: CheckFailedListener): () => void {
    this.checkListeners.add(listener);
    return () => this.checkListeners.delete(listener);
  }

  private scheduleCheck(delayMs: number): void {
    this.cancelCheck();
    const file = this.file;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      if (this.file === file) this.checkOpenFile();
    }, delayMs);
    // Never what keeps a command or a test running.
    this.checkTimer.unref?.();
  }

  private cancelCheck(): void {
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = null;
  }

  /** Creates a clinic file (the October 2023 sample unless `empty`), refusing to replace one. */
  async createFile(file: string, options: { empty?: boolean } = {}): Promise<FileInfo> {
    const data: Dataset = options.empty ? { areas: [], measures: [], observations: [] } : october2023;
    const created = await ClinicFile.create(
      path.resolve(file),
      (db) => insertDataset(db, data),
      this.openOptions(false),
    );
    return this.use(created);
  }

  /** Opens the file if it exists, or creates it from the sample: the first run of the app. */
  async openOrCreate(file: string): Promise<FileInfo> {
    if (!fs.existsSync(file)) return this.createFile(file);
    return this.openFile(file);
  }

  /** The automatic backups of a clinic file, newest first (the file need not open). */
  backups(file: string): BackupInfo[] {
    return listBackups(path.resolve(file));
  }

  /**
   * Puts a backup back in place of the clinic file and opens it. The file being replaced,
   * damaged or not, is itself kept as a backup first, so a restore can be undone.
   */
  async restoreBackup(file: string, name: string): Promise<FileInfo> {
    const target = path.resolve(file);
    const source = backupPath(target, name);
    if (!source) throw new UserError(`There is no backup called "${name}" for ${path.basename(target)}.`);
    const bytes = fs.readFileSync(source);
    // Refuse to restore a backup that would not open.
    (await openClinicBytes(bytes, name)).db.close();
    if (this.file?.path === target) this.close();
    const held = this.options.lock ? FileLock.acquire(target, this.options.lockOptions) : null;
    if (held && !held.held) {
      throw new UserError(
        `${path.basename(target)} is being saved by ${describeHolder(held.owner)}; try restoring the backup again in a moment.`,
      );
    }
    try {
      if (fs.existsSync(target)) takeBackupCopy(target, 'before-restore');
      writeFileAtomic(target, bytes);
    } finally {
      if (held?.held) held.lock.release();
    }
    return this.openFile(target);
  }

  saveCopy(target: string): void {
    const file = this.current();
    if (path.resolve(target) === file.path)
      throw new UserError('That is the file already open; choose another name for the copy.');
    file.saveCopy(path.resolve(target));
  }

  /**
   * Folds the journal into the clinic file with a full atomic save, merging in whatever others
   * saved meanwhile. Changes are already on disk when confirmed; this puts them in the shared
   * file for the others, and keeps the journal short. The shell calls it when the person pauses
   * and every minute, so it is also the retry of changes waiting offline: while the shared file
   * cannot be reached it returns false and getSyncStatus says so (no error every minute). Any
   * other failure, such as someone else's save holding the lock too long, is reported, never lost.
   */
  checkpoint(): boolean {
    const file = this.file;
    if (!file || file.readOnly || !file.needsCheckpoint) return false;
    try {
      file.save();
      return true;
    } catch (error) {
      if (error instanceof OfflineError) return false;
      throw error;
    }
  }

  /** Saves now if anything is waiting, and says why not (offline, or who holds the lock) if it cannot. */
  saveNow(): void {
    const file = this.file;
    if (file && !file.readOnly && file.needsCheckpoint) file.save();
  }

  /**
   * Brings in what others saved to the shared file since we last read or wrote it (nothing is
   * written), so the window shows their changes. Returns whether anything came in.
   */
  refresh(): boolean {
    // What was worked out from the data (the comparison, say) is keyed by its version, so a
    // merge that brings changes in is seen by the next call.
    return this.file?.refresh() ?? false;
  }

  onFileChanged(listener: FileChangedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.cancelCheck();
    this.file?.close();
    this.file = null;
    this.reports.clear();
    this.spcJudgements.clear();
  }

  fileInfo(): FileInfo {
    const file = this.current();
    return {
      path: file.path,
      name: file.name,
      readOnly: file.readOnly,
      notices: [...file.notices],
    };
  }

  /**
   * Working together on the open file: who else has it open, others' changes last merged in, and
   * changes waiting on this computer while the shared file cannot be reached.
   */
  syncStatus(): SyncStatus {
    const file = this.current();
    // Polled by the window: it is also when others' saves are brought in.
    this.refresh();
    const offline = file.offline;
    // The later of others' saves brought in and a copy merged back by hand.
    const byHand = this.sync.status().merged;
    const saved = file.merged;
    const merged = byHand && (!saved || byHand.at > saved.at) ? byHand : saved;
    return {
      others: file.others().map((p) => ({ name: p.name, host: p.host, since: p.since })),
      merged,
      offline: offline ? { pending: offline.pending } : null,
    };
  }

  periods(): PeriodList {
    const periods = listPeriods(this.current().db);
    return { periods, latest: periods[0] ?? null };
  }

  /**
   * The clinic comparison: by default the latest period against the month before.
   * `requireCompare`: an unknown period asked for by name is an error (the command line says so);
   * a clinic comparing with a month that has no figures simply shows no previous figures.
   * `keepRetired`: the retired measures to show, for a clinic already held (its own record);
   * without it a retired measure shows only in reports of periods up to its last figure.
   */
  report(
    args: { period?: Period; compare?: Period; team?: string } = {},
    {
      requireCompare = args.compare !== undefined,
      keepRetired,
    }: { requireCompare?: boolean; keepRetired?: readonly string[] } = {},
  ): ClinicReport {
    const db = this.current().db;
    const period = args.period ?? listPeriods(db)[0];
    if (period === undefined)
      throw new UserError('This clinic file holds no figures yet. Import a month of figures first.');
    const compare = args.compare ?? defaultComparePeriod(period);
    for (const p of requireCompare ? [period, compare] : [period]) {
      if (!hasPeriod(db, p)) throw new UserError(`There are no figures for ${periodLabel(p)} in this clinic file.`);
    }
    if (compare >= period) {
      throw new UserError(
        `The period to compare with (${periodLabel(compare)}) must be before ${periodLabel(period)}.`,
      );
    }
    const team = args.team ?? WHOLE_SERVICE;
    const key = `${period} ${compare} ${keepRetired ? JSON.stringify(keepRetired) : ''} ${JSON.stringify(team)}`;
    let report: ClinicReport;
    try {
      report = this.reports.get(db, key, () => this.buildComparison(db, period, compare, keepRetired, team));
    } catch (error) {
      // Damage the check left for later would have found: say so, as the check does.
      if (!(error instanceof UserError) && this.current().checkPending) throw this.checkOpenFile() ?? error;
      throw error;
    }
    // The first screen has its figures: the check left until after it can run now.
    if (this.current().checkPending) this.scheduleCheck(0);
    return team === WHOLE_SERVICE ? report : { ...report, team };
  }

  /**
   * The headlines (issue 17): the measures the file's setting names (or the default choice: off
   * target and special cause of concern first), each with its row of the comparison and its last
   * 13 months for the sparkline; a `team`'s figures when one is given.
   */
  headlines(args: { period?: Period; team?: string } = {}): HeadlinesView {
    const report = this.report(args, { requireCompare: false });
    const chosen = this.settings.get().headlineMeasures;
    const keys = headlineKeys(chosen, report.measures);
    const byKey = new Map(report.measures.map((r) => [r.key, r]));
    const series = recentFigures(
      this.current().db,
      keys,
      sparklineStart(report.period),
      report.period,
      args.team ?? WHOLE_SERVICE,
    );
    return {
      period: report.period,
      compare: report.compare,
      team: args.team ?? null,
      chosen: chosen !== null,
      tiles: keys.flatMap((key) => {
        const row = byKey.get(key);
        if (!row) return [];
        const points = (series.get(key) ?? []).map(({ period, value, numerator, denominator }) => ({
          period,
          value,
          numerator,
          denominator,
        }));
        return [{ row, series: points }];
      }),
    };
  }

  /** The comparison itself, for a period and compare that have been checked. */
  private buildComparison(
    db: ClinicDatabase,
    period: Period,
    compare: Period,
    keepRetired: readonly string[] | undefined,
    team: string,
  ): ClinicReport {
    // Each measure is judged against the target that applied in the period, not today's.
    const targets = targetHistories(db);
    const report = buildReport(
      listReportMeasures(db, keepRetired ? { keys: keepRetired } : { withFiguresFrom: period }).map((m) => ({
        ...m,
        target: targetAt(targets.get(m.key) ?? [], period),
      })),
      listAreas(db),
      observationsForComparison(db, period, compare, team),
      period,
      compare,
      { caveats: listCaveats(db), figureDates: listFigureDates(db) },
    );
    // Signal or noise: each monthly measure's XmR judgement from its history up to the period.
    // Each measure's own options (baseline, screening, shift length, rebasings) as recorded.
    const histories = monthlySeriesTextUpTo(db, period, team);
    const settings = allSpcSettings(db);
    // Benchmarks loaded from DfE replace the typed ones, as the year published by the period shows them.
    const loaded = new Map<string, BenchmarkYear[]>();
    for (const b of storedBenchmarks(db)) loaded.set(b.measure, [...(loaded.get(b.measure) ?? []), b.detail]);
    const method = loaded.size > 0 ? this.benchmarks.neighbourSummary() : 'mean';
    return {
      ...report,
      measures: report.measures.map((row) => ({
        ...row,
        ...dfeBenchmarksOf(loaded.get(row.key), period, method, row.decimals),
        spc:
          row.frequency === 'monthly'
            ? this.spcAt(
                histories.get(row.key) ?? '',
                period,
                { unit: row.unit, polarity: row.polarity, target: row.target },
                optionsOf(settings.get(row.key) ?? DEFAULT_SPC_SETTINGS),
              )
            : null,
      })),
    };
  }

  /** Every team the file knows (its figures' teams and the teams owning actions), alphabetical. */
  teams(): string[] {
    return listTeams(this.current().db);
  }

  /** A team asked for by name, in any case, as the file spells it; an unknown one is refused with the teams there are. */
  teamNamed(asked: string): string {
    const teams = this.teams();
    const found = findTeam(teams, asked);
    if (found === null) throw new UserError(unknownTeamMessage(asked.trim(), teams));
    return found;
  }

  /**
   * The exception report: for the whole service and each team (or one team), what needs action
   * this week; overdue actions judged by today's UK date. The period is the latest unless told.
   */
  exceptions(args: { period?: Period } & ExceptionsArgs = {}): ExceptionsReport {
    const report = this.report({ period: args.period });
    return buildExceptions(this.current().db, report, this.meetings.listActions(), this.today(), {
      team: args.team,
    });
  }

  /**
   * spcAt, remembered by everything it is given: a change anywhere in the file (a note, say)
   * empties the comparison cache, but a measure whose history, target and options are the same
   * gets the same judgement without working it out again. Nothing here can go stale: the key is
   * the arguments themselves.
   */
  private spcAt(
    history: string,
    period: Period,
    measure: Parameters<typeof spcAt>[2],
    options: Parameters<typeof spcAt>[3],
  ): SpcSummary | null {
    const key = `${JSON.stringify([period, measure, options])}\n${history}`;
    if (this.spcJudgements.has(key)) return this.spcJudgements.get(key) ?? null;
    const judgement = spcAt(parseSeries(history), period, measure, options);
    if (this.spcJudgements.size >= SPC_JUDGEMENTS_KEPT) this.spcJudgements.clear();
    this.spcJudgements.set(key, judgement);
    return judgement;
  }

  /**
   * One measure's history and chart. `period` is the month the clinic looks at (the latest figure
   * when absent): the SPC judgement is given as at that month, against the target that applied then.
   * With a `team` (a team manager's view), the history, chart and judgement are the team's own, and
   * the whole service's figures come beside them; a team with no figures for the measure has none.
   */
  measureDetail(args: { key: string; period?: Period; team?: string }): MeasureDetail {
    const db = this.current().db;
    const measure = getMeasure(db, args.key);
    if (!measure) throw new UserError(`There is no measure "${args.key}" in this clinic file.`);
    const area = listAreas(db).find((a) => a.key === measure.area);
    const asAt = new Map(listFigureDates(db, args.key).map((d) => [d.period, d.as_at]));
    const figuresOf = (team: string) =>
      measureHistory(db, args.key, team).map(({ period, value, numerator, denominator }) => ({
        period,
        value,
        numerator,
        denominator,
        // Only a figure with an as-at date carries one (school attendance to the week ending 24 November).
        ...(asAt.has(period) ? { as_at: asAt.get(period) } : {}),
      }));
    const team = args.team ?? null;
    const history = figuresOf(team ?? WHOLE_SERVICE);
    const settings = spcSettings(db, measure.key);
    const catalogue = getCatalogueMeasure(db, measure.key);
    const monthly = measure.frequency === 'monthly';
    const at = args.period ?? history.at(-1)?.period;
    const targets = catalogue?.targets ?? [];
    const targetThen = at === undefined ? measure.target : targetAt(targets, at);
    return {
      measure,
      area_title: area?.title ?? measure.area,
      team,
      history,
      service: team === null ? null : figuresOf(WHOLE_SERVICE),
      spc: monthly ? analyse(history, measure, optionsOf(settings)) : null,
      judgement:
        monthly && at !== undefined
          ? spcAt(history, at, { ...measure, target: targetThen }, optionsOf(settings))
          : null,
      spcSettings: settings,
      annotations: annotationsFor(db, measure.key),
      targets,
      caveats: listCaveats(db, measure.key),
      benchmark_details: benchmarkDetails(measure),
      counting: {
        numerator: catalogue?.numerator_label ?? '',
        denominator: catalogue?.denominator_label ?? '',
        dataSource: catalogue?.data_source ?? '',
      },
    };
  }

  /** The minutes of a clinic, with each discussed measure's trend, as the exports print them. */
  minutes(clinicId: number, options: { protectiveMarking?: string } = {}): Minutes {
    const marking = options.protectiveMarking ?? '';
    if (marking.length > MARKING_MAX_CHARS)
      throw new UserError(`Keep the protective marking under ${MARKING_MAX_CHARS} characters.`);
    const view = this.meetings.getClinicView(clinicId);
    return buildMinutes(view, (key) => this.measureDetail({ key }).history, {
      produced: (this.options.now ?? (() => new Date()))(),
      protectiveMarking: marking,
    });
  }

  /**
   * Saves a clinic's minutes where the host says; null when the person cancelled. The command
   * line passes its own host (its --out and --force); the window's calls use the app's.
   */
  async exportMinutes(
    args: { clinicId: number; format: MinutesFormat; protectiveMarking?: string },
    host: ExportHost | undefined = this.options.exportHost,
  ): Promise<Saved | null> {
    const minutes = this.minutes(args.clinicId, { protectiveMarking: args.protectiveMarking });
    if (!host) throw new UserError(NO_EXPORT_HOST);
    return saveThroughHost(host, minutesFileName(minutes.view, args.format), args.format, () =>
      renderMinutes(minutes, args.format, host.printer),
    );
  }

  /**
   * Saves the scrutiny report (Word, PDF, HTML or Markdown) where the host says; null when the
   * person cancelled. The command line passes its own host (its --out and --force).
   */
  async exportReportDocument(
    args: DocumentArgs & { format: ScrutinyFormat },
    host: ExportHost | undefined = this.options.exportHost,
  ): Promise<Saved | null> {
    const doc = this.scrutiny.document(args);
    if (!host) throw new UserError(NO_EXPORT_HOST);
    return saveThroughHost(
      host,
      scrutinyFileName(doc, args.format),
      args.format,
      () => renderScrutiny(doc, args.format, host.printer),
      'Save the performance report',
    );
  }

  /** Saves the whole action log as CSV or Excel where the host says; null when the person cancelled. */
  async exportActionLog(
    args: { format: ActionLogFormat },
    host: ExportHost | undefined = this.options.exportHost,
  ): Promise<Saved | null> {
    const actions = this.meetings.listActions();
    if (!host) throw new UserError(NO_EXPORT_HOST);
    const name = `${path.parse(this.current().name).name} action log ${this.today()}.${args.format}`;
    return saveThroughHost(host, name, args.format, () => actionLogBytes(actions, args.format));
  }

  /**
   * Asks the person which spreadsheet to import (the host's open dialog) and previews it, writing
   * nothing; null when they cancelled, and then any earlier preview still stands. A file open
   * read-only is refused before the dialog: its figures could be checked but never imported.
   */
  async chooseImportFile(host: ExportHost | undefined = this.options.exportHost): Promise<ImportPreview | null> {
    const file = this.current();
    if (file.readOnly)
      throw new UserError(
        `${file.name} is open read-only, so figures cannot be imported into it. Open it for editing to import figures.`,
      );
    if (!host?.chooseOpenPath) throw new UserError(NO_IMPORT_HOST);
    const chosen = await host.chooseOpenPath('figures');
    if (chosen === null) return null;
    // Whatever was previewed before is no longer what the person is looking at.
    this.imports.cancelPreview();
    return this.imports.previewFile(chosen);
  }

  /**
   * File > Take a copy to work offline: saves a copy of the open file (the same clinic file, so it
   * merges back) where the person chooses, and opens the copy to work in. The file it was taken
   * from is left as it was. Null when the person cancelled.
   */
  async takeOfflineCopy(host: ExportHost | undefined = this.options.exportHost): Promise<Saved | null> {
    const file = this.current();
    if (!host) throw new UserError(NO_COPY_HOST);
    const suggested = `${path.parse(file.name).name} offline copy ${this.today()}.db`;
    const chosen = await host.chooseSavePath(suggested, 'db', 'Take a copy to work offline');
    if (chosen === null) return null;
    const target = path.resolve(withExtension(chosen, 'db'));
    if (target === file.path) throw new UserError('That is the file already open; choose another name for the copy.');
    if (fs.existsSync(target) && !(await host.confirmReplace(target))) return null;
    file.saveCopy(target);
    await this.openFile(target);
    return { path: target };
  }

  /**
   * File > Merge a copy back…: asks which copy (the host's open dialog) and previews merging it,
   * writing nothing; null when the person cancelled.
   */
  async chooseMergeCopy(host: ExportHost | undefined = this.options.exportHost): Promise<MergePreview | null> {
    const file = this.current();
    if (file.readOnly)
      throw new UserError(
        `${file.name} is open read-only, so no copy can be merged into it. Nothing has been changed.`,
      );
    if (!host?.chooseOpenPath) throw new UserError(NO_MERGE_HOST);
    const chosen = await host.chooseOpenPath('clinic copy');
    if (chosen === null) return null;
    this.sync.cancelPreview();
    return this.sync.previewCopy(chosen);
  }

  /**
   * Asks for DfE's statistics files (the host's open dialog, several at once) and previews what
   * loading them for the council `la` would change, writing nothing; null when the person cancelled.
   */
  async chooseDfeFiles(la: string, host: ExportHost | undefined = this.options.exportHost) {
    const file = this.current();
    if (file.readOnly) throw new UserError(`${file.name} is open read-only, so benchmarks cannot be loaded into it.`);
    if (!host?.chooseOpenPaths)
      throw new UserError('Loading DfE statistics needs the app’s window to choose the files.');
    const chosen = await host.chooseOpenPaths('dfe');
    if (chosen === null || chosen.length === 0) return null;
    return this.benchmarks.preview(la, chosen);
  }

  /** Saves a fill-in template of the measures (.xlsx or .csv) where the host says; null when the person cancelled. */
  async exportImportTemplate(
    args: { format: TemplateFormat },
    host: ExportHost | undefined = this.options.exportHost,
  ): Promise<Saved | null> {
    const name = `${path.parse(this.current().name).name} figures template ${this.today()}.${args.format}`;
    if (!host) throw new UserError(NO_TEMPLATE_HOST);
    return saveThroughHost(
      host,
      name,
      args.format,
      () => this.imports.templateBytes(args.format),
      'Save a template to fill in with figures',
    );
  }

  private today(): string {
    return ukDate((this.options.now ?? (() => new Date()))());
  }

  private use(file: ClinicFile): FileInfo {
    this.cancelCheck();
    this.file?.close();
    this.reports.clear();
    this.spcJudgements.clear();
    this.file = file;
    // A preview describes the file it was checked against; another file needs its own.
    this.imports.cancelPreview();
    this.sync.forget();
    return this.notify();
  }

  private notify(): FileInfo {
    const info = this.fileInfo();
    for (const listener of this.listeners) listener(info);
    return info;
  }

  private current(): ClinicFile {
    if (!this.file) throw new UserError('No clinic file is open.');
    return this.file;
  }
}

const NO_EXPORT_HOST =
  'Exports are saved through the app’s save dialog; from the command line use perfclinic minutes or perfclinic actions with --out FILE.';

const NO_IMPORT_HOST =
  'Choosing a spreadsheet to import needs the app’s window; from the command line use perfclinic import --db FILE SPREADSHEET.';
const NO_COPY_HOST =
  'A copy to work offline is saved through the app’s save dialog; from the command line copy the file itself, and merge it back with perfclinic merge.';
const NO_MERGE_HOST =
  'Choosing a copy to merge back needs the app’s window; from the command line use perfclinic merge --db FILE --from COPY.';
const NO_TEMPLATE_HOST =
  'Templates are saved through the app’s save dialog; from the command line use perfclinic template --db FILE --out TEMPLATE.xlsx.';

/** The action log as the bytes of a CSV or an .xlsx file. */
export async function actionLogBytes(actions: Parameters<typeof actionLogCsv>[0], format: ActionLogFormat) {
  return format === 'csv' ? new TextEncoder().encode(actionLogCsv(actions)) : actionLogXlsx(actions);
}
