import { describe, expect, it } from 'vitest';
import { changeBetween, directionOfChange, statusAgainstTarget } from '../../main/domain/status';
import {
  changeInWords,
  directionText,
  formatChange,
  formatTarget,
  formatValue,
  formatValueShort,
  unitHeading,
} from '../../main/domain/format';
import { amount, figure, sizeOf } from '../../main/domain/scrutiny/rules';

describe('status against target', () => {
  it('meets a higher-is-better target exactly: on target', () => {
    expect(statusAgainstTarget(80, 80, 'higher_is_better', 5)).toBe('on_target');
  });
  it('decisions within 1 working day at 55% against 80% is off target', () => {
    expect(statusAgainstTarget(55, 80, 'higher_is_better', 5)).toBe('off_target');
  });
  it('is near target when short by no more than the tolerance', () => {
    expect(statusAgainstTarget(79, 80, 'higher_is_better', 5)).toBe('near_target');
    expect(statusAgainstTarget(75, 80, 'higher_is_better', 5)).toBe('near_target');
    expect(statusAgainstTarget(74.9, 80, 'higher_is_better', 5)).toBe('off_target');
  });
  it('a tolerance of 0 leaves no near band', () => {
    expect(statusAgainstTarget(79.9, 80, 'higher_is_better', 0)).toBe('off_target');
  });
  it('re-referrals at 28.4% against 20%, lower is better, are off target', () => {
    expect(statusAgainstTarget(28.4, 20, 'lower_is_better', 2)).toBe('off_target');
    expect(statusAgainstTarget(19, 20, 'lower_is_better', 2)).toBe('on_target');
    expect(statusAgainstTarget(21.5, 20, 'lower_is_better', 2)).toBe('near_target');
  });
  it('does not let floating-point noise move a figure across the band edge', () => {
    // 80.3 - 0.3 is 79.99999999999999 in binary floating point.
    expect(statusAgainstTarget(80.3 - 0.3, 80, 'higher_is_better', 0)).toBe('on_target');
  });
  it('has no status without a target, a figure or a good direction', () => {
    expect(statusAgainstTarget(55, null, 'higher_is_better', 5)).toBe('no_target');
    expect(statusAgainstTarget(null, 80, 'higher_is_better', 5)).toBe('no_target');
    expect(statusAgainstTarget(781, 500, 'none', 0)).toBe('no_target');
  });
});

describe('change and direction', () => {
  it('percentages change in points', () => {
    expect(changeBetween(55, 53, 'percent')).toEqual({ absolute: 2, percent: null });
    expect(changeBetween(23.2, 22.7, 'percent')).toEqual({ absolute: 0.5, percent: null });
  });
  it('counts change by a count and a percentage', () => {
    expect(changeBetween(781, 883, 'count')).toEqual({ absolute: -102, percent: -11.551529 });
  });
  it('a count that rises from zero has no percentage change', () => {
    expect(changeBetween(3, 0, 'count')).toEqual({ absolute: 3, percent: null });
  });
  it('no change without both figures', () => {
    expect(changeBetween(55, null, 'percent')).toBeNull();
    expect(changeBetween(null, 53, 'percent')).toBeNull();
  });
  it('a rise is an improvement when higher is better, and a worsening when lower is better', () => {
    const up = { absolute: 2, percent: null };
    expect(directionOfChange(up, 'higher_is_better')).toBe('improved');
    expect(directionOfChange(up, 'lower_is_better')).toBe('worsened');
    expect(directionOfChange({ absolute: -0.9, percent: null }, 'lower_is_better')).toBe('improved');
  });
  it('no change is unchanged; demand counts have no good direction', () => {
    expect(directionOfChange({ absolute: 0, percent: null }, 'higher_is_better')).toBe('unchanged');
    expect(directionOfChange({ absolute: -102, percent: -11.6 }, 'none')).toBe('not_applicable');
  });
  it('tells "no earlier figure" (no_previous) from "no good direction" (not_applicable)', () => {
    expect(directionOfChange(null, 'higher_is_better')).toBe('no_previous');
    expect(directionOfChange(null, 'lower_is_better')).toBe('no_previous');
    expect(directionOfChange(null, 'none')).toBe('not_applicable');
  });
});

describe('figures as people read them', () => {
  it('writes percentages, points and counts in en-GB', () => {
    expect(formatValue(55, 'percent')).toBe('55%');
    expect(formatValue(28.4, 'percent')).toBe('28.4%');
    expect(formatValue(1730, 'count')).toBe('1,730');
    expect(formatValue(-0.3, 'points')).toBe('\u22120.3 pts');
    expect(formatValue(null, 'count')).toBe('\u2014');
  });
  it('writes changes as points for percentages and count with per cent for counts', () => {
    expect(formatChange({ absolute: 2, percent: null }, 'percent')).toBe('+2.0 pts');
    expect(formatChange({ absolute: -102, percent: -11.551529 }, 'count')).toBe('\u2212102 (\u221211.6%)');
  });
  it('says when there is no earlier figure rather than calling it not applicable', () => {
    expect(directionText('no_previous')).toBe('No earlier figure');
    expect(directionText('not_applicable')).toBe('Not applicable');
  });
});

describe('the near-target band beside the target', () => {
  it('is shown where a measure has one, and not at all where it has none', () => {
    expect(formatTarget(80, 'percent', 5)).toBe('80% (near target: within 5 points)');
    expect(formatTarget(80, 'percent', 1)).toBe('80% (near target: within 1 point)');
    expect(formatTarget(250, 'count', 10)).toBe('250 (near target: within 10)');
    expect(formatTarget(80, 'percent', 0)).toBe('80%');
    expect(formatTarget(null, 'percent', 5)).toBe('\u2014');
  });
});

describe('rates per 10,000 children', () => {
  it('are written with their unit, or short where the column header carries it', () => {
    expect(formatValue(52.3, 'rate_10k')).toBe('52.3 per 10,000 children');
    expect(formatValue(1052, 'rate_10k', 1)).toBe('1,052.0 per 10,000 children');
    expect(formatValueShort(52.3, 'rate_10k')).toBe('52.3');
    expect(formatValueShort(55, 'percent')).toBe('55%');
    expect(unitHeading('rate_10k')).toBe('per 10,000 children');
    expect(unitHeading('percent')).toBe('');
  });
  it('are compared as rates: a change in the rate, never a percentage of it', () => {
    const change = changeBetween(53.5, 52.3, 'rate_10k');
    expect(change).toEqual({ absolute: 1.2, percent: null });
    expect(formatChange(change, 'rate_10k')).toBe('+1.2 per 10,000');
    expect(changeInWords(change, 'rate_10k')).toBe('up 1.2 per 10,000');
    expect(changeInWords(changeBetween(50, 52.3, 'rate_10k'), 'rate_10k')).toBe('down 2.3 per 10,000');
    expect(changeInWords(changeBetween(52.3, 52.3, 'rate_10k'), 'rate_10k')).toBe('no change');
    expect(changeInWords({ absolute: 2, percent: null }, 'percent')).toBe('up 2.0 points');
  });
  it('give a near-target band in the rate', () => {
    expect(formatTarget(50, 'rate_10k', 2)).toBe('50 per 10,000 children (near target: within 2 per 10,000)');
  });
  it('are phrased as rates by the scrutiny drafter', () => {
    expect(amount(1.2, 'rate_10k')).toBe('1.2 per 10,000 children');
    expect(figure(52.3, 'rate_10k')).toBe('52.3 per 10,000 children');
    expect(sizeOf(53.5, 52.3, 'rate_10k')).toBe('slight');
  });
});
