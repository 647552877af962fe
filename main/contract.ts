/**
 * The one contract between the window and the application. Every call the renderer may make is
 * named here with the runtime schema of its argument and the type of its result. The preload, the
 * main-side registration and the renderer's types all derive from this file; the names alone are in
 * contract-names.ts, which the sandboxed preload bundles without zod.
 */
import type { ExceptionsReport } from './domain/exceptions';
import { z } from 'zod';
import type {
  ActionLogEntry,
  AgendaItem,
  AuditEntry,
  Caveat,
  Clinic,
  ClinicSummary,
  Note,
  Period,
  ServiceArea,
} from './domain/types';
import type { ClinicReport, ClinicView, HeadlinesView, MeasureDetail } from './domain/views';
import type { CatalogueMeasure, TeamFigure } from './domain/catalogue';
import type { Annotation, SpcSettings } from './domain/spc';
import type { ImportPreview, ImportRecord, ImportResult, UndoResult } from './import/results';
import type { KeptText } from './domain/merge';
import { MAX_HEADLINES, type FileSettings } from './domain/file-settings';
import type { DrilldownView } from './domain/drilldown';
import type { MergePreview, MergeReport, NoteWithAlternatives } from './api/sync';
import type { CallName } from './contract-names';
import type { FixedSection, ReportParagraph, ScrutinyDocument } from './domain/scrutiny/document';
import type {
  BenchmarkView,
  DfeMappingInUse,
  DfeStatus,
  LoadResult as DfeLoadResult,
  UndoLoadResult as UndoDfeLoadResult,
} from './api/dfe-benchmarks';

export type { ActionLogEntry, ClinicView, FixedSection, ReportParagraph, ScrutinyDocument };
export { callNames, channelOf, eventNames, type CallName, type EventName } from './contract-names';
export type { ImportPreview, ImportRecord, ImportResult, UndoResult };
export type { KeptText, MergePreview, MergeReport, NoteWithAlternatives };
export type { BenchmarkView, DfeLoadResult, DfeMappingInUse, DfeStatus, UndoDfeLoadResult };

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a period is written YYYY-MM');
const measureKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9_]+$/, 'a measure key is lower-case letters, digits and underscores');

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A team as the imported figures name it (observations allow 200 characters). */
const teamName = z.string().min(1).max(200);
/** Generous limits at the edge against absurd input; the friendly limits live in the domain. */
const text = (max: number) => z.string().max(max);
/** A caveat is named by the change that created it (or a random id for one made before changes were recorded). */
const caveatId = z.string().min(1).max(100);
const isoDate = z.string().max(40);
const actionStatus = z.enum(['open', 'in_progress', 'done', 'dropped']);
const clinicInput = {
  held_on: isoDate,
  kind: text(1000),
  scope: z.array(measureKey).max(100),
  chair: text(500),
  attendees: z.array(text(500)).max(200),
  apologies: z.array(text(500)).max(200),
  period: period.optional(),
  compare: period.optional(),
};

/** A figure in a measure's own unit (target, benchmark); the domain says whether it makes sense. */
const figure = z.number();
/** The fields of a measure as the catalogue edits them; the friendly checks are the domain's. */
const measureFields = z.strictObject({
  title: text(10_000),
  definition: text(100_000),
  area: text(1000),
  unit: z.enum(['percent', 'count', 'points', 'rate_10k']),
  polarity: z.enum(['higher_is_better', 'lower_is_better', 'none']),
  frequency: z.enum(['monthly', 'quarterly', 'academic_ytd', 'financial_ytd']),
  tolerance: figure,
  benchmarks: z.strictObject({
    national: figure.nullable(),
    regional: figure.nullable(),
    statistical_neighbours: figure.nullable(),
  }),
  benchmark_years: z.strictObject({
    national: z.number().nullable(),
    regional: z.number().nullable(),
    statistical_neighbours: z.number().nullable(),
  }),
  numerator_label: text(10_000),
  denominator_label: text(10_000),
  data_source: text(10_000),
  part_of: z.string().max(100).nullable().optional(),
});
/** Which month, compared with which, and which measures the scrutiny report covers. */
const reportChoice = {
  period: period.optional(),
  compare: period.optional(),
  areas: z.array(text(1000)).max(1000).optional(),
  measures: z.array(measureKey).max(5000).optional(),
  marking: text(1000).optional(),
};
/** A paragraph of one month's report: a measure's key, or `area:<key>` for an area drafted with a table. */
const reportItem = text(1000);

