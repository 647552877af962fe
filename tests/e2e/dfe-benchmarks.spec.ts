/** Loading benchmarks from DfE's statistics in the window: preview, load, the year in the clinic and detail, undo. */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openClinicSection, openMeasures } from './catalogue-page';
import { cell, measureButton, measureRow } from './clinic-page';
import { expect, test } from './fixtures';

const FIXTURES = path.join(__dirname, '../fixtures/dfe');
const C1 = path.join(FIXTURES, 'c1_referrals_2022_2023.csv');
const SN = path.join(FIXTURES, 'sn_groupings_april_2021.csv');

/** The measure's detail panel (no clinic is open, so it has no actions). */
async function openDetail(page: Page, title: string) {
  await measureButton(page, title).click();
  const panel = page.getByRole('dialog', { name: title });
  await expect(panel.getByRole('heading', { name: 'About this measure' })).toBeVisible();
  return panel;
}

async function openDfePage(page: Page) {
  await openMeasures(page);
  await page.getByRole('button', { name: 'Benchmarks: load DfE statistics…' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Benchmarks from DfE’s statistics' })).toHaveFocus();
}

test('a performance officer previews DfE files, loads them, and the clinic shows each benchmark with its year', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await openDfePage(page);
  await page.getByLabel('Your council’s LA code').fill('370');
  clinic.pickFiles([C1, SN]);
  await page.getByRole('button', { name: 'Choose DfE files…' }).click();
  const preview = page.getByRole('region', { name: 'What loading would change' });
  await expect(
    preview.getByText('Nothing has been loaded yet. Barnsley (370): 2 benchmark years would change'),
  ).toBeVisible();
  await expect(preview.getByRole('row', { name: /Re-referrals within 12 months 2021-22 New/ })).toContainText(
    'England: 21.5',
  );

  await preview.getByRole('button', { name: 'Load these benchmarks' }).click();
  await expect(
    page.getByRole('region', { name: 'Loaded' }).getByText('Barnsley (370): 2 benchmark years loaded'),
  ).toBeVisible();
  await expect(
    page.getByText(/Last loaded by .*c1_referrals_2022_2023.csv, sn_groupings_april_2021.csv/),
  ).toBeVisible();

  await openClinicSection(page);
  const row = measureRow(page, 'Re-referrals within 12 months');
  await expect(cell(row, 'national')).toHaveText('21.5%2021-22');
  const panel = await openDetail(page, 'Re-referrals within 12 months');
  await expect(panel.getByRole('heading', { name: 'Statistical neighbours, DfE 2021-22' })).toBeVisible();
  await expect(panel.getByText(/ranked 2 of 11 with its neighbours \(1 is best\), in quartile 2/)).toBeVisible();
  await expect(panel.getByRole('row', { name: 'Redcar and Cleveland 18.5%' })).toBeVisible();
  await expect(panel.getByText('Since published: England 22.4% (2022-23)', { exact: false })).toBeVisible();
});

test('a wrong LA code is refused with the reason, and undo takes the last load back out', async ({ page, clinic }) => {
  await clinic.app.benchmarks.loadPaths('370', [C1, SN], { dryRun: false });
  await clinic.open();
  await openDfePage(page);
  const code = page.getByLabel('Your council’s LA code');
  await expect(code).toHaveValue('370');
  await code.fill('37');
  clinic.pickFiles([C1]);
  await page.getByRole('button', { name: 'Choose DfE files…' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The benchmarks were not loaded' })).toContainText(
    '"37" is not a local authority code',
  );
  await expect(page.getByRole('alert').filter({ hasText: 'The benchmarks were not loaded' })).toHaveFocus();
  await expect(code).toHaveValue('37');

  await page.getByRole('button', { name: 'Undo the last load' }).click();
  await expect(page.getByRole('button', { name: 'Undo the last load' })).toBeHidden();
  await openClinicSection(page);
  // Back to the catalogue's own benchmarks: England as typed, and no neighbours' figure from DfE.
  const row = measureRow(page, 'Re-referrals within 12 months');
  await expect(cell(row, 'national')).toHaveText('21.5%2021-22');
  await expect(cell(row, 'neighbours')).not.toContainText('19.8%');
});

test('the neighbours’ median can be shown instead of the mean', async ({ page, clinic }) => {
  await clinic.app.benchmarks.loadPaths('370', [path.join(FIXTURES, 'c1_other_order_suppressed.csv'), SN], {
    dryRun: false,
  });
  await clinic.open();
  await openDfePage(page);
  await page.getByRole('radio', { name: /median/ }).check();
  await openClinicSection(page);
  await expect(cell(measureRow(page, 'Re-referrals within 12 months'), 'neighbours')).toHaveText('18.4%2021-22');
  const panel = await openDetail(page, 'Re-referrals within 12 months');
  await expect(
    panel.getByText('The neighbours’ median is 18.4%, from 4 of 10 neighbours.', { exact: false }),
  ).toBeVisible();
  await expect(panel.getByRole('row', { name: 'Doncaster Suppressed (c)' })).toBeVisible();
});

test('a choice of mean or median the app refuses goes back to the one kept, with the reason beside it', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await openDfePage(page);
  const mean = page.getByRole('radio', { name: /mean/ });
  const median = page.getByRole('radio', { name: /median/ });
  await expect(mean).toBeChecked();
  clinic.rewriteCalls((name, args) => (name === 'setNeighbourSummary' ? { summary: 'mode' } : args));

  // A click, not check(): the refusal may put the old choice back before check() would look at it.
  await median.click();
  const group = page.getByRole('group', { name: 'Show the neighbours’' });
  await expect(group.getByRole('alert')).toContainText(
    'Not changed: clinics still show the statistical neighbours’ mean. The request was not valid (summary)',
  );
  await expect(mean).toBeChecked();
  await expect(median).not.toBeChecked();
  // The page's own refusal box is about loading files: it says nothing here.
  await expect(page.getByText('The benchmarks were not loaded')).toHaveCount(0);

  clinic.rewriteCalls((_name, args) => args);
  await median.check();
  await expect(page.getByTestId('announcer')).toContainText('Clinics now show the statistical neighbours’ median.');
  await expect(group.getByRole('alert')).toHaveCount(0);
});

test('a council maps another DfE column to one of its measures, and the mapping can be removed', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await openDfePage(page);
  const form = page.getByRole('form', { name: 'Map a DfE column to one of your measures' });
  await form.getByLabel('Measure', { exact: true }).selectOption({ label: 'Assessments ending in no further action' });
  await form.getByLabel('DfE column').fill('no_further_action_percent');
  await form.getByLabel('Only the rows where (optional)').fill('category=Referrals and Re-referrals');
  await form.getByLabel('DfE’s figure is only the nearest to this measure').check();
  await form.getByRole('button', { name: 'Keep this mapping' }).click();
  await expect(form.getByRole('alert')).toContainText('Say how DfE’s figure differs');
  await form.getByLabel('How DfE’s figure differs').fill('Referrals ending in no further action, not assessments.');
  await form.getByRole('button', { name: 'Keep this mapping' }).click();
  const row = page.getByRole('row', { name: /^Assessments ending in no further action no_further_action_percent/ });
  await expect(row).toContainText('where category is “Referrals and Re-referrals”');
  await expect(row).toContainText('Your council');
  await row.getByRole('button', { name: 'Remove the mapping of Assessments ending in no further action' }).click();
  await expect(row).toBeHidden();
});
