/** `perfclinic benchmarks …`: load DfE's published statistics as benchmarks, undo a load, show a measure's. */
import * as path from 'node:path';
import type { ClinicApp } from '../api/clinic-app';
import type { BenchmarkView, DfeMappingInUse, LoadResult } from '../api/dfe-benchmarks';
import { parseOptions, requireDb, UsageError } from './arguments';

export const BENCHMARKS_USAGE = `  perfclinic benchmarks load --db FILE --la CODE FILE.csv... [--dry-run] [--format table|json]
      Load benchmarks from DfE's children's social care CSVs (explore-education-statistics) and,
      if given, DfE's statistical neighbour model (CSV). CODE is the council's old LA code (370) or
      its new one (E08000016). Prints what will change; --dry-run writes nothing.
  perfclinic benchmarks undo --db FILE
      Undo the last load of DfE benchmarks.
  perfclinic benchmarks mappings --db FILE
      Which DfE column each measure is benchmarked from: shipped with the app, or the council's own.
  perfclinic benchmarks map --db FILE --measure KEY --column NAME [--filter COLUMN=VALUE]... [--nearest NOTE]
      The council's own mapping: benchmark KEY from DfE's column NAME (rows where each COLUMN is VALUE).
      --nearest says how DfE's figure differs from the measure. Replaces a shipped mapping for KEY.
  perfclinic benchmarks unmap --db FILE --measure KEY
      Remove the council's own mapping of KEY.
  perfclinic benchmarks show --db FILE --measure KEY [--period YYYY-MM] [--format table|json]
      A measure's DfE benchmarks as a clinic for the period shows them, every neighbour by name.`;

const ONE_DECIMAL = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const num = (v: number | null) => (v === null ? 'none' : ONE_DECIMAL.format(v));

export function loadText(result: LoadResult): string {
  const lines: string[] = [];
  const changed = result.changes.filter((c) => c.status !== 'unchanged');
  lines.push(
    `${result.dryRun ? 'Dry run, nothing written: ' : ''}${result.la.name} (${result.la.code}): ${changed.length} benchmark year${changed.length === 1 ? '' : 's'} ${result.dryRun ? 'would change' : 'loaded'}, ${result.changes.length - changed.length} unchanged.`,
  );
  for (const f of result.files) {
    lines.push(
      `  ${f.name}: ${f.kind === 'neighbour model' ? 'statistical neighbour model' : f.measures.length > 0 ? `maps to ${f.measures.join(', ')}` : 'nothing the app maps'}`,
    );
  }
  if (result.noNeighbourModel) {
    lines.push('No statistical neighbour model was given, so no neighbours, mean, median or rank were worked out.');
  }
  for (const c of changed) {
    lines.push(
      `${c.title} (${c.measure}), ${c.year}: ${c.status}${c.match === 'nearest' ? ' (nearest DfE measure)' : ''}`,
    );
    if (c.match === 'nearest') lines.push(`    ${c.note}`);
    for (const l of c.lines) {
      if (l.before === l.after) continue;
      lines.push(`    ${l.what}: ${l.before === null ? '' : `${l.before} -> `}${l.after}`);
    }
  }
  for (const n of result.notInCatalogue) {
    lines.push(
      `Not in your catalogue: ${n.title} (${n.measure}, from ${n.column} in ${n.source}); add the measure to load it.`,
    );
  }
  for (const p of result.problems)
    lines.push(`Problem: ${p.file}${p.row === null ? '' : `, row ${p.row}`}: ${p.reason}`);
  return `${lines.join('\n')}\n`;
}

export function mappingsText(mappings: readonly DfeMappingInUse[]): string {
  const lines = mappings.map((m) => {
    const filters = Object.entries(m.filters).map(([c, v]) => `${c} = "${v}"`);
    return `${m.measure} <- ${m.column}${filters.length > 0 ? ` where ${filters.join(' and ')}` : ''} (${m.match}, ${m.origin === 'council' ? 'the council’s own' : 'shipped'})${m.match === 'nearest' ? `\n    ${m.note}` : ''}`;
  });
  return `${lines.join('\n')}\n`;
}

