import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { measureButton } from './clinic-page';
import { expect, test } from './fixtures';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  // The rule id, the help text and where: enough to fix it from the test report alone.
  return results.violations.map((v) => ({ id: v.id, help: v.help, where: v.nodes.map((n) => n.target.join(' ')) }));
}

test('the clinic view has no WCAG 2.2 AA violations axe can find', async ({ page, clinic }) => {
  await clinic.open();
  await page.getByText('Abbreviations used in this clinic').click();
  expect(await violations(page)).toEqual([]);
});

test('the measure detail panel has no WCAG 2.2 AA violations axe can find', async ({ page, clinic }) => {
  await clinic.open();
  await measureButton(page, 'Assessments within 45 working days').click();
  await expect(page.getByRole('dialog').getByRole('img')).toBeVisible();
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
