/** The clinic comparison written for a terminal (table), for scripts (JSON) and for spreadsheets (CSV). */
import { stringify } from 'csv-stringify/sync';
import { directionText, formatChange, formatValue, statusLabel } from '../domain/format';
import { periodLabel } from '../domain/period';
import type { ClinicReport, ReportRow } from '../domain/views';
import { neutraliseCell } from '../domain/spreadsheet-safety';

export type ReportFormat = 'table' | 'json' | 'csv';

export function formatReport(report: ClinicReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(toJson(report), null, 2)}\n`;
  if (format === 'csv') return toCsv(report);
  return toTable(report);
}

function toJson(report: ClinicReport) {
  return {
    period: report.period,
    compare: report.compare,
    measures: report.measures.map((m) => ({
      key: m.key,
      title: m.title,
      area: m.area,
      area_title: m.area_title,
      unit: m.unit,
      polarity: m.polarity,
      frequency: m.frequency,
      current: m.current ? { period: m.current.period, value: m.current.value } : null,
      previous: m.previous ? { period: m.previous.period, value: m.previous.value } : null,
      change: m.change?.absolute ?? null,
      change_percent: m.change?.percent ?? null,
      direction: m.direction,
      target: m.target,
      status: m.status,
      benchmarks: m.benchmarks,
      ...(m.benchmark_details ? { benchmark_details: m.benchmark_details } : {}),
      spc: m.spc ?? null,
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
    'current',
    'previous_period',
    'previous',
    'change',
    'change_percent',
    'direction',
    'target',
    'status',
    'national',
    'regional',
    'statistical_neighbours',
  ];
  const rows = report.measures.map((m) => [
    m.key,
    m.title,
    m.area_title,
    m.unit,
    m.polarity,
    m.frequency,
    m.current?.period ?? '',
    m.current?.value ?? '',
    m.previous?.period ?? '',
    m.previous?.value ?? '',
    m.change?.absolute ?? '',
    m.change?.percent ?? '',
    m.direction,
    m.target ?? '',
    m.status,
    m.benchmarks.national ?? '',
    m.benchmarks.regional ?? '',
    m.benchmarks.statistical_neighbours ?? '',
  ]);
  // Text cells go through the formula guard; numbers the app wrote stay numbers.
  return stringify([header, ...rows.map((r) => r.map((c) => (typeof c === 'string' ? neutraliseCell(c) : c)))], {
    record_delimiter: '\r\n',
  });
}

/** The value, with its own period where a quarterly or year-to-date figure is not for the column's month. */
function valueCell(value: ReportRow['current'], column: string, row: ReportRow): string {
  if (!value) return '\u2014';
  const text = formatValue(value.value, row.unit);
  return value.period === column ? text : `${text} (${periodLabel(value.period)})`;
}

function toTable(report: ClinicReport): string {
  const header = [
    'Measure',
    periodLabel(report.compare),
    periodLabel(report.period),
    'Change',
    'Direction',
    'Target',
    'Status',
  ];
  const lines: string[][] = [];
  let area = '';
  for (const m of report.measures) {
    if (m.area_title !== area) {
      area = m.area_title;
      lines.push([`[${area}]`, '', '', '', '', '', '']);
    }
    lines.push([
      m.title,
      valueCell(m.previous, report.compare, m),
      valueCell(m.current, report.period, m),
      formatChange(m.change, m.unit),
      directionText(m.direction, m.change, m.polarity),
      m.target === null ? '\u2014' : formatValue(m.target, m.unit),
      statusLabel[m.status],
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const title = `Clinic: ${periodLabel(report.period)} compared with ${periodLabel(report.compare)}`;
  return [title, '', render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render), ''].join('\n');
}
