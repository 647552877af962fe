/**
 * The measure catalogue: view and edit each measure, its target history, benchmarks with their
 * years, and add or retire measures. Every change is one journalled commit with an audit entry.
 */
import {
  checkFigureForUnit,
  checkMeasureFields,
  MEASURE_KEY,
  type CatalogueMeasure,
  type MeasureFields,
  type TeamFigure,
} from '../domain/catalogue';
import { isPeriod, periodLabel } from '../domain/period';
import type { Period, ServiceArea } from '../domain/types';
import { cleanText } from '../domain/validate';
import * as c from '../store/catalogue';
import type { ClinicFile } from '../store/clinic-file';
import { checkCountNoun, defaultCountNoun, type CountNoun } from '../domain/count-noun';
import { UserError } from '../errors';
import { writeAudit } from '../store/meetings';
import type { Actor } from './meetings';

export type { CatalogueMeasure, MeasureFields, TeamFigure };

function fieldsOf(m: CatalogueMeasure): MeasureFields {
  return {
    title: m.title,
    definition: m.definition,
    area: m.area,
    unit: m.unit,
    polarity: m.polarity,
    frequency: m.frequency,
    tolerance: m.tolerance,
    benchmarks: { ...m.benchmarks },
    benchmark_years: { ...m.benchmark_years },
    numerator_label: m.numerator_label,
    denominator_label: m.denominator_label,
    data_source: m.data_source,
    part_of: m.part_of ?? null,
  };
}

function clean(fields: MeasureFields): MeasureFields {
  const text = (s: string) => cleanText(s).trim();
  return {
    ...fields,
    title: text(fields.title),
    definition: text(fields.definition),
    numerator_label: text(fields.numerator_label),
    denominator_label: text(fields.denominator_label),
    data_source: text(fields.data_source),
    benchmarks: { ...fields.benchmarks },
    benchmark_years: { ...fields.benchmark_years },
  };
}

