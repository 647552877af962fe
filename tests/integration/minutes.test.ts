/**
 * The minutes of the sample clinic, as a person gets them: the PDF read back with pdftotext and
 * drawn with pdftoppm (Debian's poppler-utils), the Word file unzipped, and the save path through
 * the app's export host. Chromium is launched once for the file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, handlersFor } from '../../main/api/dispatch';
import { renderMinutes } from '../../main/exports/exporter';
import { PlaywrightPrinter } from '../../main/exports/playwright-printer';
import { tempDir } from '../support/temp';
import {
  clinicFixture,
  LANGUAGES,
  LONG_WORD,
  MARKING,
  MARKUP_NOTE,
  SCRIPT_NOTE,
  testHost,
  type ClinicFixture,
} from './minutes-fixture';

const printer = new PlaywrightPrinter();
let fixture: ClinicFixture;
let folder: string;
let pdfText: string;
let pdfFile: string;

const unzip = (file: string, entry: string) => execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8' });
/** pdftotext's layout mode keeps columns apart; squeezing runs of spaces makes phrases easy to find. */
const squeeze = (text: string) => text.replace(/[ \t]+/g, ' ');

beforeAll(async () => {
  // tempDir() folders go after each test; this one lives for the file and goes with the OS's temp.
  folder = execFileSync('mktemp', ['-d', '-t', 'perfclinic-minutes-XXXXXX'], { encoding: 'utf8' }).trim();
  fixture = await clinicFixture(folder);
  const minutes = fixture.app.minutes(fixture.december, { protectiveMarking: MARKING });
  pdfFile = path.join(folder, 'minutes.pdf');
  writeFileSync(pdfFile, await renderMinutes(minutes, 'pdf', printer));
  pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
});

afterAll(async () => {
  fixture?.app.close();
  await printer.close();
  if (folder) execFileSync('rm', ['-rf', folder]);
});

