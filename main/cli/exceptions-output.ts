/**
 * The exception report: each measure that needs attention, with the reason in words; how many
 * measures statistical process control could judge at all; and the off-target measures it could
 * not judge, so that a file without history never reads as "nothing to report".
 */
import { isException } from '../domain/agenda';
import { formatValue } from '../domain/format';
import { periodLabel } from '../domain/period';
import { assuranceLabel, MINIMUM_POINTS, variationLabel } from '../domain/spc';
import type { ReportRow } from '../domain/views';

export interface ExceptionReport {
  period: string;
  /** Every measure in the comparison. */
  measures: number;
  /** Those with an SPC judgement at the period (monthly, enough figures, limits in force). */
  judged: number;
  exceptions: ReportRow[];
  /** Off target at the period with no SPC judgement: the exception test could not be applied to them. */
  off_target_not_judged: ReportRow[];
}

const judged = (row: ReportRow) => Boolean(row.spc?.variation);

export function exceptionReport(period: string, rows: readonly ReportRow[]): ExceptionReport {
  return {
    period,
    measures: rows.length,
    judged: rows.filter(judged).length,
    exceptions: rows.filter(isException),
    off_target_not_judged: rows.filter((r) => !judged(r) && r.status === 'off_target'),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function exceptionsText(report: ExceptionReport): string {
  const month = periodLabel(report.period);
  const lines: string[] = [];
  if (report.judged === 0) {
    lines.push(
      `No measure could be judged for ${month}: statistical process control needs at least ${MINIMUM_POINTS} months of figures for a monthly measure, and none of the ${plural(report.measures, 'measure')} has them.`,
    );
  } else if (report.exceptions.length === 0) {
    lines.push(
      `No exceptions for ${month}: statistical process control judged ${report.judged} of ${plural(report.measures, 'measure')}, and none shows special cause of concern or will consistently fail its target.`,
    );
  } else {
    lines.push(`Exceptions for ${month}: ${plural(report.exceptions.length, 'measure')}`);
    lines.push(`Judged by statistical process control: ${report.judged} of ${plural(report.measures, 'measure')}.`);
    lines.push('');
    for (const row of report.exceptions) {
      const spc = row.spc!;
      lines.push(`${row.title} (${row.area_title})`);
      if (spc.variation) lines.push(`  ${variationLabel[spc.variation]}: ${spc.variation_reason}`);
      if (spc.assurance) lines.push(`  ${assuranceLabel[spc.assurance]}: ${spc.assurance_reason ?? ''}`);
      lines.push('');
    }
  }
  const unjudged = report.off_target_not_judged;
  if (unjudged.length > 0) {
    if (lines.at(-1) !== '') lines.push('');
    lines.push(
      `Off target, but not judged (not monthly, or under ${MINIMUM_POINTS} months of figures): ${plural(unjudged.length, 'measure')}`,
    );
    for (const row of unjudged) {
      lines.push(
        `  ${row.title} (${row.area_title}): ${formatValue(row.current?.value ?? null, row.unit)} against a target of ${formatValue(row.target, row.unit)}`,
      );
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
