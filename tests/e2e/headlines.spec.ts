/**
 * The headlines journey (issue 17): the file opens on its headlines; a tile opens the measure's
 * detail and closing it goes back to the tile; the director chooses the headlines and their order;
 * a team manager chooses their team, and the headlines and the clinic table show its figures under
 * a banner until the whole service is chosen again.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { cell, measureRow } from './clinic-page';
import { expect, test } from './fixtures';

const tile = (page: Page, title: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
const tileButton = (page: Page, title: string) =>
  page.getByRole('heading', { level: 3, name: title, exact: true }).getByRole('button');
const tileTitles = (page: Page) => page.locator('button[data-headline-key]').allTextContents();

test('a director opens the file on the headlines, opens a tile’s detail, chooses the headlines, and a team manager sees their team', async ({
  page,
  clinic,
}) => {
  const csv = path.join(clinic.dir, 'teams.csv');
  writeFileSync(
    csv,
    [
      'Measure key,Period,Team,Value,Numerator,Denominator',
      'decisions_1wd,2023-09,North,60,15,25',
      'decisions_1wd,2023-10,North,40,10,25',
      'decisions_1wd,2023-10,South,70,21,30',
      'contacts,2023-10,North,400,,',
    ].join('\n'),
  );
  await clinic.app.imports.importFile(csv);
  clinic.app.settings.set({ headlineMeasures: ['contacts', 'decisions_1wd'] });
  await clinic.open({ on: 'headlines' });

  // The file opens on the headlines, the clinic table one click away.
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('button', { name: 'Headlines' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 2, name: /^Headlines/ })).toContainText(
    'October 2023 compared with September 2023',
  );
  expect(await tileTitles(page)).toEqual(['Contacts', 'Decisions within 1 working day']);
  const decisions = tile(page, 'Decisions within 1 working day');
  await expect(decisions).toContainText('55%');
  await expect(decisions).toContainText('Off target');
  await expect(decisions.getByRole('img')).toHaveAccessibleName(
    /^2 months from Sep 2023 to Oct 2023: lowest \d+%, highest \d+%, latest 55%\.$/,
  );

  // A tile opens the measure's detail; closing it puts the person back on the tile.
  await tileButton(page, 'Decisions within 1 working day').click();
  const panel = page.getByRole('dialog', { name: 'Decisions within 1 working day' });
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(tileButton(page, 'Decisions within 1 working day')).toHaveFocus();

  // The director adds a measure and puts it first.
  await page.getByRole('button', { name: 'Choose headlines' }).click();
  const chooser = page.getByRole('dialog', { name: 'Choose headlines' });
  await chooser.getByRole('checkbox', { name: 'Re-referrals within 12 months', exact: true }).check();
  await chooser.getByRole('button', { name: 'Move Re-referrals within 12 months Up' }).click();
  await chooser.getByRole('button', { name: 'Move Re-referrals within 12 months Up' }).click();
  await chooser.getByRole('button', { name: 'Save headlines' }).click();
  await expect(chooser).toBeHidden();
  await expect(page.getByTestId('announcer')).toContainText('Headlines saved: 3 measures.');
  await expect(page.locator('button[data-headline-key]')).toHaveText([
    'Re-referrals within 12 months',
    'Contacts',
    'Decisions within 1 working day',
  ]);
  expect(clinic.app.settings.get().headlineMeasures).toEqual(['re_referrals_12m', 'contacts', 'decisions_1wd']);

  // A team manager chooses their team: the banner says so, and the figures are the team's.
  await page.getByLabel('Team view').selectOption('North');
  const banner = page.getByRole('region', { name: 'Showing one team' });
  await expect(banner).toContainText('Showing North only');
  await expect(decisions).toContainText('40%');
  await expect(decisions).toContainText('Down 20.0 points from 60% in Sep 2023: worse');
  await expect(tile(page, 'Re-referrals within 12 months')).toContainText('No figures for North');
  await expect.poll(() => clinic.app.preferences().team).toBe('North');

  await nav.getByRole('button', { name: 'Clinic', exact: true }).click();
  await expect(banner).toBeVisible();
  await expect(cell(measureRow(page, 'Decisions within 1 working day'), 'current')).toContainText('40%');
  await expect(cell(measureRow(page, 'Re-referrals within 12 months'), 'current')).toHaveText('—No figures for North');

  await banner.getByRole('button', { name: 'Show the whole service' }).click();
  await expect(banner).toBeHidden();
  await expect(cell(measureRow(page, 'Decisions within 1 working day'), 'current')).toContainText('55%');
  await expect.poll(() => clinic.app.preferences().team).toBeNull();
});
