/** The scrutiny report through the application API: drafts, the officer's edits and sections, merging, exports. */
import * as fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import type { ExportHost } from '../../main/exports/exporter';
import { renderScrutiny } from '../../main/exports/scrutiny-export';
import { insertDataset } from '../../main/store/catalogue';
import { APPLICATION_ID, type ClinicFile } from '../../main/store/clinic-file';
import { ClinicDatabase } from '../../main/store/database';
import { migrations } from '../../main/store/migrations';
import { october2023 } from '../../main/sample/october-2023';
import { canonicalDump } from '../../main/store/sync';
import { csv } from '../support/spreadsheets';
import { tempDir } from '../support/temp';

let clock = Date.parse('2023-11-20T10:00:00Z');
const now = () => new Date((clock += 1000));

async function sample(name = 'Jane Murphy', device = 'office-pc', dir = tempDir()) {
  const file = path.join(dir, 'clinic.db');
  const app = new ClinicApp({ preferencesFile: path.join(dir, `${device}.json`), now, deviceId: device });
  await app.createFile(file);
  app.setPreferences({ displayName: name });
  return { app, file, dir };
}

const paragraphOf = (app: ClinicApp, item: string, period = '2023-10') =>
  app.scrutiny
    .document({ period })
    .current.areas.flatMap((a) => a.paragraphs)
    .find((p) => p.item === item)!;

const HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://evil") \u202Egnp.exe **bold** | # heading שלום עולם';

describe('the drafted report', () => {
  it('follows the seed’s shape: 1 Purpose, 2 Background, 3 by service area, 4 Future plans', async () => {
    const { app } = await sample();
    const doc = app.scrutiny.document();
    expect(doc.period).toBe('2023-10');
    expect(doc.compare).toBe('2023-09');
    expect(doc.before.map((s) => s.title)).toEqual(['Purpose', 'Background']);
    expect(doc.current.number).toBe(3);
    expect(doc.current.areas.map((a) => a.title)[0]).toBe('Demand');
    expect(doc.after.map((s) => `${s.number} ${s.title}`)).toEqual(['4 Future plans and challenges']);
    app.close();
  });

  it('chooses measures by service area or one by one, and says what is wrong with a choice', async () => {
    const { app } = await sample();
    expect(app.scrutiny.document({ areas: ['visits'] }).current.areas.map((a) => a.key)).toEqual(['visits']);
    const picked = app.scrutiny.document({ measures: ['re_referrals_12m', 'contacts'] });
    expect(picked.current.areas.flatMap((a) => a.paragraphs.map((p) => `${p.number} ${p.item}`))).toEqual([
      '3.1 contacts',
      '3.2 re_referrals_12m',
    ]);
    expect(() => app.scrutiny.document({ areas: ['nowhere'] })).toThrow('There is no service area "nowhere"');
    expect(() => app.scrutiny.document({ measures: [] })).toThrow('Choose at least one measure');
    expect(() => app.scrutiny.document({ period: '2019-01' })).toThrow('There are no figures for January 2019');
    expect(() => app.scrutiny.document({ period: '' })).toThrow('Say the month as YYYY-MM');
    expect(() => app.scrutiny.document({ marking: 'x'.repeat(101) })).toThrow('under 100 characters');
    app.close();
  });

  it('an empty file: a clear message, not an empty report', async () => {
    const dir = tempDir();
    const app = new ClinicApp({ now });
    await app.createFile(path.join(dir, 'empty.db'), { empty: true });
    expect(() => app.scrutiny.document()).toThrow('This clinic file holds no figures yet');
    app.close();
  });

  it('a measure with no figure for the month says so and is flagged for a person', async () => {
    const { app } = await sample();
    await app.imports.importBytes(
      csv(['Measure,Period,Value,Numerator,Denominator,Team', 'contacts,2023-11,800,,,']),
      'nov.csv',
    );
    const p = paragraphOf(app, 'referrals', '2023-11');
    expect(p.text).toBe('There is no figure for Referrals for November 2023 in this file.');
    expect(p.needsPerson).toEqual(['There is no figure for this period.']);
    app.close();
  });

  it('a measure with no figure yet gets no paragraph, so the sample numbers its paragraphs as the report does', async () => {
    const { app } = await sample();
    const items = app.scrutiny
      .document({ period: '2023-10' })
      .current.areas.flatMap((a) => a.paragraphs)
      .map((p) => p.item);
    // The rates per 10,000 wait for DfE's figures: none of their own yet.
    expect(items).not.toContain('cla_rate_10k');
    expect(items).toContain('children_in_care');
    expect(paragraphOf(app, 're_referrals_12m', '2023-10').number).toBe('3.11');
    app.close();
  });
});

