/**
 * reliability.md rule 12, as a property: three copies of one clinic file, random operations on
 * each through the application API, exchanged and merged in random orders, end equal in a
 * canonical dump; every note text someone confirmed and nobody saw replaced is still there
 * (current or kept beside); no two actions share a reference.
 *
 * Reproduce a failure with the seed (and path) it prints:
 *   MERGE_SEED=123 MERGE_PATH="0:1" npx vitest run tests/integration/merge-property.test.ts
 * MERGE_RUNS and MERGE_OPS change how many runs and operations per copy.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import type { ClinicFile } from '../../main/store/clinic-file';
import { UserError } from '../../main/errors';
import { canonicalDump } from '../../main/store/sync';
import { newClinic } from '../support/clinics';
import { csv } from '../support/spreadsheets';
import { tempDir } from '../support/temp';

const RUNS = Number(process.env.MERGE_RUNS ?? 2);
const OPS = Number(process.env.MERGE_OPS ?? 200);
const SEED = process.env.MERGE_SEED === undefined ? Date.now() % 2_147_483_647 : Number(process.env.MERGE_SEED);
const PATH = process.env.MERGE_PATH;

const MEASURES = ['contacts', 'referrals', 'decisions_1wd', 'cp_repeat_plan_2y'];
const PEOPLE = ['Jane Director', 'Priya Shah', 'Sam Okafor'];

type Op =
  | { kind: 'note'; measure: number; text: number }
  | { kind: 'deleteNote'; measure: number }
  | { kind: 'settle'; measure: number }
  | { kind: 'raise'; measure: number }
  | { kind: 'update'; pick: number; status: number }
  | { kind: 'edit'; pick: number }
  | { kind: 'deleteAction'; pick: number }
  | { kind: 'agenda'; seed: number }
  | { kind: 'discussed'; measure: number; on: boolean }
  | { kind: 'catalogue'; measure: number; text: number }
  | { kind: 'target'; measure: number; value: number; month: number }
  | { kind: 'removeTarget'; measure: number; month: number }
  | { kind: 'spc'; measure: number; baseline: boolean; shift: boolean }
  | { kind: 'annotate'; measure: number; text: number }
  | { kind: 'removeAnnotation'; pick: number }
  | { kind: 'import'; measure: number; value: number }
  | { kind: 'clinic'; day: number };

const m = fc.nat({ max: MEASURES.length - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('note' as const), measure: m, text: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteNote' as const), measure: m }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle' as const), measure: m }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('raise' as const), measure: m }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), status: fc.nat({ max: 3 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteAction' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('agenda' as const), seed: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('discussed' as const), measure: m, on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('catalogue' as const), measure: m, text: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('target' as const),
      measure: m,
      value: fc.integer({ min: 1, max: 99 }),
      month: fc.nat({ max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('removeTarget' as const), measure: m, month: fc.nat({ max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('spc' as const),
      measure: m,
      baseline: fc.boolean(),
      shift: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('annotate' as const), measure: m, text: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeAnnotation' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('import' as const), measure: m, value: fc.integer({ min: 1, max: 500 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clinic' as const), day: fc.integer({ min: 1, max: 28 }) }) },
);

/** A step: one copy does an operation, or merges another copy in. */
type Step = { copy: number; op: Op } | { copy: number; mergeFrom: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ copy: fc.nat({ max: 2 }), op }) },
  {
    weight: 1,
    arbitrary: fc
      .record({ copy: fc.nat({ max: 2 }), by: fc.integer({ min: 1, max: 2 }) })
      .map(({ copy, by }) => ({ copy, mergeFrom: (copy + by) % 3 })),
  },
);

interface Copy {
  app: ClinicApp;
  file: string;
}

const fileOf = (app: ClinicApp) => (app as unknown as { current(): ClinicFile }).current();
/** A note by its clinic's stable id: local clinic ids differ between copies. */
function noteKey(app: ClinicApp, clinicId: number, measure: string): string {
  return `${fileOf(app).db.get<{ uid: string }>('SELECT uid FROM clinics WHERE id = ?', [clinicId])!.uid}|${measure}`;
}

