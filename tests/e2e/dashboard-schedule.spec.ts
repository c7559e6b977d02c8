// The schedule and the admin's opening hours: a seeded appointment in the day and week views, weekly
// hours and a closure edited through their forms (refused once, then saved), staff kept out of settings.
import { expect, test } from '@playwright/test';
import { signInAs } from '../support/staff';
import { expectNoAxeViolations } from '../support/axe';

/** A date some weeks ahead as the datetime-local input wants it. */
function futureDate(daysAhead: number): string {
  return new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}

test.describe('the schedule', () => {
  test('shows a seeded appointment in the week and the day view, linked to the lead', async ({ page }) => {
    await signInAs(page, 'staff', '/dashboard/schedule');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Schedule');
    await expect(page.getByRole('link', { name: 'Week', exact: true })).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(page);

    // The demo data books David Levine on a weekday two days or more after the server started: this week or the next.
    const patient = page.getByRole('link', { name: 'David Levine' });
    if (!(await patient.isVisible())) {
      await page.getByRole('link', { name: /Next week/ }).click();
      await expect(page).toHaveURL(/view=week/);
    }
    await expect(patient).toBeVisible();
    await expect(patient).toHaveAttribute('href', /^\/dashboard\/leads\/[0-9a-f-]{36}$/);
    const leadHref = (await patient.getAttribute('href'))!;
    const day = page.getByRole('region').filter({ has: patient });
    await expect(day).toContainText('10:00am–10:30am');
    await expect(day).toContainText('In person');
    await expect(day).toContainText('Booked');

    // Its day heading opens the day view of that date.
    await day.getByRole('heading').getByRole('link').click();
    await expect(page).toHaveURL(/view=day/);
    await expect(page.getByRole('link', { name: 'Day', exact: true })).toHaveAttribute('aria-current', 'page');
    const entry = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'David Levine' }) });
    await expect(entry).toContainText('10:00am–10:30am');
    await expect(entry.getByRole('link', { name: 'David Levine' })).toHaveAttribute('href', leadHref);
    await expect(page.getByText(/^Free/).first()).toBeVisible();
    await expectNoAxeViolations(page);

    // Previous / next move a day at a time and Today comes back.
    const url = page.url();
    await page.getByRole('link', { name: /Next day/ }).click();
    await expect(page).not.toHaveURL(url);
    await page.getByRole('link', { name: /Previous day/ }).click();
    await expect(page.getByRole('link', { name: 'David Levine' })).toBeVisible();
  });
});

test.describe('opening hours and booking settings', () => {
  test('an admin adds weekly hours and a closure, each refused once with the typed values kept', async ({ page }, testInfo) => {
    test.slow();
    // The projects (desktop, tablet) share one server: each edits its own weekday and closure.
    const day = testInfo.project.name === 'desktop' ? 'Saturday' : 'Sunday';
    const reason = `E2E ${testInfo.project.name} training day`;
    await signInAs(page, 'admin', '/dashboard/admin/settings');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opening hours and booking settings');
    await expectNoAxeViolations(page);

    // Weekly hours: an end before its start is refused, and what was typed stays.
    await page.getByRole('button', { name: `Add hours on ${day}` }).click();
    const from = page.getByLabel(`From (${day}, range 1)`);
    const until = page.getByLabel(`Until (${day}, range 1)`);
    await expect(from).toBeFocused();
    await from.fill('12:00');
    await until.fill('10:00');
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: `${day}’s end time must be after its start time` })).toBeVisible();
    await expect(from).toHaveValue('12:00');
    await expect(until).toHaveValue('10:00');
    await expect(until).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);

    await until.fill('14:00');
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await expect(page.getByText('Weekly hours saved.')).toBeVisible();
    await expect(page.getByLabel(`From (${day}, range 1)`)).toHaveValue('12:00');
    await expect(page.getByLabel(`Until (${day}, range 1)`)).toHaveValue('14:00');

    // A closure: the end before the start is refused, typed values kept; then it is added and listed.
    const date = futureDate(testInfo.project.name === 'desktop' ? 45 : 50);
    await page.getByLabel('Who is it for?').selectOption({ label: 'The whole clinic' });
    await page.getByLabel('Starts').fill(`${date}T13:00`);
    await page.getByLabel('Ends').fill(`${date}T09:00`);
    await page.getByLabel('Reason (optional)').fill(reason);
    await page.getByRole('button', { name: 'Add closure' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The end must be after the start' })).toBeVisible();
    await expect(page.getByLabel('Starts')).toHaveValue(`${date}T13:00`);
    await expect(page.getByLabel('Ends')).toHaveValue(`${date}T09:00`);
    await expect(page.getByLabel('Reason (optional)')).toHaveValue(reason);

    await page.getByLabel('Ends').fill(`${date}T17:00`);
    await page.getByRole('button', { name: 'Add closure' }).click();
    await expect(page.getByText('Closure added.')).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: reason });
    await expect(row).toContainText('Whole clinic');
    await expect(row).toContainText('1:00pm');
    await expectNoAxeViolations(page);

    // Put things back: delete the closure, remove the hours.
    await row.getByRole('button', { name: /Delete/ }).click();
    await expect(page.getByRole('row').filter({ hasText: reason })).toHaveCount(0);
    await page.getByRole('button', { name: `Remove ${day} range 1` }).click();
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await expect(page.getByText('Weekly hours saved.')).toBeVisible();
    await expect(page.getByLabel(`From (${day}, range 1)`)).toHaveCount(0);
  });

  test('front-desk staff are refused the settings page and do not see it in the navigation', async ({ page }) => {
    await signInAs(page, 'staff');
    await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Opening hours' })).toHaveCount(0);
    const response = await page.goto('/dashboard/admin/settings');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
  });
});
