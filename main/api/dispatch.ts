/**
 * Turns a call from outside (the window over IPC, or a test's binding) into a call on the
 * application API: the name must be in the contract, the argument must match its schema, and
 * the answer is always a Result with an error a person can read.
 */
import { callNames, contract, type CallArgs, type CallName, type CallResult, type Result } from '../contract';
import { UserError } from '../errors';
import type { ClinicApp } from './clinic-app';

export type Handlers = { [K in CallName]: (args: CallArgs<K>) => CallResult<K> | Promise<CallResult<K>> };

export function handlersFor(app: ClinicApp): Handlers {
  return {
    getFileInfo: () => app.fileInfo(),
    listPeriods: () => app.periods(),
    // A month with no figures to compare with is shown as such in the window, not refused.
    getReport: (args) => app.report(args, { requireCompare: false }),
    getHeadlines: (args) => app.headlines(args),
    getExceptions: (args) => app.exceptions(args),
    listTeams: () => app.teams(),
    getMeasureDetail: (args) => app.measureDetail(args),

    getPreferences: () => app.preferences(),
    setPreferences: (args) => app.setPreferences(args),

    listClinics: () => app.meetings.listClinics(),
    createClinic: (args) => app.meetings.createClinic(args),
    updateClinic: ({ id, ...input }) => app.meetings.updateClinic(id, input),
    setClinicFinal: (args) => app.meetings.setFinal(args.id, args.final, args.reason),
    getClinicView: (args) => app.meetings.getClinicView(args.id, args.team),
    saveAgenda: (args) => app.meetings.saveAgenda(args.clinicId, args.order),
    setDiscussed: (args) => app.meetings.setDiscussed(args.clinicId, args.measure, args.discussed),

    saveNote: (args) => app.meetings.saveNote(args.clinicId, args.measure, args.text, args.baseVersion),
    deleteNote: (args) => {
      app.meetings.deleteNote(args.clinicId, args.measure, args.baseVersion);
      return null;
    },
    getMeasureNotes: (args) => app.meetings.measureNotes(args.measure),
    resolveNote: (args) => app.sync.resolveNote(args.clinicId, args.measure, args.text, args.baseVersion),

    raiseAction: (args) => app.meetings.raiseAction(args),
    updateAction: (args) => app.meetings.updateAction(args),
    editAction: (args) => app.meetings.editAction(args),
    deleteAction: (args) => {
      app.meetings.deleteAction(args.actionId, args.reason);
      return null;
    },
    listActions: (args) => app.meetings.listActions(args),
    getAudit: (args) => app.meetings.auditTrail(args.measure ?? null, args.limit),

    listCatalogue: (args) => app.catalogue.list(args),
    listAreas: () => app.catalogue.areas(),
    updateMeasure: (args) => app.catalogue.update(args.key, args.changes),
    addMeasure: (args) => app.catalogue.add(args),
    retireMeasure: (args) => app.catalogue.retire(args.key, args.reason),
    reinstateMeasure: (args) => app.catalogue.reinstate(args.key),
    setMeasureTarget: (args) => app.catalogue.setTarget(args.key, args.target, args.appliesFrom),
    removeMeasureTarget: (args) => app.catalogue.removeTarget(args.key, args.appliesFrom),

    exportMinutes: (args) => app.exportMinutes(args),
    exportActionLog: (args) => app.exportActionLog(args),

    getTeamSplit: (args) => app.catalogue.teamSplit(args.key, args.period),
    setSpcOptions: ({ key, ...options }) => app.spc.setOptions(key, options),
    rebaseSpc: (args) => app.spc.rebase(args.key, args.period, args.reason),
    removeSpcRebase: (args) => app.spc.removeRebase(args.key, args.period),
    addAnnotation: (args) => app.spc.annotate(args.key, args.period, args.text),
    removeAnnotation: (args) => {
      app.spc.removeAnnotation(args.id);
      return null;
    },
    addCaveat: ({ key, ...input }) => app.caveats.add(key, input),
    updateCaveat: ({ id, ...input }) => app.caveats.update(id, input),
    removeCaveat: (args) => {
      app.caveats.remove(args.id);
      return null;
    },
    getFileSettings: () => app.settings.get(),
    getDrilldown: (args) => app.drilldown.view(args),
    listDrilldownMeasures: () => app.drilldown.measures(),
    setFileSettings: (args) => app.settings.set(args),
    chooseImportFile: () => app.chooseImportFile(),
    recheckImport: () => app.imports.previewAgain(),
    confirmImport: (args) => app.imports.importPreviewed(args.sha256),
    cancelImport: () => {
      app.imports.cancelPreview();
      return null;
    },
    undoLastImport: (args) => app.imports.undoLast(args.importId),
    listImports: () => app.imports.list(),
    exportImportTemplate: (args) => app.exportImportTemplate(args),

    getReportDocument: (args) => app.scrutiny.document(args),
    saveReportParagraph: (args) => app.scrutiny.saveParagraph(args),
    restoreReportParagraph: (args) => app.scrutiny.restoreDraft(args),
    settleReportParagraph: (args) => app.scrutiny.settleParagraph(args),
    settleReportSection: (args) => app.scrutiny.settleSection(args),
    saveReportSection: (args) => app.scrutiny.saveSection(args),
    removeReportSection: (args) => app.scrutiny.removeSection(args.key),
    exportReportDocument: (args) => app.exportReportDocument(args),
    getSyncStatus: () => app.syncStatus(),
    takeOfflineCopy: () => app.takeOfflineCopy(),
    chooseMergeCopy: () => app.chooseMergeCopy(),
    confirmMergeCopy: (args) => app.sync.mergePreviewed(args.sha256),
    cancelMergeCopy: () => {
      app.sync.cancelPreview();
      return null;
    },
    chooseDfeFiles: (args) => app.chooseDfeFiles(args.la),
    confirmDfeLoad: () => app.benchmarks.confirm(),
    cancelDfeLoad: () => {
      app.benchmarks.cancel();
      return null;
    },
    undoDfeLoad: () => app.benchmarks.undoLast(),
    getDfeStatus: () => app.benchmarks.status(),
    setNeighbourSummary: (args) => {
      app.benchmarks.setNeighbourSummary(args.summary);
      return app.benchmarks.status();
    },
    getMeasureBenchmarks: (args) => app.benchmarks.forMeasure(args.key, args.period),
    listDfeMappings: () => app.benchmarks.mappings(),
    setDfeMapping: (args) => app.benchmarks.setMapping(args),
    removeDfeMapping: (args) => app.benchmarks.removeMapping(args.measure),
  };
}

function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** Checks at start-up that every call in the contract has exactly one handler and no handler is extra. */
export function checkHandlers(handlers: Record<string, unknown>): void {
  const missing = callNames.filter((name) => typeof handlers[name] !== 'function');
  const extra = Object.keys(handlers).filter((name) => !isCallName(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `IPC handlers do not match the contract: missing [${missing.join(', ')}], extra [${extra.join(', ')}]`,
    );
  }
}

export type Dispatch = (name: unknown, args: unknown) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, onUnexpected: (error: unknown) => void = console.error): Dispatch {
  checkHandlers(handlers);
  return async (name, args) => {
    if (!isCallName(name)) return { ok: false, error: 'The app asked for something it does not know how to do.' };
    // A call with no argument at all means an empty one; null, a number or a string is refused.
    const parsed = contract[name].args.safeParse(args === undefined ? {} : args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
      return { ok: false, error: `The request was not valid${where}: ${issue?.message ?? 'unexpected value'}.` };
    }
    try {
      const handler = handlers[name] as (a: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof UserError) return { ok: false, error: error.message };
      onUnexpected(error);
      return { ok: false, error: `Something went wrong: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
}
