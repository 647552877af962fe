/**
 * What a measure counts, as a noun the report can put after a number: "which equates to 10
 * children", "1 child". The officer can set it per measure; where none is set, it is worked out
 * from the measure's title and then its definition by the tables below, people before things in
 * each (visits "equate to" children in the report's words). Plans are not a noun here: "Repeat
 * plans within 2 years" equates to children, as its definition says.
 */
import { cleanText } from './validate';

export interface CountNoun {
  singular: string;
  plural: string;
}

/** Each noun with the words that name it, in order of preference. */
const PEOPLE: ReadonlyArray<[CountNoun, RegExp]> = [
  [{ singular: 'care leaver', plural: 'care leavers' }, /\bcare leavers?\b/i],
  [{ singular: 'young person', plural: 'young people' }, /\byoung (?:people|persons?)\b/i],
  [{ singular: 'child', plural: 'children' }, /\b(?:children|child)\b/i],
];

const THINGS: ReadonlyArray<[CountNoun, RegExp]> = [
  [{ singular: 'contact', plural: 'contacts' }, /\bcontacts?\b/i],
  [{ singular: 'referral', plural: 'referrals' }, /\breferrals?\b/i],
  [{ singular: 'assessment', plural: 'assessments' }, /\bassessments?\b/i],
  [{ singular: 'visit', plural: 'visits' }, /\bvisits?\b/i],
  [{ singular: 'decision', plural: 'decisions' }, /\bdecisions?\b/i],
  [{ singular: 'enquiry', plural: 'enquiries' }, /\benquir(?:y|ies)\b/i],
  [{ singular: 'conference', plural: 'conferences' }, /\bconferences?\b/i],
  [{ singular: 'episode', plural: 'episodes' }, /\bepisodes?\b/i],
];

/** The noun of the table named earliest in a text, or null. */
function earliest(text: string, table: ReadonlyArray<[CountNoun, RegExp]>): CountNoun | null {
  let best: { at: number; noun: CountNoun } | null = null;
  for (const [noun, pattern] of table) {
    const at = text.search(pattern);
    if (at >= 0 && (best === null || at < best.at)) best = { at, noun };
  }
  return best?.noun ?? null;
}

/** The noun a measure counts when none has been set: from its title, then its definition. */
export function defaultCountNoun(measure: { title: string; definition: string }): CountNoun | null {
  for (const text of [measure.title, measure.definition])
    for (const table of [PEOPLE, THINGS]) {
      const noun = earliest(text, table);
      if (noun) return noun;
    }
  return null;
}

export const COUNT_NOUN_MAX = 60;

/** A noun as kept (trimmed, lower case kept as typed), or why it cannot be. */
export function checkCountNoun(noun: CountNoun): CountNoun | string {
  const singular = cleanText(noun.singular).replace(/\s+/g, ' ').trim();
  const plural = cleanText(noun.plural).replace(/\s+/g, ' ').trim();
  if (singular === '' || plural === '')
    return 'Give what the measure counts in the singular and the plural, for example "child" and "children".';
  if (singular.length > COUNT_NOUN_MAX || plural.length > COUNT_NOUN_MAX)
    return `Keep what the measure counts under ${COUNT_NOUN_MAX} characters.`;
  return { singular, plural };
}

/** "10 children", "1 child", "1,204 contacts". */
export function countOf(n: number, noun: CountNoun, formatted: string): string {
  return `${formatted} ${n === 1 ? noun.singular : noun.plural}`;
}
