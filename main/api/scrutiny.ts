/**
 * The monthly performance report for scrutiny (issue 15): drafted from the figures by the rules
 * of domain/scrutiny, with the officer as its author. The fixed sections are written once and kept
 * for next month; an edit of a paragraph is kept for its month and item, stamped and audited, and
 * a new draft never replaces it. Each change is one journalled commit (on disk when this returns).
 */
import { defaultCountNoun } from '../domain/count-noun';
import { isPeriod, periodLabel } from '../domain/period';
import { areaInputs } from '../domain/scrutiny/build-input';
import {
  assembleDocument,
  DEFAULT_SECTIONS,
  draftCurrent,
  PARAGRAPH_MAX,
  SECTION_TEXT_MAX,
  SECTION_TITLE_MAX,
  type FixedSection,
  type ParagraphEdit,
  type ReportParagraph,
  type ScrutinyDocument,
} from '../domain/scrutiny/document';
import type { SpcSummary } from '../domain/spc';
import type { Period } from '../domain/types';
import { cleanText } from '../domain/validate';
import type { ClinicReport } from '../domain/views';
import { UserError } from '../errors';
import { listAreas, storedCountNouns } from '../store/catalogue';
import type { ClinicFile } from '../store/clinic-file';
import type { ClinicDatabase } from '../store/database';
import { writeAudit } from '../store/meetings';
import * as s from '../store/scrutiny';
import type { Actor } from './meetings';

/** Which measures the report covers: all, some service areas, or measures picked one by one. */
export interface ReportSelection {
  areas?: string[];
  measures?: string[];
}

export interface DocumentArgs extends ReportSelection {
  period?: Period;
  compare?: Period;
  marking?: string;
}

/** The markings the window offers; any other short text may be typed. */
export const REPORT_MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE', 'Not for publication'] as const;
export const REPORT_MARKING_MAX = 100;

const DEFAULT_KEYS = new Set(DEFAULT_SECTIONS.map((d) => d.key));

export class ScrutinyReports {
  constructor(
    private readonly file: () => ClinicFile,
    private readonly actor: Actor,
    /** The comparison; `requireCompare`: a month to compare with that has no figures is an error. */
    private readonly report: (
      period: Period | undefined,
      compare: Period | undefined,
      requireCompare: boolean,
    ) => ClinicReport,
  ) {}

  private get db() {
    return this.file().db;
  }

  private now(): string {
    return this.actor.now().toISOString();
  }

  /** The fixed sections as the report prints them: the defaults, overlaid by what the officer wrote. */
  sections(): FixedSection[] {
    const stored = s.storedSections(this.db);
    const byKey = new Map(stored.map((x) => [x.key, x]));
    const out: FixedSection[] = DEFAULT_SECTIONS.map((d) => {
      const mine = byKey.get(d.key);
      return mine ? stripDeleted(mine) : { ...d, updated_at: null, updated_by: null, text_change: null, also: [] };
    });
    for (const x of stored) if (!DEFAULT_KEYS.has(x.key) && x.deleted_at === null) out.push(stripDeleted(x));
    return out.sort((a, b) => (a.place === b.place ? a.position - b.position : a.place === 'before' ? -1 : 1));
  }

  /**
   * Writes a fixed section (kept for every later month). Without a key, adds a closing section
   * after the others.
   */
  saveSection(args: { key?: string; title: string; text: string }): FixedSection[] {
    const title = cleanText(args.title).trim();
    if (title === '') throw new UserError('A section needs a title, for example "Invited witnesses".');
    if (title.length > SECTION_TITLE_MAX)
      throw new UserError(`Keep a section’s title under ${SECTION_TITLE_MAX} characters.`);
    const text = checkSection(args.text);
    const sections = this.sections();
    let before: FixedSection | undefined;
    let next: FixedSection;
    if (args.key === undefined) {
      const after = sections.filter((x) => x.place === 'after');
      const taken = new Set(s.storedSections(this.db).map((x) => x.key));
      let n = after.length + 1;
      while (taken.has(`closing-${n}`)) n += 1;
      next = {
        key: `closing-${n}`,
        title,
        text,
        place: 'after',
        position: Math.max(0, ...after.map((x) => x.position)) + 1,
        updated_at: this.now(),
        updated_by: this.actor.who,
      };
    } else {
      before = sections.find((x) => x.key === args.key);
      if (!before) throw new UserError('That section is no longer in the report; it may have been removed.');
      if (before.title === title && before.text === text) return sections;
      next = { ...before, title, text, updated_at: this.now(), updated_by: this.actor.who };
    }
    this.file().commit(() => {
      s.writeSection(this.db, next);
      this.audit('scrutiny_section', next.key, before ? 'section edited' : 'section added', before, next, null);
    });
    return this.sections();
  }

