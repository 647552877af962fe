/**
 * The minutes as one print-styled HTML document: saved as .html, and printed to PDF by Chromium
 * (Electron in the app, Playwright on the command line) with the page header and footer below.
 * Every string a person typed goes through `escapeHtml`, and the document carries no script and a
 * Content-Security-Policy that forbids one, so a note that says <script> prints as text
 * (reliability.md rule 10). Status is written in words with a symbol, never colour alone.
 */
import { actionStatusLabel, isClosed } from '../domain/actions';
import { STEP_SEPARATOR } from '../domain/figure-text';
import { assuranceBadge, badgeSvg, variationBadge } from '../domain/spc-badges';
import type { ActionLogEntry } from '../domain/types';
import type { ReportRow } from '../domain/views';
import {
  caveatLines,
  figureRows,
  statusText,
  type MinutesSpc,
  formatLongDate,
  formatProduced,
  formatShortDate,
  latestUpdate,
  periodsCompared,
  type Minutes,
  type MinutesAction,
  type MinutesItem,
} from './minutes-data';

/** Page margins shared by the CSS and both printers, so the header and footer sit in the margin. */
export const MINUTES_MARGINS_MM = { top: 20, bottom: 20, left: 16, right: 16 } as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const esc = escapeHtml;

function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

const CSS = `
@page { size: A4; margin: ${MINUTES_MARGINS_MM.top}mm ${MINUTES_MARGINS_MM.right}mm ${MINUTES_MARGINS_MM.bottom}mm ${MINUTES_MARGINS_MM.left}mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Liberation Sans", Arial, "Helvetica Neue", "DejaVu Sans", sans-serif; font-size: 10pt;
  line-height: 1.35; color: #000; margin: 0; overflow-wrap: anywhere; }
/* Chromium clips the page box at the margin, cutting a border drawn exactly on its edge. */
@media print { body { padding-right: 1.5pt; } }
@media screen { body { max-width: 178mm; margin: 12mm auto; padding: 0 6mm; } }
h1 { font-size: 17pt; margin: 0 0 1mm; line-height: 1.2; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #000; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 6mm 0 1.5mm; break-after: avoid; }
h4 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2mm; }
.subtitle { font-size: 11pt; margin-bottom: 3mm; }
.marking-banner { display: none; text-align: center; font-weight: bold; letter-spacing: 0.05em; border: 1pt solid #000; padding: 1mm; margin-bottom: 4mm; }
@media screen { .marking-banner { display: block; } }
dl.people { display: grid; grid-template-columns: 28mm 1fr; gap: 1mm 3mm; margin: 0 0 2mm; }
dl.people dt { font-weight: bold; }
dl.people dd { margin: 0; }
table { border-collapse: collapse; width: calc(100% - 1.5pt); margin: 1mm 0 2mm; font-size: 9pt; table-layout: fixed; }
th, td { border: 0.75pt solid #555; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.ref { font-weight: bold; white-space: nowrap; overflow-wrap: normal; }
table.log { font-size: 8.5pt; }
.summary { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm; margin-bottom: 2mm; }
.summary div { border: 0.75pt solid #555; padding: 1.5mm 2mm; }
.summary strong { font-size: 13pt; display: block; }
.measure { break-inside: auto; margin-bottom: 4mm; }
.measure-head { break-inside: avoid; }
.area { font-weight: normal; font-size: 9pt; color: #333; }
.figures { display: grid; grid-template-columns: 1fr 82mm; gap: 4mm; align-items: start; break-inside: avoid; }
.figures table { margin: 0; }
.figures th[scope=row] { width: 42%; }
/* Figures sit right like numbers but may wrap: a long one stays inside its cell, clear of the chart. */
.figures td.fig { text-align: right; overflow-wrap: normal; }
.figures .step { display: block; white-space: nowrap; }
.figures .keep { white-space: nowrap; }
.spc { margin: 2mm 0 0; }
.spc-line { margin: 0 0 1.5mm; }
.spc-line .badge { vertical-align: -4px; }
figure { margin: 0; }
figure img { width: 80mm; height: auto; outline: 1pt solid #999; display: block; margin: 1pt; }
figcaption { font-size: 7.5pt; color: #222; margin-top: 1mm; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.caveat { border: 1pt solid #000; padding: 1mm 2mm; margin: 1mm 0; font-size: 9pt; }
.note { border-left: 2pt solid #000; padding: 1mm 0 1mm 3mm; margin: 1mm 0 2mm; }
.who { font-size: 8pt; color: #333; }
.none { font-style: italic; }
.explain { border: 0.75pt dashed #000; padding: 1.5mm 2mm; }
.tag { font-weight: bold; text-transform: uppercase; font-size: 7pt; letter-spacing: 0.03em; border: 0.75pt solid #000; padding: 0 0.8mm; display: inline-block; margin-top: 0.5mm; }
.closed td { background: #f2f2f2; }
.update { margin-top: 1mm; font-size: 8.5pt; }
.produced { margin-top: 8mm; font-size: 8pt; color: #333; }
@media print { .produced { display: none; } }
`;

