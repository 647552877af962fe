/**
 * The scrutiny report as a file: Word (real headings a clerk can restyle, Word's own paragraph
 * numbering 1.1, 3.11 …, real tables, the marking in the page header and footer), HTML (printed to
 * PDF by the same printers as the minutes) and Markdown. Every string a person typed is escaped for
 * its format; each paragraph is its own bidirectional paragraph (`dir="auto"` in HTML), so
 * right-to-left text, or a stray override character, cannot spill into the text after it.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { periodLabel } from '../domain/period';
import { sectionParagraphs, type ReportParagraph, type ScrutinyDocument } from '../domain/scrutiny/document';
import { UserError } from '../errors';
import { escapeHtml as esc, MINUTES_MARGINS_MM } from './minutes-html';
import type { PdfPrinter } from './pdf-printer';

export type ScrutinyFormat = 'docx' | 'pdf' | 'html' | 'md';
export const SCRUTINY_FORMATS: readonly ScrutinyFormat[] = ['docx', 'pdf', 'html', 'md'];

/** A numbered block of the report, in order: what every format prints. */
interface Block {
  number: string | null;
  kind: 'h1' | 'h2' | 'p';
  text: string;
  table?: ReportParagraph['table'];
}

function subtitle(doc: ScrutinyDocument): string {
  return `Data shown is for ${periodLabel(doc.period)}, compared with ${periodLabel(doc.compare)}.`;
}

/** The report as numbered blocks: section headings 1, 2 …, area headings, paragraphs 1.1, 3.11 …. */
export function reportBlocks(doc: ScrutinyDocument): Block[] {
  const out: Block[] = [];
  const fixed = (s: ScrutinyDocument['before'][number]) => {
    out.push({ number: String(s.number), kind: 'h1', text: s.title });
    const paragraphs = sectionParagraphs(s.text);
    // An empty section still shows where the officer's text goes, rather than a bare heading.
    if (paragraphs.length === 0)
      paragraphs.push(`[For the author: write the ${s.title.toLowerCase()} here once; it is kept for next month.]`);
    paragraphs.forEach((text, i) => out.push({ number: `${s.number}.${i + 1}`, kind: 'p', text }));
  };
  doc.before.forEach(fixed);
  out.push({ number: String(doc.current.number), kind: 'h1', text: doc.current.title });
  for (const area of doc.current.areas) {
    out.push({ number: null, kind: 'h2', text: area.title });
    for (const p of area.paragraphs) out.push({ number: p.number, kind: 'p', text: p.text, table: p.table });
  }
  doc.after.forEach(fixed);
  return out;
}

export function scrutinyFileName(doc: ScrutinyDocument, format: ScrutinyFormat): string {
  return `Performance report ${periodLabel(doc.period)}.${format}`;
}

// ---------------------------------------------------------------- HTML (and PDF)

const CSS = `
@page { size: A4; margin: ${MINUTES_MARGINS_MM.top}mm ${MINUTES_MARGINS_MM.right}mm ${MINUTES_MARGINS_MM.bottom}mm ${MINUTES_MARGINS_MM.left}mm; }
body { font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.4; color: #000; margin: 0; overflow-wrap: anywhere; }
@media screen { body { max-width: 178mm; margin: 12mm auto; padding: 0 6mm; } }
h1 { font-size: 17pt; margin: 0 0 2mm; line-height: 1.2; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2.5mm; }
p.numbered { display: grid; grid-template-columns: 13mm 1fr; }
.num { font-weight: bold; }
.subtitle { margin-bottom: 5mm; }
.marking-banner { display: none; text-align: center; font-weight: bold; border: 1pt solid #000; padding: 1mm; margin-bottom: 4mm; }
@media screen { .marking-banner { display: block; } }
table { border-collapse: collapse; margin: 1mm 0 4mm 13mm; width: calc(100% - 13mm); font-size: 10pt; }
th, td { border: 0.75pt solid #555; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
td.num-cell, th.num-cell { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
`;

