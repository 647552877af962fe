import { describe, expect, it } from 'vitest';
import {
  amount,
  benchmarkPhrase,
  changeClause,
  figure,
  judgement,
  lastYearSentence,
  sizeOf,
  targetPhrase,
  type TargetStatus,
} from '../../main/domain/scrutiny/rules';
import { statusAgainstTarget } from '../../main/domain/status';
import type { Polarity, Unit } from '../../main/domain/types';

type Golden = [value: number, target: number, polarity: Polarity, unit: Unit, text: string, status: TargetStatus];

const H: Polarity = 'higher_is_better';
const L: Polarity = 'lower_is_better';

/**
 * Golden polarity table: what the report says of a figure against its target. The first two rows are
 * mistakes published by councils and must never come back.
 */
const GOLDEN: Golden[] = [
  // 17.5% re-referrals against 18%, lower is better, was minuted as "an increase on the target": it is below, and good.
  [17.5, 18, L, 'percent', 'below the target of 18%, where lower is better, so on target', 'on_target'],
  // 25% of care leavers not in education, employment or training against 33%, lower is better: better than target.
  [25, 33, L, 'percent', 'below the target of 33%, where lower is better, so on target', 'on_target'],
  [28.4, 20, L, 'percent', 'above the target of 20%, where lower is better, so off target', 'off_target'],
  [20, 20, L, 'percent', 'at the target of 20%, where lower is better, so on target', 'on_target'],
  [20.1, 26, L, 'percent', 'below the target of 26%, where lower is better, so on target', 'on_target'],
  [26.1, 26, L, 'percent', 'above the target of 26%, where lower is better, so off target', 'off_target'],
  [0, 5, L, 'percent', 'below the target of 5%, where lower is better, so on target', 'on_target'],
  [100, 5, L, 'percent', 'above the target of 5%, where lower is better, so off target', 'off_target'],
  [55, 80, H, 'percent', 'below the target of 80%, so off target', 'off_target'],
  [81.7, 80, H, 'percent', 'above the target of 80%, so on target', 'on_target'],
  [80, 80, H, 'percent', 'meeting the target of 80%, so on target', 'on_target'],
  [79.9, 80, H, 'percent', 'below the target of 80%, so off target', 'off_target'],
  [80.3, 80, H, 'percent', 'above the target of 80%, so on target', 'on_target'],
  [84, 95, H, 'percent', 'below the target of 95%, so off target', 'off_target'],
  [90, 80, H, 'percent', 'above the target of 80%, so on target', 'on_target'],
  [59.4, 68, H, 'percent', 'below the target of 68%, so off target', 'off_target'],
  [100, 100, H, 'percent', 'meeting the target of 100%, so on target', 'on_target'],
  [0, 50, H, 'percent', 'below the target of 50%, so off target', 'off_target'],
  // Floating-point noise never moves a figure across the target.
  [80.3 - 0.3, 80, H, 'percent', 'meeting the target of 80%, so on target', 'on_target'],
  [19.7 + 0.3, 20, L, 'percent', 'at the target of 20%, where lower is better, so on target', 'on_target'],
  // Counts.
  [18, 20, L, 'count', 'below the target of 20, where lower is better, so on target', 'on_target'],
  [23, 20, L, 'count', 'above the target of 20, where lower is better, so off target', 'off_target'],
  [1200, 1000, H, 'count', 'above the target of 1,000, so on target', 'on_target'],
  [950, 1000, H, 'count', 'below the target of 1,000, so off target', 'off_target'],
  [1000, 1000, H, 'count', 'meeting the target of 1,000, so on target', 'on_target'],
  [9, 9, L, 'count', 'at the target of 9, where lower is better, so on target', 'on_target'],
  // Points (a difference to a comparator).
  [0.2, 0, H, 'points', 'above the target of 0 points, so on target', 'on_target'],
  [-0.3, 0, H, 'points', 'below the target of 0 points, so off target', 'off_target'],
  [-1, -0.5, L, 'points', 'below the target of \u22120.5 points, where lower is better, so on target', 'on_target'],
  [1.5, 1, L, 'points', 'above the target of +1 point, where lower is better, so off target', 'off_target'],
  // No better direction: the position only, never a verdict.
  [781, 800, 'none', 'count', 'below the target of 800 (a measure with no better direction)', 'no_direction'],
  [26.9, 20, 'none', 'percent', 'above the target of 20% (a measure with no better direction)', 'no_direction'],
];

describe('golden polarity table: a figure against its target', () => {
  it('has at least 30 cases', () => {
    expect(GOLDEN.length).toBeGreaterThanOrEqual(30);
  });
  it.each(GOLDEN)('%s against %s (%s, %s): "%s"', (value, target, polarity, unit, text, status) => {
    const phrase = targetPhrase(value, target, polarity, unit);
    expect(phrase.text).toBe(text);
    expect(phrase.status).toBe(status);
  });
  it.each(GOLDEN.filter((g) => g[2] !== 'none'))(
    'agrees with the clinic view’s status for %s against %s (%s)',
    (value, target, polarity, unit) => {
      const clinic = statusAgainstTarget(value, target, polarity, 0);
      expect(targetPhrase(value, target, polarity, unit).status).toBe(clinic);
    },
  );
  it('never says "exceeds", "increase on" or "better than" of a target', () => {
    for (const [value, target, polarity, unit] of GOLDEN) {
      const text = targetPhrase(value, target, polarity, unit).text;
      expect(text).not.toMatch(/exceed|increase on|better than/i);
    }
  });
  it('names the polarity whenever lower is better', () => {
    for (const [value, target, polarity, unit] of GOLDEN.filter((g) => g[2] === 'lower_is_better'))
      expect(targetPhrase(value, target, polarity, unit).text).toContain('where lower is better');
  });
  it('says near target, and how near, within the measure’s band', () => {
    expect(targetPhrase(77, 80, H, 'percent', 5).text).toBe(
      'below the target of 80%, so near target (within 5 percentage points)',
    );
    expect(targetPhrase(21, 20, L, 'percent', 2).status).toBe('near_target');
    expect(targetPhrase(23, 20, L, 'percent', 2).status).toBe('off_target');
  });
});

