/**
 * Data-quality caveats on a measure's figures: editable data, recorded as changes (so they merge
 * between copies) and in the audit trail.
 */
import { checkCaveat, type CaveatInput } from '../domain/caveats';
import type { Caveat } from '../domain/types';
import { cleanText } from '../domain/validate';
import { UserError } from '../errors';
import * as c from '../store/caveats';
import { getMeasure } from '../store/catalogue';
import type { ClinicFile } from '../store/clinic-file';
import { writeAudit } from '../store/meetings';
import type { Actor } from './meetings';

export class Caveats {
  constructor(
    private readonly file: () => ClinicFile,
    readonly actor: Actor,
  ) {}

  private get db() {
    return this.file().db;
  }

  private checkMeasure(key: string): void {
    if (!getMeasure(this.db, key)) throw new UserError(`There is no measure "${key}" in this clinic file.`);
  }

  private clean(input: CaveatInput): CaveatInput {
    const cleaned = { text: cleanText(input.text).trim(), from: input.from, to: input.to };
    const problem = checkCaveat(cleaned);
    if (problem) throw new UserError(problem);
    return cleaned;
  }

  private audit(measure: string, id: string, action: string, before: unknown, after: unknown): void {
    writeAudit(this.db, {
      at: this.actor.now().toISOString(),
      who: this.actor.who,
      entity: 'caveat',
      entity_id: id,
      action,
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
      measure,
    });
  }

  /** A measure's caveats, oldest first. */
  list(key: string): Caveat[] {
    this.checkMeasure(key);
    return c.listCaveats(this.db, key);
  }

  add(key: string, input: CaveatInput): Caveat {
    this.checkMeasure(key);
    const fields = this.clean(input);
    let added: Caveat | undefined;
    this.file().commit(() => {
      added = c.insertCaveat(this.db, { measure: key, ...fields });
      this.audit(key, added.id, 'added', undefined, fields);
    });
    return added!;
  }

  update(id: string, input: CaveatInput): Caveat {
    const before = c.getCaveat(this.db, id);
    if (!before) throw new UserError('That caveat is no longer there; someone may have removed it.');
    const fields = this.clean(input);
    this.file().commit(() => {
      c.updateCaveat(this.db, id, fields);
      this.audit(before.measure, id, 'changed', { text: before.text, from: before.from, to: before.to }, fields);
    });
    return c.getCaveat(this.db, id)!;
  }

  remove(id: string): void {
    const before = c.getCaveat(this.db, id);
    if (!before) throw new UserError('That caveat is no longer there; someone may have removed it.');
    this.file().commit(() => {
      c.deleteCaveat(this.db, id);
      this.audit(before.measure, id, 'removed', { text: before.text, from: before.from, to: before.to }, undefined);
    });
  }
}
