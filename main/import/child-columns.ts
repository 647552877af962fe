/**
 * Only aggregated figures are held (issue 17): a sheet with a column that looks like it identifies a
 * child (an id from a case system, a name, a date of birth, an NHS number, a UPN, an address) is
 * child-level data and is refused whole. Matching is on the heading alone, so no child's details
 * are ever read. Pure.
 */
import { normaliseName } from './closest';

const PATTERNS: readonly RegExp[] = [
  // child id, child's name, young person ref, client number, person id, pupil name, case id
  /\b(child|childs|children|young person|young persons|yp|client|person|pupil|service user|case)( s)? ?(id|ids|identifier|no|num|number|ref|reference|name|names|first name|surname)\b/,
  // ids from case-management systems: Mosaic, Liquidlogic (LCS), Eclipse, CareFirst, Protocol
  /\b(mosaic|lcs|liquidlogic|eclipse|carefirst|care first|protocol|paris|azeus)( person)? ?(id|no|num|number|ref|reference)\b/,
  /\b(nhs|ni|national insurance)( no| num| number)\b/,
  /^nhs$/,
  /\b(upn|uln|dob|d o b|unique pupil number|unique learner number)\b/,
  /\b(date of birth|birth date|birthdate)\b/,
  /\b(address|postcode|post code|postal code|home address)\b/,
  /\b(first name|forename|forenames|given name|surname|last name|family name|full name|legal name)\b/,
];

/** Whether a column heading looks like it identifies a child. */
export function looksLikeChildIdentifier(heading: string): boolean {
  const name = normaliseName(heading).replace(/_/g, ' ');
  if (name === '') return false;
  return PATTERNS.some((p) => p.test(name));
}

/** The message refusing a file for the headings that look like child identifiers (at least one). */
export function childColumnsMessage(headings: readonly string[]): string {
  const quotedList = headings.map((h) => `"${h.trim()}"`);
  const list =
    quotedList.length === 1 ? quotedList[0]! : `${quotedList.slice(0, -1).join(', ')} and ${quotedList.at(-1)!}`;
  return quotedList.length === 1
    ? `Only aggregated figures are held: the column ${list} looks like it identifies a child, so this file is refused. Remove the column and import again.`
    : `Only aggregated figures are held: the columns ${list} look like they identify a child, so this file is refused. Remove the columns and import again.`;
}