describe('the range over the financial year so far', () => {
  it('the sample states none (it holds no April to September figures); imported months give "Since April 2023 …"', async () => {
    const { app } = await sample();
    expect(paragraphOf(app, 'admissions_to_care').text).not.toContain('Since');
    // Figures a service would import for the months before; not the seed report's (it gives only the range).
    await app.imports.importBytes(
      csv([
        'Measure,Period,Value,Numerator,Denominator,Team',
        ...[20, 15, 26, 19, 22, 18].map((v, i) => `admissions_to_care,2023-0${i + 4},${v},,,`),
      ]),
      'history.csv',
    );
    const p = paragraphOf(app, 'admissions_to_care');
    expect(p.text).toContain('17 in October 2023');
    expect(p.text).toContain('Since April 2023 this figure has fluctuated between 15 and 26.');
    app.close();
  });
});

describe('what a measure counts', () => {
  it('"which equates to 10 children" from the noun worked out, or the one set in the catalogue (kept and audited)', async () => {
    const { app, file } = await sample();
    expect(paragraphOf(app, 'cp_repeat_plan_2y').text).toContain('which equates to 10 children out of 35');
    expect(app.catalogue.countNoun('cp_repeat_plan_2y')).toEqual({
      noun: { singular: 'child', plural: 'children' },
      set: false,
    });
    app.catalogue.setCountNoun('cp_repeat_plan_2y', { singular: 'young person', plural: 'young people' });
    expect(() => app.catalogue.setCountNoun('cp_repeat_plan_2y', { singular: '', plural: 'x' })).toThrow(
      'in the singular and the plural',
    );
    expect(app.meetings.auditTrail('cp_repeat_plan_2y', 1)[0]).toMatchObject({ action: 'count noun set' });
    app.close();
    const again = new ClinicApp({ now });
    await again.openFile(file);
    expect(paragraphOf(again, 'cp_repeat_plan_2y').text).toContain('which equates to 10 young people out of 35');
    again.catalogue.setCountNoun('cp_repeat_plan_2y', null);
    expect(paragraphOf(again, 'cp_repeat_plan_2y').text).toContain('which equates to 10 children out of 35');
    again.close();
  });
});

