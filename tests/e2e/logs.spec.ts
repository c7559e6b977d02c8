// The server's log (issue 12): a whole journey — a patient sends a request and is emailed, another patient's
// request fails deep in the database (whose error message carries her details), the front desk signs in and
// opens the first one — and then every line the server wrote is read back. Each is a JSON object with a
// level; each of the product's own lines written inside a request carries its request id, and the failed
// action's line carries the one the patient was shown; none holds either patient's name, email address,
// phone number or message, in any spelling the product stores.
import { readFileSync } from 'node:fs';
import { expect as baseExpect, test } from '@playwright/test';
import { e2eServerLogFile, FAULT_EMAIL_DOMAIN } from '../support/e2e-server-config';
import { waitForEmail } from './support/email';
import { answerWarningSigns, askToBeCalledAndSend, fillDetails, fillPain, newPatient, type Patient } from './support/patient';
import { signInAs } from '../support/staff';

const expect = baseExpect.configure({ timeout: 15_000 });
const port = Number(process.env.E2E_PORT ?? 3210);

type LogLine = { level?: unknown; msg?: unknown; component?: unknown; requestId?: unknown; [key: string]: unknown };

/** The spellings of a patient's details that could reach a log: as typed, normalized, and in pieces. */
function personalValues(p: Patient, message: string): string[] {
  const digits = p.phone.replace(/\D/g, '');
  return [p.first === 'Rosa' ? null : p.first, p.last, p.fullName, p.email, p.email.toLowerCase(), p.phone, digits, `+1${digits}`, message].filter(
    (v): v is string => Boolean(v),
  );
}

test('a whole journey leaves JSON lines with request ids and none of the patients’ details', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const sent = newPatient('logs');
  const sentMessage = `My knee locks on the stairs ${sent.last}`;
  const failed: Patient = { ...newPatient('logsfail') };
  failed.email = `rosa.${failed.last.replace(/\W/g, '').toLowerCase()}@${FAULT_EMAIL_DOMAIN}`;
  const failedMessage = `Numb toes since spring ${failed.last}`;
  let failedRequestId = '';

  for (const [patient, message] of [
    [sent, sentMessage],
    [failed, failedMessage],
  ] as const) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto('/consult?from=logs');
    await p.getByRole('button', { name: /Start now/ }).click();
    await fillDetails(p, patient);
    await p.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(p);
    await p.getByRole('button', { name: 'Continue' }).click();
    await fillPain(p, { message });
    await p.getByRole('button', { name: 'Continue' }).click();
    await askToBeCalledAndSend(p);
    if (patient === sent) {
      await expect(p.getByRole('heading', { level: 1 })).toHaveText('Request sent');
    } else {
      await expect(p.getByRole('heading', { level: 1 })).toHaveText('Sorry, that did not work');
      const requestId = await p.locator('strong.font-mono').first().textContent();
      expect(requestId).toMatch(/^[A-Z0-9-]{8,}$/);
      failedRequestId = requestId!;
    }
    await context.close();
  }
  await waitForEmail(page, sent.email, /.+/);

  await signInAs(page, 'staff');
  await page.getByLabel('Search by name, email or phone').fill(sent.last);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('link', { name: sent.fullName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sent.fullName);

  const all = readFileSync(e2eServerLogFile(port), 'utf8').split('\n').filter((l) => l.trim() !== '');
  // `next start` prints its banner (version, addresses, "Ready") before the app's code loads: those few plain
  // lines come first, and nothing else may be plain.
  const firstJson = all.findIndex((l) => l.startsWith('{'));
  const banner = all.slice(0, firstJson).map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
  expect(banner.every((l) => /^(▲ Next\.js |- (Local|Network): |✓ )/.test(l))).toBe(true);
  const lines = all.slice(firstJson);
  const parsed = lines.map((line) => {
    try {
      return JSON.parse(line) as LogLine;
    } catch {
      return { unparsed: line } as LogLine;
    }
  });
  expect(parsed.filter((l) => 'unparsed' in l).map((l) => l.unparsed)).toEqual([]);
  expect(parsed.every((l) => typeof l.level === 'string' && typeof l.msg === 'string')).toBe(true);

  // The failed action is logged once, under the id the patient was shown, by its kind only.
  const failure = parsed.filter((l) => l.requestId === failedRequestId);
  expect(failure.map((l) => [l.component, l.msg])).toContainEqual(['action', 'server action failed']);
  // Every request the proxy saw has its line, and every line the product wrote about a request names it.
  const requests = parsed.filter((l) => l.component === 'request' && l.msg === 'request received');
  expect(requests.length).toBeGreaterThan(10);
  expect(requests.map((l) => l.path)).toEqual(expect.arrayContaining(['/consult/details', '/consult/check', '/dashboard']));
  expect(parsed.filter((l) => l.component === 'action' || l.component === 'request').every((l) => typeof l.requestId === 'string')).toBe(true);
  // (An id can appear twice: a server action that redirects has Next.js render the next page within the same
  // request, which passes through the proxy again with the id it already has.)
  expect(requests.every((l) => /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(String(l.requestId)))).toBe(true);

  const text = lines.join('\n').toLowerCase();
  const leaked = [...personalValues(sent, sentMessage), ...personalValues(failed, failedMessage)].filter((v) => text.includes(v.toLowerCase()));
  expect(leaked).toEqual([]);
  console.log(`logs: ${lines.length} lines read after the ${banner.length}-line start-up banner, all JSON; 0 of ${personalValues(sent, sentMessage).length + personalValues(failed, failedMessage).length} personal values found`);
});
