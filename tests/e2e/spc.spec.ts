/**
 * Making Data Count through the window: an imported 24-month history with a shift shows in the
 * table's variation and assurance columns, the exceptions filter, the agenda, the detail chart
 * and its sentences, notes on the chart and the chart's options.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SHIFT_MEASURE, shiftHistoryCsv } from '../support/spc-history';
import { cell, measureButton, measureRow, measureTitles } from './clinic-page';
import { expect, test } from './fixtures';
import { startClinic } from './seed';

const DECISIONS = 'Decisions within 1 working day';

test.beforeEach(async ({ clinic }) => {
  const csv = path.join(clinic.dir, 'decisions-history.csv');
  writeFileSync(csv, shiftHistoryCsv());
  await clinic.app.imports.importFile(csv);
});

test('a shift shows in the table as concern with words and icon, and the exceptions filter finds it', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  const row = measureRow(page, DECISIONS);
  await expect(cell(row, 'variation')).toHaveText('Concern (low)');
  await expect(cell(row, 'assurance')).toHaveText('Will fail');
  // The icon is there as well as the words, and hidden from screen readers (the words carry it).
  await expect(cell(row, 'variation').locator('svg[aria-hidden="true"]')).toHaveCount(1);
  // Too little history: a dash for the eye, words for a screen reader.
  await expect(cell(measureRow(page, 'Contacts'), 'variation')).toHaveText('—Under 6 months');

  await page.getByLabel('Exceptions only').check();
  expect(await measureTitles(page)).toEqual([DECISIONS]);
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText(/Showing 1 of \d+ measures/);
  await page.getByLabel('Exceptions only').uncheck();
  await expect(page.getByText('need at least 6 months of figures')).toHaveCount(0);
});

test('the detail draws limits and flagged months, says why in words, and keeps notes and options', async ({
  page,
  clinic,
}) => {
  clinic.app.setPreferences({ displayName: 'Ana Performance' });
  await clinic.open();
  await measureButton(page, DECISIONS).click();
  const panel = page.getByRole('dialog', { name: DECISIONS });

  await expect(panel).toContainText('Concern (low)');
  await expect(panel).toContainText(/8 months in a row below the average of 59\.5% since March 2023\./);
  await expect(panel).toContainText('Will fail');
  await expect(panel).toContainText(/The target of 80% is outside the process limits/);

  const key = panel.getByRole('list', { name: 'Chart key' });
  await expect(key).toContainText('Special cause of concern');
  await expect(key).toContainText('Process limits');
  await expect(key).not.toContainText('2-sigma lines');
  await panel.getByLabel('Show 2-sigma lines').check();
  await expect(key).toContainText('2-sigma lines');
  await expect(panel.getByRole('img', { name: /months are flagged as special cause/ })).toBeVisible();

  // Every flagged month is in the table in words too.
  const table = panel.getByRole('table', { name: /Figures by month/ });
  await expect(table.getByRole('row', { name: /March 2023/ })).toContainText(
    'Concern (low): 2 of 3 close to a limit, part of a shift',
  );
  await expect(table.getByRole('row')).toHaveCount(25); // the header and all 24 months (fewer than 25)
  await panel.getByRole('radio', { name: 'Last 13 months' }).check();
  await expect(table.getByRole('row')).toHaveCount(14);
  await panel.getByRole('radio', { name: 'All' }).check();
  await expect(table.getByRole('row')).toHaveCount(25); // 24 months of history + the header

  // A dated note: refused when empty, kept when given, on disk at once.
  const addNote = panel.getByRole('form', { name: `Add a note to the chart of ${DECISIONS}` });
  await addNote.getByLabel('Month').selectOption({ label: 'March 2023' });
  await addNote.getByRole('button', { name: 'Add note' }).click();
  await expect(addNote.getByRole('alert')).toHaveText('The note cannot be empty.');
  await addNote.getByLabel('What happened').fill('Front door moved to two hubs');
  await addNote.getByRole('button', { name: 'Add note' }).click();
  await expect(
    panel.getByRole('listitem').filter({ hasText: 'March 2023: Front door moved to two hubs' }),
  ).toContainText('Ana Performance');
  expect(clinic.app.measureDetail({ key: SHIFT_MEASURE }).annotations.map((a) => a.text)).toEqual([
    'Front door moved to two hubs',
  ]);

  // Options: recalculating needs a reason; with one, the new phase's limits change the judgement.
  await panel.getByText('Chart options: how the limits are worked out').click();
  const rebase = panel.getByRole('form', { name: `Recalculate the limits of ${DECISIONS}` });
  await rebase.getByLabel('From').selectOption({ label: 'March 2023' });
  await rebase.getByRole('button', { name: 'Recalculate limits' }).click();
  await expect(panel.getByRole('alert')).toContainText('cannot be empty');
  await rebase.getByLabel('Why the process changed').fill('Front door restructured into two hubs');
  await rebase.getByRole('button', { name: 'Recalculate limits' }).click();
  await expect(panel).toContainText('From March 2023: Front door restructured into two hubs');
  await expect(panel).toContainText('Trial limits');
  await expect(panel.locator('.spc-judgement')).toContainText('Common cause');

  // Closing the panel brings the table up to date with the new limits.
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(cell(measureRow(page, DECISIONS), 'variation')).toHaveText('Common cause');
});

test('the chair can bring special cause of concern to the top of the agenda, and the minutes say why', async ({
  page,
  clinic,
}) => {
  startClinic(clinic.app);
  await clinic.open();
  await page.getByRole('radio', { name: 'As agenda' }).check();
  await page.getByRole('button', { name: 'Special cause of concern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'moved to the top' })).toHaveText(
    '1 measure with special cause of concern moved to the top. Agenda saved.',
  );
  expect((await measureTitles(page))[0]).toBe(DECISIONS);
  const saved = clinic.app.meetings.getClinicView(clinic.app.meetings.listClinics()[0]!.id).agenda;
  expect([...saved].sort((a, b) => a.position - b.position)[0]?.measure).toBe(SHIFT_MEASURE);

  // Discussed, then the minutes: the icons' words and the sentences, as the window saved them.
  await page.getByRole('checkbox', { name: `Discussed: ${DECISIONS}` }).check();
  await expect(page.getByRole('status').filter({ hasText: 'marked discussed' })).toBeVisible();
  await page.getByText('Export minutes').click();
  await page.getByLabel('Format', { exact: true }).selectOption('html');
  await page.getByRole('button', { name: 'Save minutes…' }).click();
  await expect(page.locator('.export-outcome')).toHaveText(/^Minutes saved to .*\.html$/);
  const [file] = readdirSync(path.join(clinic.dir, 'exports'));
  const html = readFileSync(path.join(clinic.dir, 'exports', file!), 'utf8');
  expect(html).toContain('<strong>Special cause: concern (low).</strong> 8 months in a row below the average');
  expect(html).toContain('<strong>Will consistently fail the target.</strong> The target of 80% is outside');
});
