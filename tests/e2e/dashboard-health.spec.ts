// System health: an admin reads the health view and sees the dashboard banner when a threshold is crossed;
// front-desk staff cannot open the view; the deep health answer refuses a missing or wrong token and answers
// a monitor that has it. The problem is made by inserting failed messages into the e2e server's own database
// (as a broken provider would leave them), stamped with this process's clock, and removed again after.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db/client';
import { expectNoAxeViolations } from '../support/axe';
import { e2eDatabaseFile, E2E_HEALTH_TOKEN } from '../support/e2e-server-config';
import { waitForEmail } from './support/email';
import { signInAs, STAFF_LOGINS } from '../support/staff';

/** The e2e server's database on the PostgreSQL server (as tests/e2e/dashboard-mfa.spec.ts reaches it). */
function databaseUrl(baseURL: string | undefined): string {
  return (JSON.parse(readFileSync(e2eDatabaseFile(Number(new URL(baseURL!).port)), 'utf8')) as { url: string }).url;
}

/** Five messages that failed for good a minute ago: the failures threshold (5 an hour) is crossed. */
async function withFailures<T>(url: string, marker: string, run: () => Promise<T>): Promise<T> {
  const handle = await openPostgres(url, { max: 1 });
  const at = new Date(Date.now() - 60_000).toISOString();
  try {
    for (let i = 0; i < 5; i++) {
      await handle.db.execute(sql`
        insert into email_messages (template, category, to_address, props, status, send_after, attempts, last_error, created_at, updated_at)
        values ('staff-new-request', 'staff', ${marker}, '{}'::jsonb, 'failed', ${at}::timestamptz, 8, 'e2e: refused', ${at}::timestamptz, ${at}::timestamptz)`);
    }
    return await run();
  } finally {
    await handle.db.execute(sql`delete from email_messages where to_address = ${marker}`);
    await handle.close();
  }
}

const deep = (page: Page, token?: string) =>
  page.request.get('/api/health?deep=1', { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });

