/** The clinic comparison written for a terminal (table), for scripts (JSON) and for spreadsheets (CSV). */
import { stringify } from 'csv-stringify/sync';
import { directionText, formatChange, formatValue, statusLabel } from '../domain/format';
import { periodLabel } from '../domain/period';
import type { ClinicReport, ReportRow } from '../domain/views';
import type { PeriodValue } from '../domain/types';
import { caveatText, figureWhen, figureWithFraction } from '../domain/figure-text';
import { neutraliseCell } from '../domain/spreadsheet-safety';

export type ReportFormat = 'table' | 'json' | 'csv';

export function formatReport(report: ClinicReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(toJson(report), null, 2)}\n`;
  if (format === 'csv') return toCsv(report);
  return toTable(report);
}

/**
 * A figure for scripts: its period, value, and where known its numerator, denominator and as-at
 * date, and for a count that is part of another the base's figure (`of: {measure, value}`).
 */
function figureJson(value: PeriodValue | null, of?: ReportRow['of']) {
  if (!value) return null;
  return {
    period: value.period,
    value: value.value,
    ...(value.numerator !== null ? { numerator: value.numerator } : {}),
    ...(value.denominator !== null ? { denominator: value.denominator } : {}),
    ...(value.as_at ? { as_at: value.as_at } : {}),
    ...(of ? { of: { measure: of.measure, value: of.value } } : {}),
  };
}

function toJson(report: ClinicReport) {
  return {
    period: report.period,
    compare: report.compare,
    /** The team whose own figures these are; null for the whole service. */
    team: report.team ?? null,
    measures: report.measures.map((m) => ({
      key: m.key,
      title: m.title,
      area: m.area,
      area_title: m.area_title,
      unit: m.unit,
      polarity: m.polarity,
      frequency: m.frequency,
      current: figureJson(m.current, m.of),
      previous: figureJson(m.previous),
      last_year: m.last_year ? { period: m.last_year.period, value: m.last_year.value } : null,
      change: m.change?.absolute ?? null,
      change_percent: m.change?.percent ?? null,
      change_from_last_year: m.last_year_change?.absolute ?? null,
      direction: m.direction,
      comparison_note: m.comparison_note,
      latest_available: m.latest_available,
      decimals: m.decimals,
      target: m.target,
      status: m.status,
      benchmarks: m.benchmarks,
      benchmark_details: m.benchmark_details,
      caveats: m.caveats.map((c) =>
        c.to === null ? { text: c.text, from: c.from } : { text: c.text, from: c.from, to: c.to },
      ),
      spc: m.spc ?? null,
      ...(m.steps && m.steps.length > 0 ? { steps: m.steps.map((s) => ({ measure: s.measure, value: s.value })) } : {}),
    })),
  };
}

function toCsv(report: ClinicReport): string {
  const header = [
    'key',
    'title',
    'area',
    'unit',
    'polarity',
    'frequency',
    'current_period',
    'current_as_at',
    'current',
    'current_numerator',
    'current_denominator',
    'previous_period',
    'previous',
    'change',
    'change_percent',
    'direction',
    'comparison_note',
    'latest_available',
    'last_year_period',
    'last_year',
    'change_from_last_year',
    'target',
    'status',
    'national',
    'national_year',
    'regional',
    'regional_year',
    'statistical_neighbours',
    'statistical_neighbours_year',
    'caveats',
    'team',
  ];
  const rows = report.measures.map((m) => [
    m.key,
    m.title,
    m.area_title,
    m.unit,
    m.polarity,
    m.frequency,
    m.current?.period ?? '',
    m.current?.as_at ?? '',
    m.current?.value ?? '',
    m.current?.numerator ?? '',
    m.current?.denominator ?? '',
    m.previous?.period ?? '',
    m.previous?.value ?? '',
    m.change?.absolute ?? '',
    m.change?.percent ?? '',
    m.direction,
    m.comparison_note ?? '',
    m.latest_available ?? '',
    m.last_year?.period ?? '',
    m.last_year?.value ?? '',
    m.last_year_change?.absolute ?? '',
    m.target ?? '',
    m.status,
    m.benchmarks.national ?? '',
    m.benchmark_details.national?.year ?? '',
    m.benchmarks.regional ?? '',
    m.benchmark_details.regional?.year ?? '',
    m.benchmarks.statistical_neighbours ?? '',
    m.benchmark_details.statistical_neighbours?.year ?? '',
    m.caveats.map(caveatText).join(' | '),
    report.team ?? '',
  ]);
  // Text cells go through the formula guard; numbers the app wrote stay numbers.
  return stringify([header, ...rows.map((r) => r.map((c) => (typeof c === 'string' ? neutraliseCell(c) : c)))], {
    record_delimiter: '\r\n',
  });
}

/** The value, with its own period (or as-at date) where a figure is not simply for the column's month. */
function valueCell(value: ReportRow['current'], column: string, row: ReportRow): string {
  if (!value) return '\u2014';
  const text = figureWithFraction(value, row.unit, row.decimals, value === row.current ? row.of : null);
  if (value.period === column && !value.as_at && row.frequency !== 'quarterly') return text;
  return `${text} (${row.latest_available ? 'latest available: ' : ''}${figureWhen(value, row.frequency)})`;
}

function toTable(report: ClinicReport): string {
  const header = [
    'Measure',
    periodLabel(report.compare),
    periodLabel(report.period),
    'Change',
    'Direction',
    'Last year',
    'Target',
    'Status',
  ];
  const lines: string[][] = [];
  let area = '';
  for (const m of report.measures) {
    if (m.area_title !== area) {
      area = m.area_title;
      lines.push([`[${area}]`, '', '', '', '', '', '', '']);
    }
    lines.push([
      m.title,
      valueCell(m.previous, report.compare, m),
      valueCell(m.current, report.period, m),
      m.comparison_note && !m.previous ? m.comparison_note : formatChange(m.change, m.unit),
      directionText(m.direction),
      m.last_year ? valueCell(m.last_year, '', m) : '\u2014',
      m.target === null ? '\u2014' : formatValue(m.target, m.unit),
      statusLabel[m.status],
    ]);
    // A caveat is a line of its own under its measure, outside the columns.
    for (const c of m.caveats) lines.push([`  \u26A0 ${caveatText(c)}`]);
  }
  const columns = lines.filter((l) => l.length > 1);
  const widths = header.map((h, i) => Math.max(h.length, ...columns.map((l) => (l[i] ?? '').length)));
  const render = (cells: string[]) =>
    cells.length === 1
      ? (cells[0] ?? '')
      : cells
          .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
          .join('  ')
          .trimEnd();
  const title = `Clinic: ${periodLabel(report.period)} compared with ${periodLabel(report.compare)}${
    report.team ? `: ${report.team}’s figures only` : ''
  }`;
  return [title, '', render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render), ''].join('\n');
}