async function makeCopies(dir: string): Promise<{ copies: Copy[]; clinicUid: string }> {
  const base = path.join(dir, 'base.db');
  const app = new ClinicApp({ preferencesFile: path.join(dir, 'base.json'), deviceId: 'base' });
  await app.createFile(base);
  app.setPreferences({ displayName: 'Setup' });
  app.meetings.createClinic(newClinic());
  const clinicUid = fileOf(app).db.get<{ uid: string }>('SELECT uid FROM clinics')!.uid;
  app.close();
  const copies: Copy[] = [];
  for (let i = 0; i < 3; i++) {
    const file = path.join(dir, `copy${i}.db`);
    fs.copyFileSync(base, file);
    const copy = new ClinicApp({ preferencesFile: path.join(dir, `p${i}.json`), deviceId: `device-${i}` });
    await copy.openFile(file);
    copy.setPreferences({ displayName: PEOPLE[i]! });
    copies.push({ app: copy, file });
  }
  return { copies, clinicUid };
}

/** Runs one operation; a refusal the person would see (UserError) is fine, anything else is not. */
function perform(app: ClinicApp, o: Op, who: number, live: Map<string, Set<string>>, counter: { n: number }): void {
  const clinics = app.meetings.listClinics().filter((c) => c.status === 'draft');
  const clinic = clinics[0];
  if (!clinic) return;
  const measure = MEASURES['measure' in o ? o.measure : 0]!;
  const actions = () => app.meetings.listActions();
  const pick = <T>(list: T[], n: number) => (list.length === 0 ? undefined : list[n % list.length]);
  /** The texts this person sees for a note: writing or deleting it replaces them knowingly. */
  const seen = () => {
    const note = app.sync.note(clinic.id, measure);
    return note ? [note.text, ...note.also.map((a) => a.text)] : [];
  };
  const replace = (texts: string[], next: string | null) => {
    const key = noteKey(app, clinic.id, measure);
    const set = live.get(key) ?? new Set<string>();
    for (const t of texts) set.delete(t);
    if (next !== null) set.add(next);
    live.set(key, set);
  };
  try {
    switch (o.kind) {
      case 'note': {
        const before = seen();
        const text = `${PEOPLE[who]} note ${++counter.n} (${o.text})`;
        app.meetings.saveNote(clinic.id, measure, text, app.sync.note(clinic.id, measure)?.version ?? 0);
        replace(before, text);
        return;
      }
      case 'deleteNote': {
        const note = app.sync.note(clinic.id, measure);
        if (!note) return;
        const before = seen();
        app.meetings.deleteNote(clinic.id, measure, note.version);
        replace(before, null);
        return;
      }
      case 'settle': {
        const note = app.sync.note(clinic.id, measure);
        if (!note || note.also.length === 0) return;
        const before = seen();
        const text = before.join(' + ');
        app.sync.resolveNote(clinic.id, measure, text, note.version);
        replace(before, text);
        return;
      }
      case 'raise':
        app.meetings.raiseAction({
          clinicId: clinic.id,
          measure,
          description: `Action ${++counter.n} by ${PEOPLE[who]}`,
          owner: PEOPLE[(who + 1) % 3]!,
          dueOn: '2023-12-20',
        });
        return;
      case 'update': {
        const a = pick(actions(), o.pick);
        if (!a) return;
        const status = (['open', 'in_progress', 'done', 'dropped'] as const)[o.status]!;
        app.meetings.updateAction({ actionId: a.id, clinicId: clinic.id, text: `Update ${++counter.n}`, status });
        return;
      }
      case 'edit': {
        const a = pick(actions(), o.pick);
        if (a)
          app.meetings.editAction({
            actionId: a.id,
            description: `Edited ${++counter.n}`,
            owner: a.owner,
            dueOn: a.due_on,
          });
        return;
      }
      case 'deleteAction': {
        const a = pick(actions(), o.pick);
        if (a) app.meetings.deleteAction(a.id, 'raised twice');
        return;
      }
      case 'agenda': {
        const order = app.meetings.getClinicView(clinic.id).agenda.map((x) => x.measure);
        const k = o.seed % Math.max(order.length, 1);
        app.meetings.saveAgenda(clinic.id, [...order.slice(k), ...order.slice(0, k)]);
        return;
      }
      case 'discussed':
        app.meetings.setDiscussed(clinic.id, measure, o.on);
        return;
      case 'catalogue':
        app.catalogue.update(measure, { definition: `Definition ${o.text} by ${PEOPLE[who]}` });
        return;
      case 'target':
        app.catalogue.setTarget(measure, o.value, `2023-0${7 + o.month}`);
        return;
      case 'removeTarget':
        app.catalogue.removeTarget(measure, `2023-0${7 + o.month}`);
        return;
      case 'spc':
        app.spc.setOptions(measure, {
          baseline: o.baseline ? 12 : null,
          screening: o.shift,
          shiftLength: o.shift ? 6 : 7,
        });
        return;
      case 'annotate':
        app.spc.annotate(measure, '2023-09', `Annotation ${o.text} by ${PEOPLE[who]}`);
        return;
      case 'removeAnnotation': {
        const list = MEASURES.flatMap((k) => app.spc.annotations(k));
        const a = pick(list, o.pick);
        if (a) app.spc.removeAnnotation(a.id);
        return;
      }
      case 'clinic':
        app.meetings.createClinic({
          held_on: `2023-12-${String(o.day).padStart(2, '0')}`,
          kind: 'Head of Service clinic',
          scope: [],
          chair: PEOPLE[who]!,
          attendees: [],
          apologies: [],
        });
        return;
      case 'import':
        throw new Error('imports are awaited: see run()');
    }
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
  }
}

