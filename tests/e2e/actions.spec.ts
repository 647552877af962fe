import path from 'node:path';
import { action, measureRow, openMeasure, reviewGroup } from './clinic-page';
import { expect, test } from './fixtures';
import { raise, startClinic } from './seed';

test('an action raised at one clinic carries forward to the next until it is done, then shows as closed', async ({
  page,
  clinic,
}) => {
  startClinic(clinic.app); // 9 Nov 2023
  await clinic.open();

  const panel = await openMeasure(page, 'Decisions within 1 working day');
  await panel.getByRole('button', { name: 'Raise an action' }).click();
  const form = panel.getByRole('form', { name: 'Raise an action for Decisions within 1 working day' });
  await form.getByLabel('What is to be done').fill('Cover the two front door vacancies with agency workers');
  await form.getByLabel('Owner').fill('Head of Service, Front Door');
  // Due three weeks after the clinic: long past today, so overdue.
  await form.getByLabel('Due by').fill('2023-11-30');
  await form.getByRole('button', { name: 'Raise action' }).click();
  const raised = action(panel, 'DPC-2023-11-01');
  await expect(raised).toContainText('Cover the two front door vacancies with agency workers');
  await expect(raised).toContainText('Head of Service, Front Door');
  await expect(raised).toContainText('30 Nov 2023');
  await expect(raised).toContainText('Open');
  await expect(raised).toContainText('Overdue');
  await panel.getByRole('button', { name: 'Close' }).click();

  await expect(action(reviewGroup(page, /^Raised at this clinic/), 'DPC-2023-11-01')).toBeVisible();
  const row = measureRow(page, 'Decisions within 1 working day').getByRole('rowheader');
  await expect(row).toContainText('1 open action');
  // The clinic's row judges by the day the clinic met (9 Nov), when the action was not yet due;
  // the action itself, above, is overdue today (issue 14).
  await expect(row).not.toContainText('overdue');

  // The next clinic, held today.
  await page.getByRole('button', { name: 'New clinic' }).click();
  await page.getByLabel('Head of Service clinic').check();
  await page.getByRole('button', { name: 'Start clinic' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Head of Service clinic' })).toBeVisible();

  const carried = action(reviewGroup(page, /^Carried forward from earlier clinics/), 'DPC-2023-11-01');
  await expect(carried).toContainText('Director’s performance clinic, 9 Nov 2023');
  await carried.getByRole('button', { name: 'Add an update to DPC-2023-11-01' }).click();
  await carried.getByLabel('Update', { exact: true }).fill('Two agency workers start on Monday.');
  await carried.getByLabel('Status').selectOption({ label: 'In progress' });
  await carried.getByRole('button', { name: 'Save update' }).click();
  await expect(carried.getByRole('list', { name: 'Updates to DPC-2023-11-01' })).toContainText(
    'Open changed to In progress',
  );
  await expect(carried).toContainText('Two agency workers start on Monday.');

  await carried.getByRole('button', { name: 'Add an update to DPC-2023-11-01' }).click();
  await carried.getByLabel('Update', { exact: true }).fill('Both posts covered.');
  await carried.getByLabel('Status').selectOption({ label: 'Done' });
  await carried.getByRole('button', { name: 'Save update' }).click();

  const closed = action(reviewGroup(page, /^Closed since the last clinic/), 'DPC-2023-11-01');
  await expect(closed).toContainText('Done');
  await expect(closed).toContainText('Closed');
  await expect(reviewGroup(page, /^Carried forward from earlier clinics/)).toContainText(
    'No open actions from earlier clinics.',
  );

  await page.getByRole('button', { name: 'Action log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing all 1 action');
  await page.getByRole('checkbox', { name: 'Open', exact: true }).check();
  await page.getByRole('checkbox', { name: 'In progress' }).check();
  await expect(page.getByText('No actions match these filters.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Done' }).check();
  await expect(page.getByRole('rowheader', { name: /DPC-2023-11-01/ })).toBeVisible();
});

test('bad input gets the reason in words and keeps what was typed', async ({ page, clinic }) => {
  startClinic(clinic.app);
  await clinic.open();
  const panel = await openMeasure(page, 'Contacts');
  await panel.getByRole('button', { name: 'Raise an action' }).click();
  const form = panel.getByRole('form', { name: 'Raise an action for Contacts' });
  const description = form.getByLabel('What is to be done');
  const owner = form.getByLabel('Owner');

  await owner.fill('Performance Officer');
  await form.getByLabel('Due by').fill('2023-12-07');
  await form.getByRole('button', { name: 'Raise action' }).click();
  await expect(form.getByRole('alert')).toHaveText('Describe the action: what is to be done.');
  await expect(owner).toHaveValue('Performance Officer');

  await description.fill('Split contacts by source for December');
  await owner.fill('12345');
  await form.getByRole('button', { name: 'Raise action' }).click();
  await expect(form.getByRole('alert')).toContainText('"12345" does not look like a person or a role');
  await expect(description).toHaveValue('Split contacts by source for December');
  await expect(owner).toHaveValue('12345');

  await owner.fill('Performance Officer');
  await form.getByRole('button', { name: 'Raise action' }).click();
  const raised = action(panel, 'DPC-2023-11-01');
  await expect(raised).toBeVisible();
  await expect(description).toHaveValue('');

  await raised.getByRole('button', { name: 'Add an update to DPC-2023-11-01' }).click();
  await raised.getByLabel('Update', { exact: true }).fill('Not needed: the portal report has it.');
  await raised.getByLabel('Status').selectOption({ label: 'Dropped' });
  await raised.getByRole('button', { name: 'Save update' }).click();
  await expect(raised).toContainText('Open changed to Dropped');

  await raised.getByRole('button', { name: 'Add an update to DPC-2023-11-01' }).click();
  await raised.getByLabel('Status').selectOption({ label: 'Open' });
  await raised.getByRole('button', { name: 'Save update' }).click();
  await expect(raised.getByRole('alert')).toHaveText('Reopening a dropped action needs a reason: say why it is back.');
  await expect(raised.getByLabel('Status')).toHaveValue('open');
  await raised.getByLabel('Update', { exact: true }).fill('The portal report stopped in November.');
  await raised.getByRole('button', { name: 'Save update' }).click();
  await expect(raised).toContainText('Dropped changed to Open');

  await raised.getByRole('button', { name: 'Edit DPC-2023-11-01' }).click();
  await raised.getByLabel('Owner').fill('Tom Price, Performance Officer');
  await raised.getByRole('button', { name: 'Save changes' }).click();
  await expect(raised).toContainText('Tom Price, Performance Officer');

  await raised.getByRole('button', { name: 'Delete DPC-2023-11-01' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete DPC-2023-11-01?' });
  await confirm.getByRole('button', { name: 'Delete action' }).click();
  await expect(confirm.getByRole('alert')).toContainText('Deleting an action needs a reason');
  await confirm.getByLabel('Why is it being deleted?').fill('Raised against the wrong measure.');
  await confirm.getByRole('button', { name: 'Delete action' }).click();
  await expect(confirm).toBeHidden();
  await expect(action(panel, 'DPC-2023-11-01')).toHaveCount(0);
  await expect(panel).toContainText('None yet');
});

test('with the file open read-only, actions to review can be read but offer no changes', async ({ page, clinic }) => {
  const c = startClinic(clinic.app);
  raise(clinic.app, c, 'decisions_1wd', 'Review the Front Door rota', 'Sam Okafor', '2023-11-30');
  await clinic.app.openFile(path.join(clinic.dir, 'clinic.db'), { readOnly: true });
  await clinic.open();
  await expect(page.getByRole('banner').getByText('Read only', { exact: true })).toBeVisible();
  const review = page.getByRole('region', { name: /Actions to review/ });
  await expect(review).toContainText('Review the Front Door rota');
  await expect(review.getByRole('button', { name: /Add an update|Edit|Delete|Raise/ })).toHaveCount(0);
});
