/**
 * Clinics as meetings: the record of what was said (notes), what was agreed (actions and their
 * updates), the agenda, and an audit of every change. Each change is one journalled commit, so
 * when this returns the change is on disk (reliability.md rule 3).
 */
import {
  actionReference,
  actionsForClinic,
  checkStatusChange,
  clinicCode,
  closedOn,
  isClosed,
  isOverdue,
  wasOpenOn,
  wasOverdueOn,
} from '../domain/actions';
import { agendaRanking, mergeAgenda, proposeAgenda, type ActionCounts } from '../domain/agenda';
import { periodLabel } from '../domain/period';
import { ukDate } from '../domain/uk-date';
import { defaultComparePeriod } from '../domain/report';
import type {
  Action,
  ActionLogEntry,
  ActionStatus,
  ActionUpdate,
  AgendaItem,
  AuditEntry,
  Clinic,
  ClinicSummary,
  Note,
} from '../domain/types';
import type { ClinicReport, ClinicView } from '../domain/views';
import {
  checkDescription,
  checkDueDate,
  checkNote,
  checkOwner,
  checkTeam,
  cleanText,
  isIsoDate,
  UPDATE_MAX_CHARS,
} from '../domain/validate';
import { hasPeriod, listAreas, listPeriods, measureExists, measureTitles } from '../store/catalogue';
import type { ClinicFile } from '../store/clinic-file';
import { UserError } from '../errors';
import * as q from '../store/meetings';

/** Who is making the change and when; the clock is injectable so tests can fix "today". */
export interface Actor {
  who: string;
  now: () => Date;
}

export interface ClinicInput {
  held_on: string;
  kind: string;
  scope: string[];
  chair: string;
  attendees: string[];
  apologies: string[];
  period?: string;
  compare?: string;
}

/** Today in the UK: due dates are UK dates, and the UTC date is a day behind for an hour every summer night. */
const today = (actor: Actor) => ukDate(actor.now());
const stamp = (actor: Actor) => actor.now().toISOString();

function cleanList(items: readonly string[]): string[] {
  return items.map((s) => cleanText(s).trim()).filter((s) => s.length > 0);
}

export class Meetings {
  constructor(
    private readonly file: () => ClinicFile,
    /** Public so the app can update the display name when the person changes it. */
    readonly actor: Actor,
    /** The comparison a clinic shows, with the retired measures its own record keeps. */
    private readonly report: (
      period: string,
      compare: string,
      keepRetired: readonly string[],
      team?: string,
    ) => ClinicReport,
  ) {}

  private get db() {
    return this.file().db;
  }

  private audit(
    entity: string,
    id: string | number,
    action: string,
    before: unknown,
    after: unknown,
    measure: string | null,
  ) {
    q.writeAudit(this.db, {
      at: stamp(this.actor),
      who: this.actor.who,
      entity,
      entity_id: String(id),
      action,
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
      measure,
    });
  }

  private clinic(id: number): Clinic {
    const clinic = q.getClinic(this.db, id);
    if (!clinic)
      throw new UserError('That clinic is no longer in this file. It may have been removed in another window.');
    return clinic;
  }

  private draftClinic(id: number): Clinic {
    const clinic = this.clinic(id);
    if (clinic.status === 'final') {
      throw new UserError(
        `The ${clinic.kind} of ${formatDate(clinic.held_on)} is final, so its record is read-only. Reopen it to change it.`,
      );
    }
    return clinic;
  }

  private checkMeasure(measure: string | null): void {
    if (measure === null) return;
    if (!measureExists(this.db, measure)) {
      throw new UserError(`There is no measure "${measure}" in this clinic file.`);
    }
  }

  listClinics(): ClinicSummary[] {
    return q.listClinics(this.db);
  }

