/** axe-core over the page as it is, against WCAG 2.2 AA; used once per view by accessibility.spec.ts. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The rule id, the help text and where: enough to fix it from the test report alone. */
export async function violations(page: Page): Promise<Array<{ id: string; help: string; where: string[] }>> {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((v) => ({ id: v.id, help: v.help, where: v.nodes.map((n) => n.target.join(' ')) }));
}
