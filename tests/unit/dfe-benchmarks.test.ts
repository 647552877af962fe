import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../main/import/csv-reader';
import { cellText } from '../../main/import/cells';
import { dfeValue, readDfeTable, reportingYear } from '../../main/domain/dfe/dfe-table';
import { readNeighbourModel } from '../../main/domain/dfe/neighbours';
import { SHIPPED_MAPPINGS } from '../../main/domain/dfe/mapping';
import { benchmarkYears, isOld, quartileOf, rankOf, yearShown } from '../../main/domain/dfe/benchmarks';

const FIXTURES = path.join(__dirname, '../fixtures/dfe');

async function records(file: string) {
  const book = await readCsv(fs.readFileSync(path.join(FIXTURES, file)), file);
  return book.sheets[0]!.rows.map((r) => ({ row: r.row, cells: r.cells.map((c) => cellText(c)) }));
}

const reReferrals = SHIPPED_MAPPINGS.find((m) => m.measure === 're_referrals_12m')!;

describe('DfE years', () => {
  it('names a reporting year as DfE writes it, by the year it ends', () => {
    expect(reportingYear('2022', 'Reporting year')).toEqual({ label: '2021-22', ends: '2022-03' });
    expect(reportingYear('202223', 'Financial year')).toEqual({ label: '2022-23', ends: '2023-03' });
    expect(reportingYear('202223', 'Academic year')).toEqual({ label: '2022-23', ends: '2023-08' });
    expect(reportingYear('2000', 'Reporting year')).toEqual({ label: '1999-00', ends: '2000-03' });
    expect(reportingYear('202224', 'Financial year')).toBeNull();
    expect(reportingYear('22', 'Reporting year')).toBeNull();
  });

  it('shows the latest year published by the clinic, and offers a later one beside it', () => {
    const years = ['2021', '2022', '2023', '2024', '2025'].map((y) => ({ year: reportingYear(y, 'Reporting year')! }));
    const october2023 = yearShown('2023-10', years);
    expect(october2023.shown?.year.label).toBe('2021-22');
    expect(october2023.sincePublished?.year.label).toBe('2024-25');
    expect(yearShown('2023-11', years).shown?.year.label).toBe('2022-23');
    expect(yearShown('2025-12', years).shown?.year.label).toBe('2024-25');
    expect(yearShown('2025-12', years).sincePublished).toBeNull();
    expect(yearShown('2021-10', years).shown).toBeNull();
  });

  it('marks a benchmark more than two years older than the clinic as old', () => {
    expect(isOld(reportingYear('2022', 'Reporting year')!, '2023-10')).toBe(false);
    expect(isOld(reportingYear('2021', 'Reporting year')!, '2023-10')).toBe(true);
    expect(isOld(reportingYear('2021', 'Reporting year')!, '2023-03')).toBe(false);
  });
});

