import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/axe';
import { answerWarningSigns, askToBeCalledAndSend, fillDetails, fillPain, newPatient, sendRequest } from './support/patient';
import { waitForEmail } from './support/email';

// Desktop and phone runs share one server: each test books its own slots so they never collide.
const slotOffset = (projectName: string, base: number) => base + (projectName === 'phone' ? 35 : 0);

/** "9:00am" for an instant in a zone, written with Intl here so the test does not lean on the app's own formatter. */
function clockIn(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', hour12: true }).format(new Date(iso));
  return text.replace(/\s*([AP])M$/u, (_, x: string) => `${x.toLowerCase()}m`);
}

/**
 * A slot radio as the patient sees it, and the words every later page and email must use for it: the Los Angeles
 * clinic's time with "Pacific Time", the patient's New York time in brackets (the patient chose New York).
 */
async function slotWords(page: Page, slot: Locator): Promise<{ label: string; when: string }> {
  const iso = (await slot.getAttribute('value'))!;
  const label = await page.locator(`label[for="${await slot.getAttribute('id')}"]`).innerText();
  const day = await slot.locator('xpath=ancestor::fieldset[1]/legend').innerText();
  const clinic = clockIn(iso, 'America/Los_Angeles');
  const own = clockIn(iso, 'America/New_York');
  expect(label).toContain(`${clinic} Pacific`);
  expect(label).toContain(`${own} your time, Eastern`);
  return { label, when: `${day}, ${clinic} Pacific Time (${own} your time, Eastern)` };
}

let counter = 0;
function person() {
  counter++;
  const id = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
  return { first: 'Dana', last: `Tester ${id}`, email: `dana.${id}@example.com`, phone: `(323) 555-01${String(10 + (counter % 89)).padStart(2, '0')}` };
}

