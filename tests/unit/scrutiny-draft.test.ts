import { describe, expect, it } from 'vitest';
import { areaInputs } from '../../main/domain/scrutiny/build-input';
import {
  assembleDocument,
  DEFAULT_SECTIONS,
  draftCurrent,
  sectionParagraphs,
  type ParagraphEdit,
} from '../../main/domain/scrutiny/document';
import { draftMeasure, draftTable, financialYearStart, tabulated } from '../../main/domain/scrutiny/draft';
import type { MeasureDraftInput } from '../../main/domain/scrutiny/input';
import { spcAt } from '../../main/domain/spc';
import { addMonths } from '../../main/domain/period';
import { october2023 } from '../../main/sample/october-2023';

function input(overrides: Partial<MeasureDraftInput> = {}): MeasureDraftInput {
  return {
    key: 'admissions',
    title: 'Children admitted to care',
    area: 'demand',
    area_title: 'Demand',
    unit: 'count',
    noun: null,
    polarity: 'none',
    frequency: 'monthly',
    period: '2023-10',
    current: { period: '2023-10', value: 17, numerator: null, denominator: null },
    previous: null,
    last_year: null,
    target: null,
    tolerance: 0,
    benchmarks: [],
    history: [],
    caveats: [],
    spc: null,
    ...overrides,
  };
}

const tidyPercent = (n: number, d: number) => Math.round((n / d) * 1000) / 10;

function months(from: string, values: number[]) {
  return values.map((value, i) => ({ period: addMonths(from, i), value, numerator: null, denominator: null }));
}

