import { describe, expect, it } from 'vitest';
import { readCsv } from '../../main/import/csv-reader';
import { buildPreview, summarise } from '../../main/import/preview';
import { figureKey } from '../../main/import/validate';
import { csv } from '../support/spreadsheets';
import { analyseBytes, errorsOf, problemLines, warningsOf } from '../support/import-fixtures';

const figuresOf = (a: Awaited<ReturnType<typeof analyseBytes>>) =>
  a.preview.writes.map((w) => [w.measure, w.period, w.team, w.next.value, w.next.numerator, w.next.denominator]);

describe('the long layout: one row per measure and period', () => {
  it('reads keys or titles, every period spelling, numerators, denominators and teams', async () => {
    const a = await analyseBytes(
      csv([
        'Measure,Period,Value,Numerator,Denominator,Team',
        'contacts,2023-11,800,,,',
        'Referrals,Nov-23,260,,,',
        'decisions_1wd,November 2023,57%,,,',
        'cp_repeat_plan_2y,11/2023,25,5,20,',
        'contacts,Dec 23,410,,,North',
        'contacts,2023-12,390,,,South',
        'contacts,01/12/2023,800,,,All',
      ]),
      'long.csv',
    );
    expect(problemLines(a.problems)).toEqual([]);
    expect(a.sheets).toEqual([{ name: 'long', layout: 'long' }]);
    expect(figuresOf(a)).toEqual([
      ['contacts', '2023-11', '', 800, null, null],
      ['referrals', '2023-11', '', 260, null, null],
      ['decisions_1wd', '2023-11', '', 57, null, null],
      ['cp_repeat_plan_2y', '2023-11', '', 25, 5, 20],
      ['contacts', '2023-12', 'North', 410, null, null],
      ['contacts', '2023-12', 'South', 390, null, null],
      ['contacts', '2023-12', '', 800, null, null],
    ]);
  });

  it('reports every bad row with its row, column and reason, and drops none silently', async () => {
    const a = await analyseBytes(
      csv([
        'Measure,Period,Value,Numerator,Denominator',
        'contcts,2023-11,800,,', // 2 unknown, with a suggestion
        'referrals,2023-11,lots,,', // 3 not a number
        'decisions_1wd,2023-11,120,,', // 4 percentage out of range
        'referrals,2023-12,-4,,', // 5 negative count
        'referrals,2024-01,2.5,,', // 6 fractional count
        'cp_repeat_plan_2y,2023-11,50,30,20', // 7 numerator > denominator
        'contacts,2023-12,700,,', // 8
        'contacts,Dec-23,701,,', // 9 duplicate of 8
        'contacts,2024-07,700,,', // 10 future (today is June 2024)
        'contacts,Smarch 2023,700,,', // 11 not a period
        ',2023-11,5,,', // 12 no measure
        'decisions_1wd,2023-12,0.55,,', // 13 ambiguous: warning only
        'contacts,2024-02,,,', // 14 no figure: warning
        'cp_repeat_plan_2y,2023-12,25,5,', // 15 numerator without denominator
      ]),
      'bad.csv',
    );
    expect(problemLines(a.problems)).toEqual([
      'error bad!2: "contcts" is not a measure in this clinic file. Did you mean "Contacts" (contacts)?',
      'error bad!C3: "lots" is not a number.',
      'error bad!C4: 120% is not a percentage between 0 and 100.',
      'error bad!C5: -4 is negative, but a count cannot be.',
      'error bad!C6: 2.5 is not a whole number, but this measure is a count.',
      'error bad!7: The numerator (30) is larger than the denominator (20).',
      'error bad!9: This is a second figure for "Contacts", December 2023: row 8 already gives one. Keep one of them.',
      'error bad!10: July 2024 is in the future, so there cannot be figures for it yet.',
      'error bad!11: "Smarch 2023" is not a month. Write it as 2023-10, Oct-23 or October 2023.',
      'error bad!A12: There is no measure on this row.',
      'warning bad!C13: 0.55 was read as 0.55%. If you meant 55%, write 55 or format the cell as a percentage.',
      'warning bad!C14: There is no figure on this row, so it was not imported.',
      'error bad!15: Give both the numerator and the denominator, or neither.',
    ]);
    expect(a.errorCount).toBe(11);
    expect(a.rowsRead).toBe(14);
  });

  it('a percentage written with a numerator and denominator that disagree gets a warning', async () => {
    const a = await analyseBytes(
      csv(['measure,period,value,numerator,denominator', 'cp_repeat_plan_2y,2023-11,50,5,20']),
      'x.csv',
    );
    expect(problemLines(warningsOf(a))).toEqual([
      'warning x!C2: The value 50% does not match 5 of 20 (25.0%). Check which is right.',
    ]);
  });
});

