/**
 * A measure's history of changes in words: who changed what and when, from the audit trail. The
 * measure panel shows it behind a disclosure; the catalogue shows it open, reloaded after each change.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { MeasureFields } from '../../main/domain/catalogue';
import { periodLabel } from '../../main/domain/period';
import type { AuditEntry, Unit } from '../../main/domain/types';
import { callClinic } from './clinic-api';
import { formatDateTime } from './dates';
import { ErrorMessage } from './error-message';
import { benchmarkKeys, benchmarkNames, formatValue } from './format';
import { frequencyLabels, polarityLabels, unitLabels } from './labels';

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

function clip(text: string, max = 240): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function field(value: unknown, key: string): string | null {
  const v = record(value)[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** What the measure panel and the catalogue know that the audit row does not. */
export interface AuditContext {
  /** The measure's unit, so figures read "55%" rather than "55". */
  unit?: Unit;
  /** Service area titles by key, so a move reads "Demand → Front door". */
  areaTitles?: ReadonlyMap<string, string>;
}

const fieldNames: Record<Exclude<keyof MeasureFields, 'benchmarks' | 'benchmark_years'>, string> = {
  title: 'Title',
  definition: 'Definition',
  area: 'Service area',
  unit: 'Unit',
  polarity: 'Which is better',
  frequency: 'How often',
  tolerance: 'Near target band',
  numerator_label: 'Numerator',
  denominator_label: 'Denominator',
  data_source: 'Data source',
  part_of: 'Part of',
};

function figure(value: unknown, unit: Unit | undefined): string {
  if (typeof value !== 'number') return 'none';
  return unit ? formatValue(value, unit) : value.toLocaleString('en-GB');
}

/** One field's value as a person reads it. */
function shown(key: string, value: unknown, context: AuditContext): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (key === 'unit') return unitLabels[value as Unit] ?? String(value);
  if (key === 'polarity') return polarityLabels[value as keyof typeof polarityLabels] ?? String(value);
  if (key === 'frequency') return frequencyLabels[value as keyof typeof frequencyLabels] ?? String(value);
  if (key === 'area') return context.areaTitles?.get(String(value)) ?? String(value);
  if (key === 'tolerance') return typeof value === 'number' ? value.toLocaleString('en-GB') : String(value);
  return `“${clip(String(value), 120)}”`;
}

/** "Title: “Contacts” → “Contacts received”", one line for each field an edit changed. */
function editedLines(before: unknown, after: unknown, context: AuditContext): string[] {
  const was = record(before);
  const now = record(after);
  const lines: string[] = [];
  for (const key of Object.keys(now)) {
    if (key === 'benchmarks' || key === 'benchmark_years') {
      const label = key === 'benchmarks' ? 'benchmark' : 'benchmark year';
      for (const which of benchmarkKeys) {
        const b = record(was[key])[which];
        const a = record(now[key])[which];
        if (b === a) continue;
        const read = (v: unknown) =>
          key === 'benchmarks' ? figure(v, context.unit) : typeof v === 'number' ? String(v) : 'none';
        lines.push(`${benchmarkNames[which]} ${label}: ${read(b)} → ${read(a)}`);
      }
      continue;
    }
    const name = fieldNames[key as keyof typeof fieldNames] ?? key;
    lines.push(`${name}: ${shown(key, was[key], context)} → ${shown(key, now[key], context)}`);
  }
  return lines;
}

function targetWords(change: unknown, unit: Unit | undefined): { month: string; target: string } {
  const c = record(change);
  const month = typeof c.applies_from === 'string' ? periodLabel(c.applies_from) : 'an unknown month';
  return { month, target: c.target === null ? 'no target' : figure(c.target, unit) };
}