  private validateClinic(input: ClinicInput): Omit<q.NewClinic, 'code'> {
    if (!isIsoDate(input.held_on))
      throw new UserError(`"${input.held_on}" is not a date. Choose the date the clinic meets.`);
    const kind = cleanText(input.kind).trim();
    if (kind === '')
      throw new UserError('Say what kind of clinic this is, for example "Director’s performance clinic".');
    if (kind.length > 200) throw new UserError('The clinic’s name is too long: keep it under 200 characters.');
    const periods = listPeriods(this.db);
    const period = input.period ?? periods[0];
    if (period === undefined)
      throw new UserError('This clinic file holds no figures yet. Import a month of figures first.');
    const compare = input.compare ?? defaultComparePeriod(period);
    if (!hasPeriod(this.db, period))
      throw new UserError(`There are no figures for ${periodLabel(period)} in this clinic file.`);
    if (compare >= period) throw new UserError(`The period to compare with must be before ${periodLabel(period)}.`);
    const areas = new Set(listAreas(this.db).map((a) => a.key));
    const unknown = input.scope.filter((s) => !areas.has(s));
    if (unknown.length > 0) throw new UserError(`Unknown service area: ${unknown.join(', ')}.`);
    return {
      held_on: input.held_on,
      kind,
      scope: [...new Set(input.scope)],
      chair: cleanText(input.chair).trim(),
      attendees: cleanList(input.attendees),
      apologies: cleanList(input.apologies),
      period,
      compare,
    };
  }

  createClinic(input: ClinicInput): Clinic {
    const fields = this.validateClinic(input);
    const id = this.file().commit(() => {
      const newId = q.insertClinic(
        this.db,
        { ...fields, code: clinicCode(fields.kind) },
        stamp(this.actor),
        this.actor.who,
      );
      q.saveAgendaOrder(this.db, newId, this.proposedAgenda(newId));
      this.audit('clinic', newId, 'created', undefined, fields, null);
      return newId;
    });
    return this.clinic(id);
  }

  updateClinic(id: number, input: ClinicInput): Clinic {
    const before = this.draftClinic(id);
    const fields = this.validateClinic(input);
    this.file().commit(() => {
      q.updateClinicFields(this.db, id, fields);
      this.audit('clinic', id, 'edited', before, fields, null);
    });
    return this.clinic(id);
  }

  /** Marks a clinic final (its record becomes read-only) or reopens it, which needs a reason and is recorded. */
  setFinal(id: number, final: boolean, reason: string): Clinic {
    const clinic = this.clinic(id);
    const why = cleanText(reason).trim();
    if (!final && clinic.status === 'final' && why === '') {
      throw new UserError('Reopening a final clinic needs a reason, which is kept in its record.');
    }
    this.file().commit(() => {
      q.setClinicStatus(this.db, id, final ? 'final' : 'draft');
      this.audit(
        'clinic',
        id,
        final ? 'marked final' : 'reopened',
        { status: clinic.status },
        { status: final ? 'final' : 'draft', reason: why },
        null,
      );
    });
    return this.clinic(id);
  }

  /** Open and overdue actions per measure as at the clinic's date, whichever day it is typed up. */
  private actionCounts(clinicDate: string): Map<string, ActionCounts> {
    const counts = new Map<string, ActionCounts>();
    for (const a of this.actionLog()) {
      if (!wasOpenOn(a, clinicDate)) continue;
      if (a.clinic_held_on === '' || a.clinic_held_on > clinicDate) continue;
      const key = a.measure ?? '';
      const c = counts.get(key) ?? { open: 0, overdue: 0 };
      c.open++;
      if (wasOverdueOn(a, clinicDate)) c.overdue++;
      counts.set(key, c);
    }
    return counts;
  }

  private scopedReport(clinic: Clinic, team?: string): ClinicReport {
    // A retired measure leaves new clinics; one already held keeps the measures it was held with.
    const report = this.report(clinic.period, clinic.compare, q.retiredInClinicRecord(this.db, clinic.id), team);
    if (clinic.scope.length === 0) return report;
    const scope = new Set(clinic.scope);
    return { ...report, measures: report.measures.filter((m) => scope.has(m.area)) };
  }

  private proposedAgenda(clinicId: number): string[] {
    const clinic = this.clinic(clinicId);
    return proposeAgenda(this.scopedReport(clinic).measures, this.actionCounts(clinic.held_on));
  }