describe('the wide layout: one row per measure, one column per month', () => {
  it('reads a monthly performance sheet with a title row, headings rows, blanks and n/a', async () => {
    const a = await analyseBytes(
      csv([
        'Monthly data performance sheet,,,,',
        'Measure,Unit,Oct-23,Nov-23,Dec-23',
        'Front door,,,,',
        'Decisions within 1 working day,%,55,58,n/a',
        'contacts,count,781,790,',
        ',,,,',
      ]),
      'wide.csv',
    );
    expect(problemLines(a.problems)).toEqual([
      'warning wide!1: Row 1 above the headings was not read (a title?).',
      'warning wide!3: "Front door" has no figures and is not a measure, so it was read as a heading.',
    ]);
    expect(a.sheets[0]?.layout).toBe('wide');
    expect(a.blankRows).toBe(1);
    expect(figuresOf(a)).toEqual([
      ['decisions_1wd', '2023-10', '', 55, null, null],
      ['decisions_1wd', '2023-11', '', 58, null, null],
      ['contacts', '2023-10', '', 781, null, null],
      ['contacts', '2023-11', '', 790, null, null],
    ]);
  });

  it('two columns for the same month are refused', async () => {
    const a = await analyseBytes(csv(['Measure,Oct-23,2023-10', 'contacts,1,2']), 'dup.csv');
    expect(problemLines(errorsOf(a))).toEqual(['error dup!C1: Columns B1 and C1 are both for 2023-10. Remove one.']);
  });
});

