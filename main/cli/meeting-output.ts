/** Clinics and the action log written for a terminal. */
import { actionStatusLabel } from '../domain/actions';
import type { ClinicSummary } from '../domain/types';
import type { ActionLogEntry } from '../domain/types';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ''].join('\n');
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function clinicsTable(clinics: readonly ClinicSummary[]): string {
  return table(
    ['Id', 'Date', 'Clinic', 'Periods', 'Chair', 'Status'],
    clinics.map((c) => [
      String(c.id),
      c.held_on,
      c.kind,
      `${c.period} v ${c.compare}`,
      c.chair,
      c.status === 'final' ? 'Final' : 'Draft',
    ]),
  );
}

export function actionsTable(actions: readonly ActionLogEntry[]): string {
  if (actions.length === 0) return 'No actions match.\n';
  return table(
    ['Reference', 'Due', 'Status', 'Owner', 'Team', 'Measure', 'Action'],
    actions.map((a) => [
      a.ref,
      a.due_on,
      `${actionStatusLabel[a.status]}${a.overdue ? ' (overdue)' : ''}`,
      oneLine(a.owner, 30),
      oneLine(a.team, 24),
      oneLine(a.measure_title ?? 'Whole clinic', 40),
      oneLine(a.description, 60),
    ]),
  );
}