function htmlTable(t: NonNullable<Block['table']>): string {
  const head = `<tr><th scope="col">${esc(t.caption)}</th><th scope="col" class="num-cell">${esc(t.previousHeading)}</th><th scope="col" class="num-cell">${esc(t.currentHeading)}</th><th scope="col" class="num-cell">Target</th><th scope="col">Status</th></tr>`;
  const rows = t.rows
    .map(
      (r) =>
        `<tr><th scope="row" dir="auto">${esc(r.title)}</th><td class="num-cell">${esc(r.previous)}</td><td class="num-cell">${esc(r.current)}</td><td class="num-cell">${esc(r.target)}</td><td>${esc(r.status)}</td></tr>`,
    )
    .join('\n');
  return `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

export function scrutinyHtml(doc: ScrutinyDocument): string {
  const body = reportBlocks(doc)
    .map((b) => {
      if (b.kind === 'h1') return `<h2>${esc(`${b.number ?? ''} ${b.text}`.trim())}</h2>`;
      if (b.kind === 'h2') return `<h3 dir="auto">${esc(b.text)}</h3>`;
      const lines = b.text.split('\n').map(esc).join('<br>');
      const para = `<p class="numbered"><span class="num">${esc(b.number ?? '')}</span><span dir="auto">${lines}</span></p>`;
      return b.table ? `${para}\n${htmlTable(b.table)}` : para;
    })
    .join('\n');
  const banner = doc.marking ? `<div class="marking-banner">${esc(doc.marking)}</div>` : '';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
${banner}
<header>
<p>Report to the Overview and Scrutiny Committee</p>
<h1>${esc(doc.title)}</h1>
<p class="subtitle">${esc(subtitle(doc))}</p>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

export function scrutinyPageTemplates(doc: ScrutinyDocument): { headerHtml: string; footerHtml: string } {
  const font = `font-family: 'Liberation Sans', Arial, 'DejaVu Sans', sans-serif; font-size: 8pt; color: #000; width: 100%; padding: 0 ${MINUTES_MARGINS_MM.right}mm 0 ${MINUTES_MARGINS_MM.left}mm;`;
  const marking = doc.marking
    ? `<div style="text-align: center; font-weight: bold; font-size: 9pt;">${esc(doc.marking)}</div>`
    : '';
  return {
    headerHtml: `<div style="${font}">${marking}<div>${esc(doc.title)}</div></div>`,
    footerHtml: `<div style="${font}"><div style="text-align: right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>${marking}</div>`,
  };
}

// ---------------------------------------------------------------- Markdown

