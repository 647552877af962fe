/**
 * The minutes as a Word document a clerk can edit: real headings (so the navigation pane and a
 * table of contents work), real tables and the trend charts as pictures, the marking in the page
 * header, the date produced and "Page N of M" in the footer. Same content and order as the HTML,
 * from the same Minutes. The docx package escapes text for XML itself.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { actionStatusLabel, isClosed } from '../domain/actions';
import type { ActionLogEntry, ActionUpdate } from '../domain/types';
import type { ReportRow } from '../domain/views';
import {
  caveatLines,
  figureRows,
  statusText,
  formatLongDate,
  formatProduced,
  formatShortDate,
  latestUpdate,
  periodsCompared,
  type Minutes,
  type MinutesItem,
  type MinutesSpc,
} from './minutes-data';
import { MINUTES_MARGINS_MM } from './minutes-html';
import { badgePng } from './spc-badge-png';
import { assuranceBadge, variationBadge, type Badge } from '../domain/spc-badges';

const FONT = 'Arial';
/** Twips (twentieths of a point) in a millimetre. */
const TWIPS_PER_MM = 56.6929;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
const A4 = { width: twips(210), height: twips(297) };
const TEXT_WIDTH = A4.width - twips(MINUTES_MARGINS_MM.left + MINUTES_MARGINS_MM.right);

const thin = { style: BorderStyle.SINGLE, size: 4, color: '555555' };
const borders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };
const headerShading = { type: ShadingType.CLEAR, fill: 'E8E8E8', color: 'auto' };
const closedShading = { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' };

/** Runs for text that may hold line breaks: each line after the first starts with a break. */
function lines(text: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i === 0 ? 0 : 1, ...options }));
}

function para(children: ParagraphChild[] | string, options: { spacingAfter?: number; keepNext?: boolean } = {}) {
  return new Paragraph({
    children: typeof children === 'string' ? [new TextRun(children)] : children,
    spacing: { after: options.spacingAfter ?? 80 },
    keepNext: options.keepNext,
  });
}

function cell(
  content: ParagraphChild[] | string | Paragraph[],
  options: { header?: boolean; width?: number; shaded?: boolean; right?: boolean } = {},
): TableCell {
  const paragraphs =
    Array.isArray(content) && content[0] instanceof Paragraph
      ? (content as Paragraph[])
      : [
          new Paragraph({
            alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
            children:
              typeof content === 'string'
                ? lines(content, { bold: options.header, size: 18 })
                : (content as ParagraphChild[]),
          }),
        ];
  return new TableCell({
    children: paragraphs,
    shading: options.header ? headerShading : options.shaded ? closedShading : undefined,
    width: options.width === undefined ? undefined : { size: options.width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

function table(header: string[], rows: TableCell[][], widthsMm: number[]): Table {
  const total = widthsMm.reduce((a, b) => a + b, 0);
  const widths = widthsMm.map((w) => Math.round((w / total) * TEXT_WIDTH));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders,
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) => cell(h, { header: true, width: widths[i] })),
      }),
      ...rows.map((cells) => new TableRow({ cantSplit: true, children: cells })),
    ],
  });
}

const small = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
  lines(text, { size: 18, ...options });

function peopleText(people: readonly string[]): string {
  return people.length === 0 ? 'None recorded' : people.join('; ');
}

function headingBlock(m: Minutes): Array<Paragraph | Table> {
  const { clinic } = m.view;
  const areas = [...new Set(m.view.report.measures.map((r) => r.area_title))];
  const facts: Array<[string, string]> = [
    ['Chair', clinic.chair === '' ? 'Not recorded' : clinic.chair],
    ['Attendees', peopleText(clinic.attendees)],
    ['Apologies', peopleText(clinic.apologies)],
    ['Figures', periodsCompared(m.view)],
    ['Covering', clinic.scope.length === 0 ? 'All service areas' : areas.join('; ')],
  ];
  if (m.view.previous)
    facts.push(['Last clinic', `${m.view.previous.kind}, ${formatShortDate(m.view.previous.held_on)}`]);
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: lines(`Minutes: ${clinic.kind}`) }),
    para([
      new TextRun({ text: formatLongDate(clinic.held_on), size: 24 }),
      ...(clinic.status === 'final' ? [] : [new TextRun({ text: '  DRAFT', bold: true, size: 20 })]),
    ]),
    ...facts.map(([label, value]) =>
      para([new TextRun({ text: `${label}: `, bold: true }), ...lines(value)], { spacingAfter: 40 }),
    ),
  ];
}

