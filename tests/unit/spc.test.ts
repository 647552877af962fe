import { describe, expect, it } from 'vitest';
import { analyse, assuranceOf, computeLimits, withGaps, type SeriesPoint } from '../../main/domain/spc';
import { addMonths } from '../../main/domain/period';

/** A monthly series from January 2022. */
function series(values: ReadonlyArray<number | null>, start = '2022-01'): SeriesPoint[] {
  return values.flatMap((value, i) => (value === null ? [] : [{ period: addMonths(start, i), value }]));
}

const higher = { unit: 'percent' as const, polarity: 'higher_is_better' as const, target: null };
/** Twelve points alternating 10, 12: mean 11, every moving range 2, so mMR = 2. */
const BASE = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12];
// Fixed on those twelve: upper = 11 + 2.66 × 2 = 16.32, lower = 11 − 5.32 = 5.68,
// 2-sigma lines = 11 ± (2/3 × 2.66 = 1.77333) × 2 = 14.54667 and 7.45333.
const fixed = { baseline: 12 };

describe('XmR limits', () => {
  it('mean ± 2.66 × mean moving range: 10, 12, 11, 13, 12, 14', () => {
    // mean = 72 / 6 = 12; moving ranges 2, 1, 2, 1, 2 → mMR = 8 / 5 = 1.6;
    // upper = 12 + 2.66 × 1.6 = 16.256; lower = 12 − 4.256 = 7.744; 2-sigma = 12 ± 1.77333 × 1.6.
    const limits = computeLimits(series([10, 12, 11, 13, 12, 14]))!;
    expect(limits.mean).toBeCloseTo(12, 10);
    expect(limits.meanMovingRange).toBeCloseTo(1.6, 10);
    expect(limits.upper).toBeCloseTo(16.256, 10);
    expect(limits.lower).toBeCloseTo(7.744, 10);
    expect(limits.upper2).toBeCloseTo(12 + (2 / 3) * 2.66 * 1.6, 10);
    expect(limits.trial).toBe(true);
  });

  it('moving-range screening drops ranges of 3.267 × mMR or more', () => {
    const values = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 40];
    // Ranges: ten of 2 and one of 30 → mMR = 50 / 11 = 4.5455; 3.267 × 4.5455 = 14.85, so 30 goes;
    // screened mMR = 20 / 10 = 2. Mean = (6 × 10 + 5 × 12 + 40) / 12 = 160 / 12 = 13.3333.
    const plain = computeLimits(series(values))!;
    const screened = computeLimits(series(values), true)!;
    expect(plain.meanMovingRange).toBeCloseTo(50 / 11, 10);
    expect(screened.meanMovingRange).toBeCloseTo(2, 10);
    expect(screened.mean).toBeCloseTo(160 / 12, 10);
    expect(screened.upper).toBeCloseTo(160 / 12 + 5.32, 10);
  });

  it('no moving range spans a missing month', () => {
    // 10, 12, gap, 30, 32: ranges 2 and 2 only (not |30 − 12|) → mMR = 2.
    const limits = computeLimits(withGaps(series([10, 12, null, 30, 32])))!;
    expect(limits.meanMovingRange).toBe(2);
  });
});

