/** The life of an action: references, status changes, overdue and carry-forward. Pure rules. */
import type { Action, ActionStatus, ActionUpdate, ClinicSummary, IsoDate } from './types';
import { ukDateOf } from './uk-date';

export const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in_progress', 'done', 'dropped'];
export const CLOSED: ReadonlySet<ActionStatus> = new Set(['done', 'dropped']);

export const actionStatusLabel: Record<ActionStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export function isClosed(status: ActionStatus): boolean {
  return CLOSED.has(status);
}

/** Past its due date and neither done nor dropped. Due today is not yet overdue. */
export function isOverdue(action: Pick<Action, 'due_on' | 'status'>, today: IsoDate): boolean {
  return !isClosed(action.status) && action.due_on < today;
}

/**
 * The day an action was closed. An update recorded at a clinic is part of that clinic's record,
 * so an action closed at a clinic was closed on the clinic's date, whichever day the clerk typed
 * it up; closed outside a clinic (from the action log), it was closed on the UK date it was typed.
 */
export function closedOn(
  action: Pick<Action, 'status' | 'closed_at'>,
  updates: readonly Pick<ActionUpdate, 'clinic_id' | 'status_from' | 'status_to'>[],
  clinicDates: ReadonlyMap<number, IsoDate>,
): IsoDate | null {
  if (!isClosed(action.status) || action.closed_at === null) return null;
  const closing = updates.findLast((u) => isClosed(u.status_to) && !isClosed(u.status_from));
  const atClinic = closing?.clinic_id == null ? undefined : clinicDates.get(closing.clinic_id);
  return atClinic ?? ukDateOf(action.closed_at);
}

type Judged = Pick<Action, 'due_on' | 'status'> & { closed_on: IsoDate | null };

/** Still open at the end of `day`: not closed, or closed on a later day. */
export function wasOpenOn(action: Judged, day: IsoDate): boolean {
  return !isClosed(action.status) || (action.closed_on !== null && action.closed_on > day);
}

/** Overdue as a clinic held on `day` sees it: due before that day and still open on it. */
export function wasOverdueOn(action: Judged, day: IsoDate): boolean {
  return action.due_on < day && wasOpenOn(action, day);
}

/**
 * Whether a status change makes sense, and what it needs. Reopening a closed action needs a
 * reason, so the record shows why something thought finished is back.
 */
export function checkStatusChange(from: ActionStatus, to: ActionStatus, reason: string): string | null {
  if (from === to) return null;
  if (isClosed(from) && !isClosed(to) && reason.trim() === '') {
    return `Reopening a ${actionStatusLabel[from].toLowerCase()} action needs a reason: say why it is back.`;
  }
  if (isClosed(from) && isClosed(to)) {
    return `This action is already ${actionStatusLabel[from].toLowerCase()}; reopen it before marking it ${actionStatusLabel[to].toLowerCase()}.`;
  }
  return null;
}

const KNOWN_CODES: Record<string, string> = {
  "director's performance clinic": 'DPC',
  'director’s performance clinic': 'DPC',
  'head of service clinic': 'HOS',
};

/** A short code for a clinic's kind: DPC, HOS, or the initials of the user's own name for it. */
export function clinicCode(kind: string): string {
  const known = KNOWN_CODES[kind.trim().toLowerCase()];
  if (known) return known;
  const initials = kind
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0 && !['of', 'and', 'the', 'for'].includes(w.toLowerCase()))
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 4);
  return initials.length > 0 ? initials : 'CLN';
}

/** `DPC-2023-11-04`: the clinic's code and month, and the action's number among that month's actions. */
export function actionReference(code: string, heldOn: IsoDate, existingRefs: readonly string[]): string {
  const prefix = `${code}-${heldOn.slice(0, 7)}-`;
  let highest = 0;
  for (const ref of existingRefs) {
    if (!ref.startsWith(prefix)) continue;
    const n = Number(ref.slice(prefix.length));
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return `${prefix}${String(highest + 1).padStart(2, '0')}`;
}

/**
 * The actions a clinic reviews: everything raised at it, everything raised earlier that is still
 * open (actions carry forward until closed), and everything closed since the clinic before it.
 */
export function actionsForClinic<A extends Action & { closed_on: IsoDate | null }>(
  clinic: Pick<ClinicSummary, 'id' | 'held_on'>,
  previousClinicHeldOn: IsoDate | null,
  actions: readonly A[],
  clinicDates: ReadonlyMap<number, IsoDate>,
): { raised: A[]; carriedForward: A[]; closedSinceLast: A[] } {
  const raised: A[] = [];
  const carriedForward: A[] = [];
  const closedSinceLast: A[] = [];
  for (const a of actions) {
    if (a.clinic_id === clinic.id) {
      raised.push(a);
      continue;
    }
    const raisedOn = clinicDates.get(a.clinic_id);
    if (raisedOn === undefined || raisedOn > clinic.held_on) continue;
    // An action closed after this clinic was still open when it met.
    if (wasOpenOn(a, clinic.held_on)) carriedForward.push(a);
    else if (a.closed_on !== null && (previousClinicHeldOn === null || a.closed_on >= previousClinicHeldOn)) {
      closedSinceLast.push(a);
    }
  }
  const byDue = (x: A, y: A) => (x.due_on < y.due_on ? -1 : x.due_on > y.due_on ? 1 : x.id - y.id);
  return {
    raised: raised.sort((x, y) => x.id - y.id),
    carriedForward: carriedForward.sort(byDue),
    closedSinceLast: closedSinceLast.sort(byDue),
  };
}
