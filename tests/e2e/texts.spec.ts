// Text messages in a real browser against the production build: a patient chooses "Text message" on the form
// and books a time; the fake Twilio receives the confirmation through the real SDK (and reports delivery);
// the patient replies STOP, which is confirmed once and ends the reminders; staff see every text and the reply.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { E2E_FAKE_TWILIO_PORT, E2E_TWILIO } from '../support/e2e-server-config';
import { signInAs } from '../support/staff';
import { answerWarningSigns, fillDetails, fillPain, newPatient } from './support/patient';

const expect = baseExpect.configure({ timeout: 15_000 });
const FAKE = `http://127.0.0.1:${E2E_FAKE_TWILIO_PORT}`;

type FakeText = { sid: string; to: string; body: string; status: string };

async function textsTo(page: Page, number: string): Promise<FakeText[]> {
  const res = await page.request.get(`${FAKE}/_fake/messages?to=${encodeURIComponent(number)}`);
  return (await res.json()) as FakeText[];
}

async function waitForText(page: Page, number: string, match: RegExp): Promise<FakeText> {
  let found: FakeText | undefined;
  await expect.poll(async () => Boolean((found = (await textsTo(page, number)).find((t) => match.test(t.body)))), { timeout: 20_000 }).toBe(true);
  return found!;
}

/**
 * A patient with a number of their own: an opt-out (STOP) is per number and outlives the test, and newPatient's
 * numbers repeat across Playwright's workers.
 */
function textingPatient(tag: string) {
  return { ...newPatient(tag), phone: `(323) 555-${1000 + Math.floor(Math.random() * 9000)}` };
}

