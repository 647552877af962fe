import { expect, test } from './fixtures';
import { twoClinics } from './seed';

test('the action log filters, sorts with aria-sort and opens each action’s history', async ({ page, clinic }) => {
  twoClinics(clinic.app, clinic.setClock);
  clinic.setClock(null);
  await clinic.open();
  await page.getByRole('button', { name: 'Action log' }).click();
  await expect(page.getByRole('button', { name: 'Action log' })).toHaveAttribute('aria-current', 'page');
  const table = page.getByRole('table');
  // Each reference is a button named "History of …" that opens the action's updates.
  const refs = async () =>
    (await table.getByRole('rowheader').allInnerTexts()).map((t) => t.replace(/^History of\s+/, ''));

  // Due date first by default.
  const due = page.getByRole('columnheader', { name: 'Due', exact: true });
  await expect(due).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(refs).toEqual(['DPC-2023-10-01', 'DPC-2023-10-03', 'DPC-2023-10-02', 'DPC-2023-10-04']);
  const cover = table.getByRole('row').filter({ hasText: 'DPC-2023-10-01' });
  await expect(cover).toContainText('Decisions within 1 working day');
  await expect(cover).toContainText('31 Oct 2023');
  await expect(cover).toContainText('In progress');
  await expect(cover).toContainText('Overdue');
  await expect(cover).toContainText('12 Oct 2023');
  await expect(cover).toContainText('Two agency social workers found');

  const owner = page.getByRole('columnheader', { name: 'Owner' });
  await owner.getByRole('button').click();
  await expect(owner).toHaveAttribute('aria-sort', 'ascending');
  await expect(due).not.toHaveAttribute('aria-sort');
  await expect.poll(refs).toEqual(['DPC-2023-10-04', 'DPC-2023-10-03', 'DPC-2023-10-02', 'DPC-2023-10-01']);

  await page.getByRole('checkbox', { name: 'Done' }).check();
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 2 actions of 4');
  await page.getByRole('checkbox', { name: 'Done' }).uncheck();
  await page.getByRole('checkbox', { name: 'Overdue only' }).check();
  await expect.poll(refs).toEqual(['DPC-2023-10-04', 'DPC-2023-10-01']);
  await page.getByRole('checkbox', { name: 'Overdue only' }).uncheck();
  await page.getByRole('searchbox', { name: 'Owner' }).fill('jo lee');
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 1 action of 4');
  await page.getByRole('searchbox', { name: 'Owner' }).fill('');
  await page.getByLabel('Measure').selectOption({ label: 'Re-referrals within 12 months' });
  await expect.poll(refs).toEqual(['DPC-2023-10-02']);
  await page.getByLabel('Measure').selectOption({ label: 'All measures' });
  await page.getByLabel('Raised at').selectOption({ label: '9 Nov 2023 · Director’s performance clinic' });
  await expect(page.getByText('No actions match these filters.')).toBeVisible();
  await page.getByLabel('Raised at').selectOption({ label: 'All clinics' });

  const expand = page.getByRole('button', { name: 'History of DPC-2023-10-01' });
  await expect(expand).toHaveAttribute('aria-expanded', 'false');
  await expand.click();
  await expect(expand).toHaveAttribute('aria-expanded', 'true');
  const updates = page.getByRole('list', { name: 'Updates to DPC-2023-10-01' });
  await expect(updates).toContainText('20 Oct 2023');
  await expect(updates).toContainText('Sam Okafor');
  await expect(updates).toContainText('Open changed to In progress');
  await expect(updates).toContainText('Two agency social workers found; they start on 6 November.');
  await expand.click();
  await expect(updates).toBeHidden();
});
