// The staff dashboard's main journey (issue 6): a patient asks to be called; a member of staff signs in,
// finds them in the inbox, opens their page, logs the call, books a time (which moves them to scheduled),
// and the patient's booking confirmation arrives in their inbox.
import { expect as baseExpect, test } from '@playwright/test';
import { newPatient, requestCallBack } from './support/patient';
import { signInAs } from '../support/staff';
import { waitForEmail } from './support/email';

// Each test starts with a patient filling in the whole public form, on a two-core machine that also runs
// the server: server actions get more time to answer than the default five seconds.
const expect = baseExpect.configure({ timeout: 15_000 });

test('a patient asks to be called; staff find them, log the call, book a time, and the patient is emailed the booking', async ({ browser, page }, testInfo) => {
  test.setTimeout(180_000);
  const patient = newPatient('journey');
  await requestCallBack(browser, patient);

  // The front desk: sign in, find the new request by the person's name.
  await signInAs(page, 'staff');
  await page.getByLabel('Search by name, email or phone').fill(patient.last);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('link', { name: patient.fullName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(patient.fullName);
  await expect(page.getByText('Not contacted yet')).toBeVisible();
  const actions = page.getByRole('region', { name: 'Actions' });
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('Sent a consultation request');

  // The call.
  await actions.locator('summary', { hasText: 'Log a call' }).click();
  await actions.getByLabel('What happened?').selectOption({ label: 'Spoke to them' });
  await actions.getByLabel('Call notes (optional)').fill('Wants a morning appointment.');
  await actions.getByRole('button', { name: 'Log call' }).click();
  await expect(actions.getByText('Call logged.')).toBeVisible();
  await expect(timeline).toContainText('Logged a call: Spoke to them');
  await expect(timeline).toContainText('Wants a morning appointment.');
  await expect(page.getByText(/First contacted/)).toBeVisible();

  // The booking: a time well away from the ones other tests book.
  await actions.locator('summary', { hasText: 'Book an appointment' }).click();
  const slot = actions.locator('#book input[name="slot"]').nth(testInfo.project.name === 'desktop' ? 60 : 75);
  const slotId = await slot.getAttribute('id');
  const time = await actions.locator(`label[for="${slotId}"]`).innerText();
  const day = await slot.locator('xpath=ancestor::fieldset[1]/legend').innerText();
  await slot.check();
  await actions.getByRole('button', { name: 'Book this time' }).click();
  await expect(actions.getByText(`Booked for ${day}, ${time} Time.`, { exact: false })).toBeVisible();
  await expect(page.getByText('Status:', { exact: false }).locator('..')).toContainText('Scheduled');
  await expect(timeline).toContainText('Status changed from New to Scheduled');
  await expect(timeline).toContainText('Booked an appointment for');
  await expect(page.getByRole('region', { name: 'Appointments' })).toContainText('Booked');

  // The patient's confirmation, addressed to them, for that day (shown in their own time zone).
  const email = await waitForEmail(page, patient.email, /^Your consultation is booked/, { timeout: 30_000 });
  expect([email.to].flat()).toContain(patient.email);
  expect(email.subject).toContain(day);
  expect(email.text ?? '').not.toMatch(/lower back|physical therapy/i);
  // The timeline shows the email and, once sent, its delivery status.
  await page.reload();
  const entry = page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').filter({ has: page.getByText('Booking confirmed', { exact: true }) });
  await expect(entry).toContainText(/Sent|Delivered/);
  await expect(entry.getByRole('link', { name: /^View message/ })).toHaveAttribute('href', /^\/dashboard\/emails\/[0-9a-f-]{36}$/);
});
