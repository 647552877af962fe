import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { chartScale, drawChart } from '../../main/exports/minutes-chart';
import { buildMinutes, caveatLines, figureRows } from '../../main/exports/minutes-data';
import { escapeHtml, minutesHtml, minutesPageTemplates } from '../../main/exports/minutes-html';
import type { ActionLogEntry } from '../../main/domain/types';
import type { ClinicView, ReportRow } from '../../main/domain/views';

function row(key: string, over: Partial<ReportRow> = {}): ReportRow {
  return {
    key,
    title: `Measure ${key}`,
    definition: '',
    area: 'front_door',
    area_title: 'Front door',
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'monthly',
    current: { period: '2023-10', value: 55, numerator: null, denominator: null },
    previous: { period: '2023-09', value: 53, numerator: null, denominator: null },
    change: { absolute: 2, percent: null },
    direction: 'improved',
    target: 80,
    tolerance: 5,
    status: 'off_target',
    benchmarks: { national: null, regional: null, statistical_neighbours: null },
    last_year: null,
    last_year_change: null,
    comparison_note: null,
    latest_available: null,
    decimals: 0,
    benchmark_details: { national: null, regional: null, statistical_neighbours: null },
    caveats: [],
    ...over,
  };
}

function action(id: number, over: Partial<ActionLogEntry> = {}): ActionLogEntry {
  return {
    id,
    ref: `DPC-2023-11-0${id}`,
    clinic_id: 2,
    measure: 'a',
    description: `Action ${id}`,
    owner: 'Sam',
    team: '',
    due_on: '2023-12-31',
    status: 'open',
    created_at: '2023-11-09T10:00:00Z',
    created_by: 'Jane',
    updated_at: '2023-11-09T10:00:00Z',
    closed_at: null,
    closed_on: null,
    overdue: false,
    clinic_held_on: '2023-11-09',
    clinic_kind: 'Director’s performance clinic',
    measure_title: 'Measure a',
    updates: [],
    ...over,
  };
}

function view(over: Partial<ClinicView> = {}): ClinicView {
  return {
    clinic: {
      id: 2,
      held_on: '2023-12-07',
      kind: 'Director’s performance clinic',
      code: 'DPC',
      period: '2023-10',
      compare: '2023-09',
      status: 'draft',
      chair: 'Jane',
      scope: [],
      attendees: [],
      apologies: [],
    },
    report: {
      period: '2023-10',
      compare: '2023-09',
      measures: [
        row('a'),
        row('b', { status: 'on_target', direction: 'worsened' }),
        row('c', { status: 'near_target' }),
      ],
    },
    agenda: [
      { measure: 'c', position: 0, discussed: false, reason: '' },
      { measure: 'a', position: 1, discussed: false, reason: '' },
      { measure: 'b', position: 2, discussed: false, reason: '' },
    ],
    notes: [],
    actionCounts: {},
    raised: [],
    carriedForward: [],
    closedSinceLast: [],
    previous: null,
    ...over,
  };
}

const produced = new Date('2023-12-08T09:00:00Z');
const none = () => [];

