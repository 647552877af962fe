import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { raise, startClinic } from './seed';

test('the minutes are saved as a Word file from the clinic header, and the app says where', async ({
  page,
  clinic,
}) => {
  const c = startClinic(clinic.app);
  clinic.app.meetings.saveNote(c.id, 'decisions_1wd', 'Agency cover starts in November.', 0);
  clinic.app.meetings.setDiscussed(c.id, 'decisions_1wd', true);
  await clinic.open();

  await page.getByText('Export minutes').click();
  await page.getByLabel('Format', { exact: true }).selectOption('docx');
  await page.getByLabel('Protective marking').selectOption('OFFICIAL');
  await page.getByRole('button', { name: 'Save minutes…' }).click();
  await expect(page.locator('.export-outcome')).toHaveText(/^Minutes saved to .*\.docx$/);

  const [saved] = readdirSync(path.join(clinic.dir, 'exports'));
  expect(saved).toMatch(/\.docx$/);
  // A .docx is a zip: it starts PK.
  expect(
    readFileSync(path.join(clinic.dir, 'exports', saved!))
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
});

test('the action log is saved to Excel and CSV from the action log page', async ({ page, clinic }) => {
  const c = startClinic(clinic.app);
  raise(clinic.app, c, 'contacts', '=HYPERLINK("http://example.invalid","click")', 'Sam Okafor', '2023-12-01');
  await clinic.open();
  await page.getByRole('button', { name: 'Action log' }).click();

  await page.getByRole('button', { name: 'Export to Excel…' }).click();
  await expect(page.locator('.export-outcome')).toHaveText(/^Action log saved to .*\.xlsx$/);
  await page.getByRole('button', { name: 'Export to CSV…' }).click();
  await expect(page.locator('.export-outcome')).toHaveText(/^Action log saved to .*\.csv$/);

  const csv = readdirSync(path.join(clinic.dir, 'exports')).find((f) => f.endsWith('.csv'))!;
  // The formula the action's description holds is written as text.
  expect(readFileSync(path.join(clinic.dir, 'exports', csv), 'utf8')).toContain(`"'=HYPERLINK(`);
});
