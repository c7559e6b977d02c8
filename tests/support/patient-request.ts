// A patient's consultation request through the real public form, for dashboard tests that need a lead
// created "by a patient in the same test": a unique name to find them by, asking to be called.
import { expect, type Browser } from '@playwright/test';

export type Patient = { first: string; last: string; email: string; phone: string; fullName: string };

let counter = 0;

/** A person nobody else's test uses: the name is unique across runs and projects. */
export function newPatient(tag: string): Patient {
  counter++;
  const id = `${tag}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 5)}`;
  const last = `Lead ${id}`;
  return { first: 'Rosa', last, email: `rosa.${id}@example.com`, phone: `(323) 555-01${String(10 + (counter % 89)).padStart(2, '0')}`, fullName: `Rosa ${last}` };
}

/** Sends the request in its own browser context (the patient's device) choosing "Call me to arrange a time". */
export async function requestCallBack(browser: Browser, p: Pick<Patient, 'first' | 'last' | 'email' | 'phone'>): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/consult?from=recovery');
  await page.getByRole('button', { name: /Start now/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your contact details');
  await page.getByLabel('First name').fill(p.first);
  await page.getByLabel('Last name').fill(p.last);
  await page.getByLabel('Email address').fill(p.email);
  await page.getByLabel('What number do you want us to call you on?').fill(p.phone);
  await page.getByRole('group', { name: 'How would you like us to contact you?' }).getByLabel('Phone call').check();
  await page.getByRole('group', { name: 'When is the best time to call you?' }).getByLabel('Any time').check();
  await page.getByLabel('Your time zone').selectOption('America/New_York');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Do you have any of these warning signs?');
  const groups = page.getByRole('group').filter({ has: page.getByLabel('I’m not sure') });
  const n = await groups.count();
  for (let i = 0; i < n; i++) await groups.nth(i).getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About your pain');
  await page.getByRole('group', { name: 'Where is your pain worst?' }).getByLabel('Lower back').check();
  await page.getByRole('group', { name: 'How long have you had this pain?' }).getByLabel('3 to 12 months').check();
  await page.getByRole('group', { name: 'How bad is your pain on a typical day?' }).getByLabel('6', { exact: true }).check();
  await page.getByLabel('Physical therapy').check();
  await page.getByRole('group', { name: 'Has a doctor recommended surgery for this pain?' }).getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a time for your consultation');
  await page.getByLabel('Call me to arrange a time').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your request');
  await page.getByLabel(/can contact me about this request/).check();
  await page.getByLabel(/I have read the/).check();
  await page.getByRole('button', { name: 'Accept and send' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request sent');
  await context.close();
}
