/**
 * The whole scrutiny report as the exports and the window show it: the fixed sections the officer
 * writes once, section 3 drafted from the figures (grouped by service area in catalogue order,
 * numbered 3.1, 3.2 …), and the officer's own edits laid over the drafts. An edit is never
 * replaced by a new draft; if the figures it was written against have changed, it says so.
 */
import type { KeptText } from '../merge';
import { periodLabel } from '../period';
import type { Period } from '../types';
import { draftMeasure, draftTable, tabulated, type DraftedParagraph } from './draft';
import type { MeasureDraftInput } from './input';

/** A section the officer writes once and the app keeps for next month. */
export interface FixedSection {
  key: string;
  title: string;
  text: string;
  /** Where it goes: before section 3 (purpose, background) or after it (future plans, closing). */
  place: 'before' | 'after';
  position: number;
  updated_at: string | null;
  updated_by: string | null;
  /** The change that wrote the text: a choice between kept texts is checked against it. */
  text_change?: string | null;
  /** Texts written apart on another copy, kept beside this one by a merge until the officer chooses. */
  also?: KeptText[];
}

/** The officer's own text for one paragraph of one period. */
export interface ParagraphEdit {
  period: Period;
  item: string;
  text: string;
  /** The figure and every figure the draft was built on when the edit was made. */
  figure: string;
  basis: string;
  updated_at: string;
  updated_by: string;
  text_change?: string | null;
  /** Texts written apart on another copy, kept beside this one by a merge until the officer chooses. */
  also?: KeptText[];
}

export interface ReportParagraph extends DraftedParagraph {
  /** "3.11". */
  number: string;
  /** What the rules drafted, kept beside the text shown when the officer has edited it. */
  drafted: string;
  edited: { by: string; at: string } | null;
  /** "Figures changed since you edited it: 28.4% → 28.6%", or null. */
  figuresChanged: string | null;
  /** Texts another copy wrote for this paragraph, kept beside it by a merge ("Also written by …"). */
  also: KeptText[];
  /** The change that wrote the text shown (null: the draft); a choice between kept texts names it. */
  textVersion: string | null;
}

export interface ReportArea {
  key: string;
  title: string;
  paragraphs: ReportParagraph[];
}

export interface ScrutinyDocument {
  title: string;
  period: Period;
  compare: Period;
  marking: string;
  before: Array<FixedSection & { number: number }>;
  current: { number: number; title: string; areas: ReportArea[] };
  after: Array<FixedSection & { number: number }>;
}

/** The fixed sections a new file starts with; the officer replaces the text once, and it is kept. */
export const DEFAULT_SECTIONS: readonly Omit<FixedSection, 'updated_at' | 'updated_by'>[] = [
  {
    key: 'purpose',
    title: 'Purpose',
    place: 'before',
    position: 1,
    text: 'This report provides members of the Overview and Scrutiny Committee with an overview of performance in Children’s Social Care.',
  },
  { key: 'background', title: 'Background', place: 'before', position: 2, text: '' },
  { key: 'future', title: 'Future plans and challenges', place: 'after', position: 1, text: '' },
];

export const SECTION_TITLE_MAX = 200;
export const SECTION_TEXT_MAX = 20_000;
export const PARAGRAPH_MAX = 20_000;

export function figuresChangedMessage(edit: ParagraphEdit, draft: DraftedParagraph): string | null {
  if (edit.basis === draft.basis) return null;
  if (edit.figure !== draft.figure)
    return `Figures changed since you edited it: ${edit.figure || 'no figure'} \u2192 ${draft.figure || 'no figure'}`;
  return 'Figures changed since you edited it: the figures it is compared with are not the same.';
}

export interface AreaInputs {
  key: string;
  title: string;
  inputs: MeasureDraftInput[];
}

/** Section 3: every area in catalogue order, each measure (or tabulated area) a numbered paragraph. */
export function draftCurrent(
  areas: readonly AreaInputs[],
  period: Period,
  compare: Period,
  edits: readonly ParagraphEdit[],
  section = 3,
): ReportArea[] {
  const byItem = new Map(edits.filter((e) => e.period === period).map((e) => [e.item, e]));
  let n = 0;
  const out: ReportArea[] = [];
  for (const area of areas) {
    if (area.inputs.length === 0) continue;
    const drafts = tabulated(area.inputs)
      ? [draftTable(area.key, area.title, area.inputs, period, compare)]
      : area.inputs.map(draftMeasure);
    out.push({
      key: area.key,
      title: area.title,
      paragraphs: drafts.map((d) => {
        n += 1;
        const edit = byItem.get(d.item);
        return {
          ...d,
          number: `${section}.${n}`,
          drafted: d.text,
          text: edit ? edit.text : d.text,
          edited: edit ? { by: edit.updated_by, at: edit.updated_at } : null,
          figuresChanged: edit ? figuresChangedMessage(edit, d) : null,
          also: edit?.also ?? [],
          textVersion: edit?.text_change ?? null,
        };
      }),
    });
  }
  return out;
}

export function reportTitle(period: Period): string {
  return `Children’s Social Care Performance Report \u2013 ${periodLabel(period)}`;
}

/** Puts the sections in order and numbers them: before, 3 Current performance, after. */
export function assembleDocument(args: {
  period: Period;
  compare: Period;
  marking: string;
  sections: readonly FixedSection[];
  areas: ReportArea[];
}): ScrutinyDocument {
  const sorted = [...args.sections].sort((a, b) => a.position - b.position || (a.key < b.key ? -1 : 1));
  const before = sorted.filter((s) => s.place === 'before');
  const after = sorted.filter((s) => s.place === 'after');
  const current = before.length + 1;
  return {
    title: reportTitle(args.period),
    period: args.period,
    compare: args.compare,
    marking: args.marking,
    before: before.map((s, i) => ({ ...s, number: i + 1 })),
    current: { number: current, title: 'Current performance', areas: args.areas },
    after: after.map((s, i) => ({ ...s, number: current + 1 + i })),
  };
}

/** A fixed section's text as numbered paragraphs: 2.1, 2.2 … (a blank line starts a new one). */
export function sectionParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
