/**
 * The exception report written out: as text for a terminal, JSON, CSV for a spreadsheet, and a
 * printable HTML page with one A4 page per team. What counts as an exception is decided in
 * domain/exceptions.ts; this only writes it down.
 */
import { stringify } from 'csv-stringify/sync';
import {
  exceptionsHeading,
  reasonLines,
  nothingText,
  sectionSummary,
  type ExceptionSection,
  type ExceptionsReport,
  type OverdueAction,
} from '../domain/exceptions';
import { neutraliseCell } from '../domain/spreadsheet-safety';
import { escapeHtml as esc } from '../exports/minutes-html';

export const EXCEPTIONS_FORMATS = ['table', 'json', 'csv', 'html'] as const;
export type ExceptionsFormat = (typeof EXCEPTIONS_FORMATS)[number];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function dateLabel(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function overdueText(a: OverdueAction): string {
  return `due ${dateLabel(a.due_on)}, ${plural(a.days_overdue, 'day')} overdue`;
}

function nothingToDo(s: ExceptionSection): boolean {
  return s.exceptions.length === 0 && s.overdue_actions.length === 0;
}

function sectionText(s: ExceptionSection): string[] {
  const lines = [s.title, sectionSummary(s)];
  if (nothingToDo(s)) {
    lines.push(nothingText(s));
    return lines;
  }
  if (s.exceptions.length > 0) {
    lines.push(`Measures needing action: ${s.exceptions.length}`);
    for (const e of s.exceptions) {
      lines.push(`  ${e.title} (${e.area_title})`);
      for (const r of reasonLines(e)) lines.push(`    ${r.label}: ${r.detail}`);
    }
  }
  lines.push(
    s.overdue_actions.length === 0
      ? 'Overdue actions: none'
      : `Overdue actions${s.team === '' ? ' no team owns' : ''}: ${s.overdue_actions.length}`,
  );
  for (const a of s.overdue_actions) {
    lines.push(`  ${a.ref} (${overdueText(a)}), ${a.owner}: ${a.description.replace(/\s+/g, ' ')}`);
  }
  return lines;
}

export function exceptionsText(report: ExceptionsReport): string {
  const blocks = [[exceptionsHeading(report)], ...report.sections.map(sectionText)];
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}

export const EXCEPTIONS_CSV_HEADER = [
  'Team',
  'Kind',
  'Measure or action',
  'Area or owner',
  'Reason',
  'Detail',
  'Due',
  'Days overdue',
] as const;

/** One row per reason and per overdue action, every text cell made safe to open in a spreadsheet. */
export function exceptionsCsv(report: ExceptionsReport): string {
  const rows: string[][] = [];
  for (const s of report.sections) {
    for (const e of s.exceptions) {
      for (const r of reasonLines(e)) rows.push([s.title, 'Measure', e.title, e.area_title, r.label, r.detail, '', '']);
    }
    for (const a of s.overdue_actions) {
      rows.push([
        s.title,
        'Action',
        `${a.ref} ${a.description}`,
        a.owner,
        'Overdue',
        '',
        a.due_on,
        String(a.days_overdue),
      ]);
    }
  }
  const safe = rows.map((row) => row.map((cell, i) => (i === 7 ? cell : neutraliseCell(cell))));
  // A byte-order mark so that Excel on Windows reads the file as UTF-8, as the action log does.
  return `\uFEFF${stringify([[...EXCEPTIONS_CSV_HEADER], ...safe], { record_delimiter: '\r\n' })}`;
}

const CSS = `
@page { size: A4; margin: 16mm; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; line-height: 1.4; margin: 0; padding: 16px; }
h1 { font-size: 20pt; margin: 0 0 4px; }
h2 { font-size: 16pt; margin: 0 0 4px; border-bottom: 2px solid #0b0c0c; padding-bottom: 2px; }
h3 { font-size: 12pt; margin: 12px 0 4px; }
.team { break-after: page; page-break-after: always; padding-top: 8px; }
.team:last-child { break-after: auto; page-break-after: auto; }
.meta { color: #505a5f; margin: 0 0 8px; }
ul { margin: 0; padding-left: 20px; }
li { margin: 0 0 6px; break-inside: avoid; }
.reason { font-weight: bold; }
@media screen { .team { max-width: 210mm; margin: 0 auto 24px; } }
`;

function sectionHtml(s: ExceptionSection, index: number, heading: string): string {
  const parts = [
    `<section class="team" aria-labelledby="section-${index}">`,
    `<h2 id="section-${index}">${esc(s.title)}</h2>`,
    `<p class="meta">${esc(heading)}. ${esc(sectionSummary(s))}</p>`,
  ];
  if (nothingToDo(s)) {
    parts.push(`<p>${esc(nothingText(s))}</p>`);
  } else {
    parts.push(`<h3>Measures needing action (${s.exceptions.length})</h3>`);
    if (s.exceptions.length === 0) parts.push('<p>None.</p>');
    else {
      parts.push('<ul>');
      for (const e of s.exceptions) {
        const reasons = reasonLines(e)
          .map((r) => `<li><span class="reason">${esc(r.label)}:</span> ${esc(r.detail)}</li>`)
          .join('');
        parts.push(`<li><strong>${esc(e.title)}</strong> (${esc(e.area_title)})<ul>${reasons}</ul></li>`);
      }
      parts.push('</ul>');
    }
    const actionsTitle = s.team === '' ? 'Overdue actions no team owns' : 'Overdue actions';
    parts.push(`<h3>${actionsTitle} (${s.overdue_actions.length})</h3>`);
    if (s.overdue_actions.length === 0) parts.push('<p>None.</p>');
    else {
      parts.push('<ul>');
      for (const a of s.overdue_actions)
        parts.push(
          `<li><strong>${esc(a.ref)}</strong> (${esc(overdueText(a))}), ${esc(a.owner)}: ${esc(a.description)}</li>`,
        );
      parts.push('</ul>');
    }
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** A page that prints one A4 page per team: every user string escaped (reliability.md rule 10). */
export function exceptionsHtml(report: ExceptionsReport): string {
  const heading = exceptionsHeading(report);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(heading)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${esc(heading)}</h1>
${report.sections.map((s, i) => sectionHtml(s, i, heading)).join('\n')}
</main>
</body>
</html>
`;
}

export function formatExceptions(report: ExceptionsReport, format: ExceptionsFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return exceptionsCsv(report);
    case 'html':
      return exceptionsHtml(report);
    case 'table':
      return exceptionsText(report);
  }
}