/** Only the fields that differ, for the audit trail. */
function diff(
  before: MeasureFields,
  after: MeasureFields,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof MeasureFields>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

export class Catalogue {
  constructor(
    private readonly file: () => ClinicFile,
    readonly actor: Actor,
  ) {}

  private get db() {
    return this.file().db;
  }

  private audit(key: string, action: string, before: unknown, after: unknown): void {
    writeAudit(this.db, {
      at: this.actor.now().toISOString(),
      who: this.actor.who,
      entity: 'measure',
      entity_id: key,
      action,
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
      measure: key,
    });
  }

  /** Refuses a change to a file open read-only before anything else is checked, in words. */
  private writable(): void {
    const file = this.file();
    if (file.readOnly)
      throw new UserError(
        `${file.name} is open read-only, so its measures cannot be changed. Save a copy to work on it.`,
      );
  }

  list(options: { includeRetired?: boolean } = {}): CatalogueMeasure[] {
    return c.listCatalogue(this.db, options);
  }

  areas(): ServiceArea[] {
    return c.listAreas(this.db);
  }

  get(key: string): CatalogueMeasure {
    const measure = c.getCatalogueMeasure(this.db, key);
    if (!measure) throw new UserError(`There is no measure "${key}" in this clinic file.`);
    return measure;
  }

  /** Cleaned fields, or a UserError naming the first problem. Titles must differ between measures in use. */
  private check(fields: MeasureFields, key: string): MeasureFields {
    const cleaned = clean(fields);
    const problem = checkMeasureFields(cleaned, new Set(c.listAreas(this.db).map((a) => a.key)));
    if (problem) throw new UserError(problem);
    if (cleaned.part_of) {
      const base = c.getCatalogueMeasure(this.db, cleaned.part_of);
      if (!base) throw new UserError(`There is no measure "${cleaned.part_of}" for this one to be part of.`);
      if (cleaned.part_of === key) throw new UserError('A measure cannot be part of itself.');
      if (base.part_of === key)
        throw new UserError(`"${base.title}" is already part of this measure, so this one cannot be part of it.`);
    }
    const taken = c.measureWithTitle(this.db, cleaned.title, key);
    if (taken !== undefined)
      throw new UserError(`Another measure (${taken}) already has the title "${cleaned.title}".`);
    return cleaned;
  }

  /** What a measure counts ("child", "children"): the one set for it, or the one worked out from its words. */
  countNoun(key: string): { noun: CountNoun | null; set: boolean } {
    const measure = this.get(key);
    const stored = c.storedCountNouns(this.db).get(key);
    return stored ? { noun: stored, set: true } : { noun: defaultCountNoun(measure), set: false };
  }

  /**
   * Sets what a measure counts, so that the report can say "which equates to 10 children"; null
   * goes back to the noun worked out from the measure's title and definition.
   */
  setCountNoun(key: string, noun: CountNoun | null): { noun: CountNoun | null; set: boolean } {
    this.writable();
    const before = this.countNoun(key);
    if (noun === null) {
      if (before.set)
        this.file().commit(() => {
          c.deleteCountNoun(this.db, key);
          this.audit(key, 'count noun cleared', before.noun, undefined);
        });
      return this.countNoun(key);
    }
    const checked = checkCountNoun(noun);
    if (typeof checked === 'string') throw new UserError(checked);
    if (before.set && JSON.stringify(before.noun) === JSON.stringify(checked)) return before;
    this.file().commit(() => {
      c.writeCountNoun(this.db, key, checked, this.actor.now().toISOString(), this.actor.who);
      this.audit(key, 'count noun set', before.noun, checked);
    });
    return this.countNoun(key);
  }

  /** Changes any of a measure's fields; the key stays. */
  update(key: string, changes: Partial<MeasureFields>): CatalogueMeasure {
    this.writable();
    const current = this.get(key);
    const before = fieldsOf(current);
    const next = this.check({ ...before, ...changes }, key);
    if (next.unit !== before.unit) this.checkTargetsFit(current, next.unit);
    const { before: was, after: now } = diff(before, next);
    if (Object.keys(now).length === 0) return current;
    this.file().commit(() => {
      c.updateMeasureFields(this.db, key, next);
      this.audit(key, 'edited', was, now);
    });
    return this.get(key);
  }

  private checkTargetsFit(measure: CatalogueMeasure, unit: MeasureFields['unit']): void {
    for (const t of measure.targets) {
      if (t.target === null) continue;
      const problem = checkFigureForUnit(`target from ${periodLabel(t.applies_from)}`, t.target, unit);
      if (problem) throw new UserError(`${problem} Change the target before changing the unit.`);
    }
  }

  /** Adds a measure at the end of its service area, optionally with a first target. */
  add(input: {
    key: string;
    fields: MeasureFields;
    target?: { target: number; appliesFrom: Period };
  }): CatalogueMeasure {
    this.writable();
    const key = input.key.trim();
    if (!MEASURE_KEY.test(key))
      throw new UserError(
        'A measure key is lower-case letters, digits and underscores, such as visits_cin, and at most 100 characters.',
      );
    if (c.measureExists(this.db, key)) throw new UserError(`There is already a measure with the key "${key}".`);
    const fields = this.check(input.fields, key);
    if (input.target) this.checkTarget(fields.unit, input.target.target, input.target.appliesFrom);
    this.file().commit(() => {
      c.insertMeasure(this.db, key, fields);
      if (input.target)
        c.setTargetFrom(this.db, key, { applies_from: input.target.appliesFrom, target: input.target.target });
      this.audit(key, 'added', undefined, { ...fields, target: input.target ?? null });
    });
    return this.get(key);
  }

  /**
   * Retires a measure: its history stays, and it leaves new clinics, templates and reports of
   * periods after its last figure. Clinics already held with it keep showing it.
   */
  retire(key: string, reason: string): CatalogueMeasure {
    this.writable();
    const measure = this.get(key);
    if (measure.retired_at !== null) throw new UserError(`"${measure.title}" is already retired.`);
    const why = cleanText(reason).trim();
    if (why === '') throw new UserError('Retiring a measure needs a reason, which is kept in the audit.');
    this.file().commit(() => {
      c.setRetired(this.db, key, this.actor.now().toISOString());
      this.audit(key, 'retired', undefined, { reason: why });
    });
    return this.get(key);
  }

  /** Brings a retired measure back into use. */
  reinstate(key: string): CatalogueMeasure {
    this.writable();
    const measure = this.get(key);
    if (measure.retired_at === null) throw new UserError(`"${measure.title}" is in use; it is not retired.`);
    this.file().commit(() => {
      c.setRetired(this.db, key, null);
      this.audit(key, 'reinstated', { retired_at: measure.retired_at }, undefined);
    });
    return this.get(key);
  }

  private checkTarget(unit: MeasureFields['unit'], target: number | null, appliesFrom: Period): void {
    if (!isPeriod(appliesFrom))
      throw new UserError(`Say the month the target applies from, as YYYY-MM (got "${appliesFrom}").`);
    if (target !== null) {
      const problem = checkFigureForUnit('target', target, unit);
      if (problem) throw new UserError(problem);
    }
  }

  /**
   * Sets the target from a month on (null: no target from then). Earlier months keep the
   * target that applied to them; setting the same month again replaces that entry.
   */
  setTarget(key: string, target: number | null, appliesFrom: Period): CatalogueMeasure {
    this.writable();
    const measure = this.get(key);
    this.checkTarget(measure.unit, target, appliesFrom);
    const previous = measure.targets.find((t) => t.applies_from === appliesFrom);
    this.file().commit(() => {
      c.setTargetFrom(this.db, key, { applies_from: appliesFrom, target });
      this.audit(key, 'target set', previous ?? undefined, { applies_from: appliesFrom, target });
    });
    return this.get(key);
  }

  /** Removes one entry of the target history (one set by mistake). */
  removeTarget(key: string, appliesFrom: Period): CatalogueMeasure {
    this.writable();
    const measure = this.get(key);
    const entry = measure.targets.find((t) => t.applies_from === appliesFrom);
    if (!entry) throw new UserError(`"${measure.title}" has no target change in ${periodLabel(appliesFrom)}.`);
    this.file().commit(() => {
      c.deleteTargetFrom(this.db, key, appliesFrom);
      this.audit(key, 'target removed', entry, undefined);
    });
    return this.get(key);
  }

  /** Each team's figure for a measure and period, the whole service first (team ''). */
  teamSplit(key: string, period: Period): TeamFigure[] {
    this.get(key);
    return c.teamSplit(this.db, key, period);
  }
}