describe('which measures the minutes cover', () => {
  it('the measures marked discussed, in agenda order, numbered 1, 2, 3 in the minutes whatever their place on the agenda', () => {
    const v = view();
    v.agenda = v.agenda.map((a) => ({ ...a, discussed: a.measure !== 'c' }));
    const m = buildMinutes(v, none, { produced });
    expect(m.selection).toBe('discussed');
    // Second and third on the agenda, but the first and second items the minutes record.
    expect(m.items.map((i) => [i.number, i.row.key])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(minutesHtml(m)).toMatch(/<h3>1\. Measure a .*<h3>2\. Measure b /s);
  });

  it('with none marked discussed, those with a note or an action at this clinic, and the minutes say so', () => {
    const v = view({
      notes: [
        { clinic_id: 2, measure: 'b', text: 'A note', version: 1, updated_at: '2023-12-07T10:00:00Z', updated_by: 'J' },
      ],
      raised: [action(1, { measure: 'c' })],
    });
    const m = buildMinutes(v, none, { produced });
    expect(m.selection).toBe('noted');
    expect(m.items.map((i) => i.row.key)).toEqual(['c', 'b']);
    expect(minutesHtml(m)).toContain('No measure was marked as discussed at this clinic');
  });

  it('with nothing at all, no measures and a plain sentence saying why', () => {
    const m = buildMinutes(view(), none, { produced });
    expect(m.selection).toBe('none');
    expect(m.items).toEqual([]);
    expect(minutesHtml(m)).toContain('no notes or actions were recorded');
  });
});

describe('the summary', () => {
  it('counts statuses and directions across the clinic, and actions overdue on the day it met', () => {
    const v = view({
      raised: [action(1, { due_on: '2024-01-01' })],
      carriedForward: [
        action(2, { clinic_id: 1, due_on: '2023-12-01' }),
        action(3, { clinic_id: 1, due_on: '2023-12-07' }),
        // Closed after the clinic: it was open, and overdue, when the clinic met.
        action(4, {
          clinic_id: 1,
          due_on: '2023-11-30',
          status: 'done',
          closed_at: '2023-12-20T10:00:00Z',
          closed_on: '2023-12-20',
        }),
      ],
      closedSinceLast: [
        action(5, { clinic_id: 1, status: 'done', closed_at: '2023-12-01T10:00:00Z', closed_on: '2023-12-01' }),
      ],
    });
    const m = buildMinutes(v, none, { produced, protectiveMarking: '  OFFICIAL-SENSITIVE \n' });
    expect(m.summary).toMatchObject({
      measures: 3,
      onTarget: 1,
      nearTarget: 1,
      offTarget: 1,
      improved: 2,
      worsened: 1,
      actionsRaised: 1,
      actionsClosed: 1,
      actionsOverdue: 2,
    });
    expect([...m.overdueRefs].sort()).toEqual(['DPC-2023-11-02', 'DPC-2023-11-04']);
    expect(m.protectiveMarking).toBe('OFFICIAL-SENSITIVE');
  });
});

describe('the HTML', () => {
  it('escapes every character that could start markup', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;',
    );
  });

  it('prints a hostile note, clinic name and marking as text, and carries no script of its own', () => {
    const v = view({
      notes: [
        {
          clinic_id: 2,
          measure: 'a',
          text: '<script>alert(1)</script><img src=x onerror=alert(2)>',
          version: 1,
          updated_at: '2023-12-07T10:00:00Z',
          updated_by: '"><b>',
        },
      ],
    });
    v.clinic.kind = '<i>Clinic</i>';
    v.agenda = v.agenda.map((a) => ({ ...a, discussed: true }));
    const m = buildMinutes(v, none, { produced, protectiveMarking: '<OFFICIAL>' });
    const html = minutesHtml(m);
    expect(html).not.toMatch(/<script|<img src=x|<i>Clinic|<b>|<OFFICIAL>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain("default-src 'none'");
    const { headerHtml, footerHtml } = minutesPageTemplates(m);
    expect(headerHtml).toContain('&lt;OFFICIAL&gt;');
    expect(headerHtml).toContain('&lt;i&gt;Clinic&lt;/i&gt;');
    expect(footerHtml).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(footerHtml).toContain('Produced 8 December 2023');
  });

  it('writes status as a symbol and words, so it reads in black and white', () => {
    const v = view();
    v.agenda = v.agenda.map((a) => ({ ...a, discussed: true }));
    const html = minutesHtml(buildMinutes(v, none, { produced }));
    expect(html).toContain('\u2717 Off target');
    expect(html).toContain('\u25D1 Near target');
    expect(html).toContain('\u2713 On target');
  });
});

