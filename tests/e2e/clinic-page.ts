/** Ways to find things on the clinic screen the way a person would: by names and headings. */
import type { Locator, Page } from '@playwright/test';

/** The columns after the measure's own name, in the order they appear on screen. */
const columns = [
  'previous',
  'current',
  'change',
  'direction',
  'target',
  'status',
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

export function cell(row: Locator, column: ColumnName): Locator {
  return row.getByRole('cell').nth(columns.indexOf(column));
}

/** The measure names in the table, top to bottom. */
export function measureTitles(page: Page): Promise<string[]> {
  return page.getByRole('rowheader').getByRole('button').allInnerTexts();
}

/** The names of the measures under one service area heading, top to bottom. */
export async function titlesInArea(page: Page, area: string): Promise<string[]> {
  const group = page
    .getByRole('rowgroup')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${area}`) }) });
  return group.getByRole('rowheader').getByRole('button').allInnerTexts();
}

export function columnHeader(page: Page, name: string | RegExp): Locator {
  return page.getByRole('columnheader', { name });
}
