// One accessibility check for every browser test: axe-core against WCAG 2.2 AA, failing with each violation named.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** `legacyMode`: for pages with a sandboxed iframe, which axe's normal mode would open in an extra tab. */
export async function expectNoAxeViolations(page: Page, { legacyMode = false } = {}): Promise<void> {
  // After a client-side navigation the page's <title> arrives with the streamed metadata, a moment after the
  // heading: check the page once it has settled (a page that never gets a title still fails here).
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(legacyMode).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`)).toEqual([]);
}
