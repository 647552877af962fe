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

/**
 * The measure most like `text`, by key or title, if one is close enough to be worth suggesting:
 * within about a third of the length in edits, or a title that contains what was written.
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
  return best;
}