describe('a hostile or messy CSV parses correctly or says why, row by row', () => {
  it('a byte-order mark, blank lines, trailing lines and CRLF endings', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('measure,period,value\r\n\r\ncontacts,2023-11,800\r\n\r\n\r\n'),
    ]);
    const a = await analyseBytes(bytes, 'bom.csv');
    expect(problemLines(a.problems)).toEqual([]);
    expect(a.blankRows).toBe(3);
    expect(a.rowsRead).toBe(4);
    expect(figuresOf(a)).toEqual([['contacts', '2023-11', '', 800, null, null]]);
  });

  it('a quoted value spanning lines stays one row, and later rows keep the numbers a spreadsheet shows', async () => {
    const a = await analyseBytes(
      csv(['measure,period,value,notes', 'contacts,2023-11,800,"first line', 'second line"', 'contcts,2023-12,1,']),
      'quoted.csv',
    );
    expect(problemLines(errorsOf(a))).toEqual([
      'error quoted!3: "contcts" is not a measure in this clinic file. Did you mean "Contacts" (contacts)?',
    ]);
  });

  it('a ragged row with an extra value is an error on that row; a short row reads as blanks', async () => {
    const a = await analyseBytes(
      csv(['measure,period,value', 'contacts,2023-11,800,99', 'referrals,2023-11', 'referrals,2023-12,250,,']),
      'ragged.csv',
    );
    expect(problemLines(a.problems)).toEqual([
      'error ragged!D2: This row has 4 cells but there are only 3 headings: D2 ("99") has no column. Check for an extra comma or a value in the wrong place.',
      'warning ragged!C3: There is no figure on this row, so it was not imported.',
    ]);
    expect(figuresOf(a)).toEqual([['referrals', '2023-12', '', 250, null, null]]);
  });

  it('an empty heading with values under it, and duplicate headings', async () => {
    const empty = await analyseBytes(csv(['measure,period,value,', 'contacts,2023-11,800,x']), 'empty.csv');
    expect(problemLines(empty.problems)).toEqual([
      'warning empty!D2: D2 ("x") is in a column with no heading, so it was not read.',
    ]);
    const dup = await analyseBytes(csv(['measure,period,value,Value', 'contacts,2023-11,800,801']), 'dup.csv');
    expect(problemLines(errorsOf(dup))).toEqual([
      'error dup!D1: Columns C1 and D1 have the same heading ("value"), so it is not clear which to read. Rename or remove one.',
    ]);
  });

  it('a __proto__ heading is only an unknown column and leaves Object.prototype alone', async () => {
    const a = await analyseBytes(
      csv(['measure,period,value,__proto__,constructor,prototype', 'contacts,2023-11,800,{"polluted":1},x,y']),
      'proto.csv',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(problemLines(a.problems)).toEqual([
      'warning proto!1: Columns D ("__proto__"), E ("constructor"), F ("prototype") are not one the import knows, so they were not read.',
    ]);
    expect(figuresOf(a)).toEqual([['contacts', '2023-11', '', 800, null, null]]);
  });

  it('007 in a text column stays 007', async () => {
    const a = await analyseBytes(
      csv(['measure,period,value,team', 'contacts,2023-11,800,007', '007,2023-11,1,']),
      'codes.csv',
    );
    expect(figuresOf(a)).toEqual([['contacts', '2023-11', '007', 800, null, null]]);
    expect(problemLines(errorsOf(a))[0]).toMatch(/"007" is not a measure/);
  });

  it('a file with no heading row, an empty file and an unclosed quote get a clear message', async () => {
    const none = await analyseBytes(csv(['a,b,c', '1,2,3']), 'none.csv');
    expect(problemLines(errorsOf(none))[0]).toMatch(/No heading row was found/);
    const blank = await analyseBytes(csv(['', '']), 'blank.csv');
    expect(problemLines(errorsOf(blank))).toEqual(['error blank!: This sheet is empty.']);
    await expect(analyseBytes(csv(['measure,period,value', 'contacts,"2023-11,800']), 'q.csv')).rejects.toThrow(
      /could not be read as CSV: Quote Not Closed/,
    );
  });

  it('semicolon-separated and Windows-1252 files, as Excel saves them in some places', async () => {
    const a = await analyseBytes(
      Buffer.from('measure;period;value;team\r\ncontacts;2023-11;800;Barnsley Nord\xe9\r\n', 'latin1'),
      'semi.csv',
    );
    expect(figuresOf(a)).toEqual([['contacts', '2023-11', 'Barnsley Nordé', 800, null, null]]);
    expect(a.notices[0]).toMatch(/not UTF-8/);
    expect((await readCsv(Buffer.from('a\tb\n1\t2\n'), 't.tsv')).sheets[0]?.rows[1]?.cells).toHaveLength(2);
  });
});

