// The longest answers a person may legally type, in several scripts at once (é, 中文, العربية, emoji, full-width
// digits), through every step of the consultation form, the check page and one of its "Change" links, with
// JavaScript on and off: every answer reaches the database intact, and the draft's row is gone once sent. Also:
// one character over a limit is refused with the field's own message (what was typed still on the page), and a
// post too big for the server gets the 413 page that leads back to the step (Content-Length or chunked); and a
// draft the database cannot save keeps the step and everything typed, with a message.
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db/client';
import { e2eDatabaseFile } from '../support/e2e-server-config';
import { answerWarningSigns, fillDetails, fillPain } from './support/patient';

// Whole page loads of long pages, on a two-core machine shared with other tests.
const expect = baseExpect.configure({ timeout: 15_000 });
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

const NAME_MAX = 100;
const EMAIL_MAX = 254;
const PHONE_MAX = 50;
const MESSAGE_MAX = 2000;

/** Characters as a person counts them (code points), as the form's counter and the server do. */
const chars = (text: string) => [...text].length;

/** `n` characters of mixed scripts, starting and ending with a letter (the form trims spaces at the ends). */
function mixed(n: number, lines = false): string {
  const pieces = ['é', '中', '文', 'ع', 'ر', 'ب', 'ي', 'ة', '😀', '👍🏽', ' ', 'ñ', 'ü', '字'];
  if (lines) pieces.push('\n');
  const out: string[] = ['É'];
  for (let i = 0; chars(out.join('')) < n - 1; i++) out.push(pieces[i % pieces.length]!);
  let text = out.join('');
  // 👍🏽 is two code points: trim to n - 1, then end with a letter.
  while (chars(text) > n - 1) text = [...text].slice(0, n - 1).join('');
  return `${text}字`;
}

let counter = 0;
function longAnswers() {
  counter++;
  const id = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
  const domain = `${'d'.repeat(50)}.example.com`;
  const local = `long.${id}.`;
  const email = `${local}${'a'.repeat(EMAIL_MAX - local.length - 1 - domain.length)}@${domain}`;
  // A real number in full-width digits with an extension, spaced out to the limit.
  const core = '+1 (３２３) ５５５-０１４２ ext. 1234567';
  const phone = core.replace(' ext.', `${' '.repeat(PHONE_MAX - core.length)} ext.`);
  return { id, first: mixed(NAME_MAX), last: `${id}${mixed(NAME_MAX - id.length)}`, email, phone, message: mixed(MESSAGE_MAX, true) };
}

test('the answers are as long as the form allows, and exactly that', () => {
  const a = longAnswers();
  expect([chars(a.first), chars(a.last), a.email.length, chars(a.phone), chars(a.message)]).toEqual([NAME_MAX, NAME_MAX, EMAIL_MAX, PHONE_MAX, MESSAGE_MAX]);
  expect(Buffer.byteLength(a.message)).toBeGreaterThan(4 * 1024);
});