async function run(steps: Step[]): Promise<void> {
  const dir = tempDir();
  const { copies } = await makeCopies(dir);
  const live = new Map<string, Set<string>>();
  const counter = { n: 0 };
  try {
    for (const s of steps) {
      const { app } = copies[s.copy]!;
      if ('mergeFrom' in s) {
        await app.sync.merge(copies[s.mergeFrom]!.file);
      } else if (s.op.kind === 'import') {
        const rows = csv([
          'Measure,Period,Value,Numerator,Denominator,Team',
          `${MEASURES[s.op.measure]},2023-10,${s.op.value},,,`,
        ]);
        await app.imports.importBytes(rows, `figures ${++counter.n}.csv`).catch((error: unknown) => {
          if (!(error instanceof UserError)) throw error;
        });
      } else {
        perform(app, s.op, s.copy, live, counter);
      }
      // No checkpoint: a merge reads the other copy's file and the journal beside it, as after a crash.
    }
    // Everyone exchanges everything: 0 takes 1 and 2, then 1 and 2 take 0.
    for (const [to, from] of [
      [0, 1],
      [0, 2],
      [1, 0],
      [2, 0],
    ] as const)
      await copies[to]!.app.sync.merge(copies[from]!.file);
    const dumps = copies.map((c) => canonicalDump(fileOf(c.app).db));
    expect(dumps[1]).toEqual(dumps[0]);
    expect(dumps[2]).toEqual(dumps[0]);

    const app = copies[0]!.app;
    for (const [key, texts] of live) {
      const [uid, measure] = key.split('|') as [string, string];
      const clinicId = fileOf(app).db.get<{ id: number }>('SELECT id FROM clinics WHERE uid = ?', [uid])!.id;
      const note = app.sync.note(clinicId, measure);
      const present = note ? [note.text, ...note.also.map((a) => a.text)] : [];
      for (const text of texts) expect(present, `note ${key}`).toContain(text);
    }
    const refs = app.meetings.listActions().map((a) => a.ref);
    expect(new Set(refs).size).toBe(refs.length);
    for (const c of copies)
      expect(fileOf(c.app).db.get<{ n: number }>("SELECT count(*) AS n FROM actions WHERE ref LIKE '%~%'")!.n).toBe(0);
  } finally {
    for (const c of copies) c.app.close();
  }
}

describe('three copies merged in random orders', () => {
  it('converge to one state with every confirmed note text and no colliding reference', async () => {
    const started = Date.now();
    console.log(
      `merge property: seed ${SEED}, ${RUNS} runs of ${OPS * 3} steps (about ${OPS} operations a copy, and merges)`,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: OPS * 3, maxLength: OPS * 3 }), (steps) => run(steps)),
      { seed: SEED, path: PATH, numRuns: RUNS, endOnFailure: true },
    );
    console.log(`merge property: ${RUNS} runs passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 300_000);
});
