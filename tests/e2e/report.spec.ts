/** The Report section: the scrutiny report drafted from the figures, edited in place, saved as Word. */
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ClinicApp } from '../../main/api/clinic-app';
import { expect, test } from './fixtures';

test('the report is drafted from the figures, numbered by service area, with flags in words', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await page.getByRole('button', { name: 'Report' }).click();
  await expect(page.getByRole('heading', { name: 'Performance report for scrutiny' })).toBeVisible();
  const doc = page.getByRole('article', { name: 'Children’s Social Care Performance Report – October 2023' });
  await expect(doc.getByRole('heading', { name: '3 Current performance' })).toBeVisible();
  const reReferrals = doc.locator('[data-item="re_referrals_12m"]');
  await expect(reReferrals).toContainText('3.11');
  await expect(reReferrals).toContainText(
    'Re-referrals within 12 months stood at 28.4% in October 2023, above the target of 20%, where lower is better, so off target.',
  );
  await expect(doc.locator('[data-item="admissions_to_care"]')).toContainText(
    'Needs a person: There is no earlier figure, target or benchmark to compare it with.',
  );
  const visits = doc.locator('[data-item="area:visits"]');
  await expect(visits.getByRole('table')).toContainText('Children in need visited within 4 weeks');
  await expect(visits.getByRole('row', { name: /Care leavers visited within 8 weeks/ })).toContainText('92%');
});

test('an edit is kept, stamped, flagged when the figures change, and a refused edit keeps the text typed', async ({
  page,
  clinic,
}) => {
  await clinic.app.imports.importBytes(
    new TextEncoder().encode('Measure,Period,Value\r\nre_referrals_12m,2023-10,28.4\r\n'),
    'same.csv',
  );
  await clinic.open();
  await page.getByRole('button', { name: 'Report' }).click();
  const para = page.locator('[data-item="re_referrals_12m"]');
  await para.getByRole('button', { name: 'Edit paragraph 3.11' }).click();
  const box = para.getByLabel('Text of paragraph 3.11');
  await expect(box).toHaveFocus();

  // Too long: refused with a reason, and the words typed are still in the box.
  const long = `${'Re-referrals are reviewed. '.repeat(741)}`;
  await box.fill(long);
  await para.getByRole('button', { name: 'Save paragraph 3.11' }).click();
  await expect(para.getByRole('alert')).toContainText('over the limit of 20,000. Nothing has been saved');
  await expect(box).toHaveValue(long);

  await box.fill('<b>Re-referrals</b> stand at 28.4%; each repeat is reviewed. שלום');
  await para.getByRole('button', { name: 'Save paragraph 3.11' }).click();
  await expect(para.locator('p.report-paragraph__text')).toHaveText(
    '<b>Re-referrals</b> stand at 28.4%; each repeat is reviewed. שלום',
  );
  await expect(para).toContainText('Edited by');

  // A late import changes the figure: the officer's words stay, flagged.
  await clinic.app.imports.importBytes(
    new TextEncoder().encode('Measure,Period,Value\r\nre_referrals_12m,2023-10,28.6\r\n'),
    'late.csv',
  );
  await page.getByLabel('Marking').selectOption('OFFICIAL-SENSITIVE');
  await expect(para).toContainText('Figures changed since you edited it: 28.4% → 28.6%');
  await expect(para.locator('p.report-paragraph__text')).toContainText('each repeat is reviewed');

  await para.getByRole('button', { name: 'Restore the draft of 3.11' }).click();
  await expect(para.locator('p.report-paragraph__text')).toContainText('stood at 28.6% in October 2023');
});

test('the report is saved as Word from the window with the marking chosen, for the areas chosen', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await page.getByRole('button', { name: 'Report' }).click();
  await page.getByLabel('By service area').check();
  await page.getByRole('group', { name: 'Service areas' }).getByLabel('Visits').check();
  await page.getByLabel('Marking').selectOption('Not for publication');
  const doc = page.getByRole('article');
  await expect(doc.locator('[data-item="area:visits"]')).toContainText('3.1');
  await expect(doc.locator('[data-item="contacts"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save as Word…' }).click();
  await expect(page.locator('.export-outcome')).toHaveText(/^Report saved to .*Performance report October 2023\.docx$/);
  const [saved] = readdirSync(path.join(clinic.dir, 'exports'));
  expect(
    readFileSync(path.join(clinic.dir, 'exports', saved!))
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
});

test('a fixed section is written once and kept; a closing section is added', async ({ page, clinic }) => {
  await clinic.open();
  await page.getByRole('button', { name: 'Report' }).click();
  await page.getByLabel('Text of section 2').fill('Mosaic went live in November 2022.');
  await page.getByRole('button', { name: 'Save section 2' }).click();
  await expect(page.getByText('Saved: kept for next month’s report too.')).toBeVisible();
  await page.getByLabel('Add a closing section').fill('Invited witnesses');
  await page.getByRole('button', { name: 'Add section' }).click();
  await expect(page.getByRole('heading', { name: '5 Invited witnesses' })).toBeVisible();
  expect(clinic.app.scrutiny.sections().find((s) => s.key === 'background')!.text).toBe(
    'Mosaic went live in November 2022.',
  );
});

test('a paragraph edited on two copies shows both texts after a merge, and the officer combines them', async ({
  page,
  clinic,
}) => {
  clinic.app.setPreferences({ displayName: 'Jane Murphy' });
  clinic.app.checkpoint();
  const laptopFile = path.join(clinic.dir, 'laptop.db');
  copyFileSync(clinic.app.fileInfo().path, laptopFile);
  const laptop = new ClinicApp({ preferencesFile: path.join(clinic.dir, 'laptop.json'), deviceId: 'laptop' });
  await laptop.openFile(laptopFile);
  laptop.setPreferences({ displayName: 'Anna Marshall' });
  laptop.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Written on the train.' });
  laptop.close();
  clinic.app.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Written in the office.' });
  await clinic.app.sync.merge(laptopFile);

  await clinic.open();
  await page.getByRole('button', { name: 'Report' }).click();
  const para = page.locator('[data-item="contacts"]');
  const kept = para.getByRole('region', { name: /Another text was written for paragraph 3\.1/ });
  await expect(kept).toContainText('Also written by');
  await expect(kept).toContainText('Written');
  const shown = (await para.locator('p.report-paragraph__text').first().textContent()) ?? '';
  const other = shown.includes('train') ? 'Written in the office.' : 'Written on the train.';
  await expect(kept).toContainText(other);

  await kept.getByRole('radio', { name: 'Combine both' }).check();
  const combined = kept.getByLabel('Combined text of paragraph 3.1');
  await expect(combined).toHaveValue(`${shown}\n\n${other}`);
  await combined.fill(`${shown} ${other}`);
  await kept.getByRole('button', { name: 'Save this choice for paragraph 3.1' }).click();
  await expect(para.locator('p.report-paragraph__text').first()).toHaveText(`${shown} ${other}`);
  await expect(para.getByRole('region', { name: /Another text was written/ })).toHaveCount(0);
});
