// Screenshots of how appointment times read to a patient in New York booking at the Los Angeles clinic (issue 17),
// at phone and desktop widths: the details step, the time step, the check page, the confirmation, the manage page
// and the confirmation email (its HTML from the fake Resend's inbox). For looking at, not a test:
//   npx tsx scripts/shoot-times.ts http://localhost:3910 3911
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, findChromium } from '../tests/support/browser';
import { answerWarningSigns, fillDetails, fillPain } from '../tests/e2e/support/patient';

const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

async function book(page: Page, base: string, email: string, shot: (name: string) => Promise<unknown>) {
  await page.goto(`${base}/consult`);
  await page.getByRole('button', { name: /Start now/ }).click();
  await fillDetails(page, { first: 'Maria', last: 'Lopez', email, phone: '(323) 555-0142' });
  await shot('1-details');
  await page.getByRole('button', { name: 'Continue' }).click();
  await answerWarningSigns(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await fillPain(page, { surgeryRecommended: 'No', message: null });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForSelector('text=Choose a time for your consultation');
  await shot('2-time');
  await page.locator('input[name="slot"]:not([value="call"])').nth(email.startsWith('phone') ? 7 : 3).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForSelector('text=Check your answers');
  await shot('3-check');
  await page.getByLabel(/can contact me/).check();
  await page.getByLabel(/I have read the/).check();
  await page.getByRole('button', { name: 'Accept and send' }).click();
  await page.waitForSelector('text=Your reference number');
  await shot('4-confirmation');
  await page.getByRole('link', { name: /View, change or cancel/ }).click();
  await page.waitForSelector('h1:text("Your consultation")');
  await shot('5-manage');
}

async function main() {
  const base = process.argv[2] ?? 'http://localhost:3910';
  const fakePort = process.argv[3] ?? '3911';
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: chromiumArgs });
  for (const [name, viewport] of Object.entries(WIDTHS)) {
    const page = await browser.newPage({ viewport });
    const shot = (step: string) => page.screenshot({ path: `screenshots/times-${name}-${step}.png`, fullPage: true });
    const email = `${name}.times.${Date.now()}@example.com`;
    await book(page, base, email, shot);
    let html: string | null = null;
    for (let i = 0; i < 40 && !html; i++) {
      const res = await page.request.get(`http://127.0.0.1:${fakePort}/_fake/messages?to=${encodeURIComponent(email)}`);
      const found = ((await res.json()) as { subject: string; html: string | null }[]).find((m) => /booked/i.test(m.subject));
      html = found?.html ?? null;
      if (!html) await page.waitForTimeout(500);
    }
    if (html) {
      await page.setContent(html);
      await shot('6-email');
    }
    await page.close();
  }
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