function peopleList(people: readonly string[]): string {
  return people.length === 0 ? '<span class="none">None recorded</span>' : people.map(esc).join('; ');
}

function heading(m: Minutes): string {
  const { clinic } = m.view;
  const scope = clinic.scope.length === 0 ? 'All service areas' : null;
  const areaTitles = [...new Set(m.view.report.measures.map((r) => r.area_title))];
  return `
<header>
  ${m.protectiveMarking ? `<div class="marking-banner">${esc(m.protectiveMarking)}</div>` : ''}
  <h1>Minutes: ${esc(clinic.kind)}</h1>
  <p class="subtitle">${esc(formatLongDate(clinic.held_on))}${clinic.status === 'final' ? '' : ' <span class="tag">Draft</span>'}</p>
  <dl class="people">
    <dt>Chair</dt><dd>${clinic.chair === '' ? '<span class="none">Not recorded</span>' : esc(clinic.chair)}</dd>
    <dt>Attendees</dt><dd>${peopleList(clinic.attendees)}</dd>
    <dt>Apologies</dt><dd>${peopleList(clinic.apologies)}</dd>
    <dt>Figures</dt><dd>${esc(periodsCompared(m.view))}</dd>
    <dt>Covering</dt><dd>${scope ?? esc(areaTitles.join('; '))}</dd>
    ${m.view.previous ? `<dt>Last clinic</dt><dd>${esc(m.view.previous.kind)}, ${esc(formatShortDate(m.view.previous.held_on))}</dd>` : ''}
  </dl>
</header>`;
}

function summary(m: Minutes): string {
  const s = m.summary;
  const box = (n: number, label: string) => `<div><strong>${n}</strong>${esc(label)}</div>`;
  return `
<section aria-labelledby="summary">
  <h2 id="summary">Summary</h2>
  <p>${s.measures} measure${s.measures === 1 ? '' : 's'} in this clinic, ${esc(periodsCompared(m.view))}.</p>
  <div class="summary">
    ${box(s.onTarget, `${statusText('on_target')}`)}
    ${box(s.nearTarget, `${statusText('near_target')}`)}
    ${box(s.offTarget, `${statusText('off_target')}`)}
    ${box(s.noTarget, `${statusText('no_target')}`)}
    ${box(s.improved, 'Improved since the period before')}
    ${box(s.worsened, 'Worsened since the period before')}
    ${box(s.actionsRaised, 'Actions raised at this clinic')}
    ${box(s.actionsClosed, 'Actions closed since the last clinic')}
    ${box(s.actionsOverdue, 'Actions overdue at this clinic')}
  </div>
</section>`;
}

/**
 * A figure as its cell prints it. A long one ("6 of the 19 children in care suspended from school")
 * wraps inside the cell instead of running on under the chart; cumulative steps, too long for one
 * line of the cell, print one step a line.
 */
function figureCell(value: string): string {
  const steps = value.split(STEP_SEPARATOR);
  if (steps.length > 1) return steps.map((step) => `<span class="step">${esc(step)}</span>`).join('');
  // A short bracket ("(2021-22)", "(−11.6%)") stays whole: broken at its hyphen it reads as two figures.
  return value
    .split(/(\([^()]{1,12}\))/)
    .map((part, i) => (i % 2 === 1 ? `<span class="keep">${esc(part)}</span>` : esc(part)))
    .join('');
}

