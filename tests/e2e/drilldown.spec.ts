/**
 * Drilldown (issue 17): from a headline tile (and a clinic row, and the detail) to the measure's area, a team and a worker, and back by
 * the breadcrumb, by keyboard where a person would use it; workers by initials only. Under a team
 * manager's view, the measure detail is the team's, with the whole service's figures beside it.
 */
import { seedTeamExceptions } from '../support/team-exceptions';
import { violations } from './axe';
import { measureButton, measureRow } from './clinic-page';
import { expect, test } from './fixtures';

const TITLE = 'Initial assessment visits within 5 working days';

test('a headline tile drills down to the area, a team and a worker, and the breadcrumb leads back', async ({
  page,
  clinic,
}) => {
  // From the headline tile, as a director would start.
  clinic.app.settings.set({ headlineMeasures: ['ia_visits_5wd', 'visits_cin'] });
  await clinic.open({ on: 'headlines' });
  await page.getByRole('button', { name: `By team: ${TITLE}` }).click();

  const heading = page.getByRole('heading', { level: 2 });
  await expect(heading).toHaveText(`${TITLE}: Assessment by team`);
  await expect(heading).toHaveFocus();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('listitem')).toHaveText(['All services', 'Assessment']);
  const teams = page.getByRole('table', { name: 'By team, October 2023' });
  await expect(teams.getByRole('row')).toHaveText(
    [
      /^Team/,
      /^Assessment Team North\s*82\.4%\s*42 of 51\s*On target\s*80\.0%\s*\+2\.4 pts\s*Improved/,
      /^Assessment Team South\s*78\.0%\s*39 of 50\s*Off target\s*76\.6%\s*\+1\.4 pts\s*Improved/,
    ],
    { useInnerText: true },
  );

  // By keyboard: the team's link, then Enter.
  await teams.getByRole('button', { name: 'Assessment Team North: 4 workers' }).focus();
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText(`${TITLE}: Assessment Team North`);
  await expect(heading).toHaveFocus();
  await expect(crumbs.getByRole('listitem')).toHaveText(['All services', 'Assessment', 'Assessment Team North']);
  const workers = page.getByRole('table', { name: 'By worker, October 2023 (initials only)' });
  await expect(workers.getByRole('rowheader')).toHaveText(['A.E.', 'B.S.', 'C.P.', 'D.F.']);
  await expect(page.getByRole('main')).not.toContainText('Bea Sample');

  await workers.getByRole('button', { name: 'Worker B.S.: month by month' }).click();
  await expect(heading).toHaveText(`${TITLE}: B.S., Assessment Team North`);
  await expect(heading).toHaveFocus();
  await expect(crumbs.getByRole('listitem')).toHaveText([
    'All services',
    'Assessment',
    'Assessment Team North',
    'B.S.',
  ]);
  await expect(page.getByRole('table', { name: 'B.S., month by month (initials only)' }).getByRole('row')).toHaveText(
    [/^Month/, /^October 2023\s*72\.7%\s*8 of 11\s*Off target\s*−2\.3 pts\s*Worse/, /^September 2023\s*75\.0%/],
    { useInnerText: true },
  );

  // Back, one level at a time.
  await crumbs.getByRole('button', { name: 'Assessment Team North' }).click();
  await expect(heading).toHaveText(`${TITLE}: Assessment Team North`);
  await crumbs.getByRole('button', { name: 'Assessment' }).click();
  await expect(heading).toHaveText(`${TITLE}: Assessment by team`);
  await crumbs.getByRole('button', { name: 'All services' }).click();
  // Back where it started: the headlines.
  await expect(page.getByRole('heading', { level: 2, name: /^Headlines/ })).toBeVisible();

  // A clinic row leads to the same drilldown.
  await page.getByRole('button', { name: 'Clinic', exact: true }).click();
  await measureRow(page, TITLE)
    .getByRole('button', { name: `By team: ${TITLE}` })
    .click();
  await expect(heading).toHaveText(`${TITLE}: Assessment by team`);
  await crumbs.getByRole('button', { name: 'All services' }).click();
  await expect(measureButton(page, TITLE)).toBeVisible();

  // The measure detail leads to the same drilldown.
  await measureButton(page, 'Children in need visited within 4 weeks').click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Drill down by team: Children in need visited within 4 weeks' })
    .click();
  await expect(heading).toHaveText('Children in need visited within 4 weeks: Visits by team');
  await expect(page.getByRole('table', { name: 'By team, October 2023' }).getByRole('rowheader')).toHaveText([
    'Children in Need Team 1',
    'Children in Need Team 2',
  ]);
});