describe('the officer is the author', () => {
  it('an edit is kept for its month, stamped and audited; regenerating never overwrites it', async () => {
    const { app, file } = await sample();
    const text = 'Re-referrals were 28.4% at the end of October; every repeat referral is now reviewed.';
    const saved = app.scrutiny.saveParagraph({ period: '2023-10', item: 're_referrals_12m', text });
    expect(saved.text).toBe(text);
    expect(saved.edited?.by).toBe('Jane Murphy');
    expect(saved.figuresChanged).toBeNull();
    const audit = app.meetings.auditTrail('re_referrals_12m', 5);
    expect(audit[0]).toMatchObject({ who: 'Jane Murphy', entity: 'scrutiny_paragraph', action: 'paragraph edited' });
    expect(JSON.parse(audit[0]!.before!).text).toContain('stood at 28.4%');
    app.close();

    // On disk when saveParagraph returned: another app opening the file sees it.
    const again = new ClinicApp({ now });
    await again.openFile(file);
    expect(paragraphOf(again, 're_referrals_12m').text).toBe(text);
    expect(paragraphOf(again, 're_referrals_12m').drafted).toContain('stood at 28.4%');
    // Another month is drafted afresh.
    again.close();
  });

  it('figures imported after an edit flag it: "Figures changed since you edited it: 28.4% → 28.6%", and the text stays', async () => {
    const { app } = await sample();
    app.scrutiny.saveParagraph({ period: '2023-10', item: 're_referrals_12m', text: 'My words about 28.4%.' });
    await app.imports.importBytes(
      csv(['Measure,Period,Value,Numerator,Denominator,Team', 're_referrals_12m,2023-10,28.6,,,']),
      'late.csv',
    );
    const p = paragraphOf(app, 're_referrals_12m');
    expect(p.text).toBe('My words about 28.4%.');
    expect(p.figuresChanged).toBe('Figures changed since you edited it: 28.4% \u2192 28.6%');
    expect(p.drafted).toContain('stood at 28.6%');
    // Saving it again against the new figures clears the flag.
    expect(
      app.scrutiny.saveParagraph({ period: '2023-10', item: 're_referrals_12m', text: 'My words about 28.6%.' })
        .figuresChanged,
    ).toBeNull();
    app.close();
  });

  it('a 20,000-character edit is kept whole; one character more is refused and nothing is lost', async () => {
    const { app } = await sample();
    const long = 'a'.repeat(20_000);
    expect(app.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: long }).text).toBe(long);
    expect(() => app.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: `${long}b` })).toThrow(
      'This paragraph is 20,001 characters, over the limit of 20,000. Nothing has been saved and your text is still in the box',
    );
    expect(paragraphOf(app, 'contacts').text).toBe(long);
    expect(() => app.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: '   ' })).toThrow(
      'A paragraph cannot be empty',
    );
    expect(() => app.scrutiny.saveParagraph({ period: '2023-10', item: 'nothing_here', text: 'x' })).toThrow(
      'There is no paragraph "nothing_here" in the report for October 2023.',
    );
    app.close();
  });

  it('hostile text is kept exactly as typed, and restoring the draft puts the rules’ words back (audited)', async () => {
    const { app } = await sample();
    expect(app.scrutiny.saveParagraph({ period: '2023-10', item: 'area:visits', text: HOSTILE }).text).toBe(HOSTILE);
    const restored = app.scrutiny.restoreDraft({ period: '2023-10', item: 'area:visits' });
    expect(restored.edited).toBeNull();
    expect(restored.text).toBe(restored.drafted);
    expect(app.meetings.auditTrail(null, 1)[0]).toMatchObject({
      action: 'draft restored',
      entity_id: '2023-10 area:visits',
    });
    app.close();
  });

  it('fixed sections are written once and kept for next month; closing sections can be added and removed', async () => {
    const { app, file } = await sample();
    app.scrutiny.saveSection({
      key: 'background',
      title: 'Background',
      text: 'Mosaic went live in November 2022.\n\nOfsted judged the service Good.',
    });
    app.scrutiny.saveSection({ title: 'Invited witnesses', text: 'Service Director, Children’s Social Care' });
    app.scrutiny.saveSection({ title: 'Officer contact', text: 'Scrutiny officers' });
    let sections = app.scrutiny.sections();
    expect(sections.map((s) => s.title)).toEqual([
      'Purpose',
      'Background',
      'Future plans and challenges',
      'Invited witnesses',
      'Officer contact',
    ]);
    expect(() => app.scrutiny.removeSection('purpose')).toThrow('part of the report’s shape');
    expect(() => app.scrutiny.saveSection({ title: '', text: 'x' })).toThrow('A section needs a title');
    expect(() => app.scrutiny.saveSection({ key: 'future', title: 'Future', text: 'x'.repeat(20_001) })).toThrow(
      'Nothing has been saved',
    );
    sections = app.scrutiny.removeSection(sections[3]!.key);
    expect(sections.map((s) => s.title)).not.toContain('Invited witnesses');
    app.close();

    const again = new ClinicApp({ now });
    await again.openFile(file);
    await again.imports.importBytes(
      csv(['Measure,Period,Value,Numerator,Denominator,Team', 'contacts,2023-11,800,,,']),
      'nov.csv',
    );
    const november = again.scrutiny.document({ period: '2023-11' });
    expect(november.before[1]!.text).toBe('Mosaic went live in November 2022.\n\nOfsted judged the service Good.');
    expect(november.after.map((s) => `${s.number} ${s.title}`)).toEqual([
      '4 Future plans and challenges',
      '5 Officer contact',
    ]);
    again.close();
  });
});

