/** Queries for clinics (the meetings), their agenda, notes, actions, updates and the audit trail. */
import type { ClinicDatabase } from './database';
import type { KeptText } from '../domain/merge';
import type {
  Action,
  ActionStatus,
  ActionUpdate,
  AgendaItem,
  AuditEntry,
  Clinic,
  ClinicStatus,
  ClinicSummary,
  Note,
} from '../domain/types';

interface ClinicRow extends ClinicSummary {
  scope: string;
  attendees: string;
  apologies: string;
}

function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function toClinic(row: ClinicRow): Clinic {
  return {
    ...row,
    scope: parseList(row.scope),
    attendees: parseList(row.attendees),
    apologies: parseList(row.apologies),
  };
}

const CLINIC_COLUMNS = 'id, held_on, kind, code, period, compare, status, chair, scope, attendees, apologies';

/** Newest first; clinics on the same day in the order they were created, latest first. */
export function listClinics(db: ClinicDatabase): ClinicSummary[] {
  return db.all<ClinicSummary>(
    'SELECT id, held_on, kind, code, period, compare, status, chair FROM clinics ORDER BY held_on DESC, id DESC',
  );
}

export function getClinic(db: ClinicDatabase, id: number): Clinic | undefined {
  const row = db.get<ClinicRow>(`SELECT ${CLINIC_COLUMNS} FROM clinics WHERE id = ?`, [id]);
  return row ? toClinic(row) : undefined;
}

/** The clinic held most recently before this one, if any. */
export function previousClinic(db: ClinicDatabase, clinic: Pick<Clinic, 'id' | 'held_on'>): ClinicSummary | undefined {
  return db.get<ClinicSummary>(
    `SELECT id, held_on, kind, code, period, compare, status, chair FROM clinics
      WHERE held_on < ? OR (held_on = ? AND id < ?) ORDER BY held_on DESC, id DESC LIMIT 1`,
    [clinic.held_on, clinic.held_on, clinic.id],
  );
}

export interface NewClinic {
  held_on: string;
  kind: string;
  code: string;
  scope: string[];
  chair: string;
  attendees: string[];
  apologies: string[];
  period: string;
  compare: string;
}

/**
 * A clinic's own fields in the order the insert and the update name their columns, so the two
 * cannot disagree about a column; the lists are stored as JSON.
 */
function clinicParams(c: Omit<NewClinic, 'code'>): Array<string | number | null> {
  return [
    c.held_on,
    c.kind,
    JSON.stringify(c.scope),
    c.chair,
    JSON.stringify(c.attendees),
    JSON.stringify(c.apologies),
    c.period,
    c.compare,
  ];
}

