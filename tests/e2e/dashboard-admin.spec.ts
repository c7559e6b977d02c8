// The admin pages: metrics, staff accounts, the audit log, and erasing a person. Who may open them, what
// they show, and the journeys through them (an invitation from email to a disabled account; an erasure).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInAs } from '../support/staff';
import { expectNoAxeViolations } from '../support/axe';
import { waitForEmail } from './support/email';
import { answerWarningSigns, askToBeCalledAndSend, fillDetails, fillPain } from './support/patient';
import { setUpAuthenticatorApp } from '../support/mfa';

const ADMIN_PAGES = ['/dashboard/metrics', '/dashboard/admin/staff', '/dashboard/admin/audit'];
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test.describe('who may open the admin pages', () => {
  test('a signed-out visitor is sent to sign in, and comes back after', async ({ page }) => {
    for (const path of ADMIN_PAGES) {
      await page.goto(path);
      await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === path);
    }
  });

  test('a member of staff is refused each one', async ({ page }) => {
    await signInAs(page, 'staff');
    for (const path of ADMIN_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
    }
    // Nor are the admin pages in the navigation.
    await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Metrics' })).toHaveCount(0);
  });
});

test.describe('metrics', () => {
  test('an admin sees each chart with a table beside it, and chooses the range', async ({ page }) => {
    // Six charts and six tables: axe takes a while on a busy machine.
    test.slow();
    await signInAs(page, 'admin', '/dashboard/metrics');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Metrics');
    // The default range: the last 12 weeks, shown as the current preset.
    await expect(page.getByRole('link', { name: 'Last 12 weeks (showing)' })).toHaveAttribute('aria-current', 'true');
    await expect(page.getByRole('img', { name: /^Column chart of new leads per week, 12 weeks/ })).toBeVisible();
    for (const [chart, table] of [
      [/^Bar chart of the funnel: of \d+ leads?/, /^Leads that reached each step/],
      [/^Bar chart of leads and patients by source page/, /^Leads and patients by source page/],
      [/^Bar chart of leads and patients by campaign/, /^Leads and patients by campaign/],
      [/^Bar chart of time to first contact/, /^Time to first contact, leads from/],
      [/^Bar chart of appointment rates/, /^Appointment outcomes/],
    ] as const) {
      await expect(page.getByRole('img', { name: chart })).toBeVisible();
      await expect(page.getByRole('table', { name: table })).toBeVisible();
    }
    await expect(page.getByRole('table', { name: /^New leads per week/ }).getByRole('row')).toHaveCount(13);
    await expect(page.getByRole('rowheader', { name: 'Became a patient' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Last 4 weeks' }).click();
    await expect(page).toHaveURL(/preset=last-4-weeks/);
    await expect(page.getByRole('img', { name: /^Column chart of new leads per week, 4 weeks/ })).toBeVisible();

    // A date that does not exist: a message at the field, the default range instead, never an error page.
    await page.getByLabel('Start date').fill('2026-11-20');
    await page.getByLabel('End date').fill('2026-11-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveTitle(/^Error: /);
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary.getByRole('link', { name: 'End date must be the same as or after the start date' })).toBeVisible();
    await expect(summary).toContainText('Showing the last 12 weeks instead.');
    await expect(page.getByLabel('End date')).toHaveValue('2026-11-01');
    await expectNoAxeViolations(page);
  });
});

test.describe('staff accounts', () => {
  test('an invitation arrives by email, the invitee chooses a password and signs in, and disabling them ends their session', async ({ browser }) => {
    test.slow();
    const id = unique();
    const invitee = { name: `Robin Newstart ${id}`, email: `robin.${id}@example.com`, password: `four unrelated words ${id}` };

    const admin = await newPage(browser);
    await signInAs(admin, 'admin', '/dashboard/admin/staff');
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Staff');
    await expectNoAxeViolations(admin);

    // Nothing typed: a message for each field.
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    const problems = admin.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(problems.getByRole('link', { name: 'Enter their full name' })).toBeVisible();
    await expect(problems.getByRole('link', { name: 'Enter their email address' })).toBeVisible();

    // Someone who already has an account.
    await admin.getByLabel('Full name').fill(invitee.name);
    await admin.getByLabel('Email address').fill('FrontDesk@example.com');
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await expect(problems.getByRole('link', { name: 'Someone with this email address already has an account' })).toBeVisible();
    await expect(admin.getByLabel('Full name')).toHaveValue(invitee.name);

    await admin.getByLabel('Email address').fill(invitee.email);
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await expect(admin.getByRole('status').filter({ hasText: `Invitation sent to ${invitee.email}` })).toBeVisible();
    const row = admin.getByRole('row').filter({ hasText: invitee.email });
    await expect(row).toContainText('Invited');
    await expect(row).toContainText('Waiting to set a password');

    // The invitee's inbox: the link works once, to choose a password.
    const email = await waitForEmail(admin, invitee.email, /invited to the .* dashboard/);
    const link = /https?:\/\/[^\s"<>]+\/set-password\/[\w-]+/.exec(email.text ?? '')?.[0];
    expect(link).toBeTruthy();

    const person = await newPage(browser);
    await person.goto(new URL(link!).pathname);
    await expect(person.getByRole('heading', { level: 1 })).toHaveText('Set up your account');
    await person.getByLabel('New password').fill('too short');
    await person.getByLabel('Type the password again').fill('too short');
    await person.getByRole('button', { name: 'Save password' }).click();
    await expect(person.locator('form').getByText('Password must be 12 characters or more').last()).toBeVisible();
    // A common password, and one built from their own name, are refused on the field with what to do instead.
    for (const [weak, advice] of [
      ['password1234', 'Choose a password that is harder to guess: this one is among the most used passwords'],
      ['Newstart2024!!', "Choose a password that is harder to guess: do not build it from your name, your email address or the clinic's name"],
    ] as const) {
      await person.getByLabel('New password').fill(weak);
      await person.getByLabel('Type the password again').fill(weak);
      await person.getByRole('button', { name: 'Save password' }).click();
      await expect(person.locator('form').getByText(advice).last()).toBeVisible();
    }
    await person.getByLabel('New password').fill(invitee.password);
    await person.getByLabel('Type the password again').fill(invitee.password);
    await person.getByRole('button', { name: 'Save password' }).click();
    await expect(person).toHaveURL(/\/sign-in/);
    await person.getByLabel('Email address').fill(invitee.email);
    await person.getByLabel('Password', { exact: true }).fill(invitee.password);
    await person.getByRole('button', { name: 'Sign in' }).click();
    // A new account sets up a second step first (the demo logins alone have it waived, on the e2e server only).
    await expect(person).toHaveURL((url) => url.pathname === '/sign-in/set-up');
    await setUpAuthenticatorApp(person);
    await person.getByRole('link', { name: 'Continue to the dashboard' }).click();
    await expect(person).toHaveURL((url) => url.pathname === '/dashboard');
    await expect(person.getByRole('link', { name: `${invitee.name} (your account)` })).toBeVisible();

    // The admin disables the account: the invitee's open session is refused on their next request.
    await admin.reload();
    await expect(row).toContainText('Active');
    await row.getByRole('button', { name: `Disable account for ${invitee.name}` }).click();
    await expect(row.getByRole('status').filter({ hasText: `${invitee.name} can no longer sign in` })).toBeVisible();
    await expect(row).toContainText('Disabled');
    await person.goto('/dashboard');
    await expect(person).toHaveURL((url) => url.pathname === '/sign-in');

    // The admin cannot disable themself: their own row has no buttons.
    await expect(admin.getByRole('row').filter({ hasText: 'admin@example.com' })).toContainText('This is you');

    // Every step is in the audit log.
    await admin.goto('/dashboard/admin/audit');
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Audit log');
    await admin.getByLabel('Action').selectOption({ label: 'Disabled an account' });
    await admin.getByRole('button', { name: 'Filter' }).click();
    await expect(admin.getByRole('row').filter({ hasText: `Staff account: ${invitee.name}` }).first()).toContainText('Alex Admin');
    await expectNoAxeViolations(admin);
    await admin.context().close();
    await person.context().close();
  });
});

test.describe('erasing a person', () => {
  /** A new lead, sent through the public form ("call me" path); its id comes from the front desk's alert email. */
  async function newLead(page: Page): Promise<{ id: string; name: string }> {
    const id = unique();
    const person = { first: 'Erin', last: `Erasable ${id}`, email: `erin.${id}@example.com` };
    await page.goto('/consult');
    await page.getByRole('button', { name: /Start now/ }).click();
    await fillDetails(page, { ...person, phone: '(323) 555-0188' }, { timeZone: 'America/Los_Angeles' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await fillPain(page, { surgeryRecommended: 'No', message: `Please call ${person.first} after 5pm.` });
    await page.getByRole('button', { name: 'Continue' }).click();
    await askToBeCalledAndSend(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request sent');
    const reference = await page.getByText(/^CR-[2-9A-Z]{6}$/).innerText();
    const alert = await waitForEmail(page, 'frontdesk@example.com', new RegExp(`New consultation request ${reference}`));
    const leadId = /\/dashboard\/leads\/([0-9a-f-]{36})/.exec(alert.text ?? '')?.[1];
    expect(leadId).toBeTruthy();
    return { id: leadId!, name: `${person.first} ${person.last}` };
  }

  test('an admin erases a lead after typing ERASE, and its page then says it was erased', async ({ page, browser }) => {
    test.slow();
    const lead = await newLead(page);

    const admin = await newPage(browser);
    await signInAs(admin, 'admin', `/dashboard/privacy/${lead.id}/erase`);
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText(`Erase ${lead.name}’s personal data`);
    await expect(admin.getByText('This cannot be undone.')).toBeVisible();
    await expectNoAxeViolations(admin);

    // The record can be downloaded first.
    const exported = await admin.request.get(`/dashboard/privacy/${lead.id}/export`, { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-disposition']).toBe(`attachment; filename="person-${lead.id}.json"`);
    expect(exported.headers()['cache-control']).toContain('no-store');
    const record = (await exported.json()) as { lead: { id: string; lastName: string }; consultationRequests: unknown[] };
    expect(record.lead).toMatchObject({ id: lead.id, lastName: lead.name.replace(/^Erin /, '') });
    expect(record.consultationRequests).toHaveLength(1);

    await admin.getByLabel('Type ERASE to confirm').fill('erase');
    await admin.getByRole('button', { name: 'Erase this person' }).click();
    await expect(admin.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link', { name: 'Type ERASE in capital letters to confirm' })).toBeVisible();
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText(`Erase ${lead.name}’s personal data`);

    await admin.getByLabel('Type ERASE to confirm').fill('ERASE');
    await admin.getByRole('button', { name: 'Erase this person' }).click();
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('This person has been erased');
    await expectNoAxeViolations(admin);

    await admin.getByRole('link', { name: 'Go to the anonymised record' }).click();
    await expect(admin).toHaveURL(`/dashboard/leads/${lead.id}`);
    await expect(admin.getByRole('main')).toContainText(/erased/i);
    await expect(admin.getByRole('main')).not.toContainText(lead.name);

    await admin.goto(`/dashboard/admin/audit?entity=${lead.id}`);
    await expect(admin.getByRole('row').filter({ hasText: 'Erased a person' })).toContainText('Alex Admin');
    await admin.context().close();
  });
});