/** A month a target applies from; the domain explains a badly written one. */
const appliesFrom = text(40);

export interface Preferences {
  /** Stamped on every note, action and update this person makes. */
  displayName: string;
  /** The team a team manager looks at (every page shows its figures); null for the whole service. */
  team: string | null;
}

/** A note with its clinic, and the texts a merge kept beside it ("Also written by … at …"). */
export type NoteWithClinic = Note & { held_on: string; kind: string; also: KeptText[] };

/** Messages the shell's menu sends the window: File > Take a copy…, File > Merge a copy back…. */
export type MenuCommand = 'takeOfflineCopy' | 'mergeCopy';

export interface FileInfo {
  /** Full path of the open clinic file. */
  path: string;
  /** File name only, for the title bar. */
  name: string;
  /** Opened only to read (reports); several people can have a shared file open for editing at once. */
  readOnly: boolean;
  /** Things the person should be told about opening the file (recovered changes, say). */
  notices: string[];
}

/** Someone else who has the clinic file open now (their presence beside the file is fresh). */
export interface PresentPerson {
  /** Their display name. */
  name: string;
  /** The computer they are on. */
  host: string;
  /** ISO time they opened the file. */
  since: string;
}

/**
 * Working together on a shared file, for the window's banner and notices. The window polls it
 * (and asks again after every save); every field is what the person should be told now.
 */
export interface SyncStatus {
  /** Other people with the file open, not counting this window. */
  others: PresentPerson[];
  /** The last save or refresh that brought in other people's changes: their authors' display names and when (ISO). */
  merged: { authors: string[]; at: string } | null;
  /** The shared file could not be reached at the last save: `pending` changes are confirmed on this computer, waiting to be merged. */
  offline: { pending: number } | null;
}

/** Where an export was saved, or null when the person cancelled the save dialog or chose not to replace a file. */
export type ExportResult = { path: string } | null;

export interface PeriodList {
  /** Every period that has at least one figure, newest first. */
  periods: Period[];
  latest: Period | null;
}

/** A call's argument schema, with its result type carried along for the type checker only. */
interface Call<A extends z.ZodType, R> {
  args: A;
  /** Never set at run time: it only carries the result type. */
  result?: R;
}

function call<R>() {
  return <A extends z.ZodType>(args: A): Call<A, R> => ({ args });
}