  /**
   * A clinic as the window shows it. With a `team`, the table shows that team's figures; the
   * agenda and its reasons stay the clinic's own, worked out from the whole service.
   */
  getClinicView(id: number, team?: string): ClinicView {
    const clinic = this.clinic(id);
    const report = this.scopedReport(clinic);
    const counts = this.actionCounts(clinic.held_on);
    const saved = q.getAgenda(this.db, id);
    const ranking = agendaRanking(report.measures, counts);
    const reasons = new Map(ranking.map((r) => [r.key, r.reason]));
    const order = mergeAgenda(
      saved.map((a) => a.measure),
      ranking.map((r) => r.key),
    );
    const discussed = new Set(saved.filter((a) => a.discussed).map((a) => a.measure));
    const previous = q.previousClinic(this.db, clinic) ?? null;
    const log = this.actionLog();
    // The clinic's record judges overdue by the day it met, not the day it is read.
    const asAtClinic = log.map((a) => ({ ...a, overdue: wasOverdueOn(a, clinic.held_on) }));
    const { raised, carriedForward, closedSinceLast } = actionsForClinic(
      clinic,
      previous?.held_on ?? null,
      asAtClinic,
      new Map(q.listClinics(this.db).map((c) => [c.id, c.held_on])),
    );
    return {
      clinic,
      report: team ? this.scopedReport(clinic, team) : report,
      agenda: order.map((measure, position) => ({
        measure,
        position,
        discussed: discussed.has(measure),
        reason: reasons.get(measure) ?? '',
      })),
      notes: q.notesForClinic(this.db, id),
      actionCounts: Object.fromEntries(counts),
      raised,
      carriedForward,
      closedSinceLast,
      previous,
    };
  }

  saveAgenda(clinicId: number, order: string[]): AgendaItem[] {
    this.draftClinic(clinicId);
    const known = new Set(this.scopedReport(this.clinic(clinicId)).measures.map((m) => m.key));
    const unknown = order.filter((k) => !known.has(k));
    if (unknown.length > 0) throw new UserError(`These measures are not in this clinic: ${unknown.join(', ')}.`);
    if (new Set(order).size !== order.length) throw new UserError('A measure appears twice in the agenda order.');
    const full = mergeAgenda(order, this.proposedAgenda(clinicId));
    this.file().commit(() => {
      q.saveAgendaOrder(this.db, clinicId, full);
      this.audit('agenda', clinicId, 'reordered', undefined, full, null);
    });
    return q.getAgenda(this.db, clinicId);
  }

  setDiscussed(clinicId: number, measure: string, discussed: boolean): AgendaItem[] {
    this.draftClinic(clinicId);
    this.checkMeasure(measure);
    this.file().commit(() => {
      if (!q.getAgenda(this.db, clinicId).some((a) => a.measure === measure)) {
        q.saveAgendaOrder(
          this.db,
          clinicId,
          this.getClinicView(clinicId).agenda.map((a) => a.measure),
        );
      }
      q.setDiscussed(this.db, clinicId, measure, discussed);
      this.audit(
        'agenda',
        clinicId,
        discussed ? 'marked discussed' : 'marked not discussed',
        undefined,
        undefined,
        measure,
      );
    });
    return q.getAgenda(this.db, clinicId);
  }

  /**
   * Saves a note. `baseVersion` is the version the person started from (0 for a new note); if
   * someone else has saved the note since, nothing is overwritten and the error says so.
   */
  saveNote(clinicId: number, measure: string, text: string, baseVersion: number): Note {
    this.draftClinic(clinicId);
    this.checkMeasure(measure);
    const clean = cleanText(text);
    const problem = checkNote(clean);
    if (problem) throw new UserError(problem);
    const current = q.getNote(this.db, clinicId, measure);
    if ((current?.version ?? 0) !== baseVersion) {
      throw new UserError(
        `This note was changed by ${current?.updated_by ?? 'someone else'} (perhaps in another window) since you started typing. Your text has not been saved; copy it, reload the note and add it again.`,
      );
    }
    const note: Note = {
      clinic_id: clinicId,
      measure,
      text: clean,
      version: baseVersion + 1,
      updated_at: stamp(this.actor),
      updated_by: this.actor.who,
    };
    this.file().commit(() => {
      q.writeNote(this.db, note);
      this.audit('note', `${clinicId}:${measure}`, current ? 'edited' : 'written', current?.text, clean, measure);
    });
    return note;
  }

