/**
 * Merging two copies of one clinic file (reliability.md rule 12): every change the target lacks
 * is copied in, and each row it touches is worked out again from all of its changes by the rules
 * in domain/merge.ts. One transaction; a dry run rolls it back.
 */
import { ClockError } from '../domain/hlc';
import {
  assignReferences,
  figureFromImports,
  foldRow,
  keptTextState,
  noteState,
  sameFigure,
  type BatchFigure,
  type ChangeRecord,
  type Figure,
  type KeptText,
  type Values,
} from '../domain/merge';
import type { ClinicDatabase, Row } from './database';
import { writeAudit } from './meetings';
import { UserError } from '../errors';
import { KEPT_TEXT_TABLES, REPLICATED_TABLES as REPLICATED, type ReplicatedTable } from './replicated';

export interface StoredChange {
  id: string;
  hlc: string;
  author: string;
  device: string;
  entity: string;
  row: string;
  field: string;
  value: string | null;
}

export interface MergeReport {
  /** Changes copied in from the other file. */
  applied: number;
  /** Changes of the other file this one already had. */
  alreadyThere: number;
  /** The display names recorded on the changes copied in, in the order first seen ('' when unnamed). */
  authors: string[];
  /** Notes both copies changed: the current text and the texts kept beside it. */
  notesKeptBothWays: Array<{ clinic: string; measure: string; current: string; currentBy: string; also: KeptText[] }>;
  /** Texts of the scrutiny report (a section, or one month's paragraph) both copies changed. */
  reportTextsKeptBothWays: Array<{
    what: { section: string } | { period: string; item: string };
    current: string;
    currentBy: string;
    also: KeptText[];
  }>;
  /** Action references changed so that no two actions share one. */
  renumbered: Array<{ from: string; to: string; description: string }>;
  /** Figures both copies imported differently: which one stands (the later import's). */
  figuresDiffered: Array<{
    measure: string;
    period: string;
    team: string;
    worker: string;
    was: Figure | null;
    now: Figure | null;
  }>;
  dryRun: boolean;
}

const BY_TABLE = new Map(REPLICATED.map((t) => [t.table, t]));
const ORDER = REPLICATED.map((t) => t.table);

function originOf(db: ClinicDatabase): string | null {
  return db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'origin'")?.value ?? null;
}

class DryRun extends Error {}

/** The row as a change records it: key and data columns, other rows named by their stable ids. */
function recordedRow(db: ClinicDatabase, t: ReplicatedTable, rowId: string): Values | null {
  const cols = t.columns.map((c) =>
    t.refs[c] ? `(SELECT uid FROM ${t.refs[c]} WHERE id = x.${c}) AS ${c}` : `x.${c}`,
  );
  const { where, params } = locate(db, t, rowId);
  if (where === null) return null;
  return db.get<Row>(`SELECT ${cols.join(', ')} FROM ${t.table} x WHERE ${where}`, params as never) ?? null;
}

/** The WHERE clause finding a row by its stable id (null: a row it names does not exist here). */
function locate(db: ClinicDatabase, t: ReplicatedTable, rowId: string): { where: string | null; params: unknown[] } {
  if (t.key === 'uid') return { where: 'uid = ?', params: [rowId] };
  const keys = JSON.parse(rowId) as unknown[];
  const params: unknown[] = [];
  for (const [i, c] of t.key.entries()) {
    const ref = t.refs[c];
    if (ref) {
      const local = db.get<{ id: number }>(`SELECT id FROM ${ref} WHERE uid = ?`, [keys[i] as string]);
      if (!local) return { where: null, params: [] };
      params.push(local.id);
    } else params.push(keys[i]);
  }
  return { where: t.key.map((c) => `${c} = ?`).join(' AND '), params };
}

function localId(db: ClinicDatabase, table: string, uid: unknown): number {
  if (uid === null || uid === undefined) return null as unknown as number;
  const row = db.get<{ id: number }>(`SELECT id FROM ${table} WHERE uid = ?`, [uid as string]);
  if (!row) throw new Error(`merge: ${table} ${String(uid)} is named but not present`);
  return row.id;
}

function toSql(t: ReplicatedTable, db: ClinicDatabase, column: string, value: unknown): string | number | null {
  const ref = t.refs[column];
  if (ref) return value === null ? null : localId(db, ref, value);
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as string | number;
}

