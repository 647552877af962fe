/**
 * `perfclinic import`, `perfclinic undo-import`, `perfclinic imports` and `perfclinic template`:
 * loading figures from a spreadsheet from the command line, through the same API as the window.
 */
import type { ClinicApp } from '../api/clinic-app';
import type { ImportPreview } from '../api/imports';
import { periodShortLabel } from '../domain/period';
import { UserError } from '../errors';
import { parseOptions, requireDb, UsageError } from './arguments';

export const IMPORT_USAGE = `  perfclinic import --db FILE FILE.xlsx|FILE.csv [--dry-run] [--format table|json]
      Import figures from a spreadsheet: one row per measure and period, or one row per measure
      with a column per month. Every problem is listed with its sheet, row and reason; nothing
      is written if there is any. --dry-run shows what would change and writes nothing.
  perfclinic undo-import --db FILE
      Undo the most recent import, putting back every figure it added or changed.
  perfclinic imports --db FILE [--format table|json]
      The imports made into a clinic file, newest first.
  perfclinic template --db FILE --out FILE.xlsx|FILE.csv [--force]
      Save a fill-in template of the measures, one column per month for the last 12 months.`;

export const IMPORT_COMMANDS: readonly string[] = ['import', 'undo-import', 'imports', 'template'];

function checkFormat(value: unknown): 'table' | 'json' {
  if (value !== 'table' && value !== 'json') throw new UsageError('--format must be table or json');
  return value;
}

function where(p: { sheet: string; row: number | null; column: string | null }, multiSheet: boolean): string {
  const cell = p.row === null ? '' : p.column ? `${p.column}${p.row}` : `row ${p.row}`;
  const sheet = multiSheet ? `sheet "${p.sheet}"` : '';
  return [sheet, cell].filter((s) => s !== '').join(', ') || 'file';
}

const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });

/** The preview as text: how the file was read, every problem, and per measure what would change. */
export function previewTable(preview: ImportPreview): string {
  const lines: string[] = [];
  const multi = preview.sheets.length > 1;
  const layouts = preview.sheets
    .filter((s) => s.layout !== null)
    .map(
      (s) =>
        `${multi ? `"${s.name}": ` : ''}${s.layout === 'wide' ? 'one row per measure, a column per month' : 'one row per figure'}`,
    );
  lines.push(`${preview.fileName} (${preview.format.toUpperCase()}${layouts.length ? `; ${layouts.join('; ')}` : ''})`);
  lines.push(
    `${fmt(preview.rowsRead)} rows read, ${fmt(preview.blankRows)} blank; ${fmt(preview.totals.figures)} figures${preview.periods ? ` from ${periodShortLabel(preview.periods.from)} to ${periodShortLabel(preview.periods.to)}` : ''}.`,
  );
  for (const notice of preview.notices) lines.push(`Note: ${notice}`);
  if (preview.problems.length > 0) {
    lines.push('');
    lines.push(`Problems: ${fmt(preview.errorCount)} error(s), ${fmt(preview.warningCount)} warning(s)`);
    for (const p of preview.problems)
      lines.push(`  ${p.severity === 'error' ? 'ERROR  ' : 'warning'}  ${where(p, multi)}: ${p.message}`);
    if (preview.problemsOmitted > 0) lines.push(`  ... and ${fmt(preview.problemsOmitted)} more.`);
  }
  const changing = preview.measures.filter((m) => m.added > 0 || m.changed > 0);
  if (changing.length > 0) {
    lines.push('');
    const width = Math.min(60, Math.max(...changing.map((m) => m.title.length), 7));
    lines.push(`${'Measure'.padEnd(width)}  ${'new'.padStart(6)}  ${'changed'.padStart(7)}  ${'same'.padStart(6)}`);
    for (const m of changing) {
      lines.push(
        `${m.title.slice(0, width).padEnd(width)}  ${fmt(m.added).padStart(6)}  ${fmt(m.changed).padStart(7)}  ${fmt(m.unchanged).padStart(6)}`,
      );
      for (const change of m.changes.slice(0, 12)) {
        lines.push(
          `    ${periodShortLabel(change.period)}${change.team ? ` ${change.team}` : ''}: ${fmt(change.old.value)} → ${fmt(change.next.value)}`,
        );
      }
      if (m.changes.length > 12) lines.push(`    ... and ${fmt(m.changed - 12)} more changes.`);
    }
    const same = preview.measures.length - changing.length;
    if (same > 0)
      lines.push(`(${fmt(same)} other measure${same === 1 ? '' : 's'} in the file: every figure unchanged.)`);
  }
  lines.push('');
  lines.push(preview.summary);
  return `${lines.join('\n')}\n`;
}

