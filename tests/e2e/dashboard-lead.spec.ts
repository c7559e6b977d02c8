// A lead's page and the tasks page in a real browser: notes, assignment, follow-ups completed from the
// tasks page, the status menu, two people editing at once, accessibility, and what staff cannot see.
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { newPatient, requestCallBack, type Patient } from './support/patient';
import { signInAs, STAFF_LOGINS } from '../support/staff';
import { expectNoAxeViolations } from '../support/axe';

// Each test starts with a patient filling in the whole public form, on a two-core machine that also runs
// the server: server actions get more time to answer than the default five seconds.
const expect = baseExpect.configure({ timeout: 15_000 });

const CONFLICT = 'Someone else changed this lead while you were editing. Reload to see their change; what you typed is kept.';

/** Signs in and opens the patient's page from the inbox search; returns the page's path. */
async function openLead(page: Page, who: 'staff' | 'admin', patient: Patient): Promise<string> {
  await signInAs(page, who, `/dashboard?q=${encodeURIComponent(patient.last)}`);
  await page.getByRole('link', { name: patient.fullName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(patient.fullName);
  return new URL(page.url()).pathname;
}

async function newStaffPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** A date a few days ahead at the clinic, as an <input type=date> value. */
function daysAhead(n: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + n * 86_400_000),
  );
  return parts;
}