describe('special-cause rules', () => {
  it('a point above the upper limit is special cause; with higher is better, improvement', () => {
    const result = analyse(series([...BASE, 30]), higher, fixed)!;
    expect(result.limits!.upper).toBeCloseTo(16.32, 10);
    expect(result.limits!.trial).toBe(false);
    expect(result.points.at(-1)).toMatchObject({ value: 30, label: 'outside', side: 'high', kind: 'improvement' });
    expect(result.variation).toBe('improvement_high');
    expect(result.variationReason).toBe('January 2023 (30%) is above the upper process limit of 16.3%.');
  });

  it('the same point is concern when lower is better', () => {
    expect(analyse(series([...BASE, 30]), { ...higher, polarity: 'lower_is_better' }, fixed)!.variation).toBe(
      'concern_high',
    );
  });

  it('a point exactly on a limit is not outside it', () => {
    // 16.32 is the upper limit itself.
    expect(analyse(series([...BASE, 16.32]), higher, fixed)!.points.at(-1)!.rules).not.toContain('outside');
  });

  it('seven points in a row above the mean are a shift, and all seven are flagged', () => {
    // 12 and 13 are above the mean of 11 and below the 2-sigma line of 14.55, so only the shift fires.
    const run = [12, 13, 12, 13, 12, 13, 12];
    const result = analyse(series([...BASE, ...run]), higher, fixed)!;
    const flagged = result.points.filter((p) => p.rules.includes('shift')).map((p) => p.period);
    // The last baseline point (12, Dec 2022) is above the mean too, so the run is 8 long.
    expect(flagged).toEqual(['2022-12', '2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07']);
    expect(result.variation).toBe('improvement_high');
    expect(result.variationReason).toBe('8 months in a row above the average of 11% since December 2022.');
  });

  it('six in a row is a shift only where the user chooses 6', () => {
    const run = [10, 12, 13, 12, 13, 12, 13]; // 10 breaks the run after the baseline: six above the mean
    expect(analyse(series([...BASE, ...run]), higher, fixed)!.variation).toBe('common_cause');
    expect(analyse(series([...BASE, ...run]), higher, { ...fixed, runLength: 6 })!.variation).toBe('improvement_high');
  });

  it('a point exactly on the mean breaks a shift', () => {
    const run = [10, 12, 13, 11, 13, 12, 13, 12, 13]; // 11 is the mean: runs of 2 and 5
    const result = analyse(series([...BASE, ...run]), higher, fixed)!;
    expect(result.points.some((p) => p.rules.includes('shift'))).toBe(false);
  });

  it('a missing month breaks a shift, and is reported as a gap', () => {
    const run = [10, 12, 13, 12, null, 13, 12, 13, 12];
    const result = analyse(series([...BASE, ...run]), higher, fixed)!;
    expect(result.points.some((p) => p.rules.includes('shift'))).toBe(false);
    expect(result.gaps).toEqual(['2023-05']);
    expect(result.points.find((p) => p.period === '2023-05')?.value).toBeNull();
    // The sentence the table, the minutes and the exception report use says so, not only the detail.
    expect(result.variationReason).toMatch(/ Runs are not counted across the missing May 2023\.$/);
  });

  it('names every missing month in the summary', () => {
    const run = [10, 12, null, 12, null, null, 12];
    const result = analyse(series([...BASE, ...run]), higher, fixed)!;
    expect(result.gaps).toEqual(['2023-03', '2023-05', '2023-06']);
    expect(result.variationReason).toMatch(
      / Runs are not counted across the missing March 2023, May 2023 and June 2023\.$/,
    );
  });

  it('seven points each higher than the last are a trend', () => {
    // 6 … 12 rise through the mean, so no shift; 6 and 7 are beyond the lower 2-sigma line (7.45)
    // with 8 on the same side, so two-of-three flags them too, but trend outranks it.
    const result = analyse(series([...BASE, 6, 7, 8, 9, 10, 11, 12]), higher, fixed)!;
    const trend = result.points.filter((p) => p.rules.includes('trend')).map((p) => p.value);
    expect(trend).toEqual([6, 7, 8, 9, 10, 11, 12]);
    expect(result.points.find((p) => p.value === 6)).toMatchObject({
      rules: ['trend', 'two_of_three'],
      label: 'trend',
    });
    expect(result.variation).toBe('improvement_high');
    expect(result.variationReason).toBe('7 months in a row rising since January 2023.');
  });

  it('an equal value neither adds to nor breaks a trend (NHS England run and control chart guidance)', () => {
    // 6, 7, 8, 8, 9, 10, 11, 12: the second 8 is level with the first, so it is passed over; the
    // rises 6→7, 7→8, 8→9, 9→10, 10→11, 11→12 are 6 differences, 7 points each higher than the last:
    // a trend, and all 8 months it spans are flagged. Breaking the run at the tie would leave runs of
    // 2 and 4 rises and no trend. (No shift: 6 … 10 are below the mean of 11 and 11 is on it, so 6 below.)
    const result = analyse(series([...BASE, 6, 7, 8, 8, 9, 10, 11, 12]), higher, fixed)!;
    const trend = result.points.filter((p) => p.rules.includes('trend')).map((p) => p.value);
    expect(trend).toEqual([6, 7, 8, 8, 9, 10, 11, 12]);
    expect(result.points.some((p) => p.rules.includes('shift'))).toBe(false);
    expect(result.variation).toBe('improvement_high');
    expect(result.variationReason).toBe(
      '7 months in a row rising since January 2023 (1 month level with the one before neither adds to nor breaks the trend).',
    );
  });

  it('an equal value does not add to a trend: 6, 7, 8, 8, 9, 10, 11 is 5 rises, not a trend of 7', () => {
    const result = analyse(series([...BASE, 6, 7, 8, 8, 9, 10, 11]), higher, fixed)!;
    expect(result.points.some((p) => p.rules.includes('trend'))).toBe(false);
  });

  it('a fall after a level month ends a trend', () => {
    // 6, 7, 8, 8, 7, 8, 9, 10, 11: rises to 8, level, then a fall to 7: the first run has 2 rises;
    // the second (7 … 11) has 4. No trend.
    const result = analyse(series([...BASE, 6, 7, 8, 8, 7, 8, 9, 10, 11]), higher, fixed)!;
    expect(result.points.some((p) => p.rules.includes('trend'))).toBe(false);
  });

  it('six months each higher than the last are a trend only where the user chooses 6', () => {
    // After the baseline's last 12: 9, 10, 11.5, 12, 13, 14 is 5 rises (6 points). No shift of 6
    // (9 and 10 are below the mean of 11, then 4 above), nothing beyond 2-sigma (7.45 to 14.55).
    const run = [9, 10, 11.5, 12, 13, 14];
    expect(analyse(series([...BASE, ...run]), higher, fixed)!.variation).toBe('common_cause');
    const six = analyse(series([...BASE, ...run]), higher, { ...fixed, runLength: 6 })!;
    expect(six.points.filter((p) => p.rules.includes('trend')).map((p) => p.value)).toEqual(run);
    expect(six.points.some((p) => p.rules.includes('shift'))).toBe(false);
    expect(six.variation).toBe('improvement_high');
    expect(six.variationReason).toBe('6 months in a row rising since January 2023.');
  });

  it('two of three beyond the same 2-sigma line, counting a point beyond the limit; only those two are flagged', () => {
    // 15 > 14.55 (2-sigma), 11.5 is above the mean but not beyond, 20 > 16.32 (beyond the limit, counts too).
    const result = analyse(series([...BASE, 15, 11.5, 20]), higher, fixed)!;
    const twoOfThree = result.points.filter((p) => p.rules.includes('two_of_three')).map((p) => p.value);
    expect(twoOfThree).toEqual([15, 20]);
    expect(result.points.at(-1)!.label).toBe('outside');
    expect(result.points.at(-3)!.label).toBe('two_of_three');
  });

  it('two of three needs all three on the same side of the mean', () => {
    const result = analyse(series([...BASE, 15, 10, 15]), higher, fixed)!;
    expect(result.points.some((p) => p.rules.includes('two_of_three'))).toBe(false);
  });

  it('a measure with no good direction has neutral special cause', () => {
    expect(analyse(series([...BASE, 30]), { ...higher, polarity: 'none' }, fixed)!.variation).toBe('neutral_high');
  });
});

