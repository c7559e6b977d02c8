// Multi-factor sign-in in a real browser: setting up an authenticator app at first sign-in and using it,
// a passkey (Chromium's virtual authenticator over CDP), recovery codes that work once, a password-only
// session refused by the server itself, and step-up before an export. Each test makes its own account
// through the real invitation (the demo logins have MFA waived on the e2e server only).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openPostgres } from '@/db/client';
import { sql } from 'drizzle-orm';
import { expectNoAxeViolations } from '../support/axe';
import { e2eDatabaseFile } from '../support/e2e-server-config';
import { enterPassword, enterRecoveryCode, inviteAccount, setUpAuthenticatorApp, totpCode, unique } from '../support/mfa';
import { DEMO_PASSWORD, signInAs, STAFF_LOGINS } from '../support/staff';

const signOut = async (page: Page) => {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in');
};

test('a new account must set up a second step: the authenticator app, its recovery codes, then each sign-in asks for a code', async ({ page, browser }) => {
  test.slow();
  const account = await inviteAccount(browser, 'staff');
  await enterPassword(page, account, '/dashboard/account');
  // The password alone does not open the dashboard: set up a second step first.
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in/set-up' && url.searchParams.get('next') === '/dashboard/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up a second way to sign in');
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await expectNoAxeViolations(page);

  // A wrong code: a field-level error, nothing typed kept.
  await page.getByLabel('Code from the app').fill('12345');
  await page.getByRole('button', { name: 'Check the code' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Enter the 6-digit code from your authenticator app');
  await expect(page.getByLabel('Code from the app')).toHaveAttribute('aria-invalid', 'true');

  const { secret, recoveryCodes } = await setUpAuthenticatorApp(page);
  expect(new Set(recoveryCodes).size).toBe(10);
  await page.getByRole('link', { name: 'Continue to the dashboard' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/dashboard/account');
  const security = page.getByRole('region', { name: 'How you confirm it’s you' });
  await expect(security).toContainText('10 codes left.');
  await signOut(page);

  await enterPassword(page, account, '/dashboard/account');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in/verify');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm it’s you');
  await expectNoAxeViolations(page);
  await page.getByLabel('Code from the app').fill('000000' === totpCode(secret, 1) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Continue' }).first().click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('The code is not correct');
  // The next step's code (the one just used at set-up is never accepted again).
  await page.getByLabel('Code from the app').fill(totpCode(secret, 1));
  await page.getByRole('button', { name: 'Continue' }).first().click();
  await expect(page).toHaveURL((url) => url.pathname === '/dashboard/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  // The only way this account confirms sign-in cannot be removed.
  await page.getByRole('button', { name: 'Remove the authenticator app' }).click();
  await expect(page.getByRole('main')).toContainText('Add a passkey first: your account must keep one way to confirm sign-in.');
  await expect(page.getByRole('button', { name: 'Remove the authenticator app' })).toBeVisible();

  // The admin's Staff page says how each account confirms sign-in.
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, 'admin', '/dashboard/admin/staff');
  const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: new RegExp(account.name) }) });
  await expect(row.getByRole('cell').nth(2)).toHaveText('authenticator app');
  await expect(admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: /Sam Frontdesk/ }) }).getByRole('cell').nth(2)).toHaveText(
    'Password only (demo login)',
  );
  await admin.context().close();
});

test('a passkey added on the account page signs in after the password (virtual authenticator)', async ({ page, browser }) => {
  test.slow();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  const account = await inviteAccount(browser, 'admin', 'passkey');
  await enterPassword(page, account);
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in/set-up');
  await setUpAuthenticatorApp(page);
  await page.getByRole('link', { name: 'Continue to the dashboard' }).click();

  await page.goto('/dashboard/account');
  const security = page.getByRole('region', { name: 'How you confirm it’s you' });
  await expect(security).toContainText('You have no passkeys.');
  await security.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(security.getByRole('alert')).toContainText('Enter a name for the passkey');
  await security.getByLabel('Passkey name').fill('Test laptop');
  await security.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(security.getByRole('status')).toContainText('Passkey “Test laptop” added.');
  await expect(security.getByRole('list', { name: 'Your passkeys' })).toContainText('Test laptop');
  await expectNoAxeViolations(page);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  await signOut(page);

  await enterPassword(page, account, '/dashboard/account');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in/verify');
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/dashboard/account');
  await expect(page.getByRole('list', { name: 'Your passkeys' })).toContainText('last used');
});