function changesOfRow(db: ClinicDatabase, entity: string, row: string): ChangeRecord[] {
  // An import's figures (field 'rows') are put in place by applyImports, not read here.
  return db.all<ChangeRecord>(
    "SELECT id, author, field, value FROM changes WHERE entity = ? AND row = ? AND field <> 'rows' ORDER BY id",
    [entity, row],
  );
}

/** Writes a row as its changes now make it; returns the row's state before, for reports. */
function applyRow(db: ClinicDatabase, t: ReplicatedTable, rowId: string, report: MergeReport): void {
  const base = recordedRow(db, t, rowId);
  const changes = changesOfRow(db, t.table, rowId);
  const derived = new Set(t.table === 'actions' ? ['ref'] : []);
  const folded = foldRow(changes, base, derived);
  const values = folded.values;
  let exists = folded.exists;
  let note: ReturnType<typeof noteState> = null;
  if (KEPT_TEXT_TABLES.has(t.table)) {
    note = t.table === 'notes' ? noteState(changes) : keptTextState(changes);
    if (note) exists = note.exists;
  }
  const { where, params } = locate(db, t, rowId);
  if (!exists) {
    if (base && where) db.run(`DELETE FROM ${t.table} WHERE ${where}`, params as never);
    return;
  }
  // A column no change names (one added by a later schema, recorded on a row created before it)
  // keeps what the row holds, or its default on a new row.
  const columns = t.columns.filter((c) => (!derived.has(c) || !base) && values[c] !== undefined);
  const sqlValues = columns.map((c) =>
    t.table === 'actions' && c === 'ref' && !base ? `${String(values.ref)}~${rowId}` : toSql(t, db, c, values[c]),
  );
  if (note) {
    columns.push('text', 'text_change', 'also');
    sqlValues.push(note.text, note.textChange, JSON.stringify(note.also));
  }
  if (base && where) {
    db.run(`UPDATE ${t.table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${where}`, [
      ...sqlValues,
      ...params,
    ] as never);
  } else {
    const keyCols = t.key === 'uid' ? ['uid'] : [...t.key];
    const keyVals =
      t.key === 'uid'
        ? [rowId]
        : (JSON.parse(rowId) as unknown[]).map((v, i) => toSql(t, db, (t.key as string[])[i]!, v));
    const all = [...keyCols, ...columns];
    db.run(`INSERT INTO ${t.table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`, [
      ...keyVals,
      ...sqlValues,
    ] as never);
  }
  if (note && note.also.length > 0 && t.table !== 'notes') {
    const [first, second] = JSON.parse(rowId) as [string, string | undefined];
    report.reportTextsKeptBothWays.push({
      what: second === undefined ? { section: first } : { period: first, item: second },
      current: note.text ?? '',
      currentBy: note.author ?? '',
      also: note.also,
    });
  } else if (note && note.also.length > 0) {
    const [clinicUid, measure] = JSON.parse(rowId) as [string, string];
    const clinic = db.get<{ held_on: string; kind: string }>('SELECT held_on, kind FROM clinics WHERE uid = ?', [
      clinicUid,
    ]);
    report.notesKeptBothWays.push({
      clinic: clinic ? `${clinic.kind}, ${clinic.held_on}` : '',
      measure,
      current: note.text ?? '',
      currentBy: note.author ?? '',
      also: note.also,
    });
  }
}

/** Gives every action a reference no other action has (see assignReferences), recording each renumbering. */
function renumberActions(db: ClinicDatabase, at: string, report: MergeReport): void {
  const rows = db.all<{
    uid: string;
    ref: string;
    claimed: string | null;
    description: string;
    measure: string | null;
  }>(
    `SELECT a.uid, a.ref, a.description, a.measure,
            (SELECT json_extract(c.value, '$.ref') FROM changes c WHERE c.entity = 'actions' AND c.row = a.uid AND c.field = '*' ORDER BY c.id LIMIT 1) AS claimed
       FROM actions a`,
  );
  const refs = assignReferences(rows.map((r) => ({ uid: r.uid, claimed: r.claimed ?? r.ref })));
  const moving = rows.filter((r) => refs.get(r.uid) !== r.ref);
  if (moving.length === 0) return;
  // Out of the way first, so that no two actions share a reference even for a moment.
  for (const r of moving) db.run('UPDATE actions SET ref = ? WHERE uid = ?', [`~${r.uid}`, r.uid]);
  db.run('UPDATE sync_context SET applying = 0');
  for (const r of moving) {
    const to = refs.get(r.uid)!;
    // Recorded as a change (the trigger) and in the audit; reported when a number moved.
    db.run('UPDATE actions SET ref = ? WHERE uid = ?', [to, r.uid]);
    const from = r.ref.includes('~') ? r.ref.slice(0, r.ref.indexOf('~')) : r.ref;
    if (from !== to) {
      report.renumbered.push({ from, to, description: r.description });
      writeAudit(db, {
        at,
        who: 'merge',
        entity: 'action',
        entity_id: to,
        action: 'renumbered',
        before: JSON.stringify({ ref: from }),
        after: JSON.stringify({ ref: to }),
        measure: r.measure,
      });
    }
  }
  db.run('UPDATE sync_context SET applying = 1');
}