describe('trial limits, baselines and rebasing', () => {
  it('fewer than 12 points give trial limits that say so; fewer than 6 give no chart', () => {
    const result = analyse(series([10, 12, 10, 12, 10, 12, 10]), higher)!;
    expect(result.limits!.trial).toBe(true);
    expect(result.variationReason).toMatch(/trial limits from 7 months/);
    expect(analyse(series([10, 12, 10, 12, 10]), higher)).toBeNull();
  });

  it('common cause says where a month is expected to fall, as MDC words it, not that the months varied so', () => {
    // BASE: mean 11, mMR 2, limits 11 ± 5.32 = 5.68 and 16.32. The figures themselves only ran 10 to 12.
    const result = analyse(series(BASE), higher)!;
    expect(result.variation).toBe('common_cause');
    expect(result.variationReason).toBe(
      'No significant change: while the process stays as it is, a month’s figure is expected to fall between the process limits of 5.7% and 16.3%, around an average of 11%.',
    );
  });

  it('a fixed baseline keeps the limits where they were as new points arrive', () => {
    const result = analyse(series([...BASE, 30, 40]), higher, fixed)!;
    expect(result.limits!.mean).toBe(11);
    expect(result.limits!.baselinePoints).toBe(12);
  });

  it('rebasing starts new limits at the chosen period, with its recorded reason', () => {
    const values = [...BASE, 50, 52, 50, 52, 50, 52];
    const result = analyse(series(values), higher, { rebase: [{ period: '2023-01', reason: 'Mosaic went live' }] })!;
    expect(result.phases.map((p) => [p.from, p.mean, p.reason])).toEqual([
      ['2022-01', 11, null],
      ['2023-01', 51, 'Mosaic went live'],
    ]);
    expect(result.limits!.mean).toBe(51);
    // Within its own phase, 50-52 is ordinary.
    expect(result.variation).toBe('common_cause');
  });

  it('recalculating at the latest month judges nothing until the new phase has enough points', () => {
    // Without this, the 30 of January 2023 would be judged against the old limits (5.68-16.32) it
    // was meant to leave behind, and the target against them too.
    const rebase = [{ period: '2023-01', reason: 'Mosaic went live' }];
    const result = analyse(series([...BASE, 30]), { ...higher, target: 80 }, { rebase })!;
    expect(result.limits).toBeNull();
    expect(result.variation).toBeNull();
    expect(result.assurance).toBeNull();
    expect(result.assuranceReason).toBeNull();
    expect(result.points.at(-1)!.rules).toEqual([]);
    expect(result.variationReason).toBe(
      'Limits recalculated from January 2023: too few points for limits yet (1 of the 6 needed), so nothing is judged.',
    );
    // The old phase keeps its limits on the chart.
    expect(result.phases.map((p) => [p.from, p.to, p.mean])).toEqual([['2022-01', '2022-12', 11]]);
  });

  it('a phase with fewer points than the minimum gets no limits', () => {
    // Two points, 10 and 46: mean 28, mMR 36, so "limits" of 28 ± 95.76 (−67.8 to 123.8) and every
    // target "hit and miss". Five points are still too few; the sixth gives the phase its limits.
    const rebase = [{ period: '2023-01', reason: 'New definition' }];
    const two = analyse(series([...BASE, 10, 46]), { ...higher, target: 80 }, { rebase })!;
    expect(two.phases).toHaveLength(1);
    expect(two.limits).toBeNull();
    expect(two.assurance).toBeNull();
    const five = analyse(series([...BASE, 50, 52, 50, 52, 50]), higher, { rebase })!;
    expect(five.limits).toBeNull();
    expect(five.variationReason).toMatch(/too few points for limits yet \(5 of the 6 needed\)/);
    const six = analyse(series([...BASE, 50, 52, 50, 52, 50, 52]), higher, { rebase })!;
    expect(six.limits!.mean).toBe(51);
  });

  it('an early phase too short for limits is left without them, and later phases are judged', () => {
    // Rebased at April 2022: January to March (3 points) get no limits and no flags, even the 40.
    const rebase = [{ period: '2022-04', reason: 'New team' }];
    const result = analyse(series([10, 40, 10, ...BASE]), higher, { rebase })!;
    expect(result.phases.map((p) => p.from)).toEqual(['2022-04']);
    expect(result.points.slice(0, 3).every((p) => p.rules.length === 0)).toBe(true);
    expect(result.limits!.mean).toBe(11);
  });
});