function summaryBlock(m: Minutes): Array<Paragraph | Table> {
  const s = m.summary;
  const pairs: Array<[string, number]> = [
    [statusText('on_target'), s.onTarget],
    [statusText('near_target'), s.nearTarget],
    [statusText('off_target'), s.offTarget],
    [statusText('no_target'), s.noTarget],
    ['Improved since the period before', s.improved],
    ['Worsened since the period before', s.worsened],
    ['Actions raised at this clinic', s.actionsRaised],
    ['Actions closed since the last clinic', s.actionsClosed],
    ['Actions overdue at this clinic', s.actionsOverdue],
  ];
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Summary' }),
    para(`${s.measures} measure${s.measures === 1 ? '' : 's'} in this clinic, ${periodsCompared(m.view)}.`),
    table(
      ['', 'Number'],
      pairs.map(([label, n]) => [cell(label), cell(String(n), { right: true })]),
      [120, 30],
    ),
  ];
}

function figureCells(row: ReportRow, m: Minutes): TableCell[][] {
  return figureRows(row, m).map(([label, value]) => [cell(small(label, { bold: true })), cell(value, { right: true })]);
}

/** The variation and assurance icons, each with its label and the sentence that says why. */
function spcParagraphs(spc: MinutesSpc | null): Paragraph[] {
  if (!spc) return [];
  const line = (badge: Badge | null, label: string, reason: string | null) =>
    new Paragraph({
      keepNext: true,
      spacing: { after: 80 },
      children: [
        ...(badge
          ? [
              new ImageRun({
                type: 'png',
                data: badgePng(badge),
                transformation: { width: 16, height: 16 },
                altText: { name: label, description: label, title: label },
              }),
            ]
          : []),
        new TextRun({ text: `${badge ? ' ' : ''}${label}. `, bold: true, size: 20 }),
        new TextRun({ text: reason ?? '', size: 20 }),
      ],
    });
  const out = [line(spc.variation ? variationBadge(spc.variation) : null, spc.variationLabel, spc.variationReason)];
  if (spc.assurance && spc.assuranceLabel)
    out.push(line(assuranceBadge(spc.assurance), spc.assuranceLabel, spc.assuranceReason));
  return out;
}

function statusRuns(a: ActionLogEntry, m: Minutes): ParagraphChild[] {
  const runs = small(
    `${isClosed(a.status) ? (a.status === 'done' ? '\u2713 ' : '\u2717 ') : ''}${actionStatusLabel[a.status]}`,
  );
  if (isClosed(a.status) && a.closed_on)
    runs.push(
      new TextRun({ text: 'CLOSED', bold: true, size: 16, break: 1 }),
      new TextRun({ text: ` ${formatShortDate(a.closed_on)}`, size: 16 }),
    );
  if (m.overdueRefs.has(a.ref)) runs.push(new TextRun({ text: 'OVERDUE', bold: true, size: 16, break: 1 }));
  return runs;
}

function updateRuns(u: ActionUpdate, label: string): TextRun[] {
  return [
    new TextRun({ text: label, bold: true, size: 18 }),
    ...small(u.text === '' ? 'Status changed' : u.text),
    new TextRun({ text: ` (${u.created_by}, ${formatShortDate(u.created_at)})`, italics: true, size: 16 }),
  ];
}

function measureBlock(item: MinutesItem, m: Minutes): Array<Paragraph | Table> {
  const { row, chart, note } = item;
  const out: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      keepNext: true,
      children: [
        new TextRun(`${item.number}. `),
        ...lines(row.title),
        new TextRun({ text: ` \u2014 ${row.area_title}`, bold: false, size: 20 }),
      ],
    }),
    table(['Figure', 'Value'], figureCells(row, m), [70, 50]),
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, after: 40 },
      children: [
        new ImageRun({
          type: 'png',
          data: chart.png,
          transformation: { width: chart.width * 1.4, height: chart.height * 1.4 },
          altText: { name: `Trend of ${row.title}`, description: chart.caption, title: `Trend of ${row.title}` },
        }),
      ],
    }),
    para(small(chart.caption, { italics: true }), { spacingAfter: 120 }),
    ...caveatLines(row).map((line) => para([new TextRun({ text: line, bold: true })], { spacingAfter: 80 })),
    ...spcParagraphs(item.spc),
    new Paragraph({ heading: HeadingLevel.HEADING_3, text: 'Note', keepNext: true }),
  ];
  if (note) {
    out.push(para(lines(note.text)));
    out.push(
      para([new TextRun({ text: `${note.updated_by}, ${formatShortDate(note.updated_at)}`, italics: true, size: 16 })]),
    );
  } else {
    out.push(para([new TextRun({ text: 'No note was recorded.', italics: true })]));
  }
  out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, text: 'Actions', keepNext: true }));
  if (item.actions.length === 0) {
    out.push(para([new TextRun({ text: 'No actions raised or updated at this clinic.', italics: true })]));
  } else {
    out.push(
      table(
        ['Ref', 'Action', 'Owner', 'Due', 'Status'],
        item.actions.map(({ action: a, raisedHere, updatesHere }) => {
          const shaded = isClosed(a.status);
          const description = [
            new Paragraph({ children: small(a.description) }),
            ...updatesHere.map((u) => new Paragraph({ spacing: { before: 60 }, children: updateRuns(u, 'Update: ') })),
          ];
          return [
            cell(
              [
                new TextRun({ text: a.ref, bold: true, size: 18 }),
                ...(raisedHere ? [new TextRun({ text: 'NEW', bold: true, size: 16, break: 1 })] : []),
              ],
              { shaded },
            ),
            cell(description, { shaded }),
            cell(a.owner, { shaded }),
            cell(formatShortDate(a.due_on), { shaded }),
            cell(statusRuns(a, m), { shaded }),
          ];
        }),
        [30, 75, 30, 22, 25],
      ),
    );
  }
  return out;
}