/** Runs one of the import commands; `argv` starts with the command's name. */
export async function runImport(argv: string[], out: (text: string) => void, app: ClinicApp): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'import': {
      const { values, positionals } = parseOptions(
        rest,
        { db: { type: 'string' }, 'dry-run': { type: 'boolean' }, format: { type: 'string', default: 'table' } },
        true,
      );
      const format = checkFormat(values.format);
      const db = requireDb(values);
      if (positionals.length !== 1)
        throw new UsageError('name one spreadsheet to import: perfclinic import --db FILE figures.xlsx');
      const source = positionals[0]!;
      const dryRun = values['dry-run'] === true;
      await app.openFile(db, { readOnly: dryRun });
      const preview = await app.imports.previewFile(source);
      if (dryRun || preview.errorCount > 0 || !preview.canImport) {
        if (format === 'json') out(`${JSON.stringify({ preview, imported: null }, null, 2)}\n`);
        else out(previewTable(preview) + (dryRun ? 'Dry run: nothing has been written.\n' : ''));
        if (preview.errorCount > 0 && !dryRun) {
          throw new UserError(
            `${preview.fileName} has ${fmt(preview.errorCount)} problem(s) to fix; nothing has been imported.`,
          );
        }
        return;
      }
      const result = await app.imports.importFile(source, { expectedSha256: preview.sha256 });
      if (format === 'json') out(`${JSON.stringify({ preview, imported: result }, null, 2)}\n`);
      else
        out(
          `${previewTable(preview)}${result.summary}${result.backup ? ` A backup of the file as it was is kept as ${result.backup}.` : ''} Undo with: perfclinic undo-import --db ${db}\n`,
        );
      return;
    }
    case 'undo-import': {
      const { values } = parseOptions(rest, { db: { type: 'string' } });
      await app.openFile(requireDb(values));
      out(`${app.imports.undoLast().summary}\n`);
      return;
    }
    case 'imports': {
      const { values } = parseOptions(rest, { db: { type: 'string' }, format: { type: 'string', default: 'table' } });
      const format = checkFormat(values.format);
      await app.openFile(requireDb(values), { readOnly: true });
      const list = app.imports.list();
      if (format === 'json') out(`${JSON.stringify(list, null, 2)}\n`);
      else if (list.length === 0) out('No imports yet.\n');
      else
        for (const i of list)
          out(
            `${String(i.id).padStart(4)}  ${i.imported_at.slice(0, 16).replace('T', ' ')}  ${i.imported_by || '-'}  ${i.file_name}  +${fmt(i.added)} new, ${fmt(i.changed)} changed${i.undone_at ? `  (undone ${i.undone_at.slice(0, 10)})` : ''}\n`,
          );
      return;
    }
    case 'template': {
      const { values } = parseOptions(rest, {
        db: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean' },
      });
      const db = requireDb(values);
      if (typeof values.out !== 'string' || !/\.(xlsx|csv)$/i.test(values.out))
        throw new UsageError('--out FILE.xlsx or --out FILE.csv is required: where to save the template');
      await app.openFile(db, { readOnly: true });
      const saved = await app.imports.saveTemplate(values.out, { overwrite: values.force === true });
      out(`Saved a template of ${app.catalogue.list().length} measures to ${saved}.\n`);
      return;
    }
    default:
      throw new UsageError(`unknown command "${command ?? ''}"; try: perfclinic help`);
  }
}