/** A catalogue change in words. */
function describeMeasure(entry: AuditEntry, before: unknown, after: unknown, context: AuditContext) {
  switch (entry.action) {
    case 'added': {
      const first = record(record(after).target);
      const lines = [`Title: ${shown('title', record(after).title, context)}`];
      if (typeof first.target === 'number' && typeof first.appliesFrom === 'string')
        lines.push(`First target: ${figure(first.target, context.unit)} from ${periodLabel(first.appliesFrom)}`);
      return { what: 'Measure added', lines };
    }
    case 'edited':
      return { what: 'Details changed', lines: editedLines(before, after, context) };
    case 'target set': {
      const now = targetWords(after, context.unit);
      const what =
        now.target === 'no target' ? `No target from ${now.month}` : `Target from ${now.month} set to ${now.target}`;
      return { what, lines: before ? [`It was ${targetWords(before, context.unit).target}.`] : [] };
    }
    case 'target removed': {
      const was = targetWords(before, context.unit);
      return { what: `Target change from ${was.month} removed`, lines: [`It was ${was.target}.`] };
    }
    case 'retired': {
      const reason = field(after, 'reason');
      return { what: 'Retired', lines: reason ? [`Reason: ${clip(reason)}`] : [] };
    }
    case 'reinstated':
      return { what: 'Reinstated', lines: [] };
    default:
      return { what: `Measure ${entry.action}`, lines: [] };
  }
}

/** One audit row in words: what happened, and the part of before or after worth reading. */
export function describeAudit(entry: AuditEntry, context: AuditContext = {}): { what: string; lines: string[] } {
  const before = parse(entry.before);
  const after = parse(entry.after);
  const verb = entry.action;
  if (entry.entity === 'measure') return describeMeasure(entry, before, after, context);
  if (entry.entity === 'note') {
    if (verb === 'deleted') return { what: 'Note deleted', lines: typeof before === 'string' ? [clip(before)] : [] };
    return { what: `Note ${verb}`, lines: typeof after === 'string' ? [clip(after)] : [] };
  }
  if (entry.entity === 'action') {
    const what = `Action ${entry.entity_id} ${verb}`;
    const reason = field(after, 'reason');
    if (reason) return { what, lines: [`Reason: ${clip(reason)}`] };
    const text = field(after, 'text') ?? field(after, 'description');
    return { what, lines: text ? [clip(text)] : [] };
  }
  if (entry.entity === 'agenda') return { what: verb.charAt(0).toUpperCase() + verb.slice(1), lines: [] };
  return { what: `${entry.entity} ${verb}`, lines: [] };
}

export function AuditList({ entries, context }: { entries: AuditEntry[]; context?: AuditContext }): ReactNode {
  if (entries.length === 0) return <p className="empty-note">Nothing has been recorded against this measure yet.</p>;
  return (
    <ol className="audit">
      {entries.map((e) => {
        const { what, lines } = describeAudit(e, context);
        return (
          <li key={e.id} className="audit__entry">
            <p className="audit__meta">
              {formatDateTime(e.at)} · {e.who || 'Unknown'}
            </p>
            <p className="audit__what">{what}</p>
            {lines.map((line, i) => (
              <p key={i} className="audit__detail">
                {line}
              </p>
            ))}
          </li>
        );
      })}
    </ol>
  );
}

type Loaded = AuditEntry[] | { error: string } | null;

/** The measure's audit trail, loaded now and again whenever `version` changes. */
export function useAudit(measure: string, active: boolean, version = 0): Loaded {
  const [entries, setEntries] = useState<Loaded>(null);
  useEffect(() => {
    if (!active) return;
    let current = true;
    void callClinic('getAudit', { measure, limit: 200 }).then((result) => {
      if (current) setEntries(result.ok ? result.value : { error: result.error });
    });
    return () => {
      current = false;
    };
  }, [measure, active, version]);
  return entries;
}

export function AuditBody({ entries, context }: { entries: Loaded; context?: AuditContext }): ReactNode {
  if (entries === null)
    return (
      <p className="loading" role="status">
        Loading the history…
      </p>
    );
  if ('error' in entries) return <ErrorMessage title="The history could not be shown" message={entries.error} />;
  return <AuditList entries={entries} {...(context ? { context } : {})} />;
}

/** Behind a disclosure in the measure panel: loaded when opened. */
export function AuditHistory({ measure, context }: { measure: string; context?: AuditContext }): ReactNode {
  const [open, setOpen] = useState(false);
  const entries = useAudit(measure, open);
  return (
    <details className="disclosure" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>History of changes</summary>
      {open && <AuditBody entries={entries} {...(context ? { context } : {})} />}
    </details>
  );
}
