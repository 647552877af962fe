/** Ways to find things on the clinic screen the way a person would: by names and headings. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The columns after the measure's own name, in the order they appear on screen. */
const columns = [
  'previous',
  'current',
  'last_year',
  'change',
  'direction',
  'target',
  'status',
  'variation',
  'assurance',
  'national',
  'regional',
  'neighbours',
];
export type ColumnName = (typeof columns)[number];

export function measureButton(page: Page, title: string): Locator {
  return page.getByRole('rowheader').getByRole('button', { name: title, exact: true });
}

export function measureRow(page: Page, title: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('button', { name: title, exact: true }) });
}

/** A measure's figure cell; the clinic's own columns (agenda, discussed) are skipped. */
export function cell(row: Locator, column: ColumnName): Locator {
  return row
    .getByRole('cell')
    .and(row.locator('td:not([data-column="agenda"], [data-column="discussed"])'))
    .nth(columns.indexOf(column));
}

/** The measure names in the table, top to bottom. */
export function measureTitles(page: Page): Promise<string[]> {
  return page.getByRole('rowheader').locator('.measure-link').allInnerTexts();
}

/** The names of the measures under one service area heading, top to bottom. */
export async function titlesInArea(page: Page, area: string): Promise<string[]> {
  const group = page
    .getByRole('rowgroup')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${area}`) }) });
  return group.getByRole('rowheader').locator('.measure-link').allInnerTexts();
}

export function columnHeader(page: Page, name: string | RegExp): Locator {
  return page.getByRole('columnheader', { name });
}

/** Opens a measure's detail panel and waits for the clinic's record in it. */
export async function openMeasure(page: Page, title: string): Promise<Locator> {
  await measureButton(page, title).click();
  const panel = page.getByRole('dialog', { name: title });
  await expect(panel.getByRole('heading', { name: 'Actions for this measure' })).toBeVisible();
  return panel;
}

/** The note box in a measure's panel. */
export function noteBox(panel: Locator): Locator {
  return panel.getByRole('textbox', { name: /^Note for this clinic/ });
}

/** The line under the note that says whether it is saved. */
export function noteStatus(panel: Locator): Locator {
  return panel.locator('.note-editor').getByRole('status');
}

export function action(scope: Page | Locator, ref: string): Locator {
  return scope.getByRole('article', { name: `Action ${ref}` });
}

/** A group under "Actions to review", found by its heading. */
export function reviewGroup(page: Page, heading: string | RegExp): Locator {
  return page.getByRole('region', { name: heading });
}