describe('DfE cells', () => {
  it('reads numbers and every suppression code, and refuses anything else', () => {
    expect(dfeValue('21.5')).toEqual({ value: 21.5 });
    expect(dfeValue('1,473')).toEqual({ value: 1473 });
    for (const code of ['c', 'u', 'x', 'z', 'k', 'low', 'LOW'])
      expect(dfeValue(code)).toEqual({ suppressed: code.toLowerCase() });
    expect(dfeValue('')).toBeNull();
    expect(() => dfeValue('=1+1')).toThrow(/neither a number nor one of DfE's suppression codes/);
    expect(() => dfeValue('12%')).toThrow(/neither a number/);
  });
});

describe('DfE tables', () => {
  it('reads the real referrals file and gives back the report’s national 21.5% for 2021-22', async () => {
    const table = readDfeTable('c1.csv', await records('c1_referrals_2022_2023.csv'));
    const model = readNeighbourModel('sn.csv', await records('sn_groupings_april_2021.csv'));
    const { years, problems } = benchmarkYears(table, reReferrals, '370', model, 'lower_is_better');
    expect(problems).toEqual([]);
    expect(years.map((y) => y.year.label)).toEqual(['2021-22', '2022-23']);
    const y = years[0]!;
    expect(y.national).toBe(21.5);
    expect(y.regional).toEqual({ code: 'E12000003', name: 'Yorkshire and The Humber', value: 20.4 });
    // Worked by hand from the file: the neighbours of the April 2021 model in 2021-22 are
    // 18.5, 7, 24.5, 18.2, 27.7, 21.8, 22, 18.3, 19.7, 19.8: sum 197.5.
    expect(y.neighbours.map((n) => [n.code, n.value])).toEqual([
      ['807', 18.5],
      ['371', 7],
      ['359', 24.5],
      ['372', 18.2],
      ['812', 27.7],
      ['384', 21.8],
      ['342', 22],
      ['840', 18.3],
      ['394', 19.7],
      ['357', 19.8],
    ]);
    expect(y.neighbours[7]!.name).toBe('County Durham');
    expect(y.mean).toEqual({ value: expect.closeTo(19.75, 9) as number, used: 10, of: 10 });
    expect(y.median).toEqual({ value: expect.closeTo(19.75, 9) as number, used: 10, of: 10 });
    // Lower is better: only Doncaster (7) is lower; Rotherham ties at 18.2, so both are 2nd of 11.
    expect(y.own).toMatchObject({ code: '370', name: 'Barnsley', value: 18.2, rank: 2, rankOf: 11 });
    // 47 of the 150 councils with a value are lower: 48th of 150 is in the second quarter.
    expect(y.own.quartile).toBe(2);
    expect(years[1]!.national).toBe(22.4);
  });

  it('reads the other column order, a byte-order mark, a name with a comma and every suppression code', async () => {
    const table = readDfeTable('c1-other.csv', await records('c1_other_order_suppressed.csv'));
    expect(table.columns.indexOf('la_name')).toBeLessThan(table.columns.indexOf('new_la_code'));
    expect(table.rows.find((r) => r.oldLaCode === '801')?.laName).toBe('Bristol, City of');
    const model = readNeighbourModel('sn.csv', await records('sn_groupings_april_2021.csv'));
    const [y] = benchmarkYears(table, reReferrals, 'E08000016', model, 'lower_is_better').years;
    expect(y!.neighbours.filter((n) => n.value === null).map((n) => [n.code, n.suppressed])).toEqual([
      ['371', 'c'],
      ['359', 'x'],
      ['812', 'low'],
      ['342', 'u'],
      ['394', 'k'],
      ['357', 'z'],
    ]);
    // 18.5, 18.2, 21.8, 18.3 are shown: mean 19.2, median 18.4, "of 4 of 10".
    expect(y!.mean.value).toBeCloseTo(19.2, 9);
    expect(y!.median.value).toBeCloseTo(18.4, 9);
    expect(y!.mean).toMatchObject({ used: 4, of: 10 });
    expect(y!.own).toMatchObject({ rank: 1, rankOf: 5, quartile: 1 });
  });

  it('refuses a file that is not a DfE layout, naming what is missing', async () => {
    expect(() =>
      readDfeTable('figures.csv', [
        { row: 1, cells: ['Measure', 'Period', 'Value'] },
        { row: 2, cells: ['contacts', '2023-10', '781'] },
      ]),
    ).toThrow(
      /figures.csv is not laid out as DfE publishes its statistics: it has no time_period, time_identifier, geographic_level, old_la_code, new_la_code, la_name columns/,
    );
    expect(() => readDfeTable('empty.csv', [])).toThrow(/empty/);
  });

  it('refuses a row whose year cannot be read, with its row number', async () => {
    const rows = await records('c1_other_order_suppressed.csv');
    rows[3]!.cells[0] = '2022/23';
    expect(() => readDfeTable('c1.csv', rows)).toThrow(/c1.csv, row 4: the time_period "2022\/23" is not a year/);
  });

  it('says which council is missing and names a cell that is not a figure', async () => {
    const table = readDfeTable('c1.csv', await records('c1_other_order_suppressed.csv'));
    expect(() => benchmarkYears(table, reReferrals, '999', null, 'lower_is_better')).toThrow(
      /c1.csv has no rows for the local authority 999/,
    );
    const rows = await records('c1_other_order_suppressed.csv');
    const at = rows[0]!.cells.indexOf('rereferral_percent');
    rows[1]!.cells[at] = '=HYPERLINK("x")';
    const hostile = readDfeTable('c1.csv', rows);
    expect(() => benchmarkYears(hostile, reReferrals, '370', null, 'lower_is_better')).toThrow(
      /c1.csv, row 2, column rereferral_percent: "=HYPERLINK\("x"\)" is neither a number/,
    );
  });

  it('applies a mapping only to files with its columns, and its filters pick the rows', async () => {
    const table = readDfeTable('c1.csv', await records('c1_other_order_suppressed.csv'));
    const eet = SHIPPED_MAPPINGS.find((m) => m.measure === 'care_leavers_eet')!;
    expect(benchmarkYears(table, eet, '370', null, 'higher_is_better').years).toEqual([]);
  });
});

describe('statistical neighbour models', () => {
  it('reads the 2025 layout (SN_1, SN_1P …) with closeness', async () => {
    const model = readNeighbourModel('sn.csv', await records('sn_model_2025_wide.csv'));
    const barnsley = model.get('370')!;
    expect(barnsley.name).toBe('Barnsley');
    expect(barnsley.neighbours.map((n) => n.code)).toEqual([
      '372',
      '384',
      '357',
      '371',
      '332',
      '894',
      '840',
      '390',
      '807',
      '394',
    ]);
    expect(barnsley.neighbours[0]).toEqual({ code: '372', name: 'Rotherham', closeness: 'Very close' });
  });

  it('reads the 2021 layout (LA number, SN1, SNP …) where every closeness column is called SNP', async () => {
    const model = readNeighbourModel('sn.csv', await records('sn_groupings_april_2021.csv'));
    const barnsley = model.get('370')!;
    expect(barnsley.neighbours.map((n) => n.code)).toEqual([
      '807',
      '371',
      '359',
      '372',
      '812',
      '384',
      '342',
      '840',
      '394',
      '357',
    ]);
    expect(barnsley.neighbours[0]).toEqual({ code: '807', name: 'Redcar and Cleveland', closeness: 'Extremely Close' });
  });

  it('matches neighbours named instead of numbered, and refuses one it cannot find', () => {
    const header = { row: 1, cells: ['old_la_code', 'la_name', 'SN_1', 'SN_2'] };
    const model = readNeighbourModel('sn.csv', [
      header,
      { row: 2, cells: ['342', 'St. Helens', 'Wigan', '370'] },
      { row: 3, cells: ['359', 'Wigan', 'St Helens', ''] },
      { row: 4, cells: ['370', 'Barnsley', '359', ''] },
    ]);
    expect(model.get('342')!.neighbours.map((n) => n.code)).toEqual(['359', '370']);
    expect(model.get('359')!.neighbours.map((n) => n.name)).toEqual(['St. Helens']);
    expect(() =>
      readNeighbourModel('sn.csv', [header, { row: 2, cells: ['342', 'St. Helens', 'Atlantis', ''] }]),
    ).toThrow(/sn.csv, row 2: the neighbour "Atlantis" is not a local authority in the model/);
    expect(() => readNeighbourModel('x.csv', [{ row: 1, cells: ['a', 'b'] }])).toThrow(
      /not a statistical neighbour model/,
    );
  });
});

describe('rank and quartile', () => {
  it('ranks best first by polarity, lowest first where there is none, ties sharing a place', () => {
    expect(rankOf(18.2, [7, 18.2, 18.2, 30], 'lower_is_better')).toBe(2);
    expect(rankOf(18.2, [7, 18.2, 18.2, 30], 'higher_is_better')).toBe(2);
    expect(rankOf(30, [7, 18.2, 18.2, 30], 'higher_is_better')).toBe(1);
    expect(rankOf(7, [7, 18.2, 30], 'none')).toBe(1);
    expect(quartileOf(1, [1, 2, 3, 4, 5, 6, 7, 8], 'higher_is_better')).toBe(4);
    expect(quartileOf(8, [1, 2, 3, 4, 5, 6, 7, 8], 'higher_is_better')).toBe(1);
    expect(quartileOf(3, [1, 2, 3, 4, 5, 6, 7, 8], 'lower_is_better')).toBe(2);
  });
});
