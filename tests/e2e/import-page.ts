/** The import wizard's pieces, and the spreadsheets its journeys use. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { csv, pct, xlsx } from '../support/spreadsheets';
import { expect } from './fixtures';

export const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

export function write(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** November's figures with the mistakes a monthly file has: a misspelt measure, 140%, a fraction of a child. */
export const WITH_ERRORS = csv([
  'Measure,Period,Value,Numerator,Denominator',
  'contacts,Nov-23,812,,',
  'refferals,2023-11,260,,',
  'decisions_1wd,November 2023,140%,,',
  'cp_repeat_plan_2y,2023-11,25,30,20',
  'referrals,2023-11,12.5,,',
  'assessments_45wd,2023-11,n/a,,',
]);

/** The same month put right, as the monthly performance sheet has it: a column per month. */
export function corrected(): Promise<Uint8Array> {
  return xlsx({
    Figures: [
      ['Measure', 'Oct 2023', 'Nov 2023'],
      ['Contacts', 781, 812],
      ['Referrals', 255, 260],
      ['Decisions within 1 working day', pct(0.55), pct(0.58)],
    ],
  });
}

export const GOOD_CSV = csv(['Measure,Period,Value', 'contacts,2023-11,812', 'referrals,2023-11,260']);

export function stepHeading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 3, name });
}

export async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import figures' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Import figures' })).toBeVisible();
}
