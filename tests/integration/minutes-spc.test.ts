/**
 * Making Data Count in the minutes: for a discussed measure with a shift, the PDF, the Word file
 * and the HTML carry the variation and assurance icons with their labels and the sentence that
 * says why; a measure with too little history carries neither.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { renderMinutes } from '../../main/exports/exporter';
import { PlaywrightPrinter } from '../../main/exports/playwright-printer';
import { SHIFT_MEASURE, shiftHistoryCsv } from '../support/spc-history';

const printer = new PlaywrightPrinter();
let app: ClinicApp;
let folder: string;
let clinicId: number;

const VARIATION = /Special cause: concern \(low\)\. 8 months in a row below the average of 59\.5% since March 2023\./;
const ASSURANCE =
  /Will consistently fail the target\. The target of 80% is outside the process limits \(between 54\.5% and 64\.5%\)/;

beforeAll(async () => {
  folder = execFileSync('mktemp', ['-d', '-t', 'perfclinic-spc-minutes-XXXXXX'], { encoding: 'utf8' }).trim();
  app = new ClinicApp({ now: () => new Date('2023-11-09T12:00:00Z'), preferencesFile: path.join(folder, 'p.json') });
  await app.createFile(path.join(folder, 'clinic.db'));
  const csv = path.join(folder, 'history.csv');
  writeFileSync(csv, shiftHistoryCsv());
  await app.imports.importFile(csv);
  clinicId = app.meetings.createClinic({
    held_on: '2023-11-09',
    kind: 'Director’s performance clinic',
    scope: [],
    chair: 'Jane Director',
    attendees: [],
    apologies: [],
    period: '2023-10',
    compare: '2023-09',
  }).id;
  app.meetings.setDiscussed(clinicId, SHIFT_MEASURE, true);
  app.meetings.setDiscussed(clinicId, 'contacts', true);
});

afterAll(async () => {
  app?.close();
  await printer.close();
  if (folder) execFileSync('rm', ['-rf', folder]);
});

describe('SPC in the minutes', () => {
  it('the minutes data carry the labels and sentences for a measure with a chart, and none without', () => {
    const items = app.minutes(clinicId).items;
    expect(items.find((i) => i.row.key === SHIFT_MEASURE)?.spc).toMatchObject({
      variation: 'concern_low',
      variationLabel: 'Special cause: concern (low)',
      assurance: 'fail',
      assuranceLabel: 'Will consistently fail the target',
    });
    expect(items.find((i) => i.row.key === 'contacts')?.spc).toBeNull();
  });

  it('the PDF prints both icons with words and the reasons', async () => {
    const file = path.join(folder, 'minutes.pdf');
    writeFileSync(file, await renderMinutes(app.minutes(clinicId), 'pdf', printer));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toMatch(VARIATION);
    expect(text).toMatch(ASSURANCE);
  });

  it('the HTML draws each icon as an SVG hidden from screen readers beside its words', async () => {
    const html = new TextDecoder().decode(await renderMinutes(app.minutes(clinicId), 'html', null));
    expect(html.match(/<p class="spc-line"><svg class="badge"[^>]*aria-hidden="true"/g)).toHaveLength(2);
    expect(html).toContain('fill="#e46c0a"'); // MDC orange, for concern and for will fail
  });

  it('the Word file has each icon as a picture with alternative text, and the sentences as text', async () => {
    const file = path.join(folder, 'minutes.docx');
    writeFileSync(file, await renderMinutes(app.minutes(clinicId), 'docx', null));
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    const text = xml.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text).toMatch(VARIATION);
    expect(text).toMatch(ASSURANCE);
    expect(xml).toContain('descr="Special cause: concern (low)"');
    expect(xml).toContain('descr="Will consistently fail the target"');
  });
});
