import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { measureButton, measureRow } from './clinic-page';
import { expect, test } from './fixtures';

test.beforeEach(async ({ clinic }) => {
  await clinic.open();
});

test('a measure opens in a panel with its meaning, target, chart and history, and Escape closes it', async ({
  page,
}) => {
  const button = measureButton(page, 'Decisions within 1 working day');
  await button.click();

  const panel = page.getByRole('dialog', { name: 'Decisions within 1 working day' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Front door');
  await expect(panel).toContainText('Contacts and referrals with a decision made within one working day');
  await expect(panel.getByRole('button', { name: 'Close' })).toHaveFocus();

  const facts = panel.getByRole('term');
  await expect(facts).toContainText(['Target', 'Which way is better', 'Near target band', 'Benchmarks']);
  await expect(panel.getByRole('definition')).toContainText([
    '80% or more',
    'Higher is better',
    'None: anything short of the target is off target.',
    'None recorded',
    'Percentage',
    'Monthly',
  ]);
  await expect(panel).toContainText('Off target');
  await expect(panel).toContainText('+2.0 pts since September 2023');

  // The chart is drawn: a canvas with a size and a description, and a key naming the target line.
  const chart = panel.getByRole('img', { name: /Line chart of Decisions within 1 working day/ });
  await expect(chart).toBeVisible();
  const box = await chart.boundingBox();
  expect(box?.width).toBeGreaterThan(300);
  expect(box?.height).toBeGreaterThan(200);
  await expect(panel.getByRole('list', { name: 'Chart key' })).toContainText('Target (80%)');

  const history = panel.getByRole('table', { name: 'Figures by month' });
  await expect(history.getByRole('row')).toHaveText(['Month Figure', 'September 2023 53%', 'October 2023 55%'], {
    useInnerText: true,
  });

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(button).toHaveFocus();
});

// Reading three measures' details changes nothing, so one window reads them all, each a step.
test('a measure’s detail gives its benchmarks with years, both numbers of a share, and when a quarterly figure is published', async ({
  page,
}) => {
  await test.step('a measure with benchmarks draws each one as a labelled line in the chart key', async () => {
    await measureButton(page, 'Assessments within 45 working days').click();
    const panel = page.getByRole('dialog');
    await expect(panel.getByRole('list', { name: 'Chart key' }).getByRole('listitem')).toHaveText([
      'Figure',
      'Target (80%)',
      'National (84.5%, 2021-22)',
      'Regional (82%, 2021-22)',
      'Statistical neighbours (78.6%, 2021-22)',
    ]);
    await expect(panel.getByRole('definition').filter({ hasText: 'National' })).toHaveText(
      'National: 84.5% (2021-22), England averageRegional: 82.0% (2021-22), Regional averageStatistical neighbours: 78.6% (2021-22), Statistical neighbours’ average',
    );
    await panel.getByRole('button', { name: 'Close' }).click();
    await expect(panel).toBeHidden();
  });

  await test.step('a share of a known number of children shows both numbers: 10 of 35', async () => {
    await expect(measureRow(page, 'Repeat plans within 2 years')).toContainText('10 of 35');
    await measureButton(page, 'Repeat plans within 2 years').click();
    const panel = page.getByRole('dialog');
    await expect(panel).toContainText('28.6%');
    await expect(panel).toContainText('October 2023 · 10 of 35');
    await expect(panel.getByRole('table').getByRole('row').last()).toHaveText('October 2023 28.6% 10 of 35', {
      useInnerText: true,
    });
    await panel.getByRole('button', { name: 'Close' }).click();
    await expect(panel).toBeHidden();
  });

  await test.step('a quarterly measure explains when its figures are published', async () => {
    await measureButton(page, 'Care leavers aged 19-21 in education, employment or training').click();
    const panel = page.getByRole('dialog');
    await expect(panel).toContainText('Quarterly: published at the end of each quarter');
    await expect(panel.getByRole('table').getByRole('rowheader')).toHaveText(['June 2023', 'September 2023']);
    await expect(panel.locator('abbr', { hasText: 'EET' })).toHaveAttribute(
      'title',
      'Education, employment or training',
    );
  });
});

test('clicking anywhere on a row opens its measure, and Close returns focus to the measure', async ({ page }) => {
  await measureRow(page, 'Contacts').getByRole('cell').first().click();
  const panel = page.getByRole('dialog', { name: 'Contacts' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('definition').first()).toHaveText('No target set');
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  await expect(measureButton(page, 'Contacts')).toHaveFocus();
});

test('the clinic can be used with the keyboard alone', async ({ page }) => {
  // From the top of the page, Tab reaches the skip link, the period pickers, the filters, the
  // column headings and then the measures in order.
  const reached: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    const name = `${await focused.evaluate((el) => el.localName)}:${(await focused.innerText()).replace(/\s+/g, ' ').trim()}`;
    reached.push(name);
    if (name === 'button:Decisions within 1 working day') break;
  }
  expect(reached[0]).toBe('a:Skip to main content');
  expect(reached).toContain('button:Current Oct 2023');
  await expect(measureButton(page, 'Decisions within 1 working day')).toHaveFocus();

  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Decisions within 1 working day' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Close' })).toHaveFocus();
  // The page behind the modal panel is inert: Tab never lands on anything outside the panel.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus:not(dialog, dialog *)')).toHaveCount(0);
  }
  await panel.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(measureButton(page, 'Decisions within 1 working day')).toHaveFocus();

  // Sorting by keyboard: Shift+Tab back to a heading button, then Enter.
  const currentHeading = page.getByRole('columnheader', { name: /Current/ });
  await currentHeading.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(currentHeading).toHaveAttribute('aria-sort', 'ascending');

  // Filters by keyboard.
  await page.getByLabel('Off target only').focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Off target only')).toBeChecked();
  await expect(measureRow(page, 'Contacts')).toHaveCount(0);
});