  /** Removes a closing section the officer added; the fixed sections of the report's shape stay. */
  removeSection(key: string): FixedSection[] {
    if (DEFAULT_KEYS.has(key))
      throw new UserError(
        'Purpose, Background and Future plans are part of the report’s shape; clear their text instead.',
      );
    const before = this.sections().find((x) => x.key === key);
    if (!before) throw new UserError('That section is no longer in the report.');
    this.file().commit(() => {
      s.markSectionDeleted(this.db, key, this.now(), this.actor.who);
      this.audit('scrutiny_section', key, 'section removed', before, undefined, null);
    });
    return this.sections();
  }

  /** The report as drafted for the period, with the officer's edits laid over it. */
  document(args: DocumentArgs = {}, { requireCompare = args.compare !== undefined } = {}): ScrutinyDocument {
    const marking = checkMarking(args.marking ?? '');
    if (args.period !== undefined && !isPeriod(args.period))
      throw new UserError(`Say the month as YYYY-MM, for example 2023-10 (got "${args.period.slice(0, 20)}").`);
    const report = this.report(args.period, args.compare, requireCompare);
    const { period, compare } = report;
    const rows = select(
      report,
      args,
      listAreas(this.db).map((a) => a.key),
    );
    const chosen = new Set(rows.map((r) => r.key));
    const spc = new Map<string, SpcSummary | null>(rows.map((r) => [r.key, r.spc ?? null]));
    const nouns = storedCountNouns(this.db);
    const inputs = areaInputs(
      {
        areas: listAreas(this.db),
        measures: rows.map((r) => ({
          key: r.key,
          title: r.title,
          definition: r.definition,
          area: r.area,
          unit: r.unit,
          polarity: r.polarity,
          frequency: r.frequency,
          target: r.target,
          tolerance: r.tolerance,
          benchmarks: r.benchmarks,
          // Each benchmark's year as the clinic shows it: typed in the catalogue, or loaded from DfE.
          year_labels: {
            national: r.benchmark_details.national?.year ?? null,
            regional: r.benchmark_details.regional?.year ?? null,
            statistical_neighbours: r.benchmark_details.statistical_neighbours?.year ?? null,
          },
          caveats: r.caveats.map((c) => ({ text: c.text, from: c.from })),
          noun: nouns.get(r.key) ?? defaultCountNoun(r),
        })),
        observations: s.serviceFiguresUpTo(this.db, period).filter((o) => chosen.has(o.measure)),
        spc,
      },
      period,
      compare,
    );
    const areas = draftCurrent(inputs, period, compare, s.paragraphEdits(this.db, period));
    return assembleDocument({ period, compare, marking, sections: this.sections(), areas });
  }

  private paragraph(period: Period, compare: Period | undefined, item: string): ReportParagraph {
    // The month compared with may hold no figures (the first month of a file): the draft says so.
    const doc = this.document({ period, compare }, { requireCompare: false });
    const found = doc.current.areas.flatMap((a) => a.paragraphs).find((p) => p.item === item);
    if (!found)
      throw new UserError(`There is no paragraph "${item.slice(0, 60)}" in the report for ${periodLabel(period)}.`);
    return found;
  }

  /** Keeps the officer's text of one paragraph for its month; later drafts never replace it. */
  saveParagraph(args: { period: Period; compare?: Period; item: string; text: string }): ReportParagraph {
    const text = checkParagraph(args.text);
    const current = this.paragraph(args.period, args.compare, args.item);
    const before = s.paragraphEdit(this.db, args.period, args.item);
    if (before && before.text === text && before.basis === current.basis) return current;
    return this.writeParagraph(args, current, text, s.writeParagraphEdit, 'paragraph edited', {
      text: before?.text ?? current.drafted,
    });
  }

  /**
   * Settles a paragraph whose text two copies changed apart (a merge kept both): `text` is the one
   * kept (either, or both combined), and the texts beside it are put away. `textVersion` is the
   * text the officer chose against; if the paragraph changed since, nothing is written.
   */
  settleParagraph(args: {
    period: Period;
    compare?: Period;
    item: string;
    text: string;
    textVersion: string | null;
  }): ReportParagraph {
    const text = checkParagraph(args.text);
    const current = this.paragraph(args.period, args.compare, args.item);
    if (current.textVersion !== args.textVersion)
      throw new UserError(
        `Paragraph ${current.number} was changed since you opened it, so nothing has been saved. Look at it again and choose again.`,
      );
    if (current.also.length === 0) return this.saveParagraph({ ...args, text });
    return this.writeParagraph(args, current, text, s.settleParagraphText, 'texts settled', {
      text: current.text,
      also: current.also,
    });
  }

  /**
   * Writes the text kept of one paragraph, with the figures it was written against, and audits it:
   * one commit. `write` is the store's call: an edit, or a settling of texts kept both ways.
   */
  private writeParagraph(
    args: { period: Period; compare?: Period; item: string },
    current: ReportParagraph,
    text: string,
    write: (db: ClinicDatabase, edit: ParagraphEdit) => void,
    action: string,
    before: unknown,
  ): ReportParagraph {
    const edit = {
      period: args.period,
      item: args.item,
      text,
      figure: current.figure,
      basis: current.basis,
      updated_at: this.now(),
      updated_by: this.actor.who,
    };
    this.file().commit(() => {
      write(this.db, edit);
      this.audit('scrutiny_paragraph', `${args.period} ${args.item}`, action, before, { text }, measureOf(args.item));
    });
    return this.paragraph(args.period, args.compare, args.item);
  }