export const contract = {
  getFileInfo: call<FileInfo>()(z.strictObject({})),
  listPeriods: call<PeriodList>()(z.strictObject({})),
  /** The comparison; with a `team`, that team's figures (a measure without any shows no figure). */
  getReport: call<ClinicReport>()(
    z.strictObject({ period: period.optional(), compare: period.optional(), team: teamName.optional() }),
  ),
  /** The headline tiles: the measures the file's setting chooses, with their last 13 months. */
  getHeadlines: call<HeadlinesView>()(z.strictObject({ period: period.optional(), team: teamName.optional() })),
  /** Every team in the file's figures or owning an action, alphabetical: a team manager's view, an action's team. */
  listTeams: call<string[]>()(z.strictObject({})),
  /** With a `team`, that team's figures and chart, and the whole service's figures beside them. */
  getMeasureDetail: call<MeasureDetail>()(
    z.strictObject({ key: measureKey, period: period.optional(), team: teamName.optional() }),
  ),
  /** The exception report: the whole service and each team, or one team; the latest period unless told. */
  getExceptions: call<ExceptionsReport>()(z.strictObject({ period: period.optional(), team: text(200).optional() })),

  getPreferences: call<Preferences>()(z.strictObject({})),
  /** Without `team`, the team chosen stays as it was. */
  setPreferences: call<Preferences>()(z.strictObject({ displayName: text(200), team: teamName.nullable().optional() })),

  listClinics: call<ClinicSummary[]>()(z.strictObject({})),
  createClinic: call<Clinic>()(z.strictObject(clinicInput)),
  updateClinic: call<Clinic>()(z.strictObject({ id, ...clinicInput })),
  setClinicFinal: call<Clinic>()(z.strictObject({ id, final: z.boolean(), reason: text(5000) })),
  getClinicView: call<ClinicView>()(z.strictObject({ id, team: teamName.optional() })),
  saveAgenda: call<AgendaItem[]>()(z.strictObject({ clinicId: id, order: z.array(measureKey).max(5000) })),
  setDiscussed: call<AgendaItem[]>()(z.strictObject({ clinicId: id, measure: measureKey, discussed: z.boolean() })),

  saveNote: call<Note>()(
    z.strictObject({ clinicId: id, measure: measureKey, text: text(1_000_000), baseVersion: z.number().int().min(0) }),
  ),
  deleteNote: call<null>()(z.strictObject({ clinicId: id, measure: measureKey, baseVersion: z.number().int().min(0) })),
  getMeasureNotes: call<NoteWithClinic[]>()(z.strictObject({ measure: measureKey })),
  /** Settles a note a merge kept both ways: `text` is the one kept (either, or both combined). */
  resolveNote: call<NoteWithAlternatives>()(
    z.strictObject({ clinicId: id, measure: measureKey, text: text(1_000_000), baseVersion: z.number().int().min(0) }),
  ),

  raiseAction: call<ActionLogEntry>()(
    z.strictObject({
      clinicId: id,
      measure: measureKey.nullable(),
      description: text(100_000),
      owner: text(10_000),
      team: text(10_000).optional(),
      dueOn: isoDate,
    }),
  ),
  updateAction: call<ActionLogEntry>()(
    z.strictObject({ actionId: id, clinicId: id.nullable(), text: text(100_000), status: actionStatus }),
  ),
  editAction: call<ActionLogEntry>()(
    z.strictObject({
      actionId: id,
      description: text(100_000),
      owner: text(10_000),
      team: text(10_000).optional(),
      dueOn: isoDate,
    }),
  ),
  deleteAction: call<null>()(z.strictObject({ actionId: id, reason: text(5000) })),
  listActions: call<ActionLogEntry[]>()(
    z.strictObject({
      status: z.array(actionStatus).max(4).optional(),
      owner: text(200).optional(),
      team: text(200).optional(),
      measure: measureKey.optional(),
      clinicId: id.optional(),
      overdue: z.boolean().optional(),
    }),
  ),
  getAudit: call<AuditEntry[]>()(
    z.strictObject({ measure: measureKey.optional(), limit: z.number().int().min(1).max(1000).optional() }),
  ),

  listCatalogue: call<CatalogueMeasure[]>()(z.strictObject({ includeRetired: z.boolean().optional() })),
  listAreas: call<ServiceArea[]>()(z.strictObject({})),
  updateMeasure: call<CatalogueMeasure>()(z.strictObject({ key: measureKey, changes: measureFields.partial() })),
  /** The key is checked by the domain, which says in words what a key may be. */
  addMeasure: call<CatalogueMeasure>()(
    z.strictObject({
      key: text(1000),
      fields: measureFields,
      target: z.strictObject({ target: figure, appliesFrom }).optional(),
    }),
  ),
  retireMeasure: call<CatalogueMeasure>()(z.strictObject({ key: measureKey, reason: text(5000) })),
  reinstateMeasure: call<CatalogueMeasure>()(z.strictObject({ key: measureKey })),
  /** A target from a month on (null: no target from then); earlier months keep theirs. */
  setMeasureTarget: call<CatalogueMeasure>()(
    z.strictObject({ key: measureKey, target: figure.nullable(), appliesFrom }),
  ),
  removeMeasureTarget: call<CatalogueMeasure>()(z.strictObject({ key: measureKey, appliesFrom })),

  /** Asks where to save (and before replacing a file), then writes the minutes. Null: the person cancelled. */
  exportMinutes: call<ExportResult>()(
    z.strictObject({
      clinicId: id,
      format: z.enum(['pdf', 'docx', 'html']),
      protectiveMarking: text(100).optional(),
    }),
  ),
  /** The whole action log as CSV or Excel, saved where the person chooses. Null: the person cancelled. */
  exportActionLog: call<ExportResult>()(z.strictObject({ format: z.enum(['csv', 'xlsx']) })),

  /** Each team's figure for a measure in a period, the whole service first; empty when there is no split. */
  getTeamSplit: call<TeamFigure[]>()(z.strictObject({ key: measureKey, period })),
  /** A measure's SPC options: limits fixed on the first 12-20 points (or all), screening, shift of 6 or 7. */
  setSpcOptions: call<SpcSettings>()(
    z.strictObject({
      key: measureKey,
      baseline: z.number().int().min(0).max(1000).nullable(),
      screening: z.boolean(),
      shiftLength: z.union([z.literal(6), z.literal(7)]),
    }),
  ),
  /** New limits from a period on, for the reason given (required). */
  rebaseSpc: call<SpcSettings>()(z.strictObject({ key: measureKey, period, reason: text(5000) })),
  removeSpcRebase: call<SpcSettings>()(z.strictObject({ key: measureKey, period })),
  addAnnotation: call<Annotation>()(z.strictObject({ key: measureKey, period, text: text(5000) })),
  removeAnnotation: call<null>()(z.strictObject({ id })),
  /** Data-quality caveats on a measure's figures, from one month to another (to: null, until further notice). */
  addCaveat: call<Caveat>()(z.strictObject({ key: measureKey, text: text(5000), from: period, to: period.nullable() })),
  updateCaveat: call<Caveat>()(z.strictObject({ id: caveatId, text: text(5000), from: period, to: period.nullable() })),
  removeCaveat: call<null>()(z.strictObject({ id: caveatId })),

  /** Settings kept in the clinic file for everyone (main/domain/file-settings.ts checks the values). */
  getFileSettings: call<FileSettings>()(z.strictObject({})),
  /** The measures with figures by team: those the window offers to drill into. */
  listDrilldownMeasures: call<string[]>()(z.strictObject({})),
  /** A measure by team and worker (issue 17); worker rows carry initials and a key, never a name. */
  getDrilldown: call<DrilldownView>()(
    z.strictObject({
      measure: measureKey,
      period: period.optional(),
      team: z.string().max(200).optional(),
      worker: z
        .string()
        .regex(/^\d{1,6}$/)
        .optional(),
    }),
  ),
  setFileSettings: call<FileSettings>()(
    z.strictObject({
      headlineMeasures: z.array(measureKey).max(MAX_HEADLINES).nullable().optional(),
      workerNames: z.enum(['initials', 'hidden']).optional(),
      forPublication: z.boolean().optional(),
    }),
  ),
  // Importing figures. The window never names a file: the app asks the person with the system's
  // open dialog, previews what they chose and remembers it; confirming imports that file, and only
  // if its content is still what the preview showed (`sha256`).
  /** Asks for a spreadsheet and previews it, writing nothing. Null: the person cancelled. */
  chooseImportFile: call<ImportPreview | null>()(z.strictObject({})),
  /** Reads the previewed spreadsheet again, after the person has fixed it. */
  recheckImport: call<ImportPreview>()(z.strictObject({})),
  confirmImport: call<ImportResult>()(
    z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a file is named by its SHA-256 hash') }),
  ),
  /** Forgets the previewed file; nothing had been written. */
  cancelImport: call<null>()(z.strictObject({})),
  /** Undoes the most recent import, which must be this one. */
  undoLastImport: call<UndoResult>()(z.strictObject({ importId: id })),
  listImports: call<ImportRecord[]>()(z.strictObject({})),
  /** A fill-in template of the measures, saved where the person chooses. Null: the person cancelled. */
  exportImportTemplate: call<ExportResult>()(z.strictObject({ format: z.enum(['xlsx', 'csv']) })),
  // The monthly performance report for scrutiny (issue 15).
  getReportDocument: call<ScrutinyDocument>()(z.strictObject(reportChoice)),
  /** Keeps the officer's text of one paragraph for its month; the API says when it is too long. */
  saveReportParagraph: call<ReportParagraph>()(
    z.strictObject({ period, compare: period.optional(), item: reportItem, text: text(1_000_000) }),
  ),
  restoreReportParagraph: call<ReportParagraph>()(
    z.strictObject({ period, compare: period.optional(), item: reportItem }),
  ),
  /** Keeps one of the texts a merge kept for a paragraph (either, or both combined); `textVersion` is the text chosen against. */
  settleReportParagraph: call<ReportParagraph>()(
    z.strictObject({
      period,
      compare: period.optional(),
      item: reportItem,
      text: text(1_000_000),
      textVersion: text(200).nullable(),
    }),
  ),
  settleReportSection: call<FixedSection[]>()(
    z.strictObject({ key: text(200), text: text(1_000_000), textVersion: text(200).nullable() }),
  ),
  /** Writes a fixed section; without a key, adds a closing section. */
  saveReportSection: call<FixedSection[]>()(
    z.strictObject({ key: text(200).optional(), title: text(10_000), text: text(1_000_000) }),
  ),
  removeReportSection: call<FixedSection[]>()(z.strictObject({ key: text(200) })),
  /** Asks where to save (and before replacing a file), then writes the report. Null: the person cancelled. */
  exportReportDocument: call<ExportResult>()(
    z.strictObject({ ...reportChoice, format: z.enum(['docx', 'pdf', 'html', 'md']) }),
  ),
  /** Who else has the file open, others' changes just merged in, and changes waiting while offline. */
  getSyncStatus: call<SyncStatus>()(z.strictObject({})),
  // Working together. As with imports, the window never names a file: the app asks the person.
  /** Saves a copy of the open file where the person chooses and opens it. Null: the person cancelled. */
  takeOfflineCopy: call<ExportResult>()(z.strictObject({})),
  /** Asks for a copy of this clinic file and previews merging it, writing nothing. Null: cancelled. */
  chooseMergeCopy: call<MergePreview | null>()(z.strictObject({})),
  confirmMergeCopy: call<MergeReport>()(
    z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a file is named by its SHA-256 hash') }),
  ),
  /** Forgets the previewed copy; nothing had been written. */
  cancelMergeCopy: call<null>()(z.strictObject({})),
  // Benchmarks from DfE's published statistics: like an import, a preview of the files the person
  // chose (the shell's open dialog), nothing written until confirmed, and undo of the last load.
  /** Asks for DfE's CSVs (and the neighbour model) and previews what would change. Null: cancelled. */
  chooseDfeFiles: call<DfeLoadResult | null>()(z.strictObject({ la: text(40) })),
  confirmDfeLoad: call<DfeLoadResult>()(z.strictObject({})),
  cancelDfeLoad: call<null>()(z.strictObject({})),
  undoDfeLoad: call<UndoDfeLoadResult>()(z.strictObject({})),
  getDfeStatus: call<DfeStatus>()(z.strictObject({})),
  /** Whether clinics show the neighbours' mean (as LAIT did) or median (as DfE's dashboard does). */
  setNeighbourSummary: call<DfeStatus>()(z.strictObject({ summary: z.enum(['mean', 'median']) })),
  getMeasureBenchmarks: call<BenchmarkView>()(z.strictObject({ key: measureKey, period })),
  /** The mappings from DfE columns to measures: shipped with the app, and the council's own. */
  listDfeMappings: call<DfeMappingInUse[]>()(z.strictObject({})),
  setDfeMapping: call<DfeMappingInUse[]>()(
    z.strictObject({
      measure: measureKey,
      column: text(200),
      filters: z.record(text(200), text(1000)),
      match: z.enum(['exact', 'nearest']),
      note: text(5000),
    }),
  ),
  removeDfeMapping: call<DfeMappingInUse[]>()(z.strictObject({ measure: measureKey })),
  // contract-names.ts lists the same calls for the zod-free preload: `satisfies` refuses a listed name
  // without a schema here, and a schema whose name is not listed (an excess property).
} as const satisfies Record<CallName, Call<z.ZodType, unknown>>;

export type CallArgs<K extends CallName> = z.infer<(typeof contract)[K]['args']>;
export type CallResult<K extends CallName> = Exclude<(typeof contract)[K]['result'], undefined>;

/** What crosses the process boundary: the value, or an error a person can read. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** The object the preload puts on `window.clinic`: one named async function per call. */
export type ClinicApi = { [K in CallName]: (args: CallArgs<K>) => Promise<Result<CallResult<K>>> };

/** Subscriptions the preload adds beside the calls; listeners get the payload, never the IPC event. */
export interface ClinicEvents {
  onFileChanged(listener: (info: FileInfo) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export type WindowClinic = ClinicApi & ClinicEvents;