describe('the trend chart', () => {
  const input = {
    history: [
      { period: '2022-10', value: 40, numerator: null, denominator: null },
      { period: '2023-09', value: 53, numerator: null, denominator: null },
      { period: '2023-10', value: 55, numerator: null, denominator: null },
    ],
    unit: 'percent' as const,
    frequency: 'monthly' as const,
    upTo: '2023-10',
    target: 80,
    benchmarks: { national: 60, regional: null, statistical_neighbours: null },
  };

  it('is a grey PNG at twice its display size, with ink on it', () => {
    const chart = drawChart(input);
    const png = PNG.sync.read(Buffer.from(chart.png));
    expect([png.width, png.height]).toEqual([chart.width * 2, chart.height * 2]);
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 50) dark++;
    expect(dark).toBeGreaterThan(500);
  });

  it('has a scale that holds the figures, the target and England, within 0-100 for percentages', () => {
    const scale = chartScale(input);
    expect(scale.low).toBeLessThanOrEqual(40);
    expect(scale.high).toBeGreaterThanOrEqual(80);
    expect(scale.low).toBeGreaterThanOrEqual(0);
    expect(scale.high).toBeLessThanOrEqual(100);
  });

  it('with no figures draws no target or England line, which the caption could not explain', () => {
    const empty = { ...input, history: [] };
    expect(drawChart(empty).caption).toBe('No figures to chart.');
    const png = PNG.sync.read(Buffer.from(drawChart(empty).png));
    let darkerThanGrid = 0;
    for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 200) darkerThanGrid++;
    expect(darkerThanGrid).toBe(0);
  });

  it('runs a count’s scale between whole numbers, even for one small figure', () => {
    const six = {
      ...input,
      unit: 'count' as const,
      target: null,
      benchmarks: { national: null, regional: null, statistical_neighbours: null },
      history: [{ period: '2023-10', value: 6, numerator: null, denominator: null }],
    };
    expect(chartScale(six)).toEqual({ low: 5, high: 7 });
    expect(drawChart(six).caption).toContain('Scale 5 to 7.');
  });

  it('stops at the clinic’s month: a later figure is not drawn as the latest', () => {
    const later = {
      ...input,
      history: [...input.history, { period: '2023-11', value: 90, numerator: null, denominator: null }],
    };
    expect(drawChart({ ...later, upTo: '2023-10' }).caption).toBe(drawChart({ ...input, upTo: '2023-10' }).caption);
    expect(drawChart({ ...later, upTo: '2023-10' }).png).toEqual(drawChart({ ...input, upTo: '2023-10' }).png);
  });

  it('in the minutes of October’s clinic, ends at October 2023 even when November’s figure is in', () => {
    const v = view();
    v.agenda = v.agenda.map((a) => ({ ...a, discussed: a.measure === 'a' }));
    const m = buildMinutes(
      v,
      () => [...input.history, { period: '2023-11', value: 90, numerator: null, denominator: null }],
      {
        produced,
      },
    );
    expect(m.items[0]!.chart.caption).toMatch(
      /^Trend, Oct 2022 to Oct 2023 \(3 figures; the latest is the larger square\)\./,
    );
  });

  it('draws no line across missing months, and says which months are missing', () => {
    // 600 × 220 bitmap, 24 px padding left and right, 16 top and bottom; scale 20% to 100%.
    // Oct 2022 is at x = 24, Sep 2023 at 24 + 11/12 × 552 = 530. Half way (x = 277) the joining line
    // would be at 46.5%: y = 16 + 188 − (46.5 − 20) / 80 × 188 = 141.7.
    const chart = drawChart(input);
    const png = PNG.sync.read(Buffer.from(chart.png));
    const darkNear = (x: number, y: number) => {
      let dark = 0;
      for (let dy = -6; dy <= 6; dy++)
        for (let dx = -6; dx <= 6; dx++) if ((png.data[((y + dy) * png.width + x + dx) * 4] ?? 255) < 50) dark++;
      return dark;
    };
    expect(darkNear(277, 142)).toBe(0);
    // Sep to Oct 2023 are neighbours and are joined: half way between them, at 54%, y = 124.1.
    expect(darkNear(553, 124)).toBeGreaterThan(0);
    expect(chart.caption).toContain('No figures for Nov 2022 to Aug 2023: no line is drawn across them.');
  });

  it('joins quarterly figures three months apart, which are not gaps', () => {
    const quarterly = {
      ...input,
      frequency: 'quarterly' as const,
      history: [
        { period: '2023-03', value: 50, numerator: null, denominator: null },
        { period: '2023-06', value: 60, numerator: null, denominator: null },
      ],
    };
    expect(drawChart(quarterly).caption).not.toContain('No figures');
  });

  it('says in words what it shows', () => {
    expect(drawChart(input).caption).toBe(
      'Trend, Oct 2022 to Oct 2023 (3 figures; the latest is the larger square). No figures for Nov 2022 to Aug 2023: no line is drawn across them. Scale 20% to 100%. Dashed line: target 80%. Dotted line: England 60%.',
    );
    expect(drawChart({ ...input, history: [] }).caption).toBe('No figures to chart.');
  });
});