test.describe('a lead’s page', () => {
  // A patient's request, a sign-in and several forms per test.
  test.describe.configure({ timeout: 150_000 });

  test('staff add a note, assign the person, and set a follow-up that they complete from the tasks page', async ({ browser, page }) => {
    const patient = newPatient('tasks');
    await requestCallBack(browser, patient);
    const path = await openLead(page, 'staff', patient);
    const actions = page.getByRole('region', { name: 'Actions' });
    const timeline = page.getByRole('region', { name: 'Timeline' });

    await actions.locator('summary', { hasText: 'Add a note' }).click();
    await actions.getByLabel('Note', { exact: true }).fill('Asked us to call after 4pm on weekdays.');
    await actions.getByRole('button', { name: 'Add note' }).click();
    await expect(actions.getByText('Note added.')).toBeVisible();
    await expect(timeline).toContainText('Asked us to call after 4pm on weekdays.');
    await expect(timeline).toContainText(STAFF_LOGINS.staff.name);

    await actions.locator('summary', { hasText: 'Assign' }).click();
    await actions.getByLabel('Assigned to').selectOption({ label: STAFF_LOGINS.admin.name });
    await actions.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(`Assigned to ${STAFF_LOGINS.admin.name}`).first()).toBeVisible();
    await expect(timeline).toContainText(`Assigned to ${STAFF_LOGINS.admin.name}`);

    const title = `Send the intake forms ${patient.last}`;
    await actions.locator('summary', { hasText: 'Set a follow-up' }).click();
    await actions.getByRole('button', { name: 'Set follow-up' }).click();
    await expect(actions.getByRole('alert')).toContainText('Enter what needs doing');
    await actions.getByLabel('What needs doing?').fill(title);
    await actions.getByLabel('Due date').fill(daysAhead(2));
    await actions.getByLabel('Due time (clinic time)').fill('10:30');
    await actions.getByRole('button', { name: 'Set follow-up' }).click();
    await expect(actions.getByText('Follow-up set.')).toBeVisible();
    await expect(page.getByRole('region', { name: /Open follow-ups \(1\)/ })).toContainText(title);
    await expect(timeline).toContainText(`Set a follow-up: ${title}`);

    await page.goto('/dashboard/tasks');
    const mine = page.getByRole('region', { name: /My follow-ups/ });
    const row = mine.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText(patient.fullName);
    await expect(row).toContainText('10:30am');
    await expectNoAxeViolations(page);
    await row.getByRole('button', { name: `Mark done: ${title} for ${patient.fullName}` }).click();
    await expect(mine.getByRole('row').filter({ hasText: title })).toHaveCount(0);

    await page.goto(path);
    await expect(page.getByRole('region', { name: /Open follow-ups \(0\)/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(`Completed the follow-up: ${title}`);
  });

  test('the status menu offers only the moves the state machine allows from where the lead is', async ({ browser, page }) => {
    const patient = newPatient('status');
    await requestCallBack(browser, patient);
    await openLead(page, 'staff', patient);
    const actions = page.getByRole('region', { name: 'Actions' });
    await actions.locator('summary', { hasText: 'Change status' }).click();
    const menu = actions.getByLabel('New status');
    await expect(menu.locator('option')).toHaveText(['Select', 'Contacted', 'Scheduled', 'Not a fit', 'No response']);
    await menu.selectOption({ label: 'Not a fit' });
    await actions.getByRole('button', { name: 'Change status' }).click();
    await expect(actions.getByText('Status changed to Not a fit.')).toBeVisible();
    // From "not a fit" the only way is back to contacted: "became a patient" is never offered.
    await expect(actions.getByLabel('New status').locator('option')).toHaveText(['Select', 'Contacted']);
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Status changed from New to Not a fit');
  });

  test('two people editing at once: the second is told about the first change, keeps what they typed, and sees it after reloading', async ({ browser, page }) => {
    const patient = newPatient('conflict');
    await requestCallBack(browser, patient);
    const path = await openLead(page, 'staff', patient);
    const other = await newStaffPage(browser);
    await openLead(other, 'admin', patient);

    // Both have the page open; the admin writes a note first.
    await other.getByRole('region', { name: 'Actions' }).locator('summary', { hasText: 'Add a note' }).click();
    await other.getByLabel('Note', { exact: true }).fill('Admin got there first.');
    await other.getByRole('button', { name: 'Add note' }).click();
    await expect(other.getByText('Note added.')).toBeVisible();

    // The front desk's page is now out of date: refused, nothing lost.
    const actions = page.getByRole('region', { name: 'Actions' });
    await actions.locator('summary', { hasText: 'Add a note' }).click();
    await actions.getByLabel('Note', { exact: true }).fill('Typed on an old page.');
    await actions.getByRole('button', { name: 'Add note' }).click();
    const problem = actions.getByRole('alert');
    await expect(problem).toContainText(CONFLICT);
    await expect(problem).toBeFocused();
    await expect(actions.getByLabel('Note', { exact: true })).toHaveValue('Typed on an old page.');
    await expect(page.getByRole('region', { name: 'Timeline' })).not.toContainText('Typed on an old page.');

    await page.goto(path);
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Admin got there first.');
    await expect(page.getByRole('region', { name: 'Timeline' })).not.toContainText('Typed on an old page.');
    await other.context().close();
  });

  test('has no accessibility problems with every form open, and staff do not see the admin-only links', async ({ browser, page }) => {
    const patient = newPatient('a11y');
    await requestCallBack(browser, patient);
    const path = await openLead(page, 'staff', patient);
    await expect(page.getByRole('link', { name: 'Export this person’s record (JSON)' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Erase this person' })).toHaveCount(0);
    for (const summary of await page.locator('details > summary').all()) await summary.click();
    await expectNoAxeViolations(page);

    const admin = await newStaffPage(browser);
    await signInAs(admin, 'admin', path);
    const leadId = path.split('/').at(-1);
    await expect(admin.getByRole('link', { name: 'Export this person’s record (JSON)' })).toHaveAttribute('href', `/dashboard/privacy/${leadId}/export`);
    await expect(admin.getByRole('link', { name: 'Erase this person' })).toHaveAttribute('href', `/dashboard/privacy/${leadId}/erase`);
    await admin.context().close();
  });

  test('an address that is not a lead is not found', async ({ page }) => {
    await signInAs(page, 'staff');
    for (const path of ['/dashboard/leads/not-a-lead', '/dashboard/leads/00000000-0000-4000-8000-000000000000']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
    }
  });
});