describe('two copies merge the report’s edits and sections', () => {
  it('an edit made on a laptop copy and a section written in the office both arrive, on either side', async () => {
    const dir = tempDir();
    const { app: first, file: a } = await sample('Jane Murphy', 'office-pc', dir);
    first.close();
    const b = path.join(dir, 'laptop copy.db');
    fs.copyFileSync(a, b);
    const office = new ClinicApp({ preferencesFile: path.join(dir, 'office-pc.json'), now, deviceId: 'office-pc' });
    await office.openFile(a);
    const laptop = new ClinicApp({ preferencesFile: path.join(dir, 'laptop.json'), now, deviceId: 'laptop' });
    await laptop.openFile(b);
    laptop.setPreferences({ displayName: 'Anna Marshall' });

    laptop.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Written on the train.' });
    office.scrutiny.saveSection({ key: 'background', title: 'Background', text: 'Written in the office.' });
    await office.sync.merge(b);
    await laptop.sync.merge(a);
    for (const app of [office, laptop]) {
      expect(paragraphOf(app, 'contacts').text).toBe('Written on the train.');
      expect(paragraphOf(app, 'contacts').edited?.by).toBe('Anna Marshall');
      expect(app.scrutiny.sections().find((s) => s.key === 'background')!.text).toBe('Written in the office.');
    }
    const dump = (app: ClinicApp) => canonicalDump((app as unknown as { current(): ClinicFile }).current().db);
    expect(dump(office)).toEqual(dump(laptop));
    expect(dump(office)).toContain('scrutiny_paragraphs');
    office.close();
    laptop.close();
  });
});

describe('a paragraph or section edited on two copies keeps both texts', () => {
  async function twoCopies() {
    const dir = tempDir();
    const { app: first, file: a } = await sample('Jane Murphy', 'office-pc', dir);
    // Written before the copies part: both start from this text.
    first.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Contacts fell in October.' });
    first.close();
    const b = path.join(dir, 'laptop copy.db');
    fs.copyFileSync(a, b);
    const office = new ClinicApp({ preferencesFile: path.join(dir, 'office-pc.json'), now, deviceId: 'office-pc' });
    await office.openFile(a);
    const laptop = new ClinicApp({ preferencesFile: path.join(dir, 'laptop.json'), now, deviceId: 'laptop' });
    await laptop.openFile(b);
    laptop.setPreferences({ displayName: 'Anna Marshall' });
    return { office, laptop, a, b };
  }

  it('after a merge both copies show the later text and "also written by" the other; nothing is lost', async () => {
    const { office, laptop, a, b } = await twoCopies();
    office.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Office: contacts fell by 102.' });
    office.scrutiny.saveSection({ key: 'background', title: 'Background', text: 'Office background.' });
    laptop.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Laptop: a quieter month.' });
    laptop.scrutiny.saveSection({ key: 'background', title: 'Background', text: 'Laptop background.' });

    const report = await office.sync.merge(b);
    await laptop.sync.merge(a);
    expect(report.reportTextsKeptBothWays.map((r) => r.what)).toEqual([
      { section: 'background' },
      { period: '2023-10', item: 'contacts' },
    ]);
    for (const app of [office, laptop]) {
      const p = paragraphOf(app, 'contacts');
      expect(p.text).toBe('Laptop: a quieter month.');
      expect(p.also.map((x) => [x.by, x.text])).toEqual([['Jane Murphy', 'Office: contacts fell by 102.']]);
      const background = app.scrutiny.sections().find((x) => x.key === 'background')!;
      expect(background.text).toBe('Laptop background.');
      expect(background.also!.map((x) => [x.by, x.text])).toEqual([['Jane Murphy', 'Office background.']]);
    }
    const dump = (app: ClinicApp) => canonicalDump((app as unknown as { current(): ClinicFile }).current().db);
    expect(dump(office)).toEqual(dump(laptop));

    // The officer keeps both, combined: written over both texts, so no copy shows either again.
    const p = paragraphOf(office, 'contacts');
    const combined = `${p.text}\n\n${p.also[0]!.text}`;
    expect(() =>
      office.scrutiny.settleParagraph({ period: '2023-10', item: 'contacts', text: combined, textVersion: 'stale' }),
    ).toThrow('was changed since you opened it');
    const settled = office.scrutiny.settleParagraph({
      period: '2023-10',
      item: 'contacts',
      text: combined,
      textVersion: p.textVersion,
    });
    expect(settled.text).toBe(combined);
    expect(settled.also).toEqual([]);
    const section = office.scrutiny.sections().find((x) => x.key === 'background')!;
    office.scrutiny.settleSection({
      key: 'background',
      text: section.also![0]!.text,
      textVersion: section.text_change!,
    });
    expect(office.meetings.auditTrail('contacts', 1)[0]).toMatchObject({ action: 'texts settled' });

    await laptop.sync.merge(a);
    expect(paragraphOf(laptop, 'contacts')).toMatchObject({ text: combined, also: [] });
    expect(laptop.scrutiny.sections().find((x) => x.key === 'background')).toMatchObject({
      text: 'Office background.',
      also: [],
    });
    expect(dump(office)).toEqual(dump(laptop));
    office.close();
    laptop.close();
  });

  it('an edit made on top of a merged text is not kept both ways; restoring the draft on one copy loses no words typed on the other', async () => {
    const { office, laptop, a, b } = await twoCopies();
    laptop.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Laptop words.' });
    await office.sync.merge(b);
    office.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Office, on top of the laptop.' });
    await laptop.sync.merge(a);
    expect(paragraphOf(laptop, 'contacts')).toMatchObject({ text: 'Office, on top of the laptop.', also: [] });

    office.scrutiny.restoreDraft({ period: '2023-10', item: 'contacts' });
    laptop.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Laptop, apart from the restore.' });
    await office.sync.merge(b);
    expect(paragraphOf(office, 'contacts').text).toBe('Laptop, apart from the restore.');
    office.close();
    laptop.close();
  });
});