export function viewText(view: BenchmarkView, title: string): string {
  const b = view.shown;
  if (!b) {
    return `${title}: no DfE benchmark published by ${view.period}${view.years.length > 0 ? ` (loaded: ${view.years.map((y) => y.year.label).join(', ')})` : ''}.\n`;
  }
  const summary = view.summary === 'median' ? b.median : b.mean;
  const lines = [
    `${title}, as a clinic for ${view.period} shows it: DfE ${b.year.label}${b.old ? ' (old: more than two years before the clinic)' : ''}`,
    `  England ${num(b.national)}`,
    ...(b.regional ? [`  ${b.regional.name} ${num(b.regional.value)}`] : []),
    ...(b.neighbours.length > 0
      ? [`  Statistical neighbours (${view.summary} of ${summary.used} of ${summary.of}) ${num(summary.value)}`]
      : []),
    `  ${b.own.name} ${num(b.own.value)}${b.own.rank === null ? '' : `, ranked ${b.own.rank} of ${b.own.rankOf} among itself and its neighbours`}${b.own.quartile === null ? '' : `, quartile ${b.own.quartile} in England`}`,
  ];
  for (const n of b.neighbours)
    lines.push(`    ${n.name.padEnd(30)} ${n.value === null ? `suppressed (${n.suppressed})` : num(n.value)}`);
  if (view.sincePublished) {
    lines.push(`  Since published: England ${num(view.sincePublished.national)} (${view.sincePublished.year.label})`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runBenchmarks(app: ClinicApp, argv: string[], out: (text: string) => void): Promise<void> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'load': {
      const { values, positionals } = parseOptions(
        rest,
        {
          db: { type: 'string' },
          la: { type: 'string' },
          'dry-run': { type: 'boolean', default: false },
          format: { type: 'string', default: 'table' },
        },
        true,
      );
      const format = values.format;
      if (format !== 'table' && format !== 'json')
        throw new UsageError(`--format must be table or json (got "${format}")`);
      const db = requireDb(values);
      if (typeof values.la !== 'string' || values.la === '')
        throw new UsageError('--la CODE is required: the council’s LA code, old (370) or new (E08000016)');
      if (positionals.length === 0) throw new UsageError('name at least one DfE statistics file (.csv) to load');
      const dryRun = values['dry-run'] === true;
      await app.openFile(db, { readOnly: dryRun });
      const result = await app.benchmarks.loadPaths(values.la, positionals, { dryRun });
      out(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : loadText(result));
      return;
    }
    case 'undo': {
      const { values } = parseOptions(rest, { db: { type: 'string' } });
      await app.openFile(requireDb(values));
      const undone = app.benchmarks.undoLast();
      out(
        `Undid the load of ${undone.files.map((f) => path.basename(f)).join(', ')}: ${undone.restored} benchmark year${undone.restored === 1 ? '' : 's'} put back, ${undone.removed} removed.\n`,
      );
      return;
    }
    case 'mappings': {
      const { values } = parseOptions(rest, { db: { type: 'string' } });
      await app.openFile(requireDb(values), { readOnly: true });
      out(mappingsText(app.benchmarks.mappings()));
      return;
    }
    case 'map': {
      const { values } = parseOptions(rest, {
        db: { type: 'string' },
        measure: { type: 'string' },
        column: { type: 'string' },
        filter: { type: 'string', multiple: true },
        nearest: { type: 'string' },
      });
      if (typeof values.measure !== 'string' || values.measure === '')
        throw new UsageError('--measure KEY is required');
      if (typeof values.column !== 'string' || values.column === '')
        throw new UsageError('--column NAME is required: the DfE column, such as rereferral_percent');
      const filters: Record<string, string> = {};
      for (const f of values.filter ?? []) {
        const at = f.indexOf('=');
        if (at <= 0) throw new UsageError(`--filter is COLUMN=VALUE (got "${f}")`);
        filters[f.slice(0, at).trim()] = f.slice(at + 1).trim();
      }
      await app.openFile(requireDb(values));
      const all = app.benchmarks.setMapping({
        measure: values.measure,
        column: values.column,
        filters,
        match: values.nearest === undefined ? 'exact' : 'nearest',
        note: values.nearest ?? '',
      });
      out(mappingsText(all));
      return;
    }
    case 'unmap': {
      const { values } = parseOptions(rest, { db: { type: 'string' }, measure: { type: 'string' } });
      if (typeof values.measure !== 'string' || values.measure === '')
        throw new UsageError('--measure KEY is required');
      await app.openFile(requireDb(values));
      out(mappingsText(app.benchmarks.removeMapping(values.measure)));
      return;
    }
    case 'show': {
      const { values } = parseOptions(rest, {
        db: { type: 'string' },
        measure: { type: 'string' },
        period: { type: 'string' },
        format: { type: 'string', default: 'table' },
      });
      const format = values.format;
      if (format !== 'table' && format !== 'json')
        throw new UsageError(`--format must be table or json (got "${format}")`);
      if (typeof values.measure !== 'string' || values.measure === '')
        throw new UsageError('--measure KEY is required');
      await app.openFile(requireDb(values), { readOnly: true });
      const period = values.period ?? app.periods().latest;
      if (!period) throw new UsageError('--period YYYY-MM is required: the file holds no figures yet');
      const view = app.benchmarks.forMeasure(values.measure, period);
      const title = app.catalogue.get(view.measure).title;
      out(format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : viewText(view, title));
      return;
    }
    default:
      throw new UsageError(
        `perfclinic benchmarks ${sub ?? ''}: say load, undo, show, mappings, map or unmap; try: perfclinic help`,
      );
  }
}