test('where the figures carry a team, the detail shows the split by team for the period, and what is counted', async ({
  page,
  clinic,
}) => {
  const csv = path.join(clinic.dir, 'teams.csv');
  writeFileSync(
    csv,
    [
      'Measure key,Period,Team,Value,Numerator,Denominator',
      'decisions_1wd,2023-10,,55,31,55',
      'decisions_1wd,2023-10,North,40,10,25',
      'decisions_1wd,2023-10,South,70,21,30',
    ].join('\n'),
  );
  await clinic.app.imports.importFile(csv);
  clinic.app.catalogue.update('decisions_1wd', {
    numerator_label: 'Decided within one working day',
    denominator_label: 'Contacts and referrals decided',
  });
  await clinic.open();
  await measureButton(page, 'Decisions within 1 working day').click();
  const panel = page.getByRole('dialog');
  // The headline says what the figure is a share of, and the definitions say what is counted.
  await expect(panel).toContainText('October 2023 · 31 of 55 contacts and referrals decided');
  await expect(panel.getByRole('definition').filter({ hasText: 'Decided within one working day' })).toBeVisible();
  const split = panel.getByRole('table', { name: 'By team, October 2023' });
  await expect(split.getByRole('row')).toHaveText(
    ['Team Figure Cases', 'Whole service 55% 31 of 55', 'North 40% 10 of 25', 'South 70% 21 of 30'],
    { useInnerText: true },
  );
  // A measure with no split by team shows no such table.
  await page.keyboard.press('Escape');
  await measureButton(page, 'Contacts').click();
  await expect(page.getByRole('dialog').getByRole('heading', { name: 'Figures over time' })).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('table', { name: /By team/ })).toHaveCount(0);
});

test('a changed target is drawn over the months it applied to, and the key says when it changed', async ({
  page,
  clinic,
}) => {
  clinic.app.catalogue.setTarget('decisions_1wd', 85, '2023-10');
  await clinic.open();
  await measureButton(page, 'Decisions within 1 working day').click();
  const key = page.getByRole('dialog').getByRole('list', { name: 'Chart key' });
  await expect(key).toContainText('Target (80% to Sep 2023, then 85%)');
});

test('a caveat is part of the figure: shown in the detail, added with the keyboard, and then in the row', async ({
  page,
}) => {
  await measureButton(page, 'Children in care with an up-to-date plan').click();
  const panel = page.getByRole('dialog', { name: 'Children in care with an up-to-date plan' });
  const caveats = panel.getByRole('region', { name: 'Data caveats' });
  await expect(caveats.getByRole('listitem')).toHaveText([
    /^Data caveat \(from Oct 2023\): Workers are not saving plans accurately.*\(3\.18\)/,
  ]);
  await caveats.getByText('Add a caveat', { exact: true }).click();
  const form = caveats.getByRole('form', { name: 'Add a caveat to Children in care with an up-to-date plan' });
  await form.getByRole('button', { name: 'Add caveat' }).click();
  await expect(form.getByRole('alert')).toHaveText('Say what the caveat is: the text cannot be empty.');
  await form.getByLabel('New caveat').fill('Two teams merged in October; their plans were counted twice.');
  await form.getByLabel('Until (optional)').fill('2023-10');
  await form.getByLabel('New caveat').press('Tab');
  await form.getByRole('button', { name: 'Add caveat' }).press('Enter');
  await expect(caveats.getByRole('listitem')).toHaveCount(2);
  await expect(caveats.getByRole('listitem').nth(1)).toHaveText(
    /^Data caveat \(Oct 2023\): Two teams merged in October; their plans were counted twice\./,
  );
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(measureRow(page, 'Children in care with an up-to-date plan').getByRole('rowheader')).toContainText(
    'Data caveat: Two teams merged in October',
  );
});
