import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { csv } from '../support/spreadsheets';
import { cell, measureRow } from './clinic-page';
import { expect, test } from './fixtures';
import { sha, write, WITH_ERRORS, corrected, GOOD_CSV, stepHeading, openImport } from './import-page';

test('a file with errors is blocked with every problem shown; the corrected file imports, shows in the clinic, and undoes', async ({
  page,
  clinic,
}) => {
  const clinicFile = path.join(clinic.dir, 'clinic.db');
  clinic.app.setPreferences({ displayName: 'Pat Officer' });
  await clinic.open();
  await openImport(page);
  await expect(stepHeading(page, /Choose a spreadsheet of figures/)).toBeVisible();
  await expect(page.getByRole('main').getByText('No figures have been imported into this file yet.')).toBeVisible();
  await page.getByRole('main').getByText('What the spreadsheet can look like').click();

  const before = sha(clinicFile);
  clinic.pickFile(write(clinic.dir, 'november.csv', WITH_ERRORS));
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();

  await expect(stepHeading(page, /Check what will change/)).toHaveFocus();
  await expect(page.getByRole('alert')).toContainText('4 problems to fix before importing');
  const problems = page.getByRole('region', { name: /Problems in the file/ });
  await expect(problems.getByRole('row')).toHaveCount(1 + 5);
  await expect(problems.getByRole('row').filter({ hasText: 'refferals' }).getByRole('cell')).toHaveText([
    'Error',
    'november',
    '3',
    'Whole row',
    '"refferals" is not a measure in this clinic file. Did you mean "Referrals" (referrals)?',
  ]);
  const overHundred = problems.getByRole('row').filter({ hasText: '140% is not a percentage between 0 and 100.' });
  await expect(overHundred.getByRole('cell')).toHaveText(['Error', 'november', '4', 'C', /140%/]);
  await expect(problems).toContainText('The numerator (30) is larger than the denominator (20).');
  await expect(problems).toContainText('12.5 is not a whole number, but this measure is a count.');
  // A warning does not block on its own, and says so as a word, not a colour.
  await expect(problems.getByRole('row').filter({ hasText: 'n/a' }).getByRole('cell').first()).toHaveText('Warning');
  await expect(page.getByRole('button', { name: 'Import figures' }).last()).toBeDisabled();
  await expect(
    page.getByRole('main').getByText('Import is blocked until the 4 errors are fixed in the spreadsheet.'),
  ).toBeVisible();
  expect(sha(clinicFile)).toBe(before);

  // The officer fixes the file and chooses the corrected one: a workbook with a column per month.
  clinic.pickFile(write(clinic.dir, 'november.xlsx', await corrected()));
  await page.getByRole('button', { name: 'Choose another file…' }).click();
  await expect(page.getByRole('main').getByText('3 new figures, 1 changed figure and 2 unchanged.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  const measures = page.getByRole('region', { name: 'What changes, measure by measure' });
  const referrals = measures.getByRole('row', { name: /^Referrals/ });
  await expect(referrals.getByRole('cell')).toHaveText(['1', 'Nov 2023: 260', '1', 'Oct 2023: 251 → 255', '0']);
  await expect(measures.getByRole('row', { name: /^Decisions within 1 working day/ }).getByRole('cell')).toHaveText([
    '1',
    'Nov 2023: 58%',
    '0',
    'None',
    '1',
  ]);
  const contacts = measures.getByRole('row', { name: /^Contacts/ });
  await expect(contacts.getByRole('cell')).toHaveText(['1', 'Nov 2023: 812', '0', 'None', '1']);
  await expect(page.getByRole('list', { name: 'Figures in the file' }).getByRole('listitem')).toHaveText([
    '3 new',
    '1 changed',
    '2 unchanged',
    '0 errors',
  ]);
  expect(sha(clinicFile)).toBe(before);

  await page.getByRole('button', { name: 'Import 4 figures' }).click();
  await expect(stepHeading(page, /Figures imported/)).toHaveFocus();
  await expect(
    page.getByRole('main').getByText('november.xlsx: 3 new figures, 1 changed figure and 2 unchanged imported.'),
  ).toBeVisible();
  await expect(page.getByTestId('announcer')).toContainText(
    '3 new figures, 1 changed figure and 2 unchanged imported.',
  );
  const history = page.getByRole('region', { name: 'Past imports' });
  await expect(history.getByRole('row', { name: /november.xlsx/ }).getByRole('cell')).toHaveText([
    /\d{1,2} \w{3} \d{4} at \d{2}:\d{2}/,
    'Pat Officer',
    '3',
    '3',
    '1',
    'In the file',
  ]);

  // The clinic now opens on November, compared with October.
  await page.getByRole('button', { name: 'Go to the clinic' }).click();
  await expect(page.getByLabel('Period', { exact: true })).toHaveValue('2023-11');
  await expect(page.getByRole('heading', { level: 2, name: /November 2023/ })).toBeVisible();
  await expect(cell(measureRow(page, 'Contacts'), 'current')).toContainText('812');
  await expect(cell(measureRow(page, 'Contacts'), 'previous')).toContainText('781');

  // Undone from the list of imports, after a question: November is gone again.
  await openImport(page);
  await history.getByRole('button', { name: 'Undo the import of november.xlsx' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo the import of november.xlsx?' });
  await expect(dialog).toContainText('removes the 3 figures it added and puts the 1 figure it changed back');
  await dialog.getByRole('button', { name: 'Undo the import' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('announcer')).toContainText('Undid the import of november.xlsx');
  await expect(history.getByRole('row', { name: /november.xlsx/ })).toContainText('Undone');
  await page.getByRole('button', { name: 'Clinic', exact: true }).click();
  await expect(page.getByLabel('Period', { exact: true })).toHaveValue('2023-10');
  await expect(page.getByLabel('Period', { exact: true }).getByRole('option', { name: 'November 2023' })).toHaveCount(
    0,
  );
  await expect(cell(measureRow(page, 'Referrals'), 'current')).toContainText('251');
});

test('“Undo this import” straight after importing asks first, and can be cancelled', async ({ page, clinic }) => {
  await clinic.open();
  await openImport(page);
  clinic.pickFile(write(clinic.dir, 'november.csv', GOOD_CSV));
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();
  await page.getByRole('button', { name: 'Import 2 figures' }).click();
  await expect(stepHeading(page, /Figures imported/)).toHaveFocus();
  await expect(page.getByRole('main').getByText('The file covered November 2023.')).toBeVisible();

  await page.getByRole('button', { name: 'Undo this import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo the import of november.csv?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Undo this import' })).toHaveFocus();
  expect(clinic.app.periods().latest).toBe('2023-11');

  await page.getByRole('button', { name: 'Undo this import' }).click();
  await dialog.getByRole('button', { name: 'Undo the import' }).click();
  await expect(stepHeading(page, /Import undone/)).toHaveFocus();
  await expect(
    page
      .getByRole('main')
      .getByText('Undid the import of november.csv: 0 figures put back as before and 2 it had added removed.'),
  ).toBeVisible();
  expect(clinic.app.periods().latest).toBe('2023-10');
  await page.getByRole('button', { name: 'Import another file' }).click();
  await expect(stepHeading(page, /Choose a spreadsheet of figures/)).toHaveFocus();
});

test('a file fixed in Excel and saved is checked again without choosing it again', async ({ page, clinic }) => {
  const source = write(clinic.dir, 'november.csv', WITH_ERRORS);
  clinic.pickFile(source);
  await clinic.open();
  await openImport(page);
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();
  await expect(page.getByRole('alert')).toContainText('4 problems to fix before importing');

  write(clinic.dir, 'november.csv', GOOD_CSV);
  await page.getByRole('button', { name: 'Check the file again' }).click();
  await expect(stepHeading(page, /Check what will change/)).toHaveFocus();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('announcer')).toContainText(
    'november.csv checked. 2 new figures, 0 changed figures and 0 unchanged.',
  );
  await page.getByRole('button', { name: 'Import 2 figures' }).click();
  await expect(stepHeading(page, /Figures imported/)).toHaveFocus();
  expect(clinic.app.periods().latest).toBe('2023-11');
});

test('cancelling, at the dialog or after the preview, leaves the clinic file byte-identical', async ({
  page,
  clinic,
}) => {
  const clinicFile = path.join(clinic.dir, 'clinic.db');
  await clinic.open();
  await openImport(page);
  const before = sha(clinicFile);

  // The person closes the open dialog without choosing: nothing happens, nothing is said to be wrong.
  clinic.pickFile(null);
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();
  await expect(stepHeading(page, /Choose a spreadsheet of figures/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  clinic.pickFile(write(clinic.dir, 'november.csv', GOOD_CSV));
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();
  await expect(page.getByRole('button', { name: 'Import 2 figures' })).toBeEnabled();
  // Choosing another file and then cancelling that dialog keeps the preview there was.
  clinic.pickFile(null);
  await page.getByRole('button', { name: 'Choose another file…' }).click();
  await expect(page.getByRole('button', { name: 'Import 2 figures' })).toBeEnabled();

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(stepHeading(page, /Choose a spreadsheet of figures/)).toHaveFocus();
  await expect(page.getByTestId('announcer')).toContainText('Import cancelled. Nothing has been changed.');
  expect(sha(clinicFile)).toBe(before);
  expect(clinic.app.imports.list()).toEqual([]);
  expect(clinic.app.periods().latest).toBe('2023-10');
});

test('a file that is not a spreadsheet, and a clinic file open read-only, are refused in words', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await openImport(page);
  clinic.pickFile(write(clinic.dir, 'figures.xlsx', Buffer.from('Contacts,812\n', 'utf8')));
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();
  await expect(page.getByRole('alert')).toContainText('This spreadsheet cannot be imported');
  await expect(page.getByRole('alert')).toContainText('figures.xlsx is not a readable Excel workbook');
  await expect(stepHeading(page, /Choose a spreadsheet of figures/)).toBeVisible();

  const clinicFile = path.join(clinic.dir, 'clinic.db');
  await clinic.app.openFile(clinicFile, { readOnly: true });
  await expect(page.getByRole('banner').getByText('Read only', { exact: true })).toBeVisible();
  await openImport(page);
  await expect(
    page.getByRole('main').getByText(/^clinic.db is open read-only: figures can only be imported/),
  ).toBeVisible();
  const before = sha(clinicFile);
  clinic.pickFile(write(clinic.dir, 'november.csv', GOOD_CSV));
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();
  await expect(page.getByRole('alert')).toContainText('Figures cannot be imported into this file');
  await expect(page.getByRole('alert')).toContainText(
    'clinic.db is open read-only, so figures cannot be imported into it. Open it for editing to import figures.',
  );
  expect(sha(clinicFile)).toBe(before);
});

test('the template is saved as Excel and as CSV where the person chooses', async ({ page, clinic }) => {
  await clinic.open();
  await openImport(page);
  await page.getByRole('button', { name: 'Excel template (.xlsx)…' }).click();
  await expect(page.locator('.export-outcome')).toHaveText(/^Template saved to .*clinic figures template .*\.xlsx$/);
  await page.getByRole('button', { name: 'CSV template…' }).click();
  await expect(page.locator('.export-outcome')).toHaveText(/^Template saved to .*\.csv$/);

  const saved = readdirSync(path.join(clinic.dir, 'exports'));
  const workbook = saved.find((f) => f.endsWith('.xlsx'))!;
  expect(
    readFileSync(path.join(clinic.dir, 'exports', workbook))
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  const text = readFileSync(
    path.join(
      clinic.dir,
      'exports',
      saved.find((f) => f.endsWith('.csv'))!,
    ),
    'utf8',
  );
  expect(text).toMatch(/^\ufeffMeasure key,Measure,Unit,/);
  expect(text).toContain('\r\ncontacts,Contacts,count,');
});

test('a preview of thousands of rows stays usable: problems a hundred at a time, and the count of the rest', async ({
  page,
  clinic,
}) => {
  const rows = ['Measure,Period,Value,Team'];
  // 1,200 figures for a measure the file does not know, and 2,400 good ones split across 100 teams.
  for (let i = 0; i < 1200; i++) rows.push(`waiting_list_${i},2023-11,${i},`);
  for (let t = 0; t < 100; t++)
    for (const [key, value] of [
      ['contacts', 8],
      ['referrals', 2],
    ] as const)
      for (let m = 1; m <= 12; m++) rows.push(`${key},2023-${String(m).padStart(2, '0')},${value + t},Team ${t}`);
  clinic.pickFile(write(clinic.dir, 'everything.csv', csv(rows)));
  await clinic.open();
  await openImport(page);
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();

  await expect(page.getByRole('alert')).toContainText('1,200 problems to fix before importing');
  const problems = page.getByRole('region', { name: /Problems in the file/ });
  await expect(problems.getByRole('row')).toHaveCount(1 + 100);
  await expect(page.getByRole('main').getByText('Showing the first 100 of 1,200 problems.')).toBeVisible();
  await expect(page.getByRole('main').getByText(/200 more problems are not listed here/)).toBeVisible();
  await page.getByRole('button', { name: 'Show all 1,000 problems listed' }).click();
  await expect(problems.getByRole('row')).toHaveCount(1 + 1000);

  const contacts = page.getByRole('region', { name: 'What changes, measure by measure' }).getByRole('row', {
    name: /^Contacts/,
  });
  await expect(contacts.getByRole('rowheader')).toHaveText(
    'ContactsBy team: Team 0, Team 1, Team 2, Team 3 and 96 more',
  );
  await expect(contacts.getByRole('cell').first()).toHaveText('1,200');
  const added = contacts.getByRole('cell').nth(1);
  await expect(added).toContainText('Jan 2023 to Dec 2023');
  await added.getByText('Show the 1,200 new figures').click();
  await expect(added.getByRole('listitem')).toHaveCount(500 + 1);
  await expect(added.getByRole('listitem').first()).toHaveText('Jan 2023 (Team 0): 8');
  await expect(added.getByRole('listitem').last()).toHaveText('and 700 more not listed');
});
