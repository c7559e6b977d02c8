import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test.describe('public site shell', () => {
  test('the home page renders with the clinic identity, its main actions and the emergency signs', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Stem Cell Institute');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Back and joint pain: understand your options');
    const banner = page.getByRole('banner');
    await expect(banner.getByRole('link', { name: 'Stem Cell Institute' })).toHaveAttribute('href', '/');
    await expect(banner.getByRole('link', { name: '(310) 555-0142' })).toHaveAttribute('href', 'tel:+13105550142');
    await expect(page.getByRole('link', { name: 'Thinking about spinal surgery?' })).toHaveAttribute('href', '/guide');
    const emergency = page.getByRole('region', { name: /Immediate action required/ });
    await expect(emergency).toContainText('Call 911 or go to the emergency room now');
    // The one emergency card (decision 0004): 3 back-pain signs, then 3 other reasons to call 911.
    await expect(emergency.getByRole('listitem')).toHaveCount(6);
    const footer = page.getByRole('contentinfo');
    await expect(footer).toContainText('In an emergency, call 911.');
    await expect(footer).toContainText('does not replace advice from your own doctor');
  });

  test('the skip link is the first thing a keyboard reaches and moves focus to the content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    await expect(page.locator('main')).toBeFocused();
  });

  test('the footer leads to the privacy notice', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' }).click();
    await expect(page).toHaveURL('/privacy');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice');
    await expect(page.getByRole('heading', { name: 'Your rights' })).toBeVisible();
    await expect(page).toHaveTitle('Privacy notice – Stem Cell Institute');
  });

  test('an unknown address shows a helpful not-found page with a 404 status', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByRole('link', { name: 'home page' })).toHaveAttribute('href', '/');
  });

  for (const path of ['/', '/privacy', '/no-such-page']) {
    test(`${path} has no accessibility violations (axe, WCAG 2.2 AA)`, async ({ page }) => {
      await page.goto(path);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }

  test('the server is up on a migrated, seeded database', { tag: '@api' }, async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    // Only whether it is up: not which database, nor any version.
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers()['cache-control']).toBe('no-store');
  });
});
