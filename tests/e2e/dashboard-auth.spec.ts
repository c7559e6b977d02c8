// Staff sign-in in a real browser: the way in, the way out, throttling, and the forgotten-password path.
import { expect, test } from '@playwright/test';
import { waitForEmail } from './support/email';
import { DEMO_PASSWORD, signInAs, STAFF_LOGINS } from '../support/staff';
import { expectNoAxeViolations } from '../support/axe';

test.describe('signing in', () => {
  test('a signed-out visitor is sent to sign in and comes back to the page they asked for', async ({ page }) => {
    await page.goto('/dashboard/account');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard%2Faccount/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the dashboard' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Email address').fill(STAFF_LOGINS.staff.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.getByText(STAFF_LOGINS.staff.email)).toBeVisible();
  });

  test('a wrong password gets one message that does not say which part was wrong, and keeps the email', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(STAFF_LOGINS.staff.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('main').getByRole('alert');
    await expect(summary).toContainText('The email address or password is not correct');
    await expect(summary).toBeFocused();
    await expect(page.getByLabel('Email address')).toHaveValue(STAFF_LOGINS.staff.email);
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  });

  test('empty fields get a message each', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Enter your email address');
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Enter your password');
  });

  test('five wrong passwords for one account make it wait, with the time to wait', async ({ page }, testInfo) => {
    // An account name of its own: the lock must not touch the demo logins other tests use.
    const email = `locked.${testInfo.project.name}.${Date.now()}@example.com`;
    await page.goto('/sign-in');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(`guess number ${i}`);
      // One attempt at a time: wait for each answer before the next guess.
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
      await expect(page.getByRole('main').getByRole('alert')).toContainText('not correct');
      // React empties the password box once the answer is shown: type the next guess only after that.
      await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    }
    await page.getByLabel('Password', { exact: true }).fill('guess number 6');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText(/Too many attempts to sign in\. Wait 15 minutes/);
  });

  test('signing out ends the session', async ({ page }) => {
    await signInAs(page, 'staff');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard/);
  });

  test('after signing out, no copy of the session cookie works, even one re-set by requests still in flight', async ({ page, browser, baseURL }) => {
    await signInAs(page, 'staff');
    const copied = await page.context().cookies();
    // The dashboard's own background requests (prefetches, refreshes) racing the sign-out.
    const inflight = page
      .evaluate(() => Promise.all(Array.from({ length: 6 }, (_, i) => fetch(i % 2 ? '/dashboard/account' : '/dashboard', { headers: { RSC: '1' } }).then((r) => r.status))))
      .catch(() => []);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await inflight;
    const after = await page.context().cookies();
    expect(copied.some((c) => /session-token/.test(c.name))).toBe(true);

    for (const [which, jar] of [['copied before signing out', copied], ['left in the browser after', after]] as const) {
      const replay = await browser.newContext({ baseURL });
      await replay.addCookies([...jar]);
      const again = await replay.newPage();
      await again.goto('/dashboard');
      await expect(again, which).toHaveURL(/\/sign-in\?next=%2Fdashboard/);
      const poll = await replay.request.get('/dashboard/inbox/updates?since=2026-01-01T00:00:00.000Z');
      expect(poll.status(), which).toBe(401);
      await replay.close();
    }
  });

  test('signing out through Auth.js’s own route ends the session on the server too', async ({ page, browser, baseURL }) => {
    await signInAs(page, 'staff');
    const copied = await page.context().cookies();
    // Leave the dashboard first: its background requests must not race the CSRF cookie of what follows.
    await page.goto('about:blank');
    const api = page.context().request;
    const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const out = await api.post('/api/auth/signout', { form: { csrfToken, callbackUrl: '/sign-in' }, maxRedirects: 0 });
    expect(out.status()).toBe(302);
    // Auth.js sends a refused sign-out (a CSRF failure) to its error page, not to the callback.
    expect(out.headers()['location']).toMatch(/\/sign-in$/);
    const replay = await browser.newContext({ baseURL });
    await replay.addCookies(copied);
    expect((await replay.request.get('/dashboard/inbox/updates?since=2026-01-01T00:00:00.000Z')).status()).toBe(401);
    await replay.close();
  });

  test('the account page lists where one is signed in, and signs another device out', async ({ page, browser, baseURL }, testInfo) => {
    // One account per project (they run at once), and a browser no other test uses, to find its row.
    const role = testInfo.project.name === 'desktop' ? 'admin' : 'staff';
    const other = await browser.newContext({ baseURL, userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' });
    const otherPage = await other.newPage();
    await signInAs(otherPage, role);
    await signInAs(page, role, '/dashboard/account');
    const sessions = page.getByRole('region', { name: 'Where you are signed in' });
    await expect(sessions.getByText('This device', { exact: true })).toHaveCount(1);
    const row = sessions.getByRole('listitem').filter({ hasText: 'Firefox on Linux' });
    await expect(row).toHaveCount(1);
    await expectNoAxeViolations(page);
    await row.getByRole('button', { name: 'Sign out this device' }).click();
    await expect(row).toHaveCount(0);
    await otherPage.goto('/dashboard');
    await expect(otherPage).toHaveURL(/\/sign-in\?next=%2Fdashboard/);
    // This device is still signed in.
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/dashboard$/);
    await other.close();
  });

  test('a signed-in member of staff going to the sign-in page goes straight to the dashboard', async ({ page }) => {
    await signInAs(page, 'staff', '/dashboard/account');
    await page.goto('/sign-in?next=%2Fdashboard%2Faccount');
    await expect(page).toHaveURL(/\/dashboard\/account$/);
  });

  test('sign-in never sends anyone to another site', async ({ page }) => {
    await page.goto('/sign-in?next=https%3A%2F%2Fevil.example%2F');
    await page.getByLabel('Email address').fill(STAFF_LOGINS.staff.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});

test.describe('a forgotten password', () => {
  test('asking for a link says the same for anyone, and a real account gets a working link by email', async ({ page }, testInfo) => {
    // A newer link replaces an older one: the two projects each use their own account.
    const account = testInfo.project.name === 'desktop' ? STAFF_LOGINS.admin : STAFF_LOGINS.staff;
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Enter your email address');

    const before = Date.now();
    await page.getByLabel('Email address').fill(account.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    const confirmation = 'If that address belongs to an account, we have sent it a link to reset the password.';
    await expect(page.getByRole('main').getByRole('status')).toContainText(confirmation);

    const resetLink = /https?:\/\/\S+\/set-password\/[\w-]+/;
    const reset = await waitForEmail(page, account.email, (m) => m.subject === 'Reset your dashboard password' && resetLink.test(m.text ?? ''), { newest: true });
    const link = reset.text?.match(resetLink)?.[0];
    expect(Date.now()).toBeGreaterThanOrEqual(before);

    // Opening the link shows the form; it is not submitted here, so the demo password stays as it is.
    await page.goto(new URL(link!).pathname);
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
    await expect(page.getByText(account.email)).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto('/set-password/not-a-real-token');
    await expect(page.getByRole('heading', { level: 1, name: 'This link has expired' })).toBeVisible();
  });
});
