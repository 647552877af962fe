/**
 * The rules of a merge (reliability.md rule 12), pure: which change wins, what is kept both ways,
 * how action references are kept apart, which import's figure stands. The store reads changes
 * and rows, asks these, and writes the answers.
 *
 * Change ids are a hybrid logical clock, then a sequence number within the commit: comparing
 * two ids as strings orders them in time (ties broken by device), the same on every copy.
 */

export interface ChangeRecord {
  id: string;
  author: string;
  field: string;
  /** JSON. */
  value: string | null;
}

export type Values = Record<string, unknown>;

/**
 * A row as its changes make it: the later change wins for each field ('*' sets every field of
 * a created row; '_deleted' removes the row). `base` is the row as this copy holds it, which
 * stands for fields no change names (the baseline every copy shares). Fields in `derived` are
 * left to their own rule. The answer depends only on the set of changes, not the order given.
 */
export function foldRow(
  changes: readonly ChangeRecord[],
  base: Values | null,
  derived: ReadonlySet<string> = new Set(),
): { exists: boolean; values: Values } {
  const sorted = [...changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let exists = base !== null;
  const values: Values = { ...(base ?? {}) };
  for (const c of sorted) {
    if (c.field === '*') {
      const all = JSON.parse(c.value ?? '{}') as Values;
      for (const [k, v] of Object.entries(all)) if (!derived.has(k) || !(k in values)) values[k] = v;
      exists = true;
    } else if (c.field === '_deleted') exists = false;
    else if (!derived.has(c.field)) values[c.field] = JSON.parse(c.value ?? 'null') as unknown;
  }
  return { exists, values };
}

/** A text kept beside a note's current text after both copies changed it. */
export interface KeptText {
  change: string;
  text: string;
  by: string;
  /** When it was written (the clock's wall-clock part). */
  at: string;
}

export interface NoteState {
  exists: boolean;
  text: string | null;
  textChange: string | null;
  author: string | null;
  also: KeptText[];
}

/**
 * A note's text from its history. Each text change names the changes it was written over (its
 * bases); so does a deletion. The heads are the changes nothing was written over: edits made
 * apart from each other. The latest head that is a text is current; every other text head is
 * kept beside it ("Also written by … at …") until someone keeps one or combines them, which
 * writes a text over all of them. A deletion wins only over the texts it saw: a text written
 * apart from it brings the note back, so no confirmed words are lost.
 */
export function noteState(changes: readonly ChangeRecord[]): NoteState | null {
  const nodes = changes.filter((c) => c.field === 'text' || c.field === '_deleted');
  return textState(
    nodes.map((c) => {
      const v = JSON.parse(c.value ?? '{}') as { t?: string; b?: string[] };
      return { c, text: typeof v.t === 'string' ? v.t : null, bases: Array.isArray(v.b) ? v.b : [] };
    }),
  );
}

interface TextNode {
  c: ChangeRecord;
  /** The text written; null for a deletion. */
  text: string | null;
  /** The changes it was written over. */
  bases: readonly string[];
}

/** The heads of a row's text history (see noteState): the latest text is current, the others kept beside it. */
function textState(parsed: readonly TextNode[]): NoteState | null {
  if (parsed.length === 0) return null;
  const covered = new Set(parsed.flatMap((p) => p.bases));
  const heads = parsed
    .filter((p) => !covered.has(p.c.id) && p.c.field !== '_deleted')
    .sort((a, b) => (a.c.id < b.c.id ? 1 : -1));
  const current = heads[0];
  if (!current) return { exists: false, text: null, textChange: null, author: null, also: [] };
  return {
    exists: true,
    text: current.text,
    textChange: current.c.id,
    author: current.c.author,
    also: heads
      .slice(1)
      .reverse()
      .map((h) => ({ change: h.c.id, text: h.text ?? '', by: h.c.author, at: h.c.id.slice(0, 24) })),
  };
}

/**
 * The text of a row of the scrutiny report (a section or an edited paragraph), by the notes' rule:
 * edits made apart on two copies are both kept. Changes written before the report kept texts this
 * way (schema 9's: the whole row, with its text, or the text alone as a JSON string) name no bases;
 * each is taken as written over every change before it, so the later of them wins, as it did then.
 */
export function keptTextState(changes: readonly ChangeRecord[]): NoteState | null {
  const nodes: TextNode[] = [];
  const sorted = [...changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const c of sorted) {
    if (c.field !== '*' && c.field !== 'text' && c.field !== '_deleted') continue;
    const v = JSON.parse(c.value ?? 'null') as unknown;
    const earlier = () => nodes.map((n) => n.c.id);
    if (c.field === '*') {
      const text = (v as Values | null)?.text;
      if (typeof text === 'string') nodes.push({ c, text, bases: earlier() });
    } else if (c.field === 'text' && typeof v === 'string') nodes.push({ c, text: v, bases: earlier() });
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as { t?: unknown; b?: unknown };
      const bases = Array.isArray(o.b) ? o.b.filter((b): b is string => typeof b === 'string') : [];
      nodes.push({ c, text: c.field === 'text' && typeof o.t === 'string' ? o.t : null, bases });
    } else nodes.push({ c, text: null, bases: earlier() });
  }
  return textState(nodes);
}

export interface ActionClaim {
  uid: string;
  /** The reference the action was raised with (DPC-YYYY-MM-NN). */
  claimed: string;
}

function splitRef(ref: string): { series: string; n: number } {
  const dash = ref.lastIndexOf('-');
  return { series: ref.slice(0, dash + 1), n: Number(ref.slice(dash + 1)) };
}

/**
 * Every action's reference, so that none collide: the action raised first (by its stable id, the
 * clock of its creation) keeps the number it was raised with; one raised later with the same
 * number, on another copy, takes the next number free in that series after every number claimed.
 * A function of the set of actions alone, so every copy gives every action the same reference.
 */
export function assignReferences(actions: readonly ActionClaim[]): Map<string, string> {
  const sorted = [...actions].sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  const highest = new Map<string, number>();
  for (const a of sorted) {
    const { series, n } = splitRef(a.claimed);
    if (Number.isInteger(n)) highest.set(series, Math.max(highest.get(series) ?? 0, n));
  }
  const taken = new Set<string>();
  const refs = new Map<string, string>();
  for (const a of sorted) {
    let ref = a.claimed;
    if (taken.has(ref)) {
      const { series } = splitRef(a.claimed);
      const next = (highest.get(series) ?? 0) + 1;
      highest.set(series, next);
      ref = `${series}${String(next).padStart(2, '0')}`;
    }
    taken.add(ref);
    refs.set(a.uid, ref);
  }
  return refs;
}

export interface Figure {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

export interface BatchFigure {
  /** The import's stable id: the clock of its creation, so later imports sort later. */
  importUid: string;
  undone: boolean;
  next: Figure;
  old: Figure | null;
}

/**
 * One figure from every import that wrote it: the latest import not undone wins; when every one
 * was undone, the figure is what the earliest found (null: there was none, the figure goes).
 */
export function figureFromImports(batches: readonly BatchFigure[]): Figure | null | undefined {
  if (batches.length === 0) return undefined;
  const sorted = [...batches].sort((a, b) => (a.importUid < b.importUid ? -1 : 1));
  const live = sorted.filter((b) => !b.undone);
  if (live.length > 0) return live.at(-1)!.next;
  return sorted[0]!.old;
}

export function sameFigure(a: Figure | null | undefined, b: Figure | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator;
}
