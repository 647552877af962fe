import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/policy';
import { expect, ORIGIN, REPORT_CSP_VIOLATIONS, serveRenderer, test } from './fixtures';

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

test("every page of the app runs under the shell's exact Content-Security-Policy with no violation", async ({
  page,
  clinic,
}) => {
  // The fixture sends policy.ts's header with every file and fails the test on any console error,
  // which each violation is turned into (REPORT_CSP_VIOLATIONS); this walks the pages that draw most.
  const sent: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(ORIGIN)) sent.push(response.headers()['content-security-policy'] ?? '');
  });
  await clinic.open();
  expect(sent.length).toBeGreaterThan(1);
  expect(new Set(sent)).toEqual(new Set([CONTENT_SECURITY_POLICY]));

  await page.getByRole('button', { name: 'Decisions within 1 working day', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('img').first()).toBeVisible();
  await page.keyboard.press('Escape');
  for (const section of [
    'Action log',
    'Report',
    'Import figures',
    'Measures',
    'Working together',
    'Preferences',
    'Clinic',
  ]) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section }).click();
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  }
  // The fixture's check at the end of the test finds no console error, so no violation.
});

test('a violation of that policy would be caught (the check is live)', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('CSP violation')) violations.push(message.text());
  });
  await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });
  await serveRenderer(page);
  const response = await page.goto(`${ORIGIN}/index.html`);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await page.evaluate(() => {
    const inline = (
      globalThis as unknown as {
        document: { createElement(t: string): { textContent: string } & object; head: { append(n: object): void } };
      }
    ).document;
    const script = inline.createElement('script');
    script.textContent = 'window.__ran = true';
    inline.head.append(script);
  });
  // One report per policy that refuses it: the header's and the page's own meta tag.
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  for (const violation of violations) expect(violation).toMatch(/^CSP violation: script-src(-elem)? blocked inline/);
  expect(await page.evaluate(() => (globalThis as Record<string, unknown>).__ran)).toBeUndefined();
});