describe('assurance against the target', () => {
  const limits = computeLimits(series(BASE))!; // 5.68 to 16.32
  it('higher is better: target above the upper limit will consistently fail; below the lower, pass', () => {
    expect(assuranceOf(limits, 20, 'higher_is_better')).toBe('fail');
    expect(assuranceOf(limits, 5, 'higher_is_better')).toBe('pass');
    expect(assuranceOf(limits, 12, 'higher_is_better')).toBe('hit_and_miss');
  });
  it('lower is better is the reverse (re-referrals against 20%)', () => {
    expect(assuranceOf(limits, 20, 'lower_is_better')).toBe('pass');
    expect(assuranceOf(limits, 5, 'lower_is_better')).toBe('fail');
  });
  it('no target or no good direction: no assurance icon', () => {
    expect(assuranceOf(limits, null, 'higher_is_better')).toBeNull();
    expect(assuranceOf(limits, 12, 'none')).toBeNull();
  });
  it('says why in a sentence', () => {
    const result = analyse(series(BASE), { ...higher, target: 80 })!;
    expect(result.assurance).toBe('fail');
    expect(result.assuranceReason).toBe(
      'The target of 80% is outside the process limits (between 5.7% and 16.3%): on the current process it will consistently fail; something has to change.',
    );
  });
});
