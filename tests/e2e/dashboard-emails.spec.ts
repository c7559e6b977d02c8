// The outbox for staff: a patient's request puts a message in it; staff find it in the list, filter by its
// status and open it to read the rendered message. (The e2e server sends through the fake Resend, so
// messages here are sent, not held; preview mode is covered by tests/integration/outbox-view.test.ts.)
import { expect, test } from '@playwright/test';
import { signInAs } from '../support/staff';
import { expectNoAxeViolations } from '../support/axe';
import { sendRequest } from './support/patient';

let counter = 0;
function person() {
  counter++;
  const id = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
  return { first: 'Erin', last: `Outbox ${id}`, email: `erin.${id}@example.com` };
}

test.describe('the outbox', () => {
  test('lists a patient’s message with its status and opens it rendered in a sandboxed frame', async ({ browser, page }) => {
    // A whole consultation request first, on a machine that may be busy building or testing too.
    test.setTimeout(180_000);
    const p = person();
    const patient = await browser.newContext();
    // Asking by email, in the clinic's zone: it queues "request received".
    const reference = await sendRequest(await patient.newPage(), { ...p, phone: '(323) 555-0177' }, { contact: 'Email', timeZone: 'America/Los_Angeles' });
    await patient.close();

    await signInAs(page, 'staff', '/dashboard/emails');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emails');
    // The e2e server has an API key (the fake Resend): no preview-mode notice.
    await expect(page.getByText('Emails are not being sent')).toHaveCount(0);
    const row = page.getByRole('row').filter({ hasText: p.email });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('link', { name: 'Request received' })).toBeVisible();
    await expect(row.getByRole('link', { name: `${p.first} ${p.last}` })).toHaveAttribute('href', /^\/dashboard\/leads\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(page);

    // The worker sends it within a few seconds: the Sent filter then lists it with a count.
    await expect
      .poll(
        async () => {
          await page.goto('/dashboard/emails?status=sent');
          return page.getByRole('row').filter({ hasText: p.email }).count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const sentFilter = page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: /^Sent \(\d+\)$/ });
    await expect(sentFilter).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('row').filter({ hasText: p.email })).toContainText('Sent');
    await expect(page.getByRole('row').filter({ hasText: p.email })).toContainText('1 of 8');

    await page.getByRole('row').filter({ hasText: p.email }).getByRole('link', { name: 'Request received' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request received');
    await expect(page.getByText(`To ${p.email}`)).toBeVisible();
    const frame = page.locator('iframe[title^="Email: "]');
    await expect(frame).toHaveAttribute('sandbox', '');
    await expect(page.frameLocator('iframe[title^="Email: "]').getByText(reference).filter({ visible: true }).first()).toBeVisible();
    await expect(page.locator('pre')).toContainText(reference);
    await expect(page.getByRole('table').filter({ hasText: 'When' })).toContainText('Sent');
    // Legacy mode runs axe inside this page instead of finishing in a new tab (which Chromium here sometimes
    // refuses to open next to a sandboxed frame). The frame itself is an opaque origin axe cannot enter anyway;
    // its title, and everything around it, are checked.
    await expectNoAxeViolations(page, { legacyMode: true });
  });

  test('an unknown message is not found', async ({ page }) => {
    await signInAs(page, 'staff');
    const response = await page.goto('/dashboard/emails/00000000-0000-4000-8000-000000000000');
    expect(response?.status()).toBe(404);
    expect((await page.goto('/dashboard/emails/not-an-id'))?.status()).toBe(404);
  });
});
