import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

test('the built renderer allows no inline script, inline style or eval', () => {
  const html = readFileSync(path.resolve(__dirname, '../../dist/renderer/index.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  // Vite must not have inlined a script or a style block that the policy would then block.
  expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  expect(html).not.toMatch(/<style/);
});

test('the window only ever asks for its own files', async ({ page, clinic }) => {
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://clinic.test/')) elsewhere.push(request.url());
  });
  await clinic.open();
  await page.getByRole('button', { name: 'Decisions within 1 working day', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('img')).toBeVisible();
  expect(elsewhere).toEqual([]);
});