function figuresTable(row: ReportRow, m: Minutes): string {
  return `<table class="figs"><tbody>${figureRows(row, m)
    .map(([label, value]) => `<tr><th scope="row">${esc(label)}</th><td class="fig">${figureCell(value)}</td></tr>`)
    .join('')}</tbody></table>`;
}

/** The variation and assurance icons with their labels and the sentence that says why. */
function spcBlock(spc: MinutesSpc | null): string {
  if (!spc) return '';
  const line = (icon: string, label: string, reason: string | null) =>
    `<p class="spc-line">${icon} <strong>${esc(label)}.</strong> ${esc(reason ?? '')}</p>`;
  const icon = spc.variation ? badgeSvg(variationBadge(spc.variation)) : '';
  return `<div class="spc">${line(icon, spc.variationLabel, spc.variationReason)}${
    spc.assurance && spc.assuranceLabel
      ? line(badgeSvg(assuranceBadge(spc.assurance)), spc.assuranceLabel, spc.assuranceReason)
      : ''
  }</div>`;
}

function statusCell(a: ActionLogEntry, m: Minutes): string {
  const parts = [esc(actionStatusLabel[a.status])];
  if (isClosed(a.status)) {
    parts.unshift(a.status === 'done' ? '\u2713' : '\u2717');
    if (a.closed_on) parts.push(`<br><span class="tag">Closed</span> ${esc(formatShortDate(a.closed_on))}`);
  }
  if (m.overdueRefs.has(a.ref)) parts.push('<br><span class="tag">Overdue</span>');
  return parts.join(' ');
}

function updateText(u: { text: string; created_at: string; created_by: string }): string {
  const text = u.text === '' ? '<span class="none">Status changed</span>' : `<span class="text">${esc(u.text)}</span>`;
  return `${text} <span class="who">(${esc(u.created_by)}, ${esc(formatShortDate(u.created_at))})</span>`;
}

/** Column widths in per cent: with a fixed layout, one very long word cannot squeeze the other columns. */
function cols(...percents: number[]): string {
  return `<colgroup>${percents.map((p) => `<col style="width: ${p}%">`).join('')}</colgroup>`;
}