  deleteNote(clinicId: number, measure: string, baseVersion: number): void {
    this.draftClinic(clinicId);
    const current = q.getNote(this.db, clinicId, measure);
    if (!current) return;
    if (current.version !== baseVersion)
      throw new UserError('This note was changed since you opened it; reload it before deleting.');
    this.file().commit(() => {
      q.deleteNoteRow(this.db, clinicId, measure);
      this.audit('note', `${clinicId}:${measure}`, 'deleted', current.text, null, measure);
    });
  }

  measureNotes(measure: string): ReturnType<typeof q.notesForMeasure> {
    this.checkMeasure(measure);
    return q.notesForMeasure(this.db, measure);
  }

  raiseAction(input: {
    clinicId: number;
    measure: string | null;
    description: string;
    owner: string;
    /** The team that owns it; '' or absent for none. */
    team?: string;
    dueOn: string;
  }): ActionLogEntry {
    const clinic = this.draftClinic(input.clinicId);
    this.checkMeasure(input.measure);
    const description = cleanText(input.description).trim();
    const owner = cleanText(input.owner).trim();
    const team = cleanText(input.team ?? '').trim();
    const problem =
      checkDescription(description) ??
      checkOwner(owner) ??
      checkTeam(team) ??
      checkDueDate(input.dueOn, clinic.held_on);
    if (problem) throw new UserError(problem);
    const at = stamp(this.actor);
    const id = this.file().commit(() => {
      const ref = actionReference(clinic.code, clinic.held_on, q.allActionRefs(this.db));
      const action: Omit<Action, 'id'> = {
        ref,
        clinic_id: clinic.id,
        measure: input.measure,
        description,
        owner,
        team,
        due_on: input.dueOn,
        status: 'open',
        created_at: at,
        created_by: this.actor.who,
        updated_at: at,
        closed_at: null,
      };
      const newId = q.insertAction(this.db, action);
      this.audit('action', ref, 'raised', undefined, action, input.measure);
      return newId;
    });
    return this.logEntry(id);
  }

  /** A dated update at a clinic: progress in words, and optionally a new status. */
  updateAction(input: {
    actionId: number;
    clinicId: number | null;
    text: string;
    status: ActionStatus;
  }): ActionLogEntry {
    const action = this.action(input.actionId);
    // An update is part of the record of the clinic it is made at, so that clinic must be open.
    if (input.clinicId !== null) this.draftClinic(input.clinicId);
    const text = cleanText(input.text).trim();
    if (text.length > UPDATE_MAX_CHARS)
      throw new UserError(`Keep an update under ${UPDATE_MAX_CHARS.toLocaleString('en-GB')} characters.`);
    const problem = checkStatusChange(action.status, input.status, text);
    if (problem) throw new UserError(problem);
    if (text === '' && input.status === action.status) throw new UserError('Write the update, or choose a new status.');
    const at = stamp(this.actor);
    this.file().commit(() => {
      q.insertActionUpdate(this.db, {
        action_id: action.id,
        clinic_id: input.clinicId,
        text,
        status_from: action.status,
        status_to: input.status,
        created_at: at,
        created_by: this.actor.who,
      });
      const closedAt = isClosed(input.status) ? (isClosed(action.status) ? action.closed_at : at) : null;
      q.updateActionRow(this.db, action.id, { ...action, status: input.status, updated_at: at, closed_at: closedAt });
      this.audit(
        'action',
        action.ref,
        'updated',
        { status: action.status },
        { status: input.status, text },
        action.measure,
      );
    });
    return this.logEntry(action.id);
  }