/** Reads the e2e server's database (PostgreSQL: tests/support/e2e-server.ts names it in a file). */
async function query<T>(baseURL: string | undefined, run: (db: Awaited<ReturnType<typeof openPostgres>>['db']) => Promise<T>): Promise<T> {
  const { url } = JSON.parse(readFileSync(e2eDatabaseFile(Number(new URL(baseURL!).port)), 'utf8')) as { url: string };
  const handle = await openPostgres(url, { max: 1 });
  try {
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

/** The rows of a raw query (postgres.js answers with an array). */
const rowsOf = <T = Record<string, unknown>>(result: unknown) => Array.from(result as T[]);

const draftIdOf = (token: string) => createHash('sha256').update(`consult-draft:${token}`).digest('base64url');

async function draftToken(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'consult_draft');
  expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return cookie!.value;
}

/** Through the first two steps with these answers, to the pain step with its choices made (message not yet). */
async function toPainStep(page: Page, a: ReturnType<typeof longAnswers>) {
  await page.goto('/consult');
  await page.getByRole('button', { name: /Start now/ }).click();
  await fillDetails(page, a);
  await page.getByRole('button', { name: 'Continue' }).click();
  await answerWarningSigns(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await fillPain(page, { surgeryRecommended: 'No', message: null });
}

const message = (page: Page) => page.getByLabel(/Is there anything else/);
const errorSummary = (page: Page) => page.getByRole('alert').filter({ hasText: 'There is a problem' });

for (const javaScript of [true, false]) {
  test.describe(`the longest answers, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('every answer at its limit in several scripts reaches the database intact; one more character is refused', { tag: '@once' }, async ({ page, baseURL }) => {
      test.slow();
      const a = longAnswers();
      await page.goto('/consult');
      await page.getByRole('button', { name: /Start now/ }).click();

      // One character too many in a name: refused with its own message, everything typed still there.
      await fillDetails(page, { ...a, first: `${a.first}é` });
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(errorSummary(page)).toContainText('First name must be 100 characters or fewer');
      await expect(page.getByLabel('First name')).toHaveValue(`${a.first}é`);
      await expect(page.getByLabel('Last name')).toHaveValue(a.last);
      await expect(page.getByLabel('What number do you want us to call you on?')).toHaveValue(a.phone);
      await page.getByLabel('First name').fill(a.first);
      await page.getByRole('button', { name: 'Continue' }).click();

      await answerWarningSigns(page);
      await page.getByRole('button', { name: 'Continue' }).click();

      // The message one emoji over: refused with its message and kept on the page; the counter agrees.
      await fillPain(page, { surgeryRecommended: 'No', message: `${a.message}😀` });
      if (javaScript) await expect(page.getByText('You have 1 character too many')).toBeVisible();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(errorSummary(page)).toContainText('Your message must be 2,000 characters or fewer');
      await expect(message(page)).toHaveValue(`${a.message}😀`);
      await message(page).fill(a.message);
      if (javaScript) await expect(page.getByText('You can enter up to 2,000 characters')).toBeVisible();
      await page.getByRole('button', { name: 'Continue' }).click();

      await expect(h1(page)).toHaveText('Choose a time for your consultation');
      await page.getByLabel('Call me to arrange a time').check();
      await page.getByRole('button', { name: 'Continue' }).click();

      await expect(h1(page)).toHaveText('Check your answers before sending your request');
      const row = (label: string) => page.locator('dl > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd').first();
      await expect(row('Name')).toHaveText(`${a.first} ${a.last}`);
      await expect(row('Email address')).toHaveText(a.email);
      await expect(row('Phone number')).toHaveText(a.phone);
      // The DOM's text, as stored: the page shows line breaks as such (white-space: pre-line).
      expect(await row('Anything else').textContent()).toBe(a.message);

      // A "Change" link: the step shows every answer as kept, and leads back to the check page.
      await page.getByRole('link', { name: 'Change anything else' }).click();
      await expect(h1(page)).toHaveText('About your pain');
      await expect(message(page)).toHaveValue(a.message);
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(h1(page)).toHaveText('Check your answers before sending your request');
      await page.getByRole('link', { name: 'Change name' }).click();
      await expect(page.getByLabel('First name')).toHaveValue(a.first);
      await expect(page.getByLabel('Last name')).toHaveValue(a.last);
      await expect(page.getByLabel('Email address')).toHaveValue(a.email);
      await expect(page.getByLabel('What number do you want us to call you on?')).toHaveValue(a.phone);
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(h1(page)).toHaveText('Check your answers before sending your request');

      const token = await draftToken(page);
      const before = await query(baseURL, async (db) => {
        const [draft] = rowsOf<{ size: number }>(await db.execute(sql`select length(sealed) as size from consult_drafts where id = ${draftIdOf(token)}`));
        return Number(draft?.size ?? 0);
      });
      expect(before).toBeGreaterThan(2_000);
      await page.getByLabel(/can contact me about this request/).check();
      await page.getByLabel(/I have read the/).check();
      await page.getByRole('button', { name: 'Accept and send' }).click();
      await expect(h1(page)).toHaveText('Request sent');

      const stored = await query(baseURL, async (db) => {
        const rows = rowsOf(
          await db.execute(sql`
            select l.first_name, l.last_name, l.email, l.phone_e164, r.message
            from leads l join consultation_requests r on r.lead_id = l.id where l.email = ${a.email}`),
        );
        const [draft] = rowsOf<{ size: number }>(await db.execute(sql`select length(sealed) as size from consult_drafts where id = ${draftIdOf(token)}`));
        return { rows, draftSize: draft ? Number(draft.size) : null };
      });
      expect(stored.rows).toEqual([{ first_name: a.first, last_name: a.last, email: a.email, phone_e164: '+13235550142', message: a.message }]);
      // The draft is kept, marked sent, until it expires (a reload after a lost answer shows the confirmation),
      // but holds none of the answers: a fraction of what it held with them.
      expect(stored.draftSize).not.toBeNull();
      expect(stored.draftSize!).toBeLessThan(before / 4);
      await page.goto('/consult/check');
      await expect(h1(page)).toHaveText('Request sent');
    });
  });
}

/**
 * Makes saving this one draft fail, as a database that is down or read-only would (a trigger on its row only, so
 * no other test's draft is touched); the returned function takes the fault away.
 */
async function refuseToSave(baseURL: string | undefined, token: string): Promise<() => Promise<void>> {
  const name = `e2e_refuse_draft_${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
  await query(baseURL, async (db) => {
    await db.execute(sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$ begin raise exception 'e2e fault: draft not saved'; end $$`));
    await db.execute(sql.raw(`create trigger ${name} before update on consult_drafts for each row when (old.id = '${draftIdOf(token)}') execute function ${name}()`));
  });
  return () =>
    query(baseURL, async (db) => {
      await db.execute(sql.raw(`drop trigger ${name} on consult_drafts`));
      await db.execute(sql.raw(`drop function ${name}()`));
    });
}

for (const javaScript of [true, false]) {
  test.describe(`a draft that cannot be saved, JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('shows the step again with everything typed and says so; pressing Continue again once it works goes on', async ({ page, baseURL }) => {
      test.slow();
      const a = longAnswers();
      await toPainStep(page, a);
      await message(page).fill(a.message);

      const restore = await refuseToSave(baseURL, await draftToken(page));
      try {
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect(errorSummary(page)).toContainText('We could not save your answers just now. They are still here: press Continue again in a moment, or call us on');
        await expect(h1(page)).toHaveText('About your pain');
        await expect(message(page)).toHaveValue(a.message);
        await expect(page.getByRole('group', { name: 'Where is your pain worst?' }).getByLabel('Lower back')).toBeChecked();
        await expect(page.getByLabel('Physical therapy')).toBeChecked();
      } finally {
        await restore();
      }
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(h1(page)).toHaveText('Choose a time for your consultation');
      await page.getByRole('link', { name: 'Back' }).click();
      await expect(message(page)).toHaveValue(a.message);
    });
  });
}

test.describe('a post too big for the server', () => {
  test.use({ javaScriptEnabled: false });

  test('gets the 413 page, which keeps the earlier answers and leads back to the step', { tag: '@once' }, async ({ page }) => {
    test.slow();
    const a = longAnswers();
    await toPainStep(page, a);
    // Pasted many times over: over a megabyte.
    await message(page).fill('中文 العربية é 😀 '.repeat(40_000));
    const response = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/consult/pain');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect((await response).status()).toBe(413);
    await expect(h1(page)).toHaveText('Your answer was too long to send');
    await expect(page.getByText('The answers you gave on earlier pages are kept.')).toBeVisible();
    await page.getByRole('link', { name: 'Go back to your answers' }).click();
    await expect(h1(page)).toHaveText('About your pain');
    await page.getByRole('link', { name: 'Back' }).click();
    await expect(h1(page)).toHaveText('Do you have any of these warning signs?');
    await page.getByRole('link', { name: 'Back' }).click();
    await expect(page.getByLabel('First name')).toHaveValue(a.first);
  });

  test('sent chunked, with no Content-Length, gets the same 413 page @api', async ({ baseURL }) => {
    const url = new URL('/consult/pain', baseURL);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Transfer-Encoding': 'chunked',
            Origin: url.origin,
            Referer: `${url.origin}/consult/pain?returnTo=check`,
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      const chunk = `message=${'a'.repeat(64 * 1024)}`;
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Your answer was too long to send');
    expect(answer.body).toContain('href="/consult/pain?returnTo=check"');
  });
});