describe('one measure’s paragraph', () => {
  it('the range since April from the history: "Since April 2023 this figure has fluctuated between 15 and 26"', () => {
    const history = months('2023-04', [21, 15, 26, 19, 22, 18, 17]);
    const p = draftMeasure(input({ history, previous: history[5]! }));
    expect(p.text).toContain('Since April 2023 this figure has fluctuated between 15 and 26.');
    expect(p.needsPerson).toEqual([]);
  });

  it('says "since April" only when every month since April is in the file; with a gap, from the month after it', () => {
    const gap = months('2023-04', [21, 15, 26, 19, 22, 18, 17]).filter((h) => h.period !== '2023-06');
    const current = gap.at(-1)!;
    expect(draftMeasure(input({ history: gap, current })).text).toContain(
      'Since July 2023 this figure has fluctuated between 17 and 22.',
    );
    // Two months before the period, then a gap: too few to speak of a range.
    const short = months('2023-04', [21, 15, 26, 19, 22, 18, 17]).filter((h) => h.period !== '2023-08');
    expect(draftMeasure(input({ history: short, current })).text).not.toContain('Since');
  });

  it('the October 2023 sample has no history from April to September, so it states no range', () => {
    const inputs = areaInputs(october2023, '2023-10', '2023-09').flatMap((a) => a.inputs);
    for (const i of inputs) expect(draftMeasure(i).text, i.key).not.toMatch(/Since (April|May|June|July|August)/);
  });

  it('counts the financial year from April, so January belongs to the year before', () => {
    expect(financialYearStart('2024-01')).toBe('2023-04');
    expect(financialYearStart('2023-04')).toBe('2023-04');
    expect(financialYearStart('2023-03')).toBe('2022-04');
  });

  it('gives no range from fewer than three months of the year', () => {
    const p = draftMeasure(
      input({ period: '2023-05', current: months('2023-05', [17])[0]!, history: months('2023-04', [15, 17]) }),
    );
    expect(p.text).not.toContain('Since April');
  });

  it('a percentage with its numerator and denominator: "which equates to 10 children", and "1 child"', () => {
    const children = { singular: 'child', plural: 'children' };
    const repeat = (numerator: number, denominator: number, noun: typeof children | null) =>
      draftMeasure(
        input({
          title: 'Repeat plans within 2 years',
          unit: 'percent',
          polarity: 'lower_is_better',
          noun,
          current: { period: '2023-10', value: tidyPercent(numerator, denominator), numerator, denominator },
        }),
      ).text;
    expect(repeat(10, 35, children)).toContain('28.6% in October 2023, which equates to 10 children out of 35.');
    expect(repeat(1, 35, children)).toContain('which equates to 1 child out of 35.');
    expect(repeat(10, 35, null)).toContain('which equates to 10 of 35.');
  });

  it('the same month last year where the file has it', () => {
    const p = draftMeasure(input({ last_year: { period: '2022-10', value: 12, numerator: null, denominator: null } }));
    expect(p.text).toContain('Compared with October 2022 (12), there are now an additional 5.');
    expect(p.needsPerson).toEqual([]);
  });

  it('a measure with no figure for the period says so and is flagged for a person', () => {
    const p = draftMeasure(input({ current: null }));
    expect(p.text).toBe('There is no figure for Children admitted to care for October 2023 in this file.');
    expect(p.needsPerson).toEqual(['There is no figure for this period.']);
    expect(p.figure).toBe('');
  });

  it('nothing to compare with: said in the paragraph and flagged', () => {
    const p = draftMeasure(input());
    expect(p.needsPerson).toEqual(['There is no earlier figure, target or benchmark to compare it with.']);
    expect(p.text).toContain('[For the author: There is no earlier figure, target or benchmark to compare it with.]');
  });

  it('a figure far outside its history is not explained by rules: a person checks it', () => {
    const history = [
      ...months('2023-01', [20, 22, 19, 21, 23, 20, 22, 21, 20]),
      { period: '2023-10', value: 60, numerator: null, denominator: null },
    ];
    const p = draftMeasure(input({ current: history.at(-1)!, previous: history.at(-2)!, history }));
    expect(p.needsPerson).toEqual([
      '60 is far outside the figures of the months before; check it before the report goes out.',
    ]);
    const ordinary = draftMeasure(
      input({ current: { ...history.at(-1)!, value: 24 }, previous: history.at(-2)!, history }),
    );
    expect(ordinary.needsPerson).toEqual([]);
  });

  it('figures that disagree with their numerator and denominator are flagged, not smoothed over', () => {
    const p = draftMeasure(
      input({
        unit: 'percent',
        polarity: 'lower_is_better',
        current: { period: '2023-10', value: 28.6, numerator: 12, denominator: 35 },
        target: 20,
      }),
    );
    expect(p.needsPerson[0]).toBe(
      'The figures disagree: the figure for October 2023 does not match its numerator and denominator.',
    );
    const fine = draftMeasure(
      input({
        unit: 'percent',
        current: { period: '2023-10', value: 28.6, numerator: 10, denominator: 35 },
        target: 20,
        polarity: 'lower_is_better',
      }),
    );
    expect(fine.needsPerson).toEqual([]);
    expect(fine.text).toContain('which equates to 10 of 35');
    const over = draftMeasure(
      input({
        current: { period: '2023-10', value: 120, numerator: null, denominator: null },
        unit: 'percent',
        target: 80,
        polarity: 'higher_is_better',
      }),
    );
    expect(over.needsPerson[0]).toContain('a percentage outside 0 to 100');
  });

  it('caveats recorded against the measure are stated, with their month', () => {
    const p = draftMeasure(
      input({ caveats: [{ text: 'workers are not saving plans accurately', from: '2023-09' }], target: 20 }),
    );
    expect(p.text).toContain('Caveat (from September 2023): workers are not saving plans accurately.');
  });

  it('benchmarks with their year, and "where lower is better" when there is no target to say it', () => {
    const p = draftMeasure(
      input({
        unit: 'percent',
        polarity: 'lower_is_better',
        current: { period: '2023-10', value: 28.4, numerator: null, denominator: null },
        benchmarks: [{ name: 'national', value: 21.5, year: '2021-22' }],
      }),
    );
    expect(p.text).toContain('This is above the national average of 21.5% (2021-22), where lower is better.');
  });

  it('the Making Data Count sentence where there is enough history', () => {
    const history = months('2022-10', [60, 61, 59, 60, 62, 58, 61, 60, 59, 61, 60, 62, 61]);
    const spc = spcAt(history, '2023-10', { unit: 'percent', polarity: 'higher_is_better', target: 80 });
    const p = draftMeasure(
      input({
        unit: 'percent',
        polarity: 'higher_is_better',
        target: 80,
        history,
        current: history.at(-1)!,
        previous: history.at(-2)!,
        spc,
      }),
    );
    expect(p.text).toContain('Making Data Count: common cause variation.');
    expect(p.text).toContain('Will consistently fail the target.');
    expect(draftMeasure(input({ spc: null })).text).not.toContain('Making Data Count');
  });

  it('hostile titles are kept as text: the drafter adds no markup and changes no characters', () => {
    const title = '<script>alert(1)</script> =HYPERLINK("x") \u202Eevil';
    expect(draftMeasure(input({ title })).text.startsWith(`${title} stood at 17`)).toBe(true);
  });
});