describe('a file whose report was edited before texts were kept both ways', () => {
  it('is brought up to date: the edit stands, and the next edit is written over it, not beside it', async () => {
    const old = await ClinicDatabase.fromBytes();
    old.transaction(() => {
      for (const step of migrations.slice(0, 11)) step(old);
      old.run('PRAGMA user_version = 11');
      old.run(`PRAGMA application_id = ${APPLICATION_ID}`);
    });
    // Schema 11 knew no rates per 10,000 (a later schema added the unit).
    insertDataset(old, { ...october2023, measures: october2023.measures.filter((m) => m.unit !== 'rate_10k') });
    old.run(
      `INSERT INTO scrutiny_paragraphs (period, item, text, figure, basis, updated_at, updated_by)
       VALUES ('2023-10', 'contacts', 'Written at schema 11.', '781', 'x', '2023-11-01T09:00:00.000Z', 'Jane Murphy')`,
    );
    old.run("UPDATE scrutiny_paragraphs SET text = 'Edited at schema 11.' WHERE item = 'contacts'");
    old.run(
      "INSERT INTO scrutiny_sections (key, title, text, place, position) VALUES ('background', 'Background', 'Old background.', 'before', 2)",
    );
    const dir = tempDir();
    const file = path.join(dir, 'old.db');
    fs.writeFileSync(file, old.export());
    old.close();

    const app = new ClinicApp({ preferencesFile: path.join(dir, 'p.json'), now, deviceId: 'office-pc' });
    await app.openFile(file);
    expect(paragraphOf(app, 'contacts')).toMatchObject({ text: 'Edited at schema 11.', also: [] });
    app.checkpoint();
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(file, copy);
    app.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Edited at the new schema.' });
    app.scrutiny.saveSection({ key: 'background', title: 'Background', text: 'New background.' });
    // The copy works the rows out again from every change, old and new: one text each, not two.
    const other = new ClinicApp({ preferencesFile: path.join(dir, 'q.json'), now, deviceId: 'laptop' });
    await other.openFile(copy);
    const report = await other.sync.merge(file);
    expect(report.reportTextsKeptBothWays).toEqual([]);
    expect(paragraphOf(other, 'contacts')).toMatchObject({ text: 'Edited at the new schema.', also: [] });
    expect(other.scrutiny.sections().find((x) => x.key === 'background')).toMatchObject({
      text: 'New background.',
      also: [],
    });
    app.close();
    other.close();
  });
});