/** Text that Markdown would read as markup (or as HTML) is escaped, so it prints as typed. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)([#+=-]|\d+[.)](?=\s))/, '$1\\$2');
}

export function scrutinyMarkdown(doc: ScrutinyDocument): string {
  const out: string[] = [];
  if (doc.marking) out.push(`**${escapeMarkdown(doc.marking)}**`, '');
  out.push(`# ${escapeMarkdown(doc.title)}`, '', escapeMarkdown(subtitle(doc)), '');
  for (const b of reportBlocks(doc)) {
    if (b.kind === 'h1') out.push(`## ${escapeMarkdown(`${b.number ?? ''} ${b.text}`.trim())}`, '');
    else if (b.kind === 'h2') out.push(`### ${escapeMarkdown(b.text)}`, '');
    else {
      const lines = b.text.split('\n').map(escapeMarkdown).join('  \n');
      out.push(`${b.number ?? ''} ${lines}`.trim(), '');
      if (b.table) {
        const t = b.table;
        const cells = (xs: string[]) => `| ${xs.map(escapeMarkdown).join(' | ')} |`;
        out.push(cells([t.caption, t.previousHeading, t.currentHeading, 'Target', 'Status']));
        out.push('| --- | ---: | ---: | ---: | --- |');
        for (const r of t.rows) out.push(cells([r.title, r.previous, r.current, r.target, r.status]));
        out.push('');
      }
    }
  }
  if (doc.marking) out.push(`**${escapeMarkdown(doc.marking)}**`, '');
  return out.join('\n');
}

// ---------------------------------------------------------------- Word

const TWIPS_PER_MM = 56.6929;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
const A4 = { width: twips(210), height: twips(297) };
const TEXT_WIDTH = A4.width - twips(MINUTES_MARGINS_MM.left + MINUTES_MARGINS_MM.right);
const INDENT = twips(13);
const thin = { style: BorderStyle.SINGLE, size: 4, color: '555555' };
const borders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function runs(text: string, options: { bold?: boolean } = {}): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i === 0 ? 0 : 1, ...options }));
}

function docxTable(t: NonNullable<Block['table']>): Table {
  const widths = [0.46, 0.13, 0.13, 0.12, 0.16].map((f) => Math.round(f * (TEXT_WIDTH - INDENT)));
  const cell = (text: string, header: boolean, right: boolean, i: number) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      shading: header ? { type: ShadingType.CLEAR, fill: 'E8E8E8', color: 'auto' } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: runs(text, { bold: header }),
        }),
      ],
    });
  const row = (xs: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: xs.map((x, i) => cell(x, header, i >= 1 && i <= 3, i)),
    });
  return new Table({
    width: { size: TEXT_WIDTH - INDENT, type: WidthType.DXA },
    indent: { size: INDENT, type: WidthType.DXA },
    columnWidths: widths,
    borders,
    rows: [
      row([t.caption, t.previousHeading, t.currentHeading, 'Target', 'Status'], true),
      ...t.rows.map((r) => row([r.title, r.previous, r.current, r.target, r.status], false)),
    ],
  });
}

export async function scrutinyDocx(doc: ScrutinyDocument): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      children: [new TextRun('Report to the Overview and Scrutiny Committee')],
      spacing: { after: 120 },
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(doc.title) }),
    new Paragraph({ children: runs(subtitle(doc)), spacing: { after: 240 } }),
  ];
  for (const b of reportBlocks(doc)) {
    if (b.kind === 'h1') {
      // Word numbers the sections and paragraphs itself (1, 1.1 …), so a clerk can add or remove one.
      children.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          numbering: { reference: 'report', level: 0 },
          children: runs(b.text),
        }),
      );
    } else if (b.kind === 'h2') {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(b.text) }));
    } else {
      children.push(
        new Paragraph({
          numbering: { reference: 'report', level: 1 },
          spacing: { after: 120 },
          children: runs(b.text),
        }),
      );
      if (b.table) children.push(docxTable(b.table), new Paragraph({ children: [] }));
    }
  }
  const marking = (): Paragraph[] =>
    doc.marking
      ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.marking, bold: true })] })]
      : [];
  const document = new Document({
    creator: 'Performance Clinic',
    title: doc.title,
    description: subtitle(doc),
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    numbering: {
      config: [
        {
          reference: 'report',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: INDENT, hanging: INDENT } } },
            },
            {
              level: 1,
              format: LevelFormat.DECIMAL,
              text: '%1.%2',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: INDENT, hanging: INDENT } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: twips(MINUTES_MARGINS_MM.top + 6),
              bottom: twips(MINUTES_MARGINS_MM.bottom + 4),
              left: twips(MINUTES_MARGINS_MM.left),
              right: twips(MINUTES_MARGINS_MM.right),
              header: twips(8),
              footer: twips(8),
            },
          },
        },
        headers: {
          default: new Header({
            children: [...marking(), new Paragraph({ children: [new TextRun({ text: doc.title, size: 16 })] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
              ...marking(),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

export async function renderScrutiny(
  doc: ScrutinyDocument,
  format: ScrutinyFormat,
  printer: PdfPrinter | null,
): Promise<Uint8Array> {
  switch (format) {
    case 'html':
      return new TextEncoder().encode(scrutinyHtml(doc));
    case 'md':
      return new TextEncoder().encode(scrutinyMarkdown(doc));
    case 'docx':
      return scrutinyDocx(doc);
    case 'pdf':
      if (!printer) throw new UserError('There is no PDF printer here; save the report as Word or HTML instead.');
      return printer.htmlToPdf(scrutinyHtml(doc), scrutinyPageTemplates(doc));
  }
}
