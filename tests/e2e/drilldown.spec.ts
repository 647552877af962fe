/**
 * Drilldown (issue 17): from a headline tile (and a clinic row, and the detail) to the measure's area, a team and a worker, and back by
 * the breadcrumb, by keyboard where a person would use it; workers by initials only.
 */
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
