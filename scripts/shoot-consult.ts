// Screenshots of every step of the consultation form at phone width (for looking at, not a test):
//   npx tsx scripts/shoot-consult.ts http://localhost:3000
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../tests/support/browser';

async function main() {
  const base = process.argv[2] ?? 'http://localhost:3000';
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const shot = async (name: string) => page.screenshot({ path: `screenshots/consult-${name}.png`, fullPage: true });
  await page.goto(`${base}/consult?from=recovery`);
  await shot('0-start');
  await page.getByRole('button', { name: /Start now/ }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForSelector('text=There is a problem');
  await shot('1-details-errors');
  await page.getByLabel('First name').fill('Maria');
  await page.getByLabel('Last name').fill('Lopez');
  await page.getByLabel('Email address').fill('maria.lopez@example.com');
  await page.getByLabel('What number do you want us to call you on?').fill('(323) 555-0142');
  await page.getByLabel('Phone call').check();
  await page.getByLabel('Any time').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForSelector('text=Do you have any of these warning signs?');
  const groups = page.getByRole('group').filter({ has: page.getByLabel('I’m not sure') });
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByLabel(i === 2 ? 'Yes' : 'No', { exact: true }).check();
  await shot('2-warning-signs');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForSelector('text=You may need urgent help');
  await shot('3-urgent');
  await page.getByRole('link', { name: 'Continue with my request' }).click();
  await page.waitForSelector('h1:text("About your pain")');
  await shot('4-pain');
  await page.getByLabel('Lower back').check();
  await page.getByLabel('More than a year').check();
  await page.getByRole('group', { name: /How bad/ }).getByLabel('7', { exact: true }).check();
  await page.getByLabel('Injections').check();
  await page.getByRole('group', { name: /recommended surgery/ }).getByLabel('Yes', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForSelector('text=Choose a time for your consultation');
  await shot('5-time');
  await page.locator('input[name="slot"]').nth(3).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForSelector('text=Check your answers');
  await shot('6-check');
  await page.getByLabel(/can contact me/).check();
  await page.getByLabel(/I have read the/).check();
  await page.waitForTimeout(6000);
  await page.getByRole('button', { name: 'Accept and send' }).click();
  await page.waitForSelector('text=Your reference number');
  await shot('7-confirmation');
  await page.getByRole('link', { name: /View, change or cancel/ }).click();
  await page.waitForSelector('h1:text("Your consultation")');
  await shot('8-manage');
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