describe('exports', () => {
  it('escape hostile text in HTML and Markdown, and Word holds it as text with the marking in the header', async () => {
    const { app } = await sample();
    app.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: HOSTILE });
    app.scrutiny.saveSection({ title: '# Not a heading', text: '- not a list\n\n1. not a list either' });
    const doc = app.scrutiny.document({ marking: 'OFFICIAL-SENSITIVE' });
    const html = new TextDecoder().decode(await renderScrutiny(doc, 'html', null));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<span dir="auto">');
    expect(html).toContain('OFFICIAL-SENSITIVE');

    const md = new TextDecoder().decode(await renderScrutiny(doc, 'md', null));
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('\\*\\*bold\\*\\*');
    expect(md).toContain('\\| \\# heading');
    expect(md).toContain('## 5 \\# Not a heading');
    expect(md).toContain('5.1 \\- not a list');
    expect(md).toContain('5.2 \\1. not a list either');

    const zip = await JSZip.loadAsync(await renderScrutiny(doc, 'docx', null));
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body).toContain('&lt;script&gt;');
    expect(body).toContain('<w:tbl>');
    expect(body).toContain('w:pStyle w:val="Heading1"');
    expect(body).toContain('<w:numPr>');
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /word\/header\d*\.xml/.test(n))
        .map((n) => zip.file(n)!.async('string')),
    );
    expect(headers.join('')).toContain('OFFICIAL-SENSITIVE');
    app.close();
  });

  it('a PDF asked for where there is no printer says so', async () => {
    const { app } = await sample();
    await expect(renderScrutiny(app.scrutiny.document(), 'pdf', null)).rejects.toThrow('There is no PDF printer here');
    app.close();
  });

  it('saving through the window’s host asks before replacing a file, and a "no" writes nothing', async () => {
    const { app, dir } = await sample();
    const target = path.join(dir, 'report.docx');
    fs.writeFileSync(target, 'keep me');
    const host: ExportHost = {
      chooseSavePath: () => Promise.resolve(target),
      confirmReplace: () => Promise.resolve(false),
      printer: { htmlToPdf: () => Promise.reject(new Error('not used')) },
    };
    expect(await app.exportReportDocument({ format: 'docx' }, host)).toBeNull();
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
    const yes = { ...host, confirmReplace: () => Promise.resolve(true) };
    expect(await app.exportReportDocument({ format: 'docx' }, yes)).toEqual({ path: target });
    expect(fs.readFileSync(target).subarray(0, 2).toString()).toBe('PK');
    app.close();
  });
});

describe('a month whose month before holds no figures', () => {
  it('is drafted without the comparison (said for a person), and its paragraphs can still be edited', async () => {
    const { app } = await sample();
    const doc = app.scrutiny.document({ period: '2022-10' });
    expect(doc.compare).toBe('2022-09');
    const p = doc.current.areas.flatMap((a) => a.paragraphs).find((x) => x.item === 'children_open')!;
    expect(p.text).toContain('1,473 in October 2022');
    expect(p.needsPerson).toEqual(['There is no earlier figure, target or benchmark to compare it with.']);
    const saved = app.scrutiny.saveParagraph({
      period: '2022-10',
      compare: '2022-09',
      item: 'children_open',
      text: 'Mine.',
    });
    expect(saved.text).toBe('Mine.');
    // Asked for by name, a month with no figures is still refused.
    expect(() => app.scrutiny.document({ period: '2022-10', compare: '2022-09' })).toThrow(
      'There are no figures for September 2022',
    );
    app.close();
  });
});
