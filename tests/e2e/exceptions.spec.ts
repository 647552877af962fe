/**
 * The exception report in the window (issue 17): the whole service and each team, one team
 * chosen, the action log by team, and a print that gives one A4 page per team.
 */
import { seedTeamExceptions } from '../support/team-exceptions';
import { expect, test } from './fixtures';

test('a team manager reads their team’s exceptions, finds the team’s actions, and prints a page per team', async ({
  page,
  clinic,
}) => {
  seedTeamExceptions(clinic.app);
  await clinic.open();
  await page.getByRole('button', { name: 'Exceptions' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Exceptions' })).toBeVisible();
  const sections = page.locator('.exceptions-team');
  // The sample's own teams (figures for the drilldown), then the teams seeded here.
  const sampleTeams = [
    'Assessment Team North',
    'Assessment Team South',
    'Children in Need Team 1',
    'Children in Need Team 2',
  ];
  await expect(sections.getByRole('heading', { level: 3 })).toHaveText([
    'Whole service',
    ...sampleTeams,
    'East',
    'North',
    'South',
  ]);
  const north = page.getByRole('region', { name: 'North', exact: true });
  await expect(north).toContainText('Off target: 57% against a target of 80%');
  await expect(north).toContainText('Special cause: concern (low)');
  await expect(north).toContainText('Will consistently fail the target');
  await expect(north).toContainText('Cover the two front door vacancies');
  await expect(page.getByRole('region', { name: 'South', exact: true })).toContainText(
    'No measure is off target, and no action is overdue.',
  );
  // A user's text is shown as text.
  await expect(page.getByRole('region', { name: 'East', exact: true })).toContainText(
    'Audit <script>alert(1)</script>',
  );

  // The period picker is the app's own; the report judges one month, so nothing to compare with is offered.
  const picker = page.getByRole('group', { name: 'Clinic period' });
  await expect(picker.getByLabel('Period')).toHaveValue('2023-10');
  await expect(picker.getByLabel('Compared with')).toHaveCount(0);

  // The page's own team choice (the header's is the team manager's view, across every page).
  const teamChoice = page.locator('.exceptions-page').getByLabel('Team', { exact: true });
  await teamChoice.selectOption('North');
  await expect(sections.getByRole('heading', { level: 3 })).toHaveText(['North']);
  await teamChoice.selectOption({ label: 'All teams' });
  await expect(sections).toHaveCount(8);

  // Print: the app's header and the controls go, each team starts a new A4 page.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  // Read in the page; the Node-side tsconfig has no DOM types, hence globalThis and the text below.
  const breaks = await sections.evaluateAll((els) =>
    els.map(
      (el) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { breakAfter: string } }).getComputedStyle(el)
          .breakAfter,
    ),
  );
  expect(breaks).toEqual([...Array<string>(7).fill('page'), 'auto']);
  const pageSize = await page.evaluate<string | null>(`(() => {
    for (const sheet of document.styleSheets)
      for (const rule of sheet.cssRules)
        if (rule instanceof CSSMediaRule)
          for (const inner of rule.cssRules) if (inner.cssText.startsWith('@page')) return inner.cssText;
    return null;
  })()`);
  expect(pageSize).toMatch(/size: a4/i);
  await page.emulateMedia({ media: 'screen' });

  // The action log filters by the team that owns an action.
  await page.getByRole('button', { name: 'Action log' }).click();
  await page
    .getByRole('button', { name: /^History of / })
    .first()
    .waitFor();
  await page.locator('.action-log').getByLabel('Team', { exact: true }).selectOption('North');
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 1 action of 4');
  await expect(page.getByRole('table')).toContainText('Cover the two front door vacancies');
  await page.locator('.action-log').getByLabel('Team', { exact: true }).selectOption({ label: 'No team' });
  await expect(page.getByRole('table')).toContainText('Agree the re-referrals audit');
});
