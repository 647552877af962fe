/**
 * Where the figures land on the PDF minutes' page, read back with pdftotext -bbox (Debian's
 * poppler-utils): a long figure (a rate per 10,000 children with its year, "6 of the 19 …", the
 * cumulative steps) stays inside its cell. A figure that runs on is painted under the chart beside
 * it, so pdftotext still finds its words and only their place shows that a reader cannot see them.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { renderMinutes } from '../../main/exports/exporter';
import { PlaywrightPrinter } from '../../main/exports/playwright-printer';
import { fileTempDir } from '../support/temp';

const FIXTURES = path.join(__dirname, '../fixtures/dfe');

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
}

const printer = new PlaywrightPrinter();
let app: ClinicApp;
let pages: Word[][];

/** Each page's words with their boxes, in reading order. */
function wordsOf(pdf: string): Word[][] {
  const xhtml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  return xhtml
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
        ([, xMin, yMin, xMax, text]) => ({ text: text!, xMin: Number(xMin), xMax: Number(xMax), yMin: Number(yMin) }),
      ),
    );
}

/** The words of `phrase`, one after another on one page, and that page's words. */
function find(phrase: string): { words: Word[]; page: Word[] } {
  const tokens = phrase.split(' ');
  for (const page of pages) {
    for (let i = 0; i + tokens.length <= page.length; i++) {
      if (tokens.every((t, k) => page[i + k]!.text === t)) return { words: page.slice(i, i + tokens.length), page };
    }
  }
  throw new Error(`"${phrase}" is not in the minutes as whole words`);
}

/** Where the charts' column starts on a page: each caption's first word sits at its left edge. */
function chartLeft(page: Word[]): number {
  const starts = page.filter((w, i) => w.text === 'Trend,' || (w.text === 'No' && page[i + 1]?.text === 'figures'));
  expect(starts.length).toBeGreaterThan(0);
  return Math.min(...starts.map((w) => w.xMin));
}

beforeAll(async () => {
  const dir = fileTempDir();
  app = new ClinicApp({ preferencesFile: path.join(dir, 'prefs.json'), now: () => new Date('2023-11-09T16:00:00Z') });
  await app.createFile(path.join(dir, 'clinic.db'));
  await app.benchmarks.loadPaths(
    '370',
    [path.join(FIXTURES, 'b1_cin_rates_illustrative.csv'), path.join(FIXTURES, 'sn_groupings_april_2021.csv')],
    { dryRun: false },
  );
  const clinic = app.meetings.createClinic({
    held_on: '2023-11-09',
    kind: 'Director’s performance clinic',
    scope: [],
    chair: 'Service Director',
    attendees: [],
    apologies: [],
    period: '2023-10',
  });
  for (const key of ['decisions_1wd', 'suspensions_ehcp', 'cin_rate_10k'])
    app.meetings.setDiscussed(clinic.id, key, true);
  const pdf = path.join(dir, 'minutes.pdf');
  writeFileSync(pdf, await renderMinutes(app.minutes(clinic.id), 'pdf', printer));
  pages = wordsOf(pdf);
});

afterAll(async () => {
  app?.close();
  await printer.close();
});

describe('the PDF minutes’ figures', () => {
  it.each([
    ['a cumulative step', '1 working day 55%'],
    ['the last cumulative step', '3 working days 91%'],
    ['a count that is part of another', 'suspended from school'],
    ['a rate per 10,000 children with its year', 'per 10,000 children'],
    ['a benchmark’s year', '(2021-22)'],
  ])('%s stays in its cell, clear of the chart beside it', (_what, phrase) => {
    const { words, page } = find(phrase);
    const edge = chartLeft(page);
    for (const word of words) expect(word.xMax, `"${word.text}" ends under the chart`).toBeLessThan(edge);
  });

  it('the cumulative steps print one a line, and a year in brackets is never broken at its hyphen', () => {
    const steps = ['1 working day 55%', '2 working days 76%', '3 working days 91%'].map((s) => find(s).words[0]!);
    expect(new Set(steps.map((w) => Math.round(w.yMin))).size).toBe(3);
    const words = pages.flat().map((w) => w.text);
    expect(words).toContain('(2021-22)');
    expect(words).not.toContain('(2021-');
  });

  it('a count that is part of another says so in full', () => {
    expect(find('6 of the 19 children in care suspended from school').words).toHaveLength(10);
  });
});