type BatchRow = [
  string,
  string,
  string,
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  // The worker (schema 13); absent from a batch recorded before it.
  string?,
];

/** Puts an import's figures (a batch, one change) into the figures, each as the imports that wrote it decide. */
function applyImports(
  db: ClinicDatabase,
  uids: Iterable<string>,
  report: MergeReport,
  incoming: Set<string>,
  { sharedOnly = false }: { sharedOnly?: boolean } = {},
): void {
  const cells = new Map<string, [string, string, string, string]>();
  for (const uid of uids) {
    const imp = db.get<{ id: number }>('SELECT id FROM imports WHERE uid = ?', [uid]);
    if (!imp) continue;
    const rows = db.get<{ value: string }>(
      "SELECT value FROM changes WHERE entity = 'imports' AND row = ? AND field = 'rows' ORDER BY id DESC LIMIT 1",
      [uid],
    );
    const have = db.get<{ n: number }>('SELECT count(*) AS n FROM import_changes WHERE import_id = ?', [imp.id])!.n;
    const batch = rows ? (JSON.parse(rows.value) as BatchRow[]) : [];
    if (have === 0 && batch.length > 0) {
      db.runMany(
        `INSERT INTO import_changes (import_id, measure, period, team, new_value, new_numerator, new_denominator,
           old_value, old_numerator, old_denominator, worker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        batch.map((r) => [imp.id, ...(r.slice(0, 9) as Array<string | number | null>), r[9] ?? '']),
      );
    }
    // sharedOnly: the figures another import also wrote (for the rest, undoing put back what it found).
    for (const r of db.all<{ measure: string; period: string; team: string; worker: string }>(
      sharedOnly
        ? `SELECT c.measure, c.period, c.team, c.worker FROM import_changes c WHERE c.import_id = ? AND EXISTS (
             SELECT 1 FROM import_changes o WHERE o.measure = c.measure AND o.period = c.period AND o.team = c.team
                AND o.worker = c.worker AND o.import_id <> c.import_id)`
        : 'SELECT measure, period, team, worker FROM import_changes WHERE import_id = ?',
      [imp.id],
    ))
      cells.set(`${r.measure}\u0000${r.period}\u0000${r.team}\u0000${r.worker}`, [
        r.measure,
        r.period,
        r.team,
        r.worker,
      ]);
  }
  for (const [measure, period, team, worker] of cells.values()) {
    const batches = db
      .all<{
        uid: string;
        undone_at: string | null;
        new_value: number;
        new_numerator: number | null;
        new_denominator: number | null;
        old_value: number | null;
        old_numerator: number | null;
        old_denominator: number | null;
      }>(
        `SELECT i.uid, i.undone_at, c.new_value, c.new_numerator, c.new_denominator, c.old_value, c.old_numerator, c.old_denominator
           FROM import_changes c JOIN imports i ON i.id = c.import_id
          WHERE c.measure = ? AND c.period = ? AND c.team = ? AND c.worker = ?`,
        [measure, period, team, worker],
      )
      .map((b): BatchFigure => ({
        importUid: b.uid,
        undone: b.undone_at !== null,
        next: { value: b.new_value, numerator: b.new_numerator, denominator: b.new_denominator },
        old:
          b.old_value === null
            ? null
            : { value: b.old_value, numerator: b.old_numerator, denominator: b.old_denominator },
      }));
    const want = figureFromImports(batches);
    if (want === undefined) continue;
    const now =
      db.get<Figure>(
        'SELECT value, numerator, denominator FROM observations WHERE measure = ? AND period = ? AND team = ? AND worker = ?',
        [measure, period, team, worker],
      ) ?? null;
    const theirs = batches.find((b) => incoming.has(b.importUid));
    if (theirs && !sameFigure(theirs.next, now))
      report.figuresDiffered.push({ measure, period, team, worker, was: now, now: want });
    if (sameFigure(want, now)) continue;
    if (want === null)
      db.run('DELETE FROM observations WHERE measure = ? AND period = ? AND team = ? AND worker = ?', [
        measure,
        period,
        team,
        worker,
      ]);
    else
      db.run(
        `INSERT INTO observations (measure, period, team, worker, value, numerator, denominator) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (measure, period, team, worker) DO UPDATE SET value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator`,
        [measure, period, team, worker, want.value, want.numerator, want.denominator],
      );
  }
}

/** Works the figures of one import out again from every import (after it was undone here). */
export function settleImportFigures(db: ClinicDatabase, importId: number): void {
  const uid = db.get<{ uid: string }>('SELECT uid FROM imports WHERE id = ?', [importId])?.uid;
  if (!uid) return;
  const report: MergeReport = emptyReport(false);
  applyImports(db, [uid], report, new Set(), { sharedOnly: true });
}

function emptyReport(dryRun: boolean): MergeReport {
  return {
    applied: 0,
    alreadyThere: 0,
    authors: [],
    notesKeptBothWays: [],
    reportTextsKeptBothWays: [],
    renumbered: [],
    figuresDiffered: [],
    dryRun,
  };
}

/**
 * Merges `source`'s changes into `target` (source is only read). Refuses copies of another file.
 * Commutative and idempotent: what each row becomes depends only on the set of changes.
 */
export function mergeFrom(
  target: ClinicDatabase,
  source: ClinicDatabase,
  options: { dryRun?: boolean; sourceName?: string; at?: string } = {},
): MergeReport {
  const name = options.sourceName ?? 'The other file';
  if (!target.recordsChanges || !source.recordsChanges) throw new Error('merge needs both files at schema 7 or later');
  const ours = originOf(target);
  const theirs = originOf(source);
  if (!ours || ours !== theirs) {
    throw new UserError(
      `${name} is not a copy of this clinic file (it began as a different file), so it cannot be merged into it. Neither file has been changed.`,
    );
  }
  const have = new Set(target.all<{ id: string }>('SELECT id FROM changes').map((r) => r.id));
  const theirIds = source.all<{ id: string }>('SELECT id FROM changes ORDER BY id').map((r) => r.id);
  const missing = theirIds.filter((id) => !have.has(id));
  const wanted = new Set(missing);
  const incoming =
    missing.length === 0
      ? []
      : source
          .all<StoredChange>(
            'SELECT id, hlc, author, device, entity, row, field, value FROM changes WHERE id >= ? ORDER BY id',
            [missing[0]!],
          )
          .filter((c) => wanted.has(c.id));
  const report = applyIncoming(target, incoming, { ...options, sourceName: name });
  report.alreadyThere = theirIds.length - missing.length;
  return report;
}

/**
 * Merges changes kept apart from any file (a writer's journal, replayed after a crash into a
 * file others have saved since) into `target`: those it already holds are skipped, the rest are
 * applied as mergeFrom applies another copy's. The changes must come from a copy of this file.
 */
export function mergeChanges(
  target: ClinicDatabase,
  changes: readonly StoredChange[],
  options: { dryRun?: boolean; sourceName?: string; at?: string } = {},
): MergeReport {
  if (!target.recordsChanges) throw new Error('merge needs a file at schema 7 or later');
  const have = new Set(target.all<{ id: string }>('SELECT id FROM changes').map((r) => r.id));
  const seen = new Set<string>();
  const incoming = [...changes]
    .filter((c) => !have.has(c.id) && !seen.has(c.id) && seen.add(c.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const report = applyIncoming(target, incoming, { ...options, sourceName: options.sourceName ?? 'The changes' });
  report.alreadyThere = changes.length - incoming.length;
  return report;
}

/** Applies changes `target` lacks (sorted by id), working out again every row they touch. */
function applyIncoming(
  target: ClinicDatabase,
  incoming: readonly StoredChange[],
  options: { dryRun?: boolean; sourceName: string; at?: string },
): MergeReport {
  const name = options.sourceName;
  const report = emptyReport(options.dryRun ?? false);
  report.applied = incoming.length;
  if (incoming.length === 0) return report;
  report.authors = [...new Set(incoming.map((c) => c.author))];
  try {
    target.changeSource.clock.observe(incoming.at(-1)!.id, true);
  } catch (error) {
    if (error instanceof ClockError)
      throw new UserError(`${name} cannot be merged: ${error.message}. Neither file has been changed.`);
    throw error;
  }
  const at = options.at ?? new Date().toISOString();
  try {
    target.transaction(() => {
      target.run('UPDATE sync_context SET applying = 1');
      target.runMany(
        'INSERT INTO changes (id, hlc, author, device, entity, row, field, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        incoming.map((c) => [c.id, c.hlc, c.author, c.device, c.entity, c.row, c.field, c.value]),
      );
      const touched = new Map<string, Set<string>>();
      for (const c of incoming) {
        if (!BY_TABLE.has(c.entity)) continue;
        let rows = touched.get(c.entity);
        if (!rows) touched.set(c.entity, (rows = new Set()));
        rows.add(c.row);
      }
      for (const table of ORDER) {
        const t = BY_TABLE.get(table)!;
        for (const rowId of [...(touched.get(table) ?? [])].sort()) applyRow(target, t, rowId, report);
      }
      if (touched.has('actions')) renumberActions(target, at, report);
      if (touched.has('imports')) {
        const batches = new Set(incoming.filter((c) => c.entity === 'imports' && c.field === '*').map((c) => c.row));
        applyImports(target, touched.get('imports')!, report, batches);
      }
      target.run('UPDATE sync_context SET applying = 0');
      if (options.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return report;
}

/** Every change, oldest first, or those since a date. */
export function listChanges(db: ClinicDatabase, since?: string): StoredChange[] {
  return since
    ? db.all<StoredChange>('SELECT * FROM changes WHERE hlc >= ? ORDER BY id', [since])
    : db.all<StoredChange>('SELECT * FROM changes ORDER BY id');
}

/**
 * The replicated state of a file, written the same way on every copy that holds the same changes:
 * every replicated table's rows by stable id (no local integer ids), and every figure, sorted.
 */
export function canonicalDump(db: ClinicDatabase): string {
  const out: Record<string, unknown[]> = {};
  for (const t of REPLICATED) {
    const cols = t.columns.map((c) =>
      t.refs[c] ? `(SELECT uid FROM ${t.refs[c]} WHERE id = x.${c}) AS ${c}` : `x.${c}`,
    );
    const keys =
      t.key === 'uid'
        ? ['x.uid AS _id']
        : [
            `json_array(${t.key.map((c) => (t.refs[c] ? `(SELECT uid FROM ${t.refs[c]} WHERE id = x.${c})` : `x.${c}`)).join(', ')}) AS _id`,
          ];
    const extra = KEPT_TEXT_TABLES.has(t.table) ? ['x.text', 'x.also'] : [];
    out[t.table] = db
      .all<Row>(`SELECT ${[...keys, ...cols, ...extra].join(', ')} FROM ${t.table} x`)
      .sort((a, b) => (String(a._id) < String(b._id) ? -1 : 1));
  }
  out.observations = db.all('SELECT * FROM observations ORDER BY measure, period, team, worker');
  return JSON.stringify(out, null, 1);
}

/** A note with the texts a merge kept beside it (none when only one copy changed it). */
export interface NoteWithAlternatives {
  clinic_id: number;
  measure: string;
  text: string;
  version: number;
  updated_by: string;
  also: KeptText[];
}

export function noteWithAlternatives(
  db: ClinicDatabase,
  clinicId: number,
  measure: string,
): NoteWithAlternatives | null {
  const row = db.get<Omit<NoteWithAlternatives, 'also'> & { also: string }>(
    'SELECT clinic_id, measure, text, version, updated_by, also FROM notes WHERE clinic_id = ? AND measure = ?',
    [clinicId, measure],
  );
  return row ? { ...row, also: JSON.parse(row.also) as KeptText[] } : null;
}

/** The text kept when a note's texts are settled; the texts beside it are put away. */
export function settleNoteText(
  db: ClinicDatabase,
  clinicId: number,
  measure: string,
  settled: { text: string; at: string; who: string },
): void {
  db.run(
    `UPDATE notes SET text = ?, also = '[]', version = version + 1, updated_at = ?, updated_by = ?
      WHERE clinic_id = ? AND measure = ?`,
    [settled.text, settled.at, settled.who, clinicId, measure],
  );
}
