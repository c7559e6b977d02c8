// A patient filling in the real public form: the steps every browser test shares (details, warning signs,
// pain, asking to be called and sending), and a whole request for tests that need a lead created "by a patient
// in the same test": a unique name to find them by, asking to be called. The one way e2e specs send a request.
import { expect, type Browser, type Page } from '@playwright/test';

export type Patient = { first: string; last: string; email: string; phone: string; fullName: string };

let counter = 0;

/** A person nobody else's test uses: the name is unique across runs and projects. */
export function newPatient(tag: string): Patient {
  counter++;
  const id = `${tag}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 5)}`;
  const last = `Lead ${id}`;
  return { first: 'Rosa', last, email: `rosa.${id}@example.com`, phone: `(323) 555-01${String(10 + (counter % 89)).padStart(2, '0')}`, fullName: `Rosa ${last}` };
}

/** What the pain step's free-text question is answered with, unless a test says otherwise. */
export const PAIN_MESSAGE = 'I would like a second opinion.';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** How the contact step is answered, unless a test says otherwise: by phone, any time, New York's zone. */
export type ContactChoices = { contact?: 'Phone call' | 'Email'; timeZone?: string };

/** Step 1: contact details, asking to be phoned at any time, in New York's time zone (or as `choices` say). */
export async function fillDetails(page: Page, p: Pick<Patient, 'first' | 'last' | 'email' | 'phone'>, choices: ContactChoices = {}): Promise<void> {
  const { contact = 'Phone call', timeZone = 'America/New_York' } = choices;
  await expect(h1(page)).toHaveText('Your contact details');
  await page.getByLabel('First name').fill(p.first);
  await page.getByLabel('Last name').fill(p.last);
  await page.getByLabel('Email address').fill(p.email);
  await page.getByLabel('What number do you want us to call you on?').fill(p.phone);
  await page.getByRole('group', { name: 'How would you like us to contact you?' }).getByLabel(contact).check();
  await page.getByRole('group', { name: 'When is the best time to call you?' }).getByLabel('Any time').check();
  await page.getByLabel('Your time zone').selectOption(timeZone);
}

/** Step 2: "No" to every warning sign, or `answer` to the `which`-th one. */
export async function answerWarningSigns(page: Page, answer: 'No' | 'Yes' = 'No', which = 0): Promise<void> {
  await expect(h1(page)).toHaveText('Do you have any of these warning signs?');
  const groups = page.getByRole('group').filter({ has: page.getByLabel('I’m not sure') });
  const n = await groups.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await groups.nth(i).getByLabel(i === which ? answer : 'No', { exact: true }).check();
}

/** Step 3: lower back, 3 to 12 months, 6 out of 10, physical therapy; surgery recommended and a message unless told otherwise. */
export async function fillPain(page: Page, options: { surgeryRecommended?: 'Yes' | 'No'; message?: string | null } = {}): Promise<void> {
  const { surgeryRecommended = 'Yes', message = PAIN_MESSAGE } = options;
  await expect(h1(page)).toHaveText('About your pain');
  await page.getByRole('group', { name: 'Where is your pain worst?' }).getByLabel('Lower back').check();
  await page.getByRole('group', { name: 'How long have you had this pain?' }).getByLabel('3 to 12 months').check();
  await page.getByRole('group', { name: 'How bad is your pain on a typical day?' }).getByLabel('6', { exact: true }).check();
  await page.getByLabel('Physical therapy').check();
  await page.getByRole('group', { name: 'Has a doctor recommended surgery for this pain?' }).getByLabel(surgeryRecommended, { exact: true }).check();
  if (message !== null) await page.getByLabel(/Is there anything else/).fill(message);
}

/** The last two steps up to sending: "Call me to arrange a time", then on the check page the two consents. */
export async function askToBeCalled(page: Page): Promise<void> {
  await expect(h1(page)).toHaveText('Choose a time for your consultation');
  await page.getByLabel('Call me to arrange a time').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(h1(page)).toHaveText('Check your answers before sending your request');
  await page.getByLabel(/can contact me about this request/).check();
  await page.getByLabel(/I have read the/).check();
}

/** `askToBeCalled`, then "Accept and send". What the answer is (sent, refused, the problem page) is for the test to check. */
export async function askToBeCalledAndSend(page: Page): Promise<void> {
  await askToBeCalled(page);
  await page.getByRole('button', { name: 'Accept and send' }).click();
}

/**
 * A whole request on `page`, from the start page, asking to be called; no surgery recommended and no message.
 * Returns the reference the confirmation shows.
 */
export async function sendRequest(
  page: Page,
  p: Pick<Patient, 'first' | 'last' | 'email' | 'phone'>,
  choices: ContactChoices & { from?: string; arrive?: (page: Page) => Promise<unknown> } = {},
): Promise<string> {
  // How the patient reaches the start page: by default straight from the recovery page's link.
  await (choices.arrive ? choices.arrive(page) : page.goto(`/consult?from=${choices.from ?? 'recovery'}`));
  await page.getByRole('button', { name: /Start now/ }).click();
  await fillDetails(page, p, choices);
  await page.getByRole('button', { name: 'Continue' }).click();
  await answerWarningSigns(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await fillPain(page, { surgeryRecommended: 'No', message: null });
  await page.getByRole('button', { name: 'Continue' }).click();
  await askToBeCalledAndSend(page);
  await expect(h1(page)).toHaveText('Request sent');
  return (await page.getByText(/^CR-[2-9A-Z]{6}$/).innerText()).trim();
}

/**
 * Sends the request in its own browser context (the patient's device) choosing "Call me to arrange a time".
 * `arrive` brings the patient to the form's start page (by default straight from the recovery page's link).
 */
export async function requestCallBack(
  browser: Browser,
  p: Pick<Patient, 'first' | 'last' | 'email' | 'phone'>,
  arrive?: (page: Page) => Promise<unknown>,
): Promise<void> {
  const context = await browser.newContext();
  await sendRequest(await context.newPage(), p, { arrive });
  await context.close();
}