function measureActions(actions: readonly MinutesAction[], m: Minutes): string {
  if (actions.length === 0) return '<p class="none">No actions raised or updated at this clinic.</p>';
  const rows = actions.map(({ action: a, raisedHere, updatesHere }) => {
    const updates = updatesHere.map((u) => `<div class="update"><strong>Update:</strong> ${updateText(u)}</div>`);
    return `<tr class="${isClosed(a.status) ? 'closed' : ''}">
      <td class="ref">${esc(a.ref)}${raisedHere ? '<br><span class="tag">New</span>' : ''}</td>
      <td><span class="text">${esc(a.description)}</span>${updates.join('')}</td>
      <td>${esc(a.owner)}</td>
      <td class="num">${esc(formatShortDate(a.due_on))}</td>
      <td>${statusCell(a, m)}</td></tr>`;
  });
  return `<table class="actions">${cols(17, 40, 16, 12, 15)}<thead><tr><th>Ref</th><th>Action</th><th>Owner</th><th class="num">Due</th><th>Status</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function measureSection(item: MinutesItem, m: Minutes): string {
  const { row, chart, note } = item;
  const img = `data:image/png;base64,${bytesToBase64(chart.png)}`;
  return `
<article class="measure">
  <div class="measure-head">
    <h3>${item.number}. ${esc(row.title)} <span class="area">\u2014 ${esc(row.area_title)}</span></h3>
    <div class="figures">
      ${figuresTable(row, m)}
      <figure><img src="${img}" width="${chart.width}" height="${chart.height}" alt="${esc(chart.caption)}"><figcaption>${esc(chart.caption)}</figcaption></figure>
    </div>
    ${caveatLines(row)
      .map((line) => `<p class="caveat">${esc(line)}</p>`)
      .join('')}
    ${spcBlock(item.spc)}
  </div>
  <h4>Note</h4>
  ${
    note
      ? `<div class="note"><div class="text">${esc(note.text)}</div><div class="who">${esc(note.updated_by)}, ${esc(formatShortDate(note.updated_at))}</div></div>`
      : '<p class="none">No note was recorded.</p>'
  }
  <h4>Actions</h4>
  ${measureActions(item.actions, m)}
</article>`;
}

function measures(m: Minutes): string {
  const intro =
    m.selection === 'discussed'
      ? ''
      : m.selection === 'noted'
        ? '<p class="explain">No measure was marked as discussed at this clinic, so these minutes cover every measure with a note or an action, in agenda order.</p>'
        : '<p class="explain">No measure was marked as discussed, and no notes or actions were recorded against a measure at this clinic.</p>';
  return `
<section aria-labelledby="measures">
  <h2 id="measures">${m.selection === 'discussed' ? 'Measures discussed' : 'Measures with notes or actions'}</h2>
  ${intro}
  ${m.items.map((item) => measureSection(item, m)).join('')}
</section>`;
}

function logTable(actions: readonly ActionLogEntry[], m: Minutes, empty: string): string {
  if (actions.length === 0) return `<p class="none">${esc(empty)}</p>`;
  const rows = actions.map((a) => {
    const latest = latestUpdate(a);
    return `<tr class="${isClosed(a.status) ? 'closed' : ''}">
      <td class="ref">${esc(a.ref)}</td>
      <td>${esc(a.measure_title ?? 'Whole clinic')}</td>
      <td><span class="text">${esc(a.description)}</span></td>
      <td>${esc(a.owner)}</td>
      <td class="num">${esc(formatShortDate(a.due_on))}</td>
      <td>${statusCell(a, m)}</td>
      <td>${latest ? updateText(latest) : '<span class="none">None yet</span>'}</td></tr>`;
  });
  return `<table class="log">${cols(16, 12, 21, 12, 11, 12, 16)}<thead><tr><th>Ref</th><th>Measure</th><th>Action</th><th>Owner</th><th class="num">Due</th><th>Status</th><th>Latest update</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function actionLog(m: Minutes): string {
  const v = m.view;
  return `
<section aria-labelledby="log">
  <h2 id="log">Action log</h2>
  <h3>Carried forward from earlier clinics (${v.carriedForward.length})</h3>
  ${logTable(v.carriedForward, m, 'No actions were carried forward.')}
  <h3>New actions raised at this clinic (${v.raised.length})</h3>
  ${logTable(v.raised, m, 'No actions were raised.')}
  <h3>Closed since the last clinic (${v.closedSinceLast.length})</h3>
  ${logTable(v.closedSinceLast, m, 'No actions were closed since the last clinic.')}
</section>`;
}

/** The complete minutes document. */
export function minutesHtml(m: Minutes): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Minutes: ${m.title}`)}</title>
<style>${CSS}</style>
</head>
<body>
${heading(m)}
${summary(m)}
${measures(m)}
${actionLog(m)}
<p class="produced">Produced ${esc(formatProduced(m.produced))} by Performance Clinic.</p>
${m.protectiveMarking ? `<div class="marking-banner">${esc(m.protectiveMarking)}</div>` : ''}
</body>
</html>
`;
}

/**
 * Chromium's page header and footer, printed in the margins of every page: the marking (if any)
 * at the top and bottom, the clinic on the left, the date produced and "Page N of M" at the foot.
 * Chromium fills in the elements with class pageNumber and totalPages; it shows header text at a
 * size of zero unless told otherwise, hence the explicit font size.
 */
export function minutesPageTemplates(m: Minutes): { headerHtml: string; footerHtml: string } {
  const font = `font-family: 'Liberation Sans', Arial, 'DejaVu Sans', sans-serif; font-size: 8pt; color: #000; width: 100%; padding: 0 ${MINUTES_MARGINS_MM.right}mm 0 ${MINUTES_MARGINS_MM.left}mm;`;
  // The marking sits in the middle at the top and the bottom of every page, as the Government Security Classifications ask.
  const marking = m.protectiveMarking
    ? `<div style="text-align: center; font-weight: bold; font-size: 9pt; letter-spacing: 0.05em;">${esc(m.protectiveMarking)}</div>`
    : '';
  const headerHtml = `<div style="${font}">${marking}<div>${esc(`Minutes: ${m.title}`)}</div></div>`;
  const footerHtml = `<div style="${font}"><div style="display: flex; justify-content: space-between;"><span>Produced ${esc(formatProduced(m.produced))}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>${marking}</div>`;
  return { headerHtml, footerHtml };
}