describe('a measure’s figures in the minutes carry what is part of them', () => {
  const rich = row('a', {
    unit: 'percent',
    decimals: 1,
    current: { period: '2023-10', value: 28.6, numerator: 10, denominator: 35, as_at: '2023-11-24' },
    previous: { period: '2023-09', value: 21, numerator: null, denominator: null },
    change: { absolute: 7.6, percent: null },
    last_year: { period: '2022-10', value: 20, numerator: null, denominator: null },
    last_year_change: { absolute: 8.6, percent: null },
    benchmarks: { national: 21.5, regional: null, statistical_neighbours: null },
    benchmark_details: {
      national: { value: 21.5, year: '2021-22', source: 'England average' },
      regional: null,
      statistical_neighbours: null,
    },
    caveats: [{ id: 'x', measure: 'a', text: 'Plans are not saved accurately (3.18).', from: '2023-10', to: null }],
  });
  const v = view({ report: { period: '2023-10', compare: '2023-09', measures: [rich] } });
  v.agenda = [{ measure: 'a', position: 0, discussed: true, reason: '' }];
  const m = buildMinutes(v, none, { produced });

  it('the as-at date, the fraction, the row’s decimals, last year and the benchmark’s year', () => {
    expect(figureRows(rich, m)).toEqual([
      ['Previous (Sep 2023)', '21.0%'],
      ['Current (as at 24 Nov 2023)', '28.6% (10 of 35)'],
      ['Change', '+7.6 pts'],
      ['Direction', 'Improved'],
      ['Last year (Oct 2022)', '20.0%, change +8.6 pts'],
      ['Target', '80% (near target: within 5 points)'],
      ['Status', '\u2717 Off target'],
      ['England', '21.5% (2021-22)'],
    ]);
  });
  it('the caveat whole, under the figures, in the HTML (and so the PDF)', () => {
    expect(caveatLines(rich)).toEqual(['\u26A0 Data caveat (from Oct 2023): Plans are not saved accurately (3.18).']);
    expect(minutesHtml(m)).toContain(
      '<p class="caveat">\u26A0 Data caveat (from Oct 2023): Plans are not saved accurately (3.18).</p>',
    );
  });
  it('a year to date across the start of its year says so instead of a change', () => {
    const ytd = row('a', {
      previous: null,
      change: null,
      direction: 'no_previous',
      comparison_note: 'New financial year: no comparison',
    });
    expect(figureRows(ytd, m)).toContainEqual(['Change', 'New financial year: no comparison']);
    expect(figureRows(ytd, m)).toContainEqual(['Direction', 'No earlier figure']);
  });
  it('a stale quarter is the latest available, not current', () => {
    const eet = row('a', {
      frequency: 'quarterly',
      decimals: 1,
      latest_available: 'Q2 2023-24',
      current: { period: '2023-09', value: 59.4, numerator: null, denominator: null },
    });
    expect(figureRows(eet, m)[1]).toEqual(['Latest available (Q2 2023-24)', '59.4%']);
  });
});