describe('messages that quote a cell', () => {
  it('quote at most 80 characters of it, ending in an ellipsis, however large the cell', async () => {
    const huge = 'A'.repeat(1_000_000);
    const cut = `"${'A'.repeat(79)}…"`;
    const a = await analyseBytes(
      csv([
        `Measure,Period,Value,Numerator,Denominator,Team,${huge}`,
        `${huge},2023-11,800,,,,`, // 2 not a measure
        `referrals,${huge},5,,,,`, // 3 not a month
        `referrals,2023-11,${huge},,,,`, // 4 not a number
        `cp_repeat_plan_2y,2023-11,25,${huge},20,,`, // 5 numerator not a number
        `contacts,2023-11,800,,,${huge},`, // 6
        `contacts,2023-11,801,,,${huge},`, // 7 second figure for the team
        `contacts,2023-10,800,,,,,${huge}`, // 8 a cell with no heading
      ]),
      'huge.csv',
    );
    const messages = a.problems.map((p) => p.message);
    expect(messages.length).toBeGreaterThanOrEqual(7);
    for (const message of messages) expect(message.length).toBeLessThan(400);
    expect(messages).toEqual(
      expect.arrayContaining([
        `${cut} is not a measure in this clinic file.`,
        `${cut} is not a month. Write it as 2023-10, Oct-23 or October 2023.`,
        `${cut} is not a number.`,
        `The numerator ${cut} is not a number.`,
        expect.stringContaining(`Column G (${cut}) is not one the import knows`),
        expect.stringContaining(`November 2023, ${cut}: row 6 already gives one`),
        expect.stringContaining(`H8 (${cut})`),
      ]),
    );
  });

  it('suggest the measure meant for a misspelt name with an extra word', async () => {
    const a = await analyseBytes(csv(['Measure,Period,Value', 'Referals made,2023-11,260']), 'referrals.csv');
    expect(a.problems.map((p) => p.message)).toEqual([
      '"Referals made" is not a measure in this clinic file. Did you mean "Referrals" (referrals)?',
    ]);
  });

  it('keep a cell of 80 characters or fewer whole', async () => {
    const a = await analyseBytes(csv(['Measure,Period,Value', `${'B'.repeat(80)},2023-11,800`]), 'short.csv');
    expect(a.problems.map((p) => p.message)).toContain(`"${'B'.repeat(80)}" is not a measure in this clinic file.`);
  });
});

describe('the preview', () => {
  it('says per measure what is new, what changes (old → new) and what is unchanged', async () => {
    const current = new Map([
      [figureKey('contacts', '2023-10', ''), { value: 781, numerator: null, denominator: null }],
      [figureKey('referrals', '2023-10', ''), { value: 251, numerator: null, denominator: null }],
      [figureKey('cp_repeat_plan_2y', '2023-10', ''), { value: 28.6, numerator: 10, denominator: 35 }],
    ]);
    const a = await analyseBytes(
      csv([
        'measure,Oct-23,Nov-23',
        'contacts,781,800',
        'referrals,250,',
        // A value-only sheet keeps a numerator and denominator it does not mention.
        'cp_repeat_plan_2y,28.6,',
      ]),
      'p.csv',
      current,
    );
    expect(a.preview.totals).toEqual({ figures: 4, added: 1, changed: 1, unchanged: 2 });
    expect(a.preview.measures.map((m) => [m.measure, m.added, m.changed, m.unchanged])).toEqual([
      ['contacts', 1, 0, 1],
      ['referrals', 0, 1, 0],
      ['cp_repeat_plan_2y', 0, 0, 1],
    ]);
    expect(a.preview.measures[1]?.changes).toEqual([
      {
        period: '2023-10',
        team: '',
        worker: '',
        old: { value: 251, numerator: null, denominator: null },
        next: { value: 250, numerator: null, denominator: null },
      },
    ]);
    expect(a.summary).toBe('1 new figure, 1 changed figure and 2 unchanged.');
    expect(a.preview.periods).toEqual({ from: '2023-10', to: '2023-11' });
    // What is new comes with its value, and each measure with its unit, for the window to write them.
    expect(a.preview.measures[0]?.additions).toEqual([
      { period: '2023-11', team: '', worker: '', next: { value: 800, numerator: null, denominator: null } },
    ]);
    expect(a.preview.measures.map((m) => m.unit)).toEqual(['count', 'count', 'percent']);
  });

  it('is a pure function of the figures and the file, and says when there is nothing to import', () => {
    const figure = {
      measure: 'contacts',
      period: '2023-10',
      team: '',
      worker: '',
      value: 781,
      numerator: null,
      denominator: null,
      sheet: 's',
      row: 2,
    };
    const current = new Map([
      [figureKey('contacts', '2023-10', ''), { value: 781, numerator: null, denominator: null }],
    ]);
    const preview = buildPreview([figure], current, new Map());
    expect(preview.writes).toEqual([]);
    expect(summarise(preview.totals)).toMatch(/^Nothing to import: all 1 figure/);
  });
});