test.describe('system health', () => {
  test('the deep answer refuses no token and a wrong one, and answers the monitor that has it @api', async ({ page }) => {
    for (const token of [undefined, '', 'wrong-token-of-a-plausible-length-000000', `${E2E_HEALTH_TOKEN}x`]) {
      const refused = await deep(page, token);
      expect(refused.status(), String(token)).toBe(401);
      expect(await refused.json()).toEqual({ error: 'unauthorized' });
    }
    // Basic auth with the right secret is still not a bearer token.
    expect((await page.request.get('/api/health?deep=1', { headers: { Authorization: `Basic ${E2E_HEALTH_TOKEN}` } })).status()).toBe(401);

    // The load balancer's check is unchanged, and never says more than ok.
    const plain = await page.request.get('/api/health');
    expect(plain.status()).toBe(200);
    expect(await plain.json()).toEqual({ status: 'ok' });

    const answer = await deep(page, E2E_HEALTH_TOKEN);
    const body = (await answer.json()) as { status: string; database: string; figures: Record<string, unknown>; problems: { code: string }[] };
    expect(answer.headers()['cache-control']).toBe('no-store');
    expect(body.database).toBe('ok');
    expect(Object.keys(body.figures).sort()).toEqual(
      ['backlog', 'failedLastHour', 'lastSentAt', 'lastWebhookAt', 'oldestPendingMinutes', 'oldestPendingSince', 'remindersExpected', 'remindersMissing', 'sentWithoutReport'].sort(),
    );
    // 200 exactly when no threshold is crossed (other specs may have crossed one meanwhile).
    expect(answer.status()).toBe(body.problems.length ? 503 : 200);
    expect(body.status).toBe(body.problems.length ? 'problem' : 'ok');
  });

  test('an admin sees the problem on the health view and in the banner, the monitor gets 503, and the admins one alert email', async ({ page, baseURL }, testInfo) => {
    test.setTimeout(150_000);
    const url = databaseUrl(baseURL);
    const marker = `health-e2e-${testInfo.project.name}-${Date.now()}@rejected.test`;
    await signInAs(page, 'admin');
    await withFailures(url, marker, async () => {
      await page.goto('/dashboard/health');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('System health');
      await expect(page.getByRole('status').filter({ hasText: 'Problem: patients may not be getting their emails' })).toBeVisible();
      const problem = page.locator('[data-code="email_failures"]');
      await expect(problem.getByRole('heading', { name: 'Problem: Many emails failed' })).toBeVisible();
      await expect(problem).toContainText(/\d+ emails failed for good in the last hour \(the limit is 5\)\./);
      await expect(problem).toContainText('What to do: Open Emails → Failed');
      await expect(problem).toContainText('Code for monitors: email_failures');
      const figure = page.locator('[data-figure="failures"]');
      await expect(figure).toContainText('Failed emails in the last hour');
      await expect(figure).toContainText('Problem');
      await expect(page.locator('[data-figure="database"]')).toContainText('OK');
      await expect(page.getByText('A health token is set on this server.')).toBeVisible();
      await expectNoAxeViolations(page);
      await page.screenshot({ path: `screenshots/health-view-${testInfo.project.name}.png`, fullPage: true });

      // Any dashboard page: the banner names the problem and links to the view (the view refreshed its cache).
      await page.goto('/dashboard');
      const banner = page.locator('[data-health-banner]');
      await expect(banner).toContainText('System problem:');
      await expect(banner).toContainText('Many emails failed');
      await expectNoAxeViolations(page);
      await page.screenshot({ path: `screenshots/health-banner-${testInfo.project.name}.png` });
      await banner.getByRole('link', { name: 'See system health and what to do' }).click();
      await expect(page).toHaveURL((u) => u.pathname === '/dashboard/health');

      const answer = await deep(page, E2E_HEALTH_TOKEN);
      expect(answer.status()).toBe(503);
      const body = (await answer.json()) as { status: string; figures: { failedLastHour: number }; problems: { code: string }[] };
      expect(body.status).toBe('problem');
      expect(body.figures.failedLastHour).toBeGreaterThanOrEqual(5);
      expect(body.problems.map((p) => p.code)).toContain('email_failures');
      expect(JSON.stringify(body)).not.toContain(marker);

      // The worker's check (once a minute) emails the admins one alert, which names no one.
      const alert = await waitForEmail(page, STAFF_LOGINS.admin.email, (m) => m.subject.startsWith('System alert') && Boolean(m.text?.includes('Many emails failed')), {
        timeout: 90_000,
        intervals: [2_000],
      });
      expect(alert.text).toContain('/dashboard/health');
      expect(alert.text).not.toContain(marker);

      // How both look on a phone (the dashboard projects run at desktop and tablet sizes).
      if (testInfo.project.name === 'desktop') {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto('/dashboard/health');
        await page.screenshot({ path: 'screenshots/health-view-phone.png', fullPage: true });
        await page.goto('/dashboard');
        await page.screenshot({ path: 'screenshots/health-banner-phone.png' });
      }
    });
  });

  test('front-desk staff cannot open the health view, and see a shorter banner without a link to it', async ({ page, baseURL }, testInfo) => {
    await signInAs(page, 'staff');
    await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'System health' })).toHaveCount(0);
    const response = await page.goto('/dashboard/health');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();

    await withFailures(databaseUrl(baseURL), `health-e2e-desk-${testInfo.project.name}-${Date.now()}@rejected.test`, async () => {
      // A fresh check (the deep answer refreshes the banner's copy, as the health view does).
      expect((await deep(page, E2E_HEALTH_TOKEN)).status()).toBe(503);
      await page.goto('/dashboard');
      const banner = page.locator('[data-health-banner]');
      await expect(banner).toContainText('System problem: some emails to patients may be late or missing. The admins have been told');
      await expect(banner.getByRole('link')).toHaveCount(0);
      await expectNoAxeViolations(page);
    });
  });
});
