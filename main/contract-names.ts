/**
 * The names of the calls the window may make and of the events it receives, and the IPC channel
 * each travels on. Kept apart from contract.ts, and free of zod and of any other import, because
 * the sandboxed preload needs only these names: everything it bundles must run without Node.
 * contract.ts checks at compile time that its schemas cover exactly these names.
 */
export const callNames = [
  'getFileInfo',
  'listPeriods',
  'getReport',
  'getHeadlines',
  'listTeams',
  'getMeasureDetail',
  'getExceptions',
  'getPreferences',
  'setPreferences',
  'listClinics',
  'createClinic',
  'updateClinic',
  'setClinicFinal',
  'getClinicView',
  'saveAgenda',
  'setDiscussed',
  'saveNote',
  'deleteNote',
  'getMeasureNotes',
  'resolveNote',
  'raiseAction',
  'updateAction',
  'editAction',
  'deleteAction',
  'listActions',
  'getAudit',
  'listCatalogue',
  'listAreas',
  'updateMeasure',
  'addMeasure',
  'retireMeasure',
  'reinstateMeasure',
  'setMeasureTarget',
  'removeMeasureTarget',
  'exportMinutes',
  'exportActionLog',
  'getTeamSplit',
  'setSpcOptions',
  'rebaseSpc',
  'removeSpcRebase',
  'addAnnotation',
  'removeAnnotation',
  'addCaveat',
  'updateCaveat',
  'removeCaveat',
  'getFileSettings',
  'getDrilldown',
  'listDrilldownMeasures',
  'setFileSettings',
  'chooseImportFile',
  'recheckImport',
  'confirmImport',
  'cancelImport',
  'undoLastImport',
  'listImports',
  'exportImportTemplate',
  'getReportDocument',
  'saveReportParagraph',
  'restoreReportParagraph',
  'settleReportParagraph',
  'settleReportSection',
  'saveReportSection',
  'removeReportSection',
  'exportReportDocument',
  'getSyncStatus',
  'takeOfflineCopy',
  'chooseMergeCopy',
  'confirmMergeCopy',
  'cancelMergeCopy',
  'chooseDfeFiles',
  'confirmDfeLoad',
  'cancelDfeLoad',
  'undoDfeLoad',
  'getDfeStatus',
  'setNeighbourSummary',
  'getMeasureBenchmarks',
  'listDfeMappings',
  'setDfeMapping',
  'removeDfeMapping',
] as const;

export type CallName = (typeof callNames)[number];

/** Events the application sends to the window. */
export const eventNames = ['fileChanged', 'menuCommand'] as const;
export type EventName = (typeof eventNames)[number];

/** The IPC channel a call or an event travels on. */
export function channelOf(name: string): string {
  return `clinic:${name}`;
}