test('a recovery code works once, and not a second time', async ({ page, browser }) => {
  test.slow();
  const account = await inviteAccount(browser, 'staff', 'recovery');
  await enterPassword(page, account);
  const { recoveryCodes } = await setUpAuthenticatorApp(page);
  await page.getByRole('link', { name: 'Continue to the dashboard' }).click();
  await signOut(page);

  await enterPassword(page, account);
  await enterRecoveryCode(page, recoveryCodes[3]!.toLowerCase());
  await expect(page).toHaveURL((url) => url.pathname === '/dashboard');
  await signOut(page);

  await enterPassword(page, account);
  await enterRecoveryCode(page, recoveryCodes[3]!);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('That recovery code is not correct, or has already been used');
  await expect(page.getByLabel('Recovery code')).toHaveAttribute('aria-invalid', 'true');
  // Still only half signed in.
  await page.goto('/dashboard');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in/verify');
});

test('a password-only session is refused by the server itself: pages, downloads and live updates', async ({ page, browser }) => {
  test.slow();
  const account = await inviteAccount(browser, 'admin', 'pending');
  await enterPassword(page, account);
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in/set-up');
  const api = page.context().request;
  // Not just a browser redirect: the server answers each request without any dashboard data.
  const inbox = await api.get('/dashboard', { maxRedirects: 0 });
  expect([303, 307]).toContain(inbox.status());
  expect(inbox.headers()['location']).toMatch(/^\/sign-in\/verify\?next=%2Fdashboard/);
  for (const path of ['/dashboard/leads/export', '/dashboard/inbox/updates?since=2026-01-01T00:00:00.000Z']) {
    const res = await api.get(path, { headers: { 'sec-fetch-site': 'same-origin' }, maxRedirects: 0 });
    expect(res.status(), path).toBe(401);
    expect(res.headers()['content-disposition'], path).toBeUndefined();
  }
  // The verify page sends an account with nothing set up to the set-up page; the set-up page is all it gets.
  await page.goto('/dashboard/admin/staff');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in/set-up');
  // Once set up, the same session opens the export.
  await setUpAuthenticatorApp(page);
  const csv = await api.get('/dashboard/leads/export', { headers: { 'sec-fetch-site': 'same-origin' }, maxRedirects: 0 });
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
});

test('step-up: an admin whose last sign-in is over 5 minutes old confirms before an export, then gets it', async ({ browser, baseURL }) => {
  // This browser's own sessions, found by a user agent no other test sends.
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) StepUpTest/${unique()}`;
  const context = await browser.newContext({ baseURL, userAgent });
  const page = await context.newPage();
  await page.goto('/sign-in?next=%2Fdashboard');
  await page.getByLabel('Email address').fill(STAFF_LOGINS.admin.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/dashboard');

  // Just signed in: the export needs nothing more.
  const fresh = await context.request.get('/dashboard/leads/export', { headers: { 'sec-fetch-site': 'same-origin' }, maxRedirects: 0 });
  expect(fresh.status()).toBe(200);

  // Ten minutes pass, as far as the server's record of this session is concerned (no sleeping).
  const { url } = JSON.parse(readFileSync(e2eDatabaseFile(Number(new URL(baseURL!).port)), 'utf8')) as { url: string };
  const db = await openPostgres(url, { max: 1 });
  try {
    const moved = await db.db.execute(sql`update staff_sessions set reauthenticated_at = now() - interval '10 minutes' where user_agent = ${userAgent} and revoked_at is null returning id`);
    expect(Array.from(moved as unknown as unknown[]).length).toBe(1);
  } finally {
    await db.close();
  }

  const stale = await context.request.get('/dashboard/leads/export', { headers: { 'sec-fetch-site': 'same-origin' }, maxRedirects: 0 });
  expect(stale.status()).toBe(303);
  expect(stale.headers()['location']).toBe('/dashboard/confirm?next=%2Fdashboard%2Fleads%2Fexport');
  expect(stale.headers()['content-disposition']).toBeUndefined();

  // The same through the page: the confirm page, the password, then back to the download.
  await page.goto('/dashboard/confirm?next=%2Fdashboard%2Fleads%2Fexport');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm it’s you');
  await expectNoAxeViolations(page);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('The password is not correct');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Confirm' }).click();
  expect((await download).suggestedFilename()).toMatch(/^consultation-requests-.*\.csv$/);
  const again = await context.request.get('/dashboard/leads/export', { headers: { 'sec-fetch-site': 'same-origin' }, maxRedirects: 0 });
  expect(again.status()).toBe(200);
  await context.close();
});