test('under a team view the measure detail shows the team’s figures beside the whole service’s, and says so where the team has none', async ({
  page,
  clinic,
}) => {
  // North: 24 months of decisions within 1 working day, ending on 57% in October 2023 (55% for the whole service).
  seedTeamExceptions(clinic.app);
  clinic.app.settings.set({ headlineMeasures: ['decisions_1wd', 'contacts'] });
  await clinic.open({ on: 'headlines' });
  await page.getByLabel('Team view').selectOption('North');
  await expect(page.getByRole('region', { name: 'Showing one team' })).toContainText('Showing North only');

  const tileButton = (title: string) =>
    page.getByRole('heading', { level: 3, name: title, exact: true }).getByRole('button');
  await tileButton('Decisions within 1 working day').click();
  const panel = page.getByRole('dialog', { name: 'Decisions within 1 working day' });
  await expect(panel).toHaveAccessibleDescription('Team: North');
  await expect(panel.locator('.detail__headline')).toContainText('Latest figure for North57%');
  await expect(panel.locator('.detail__headline')).toContainText('Whole service: 55% in October 2023');
  await expect(panel.getByRole('heading', { level: 3, name: 'Signal or noise: North' })).toBeVisible();
  // The team's own 24 months are enough for SPC: its shift shows, which the whole service's two months could not.
  await expect(panel.getByText(/8 months in a row below the average/).first()).toBeVisible();
  await expect(panel.getByRole('heading', { level: 3, name: 'Figures over time: North' })).toBeVisible();
  await expect(panel.getByRole('img', { name: /^Line chart of Decisions within 1 working day/ })).toHaveAccessibleName(
    /from November 2021 to October 2023; latest figure 57%\..* Whole service drawn for comparison, 55% in October 2023\./,
  );
  const table = panel.getByRole('table', {
    name: 'Figures by month for North, with the whole service’s, last 25 months',
  });
  await expect(table.getByRole('columnheader')).toHaveText(['Month', 'Figure', 'Whole service', 'Signal']);
  await expect(table.getByRole('row').nth(1)).toHaveText(/^November 2021\s*60%\s*—/, { useInnerText: true });
  await expect(table.getByRole('row').last()).toHaveText(/^October 2023\s*57%\s*55%/, { useInnerText: true });
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(tileButton('Decisions within 1 working day')).toHaveFocus();

  // A measure the team has no figures for: said in words, with no empty chart.
  await tileButton('Contacts').click();
  const contacts = page.getByRole('dialog', { name: 'Contacts' });
  await expect(contacts).toHaveAccessibleDescription('Team: North');
  await expect(contacts).toContainText(
    'North has no figures for this measure in this file, so there is no chart or history for the team.',
  );
  await expect(contacts).toContainText('The whole service’s latest figure is 781, for October 2023.');
  await expect(contacts.getByRole('img', { name: /^Line chart/ })).toHaveCount(0);
  await expect(contacts.getByRole('table', { name: /^Figures by month/ })).toHaveCount(0);
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(tileButton('Contacts')).toHaveFocus();

  // The whole service again: the detail is the service's, with no team named.
  await page.getByRole('button', { name: 'Show the whole service' }).click();
  await tileButton('Decisions within 1 working day').click();
  const service = page.getByRole('dialog', { name: 'Decisions within 1 working day' });
  await expect(service.locator('.detail__headline')).toContainText('Latest figure55%');
  await expect(service).not.toContainText('Team: North');
  await expect(service.getByRole('heading', { level: 3, name: 'Figures over time', exact: true })).toBeVisible();
});
