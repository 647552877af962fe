/**
 * What a tired user might type wrong in a clinic, each with a message that says how to put it
 * right. Pure: the API calls these before anything is written.
 */
import type { IsoDate } from './types';

export const NOTE_MAX_CHARS = 20_000;
export const DESCRIPTION_MAX_CHARS = 2_000;
export const UPDATE_MAX_CHARS = 5_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A name, a role or an email address: letters first, no line breaks, not just numbers. */
const OWNER = /^[\p{L}][\p{L}\p{M}0-9 .,'’&()/@_+-]*$/u;

export function checkOwner(owner: string): string | null {
  const trimmed = owner.trim();
  if (trimmed === '') return 'Say who owns the action: a name or a role, for example "Head of Service, Front Door".';
  if (trimmed.length > 120) return 'The owner is too long: use a name or a role of up to 120 characters.';
  if (!OWNER.test(trimmed)) {
    return `"${trimmed.slice(0, 40)}" does not look like a person or a role: start with a letter, and use a name, a role or an email address.`;
  }
  return null;
}

/** The team that owns an action: none (''), or a team's name of up to 200 characters (the figures' own limit). */
export function checkTeam(team: string): string | null {
  if (team.trim().length > 200) return 'The team is too long: choose one of the teams in the figures, or none.';
  return null;
}

export function checkDueDate(dueOn: string, raisedOn: IsoDate): string | null {
  if (!isIsoDate(dueOn))
    return `"${dueOn.slice(0, 20)}" is not a date. Choose a due date from the calendar, for example 2023-12-15.`;
  if (dueOn < raisedOn) return 'The due date is before the clinic the action was raised at. Choose a later date.';
  const limit = `${Number(raisedOn.slice(0, 4)) + 3}${raisedOn.slice(4)}`;
  if (dueOn > limit) return 'The due date is more than three years after the clinic. Check the year.';
  return null;
}

export function checkDescription(description: string): string | null {
  const trimmed = description.trim();
  if (trimmed === '') return 'Describe the action: what is to be done.';
  if (trimmed.length > DESCRIPTION_MAX_CHARS) {
    return `The description is ${trimmed.length.toLocaleString('en-GB')} characters; keep it under ${DESCRIPTION_MAX_CHARS.toLocaleString('en-GB')} and put detail in an update.`;
  }
  return null;
}

export function checkNote(text: string): string | null {
  if (text.length > NOTE_MAX_CHARS) {
    return `This note is ${text.length.toLocaleString('en-GB')} characters, over the limit of ${NOTE_MAX_CHARS.toLocaleString('en-GB')}. Nothing has been lost: shorten it, or attach long papers to the clinic pack instead.`;
  }
  return null;
}

/** Strips characters no person typed (control characters other than line breaks and tabs). */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\r\n?/g, '\n');
}
