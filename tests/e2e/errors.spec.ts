import path from 'node:path';
import { expect, test } from './fixtures';

test('when the API refuses a period, the reason is shown in words', async ({ page, clinic }) => {
  clinic.rewriteCalls((name, args) => (name === 'getReport' ? { ...(args as object), period: '2019-01' } : args));
  await clinic.open();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The clinic could not be shown');
  await expect(alert).toContainText('There are no figures for January 2019 in this clinic file.');
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('a request the contract rejects is shown as a readable error', async ({ page, clinic }) => {
  clinic.rewriteCalls((name, args) => (name === 'getReport' ? { period: 'October' } : args));
  await clinic.open();
  await expect(page.getByRole('alert')).toContainText(
    'The request was not valid (period): a period is written YYYY-MM.',
  );
});

test('when a measure cannot be found, the panel says so and can still be closed', async ({ page, clinic }) => {
  clinic.rewriteCalls((name, args) => (name === 'getMeasureDetail' ? { key: 'no_such_measure' } : args));
  await clinic.open();
  await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  const panel = page.getByRole('dialog');
  await expect(panel.getByRole('alert')).toContainText('There is no measure "no_such_measure" in this clinic file.');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('when another clinic file is opened, the window reloads everything from it', async ({ page, clinic }) => {
  await clinic.open();
  await page.getByLabel('Service area').selectOption({ label: 'Visits' });

  await clinic.app.createFile(path.join(clinic.dir, 'november.db'));
  await expect(page.getByRole('banner')).toContainText('november.db');
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing all 49 measures');

  await clinic.app.createFile(path.join(clinic.dir, 'empty.db'), { empty: true });
  await expect(page.getByRole('banner')).toContainText('empty.db');
  await expect(page.getByRole('alert')).toContainText('This clinic file holds no figures yet.');
});
