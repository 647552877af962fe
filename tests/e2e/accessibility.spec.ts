import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { measureButton, openMeasure } from './clinic-page';
import { expect, test } from './fixtures';
import { twoClinics } from './seed';

// axe over a whole clinic is slow on a two-core machine running two windows at once.
test.describe.configure({ timeout: 90_000 });

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
