/** Plain-English words for the codes the API uses, so the screen never shows "higher_is_better". */
import type { Assurance, Variation } from '../../main/domain/spc';
import type { Direction, Frequency, Polarity, Status, Unit } from '../../main/domain/types';
import { formatValue } from './format';

// The same words as the CLI and the minutes.
export { directionLabel as directionLabels, statusLabel as statusLabels } from '../../main/domain/format';

/** Worst first, so sorting by status brings what needs discussing to the top. */
export const statusOrder: Record<Status, number> = { off_target: 0, near_target: 1, on_target: 2, no_target: 3 };

export const directionOrder: Record<Direction, number> = {
  worsened: 0,
  unchanged: 1,
  improved: 2,
  no_previous: 3,
  not_applicable: 4,
};

export const polarityLabels: Record<Polarity, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  none: 'For information: neither higher nor lower is better',
};

/** The short form under a measure's name in the clinic table. */
export const polarityHints: Record<Polarity, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  none: 'For information',
};

export const unitLabels: Record<Unit, string> = {
  percent: 'Percentage',
  count: 'Number',
  points: 'Difference in percentage points',
  rate_10k: 'Rate per 10,000 children',
};

export const frequencyLabels: Record<Frequency, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  academic_ytd: 'Academic year to date',
  financial_ytd: 'Financial year to date',
};

export const frequencyExplanations: Record<Frequency, string> = {
  monthly: 'Monthly: a figure for each month.',
  quarterly: 'Quarterly: published at the end of each quarter, so the latest figure may be for an earlier month.',
  academic_ytd: 'Academic year to date: counted from the start of the school year in September.',
  financial_ytd: 'Financial year to date: counted from the start of the financial year in April.',
};

/** "80% or more", "20% or less", or just the figure where no direction is better. */
export function targetLabel(target: number, unit: Unit, polarity: Polarity): string {
  const figure = formatValue(target, unit);
  if (polarity === 'higher_is_better') return `${figure} or more`;
  if (polarity === 'lower_is_better') return `${figure} or less`;
  return figure;
}

export function toleranceLabel(tolerance: number, unit: Unit): string {
  if (tolerance <= 0) return 'None: anything short of the target is off target.';
  const amount =
    unit === 'count'
      ? formatValue(tolerance, unit)
      : unit === 'rate_10k'
        ? `${formatValue(tolerance, 'count')} per 10,000 children`
        : `${formatValue(tolerance, 'count')} percentage points`;
  return `Up to ${amount} short of the target counts as near target.`;
}

/** Short forms of Making Data Count's variation icons, for the clinic table; the detail gives the sentence. */
export const variationShortLabels: Record<Variation, string> = {
  common_cause: 'Common cause',
  improvement_high: 'Improvement (high)',
  improvement_low: 'Improvement (low)',
  concern_high: 'Concern (high)',
  concern_low: 'Concern (low)',
  neutral_high: 'Unusual (high)',
  neutral_low: 'Unusual (low)',
};

export const variationOrder: Record<Variation, number> = {
  concern_high: 0,
  concern_low: 0,
  neutral_high: 1,
  neutral_low: 1,
  improvement_high: 2,
  improvement_low: 2,
  common_cause: 3,
};

export const assuranceShortLabels: Record<Assurance, string> = {
  fail: 'Will fail',
  hit_and_miss: 'Hit and miss',
  pass: 'Will pass',
};

export const assuranceOrder: Record<Assurance, number> = { fail: 0, hit_and_miss: 1, pass: 2 };