function logBlock(title: string, actions: readonly ActionLogEntry[], m: Minutes, empty: string) {
  const out: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: `${title} (${actions.length})`, keepNext: true }),
  ];
  if (actions.length === 0) {
    out.push(para([new TextRun({ text: empty, italics: true })]));
    return out;
  }
  out.push(
    table(
      ['Ref', 'Measure', 'Action', 'Owner', 'Due', 'Status', 'Latest update'],
      actions.map((a) => {
        const shaded = isClosed(a.status);
        const latest = latestUpdate(a);
        return [
          cell([new TextRun({ text: a.ref, bold: true, size: 18 })], { shaded }),
          cell(a.measure_title ?? 'Whole clinic', { shaded }),
          cell(a.description, { shaded }),
          cell(a.owner, { shaded }),
          cell(formatShortDate(a.due_on), { shaded }),
          cell(statusRuns(a, m), { shaded }),
          cell(latest ? updateRuns(latest, '') : small('None yet', { italics: true }), { shaded }),
        ];
      }),
      [26, 24, 40, 20, 18, 20, 40],
    ),
  );
  return out;
}

function pageHeader(m: Minutes): Header {
  const children: Paragraph[] = [];
  if (m.protectiveMarking)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: m.protectiveMarking, bold: true, size: 18 })],
      }),
    );
  children.push(
    new Paragraph({
      alignment: AlignmentType.LEFT,
      children: [new TextRun({ text: `Minutes: ${m.title}`, size: 16 })],
    }),
  );
  return new Header({ children });
}

function pageFooter(m: Minutes): Footer {
  const children: Paragraph[] = [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      children: [
        new TextRun({ text: `Produced ${formatProduced(m.produced)}`, size: 16 }),
        new TextRun({ children: [new Tab(), 'Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 }),
      ],
    }),
  ];
  if (m.protectiveMarking)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: m.protectiveMarking, bold: true, size: 18 })],
      }),
    );
  return new Footer({ children });
}

export async function minutesDocx(m: Minutes): Promise<Uint8Array> {
  const v = m.view;
  const measuresIntro =
    m.selection === 'discussed'
      ? []
      : [
          para([
            new TextRun({
              text:
                m.selection === 'noted'
                  ? 'No measure was marked as discussed at this clinic, so these minutes cover every measure with a note or an action, in agenda order.'
                  : 'No measure was marked as discussed, and no notes or actions were recorded against a measure at this clinic.',
              italics: true,
            }),
          ]),
        ];
  const doc = new Document({
    creator: 'Performance Clinic',
    title: `Minutes: ${m.title}`,
    description: `Minutes of the ${v.clinic.kind} held on ${formatShortDate(v.clinic.held_on)}`,
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
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
        headers: { default: pageHeader(m) },
        footers: { default: pageFooter(m) },
        children: [
          ...headingBlock(m),
          ...summaryBlock(m),
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            text: m.selection === 'discussed' ? 'Measures discussed' : 'Measures with notes or actions',
          }),
          ...measuresIntro,
          ...m.items.flatMap((item) => measureBlock(item, m)),
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Action log', pageBreakBefore: true }),
          ...logBlock('Carried forward from earlier clinics', v.carriedForward, m, 'No actions were carried forward.'),
          ...logBlock('New actions raised at this clinic', v.raised, m, 'No actions were raised.'),
          ...logBlock(
            'Closed since the last clinic',
            v.closedSinceLast,
            m,
            'No actions were closed since the last clinic.',
          ),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
