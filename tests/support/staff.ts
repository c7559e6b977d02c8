// Signing staff in from end-to-end tests, with the demo logins the e2e server seeds.
import { expect, type Page } from '@playwright/test';
import { E2E_DEMO_PASSWORD } from './e2e-server-config';

export const DEMO_PASSWORD = E2E_DEMO_PASSWORD;
export const STAFF_LOGINS = {
  admin: { email: 'admin@example.com', name: 'Alex Admin' },
  staff: { email: 'frontdesk@example.com', name: 'Sam Frontdesk' },
} as const;

/** Signs in through the real form and waits for the page asked for (default: the inbox). */
export async function signInAs(page: Page, role: keyof typeof STAFF_LOGINS, path = '/dashboard'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
  await page.getByLabel('Email address').fill(STAFF_LOGINS[role].email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path.split('?')[0]);
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
}