describe('the PDF minutes', () => {
  it('has the heading, the people and the periods compared', () => {
    const text = squeeze(pdfText);
    expect(text).toContain('Minutes: Director’s performance clinic');
    expect(text).toContain('Thursday 7 December 2023');
    expect(text).toContain('Jane Director, Director of Children’s Services');
    expect(text).toContain('Siân Llewelyn, Performance');
    expect(text).toContain('Head of Quality Assurance');
    expect(text).toContain('October 2023 compared with September 2023');
  });

  it('has the summary counts', () => {
    const text = squeeze(pdfText);
    expect(text).toMatch(/49 measures in this clinic/);
    expect(text).toMatch(/Actions raised at this clinic/);
    expect(text).toMatch(/Actions overdue at this clinic/);
  });

  it('has the discussed measures in agenda order with their figures, notes and actions', () => {
    const text = squeeze(pdfText);
    const order = [
      // The proposed agenda puts re-referrals (42% over its target) before decisions (31% short).
      'Re-referrals within 12 months',
      '28.4%',
      'England',
      '21.5%',
      'Re-referrals remain high.',
      fixture.refs.minusTwo,
      fixture.refs.plusOne,
      'Decisions within 1 working day',
      '53%',
      '55%',
      '+2.0 pts',
      '80%',
      '\u2717 Off target',
      '<script>alert(1)</script> Timeliness rose to 55%',
      fixture.refs.atSum,
      fixture.refs.hyperlink,
      'Contacts',
      '883',
      '781',
      '−102 (−11.6%)',
      '<b>Bold?</b> & <img src=x onerror=alert(2)>',
      fixture.refs.languages,
      'Action log',
    ];
    let at = 0;
    for (const phrase of order) {
      const found = text.indexOf(phrase, at);
      expect(found, `"${phrase}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + phrase.length;
    }
  });

  it('prints what people typed as they typed it: quotes, other languages, long words, formula text', () => {
    const text = squeeze(pdfText);
    expect(text).toContain(SCRIPT_NOTE.split('\n')[0]);
    expect(text).toContain(MARKUP_NOTE);
    for (const words of ['Zażółć gęślą jaźń.', 'Mae’r tîm yn gweithio’n galed.']) expect(text).toContain(words);
    expect(text).toContain('محنت');
    // The 300-character word wraps inside the page rather than running off it.
    expect(pdfText.replace(/\s+/g, '')).toContain(LONG_WORD);
    expect(text).toContain('=HYPERLINK("http://x","y")');
    expect(text).toContain('@SUM(A1) Check decisions made after 5pm');
    expect(text).toContain('+1 audit of re-referrals');
  });

  it('leaks no markup and double-escapes nothing', () => {
    expect(pdfText).not.toMatch(/&lt;|&gt;|&amp;|&quot;|&#39;|<\/?(div|span|td|tr|p|h\d)\b/);
    expect(pdfText).not.toContain('<script>alert(1)</script><');
  });

  it('has the action log with carried forward, new and closed actions, the closed ones marked', () => {
    const log = squeeze(pdfText.slice(pdfText.lastIndexOf('Action log')));
    expect(log).toMatch(/Carried forward from earlier clinics \(3\)/);
    expect(log).toMatch(/New actions raised at this clinic \(3\)/);
    expect(log).toMatch(/Closed since the last clinic \(1\)/);
    const closed = log.slice(log.indexOf('Closed since the last clinic'));
    expect(closed).toContain(fixture.refs.hyperlink);
    expect(closed).toMatch(/✓ Done/);
    expect(closed).toMatch(/CLOSED/);
    expect(log).toContain('Rota agreed; two');
    expect(log).toMatch(/OVERDUE/);
  });

  it('has the marking, the date produced and page numbers on every page', () => {
    const pages = pdfText.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      expect(page).toContain(MARKING);
      expect(page).toContain('Produced 7 December 2023');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('prints the emoji people type in notes, in colour, not as empty boxes', () => {
    // The fixture's note ends 👍📈. Chromium draws them from a colour emoji font where there is one
    // (.ci/run installs Debian's fonts-noto-color-emoji); without it they print as black boxes.
    const pages = execFileSync('pdftotext', ['-bbox', pdfFile, '-'], { encoding: 'utf8' }).split('<page ').slice(1);
    const page = pages.findIndex((p) => p.includes('👍'));
    expect(page).toBeGreaterThanOrEqual(0);
    const box = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">[^<]*👍/.exec(pages[page]!);
    const [x0, y0, x1, y1] = box!.slice(1).map((v) => (Number(v) * 144) / 72);
    const out = path.join(folder, 'emoji');
    const crop = [x0!, y0!, x1! - x0!, y1! - y0!].map((v) => String(Math.round(v)));
    const [x, y, w, h] = crop as [string, string, string, string];
    execFileSync('pdftoppm', [
      ...['-f', String(page + 1), '-l', String(page + 1), '-r', '144'],
      ...['-x', x, '-y', y, '-W', w, '-H', h],
      ...['-png', '-singlefile', pdfFile, out],
    ]);
    const png = PNG.sync.read(readFileSync(`${out}.png`));
    let coloured = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 80) coloured++;
    }
    expect(coloured).toBeGreaterThan(50);
  });

  it('is A4 and draws as pages with ink on them', () => {
    const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    const out = path.join(folder, 'page');
    execFileSync('pdftoppm', ['-r', '60', '-png', pdfFile, out]);
    const pngs = readdirSync(folder).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pngs.length).toBe(pdfText.split('\f').filter((p) => p.trim() !== '').length);
    for (const png of pngs) expect(statSync(path.join(folder, png)).size).toBeGreaterThan(10_000);
  });
});

describe('the Word minutes', () => {
  let xml: string;
  let file: string;
  beforeAll(async () => {
    const minutes = fixture.app.minutes(fixture.december, { protectiveMarking: MARKING });
    file = path.join(folder, 'minutes.docx');
    writeFileSync(file, await renderMinutes(minutes, 'docx', null));
    xml = unzip(file, 'word/document.xml');
  });

  it('has real headings and tables', () => {
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBeGreaterThanOrEqual(3);
    expect(xml.match(/<w:pStyle w:val="Heading2"\/>/g)?.length).toBeGreaterThanOrEqual(3);
    expect(xml.match(/<w:tbl>/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('holds the notes and actions as text, escaped for XML, in agenda order', () => {
    const text = xml.replace(/<[^>]+>/g, '');
    const order = [
      'Re-referrals within 12 months',
      LONG_WORD,
      'Decisions within 1 working day',
      '&lt;script&gt;alert(1)&lt;/script&gt; Timeliness rose to 55%',
      fixture.refs.atSum,
      'Contacts',
      '&lt;b&gt;Bold?&lt;/b&gt; &amp; &lt;img src=x onerror=alert(2)&gt;',
      LANGUAGES,
      'Action log',
      'Closed since the last clinic (1)',
    ];
    let at = 0;
    for (const phrase of order) {
      const found = text.indexOf(phrase, at);
      expect(found, `"${phrase}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + phrase.length;
    }
    expect(xml).not.toContain('<script>');
  });

  it('has a chart picture for each measure discussed', () => {
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    expect(listing.match(/word\/media\/[^\s]+\.png/g)?.length).toBe(3);
    expect(xml.match(/<pic:pic/g)?.length).toBe(3);
    expect(xml).toContain('Trend of Decisions within 1 working day');
  });

  it('has the marking in the page header and page numbers and the date in the footer', () => {
    expect(unzip(file, 'word/header1.xml')).toContain(MARKING);
    const footer = unzip(file, 'word/footer1.xml');
    expect(footer).toContain('Produced 7 December 2023');
    expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
  });
});

describe('saving the minutes from the app', () => {
  it('saves where the person chose, with the extension added, after suggesting a name', async () => {
    const dir = tempDir();
    const host = testHost(printer, { path: path.join(dir, 'november minutes') });
    const f = await clinicFixture(dir, { exportHost: host });
    const saved = await f.app.exportMinutes({ clinicId: f.december, format: 'html' });
    f.app.close();
    expect(saved).toEqual({ path: path.join(dir, 'november minutes.html') });
    expect(host.asked.suggested).toEqual(['Minutes DPC 2023-12-07.html']);
    expect(host.asked.replace).toEqual([]);
    expect(readFileSync(saved!.path, 'utf8')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('a cancelled save dialog writes nothing and answers null', async () => {
    const dir = tempDir();
    const f = await clinicFixture(dir, { exportHost: testHost(printer, { path: null }) });
    expect(await f.app.exportMinutes({ clinicId: f.december, format: 'docx' })).toBeNull();
    f.app.close();
    expect(readdirSync(dir).filter((name) => name.endsWith('.docx'))).toEqual([]);
  });

  it('asks before replacing a file, and leaves it alone when told no', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'minutes.docx');
    writeFileSync(target, 'the clerk’s edited copy');
    const refuse = testHost(printer, { path: target, replace: false });
    const f = await clinicFixture(dir, { exportHost: refuse });
    expect(await f.app.exportMinutes({ clinicId: f.december, format: 'docx' })).toBeNull();
    expect(refuse.asked.replace).toEqual([target]);
    expect(readFileSync(target, 'utf8')).toBe('the clerk’s edited copy');

    const accept = testHost(printer, { path: target, replace: true });
    expect(await f.app.exportMinutes({ clinicId: f.december, format: 'docx' }, accept)).toEqual({ path: target });
    f.app.close();
    expect(readFileSync(target).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('over the contract: a PDF through the host, a readable error without one, and limits checked', async () => {
    const dir = tempDir();
    const f = await clinicFixture(dir, { exportHost: testHost(printer, { path: path.join(dir, 'm.pdf') }) });
    const dispatch = createDispatcher(handlersFor(f.app));
    const saved = await dispatch('exportMinutes', { clinicId: f.december, format: 'pdf', protectiveMarking: MARKING });
    expect(saved).toEqual({ ok: true, value: { path: path.join(dir, 'm.pdf') } });
    expect(readFileSync(path.join(dir, 'm.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await dispatch('exportMinutes', { clinicId: f.december, format: 'rtf' })).toMatchObject({ ok: false });
    expect(
      await dispatch('exportMinutes', { clinicId: f.december, format: 'pdf', protectiveMarking: 'x'.repeat(101) }),
    ).toMatchObject({ ok: false });
    expect(await dispatch('exportMinutes', { clinicId: 999, format: 'pdf' })).toEqual({
      ok: false,
      error: 'That clinic is no longer in this file. It may have been removed in another window.',
    });
    f.app.close();

    const bare = await clinicFixture(tempDir());
    const refused = await createDispatcher(handlersFor(bare.app))('exportMinutes', {
      clinicId: bare.december,
      format: 'html',
    });
    bare.app.close();
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/perfclinic minutes/) });
  });

  it('a marking is optional: without one the pages have no marking line', async () => {
    const m = fixture.app.minutes(fixture.december);
    const file = path.join(folder, 'unmarked.pdf');
    writeFileSync(file, await renderMinutes(m, 'pdf', printer));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).not.toContain(MARKING);
    expect(text).toContain('Page 1 of');
    expect(existsSync(file)).toBe(true);
  });
});