describe('faithful: every number in the text is in the data it was drafted from', () => {
  const NUMBER = /\d[\d,]*(?:\.\d+)?/g;

  function numbersIn(value: unknown, into: Set<number>): Set<number> {
    if (typeof value === 'number') into.add(Math.abs(value));
    else if (typeof value === 'string')
      for (const m of value.match(NUMBER) ?? []) into.add(Number(m.replace(/,/g, '')));
    else if (Array.isArray(value)) for (const v of value) numbersIn(v, into);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, into);
    return into;
  }

  /** The numbers of the input, and the differences between its figures that a change states. */
  function allowed(inputs: readonly MeasureDraftInput[]): Set<number> {
    const set = numbersIn(inputs, new Set());
    for (const i of inputs) {
      const figures = [i.current, i.previous, i.last_year].filter((f) => f !== null).map((f) => f.value);
      const others = [...figures, i.target ?? NaN, ...i.benchmarks.map((b) => b.value)].filter(Number.isFinite);
      for (const a of figures) for (const b of others) set.add(Math.round(Math.abs(a - b) * 10) / 10);
    }
    for (let n = 0; n <= inputs.length; n++) set.add(n);
    return set;
  }

  function check(inputsByArea: ReturnType<typeof areaInputs>, period: string, compare: string) {
    const drafted = draftCurrent(inputsByArea, period, compare, []);
    let counted = 0;
    for (const area of drafted) {
      const inputs = inputsByArea.find((a) => a.key === area.key)!.inputs;
      const ok = allowed(inputs);
      for (const p of area.paragraphs) {
        for (const m of p.text.match(NUMBER) ?? []) {
          counted += 1;
          const n = Number(m.replace(/,/g, ''));
          expect(ok.has(n), `${m} in ${p.number} "${p.text}"`).toBe(true);
        }
      }
    }
    return counted;
  }

  it('the October 2023 sample', () => {
    expect(check(areaInputs(october2023, '2023-10', '2023-09'), '2023-10', '2023-09')).toBeGreaterThan(150);
  });

  it('a year and a half of generated figures, with ranges, last year and Making Data Count', () => {
    const periods = Array.from({ length: 19 }, (_, i) => addMonths('2022-04', i));
    // A deterministic wobble, so the test is the same on every run.
    const observations = october2023.measures.flatMap((m, mi) =>
      periods.map((period, pi) => {
        const base = m.unit === 'percent' ? 60 : 200;
        const value = Math.round((base + ((mi * 7 + pi * 13) % 17) - 8) * 10) / 10;
        return { measure: m.key, period, value, numerator: null, denominator: null };
      }),
    );
    const spc = new Map(
      october2023.measures.map((m) => [
        m.key,
        spcAt(
          observations.filter((o) => o.measure === m.key),
          '2023-10',
          m,
        ),
      ]),
    );
    const data = { ...october2023, observations, spc };
    const inputs = areaInputs(data, '2023-10', '2023-09');
    const text = draftCurrent(inputs, '2023-10', '2023-09', [])
      .flatMap((a) => a.paragraphs)
      .map((p) => p.text)
      .join(' ');
    expect(text).toContain('Since April 2023 this figure has fluctuated between');
    expect(text).toContain('Compared with October 2022');
    expect(text).toContain('Making Data Count');
    expect(check(inputs, '2023-10', '2023-09')).toBeGreaterThan(300);
  });
});

describe('areas tabulated together', () => {
  it('three or more monthly percentages with targets make a table; anything else stays paragraphs', () => {
    const pct = input({ unit: 'percent', target: 80, polarity: 'higher_is_better' });
    expect(tabulated([pct, pct, pct])).toBe(true);
    expect(tabulated([pct, pct])).toBe(false);
    expect(tabulated([pct, pct, { ...pct, target: null }])).toBe(false);
    expect(tabulated([pct, pct, { ...pct, frequency: 'quarterly' }])).toBe(false);
  });

  it('a member with no figure shows a dash in the table and flags the paragraph', () => {
    const pct = input({
      unit: 'percent',
      target: 80,
      polarity: 'higher_is_better',
      current: { period: '2023-10', value: 70, numerator: null, denominator: null },
    });
    const t = draftTable(
      'visits',
      'Visits',
      [pct, { ...pct, key: 'b', title: 'B' }, { ...pct, key: 'c', title: 'C', current: null }],
      '2023-10',
      '2023-09',
    );
    expect(t.table!.rows[2]!.current).toBe('\u2014');
    expect(t.needsPerson).toEqual(['There is no figure for C for October 2023.']);
  });
});

