import type { Locator, Page } from '@playwright/test';
import { action, measureButton, noteBox, noteStatus } from './clinic-page';
import { expect, test } from './fixtures';

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toHaveFocus();
}

test('a clinic can be started, a note written and an action raised with the keyboard alone', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await tabTo(page, page.getByRole('button', { name: 'Start a clinic' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New clinic' })).toHaveFocus();

  const date = page.getByLabel('Date of the clinic');
  await tabTo(page, date);
  // Day, month, year, as the field shows them in en-GB.
  await page.keyboard.type('09112023');
  await expect(date).toHaveValue('2023-11-09');
  await tabTo(page, page.getByLabel('Chair'));
  await page.keyboard.type('Priya Shah');
  await tabTo(page, page.getByRole('button', { name: 'Start clinic' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Director’s performance clinic' })).toBeVisible();

  const measure = measureButton(page, 'Decisions within 1 working day');
  // From the table's search box rather than the top of the page: the walk stays short, and the
  // controls above the table are reached the same way by the first steps of this test.
  await page.getByRole('searchbox', { name: 'Search measures' }).focus();
  await tabTo(page, measure);
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Decisions within 1 working day' });
  await expect(panel.getByRole('button', { name: 'Close' })).toHaveFocus();

  await tabTo(page, noteBox(panel));
  await page.keyboard.type('Agency cover starts on Monday.');
  await expect(noteStatus(panel)).toHaveText(/^Saved at/);

  await tabTo(page, panel.getByRole('button', { name: 'Raise an action' }));
  await page.keyboard.press('Enter');
  await expect(panel.getByLabel('What is to be done')).toHaveFocus();
  await page.keyboard.type('Weekly decision times to the Director');
  await page.keyboard.press('Tab');
  await expect(panel.getByLabel('Owner')).toHaveFocus();
  await page.keyboard.type('Head of Service, Front Door');
  // Past the team that owns it (left as none), to the date.
  await page.keyboard.press('Tab');
  await expect(panel.getByLabel('Team')).toHaveFocus();
  await page.keyboard.press('Tab');
  await expect(panel.getByLabel('Due by')).toHaveFocus();
  await page.keyboard.type('07122023');
  await expect(panel.getByLabel('Due by')).toHaveValue('2023-12-07');
  await tabTo(page, panel.getByRole('button', { name: 'Raise action' }));
  await page.keyboard.press('Enter');
  await expect(action(panel, 'DPC-2023-11-01')).toContainText('Weekly decision times to the Director');

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(measure).toHaveFocus();
  await expect(measure.locator('xpath=..')).toContainText('Note');
});