describe('the size of a difference', () => {
  it('percentages are measured in points: broadly similar below 0.25, slight to 2, marked from 10', () => {
    expect(sizeOf(23.2, 23.2, 'percent')).toBe('none');
    expect(sizeOf(23.3, 23.2, 'percent')).toBe('similar');
    expect(sizeOf(81.7, 82, 'percent')).toBe('slight');
    expect(sizeOf(23.2, 22.7, 'percent')).toBe('slight');
    expect(sizeOf(55, 53, 'percent')).toBe('slight');
    expect(sizeOf(80.3, 78, 'percent')).toBe('moderate');
    expect(sizeOf(58, 68, 'percent')).toBe('marked');
  });
  it('counts are measured against the earlier figure: 10 in 1,740 is broadly similar, 102 in 883 is not', () => {
    expect(sizeOf(1730, 1740, 'count')).toBe('similar');
    expect(sizeOf(118, 114, 'count')).toBe('slight');
    expect(sizeOf(781, 883, 'count')).toBe('moderate');
    expect(sizeOf(251, 301, 'count')).toBe('moderate');
    expect(sizeOf(30, 20, 'count')).toBe('marked');
    expect(sizeOf(3, 0, 'count')).toBe('marked');
  });
});

describe('the change from an earlier figure', () => {
  it('a count with no better direction: the amount and the earlier figure, no verdict', () => {
    expect(changeClause(781, 883, 'September 2023', 'count', 'none')).toBe(
      'a decrease of 102 from 883 in September 2023',
    );
  });
  it('broadly similar, still saying which way and by how much', () => {
    expect(changeClause(1730, 1740, 'September 2023', 'count', 'none')).toBe(
      'broadly similar to September 2023 (1,740), a decrease of 10',
    );
    expect(changeClause(421, 417, 'September 2023', 'count', 'none')).toBe(
      'broadly similar to September 2023 (417), an increase of 4',
    );
  });
  it('an improvement or a deterioration only where the measure has a better direction', () => {
    expect(changeClause(55, 53, 'September 2023', 'percent', H)).toBe(
      'a slight increase of 2 percentage points from 53% in September 2023, an improvement',
    );
    expect(changeClause(20.1, 21, 'September 2023', 'percent', L)).toBe(
      'a slight decrease of 0.9 percentage points from 21% in September 2023, an improvement',
    );
    expect(changeClause(58, 68, 'September 2023', 'percent', H)).toBe(
      'a marked decrease of 10 percentage points from 68% in September 2023, a deterioration',
    );
    expect(changeClause(30, 20, 'September 2023', 'percent', L)).toContain('a deterioration');
  });
  it('unchanged is said plainly', () => {
    expect(changeClause(90, 90, 'September 2023', 'percent', H)).toBe('unchanged from September 2023 (90%)');
  });
  it('one percentage point is singular', () => {
    expect(amount(1, 'percent')).toBe('1 percentage point');
    expect(amount(-2.3, 'percent')).toBe('2.3 percentage points');
    expect(amount(-1234, 'count')).toBe('1,234');
  });
  it('judges nothing when nothing changed or there is no better direction', () => {
    expect(judgement(0, H)).toBe('');
    expect(judgement(5, 'none')).toBe('');
    expect(judgement(-5, L)).toBe('an improvement');
  });
});

describe('the same month last year', () => {
  it('counts: "there are now an additional 257"', () => {
    expect(lastYearSentence(1730, 1473, 'October 2022', 'count', 'none')).toBe(
      'Compared with October 2022 (1,473), there are now an additional 257.',
    );
    expect(lastYearSentence(300, 350, 'October 2022', 'count', 'none')).toBe(
      'Compared with October 2022 (350), there are now 50 fewer.',
    );
  });
  it('percentages, with the verdict the polarity gives', () => {
    expect(lastYearSentence(28.4, 30, 'October 2022', 'percent', L)).toBe(
      'Compared with October 2022 (30%), this is 1.6 percentage points lower, an improvement.',
    );
    expect(lastYearSentence(30, 30, 'October 2022', 'percent', L)).toBe(
      'Compared with October 2022 (30%), the figure is the same.',
    );
  });
});

describe('benchmarks', () => {
  it('with their year where recorded, in words the size of the gap sets', () => {
    expect(benchmarkPhrase(28.4, { name: 'national', value: 21.5, year: '2021-22' }, 'percent')).toBe(
      'above the national average of 21.5% (2021-22)',
    );
    expect(benchmarkPhrase(81.7, { name: 'regional', value: 82, year: null }, 'percent')).toBe(
      'slightly below the regional average of 82%',
    );
    expect(benchmarkPhrase(81.7, { name: 'statistical_neighbours', value: 81.6, year: null }, 'percent')).toBe(
      'in line with the statistical neighbour average of 81.6%',
    );
    expect(benchmarkPhrase(40, { name: 'national', value: 55, year: '2022-23' }, 'percent')).toBe(
      'well below the national average of 55% (2022-23)',
    );
  });
  it('points carry their sign', () => {
    expect(figure(-0.3, 'points')).toBe('\u22120.3 points');
    expect(figure(1, 'points')).toBe('+1 point');
  });
});