describe('the officer’s edits', () => {
  const inputs = areaInputs(october2023, '2023-10', '2023-09');
  const drafted = draftCurrent(inputs, '2023-10', '2023-09', []);
  const reReferrals = drafted.flatMap((a) => a.paragraphs).find((p) => p.item === 're_referrals_12m')!;
  const edit: ParagraphEdit = {
    period: '2023-10',
    item: 're_referrals_12m',
    text: 'Re-referrals were 28.4%: the service is reviewing every repeat referral.',
    figure: reReferrals.figure,
    basis: reReferrals.basis,
    updated_at: '2023-11-20T10:00:00.000Z',
    updated_by: 'Jane Murphy',
  };

  it('an edit replaces the draft for its period and measure, and the draft is kept beside it', () => {
    const p = draftCurrent(inputs, '2023-10', '2023-09', [edit])
      .flatMap((a) => a.paragraphs)
      .find((x) => x.item === 're_referrals_12m')!;
    expect(p.text).toBe(edit.text);
    expect(p.drafted).toBe(reReferrals.text);
    expect(p.edited).toEqual({ by: 'Jane Murphy', at: '2023-11-20T10:00:00.000Z' });
    expect(p.figuresChanged).toBeNull();
    expect(p.number).toBe(reReferrals.number);
  });

  it('an edit of another month is not shown in this one', () => {
    const p = draftCurrent(inputs, '2023-10', '2023-09', [{ ...edit, period: '2023-09' }])
      .flatMap((a) => a.paragraphs)
      .find((x) => x.item === 're_referrals_12m')!;
    expect(p.text).toBe(reReferrals.text);
  });

  it('figures changed after the edit (a late import): "Figures changed since you edited it: 28.4% → 28.6%"', () => {
    const late = october2023.observations.map((o) =>
      o.measure === 're_referrals_12m' && o.period === '2023-10' ? { ...o, value: 28.6 } : o,
    );
    const p = draftCurrent(
      areaInputs({ ...october2023, observations: late }, '2023-10', '2023-09'),
      '2023-10',
      '2023-09',
      [edit],
    )
      .flatMap((a) => a.paragraphs)
      .find((x) => x.item === 're_referrals_12m')!;
    expect(p.text).toBe(edit.text);
    expect(p.figuresChanged).toBe('Figures changed since you edited it: 28.4% \u2192 28.6%');
  });
});

describe('the document', () => {
  it('1 Purpose, 2 Background, 3 Current performance, 4 Future plans and challenges, then closing sections', () => {
    const doc = assembleDocument({
      period: '2023-10',
      compare: '2023-09',
      marking: 'OFFICIAL',
      sections: [
        ...DEFAULT_SECTIONS.map((s) => ({ ...s, updated_at: null, updated_by: null })),
        {
          key: 'witnesses',
          title: 'Invited witnesses',
          text: 'x',
          place: 'after',
          position: 2,
          updated_at: null,
          updated_by: null,
        },
      ],
      areas: [],
    });
    expect(doc.title).toBe('Children’s Social Care Performance Report \u2013 October 2023');
    expect(doc.before.map((s) => `${s.number} ${s.title}`)).toEqual(['1 Purpose', '2 Background']);
    expect(doc.current.number).toBe(3);
    expect(doc.after.map((s) => `${s.number} ${s.title}`)).toEqual([
      '4 Future plans and challenges',
      '5 Invited witnesses',
    ]);
  });

  it('a fixed section’s paragraphs are split at blank lines', () => {
    expect(sectionParagraphs('One.\n\nTwo\nstill two.\n \n\nThree.')).toEqual(['One.', 'Two\nstill two.', 'Three.']);
    expect(sectionParagraphs('   ')).toEqual([]);
  });
});