test.describe('requesting a consultation', () => {
  test('from a guide page to a booked slot, then reschedule and cancel through the private link', async ({ page }, testInfo) => {
    test.slow();
    const p = person();
    await page.goto('/guide/risks-and-outcomes');
    await page.getByRole('main').getByRole('link', { name: 'Request a consultation' }).click();
    await expect(page).toHaveURL('/consult?from=risks-and-outcomes');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /Start now/ }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your contact details');
    await expect(page.getByText('Step 1 of 5: Your details')).toBeVisible();
    await expectNoAxeViolations(page);
    await fillDetails(page, p);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Do you have any of these warning signs?');
    await expectNoAxeViolations(page);
    await answerWarningSigns(page);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('About your pain');
    await expectNoAxeViolations(page);
    await fillPain(page);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a time for your consultation');
    await expectNoAxeViolations(page);
    // In person at the clinic: its local time, said in words, and the patient's own beside it.
    await expect(page.getByText('All times are Pacific Time, the clinic’s local time')).toBeVisible();
    const firstSlot = page.locator('input[name="slot"]').nth(slotOffset(testInfo.project.name, 0));
    const { when } = await slotWords(page, firstSlot);
    await firstSlot.check();
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your request');
    await expectNoAxeViolations(page);
    await expect(page.getByText(when)).toBeVisible();
    await expect(page.getByText(p.email)).toBeVisible();
    await page.getByLabel(/can contact me about this request/).check();
    await page.getByLabel(/I have read the/).check();
    await page.getByRole('button', { name: 'Accept and send' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consultation booked');
    await expectNoAxeViolations(page);
    await expect(page.getByText(/^CR-[2-9A-Z]{6}$/)).toBeVisible();
    await expect(page.getByText(when)).toBeVisible();
    const ics = await page.request.get((await page.getByRole('link', { name: 'Add to your calendar' }).getAttribute('href'))!);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('BEGIN:VEVENT');

    // The confirmation email arrives with the calendar file and the private link, and says nothing about health.
    const email = await waitForEmail(page, p.email, /consultation/i);
    expect(email.attachments.map((a) => a.filename)).toContain('consultation.ics');
    expect(email.subject).toContain(when);
    expect(email.text).toContain(when);
    expect(`${email.subject} ${email.text}`).not.toMatch(/second opinion|lower back|pain level|physical therapy/i);
    const manageLink = /https?:\/\/[^\s"<>]+\/consult\/manage\/[^\s"<>]+/.exec(email.text ?? '')?.[0];
    expect(manageLink).toBeTruthy();
    await page.goto(new URL(manageLink!).pathname);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your consultation');
    await expect(page.getByText(when)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Change the time' }).click();
    await expectNoAxeViolations(page);
    const newSlot = page.locator('input[name="slot"]').nth(slotOffset(testInfo.project.name, 10));
    const moved = await slotWords(page, newSlot);
    await newSlot.check();
    await page.getByRole('button', { name: 'Move my consultation' }).click();
    await expect(page.getByText('Your consultation has been moved.')).toBeVisible();
    await expect(page.getByText(moved.when)).toBeVisible();

    await page.getByRole('link', { name: 'Cancel this consultation' }).click();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Yes, cancel my consultation' }).click();
    await expect(page.getByText('Your consultation has been cancelled.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Request a new consultation' })).toBeVisible();
  });

  test('every question shows its own message, keeps what was typed, and links from the error summary', async ({ page }) => {
    await page.goto('/consult');
    await page.getByRole('button', { name: /Start now/ }).click();
    await page.getByLabel('First name').fill('Ana');
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByLabel('What number do you want us to call you on?').fill('(555) 123-4567');
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.getByRole('alert', { name: 'There is a problem' });
    await expect(summary.getByRole('heading')).toHaveText('There is a problem');
    await expect(summary).toBeFocused();
    for (const message of [
      'Enter your last name',
      'Enter an email address in the correct format, like name@example.com',
      'Enter a phone number in the correct format, like 323 555 0142',
      'Select how you would like us to contact you',
      'Select the best time to call you',
    ]) {
      await expect(summary.getByRole('link', { name: message })).toBeVisible();
      await expect(page.locator('form').getByText(message)).toBeVisible();
    }
    await expect(page.getByLabel('First name')).toHaveValue('Ana');
    await expect(page.getByLabel('Email address')).toHaveValue('not-an-email');
    await expect(page).toHaveTitle(/^Error: /);
    await summary.getByRole('link', { name: 'Enter your last name' }).click();
    await expect(page.getByLabel('Last name')).toBeFocused();
    await expectNoAxeViolations(page);
  });

  test('a warning sign shows the emergency advice straight away, and the request is still accepted as urgent', async ({ page }) => {
    const p = person();
    await page.goto('/consult');
    await page.getByRole('button', { name: /Start now/ }).click();
    await fillDetails(page, p);
    await page.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(page, 'Yes', 2);
    // With JavaScript the advice appears as soon as "Yes" is chosen, before anything is sent.
    await expect(page.getByRole('region', { name: /Immediate action required/ })).toContainText('Call 911');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You may need urgent help');
    await expect(page.getByRole('region', { name: /Immediate action required/ })).toContainText('weakness or numbness');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Continue with my request' }).click();
    await fillPain(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await askToBeCalledAndSend(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request sent');
    await expect(page.getByText('your request is marked urgent')).toBeVisible();
  });
});

test.describe('an answer lost after sending', () => {
  test('reloading a step of a request already sent shows its confirmation, never the form to send twice', async ({ page, context }) => {
    const reference = await sendRequest(page, newPatient('lost'));
    // As if the answer to "Accept and send" never arrived: its confirmation cookie with it.
    await context.clearCookies({ name: 'consult_done' });
    for (const step of ['/consult/check', '/consult/details']) {
      await page.goto(step);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request sent');
      await expect(page.getByText(reference)).toBeVisible();
    }
    // The start page offers a new request, not "Continue your request".
    await page.goto('/consult');
    await expect(page.getByRole('button', { name: /Start now/ })).toBeVisible();
  });
});

test.describe('two people and one slot', () => {
  test('the second to send is told the time was just taken and offered the nearest free times', async ({ browser }, testInfo) => {
    // Two whole journeys in one test, on a two-core machine that also runs the server.
    test.setTimeout(180_000);
    // From the end of the first page of times, away from the slots the other tests book.
    const index = testInfo.project.name === 'phone' ? -2 : -1;
    const contexts = [await browser.newContext(), await browser.newContext()];
    const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
    let chosen: string | null = null;
    for (const page of [a!, b!]) {
      await page.goto('/consult');
      await page.getByRole('button', { name: /Start now/ }).click();
      await fillDetails(page, person());
      await page.getByRole('button', { name: 'Continue' }).click();
      await answerWarningSigns(page);
      await page.getByRole('button', { name: 'Continue' }).click();
      await fillPain(page);
      await page.getByRole('button', { name: 'Continue' }).click();
      // Both choose the very same time (the list itself may shift while other tests book).
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a time for your consultation');
      chosen ??= await page.locator('input[name="slot"]:not([value="call"])').nth(index).getAttribute('value');
      await page.locator(`input[name="slot"][value="${chosen}"]`).first().check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your request');
      await page.getByLabel(/can contact me about this request/).check();
      await page.getByLabel(/I have read the/).check();
    }
    await a!.getByRole('button', { name: 'Accept and send' }).click();
    await expect(a!.getByRole('heading', { level: 1 })).toHaveText('Consultation booked');
    await b!.getByRole('button', { name: 'Accept and send' }).click();
    await expect(b!.getByRole('heading', { level: 1 })).toHaveText('Choose a time for your consultation');
    await expect(b!.getByRole('status')).toContainText('is no longer free');
    const nearest = b!.getByRole('group', { name: 'Nearest free times' }).locator('input[name="slot"]');
    await expect(nearest).toHaveCount(3);
    await nearest.first().check();
    await b!.getByRole('button', { name: 'Continue' }).click();
    await b!.getByRole('button', { name: 'Accept and send' }).click();
    await expect(b!.getByRole('heading', { level: 1 })).toHaveText('Consultation booked');
    await Promise.all(contexts.map((c) => c.close()));
  });
});

test.describe('requesting a consultation without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the whole path works as plain forms, and errors keep what was typed', async ({ page }, testInfo) => {
    const p = person();
    await page.goto('/consult?from=recovery');
    await page.getByRole('button', { name: /Start now/ }).click();
    await page.getByLabel('First name').fill(p.first);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('Enter your last name');
    await expect(page.getByLabel('First name')).toHaveValue(p.first);
    await fillDetails(page, p);
    await page.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await fillPain(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a time for your consultation');
    await page.locator('input[name="slot"]').nth(slotOffset(testInfo.project.name, 5)).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your request');
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('Confirm we can contact you about your request');
    await page.getByLabel(/can contact me about this request/).check();
    await page.getByLabel(/I have read the/).check();
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consultation booked');
  });
});