export function insertClinic(db: ClinicDatabase, c: NewClinic, at: string, who: string): number {
  db.run(
    `INSERT INTO clinics (held_on, kind, scope, chair, attendees, apologies, period, compare, code, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [...clinicParams(c), c.code, at, who],
  );
  return Number(db.get<{ id: number }>('SELECT last_insert_rowid() AS id')?.id);
}

export function updateClinicFields(db: ClinicDatabase, id: number, c: Omit<NewClinic, 'code'>): void {
  db.run(
    `UPDATE clinics SET held_on = ?, kind = ?, scope = ?, chair = ?, attendees = ?, apologies = ?, period = ?, compare = ?
      WHERE id = ?`,
    [...clinicParams(c), id],
  );
}

export function setClinicStatus(db: ClinicDatabase, id: number, status: ClinicStatus): void {
  db.run('UPDATE clinics SET status = ? WHERE id = ?', [status, id]);
}

export function getAgenda(db: ClinicDatabase, clinicId: number): AgendaItem[] {
  return db
    .all<{ measure: string; position: number; discussed: number }>(
      'SELECT measure, position, discussed FROM agenda_items WHERE clinic_id = ? ORDER BY position',
      [clinicId],
    )
    .map((r) => ({ measure: r.measure, position: r.position, discussed: r.discussed === 1 }));
}

/** Replaces the clinic's agenda order, keeping the discussed marks. */
export function saveAgendaOrder(db: ClinicDatabase, clinicId: number, order: readonly string[]): void {
  const discussed = new Set(
    getAgenda(db, clinicId)
      .filter((a) => a.discussed)
      .map((a) => a.measure),
  );
  db.run('DELETE FROM agenda_items WHERE clinic_id = ?', [clinicId]);
  order.forEach((measure, position) =>
    db.run('INSERT INTO agenda_items (clinic_id, measure, position, discussed) VALUES (?, ?, ?, ?)', [
      clinicId,
      measure,
      position,
      discussed.has(measure) ? 1 : 0,
    ]),
  );
}

export function setDiscussed(db: ClinicDatabase, clinicId: number, measure: string, discussed: boolean): void {
  db.run('UPDATE agenda_items SET discussed = ? WHERE clinic_id = ? AND measure = ?', [
    discussed ? 1 : 0,
    clinicId,
    measure,
  ]);
}

export function getNote(db: ClinicDatabase, clinicId: number, measure: string): Note | undefined {
  return db.get<Note>(
    'SELECT clinic_id, measure, text, version, updated_at, updated_by FROM notes WHERE clinic_id = ? AND measure = ?',
    [clinicId, measure],
  );
}

/**
 * The retired measures a clinic's own record names (its agenda, notes and actions raised at it):
 * the clinic was held with them, so it keeps showing them after they are retired.
 */
export function retiredInClinicRecord(db: ClinicDatabase, clinicId: number): string[] {
  return db
    .all<{ measure: string }>(
      `SELECT key AS measure FROM measures WHERE retired_at IS NOT NULL AND key IN (
         SELECT measure FROM agenda_items WHERE clinic_id = ?
         UNION SELECT measure FROM notes WHERE clinic_id = ?
         UNION SELECT measure FROM actions WHERE clinic_id = ? AND measure IS NOT NULL AND deleted_at IS NULL)`,
      [clinicId, clinicId, clinicId],
    )
    .map((r) => r.measure);
}

export function notesForClinic(db: ClinicDatabase, clinicId: number): Note[] {
  return db.all<Note>(
    'SELECT clinic_id, measure, text, version, updated_at, updated_by FROM notes WHERE clinic_id = ?',
    [clinicId],
  );
}

/** A measure's notes across clinics, newest clinic first, with the clinic's date and kind. */
export function notesForMeasure(
  db: ClinicDatabase,
  measure: string,
): Array<Note & { held_on: string; kind: string; also: KeptText[] }> {
  return db
    .all<Note & { held_on: string; kind: string; also: string }>(
      `SELECT n.clinic_id, n.measure, n.text, n.version, n.updated_at, n.updated_by, c.held_on, c.kind, n.also
         FROM notes n JOIN clinics c ON c.id = n.clinic_id
        WHERE n.measure = ? ORDER BY c.held_on DESC, c.id DESC`,
      [measure],
    )
    .map((n) => ({ ...n, also: JSON.parse(n.also) as KeptText[] }));
}

export function writeNote(db: ClinicDatabase, note: Note): void {
  db.run(
    `INSERT INTO notes (clinic_id, measure, text, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (clinic_id, measure) DO UPDATE SET text = excluded.text, version = excluded.version,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [note.clinic_id, note.measure, note.text, note.version, note.updated_at, note.updated_by],
  );
}

export function deleteNoteRow(db: ClinicDatabase, clinicId: number, measure: string): void {
  db.run('DELETE FROM notes WHERE clinic_id = ? AND measure = ?', [clinicId, measure]);
}

const ACTION_COLUMNS =
  'id, ref, clinic_id, measure, description, owner, team, due_on, status, created_at, created_by, updated_at, closed_at';

/** Every action not deleted, oldest first. */
export function listActionRows(db: ClinicDatabase): Action[] {
  return db.all<Action>(`SELECT ${ACTION_COLUMNS} FROM actions WHERE deleted_at IS NULL ORDER BY id`);
}

export function getAction(db: ClinicDatabase, id: number): Action | undefined {
  return db.get<Action>(`SELECT ${ACTION_COLUMNS} FROM actions WHERE id = ? AND deleted_at IS NULL`, [id]);
}

export function allActionRefs(db: ClinicDatabase): string[] {
  return db.all<{ ref: string }>('SELECT ref FROM actions').map((r) => r.ref);
}

export function insertAction(db: ClinicDatabase, a: Omit<Action, 'id'>): number {
  db.run(
    `INSERT INTO actions (ref, clinic_id, measure, description, owner, team, due_on, status, created_at, created_by, updated_at, closed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      a.ref,
      a.clinic_id,
      a.measure,
      a.description,
      a.owner,
      a.team,
      a.due_on,
      a.status,
      a.created_at,
      a.created_by,
      a.updated_at,
      a.closed_at,
    ],
  );
  return Number(db.get<{ id: number }>('SELECT last_insert_rowid() AS id')?.id);
}

export function updateActionRow(
  db: ClinicDatabase,
  id: number,
  fields: Pick<Action, 'description' | 'owner' | 'team' | 'due_on' | 'status' | 'updated_at' | 'closed_at'>,
): void {
  db.run(
    'UPDATE actions SET description = ?, owner = ?, team = ?, due_on = ?, status = ?, updated_at = ?, closed_at = ? WHERE id = ?',
    [
      fields.description,
      fields.owner,
      fields.team,
      fields.due_on,
      fields.status,
      fields.updated_at,
      fields.closed_at,
      id,
    ],
  );
}

export function markActionDeleted(db: ClinicDatabase, id: number, at: string): void {
  db.run('UPDATE actions SET deleted_at = ? WHERE id = ?', [at, id]);
}

export function insertActionUpdate(db: ClinicDatabase, u: Omit<ActionUpdate, 'id'>): void {
  db.run(
    `INSERT INTO action_updates (action_id, clinic_id, text, status_from, status_to, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [u.action_id, u.clinic_id, u.text, u.status_from, u.status_to, u.created_at, u.created_by],
  );
}

export function updatesForActions(db: ClinicDatabase): ActionUpdate[] {
  return db.all<ActionUpdate>(
    'SELECT id, action_id, clinic_id, text, status_from, status_to, created_at, created_by FROM action_updates ORDER BY created_at, id',
  );
}

export function countUpdatesAt(db: ClinicDatabase, actionId: number, status: ActionStatus): number {
  return Number(
    db.get<{ n: number }>('SELECT count(*) AS n FROM action_updates WHERE action_id = ? AND status_to = ?', [
      actionId,
      status,
    ])?.n ?? 0,
  );
}

export function writeAudit(db: ClinicDatabase, entry: Omit<AuditEntry, 'id'>): void {
  db.run(
    'INSERT INTO audit (at, who, entity, entity_id, action, before, after, measure) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [entry.at, entry.who, entry.entity, entry.entity_id, entry.action, entry.before, entry.after, entry.measure],
  );
}

export function auditFor(db: ClinicDatabase, measure: string | null, limit: number): AuditEntry[] {
  return measure === null
    ? db.all<AuditEntry>('SELECT * FROM audit ORDER BY id DESC LIMIT ?', [limit])
    : db.all<AuditEntry>('SELECT * FROM audit WHERE measure = ? ORDER BY id DESC LIMIT ?', [measure, limit]);
}
