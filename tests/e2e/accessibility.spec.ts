/**
 * axe-core once per view (WCAG 2.2 AA), in one place: the journeys in the other specs check what
 * a person sees and does, these check that every view and state they pass through is accessible.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ClinicApp } from '../../main/api/clinic-app';
import { SHIFT_MEASURE, shiftHistoryCsv } from '../support/spc-history';
import { violations } from './axe';
import { details, editMeasure, openMeasures, targetForm } from './catalogue-page';
import { measureButton, openMeasure } from './clinic-page';
import { expect, test } from './fixtures';
import { corrected, openImport, stepHeading, WITH_ERRORS, write } from './import-page';
import { startClinic, twoClinics } from './seed';
import { seedTeamExceptions } from '../support/team-exceptions';

test('the clinic view has no WCAG 2.2 AA violations axe can find', async ({ page, clinic }) => {
  await clinic.open();
  await page.getByText('Abbreviations used in this clinic').click();
  expect(await violations(page)).toEqual([]);
});

test('the headlines, for the whole service and with a team chosen, have no violations axe can find', async ({
  page,
  clinic,
}) => {
  const csv = path.join(clinic.dir, 'teams.csv');
  writeFileSync(csv, ['Measure key,Period,Team,Value', 'decisions_1wd,2023-10,North,40'].join('\n'));
  await clinic.app.imports.importFile(csv);
  await clinic.open({ on: 'headlines' });
  await expect(page.locator('button[data-headline-key]').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByLabel('Team view').selectOption('North');
  await expect(page.getByRole('region', { name: 'Showing one team' })).toBeVisible();
  await expect(page.getByText('No figures for North').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the measure detail with its Making Data Count chart, options and notes has no violations axe can find', async ({
  page,
  clinic,
}) => {
  const history = path.join(clinic.dir, 'decisions-history.csv');
  writeFileSync(history, shiftHistoryCsv());
  await clinic.app.imports.importFile(history);
  clinic.app.spc.annotate(SHIFT_MEASURE, '2023-03', 'Front door moved to two hubs');
  await clinic.open();
  await measureButton(page, 'Decisions within 1 working day').click();
  const panel = page.getByRole('dialog', { name: 'Decisions within 1 working day' });
  await panel.getByText('Chart options: how the limits are worked out').click();
  await expect(panel.getByRole('form', { name: /^Recalculate the limits of/ })).toBeVisible();
  await expect(panel.getByText('Front door moved to two hubs').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the performance report, with a paragraph open for editing, has no violations axe can find', async ({
  page,
  clinic,
}) => {
  clinic.app.scrutiny.saveParagraph({ period: '2023-10', item: 'contacts', text: 'Contacts fell to 781.' });
  await clinic.open();
  await page.getByRole('button', { name: 'Report' }).click();
  await page.getByRole('button', { name: 'Edit paragraph 3.11' }).click();
  await expect(page.getByLabel('Text of paragraph 3.11')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('an error on screen has no WCAG 2.2 AA violations axe can find', async ({ page, clinic }) => {
  clinic.rewriteCalls((name, args) => (name === 'getReport' ? { period: '2019-01' } : args));
  await clinic.open();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the clinic stays usable at 200% zoom on a meeting-room screen', async ({ page, clinic }) => {
  await page.setViewportSize({ width: 720, height: 450 });
  await clinic.open();
  await measureButton(page, 'Contacts').click();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Close' })).toBeInViewport();
  expect(await violations(page)).toEqual([]);
});

test('a clinic, a measure’s note and actions, and the new clinic form have no violations axe can find', async ({
  page,
  clinic,
}) => {
  const { november } = twoClinics(clinic.app, clinic.setClock);
  clinic.app.meetings.saveNote(november.id, 'decisions_1wd', 'Up to 55%, still short of 80%.', 0);
  clinic.setClock(null);
  await clinic.open();
  await page.getByText(/^Attendees \(/).click();
  await page.getByRole('radio', { name: 'As agenda' }).check();
  await expect(page.getByRole('columnheader', { name: 'No.' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  const panel = await openMeasure(page, 'Decisions within 1 working day');
  await panel.getByRole('button', { name: 'Raise an action' }).click();
  await panel.getByText('History of changes').click();
  await expect(panel.getByText('Note written').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await panel.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'New clinic' }).click();
  await page.getByLabel('Other').check();
  await page.getByLabel('Chosen service areas').check();
  await page.getByRole('button', { name: 'Start clinic' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the action log and preferences have no violations axe can find', async ({ page, clinic }) => {
  twoClinics(clinic.app, clinic.setClock);
  clinic.setClock(null);
  await clinic.open();
  await page.getByRole('button', { name: 'Action log' }).click();
  await page.getByRole('button', { name: 'History of DPC-2023-10-01' }).click();
  await expect(page.getByRole('list', { name: 'Updates to DPC-2023-10-01' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Preferences' }).click();
  await expect(page.getByLabel('Your name')).toHaveValue('Sam Okafor');
  expect(await violations(page)).toEqual([]);
});

test('the exception report, every team and its measures and overdue actions, has no violations axe can find', async ({
  page,
  clinic,
}) => {
  seedTeamExceptions(clinic.app);
  await clinic.open();
  await page.getByRole('button', { name: 'Exceptions' }).click();
  await expect(page.getByRole('region', { name: 'North', exact: true })).toContainText(
    'Will consistently fail the target',
  );
  expect(await violations(page)).toEqual([]);
});

test('the catalogue, a measure’s form with a refusal and the retire question have no violations axe can find', async ({
  page,
  clinic,
}) => {
  clinic.app.catalogue.setTarget('decisions_1wd', 85, '2023-10');
  clinic.app.catalogue.retire('info_only_contacts', 'No longer reported');
  await clinic.open();
  await openMeasures(page);
  await page.getByLabel('Show retired measures').check();
  expect(await violations(page)).toEqual([]);

  await editMeasure(page, 'Decisions within 1 working day');
  await details(page).getByLabel('Title').fill('Referrals');
  await details(page).getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The changes were not saved' })).toBeVisible();
  await targetForm(page).getByRole('button', { name: 'Save target change' }).click();
  await expect(targetForm(page).getByRole('alert')).toHaveText('Choose the month the new target applies from.');
  expect(await violations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Retire this measure' }).click();
  await expect(page.getByRole('dialog', { name: /^Retire/ })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('each step of the import wizard and the undo question have no violations axe can find', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await openImport(page);
  await page.getByRole('main').getByText('What the spreadsheet can look like').click();
  expect(await violations(page)).toEqual([]);

  clinic.pickFile(write(clinic.dir, 'november.csv', WITH_ERRORS));
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  clinic.pickFile(write(clinic.dir, 'november.xlsx', await corrected()));
  await page.getByRole('button', { name: 'Choose another file…' }).click();
  await expect(page.getByRole('button', { name: 'Import 4 figures' })).toBeEnabled();
  expect(await violations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Import 4 figures' }).click();
  await expect(stepHeading(page, /Figures imported/)).toHaveFocus();
  await page.getByRole('button', { name: 'Undo this import' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('working together: a copy’s merge preview, the merge with its notice, a refusal, and a note kept both ways with its choice have no violations axe can find', async ({
  page,
  clinic,
}) => {
  const november = startClinic(clinic.app);
  clinic.app.setPreferences({ displayName: 'Jane Director' });
  const laptop = path.join(clinic.dir, 'laptop.db');
  clinic.app.saveCopy(laptop);
  const priya = new ClinicApp();
  await priya.openFile(laptop);
  priya.setPreferences({ displayName: 'Priya Shah' });
  priya.meetings.saveNote(november.id, 'contacts', 'Contacts fell by 102 once the front door moved.', 0);
  priya.close();
  clinic.app.meetings.saveNote(november.id, 'contacts', 'Check the referral rate with the MASH.', 0);
  const stranger = path.join(clinic.dir, 'another clinic.db');
  const other = new ClinicApp();
  await other.createFile(stranger);
  other.close();
  await clinic.open();

  await page.getByRole('button', { name: 'Working together' }).click();
  clinic.pickFile(stranger);
  await page.getByRole('button', { name: 'Choose a copy to merge…' }).click();
  await expect(page.getByRole('alert')).toContainText('not a copy of this clinic file');
  expect(await violations(page)).toEqual([]);

  clinic.pickFile(laptop);
  await page.getByRole('button', { name: 'Choose a copy to merge…' }).click();
  await expect(page.getByRole('region', { name: 'Notes changed on both copies' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByRole('button', { name: /^Merge \d+ changes?$/ }).click();
  await expect(page.getByTestId('sync-banner')).toContainText('Changes from Priya Shah merged at');
  expect(await violations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Go to the clinic' }).click();
  const panel = await openMeasure(page, 'Contacts');
  await panel.getByRole('radio', { name: 'Combine both' }).check();
  await expect(panel.getByRole('textbox', { name: 'Combined note' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the DfE benchmarks page with a preview, and the detail with its neighbours, have no violations axe can find', async ({
  page,
  clinic,
}) => {
  const dfe = path.join(__dirname, '../fixtures/dfe');
  await clinic.open();
  await openMeasures(page);
  await page.getByRole('button', { name: 'Benchmarks: load DfE statistics…' }).click();
  await page.getByLabel('Your council’s LA code').fill('370');
  clinic.pickFiles([path.join(dfe, 'c1_referrals_2022_2023.csv'), path.join(dfe, 'sn_groupings_april_2021.csv')]);
  await page.getByRole('button', { name: 'Choose DfE files…' }).click();
  const preview = page.getByRole('region', { name: 'What loading would change' });
  await expect(preview.getByRole('button', { name: 'Load these benchmarks' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await preview.getByRole('button', { name: 'Load these benchmarks' }).click();
  await expect(page.getByRole('region', { name: 'Loaded' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clinic' }).click();
  await measureButton(page, 'Re-referrals within 12 months').click();
  const panel = page.getByRole('dialog', { name: 'Re-referrals within 12 months' });
  await expect(panel.getByRole('table', { name: /Each statistical neighbour/ })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the drilldown by team and by worker, and the file’s worker settings, have no violations axe can find', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  const title = 'Initial assessment visits within 5 working days';
  await page.getByRole('button', { name: `By team: ${title}` }).click();
  await page.getByRole('button', { name: 'Assessment Team North: 4 workers' }).click();
  await expect(page.getByRole('table', { name: 'By worker, October 2023 (initials only)' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Preferences' }).click();
  await page.getByLabel('Hide the worker level: show teams only').check();
  await expect(page.getByRole('status').filter({ hasText: 'worker names hidden' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
