/**
 * The README screenshots, taken from the built renderer over the October 2023 sample. Run by
 * scripts/screenshots.mjs with playwright.screenshots.config.ts; the normal test run skips this file.
 */
import path from 'node:path';
import { measureButton } from './clinic-page';
import { expect, test } from './fixtures';

const outDir = path.resolve(__dirname, '../../docs/screenshots');

test('clinic and measure detail screenshots', async ({ page, clinic }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await clinic.open();
  await expect(page.getByRole('table')).toBeVisible();
  await page.screenshot({ path: path.join(outDir, 'clinic.png') });

  await measureButton(page, 'Decisions within 1 working day').click();
  await expect(page.getByRole('dialog').getByRole('img')).toBeVisible();
  await page.screenshot({ path: path.join(outDir, 'measure-detail.png') });
});
