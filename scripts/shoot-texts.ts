// Screenshots of the text-message parts (for looking at, not a test), against the e2e server (which starts a fake
// Twilio): the form's contact step at phone and desktop width (and its error for a non-US number), then a patient
// who chose text, their STOP-free reply, and the lead's page with its texts, at both widths.
//   npx tsx scripts/shoot-texts.ts http://localhost:3660 http://127.0.0.1:3662
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, findChromium } from '../tests/support/browser';
import { E2E_DEMO_PASSWORD } from '../tests/support/e2e-server-config';

const widths = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
];

async function details(page: Page, base: string, phone: string) {
  await page.goto(`${base}/consult?from=recovery`);
  await page.getByRole('button', { name: /Start now/ }).click();
  await page.getByLabel('First name').fill('Maria');
  await page.getByLabel('Last name').fill(`Texter ${Date.now().toString(36)}`);
  await page.getByLabel('Email address').fill(`maria.${Date.now().toString(36)}@example.com`);
  await page.getByLabel('What number do you want us to call you on?').fill(phone);
  await page.getByRole('group', { name: 'How would you like us to contact you?' }).getByLabel('Text message').check();
  await page.getByLabel('Any time').check();
  await page.getByLabel('Your time zone').selectOption('America/New_York');
}

async function main() {
  const base = process.argv[2] ?? 'http://localhost:3660';
  const fake = process.argv[3] ?? 'http://127.0.0.1:3662';
  mkdirSync('screenshots', { recursive: true });
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: chromiumArgs });
  for (const w of widths) {
    const page = await browser.newPage({ viewport: { width: w.width, height: w.height } });
    await details(page, base, '+44 20 7946 0958');
    await page.screenshot({ path: `screenshots/texts-contact-step-${w.name}.png`, fullPage: true });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('text=There is a problem');
    await page.screenshot({ path: `screenshots/texts-contact-step-error-${w.name}.png`, fullPage: true });
    await page.close();
  }
  // One patient who chose text and booked a time.
  const patient = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const phone = '(323) 555-0177';
  await details(patient, base, phone);
  const last = await patient.getByLabel('Last name').inputValue();
  await patient.getByRole('button', { name: 'Continue' }).click();
  const groups = patient.getByRole('group').filter({ has: patient.getByLabel('I’m not sure') });
  await groups.first().waitFor();
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByLabel('No', { exact: true }).check();
  await patient.getByRole('button', { name: 'Continue' }).click();
  await patient.getByLabel('Lower back').check();
  await patient.getByLabel('More than a year').check();
  await patient.getByRole('group', { name: /How bad/ }).getByLabel('5', { exact: true }).check();
  await patient.getByRole('group', { name: /recommended surgery/ }).getByLabel('No', { exact: true }).check();
  await patient.getByRole('button', { name: 'Continue' }).click();
  await patient.locator('input[name="slot"]:not([value="call"])').nth(15).check();
  await patient.getByRole('button', { name: 'Continue' }).click();
  await patient.getByLabel(/can contact me/).check();
  await patient.getByLabel(/I have read the/).check();
  await patient.getByRole('button', { name: 'Accept and send' }).click();
  await patient.waitForSelector('text=Your reference number');
  await patient.waitForTimeout(3000);
  await patient.request.post(`${fake}/_fake/reply`, { data: { from: '+13235550177', body: 'Is there parking at the clinic?' } });
  await patient.close();
  for (const w of widths) {
    const page = await browser.newPage({ viewport: { width: w.width, height: w.height } });
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(`/dashboard?q=${last}`)}`);
    await page.getByLabel('Email address').fill('frontdesk@example.com');
    await page.getByLabel('Password', { exact: true }).fill(E2E_DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await page.screenshot({ path: `screenshots/texts-inbox-${w.name}.png` });
    await page.getByRole('link', { name: `Maria ${last}` }).click();
    await page.waitForSelector('h2:text("Texts")');
    await page.screenshot({ path: `screenshots/texts-lead-${w.name}.png`, fullPage: true });
    await page.close();
  }
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