  /** Settles a fixed section whose text two copies changed apart, as settleParagraph does a paragraph. */
  settleSection(args: { key: string; text: string; textVersion: string | null }): FixedSection[] {
    const text = checkSection(args.text);
    const before = this.sections().find((x) => x.key === args.key);
    if (!before) throw new UserError('That section is no longer in the report; it may have been removed.');
    if ((before.text_change ?? null) !== args.textVersion)
      throw new UserError(
        `The section ${before.title} was changed since you opened it, so nothing has been saved. Look at it again and choose again.`,
      );
    if ((before.also ?? []).length === 0) return this.saveSection({ key: args.key, title: before.title, text });
    this.file().commit(() => {
      s.settleSectionText(this.db, args.key, text, this.now(), this.actor.who);
      this.audit(
        'scrutiny_section',
        args.key,
        'texts settled',
        { text: before.text, also: before.also },
        { text },
        null,
      );
    });
    return this.sections();
  }

  /** Puts the drafted text back in place of the officer's (the edit stays in the audit trail). */
  restoreDraft(args: { period: Period; compare?: Period; item: string }): ReportParagraph {
    const before = s.paragraphEdit(this.db, args.period, args.item);
    if (before) {
      this.file().commit(() => {
        s.deleteParagraphEdit(this.db, args.period, args.item);
        this.audit(
          'scrutiny_paragraph',
          `${args.period} ${args.item}`,
          'draft restored',
          { text: before.text },
          undefined,
          measureOf(args.item),
        );
      });
    }
    return this.paragraph(args.period, args.compare, args.item);
  }

  private audit(entity: string, id: string, action: string, before: unknown, after: unknown, measure: string | null) {
    writeAudit(this.db, {
      at: this.now(),
      who: this.actor.who,
      entity,
      entity_id: id,
      action,
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
      measure,
    });
  }
}

/** A paragraph's text as kept, or why it cannot be. */
function checkParagraph(raw: string): string {
  const text = cleanText(raw).trim();
  if (text === '')
    throw new UserError('A paragraph cannot be empty. To go back to the drafted text, choose Restore the draft.');
  if (text.length > PARAGRAPH_MAX)
    throw new UserError(
      `This paragraph is ${text.length.toLocaleString('en-GB')} characters, over the limit of ${PARAGRAPH_MAX.toLocaleString('en-GB')}. Nothing has been saved and your text is still in the box: shorten it and save again.`,
    );
  return text;
}

/** A section's text as kept, or why it cannot be. */
function checkSection(raw: string): string {
  const text = cleanText(raw).replace(/\s+$/, '');
  if (text.length > SECTION_TEXT_MAX)
    throw new UserError(
      `This section is ${text.length.toLocaleString('en-GB')} characters, over the limit of ${SECTION_TEXT_MAX.toLocaleString('en-GB')}. Nothing has been saved and nothing is lost: shorten it and save again.`,
    );
  return text;
}

function stripDeleted(x: FixedSection & { deleted_at: string | null }): FixedSection {
  const { deleted_at: _deleted, ...rest } = x;
  return rest;
}

function measureOf(item: string): string | null {
  return item.startsWith('area:') ? null : item;
}

export function checkMarking(marking: string): string {
  const cleaned = cleanText(marking).replace(/\s+/g, ' ').trim();
  if (cleaned.length > REPORT_MARKING_MAX)
    throw new UserError(`Keep the protective marking under ${REPORT_MARKING_MAX} characters.`);
  return cleaned;
}

/** The rows of the comparison the report covers, or why the choice is wrong. */
function select(report: ClinicReport, choice: ReportSelection, areaKeys: readonly string[]) {
  const known = new Set(areaKeys);
  if (choice.areas && choice.measures)
    throw new UserError('Choose the measures by service area or one by one, not both.');
  if (choice.areas) {
    if (choice.areas.length === 0) throw new UserError('Choose at least one service area for the report.');
    const unknown = choice.areas.find((a) => !known.has(a));
    if (unknown !== undefined)
      throw new UserError(`There is no service area "${unknown.slice(0, 60)}" in this clinic file.`);
    const wanted = new Set(choice.areas);
    return report.measures.filter((r) => wanted.has(r.area));
  }
  if (choice.measures) {
    if (choice.measures.length === 0) throw new UserError('Choose at least one measure for the report.');
    const have = new Set(report.measures.map((r) => r.key));
    const unknown = choice.measures.find((m) => !have.has(m));
    if (unknown !== undefined)
      throw new UserError(
        `There is no measure "${unknown.slice(0, 60)}" in the report for ${periodLabel(report.period)}.`,
      );
    const wanted = new Set(choice.measures);
    return report.measures.filter((r) => wanted.has(r.key));
  }
  return report.measures;
}
