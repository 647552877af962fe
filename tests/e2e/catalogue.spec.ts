import { cell, measureButton, measureRow } from './clinic-page';
import {
  catalogueRow,
  changes,
  details,
  editMeasure,
  openClinicSection,
  openMeasures,
  targetForm,
  targetHistory,
} from './catalogue-page';
import { expect, test } from './fixtures';
import { startClinic } from './seed';

test('a new title shows in the clinic, and the history of changes says who changed what', async ({ page, clinic }) => {
  clinic.app.setPreferences({ displayName: 'Pat Officer' });
  await clinic.open();
  await openMeasures(page);
  await expect(catalogueRow(page, 'Contacts')).toContainText('Number');
  await expect(catalogueRow(page, 'Decisions within 1 working day')).toContainText('80% or more');
  await expect(catalogueRow(page, 'Decisions within 1 working day')).toContainText('since October 2022');

  // By keyboard: the measure's name is a button; Enter opens it with focus on its heading.
  await page.getByRole('button', { name: 'Contacts', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Contacts' })).toHaveFocus();

  await details(page).getByLabel('Title').fill('Contacts received');
  await details(page).getByLabel('Data source').fill('Front Door contact log');
  await details(page).getByRole('button', { name: 'Save changes' }).click();
  await expect(details(page).getByRole('status')).toHaveText('Saved');
  await expect(page.getByTestId('announcer')).toContainText('Changes to Contacts received saved.');
  await expect(page.getByRole('heading', { level: 2, name: 'Contacts received' })).toBeVisible();
  const edit = changes(page).filter({ hasText: 'Details changed' });
  await expect(edit).toContainText('Pat Officer');
  await expect(edit).toContainText('Title: “Contacts” → “Contacts received”');
  await expect(edit).toContainText('Data source: none → “Front Door contact log”');

  // Back to the list, to the measure just changed.
  await page.getByRole('button', { name: '‹ All measures' }).click();
  await expect(page.getByRole('button', { name: 'Contacts received', exact: true })).toHaveFocus();

  await openClinicSection(page);
  await expect(measureButton(page, 'Contacts received')).toBeVisible();
  await expect(measureButton(page, 'Contacts')).toHaveCount(0);
});

test('a target changed from a month: the earlier month keeps its old target and status, the later one uses the new', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await openMeasures(page);
  await editMeasure(page, 'Decisions within 1 working day');
  await targetForm(page).getByLabel('From', { exact: true }).fill('2023-10');
  await targetForm(page).getByLabel('Target', { exact: true }).fill('54');
  await targetForm(page).getByRole('button', { name: 'Save target change' }).click();
  await expect(page.getByTestId('announcer')).toContainText('Target from October 2023 set to 54% or more. Saved.');
  await expect(targetHistory(page).getByRole('row')).toHaveText([
    'Applies toTargetRemove',
    /^October 2022 to September 2023\s*80% or more/,
    /^October 2023 onwardsIn force now\s*54% or more/,
  ]);
  await expect(changes(page).first()).toContainText('Target from October 2023 set to 54%');

  await openClinicSection(page);
  const decisions = measureRow(page, 'Decisions within 1 working day');
  await expect(cell(decisions, 'target')).toHaveText('54%');
  await expect(cell(decisions, 'status')).toHaveText('On target');
  await page.getByLabel('Period', { exact: true }).selectOption({ label: 'September 2023' });
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('September 2023 compared with August 2023');
  await expect(cell(decisions, 'target')).toHaveText('80%');
  await expect(cell(decisions, 'status')).toHaveText('Off target');

  // The change was a mistake: remove it, and October is judged against 80% again.
  await openMeasures(page);
  await editMeasure(page, 'Decisions within 1 working day');
  await targetHistory(page).getByRole('button', { name: 'Remove the target change from October 2023' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove the target change from October 2023?' });
  await expect(confirm).toContainText('judged against the target before it');
  await confirm.getByRole('button', { name: 'Remove target change' }).click();
  await expect(page.getByRole('heading', { name: 'Target history' })).toHaveFocus();
  await expect(targetHistory(page).getByRole('row')).toHaveCount(2);
  await expect(changes(page).first()).toContainText('Target change from October 2023 removed');
  await expect(changes(page).first()).toContainText('It was 54%.');
  await openClinicSection(page);
  await page.getByLabel('Period', { exact: true }).selectOption({ label: 'October 2023' });
  await expect(cell(decisions, 'target')).toHaveText('80%');
  await expect(cell(decisions, 'status')).toHaveText('Off target');
});

test('bad values are refused in words and nothing typed is lost', async ({ page, clinic }) => {
  await clinic.open();
  await openMeasures(page);
  await editMeasure(page, 'Decisions within 1 working day');

  // A percentage target of 120.
  await targetForm(page).getByLabel('From', { exact: true }).fill('2023-11');
  await targetForm(page).getByLabel('Target', { exact: true }).fill('120');
  await targetForm(page).getByRole('button', { name: 'Save target change' }).click();
  await expect(targetForm(page).getByRole('alert')).toHaveText('The target is a percentage, so it must be 0 to 100.');
  await expect(targetForm(page).getByLabel('From', { exact: true })).toHaveValue('2023-11');
  await expect(targetForm(page).getByLabel('Target', { exact: true })).toHaveValue('120');
  await expect(targetHistory(page).getByRole('row')).toHaveCount(2);

  // A title another measure has, with a definition typed too.
  const form = details(page);
  await form.getByLabel('Title').fill('Referrals');
  await form.getByLabel('Definition').fill('Decisions made within one working day.');
  await form.getByRole('button', { name: 'Save changes' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The changes were not saved' });
  await expect(refusal).toContainText('Another measure (referrals) already has the title "Referrals".');
  await expect(refusal).toHaveFocus();
  await expect(form.getByLabel('Title')).toHaveValue('Referrals');
  await expect(form.getByLabel('Definition')).toHaveValue('Decisions made within one working day.');
  await expect(form.getByRole('status')).toHaveText('Not saved');

  // A benchmark that is not a number, and a benchmark year with no figure.
  await form.getByLabel('Title').fill('Decisions within one working day');
  await form.getByLabel('National', { exact: true }).fill('about 60');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(refusal).toContainText('The national benchmark must be a number, such as 55 (got “about 60”).');
  await form.getByLabel('National', { exact: true }).fill('');
  await form.getByLabel('Year of the national benchmark').fill('2023');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(refusal).toContainText('The national benchmark has a year but no figure');
  await expect(form.getByLabel('Year of the national benchmark')).toHaveValue('2023');

  // Leaving with the form unsaved asks first.
  await page.getByRole('button', { name: '‹ All measures' }).click();
  const leave = page.getByRole('dialog', { name: 'Your changes are not saved' });
  await leave.getByRole('button', { name: 'Cancel' }).click();
  await expect(form.getByLabel('Title')).toHaveValue('Decisions within one working day');

  // Nothing was written.
  expect(clinic.app.catalogue.get('decisions_1wd')).toMatchObject({
    title: 'Decisions within 1 working day',
    definition: expect.stringMatching(/^Contacts and referrals/),
    targets: [{ applies_from: '2022-10', target: 80 }],
  });
  expect(clinic.app.meetings.auditTrail('decisions_1wd')).toEqual([]);
});

test('a measure is retired with a reason, leaves new clinics but not one already held, and is reinstated', async ({
  page,
  clinic,
}) => {
  startClinic(clinic.app); // 9 Nov 2023, with Contacts on its agenda
  await clinic.open();
  await openMeasures(page);
  await editMeasure(page, 'Contacts');

  await page.getByRole('button', { name: 'Retire this measure' }).click();
  const dialog = page.getByRole('dialog', { name: 'Retire Contacts?' });
  await dialog.getByRole('button', { name: 'Retire measure' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Retiring a measure needs a reason, which is kept in the audit.');
  await dialog.getByLabel('Why is it being retired?').fill('Replaced by contacts including information-only ones');
  await dialog.getByRole('button', { name: 'Retire measure' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reinstate this measure' })).toHaveFocus();
  await expect(page.getByRole('heading', { level: 3, name: 'Retired' })).toBeVisible();
  await expect(changes(page).first()).toContainText('Reason: Replaced by contacts including information-only ones');

  await page.getByRole('button', { name: '‹ All measures' }).click();
  await expect(page.getByLabel('Show retired measures')).toBeChecked();
  await expect(catalogueRow(page, 'Contacts')).toContainText(/Retired \d+ \w{3} \d{4}/);
  await page.getByLabel('Show retired measures').uncheck();
  await expect(catalogueRow(page, 'Contacts')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'in use' })).toHaveText(
    '48 measures in use, 1 retired (hidden)',
  );

  // The clinic already held keeps it; a clinic started now does not.
  await openClinicSection(page);
  await expect(measureButton(page, 'Contacts')).toBeVisible();
  await page.getByRole('button', { name: 'New clinic' }).click();
  await page.getByLabel('Head of Service clinic').check();
  await page.getByRole('button', { name: 'Start clinic' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Head of Service clinic' })).toBeVisible();
  await expect(measureButton(page, 'Referrals')).toBeVisible();
  await expect(measureButton(page, 'Contacts')).toHaveCount(0);

  await openMeasures(page);
  await page.getByLabel('Show retired measures').check();
  await editMeasure(page, 'Contacts');
  await page.getByRole('button', { name: 'Reinstate this measure' }).click();
  await expect(page.getByRole('button', { name: 'Retire this measure' })).toHaveFocus();
  await expect(changes(page).first()).toContainText('Reinstated');
  await openClinicSection(page);
  await expect(measureButton(page, 'Contacts')).toBeVisible();
});

test('a measure is added with a first target and shows in the clinic', async ({ page, clinic }) => {
  await clinic.open();
  await openMeasures(page);
  await page.getByRole('button', { name: 'Add a measure' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Add a measure' })).toHaveFocus();
  const form = page.getByRole('form', { name: 'Add a measure' });
  await form.getByLabel('Key').fill('Allocated SW');
  await form.getByLabel('Title').fill('Children with a named social worker');
  await form.getByLabel('Definition').fill('Children open to the service with an allocated social worker.');
  await form.getByLabel('Service area').selectOption({ label: 'Demand' });
  await form.getByLabel('Percentage', { exact: true }).check();
  await form.getByLabel('Higher is better').check();
  await form.getByLabel('Numerator').fill('Children with an allocated social worker');
  await form.getByLabel('Denominator').fill('Children open to the service');
  await form.getByLabel('Near target band').fill('5');
  await form.getByLabel('Target', { exact: true }).fill('95');
  await form.getByLabel('Applies from').fill('2023-10');
  await form.getByRole('button', { name: 'Add measure' }).click();
  await expect(page.getByRole('alert')).toContainText('A measure key is lower-case letters, digits and underscores');
  await expect(form.getByLabel('Title')).toHaveValue('Children with a named social worker');
  await expect(form.getByLabel('Target', { exact: true })).toHaveValue('95');

  await form.getByLabel('Key').fill('allocated_sw');
  await form.getByRole('button', { name: 'Add measure' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Children with a named social worker' })).toHaveFocus();
  await expect(targetHistory(page).getByRole('row').nth(1)).toContainText('October 2023 onwards');
  await expect(targetHistory(page).getByRole('row').nth(1)).toContainText('95% or more');
  await expect(changes(page).first()).toContainText('Measure added');
  await expect(changes(page).first()).toContainText('First target: 95% from October 2023');

  await page.getByRole('button', { name: '‹ All measures' }).click();
  const demand = page.getByRole('rowgroup').filter({ has: page.getByRole('rowheader', { name: /^Demand/ }) });
  await expect(demand.getByRole('rowheader').last()).toHaveText('Children with a named social worker');

  await openClinicSection(page);
  const added = measureRow(page, 'Children with a named social worker');
  await expect(cell(added, 'target')).toHaveText('95% (near target: within 5 points)');
  await expect(cell(added, 'current')).toContainText('No figure');
});

test('a file open read-only shows its measures but offers no changes', async ({ page, clinic }) => {
  await clinic.open();
  await clinic.app.openFile(clinic.app.fileInfo().path, { readOnly: true });
  await expect(page.getByText('Read only', { exact: true })).toBeVisible();
  await openMeasures(page);
  await expect(
    page.getByText('This file is open read-only, so its measures can be looked at but not changed.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a measure' })).toHaveCount(0);
  await editMeasure(page, 'Contacts');
  await expect(details(page).getByLabel('Title')).toBeDisabled();
  await expect(page.getByRole('button', { name: /Save|Retire|Remove/ })).toHaveCount(0);
});
