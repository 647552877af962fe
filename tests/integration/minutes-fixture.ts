/**
 * Two clinics on the sample file whose notes and actions are written to break a careless export:
 * markup, <script>, quotes, Polish, Welsh and Urdu, emoji, a 300-character word and spreadsheet
 * formula payloads. Shared by the minutes and export tests.
 */
import path from 'node:path';
import { ClinicApp } from '../../main/api/clinic-app';
import type { ExportHost } from '../../main/exports/exporter';
import type { PdfPrinter } from '../../main/exports/pdf-printer';

export const SCRIPT_NOTE =
  '<script>alert(1)</script> Timeliness rose to 55% but is still "well short" of the 80% target.\nThe manager’s view: agency staff at the Front Door.';
export const LANGUAGES = 'Zażółć gęślą jaźń. Mae’r tîm yn gweithio’n galed. ٹیم نے بہت محنت کی ہے۔ 👍📈';
export const LONG_WORD = 'Antidisestablishmentarianism'.repeat(11).slice(0, 300);
export const MARKUP_NOTE = '<b>Bold?</b> & <img src=x onerror=alert(2)> — demand fell by 102.';
export const MARKING = 'OFFICIAL-SENSITIVE';

export interface ClinicFixture {
  app: ClinicApp;
  file: string;
  november: number;
  december: number;
  refs: Record<'hyperlink' | 'plusOne' | 'wholeClinic' | 'overdue' | 'atSum' | 'minusTwo' | 'languages', string>;
}

/** The clock stands at the December clinic, so "overdue" does not depend on the day the tests run. */
export async function clinicFixture(
  folder: string,
  options: { exportHost?: ExportHost; discuss?: boolean } = {},
): Promise<ClinicFixture> {
  const file = path.join(folder, 'clinic.db');
  const app = new ClinicApp({
    preferencesFile: path.join(folder, 'prefs.json'),
    now: () => new Date('2023-12-07T16:00:00Z'),
    exportHost: options.exportHost,
  });
  await app.createFile(file);
  app.setPreferences({ displayName: 'Jane Director' });
  const m = app.meetings;
  const people = {
    kind: 'Director’s performance clinic',
    scope: [],
    chair: 'Jane Director, Director of Children’s Services',
    attendees: ['Head of Service, Front Door', 'Team Manager, Assessment', 'Siân Llewelyn, Performance'],
    apologies: ['Head of Quality Assurance'],
  };
  const november = m.createClinic({ ...people, held_on: '2023-11-09' }).id;
  const hyperlink = m.raiseAction({
    clinicId: november,
    measure: 'decisions_1wd',
    description: '=HYPERLINK("http://x","y") Review the Front Door rota',
    owner: 'Head of Service, Front Door',
    dueOn: '2023-11-30',
  }).ref;
  const plusOne = m.raiseAction({
    clinicId: november,
    measure: 're_referrals_12m',
    description: '+1 audit of re-referrals within 12 months',
    owner: 'Team Manager, Assessment',
    dueOn: '2023-11-24',
  }).ref;
  const overdue = m.raiseAction({
    clinicId: november,
    measure: 'contacts',
    description: 'Report on the fall in contacts from schools',
    owner: 'Performance team',
    dueOn: '2023-12-01',
  }).ref;
  const wholeClinic = m.raiseAction({
    clinicId: november,
    measure: null,
    description: 'Circulate the refreshed scorecard',
    owner: 'Performance team',
    dueOn: '2023-12-15',
  }).ref;

  const december = m.createClinic({ ...people, held_on: '2023-12-07' }).id;
  const ids = new Map(m.listActions().map((a) => [a.ref, a.id]));
  m.updateAction({
    actionId: ids.get(hyperlink)!,
    clinicId: december,
    text: 'Rota agreed; two agency workers made permanent.',
    status: 'done',
  });
  m.updateAction({
    actionId: ids.get(plusOne)!,
    clinicId: december,
    text: '@SUM(A1) cases sampled so far; "more to do"',
    status: 'in_progress',
  });
  const atSum = m.raiseAction({
    clinicId: december,
    measure: 'decisions_1wd',
    description: '@SUM(A1) Check decisions made after 5pm',
    owner: 'Team Manager (rota)',
    dueOn: '2024-01-11',
  }).ref;
  const minusTwo = m.raiseAction({
    clinicId: december,
    measure: 're_referrals_12m',
    description: `-2 points by March: ${LONG_WORD}`,
    owner: 'Head of Service, Front Door',
    dueOn: '2024-03-01',
  }).ref;
  const languages = m.raiseAction({
    clinicId: december,
    measure: 'contacts',
    description: `Share the leaflet in Polish, Welsh and Urdu: ${LANGUAGES}`,
    owner: 'Siân Llewelyn',
    dueOn: '2024-01-31',
  }).ref;

  m.saveNote(december, 'decisions_1wd', SCRIPT_NOTE, 0);
  m.saveNote(december, 're_referrals_12m', `Re-referrals remain high. ${LONG_WORD}`, 0);
  m.saveNote(december, 'contacts', `${MARKUP_NOTE}\n${LANGUAGES}`, 0);
  if (options.discuss !== false) {
    for (const key of ['decisions_1wd', 're_referrals_12m', 'contacts']) m.setDiscussed(december, key, true);
  }
  return {
    app,
    file,
    november,
    december,
    refs: { hyperlink, plusOne, wholeClinic, overdue, atSum, minusTwo, languages },
  };
}

/** A host that answers for the person: a fixed path, a fixed answer to "replace it?", and what it was asked. */
export function testHost(
  printer: PdfPrinter,
  answers: { path: string | null; replace?: boolean },
): ExportHost & {
  asked: { suggested: string[]; replace: string[] };
} {
  const asked = { suggested: [] as string[], replace: [] as string[] };
  return {
    asked,
    printer,
    chooseSavePath: (suggested) => {
      asked.suggested.push(suggested);
      return Promise.resolve(answers.path);
    },
    confirmReplace: (file) => {
      asked.replace.push(file);
      return Promise.resolve(answers.replace ?? false);
    },
  };
}
