/**
 * The rules a data-quality caveat must follow before it is stored. Pure: the API calls
 * checkCaveat and says what is wrong in words.
 */
import { isPeriod, periodLabel } from './period';
import type { Period } from './types';

/** The longest caveat kept: a paragraph, as the report writes them. */
export const CAVEAT_TEXT_MAX = 2000;

export interface CaveatInput {
  text: string;
  from: Period;
  to: Period | null;
}

/** Why the caveat cannot be stored, or null when it can. `text` is already cleaned. */
export function checkCaveat(input: CaveatInput): string | null {
  if (input.text.trim() === '') return 'Say what the caveat is: the text cannot be empty.';
  if (input.text.length > CAVEAT_TEXT_MAX)
    return `Keep the caveat under ${CAVEAT_TEXT_MAX.toLocaleString('en-GB')} characters (it has ${input.text.length.toLocaleString('en-GB')}).`;
  if (!isPeriod(input.from)) return `Say the month the caveat applies from as YYYY-MM (got "${input.from}").`;
  if (input.to !== null && !isPeriod(input.to))
    return `Say the month the caveat applies to as YYYY-MM, or leave it empty (got "${input.to}").`;
  if (input.to !== null && input.to < input.from)
    return `The caveat cannot end (${periodLabel(input.to)}) before it starts (${periodLabel(input.from)}).`;
  return null;
}
