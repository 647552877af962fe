/** "Did you mean ...?" for a measure the import does not know. Pure. */

/** Edit distance, giving up (returning max + 1) once it is certain to exceed `max`. */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/** Lower case, one space between words, punctuation other than _ dropped. */
export function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9_%]+/g, ' ')
    .trim();
}

export interface Candidate {
  key: string;
  title: string;
}

/** Two words the same but for a slip of the keyboard: one edit, two in a long word; short words exactly. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  const allowed = shorter >= 8 ? 2 : 1;
  return levenshtein(a, b, allowed) <= allowed;
}

/**
 * How well the words written and a name's words match, where one holds every word of the other
 * (each word allowed a slip): "Referals made" holds "Referrals"; "Children in care visted" is held
 * by "Children in care visited in timescale". Null when neither holds the other, or when under half
 * of what was written is matched. Higher is better: the number of words matched both ways.
 */
function wordScore(written: readonly string[], name: readonly string[]): number | null {
  const nameMatched = name.filter((n) => written.some((w) => sameWord(w, n))).length;
  const writtenMatched = written.filter((w) => name.some((n) => sameWord(w, n))).length;
  if (nameMatched !== name.length && writtenMatched !== written.length) return null;
  if (writtenMatched * 2 < written.length) return null;
  return nameMatched + writtenMatched;
}

/**
 * The measure most like `text`, by key or title, if one is close enough to be worth suggesting:
 * within about a third of the length in edits, or a title that contains what was written; failing
 * those, the title that holds every word written, or whose every word was written (see wordScore).
 */
export function closestMeasure<C extends Candidate>(text: string, candidates: readonly C[]): C | null {
  const wanted = normaliseName(text);
  if (wanted === '') return null;
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  let best: C | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const names = [normaliseName(c.key), normaliseName(c.key.replace(/_/g, ' ')), normaliseName(c.title)];
    for (const name of names) {
      const d = levenshtein(wanted, name, limit);
      if (d <= limit && d < bestScore) {
        best = c;
        bestScore = d;
      }
    }
    if (bestScore > 0 && wanted.length >= 5 && normaliseName(c.title).includes(wanted) && bestScore > limit / 2) {
      best = c;
      bestScore = limit / 2;
    }
  }
  if (best) return best;

  const written = wanted.split(' ');
  // A cell the size of a book is no name: no suggestion rather than minutes spent looking for one.
  if (written.length > 20) return null;
  let bestWords = 0;
  for (const c of candidates) {
    for (const name of [normaliseName(c.title), normaliseName(c.key.replace(/_/g, ' '))]) {
      const score = wordScore(written, name.split(' '));
      if (score !== null && score > bestWords) {
        best = c;
        bestWords = score;
      }
    }
  }
  return best;
}
