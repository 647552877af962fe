/** The exception report: each measure that needs attention, with the reason in words. */
import { periodLabel } from '../domain/period';
import { assuranceLabel, variationLabel } from '../domain/spc';
import type { ReportRow } from '../domain/views';

export function exceptionsText(period: string, rows: readonly ReportRow[]): string {
  if (rows.length === 0) {
    return `No exceptions for ${periodLabel(period)}: no measure shows special cause of concern or will consistently fail its target.\n`;
  }
  const lines = [`Exceptions for ${periodLabel(period)}: ${rows.length} measure${rows.length === 1 ? '' : 's'}`, ''];
  for (const row of rows) {
    const spc = row.spc!;
    lines.push(`${row.title} (${row.area_title})`);
    lines.push(`  ${variationLabel[spc.variation]}: ${spc.variation_reason}`);
    if (spc.assurance) lines.push(`  ${assuranceLabel[spc.assurance]}: ${spc.assurance_reason ?? ''}`);
    lines.push('');
  }
  return lines.join('\n');
}
