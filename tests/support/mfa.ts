// Multi-factor sign-in from end-to-end tests: an account of the test's own made through the real invitation
// (the demo logins have MFA waived on the e2e server), the authenticator app set up by computing codes from
// the secret the page shows, and recovery codes typed in. Works with JavaScript on or off.
import { expect, type Browser, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { waitForEmail } from '../e2e/support/email';
import { signInAs } from './staff';

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * A TOTP code for the secret. `stepsAhead` 1: the next 30-second step's code, which the server also accepts
 * (one step either side): a second sign-in straight after setting up never reuses the step just used.
 */
export function totpCode(secret: string, stepsAhead = 0): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

export type NewAccount = { name: string; email: string; password: string };

/** An admin (a demo login) invites a new account; its owner chooses a password from the emailed link. */
export async function inviteAccount(browser: Browser, role: 'staff' | 'admin', prefix = 'mfa'): Promise<NewAccount> {
  const id = unique();
  const account = { name: `Casey ${prefix} ${id}`, email: `${prefix}.${id}@example.com`, password: `long enough words ${id}` };
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInAs(admin, 'admin', '/dashboard/admin/staff');
  await admin.getByLabel('Full name').fill(account.name);
  await admin.getByLabel('Email address').fill(account.email);
  if (role === 'admin') await admin.getByLabel('Role', { exact: true }).selectOption('admin');
  await admin.getByRole('button', { name: 'Send invitation' }).click();
  await expect(admin.getByRole('status').filter({ hasText: `Invitation sent to ${account.email}` })).toBeVisible();
  const email = await waitForEmail(admin, account.email, /invited to the .* dashboard/);
  const link = /https?:\/\/[^\s"<>]+\/set-password\/[\w-]+/.exec(email.text ?? '')?.[0];
  expect(link).toBeTruthy();
  await context.close();
  // The invitee's own browser (the admin's, signed in, would be sent on from the sign-in page to the dashboard).
  const own = await browser.newContext();
  const invitee = await own.newPage();
  await invitee.goto(new URL(link!).pathname);
  await invitee.getByLabel('New password').fill(account.password);
  await invitee.getByLabel('Type the password again').fill(account.password);
  await invitee.getByRole('button', { name: 'Save password' }).click();
  await expect(invitee.getByRole('status')).toHaveText('Your password has been set. Sign in with it now.');
  await own.close();
  return account;
}

/** Gives the email and password on the sign-in form (the first step only). */
export async function enterPassword(page: Page, account: { email: string; password: string }, next = '/dashboard'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The secret as the set-up page shows it for typing in by hand (groups of four). */
export async function shownSecret(page: Page): Promise<string> {
  return ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
}

/** On a page showing the authenticator app set-up: types the first code; returns the secret and the recovery codes shown once. */
export async function setUpAuthenticatorApp(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  const secret = await shownSecret(page);
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel('Code from the app').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Check the code' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your authenticator app is set up.' })).toBeVisible();
  const recoveryCodes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes };
}

/** On the verify page: opens "Use a recovery code" (a <details>: no JavaScript needed) and uses one. */
export async function enterRecoveryCode(page: Page, code: string): Promise<void> {
  const summary = page.locator('summary', { hasText: 'Use a recovery code' });
  if ((await summary.locator('xpath=..').getAttribute('open')) === null) await summary.click();
  await page.getByLabel('Recovery code').fill(code);
  await page.locator('#recovery').getByRole('button', { name: 'Continue' }).click();
}