  /** Edits an action; a team left out stays as it is. */
  editAction(input: {
    actionId: number;
    description: string;
    owner: string;
    team?: string;
    dueOn: string;
  }): ActionLogEntry {
    const action = this.action(input.actionId);
    const raisedAt = this.draftClinic(action.clinic_id);
    const description = cleanText(input.description).trim();
    const owner = cleanText(input.owner).trim();
    const team = input.team === undefined ? action.team : cleanText(input.team).trim();
    const problem =
      checkDescription(description) ??
      checkOwner(owner) ??
      checkTeam(team) ??
      checkDueDate(input.dueOn, raisedAt.held_on);
    if (problem) throw new UserError(problem);
    const at = stamp(this.actor);
    this.file().commit(() => {
      q.updateActionRow(this.db, action.id, {
        ...action,
        description,
        owner,
        team,
        due_on: input.dueOn,
        updated_at: at,
      });
      this.audit(
        'action',
        action.ref,
        'edited',
        { description: action.description, owner: action.owner, team: action.team, due_on: action.due_on },
        { description, owner, team, due_on: input.dueOn },
        action.measure,
      );
    });
    return this.logEntry(action.id);
  }

  /** Removes an action from the log. It is kept in the file, marked deleted, with the reason in the audit. */
  deleteAction(actionId: number, reason: string): void {
    const action = this.action(actionId);
    this.draftClinic(action.clinic_id);
    const why = cleanText(reason).trim();
    if (why === '')
      throw new UserError(
        'Deleting an action needs a reason, which is kept in the audit. To close it instead, mark it dropped.',
      );
    this.file().commit(() => {
      q.markActionDeleted(this.db, actionId, stamp(this.actor));
      this.audit('action', action.ref, 'deleted', action, { reason: why }, action.measure);
    });
  }

  private action(id: number): Action {
    const action = q.getAction(this.db, id);
    if (!action)
      throw new UserError('That action is no longer in this file. It may have been deleted in another window.');
    return action;
  }

  private actionLog(): ActionLogEntry[] {
    const clinics = new Map(q.listClinics(this.db).map((c) => [c.id, c]));
    const titles = measureTitles(this.db);
    const updates = new Map<number, ActionUpdate[]>();
    for (const u of q.updatesForActions(this.db)) {
      const list = updates.get(u.action_id);
      if (list) list.push(u);
      else updates.set(u.action_id, [u]);
    }
    const now = today(this.actor);
    const dates = new Map([...clinics].map(([id, c]) => [id, c.held_on]));
    return q.listActionRows(this.db).map((a) => ({
      ...a,
      closed_on: closedOn(a, updates.get(a.id) ?? [], dates),
      overdue: isOverdue(a, now),
      clinic_held_on: clinics.get(a.clinic_id)?.held_on ?? '',
      clinic_kind: clinics.get(a.clinic_id)?.kind ?? '',
      measure_title: a.measure === null ? null : (titles.get(a.measure) ?? a.measure),
      updates: updates.get(a.id) ?? [],
    }));
  }

  private logEntry(id: number): ActionLogEntry {
    const entry = this.actionLog().find((a) => a.id === id);
    if (!entry) throw new Error(`action ${id} vanished`);
    return entry;
  }

  listActions(
    filter: {
      status?: ActionStatus[];
      owner?: string;
      /** The team that owns the action, exactly (case aside); '' for actions no team owns. */
      team?: string;
      measure?: string;
      clinicId?: number;
      overdue?: boolean;
    } = {},
  ): ActionLogEntry[] {
    const owner = filter.owner?.trim().toLowerCase();
    const team = filter.team?.trim().toLowerCase();
    return this.actionLog()
      .filter(
        (a) =>
          (!filter.status || filter.status.includes(a.status)) &&
          (!owner || a.owner.toLowerCase().includes(owner)) &&
          (team === undefined || a.team.toLowerCase() === team) &&
          (filter.measure === undefined || a.measure === filter.measure) &&
          (filter.clinicId === undefined || a.clinic_id === filter.clinicId) &&
          (!filter.overdue || a.overdue),
      )
      .sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : a.id - b.id));
  }

  auditTrail(measure: string | null, limit = 200): AuditEntry[] {
    return q.auditFor(this.db, measure, limit);
  }
}

function formatDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
