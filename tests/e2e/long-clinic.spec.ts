import type { ClinicApp } from '../../main/api/clinic-app';
import { expect, test } from './fixtures';
import { measureTitles } from './clinic-page';
import { startClinic } from './seed';

/** Sixty more measures under Visits, so the clinic has more rows than the table draws in its first frame. */
function addVisitsMeasures(app: ClinicApp, count = 60): string[] {
  const titles: string[] = [];
  for (let i = 1; i <= count; i++) {
    const title = `Visit check ${String(i).padStart(2, '0')}`;
    app.catalogue.add({
      key: `visit_check_${i}`,
      fields: {
        title,
        definition: 'A measure added for a long clinic.',
        area: 'visits',
        unit: 'percent',
        polarity: 'higher_is_better',
        frequency: 'monthly',
        tolerance: 0,
        benchmarks: { national: null, regional: null, statistical_neighbours: null },
        benchmark_years: { national: null, regional: null, statistical_neighbours: null },
        numerator_label: '',
        denominator_label: '',
        data_source: '',
      },
    });
    titles.push(title);
  }
  return titles;
}

test('a long clinic shows every measure, sorts them all and says when it has finished adding rows', async ({
  page,
  clinic,
}) => {
  const added = addVisitsMeasures(clinic.app);
  const total = clinic.app.report().measures.length;
  expect(total).toBeGreaterThan(90);
  await clinic.open();
  const table = page.getByRole('table');
  await expect(table).not.toHaveAttribute('aria-busy');
  await expect(page.getByRole('rowheader').locator('.measure-link')).toHaveCount(total);
  expect(await measureTitles(page)).toEqual(expect.arrayContaining(added));

  await page.getByRole('button', { name: /^Status/ }).click();
  await expect(page.getByRole('columnheader', { name: /^Status/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('rowheader').locator('.measure-link')).toHaveCount(total);

  await page.getByLabel('Off target only').check();
  const offTarget = clinic.app.report().measures.filter((m) => m.status === 'off_target').length;
  await expect(page.getByRole('rowheader').locator('.measure-link')).toHaveCount(offTarget);
  await page.getByLabel('Off target only').uncheck();
  await expect(page.getByRole('rowheader').locator('.measure-link')).toHaveCount(total);
});

test('in a long clinic, an agenda item moves past its neighbour on screen while the list is filtered', async ({
  page,
  clinic,
}) => {
  addVisitsMeasures(clinic.app);
  startClinic(clinic.app);
  await clinic.open();
  await page.getByRole('radio', { name: 'As agenda' }).check();
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy');
  const fullBefore = await measureTitles(page);

  await page.getByRole('searchbox', { name: 'Search measures' }).fill('Visit check');
  await expect(page.getByRole('rowheader').locator('.measure-link')).toHaveCount(60);
  const shown = await measureTitles(page);
  const [first, second] = shown as [string, string];
  await page.getByRole('button', { name: `Move ${second} up` }).click();
  const expected = [...fullBefore];
  expected.splice(expected.indexOf(second), 1);
  expected.splice(expected.indexOf(first), 0, second);
  await expect(page.getByTestId('announcer')).toContainText(
    `${second} moved up to item ${expected.indexOf(second) + 1}. Agenda saved.`,
  );
  expect(await measureTitles(page)).toEqual([second, first, ...shown.slice(2)]);

  await page.getByRole('searchbox', { name: 'Search measures' }).fill('');
  await expect(page.getByRole('rowheader').locator('.measure-link')).toHaveCount(fullBefore.length);
  expect(await measureTitles(page)).toEqual(expected);
});
