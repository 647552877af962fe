import { describe, expect, it } from 'vitest';
import { checkCountNoun, defaultCountNoun } from '../../main/domain/count-noun';
import { october2023 } from '../../main/sample/october-2023';

const nounOf = (key: string) => {
  const m = october2023.measures.find((x) => x.key === key)!;
  return defaultCountNoun(m)?.plural ?? null;
};

describe('what a measure counts, worked out from its words', () => {
  it('the sample’s measures: the title’s people or things first, then the definition’s', () => {
    expect(
      Object.fromEntries(
        [
          'contacts',
          'referrals',
          're_referrals_12m',
          'assessments_45wd',
          'decisions_1wd',
          's47_to_icpc',
          'cp_repeat_plan_2y',
          'plan_cla',
          'visits_cl',
          'care_leavers_eet',
          'missing_episodes',
          'suspensions',
          'attendance',
        ].map((k) => [k, nounOf(k)]),
      ),
    ).toEqual({
      contacts: 'contacts',
      referrals: 'referrals',
      re_referrals_12m: 'referrals',
      assessments_45wd: 'assessments',
      decisions_1wd: 'decisions',
      s47_to_icpc: 'enquiries',
      // "Repeat plans within 2 years": the report says "which equates to 10 children".
      cp_repeat_plan_2y: 'children',
      plan_cla: 'children',
      visits_cl: 'care leavers',
      care_leavers_eet: 'care leavers',
      missing_episodes: 'children',
      suspensions: 'children',
      attendance: 'children',
    });
  });

  it('every measure of the sample has one, each with its singular', () => {
    for (const m of october2023.measures) expect(defaultCountNoun(m), m.key).not.toBeNull();
    expect(defaultCountNoun({ title: 'Young person’s voice', definition: '' })).toEqual({
      singular: 'young person',
      plural: 'young people',
    });
    expect(defaultCountNoun({ title: 'Spend', definition: 'Pounds spent.' })).toBeNull();
  });

  it('a noun set by a person is checked: both forms, short, tidied', () => {
    expect(checkCountNoun({ singular: ' family ', plural: 'families' })).toEqual({
      singular: 'family',
      plural: 'families',
    });
    expect(checkCountNoun({ singular: '', plural: 'x' })).toMatch(/singular and the plural/);
    expect(checkCountNoun({ singular: 'x'.repeat(61), plural: 'x' })).toMatch(/under 60/);
  });
});
