/** Ways to find things in the Measures section the way a person would. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export async function openMeasures(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Measures' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Measures' })).toBeVisible();
}

export async function openClinicSection(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clinic' }).click();
}

/** Opens one measure from the catalogue and waits for its form. */
export async function editMeasure(page: Page, title: string): Promise<void> {
  await page.getByRole('rowheader').getByRole('button', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toHaveFocus();
}

export function catalogueRow(page: Page, title: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });
}

export const details = (page: Page) => page.getByRole('form', { name: 'Details' });
export const targetForm = (page: Page) => page.getByRole('form', { name: 'Change the target from a month' });
export const targetHistory = (page: Page) => page.getByRole('table', { name: /^Target history/ });
export const changes = (page: Page) => page.getByRole('region', { name: 'History of changes' }).getByRole('listitem');
