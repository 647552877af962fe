/**
 * What a measure keeps for its SPC chart between clinics: the options the analysis runs with
 * (spc.md: baseline, screening, shift length), rebasings with their reasons, and dated notes
 * on the chart. Each change is one journalled commit with an audit entry.
 */
import { isPeriod, periodLabel } from '../domain/period';
import { BASELINE_MAX, BASELINE_MIN, type Annotation, type SpcSettings } from '../domain/spc';
import type { Period } from '../domain/types';
import { cleanText } from '../domain/validate';
import { getMeasure } from '../store/catalogue';
import type { ClinicFile } from '../store/clinic-file';
import { UserError } from '../errors';
import { writeAudit } from '../store/meetings';
import * as s from '../store/spc';
import type { Actor } from './meetings';

export type { Annotation, SpcSettings };

/** The longest reason or annotation kept; a sentence or two is what they are for. */
export const SPC_TEXT_MAX = 500;

export interface SpcOptionsInput {
  baseline: number | null;
  screening: boolean;
  shiftLength: 6 | 7;
}

export class SpcControls {
  constructor(
    private readonly file: () => ClinicFile,
    readonly actor: Actor,
  ) {}

  private get db() {
    return this.file().db;
  }

  private measureTitle(key: string): string {
    const measure = getMeasure(this.db, key);
    if (!measure) throw new UserError(`There is no measure "${key}" in this clinic file.`);
    return measure.title;
  }

  private audit(key: string, entity: string, entityId: string, action: string, before: unknown, after: unknown) {
    writeAudit(this.db, {
      at: this.actor.now().toISOString(),
      who: this.actor.who,
      entity,
      entity_id: entityId,
      action,
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
      measure: key,
    });
  }

  private text(value: string, what: string): string {
    const cleaned = cleanText(value).trim();
    if (cleaned === '') throw new UserError(`${what} cannot be empty.`);
    if (cleaned.length > SPC_TEXT_MAX)
      throw new UserError(`Keep ${what.toLowerCase()} under ${SPC_TEXT_MAX} characters (it has ${cleaned.length}).`);
    return cleaned;
  }

  private period(value: Period): Period {
    if (!isPeriod(value)) throw new UserError(`Say the month as YYYY-MM (got "${value}").`);
    return value;
  }

  settings(key: string): SpcSettings {
    this.measureTitle(key);
    return s.spcSettings(this.db, key);
  }

  setOptions(key: string, options: SpcOptionsInput): SpcSettings {
    const title = this.measureTitle(key);
    const { baseline, screening, shiftLength } = options;
    if (baseline !== null && (!Number.isInteger(baseline) || baseline < BASELINE_MIN || baseline > BASELINE_MAX))
      throw new UserError(
        `Fix the limits on between ${BASELINE_MIN} and ${BASELINE_MAX} points for "${title}", or on all of them.`,
      );
    if (shiftLength !== 6 && shiftLength !== 7) throw new UserError('A shift or a trend is 6 or 7 points in a row.');
    const before = s.spcSettings(this.db, key);
    if (before.baseline === baseline && before.screening === screening && before.shiftLength === shiftLength)
      return before;
    this.file().commit(() => {
      s.writeSpcSettings(this.db, key, options, this.actor.now().toISOString(), this.actor.who);
      this.audit(
        key,
        'spc',
        key,
        'spc options changed',
        { baseline: before.baseline, screening: before.screening, shiftLength: before.shiftLength },
        options,
      );
    });
    return s.spcSettings(this.db, key);
  }

  /** Starts new limits from `period`, for a change in the process the reason names. */
  rebase(key: string, period: Period, reason: string): SpcSettings {
    const title = this.measureTitle(key);
    const from = this.period(period);
    const why = this.text(reason, 'The reason for recalculating the limits');
    if (s.spcSettings(this.db, key).rebases.some((r) => r.period === from))
      throw new UserError(`The limits of "${title}" are already recalculated from ${periodLabel(from)}.`);
    const rebase = {
      period: from,
      reason: why,
      created_at: this.actor.now().toISOString(),
      created_by: this.actor.who,
    };
    this.file().commit(() => {
      s.insertRebase(this.db, key, rebase);
      this.audit(key, 'spc', key, 'limits recalculated', undefined, { period: from, reason: why });
    });
    return s.spcSettings(this.db, key);
  }

  removeRebase(key: string, period: Period): SpcSettings {
    const title = this.measureTitle(key);
    const entry = s.spcSettings(this.db, key).rebases.find((r) => r.period === period);
    if (!entry) throw new UserError(`The limits of "${title}" are not recalculated from ${periodLabel(period)}.`);
    this.file().commit(() => {
      s.deleteRebase(this.db, key, period);
      this.audit(key, 'spc', key, 'recalculation removed', entry, undefined);
    });
    return s.spcSettings(this.db, key);
  }

  annotations(key: string): Annotation[] {
    this.measureTitle(key);
    return s.annotationsFor(this.db, key);
  }

  annotate(key: string, period: Period, text: string): Annotation {
    this.measureTitle(key);
    const at = this.period(period);
    const note = this.text(text, 'The note');
    let id = 0;
    this.file().commit(() => {
      id = s.insertAnnotation(this.db, {
        measure: key,
        period: at,
        text: note,
        created_at: this.actor.now().toISOString(),
        created_by: this.actor.who,
      });
      this.audit(key, 'annotation', String(id), 'added', undefined, { period: at, text: note });
    });
    return s.getAnnotation(this.db, id)!;
  }

  removeAnnotation(id: number): void {
    const annotation = s.getAnnotation(this.db, id);
    if (!annotation) throw new UserError('That note is no longer on the chart; someone may have removed it.');
    this.file().commit(() => {
      s.deleteAnnotation(this.db, id);
      this.audit(
        annotation.measure,
        'annotation',
        String(id),
        'removed',
        { period: annotation.period, text: annotation.text },
        undefined,
      );
    });
  }
}
