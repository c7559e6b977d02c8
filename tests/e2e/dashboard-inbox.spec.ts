import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from '../support/staff';
import { expectNoAxeViolations } from '../support/axe';
import { requestCallBack } from './support/patient';

const rows = (page: Page) => page.locator('tbody tr[data-inbox-row]');

test.describe('the staff inbox', () => {
  test('shows the requests urgent first, with the speed-to-lead clock, and has no accessibility violations', async ({ page }) => {
    // axe-core on a full table takes seconds on a busy two-core machine.
    test.slow();
    await signInAs(page, 'staff');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inbox');
    await expect(page.getByRole('table', { name: /urgent first/ })).toBeVisible();
    await expect(rows(page).first().getByText('Urgent', { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Maria Gonzalez' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Karen Davis' })).toBeVisible();
    // New requests nobody has contacted yet show how long the person has waited.
    await expect(rows(page).getByText(/^Waiting /).first()).toBeVisible();
    // The front desk does not export data in bulk.
    await expect(page.getByRole('link', { name: /Download CSV/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('filters by status and searches by name, with an empty state that clears the filters', async ({ page }) => {
    // axe-core on a full table takes seconds on a busy two-core machine.
    test.slow();
    await signInAs(page, 'staff');
    await page.getByRole('navigation', { name: 'Requests by status' }).getByRole('link', { name: /^Contacted/ }).click();
    await expect(page).toHaveURL(/\/dashboard\?status=contacted$/);
    await expect(page.getByRole('navigation', { name: 'Requests by status' }).getByRole('link', { name: /^Contacted/ })).toHaveAttribute('aria-current', 'page');
    const statuses = await rows(page).locator('td:nth-child(3) > div > span:first-child').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['Contacted']));

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.getByLabel('Search by name, email or phone').fill('okafor');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/q=okafor/);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText('Patricia Okafor');

    await page.getByLabel('Search by name, email or phone').fill('nobody-has-this-name');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByText('No requests match these filters')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('main').getByRole('link', { name: 'Clear filters' }).first().click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test('j and k move between requests, Enter opens one, / goes to the search box', async ({ page }) => {
    await signInAs(page, 'staff');
    const links = rows(page).locator('[data-inbox-open]');
    await expect(links.nth(2)).toBeVisible();
    await page.keyboard.press('j');
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(links.nth(2)).toBeFocused();
    await page.keyboard.press('k');
    await expect(links.nth(1)).toBeFocused();
    await expect(rows(page).nth(1)).toHaveAttribute('data-active', 'true');

    await page.keyboard.press('/');
    await expect(page.getByLabel('Search by name, email or phone')).toBeFocused();
    // Typing in a field is typing, not a shortcut.
    await page.keyboard.type('jk');
    await expect(page.getByLabel('Search by name, email or phone')).toHaveValue('jk');
    await expect(page.getByLabel('Search by name, email or phone')).toBeFocused();

    // Out of the field, the highlight carries on from the second request.
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(links.nth(3)).toBeFocused();
    const href = await links.nth(3).getAttribute('href');
    expect(href).toMatch(/^\/dashboard\/leads\/[0-9a-f-]{36}$/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(href!);
  });

  test('a request sent through the public form appears without reloading the page', async ({ page, browser }) => {
    test.slow();
    const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const person = { first: 'Lena', last: `Live ${id}`, email: `lena.${id}@example.com`, phone: '(323) 555-0163' };
    await signInAs(page, 'staff');
    await page.getByLabel('Search by name, email or phone').fill(person.last);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByText('No requests match these filters')).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });

    await requestCallBack(browser, person);

    // The page asks every 15 seconds; on the first page with nothing selected it refreshes itself.
    await expect(rows(page).filter({ hasText: `Lena ${person.last}` })).toBeVisible({ timeout: 45_000 });
    await expect(page.getByRole('status').filter({ hasText: /new request/ })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await expect(rows(page).first().getByText(/^Waiting /)).toBeVisible();
  });
});

test.describe('the CSV export', () => {
  test('an admin downloads the current filter as CSV', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.getByLabel('Search by name, email or phone').fill('Gonzalez');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const link = page.getByRole('link', { name: /Download CSV/ });
    await expect(link).toHaveAttribute('href', '/dashboard/leads/export?q=Gonzalez');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^consultation-requests-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      '"Reference","First name","Last name","Email","Phone","Status","Urgency","Source page","UTM campaign","Requested at","Next follow-up","Assigned to"',
    );
    expect(lines).toContainEqual(expect.stringMatching(/^"CR-DEMO01","Maria","Gonzalez","maria\.gonzalez@example\.com","'\+13235550142",/));
    expect(text).not.toMatch(/leg felt weaker|leg_weakness|lower back/i);
  });

  test('the front desk is refused the CSV route', async ({ page }) => {
    await signInAs(page, 'staff');
    const response = await page.request.get('/dashboard/leads/export');
    expect(response.status()).toBe(403);
    expect(response.headers()['content-disposition']).toBeUndefined();
  });
});