test.describe('text messages', () => {
  test.describe.configure({ timeout: 150_000 });

  test('a patient who chooses text gets the confirmation; STOP ends the reminders and is confirmed once; staff see it all', async ({ page, browser }, testInfo) => {
    const patient = textingPatient('texts');
    const number = parsePhoneNumberFromString(patient.phone, 'US')!.number;
    const context = await browser.newContext();
    const form = await context.newPage();
    await form.goto('/consult');
    await form.getByRole('button', { name: /Start now/ }).click();
    await fillDetails(form, patient);
    await form.getByRole('group', { name: 'How would you like us to contact you?' }).getByLabel('Text message').check();
    await expect(form.getByLabel(/Text me reminders about my appointment/)).not.toBeChecked();
    await form.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(form);
    await form.getByRole('button', { name: 'Continue' }).click();
    await fillPain(form, { message: 'Sharp pain when I bend' });
    await form.getByRole('button', { name: 'Continue' }).click();
    // A time well away from the slots the other specs book (desktop and phone runs share one server).
    await form.locator('input[name="slot"]:not([value="call"])').nth(testInfo.project.name === 'phone' ? 28 : 20).check();
    await form.getByRole('button', { name: 'Continue' }).click();
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your request');
    await form.getByLabel(/can contact me about this request/).check();
    await form.getByLabel(/I have read the/).check();
    await form.getByRole('button', { name: 'Accept and send' }).click();
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('Consultation booked');
    await context.close();

    const confirmation = await waitForText(page, number, /your consultation is booked/);
    expect(confirmation.body).toMatch(/^Stem Cell Institute: your consultation is booked for \w+day \d+ \w+ \d{4}, \d+:\d\d[ap]m Pacific Time \(\d+:\d\d[ap]m your time, Eastern\)\./);
    expect(confirmation.body).toMatch(/\/consult\/manage\/[A-Za-z0-9._~-]{20,}/);
    expect(confirmation.body).not.toMatch(/pain|bend/i);

    const stop = await page.request.post(`${FAKE}/_fake/reply`, { data: { from: number, body: 'STOP' } });
    expect(((await stop.json()) as { status: number }).status).toBe(200);
    await waitForText(page, number, /you will get no more texts/);
    // A second STOP changes nothing and is not confirmed again.
    await page.request.post(`${FAKE}/_fake/reply`, { data: { from: number, body: 'stop' } });

    await signInAs(page, 'staff', `/dashboard?q=${encodeURIComponent(patient.last)}`);
    await page.getByRole('link', { name: patient.fullName }).click();
    const texts = page.getByRole('region', { name: 'Texts' });
    await expect(texts).toContainText('They replied STOP: no texts go until they reply START.');
    await expect(texts.locator('li', { hasText: 'Booking confirmation' })).toContainText(/Sent|Delivered/);
    await expect(texts.locator('li', { hasText: 'Appointment reminder' }).first()).toContainText('opted out (STOP)');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect(timeline).toContainText('Replied STOP: no more texts');
    await expect(timeline).toContainText('Agreed to texts (chose text message)');
    await expect(timeline).toContainText('Text delivered: Booking confirmation');
    expect((await textsTo(page, number)).filter((t) => /no more texts/.test(t.body))).toHaveLength(1);
    // The channel is closed to this number: staff are not offered the send form.
    await expect(texts.getByRole('button', { name: 'Send text' })).toHaveCount(0);
  });

  test('a reply lands on the timeline and staff answer with "we tried to call you"', async ({ page, browser }) => {
    const patient = textingPatient('textreply');
    const number = parsePhoneNumberFromString(patient.phone, 'US')!.number;
    const context = await browser.newContext();
    const form = await context.newPage();
    await form.goto('/consult');
    await form.getByRole('button', { name: /Start now/ }).click();
    await fillDetails(form, patient);
    await form.getByLabel(/Text me reminders about my appointment/).check();
    await form.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(form);
    await form.getByRole('button', { name: 'Continue' }).click();
    await fillPain(form);
    await form.getByRole('button', { name: 'Continue' }).click();
    await form.getByLabel('Call me to arrange a time').check();
    await form.getByRole('button', { name: 'Continue' }).click();
    await form.getByLabel(/can contact me about this request/).check();
    await form.getByLabel(/I have read the/).check();
    await form.getByRole('button', { name: 'Accept and send' }).click();
    await expect(form.getByRole('heading', { level: 1 })).toHaveText('Request sent');
    await context.close();
    await waitForText(page, number, /we have your request/);

    await page.request.post(`${FAKE}/_fake/reply`, { data: { from: number, body: 'Please call after 5pm' } });
    await signInAs(page, 'staff', `/dashboard?q=${encodeURIComponent(patient.last)}`);
    await expect(page.getByRole('row').filter({ hasText: patient.fullName })).toContainText('Replied by text');
    await page.getByRole('link', { name: patient.fullName }).click();
    const texts = page.getByRole('region', { name: 'Texts' });
    await expect(texts).toContainText('They replied by text');
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Please call after 5pm');
    await texts.getByLabel('Which text?').selectOption({ label: '“We tried to call you” (sent by staff)' });
    await texts.getByRole('button', { name: 'Send text' }).click();
    await expect(texts.getByText('Text queued.')).toBeVisible();
    const sent = await waitForText(page, number, /we tried to call you/);
    expect(sent.body).toContain('(310) 555-0142');
  });
});

test.describe('the Twilio webhooks', { tag: '@api' }, () => {
  test('refuse an unsigned call and one signed with another token; a signed replay is recognised', async ({ request }) => {
    const form = { MessageSid: 'SMe2e000000000000000000000000000001', From: '+13235550999', Body: 'hello', AccountSid: E2E_TWILIO.accountSid };
    const unsigned = await request.post('/api/webhooks/twilio/inbound', { form });
    expect(unsigned.status()).toBe(403);
    expect(await unsigned.json()).toEqual({ error: 'unsigned' });
    const twilio = (await import('twilio')).default;
    const url = `${new URL(test.info().project.use.baseURL!).origin}/api/webhooks/twilio/inbound`;
    const forged = await request.post('/api/webhooks/twilio/inbound', { form, headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature('another-token', url, form) } });
    expect(await forged.json()).toEqual({ error: 'bad_signature' });
    const headers = { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(E2E_TWILIO.authToken, url, form) };
    const first = await request.post('/api/webhooks/twilio/inbound', { form, headers });
    expect(first.headers()['x-result']).toBe('recorded');
    const replay = await request.post('/api/webhooks/twilio/inbound', { form, headers });
    expect(replay.headers()['x-result']).toBe('replayed');
  });

  test('refuse a post a browser sends from another site', async ({ request }) => {
    const res = await request.post('/api/webhooks/twilio/status', { form: { MessageSid: 'SMx', MessageStatus: 'delivered' }, headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } });
    expect(res.status()).toBe(403);
    expect(await res.json()).toEqual({ error: 'cross_site_request' });
  });
});
