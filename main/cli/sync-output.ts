/** The command line's words for a merge and for the record of changes. */
import type { MergeReport, StoredChange } from '../api/sync';
import type { Figure } from '../domain/merge';

const figure = (f: Figure | null) => (f === null ? 'none' : String(f.value));

export function mergeText(report: MergeReport, from: string, into: string): string {
  const lines: string[] = [];
  const verb = report.dryRun ? 'Would apply' : 'Applied';
  lines.push(
    `${report.dryRun ? 'Dry run, nothing written: merging' : 'Merged'} ${from} into ${into}. ${verb} ${report.applied} change${report.applied === 1 ? '' : 's'}; ${report.alreadyThere} already there.`,
  );
  if (report.notesKeptBothWays.length > 0) {
    lines.push(`Notes kept both ways (${report.notesKeptBothWays.length}): choose one or combine them in the app.`);
    for (const n of report.notesKeptBothWays) {
      lines.push(`  ${n.clinic}, ${n.measure}: current by ${n.currentBy}`);
      for (const a of n.also) lines.push(`    also written by ${a.by} at ${a.at}`);
    }
  }
  if (report.reportTextsKeptBothWays.length > 0) {
    lines.push(
      `Report texts kept both ways (${report.reportTextsKeptBothWays.length}): choose one or combine them in the app's Report section.`,
    );
    for (const r of report.reportTextsKeptBothWays) {
      const what = 'section' in r.what ? `section ${r.what.section}` : `${r.what.period} ${r.what.item}`;
      lines.push(`  ${what}: current by ${r.currentBy}`);
      for (const a of r.also) lines.push(`    also written by ${a.by} at ${a.at}`);
    }
  }
  if (report.renumbered.length > 0) {
    lines.push(`Action references renumbered so that none is used twice (${report.renumbered.length}):`);
    for (const r of report.renumbered) lines.push(`  ${r.from} is now ${r.to}: ${r.description}`);
  }
  if (report.figuresDiffered.length > 0) {
    lines.push(
      `Figures imported differently on the two copies; the later import stands (${report.figuresDiffered.length}):`,
    );
    for (const f of report.figuresDiffered)
      lines.push(
        `  ${f.measure} ${f.period} ${f.team === '' ? '(whole service)' : f.team}: was ${figure(f.was)}, now ${figure(f.now)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

function describeValue(c: StoredChange): string {
  if (c.field === '_deleted') return 'deleted';
  if (c.entity === 'imports' && c.field === 'rows') {
    const rows = (JSON.parse(c.value ?? '[]') as unknown[]).length;
    return `${rows.toLocaleString('en-GB')} figure${rows === 1 ? '' : 's'}`;
  }
  let text = c.value ?? 'null';
  if (c.entity === 'notes' && c.field === 'text') text = JSON.stringify((JSON.parse(text) as { t: string }).t);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function changesTable(changes: readonly StoredChange[]): string {
  if (changes.length === 0) return 'No changes recorded.\n';
  const rows = changes.map((c) => [
    c.hlc.slice(0, 19).replace('T', ' '),
    c.author || '(unnamed)',
    `${c.entity}${c.field === '*' ? ' created' : c.field === '_deleted' ? '' : `.${c.field}`}`,
    describeValue(c),
  ]);
  const widths = [19, Math.max(3, ...rows.map((r) => r[1]!.length)), Math.max(4, ...rows.map((r) => r[2]!.length))];
  const pad = (r: string[]) =>
    `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]!.padEnd(widths[2]!)}  ${r[3]}`;
  return `${[pad(['When (UTC)', 'Who', 'What', 'Value']), ...rows.map(pad)].join('\n')}\n`;
}
