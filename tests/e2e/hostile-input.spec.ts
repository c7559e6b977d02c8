// Hostile input over real HTTP against the production server: a few hundred generated posts per public entry
// point (the 10,000-case runs against the layer that decides are in tests/integration/hostile-input.test.ts).
// Never a 5xx, never the "something failed" problem page: the product's own field errors or refusals instead;
// nothing stored when the input is refused. Then what a patient may legitimately type that is dangerous
// elsewhere (script tags, an attribute break-out, a right-to-left override, combining marks) is sent, stored,
// and shown as text in the dashboard and in the email the worker sends. Run once, at desktop size (@api).
import { expect, test, type APIResponse, type Browser, type Page } from '@playwright/test';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { E2E_WEBHOOK_SECRET } from '../support/e2e-server-config';
import { BAD_DATES, hostileString, NASTY_TEXT } from '../support/hostile';
import { waitForEmail } from './support/email';
import { answerWarningSigns, askToBeCalledAndSend, fillDetails, fillPain, newPatient } from './support/patient';
import { signInAs } from '../support/staff';

/**
 * Generated cases per entry point over HTTP: enough to meet every kind of hostile value (the 10,000-case runs are
 * the integration layer's), cheap enough for CI on two cores. E2E_HOSTILE_RUNS raises it for a longer local run.
 */
const HTTP_RUNS = Number(process.env.E2E_HOSTILE_RUNS ?? 100);
const generated: Record<string, number> = {};

test.afterAll(() => {
  console.log(`hostile input over HTTP, generated requests per entry point: ${JSON.stringify(generated)}`);
});

test.describe.configure({ mode: 'serial' });

/** A value as a form post can carry it: a string, a repeated key, a file where text belongs, or nothing. */
const postedValue = (good: string): fc.Arbitrary<string | string[] | { file: string } | undefined> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(good) },
    // Over HTTP a NUL cannot be in a header, but it can be in a form field: hostileString has them.
    { weight: 4, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.constant(good), hostileString), { minLength: 2, maxLength: 3 }) },
    { weight: 1, arbitrary: hostileString.map((s) => ({ file: s.slice(0, 1000) })) },
  );

type Posted = Record<string, string | string[] | { file: string } | undefined>;

/** A form's own fields (hidden action fields included) as the browser would post them, JavaScript off. */
async function formFields(page: Page, button: string): Promise<{ url: string; fields: [string, string][] }> {
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: button, exact: true }) });
  // The page may still be loading (JavaScript off: the click only starts the navigation): wait for its form.
  await form.waitFor();
  const fields: [string, string][] = [];
  for (const field of await form.locator('input[name], select[name], textarea[name]').all()) {
    const name = (await field.getAttribute('name'))!;
    const type = ((await field.getAttribute('type')) ?? '').toLowerCase();
    if (type === 'checkbox' || type === 'radio') {
      if (await field.isChecked()) fields.push([name, (await field.getAttribute('value')) ?? 'on']);
    } else fields.push([name, await field.inputValue()]);
  }
  return { url: new URL((await form.getAttribute('action')) || page.url(), page.url()).toString(), fields };
}

/** The form's hidden action fields, with the generated answers in place of its own. */
function multipart(hidden: [string, string][], posted: Posted): FormData {
  const data = new FormData();
  for (const [name, value] of hidden) if (name.startsWith('$ACTION')) data.append(name, value);
  for (const [name, value] of Object.entries(posted)) {
    if (value === undefined) continue;
    if (typeof value === 'string') data.append(name, value);
    else if (Array.isArray(value)) for (const v of value) data.append(name, v);
    else data.append(name, new File([value.file], 'x.txt', { type: 'text/plain' }));
  }
  return data;
}

/** The product answered: no 5xx, no bare error, and not the "something failed on our side" page. */
async function expectAnswered(res: APIResponse, what: string): Promise<void> {
  expect(res.status(), what).toBeLessThan(500);
  if (res.status() === 303 || res.status() === 307) {
    const location = new URL(res.headers().location ?? '/', 'http://x.invalid');
    expect(`${location.pathname}?why=${location.searchParams.get('why')}`, what).not.toBe('/problem?why=failed');
  } else {
    expect(await res.text(), what).not.toContain('Internal Server Error');
  }
}

/** What a browser sends with a form post of this site's own page. */
const sameOrigin = (url: string) => ({ origin: new URL(url).origin });

const tally = (name: string) => {
  generated[name] = (generated[name] ?? 0) + 1;
};

async function startForm(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto('/consult?from=recovery');
  await page.getByRole('button', { name: /Start now/ }).click();
  return page;
}

const STEP_ANSWERS: Record<string, Record<string, string>> = {
  details: { firstName: 'Rosa', lastName: 'Hostile', email: 'rosa.hostile@example.com', phone: '(323) 555-0142', preferredContact: 'phone', bestTimeToCall: 'any', timeZone: 'America/New_York', website: '' },
  'warning-signs': { bladder_bowel_control: 'no', groin_numbness: 'no', leg_weakness: 'no', fever: 'no', recent_trauma: 'no' },
  pain: { painArea: 'lower_back', painDuration: '3_to_12_months', painLevel: '6', treatmentsTried: 'physical_therapy', surgeryRecommended: 'no', message: 'It hurts' },
  time: { slot: 'call' },
};

test.describe('hostile input over HTTP', { tag: '@api' }, () => {
  test('each step of the consultation form answers every generated post with its own page or field errors', async ({ browser }) => {
    test.setTimeout(300_000);
    const page = await startForm(browser);
    for (const [step, answers] of Object.entries(STEP_ANSWERS)) {
      await page.goto(`/consult/${step}`);
      const { url, fields } = await formFields(page, 'Continue');
      const post = fc.record(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, postedValue(v)])));
      await fc.assert(
        fc.asyncProperty(post, async (posted) => {
          tally(`consult step: ${step}`);
          const res = await page.request.post(url, { headers: sameOrigin(url), multipart: multipart(fields, posted), maxRedirects: 0 });
          await expectAnswered(res, `${step} ${JSON.stringify(posted).slice(0, 200)}`);
        }),
        { numRuns: HTTP_RUNS },
      );
      // Whatever was sent, the step still works for a person: a good answer moves on.
      const res = await page.request.post(url, { multipart: multipart(fields, answers), maxRedirects: 0 });
      expect(res.status(), step).toBe(303);
    }
    await page.context().close();
  });

  test('"Accept and send" stores nothing while the answers are refused, then sends the one good request', async ({ browser }) => {
    test.setTimeout(200_000);
    const p = newPatient('hostile');
    const page = await startForm(browser);
    await fillDetails(page, p);
    await page.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await fillPain(page, { surgeryRecommended: 'No', message: null });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Call me to arrange a time').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const { url, fields } = await formFields(page, 'Accept and send');
    const refusedConsent = fc
      .record({ contactConsent: postedValue('yes'), privacyAcknowledged: postedValue('yes'), marketingOptIn: postedValue('yes') })
      // Both boxes ticked (as the first value sent) is a request the server accepts: not generated here.
      .filter((c) => !([c.contactConsent].flat()[0] === 'yes' && [c.privacyAcknowledged].flat()[0] === 'yes'));
    await fc.assert(
      fc.asyncProperty(refusedConsent, async (posted) => {
        tally('consult: accept and send');
        const res = await page.request.post(url, { headers: sameOrigin(url), multipart: multipart(fields, posted), maxRedirects: 0 });
        await expectAnswered(res, JSON.stringify(posted).slice(0, 200));
        // Refused with the form again (200), or over 1 MB with the "too long to send" page (413, nothing done);
        // never sent on.
        if (res.status() !== 200) {
          expect(res.status()).toBe(413);
          expect(await res.text()).toContain('Your answer was too long to send');
        }
      }),
      { numRuns: HTTP_RUNS },
    );
    // Had any of those been stored, the draft would be gone and this would land on "start again".
    const sent = await page.request.post(url, { multipart: multipart(fields, { contactConsent: 'yes', privacyAcknowledged: 'yes' }), maxRedirects: 0 });
    expect(sent.status()).toBe(303);
    expect(new URL(sent.headers().location!, page.url()).pathname).toBe('/consult/confirmation');
    await page.context().close();
  });

  test('the private manage link: hostile links and hostile new times change nothing', async ({ browser }) => {
    test.setTimeout(200_000);
    const p = newPatient('hostilemanage');
    const page = await startForm(browser);
    await fillDetails(page, p);
    await page.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await fillPain(page, { surgeryRecommended: 'No', message: null });
    await page.getByRole('button', { name: 'Continue' }).click();
    // Slot 45: other specs take 0–35 (tests/e2e/no-javascript.spec.ts), so no two tests want one time.
    await page.locator('input[name="slot"]:not([value="call"])').nth(45).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel(/can contact me about this request/).check();
    await page.getByLabel(/I have read the/).check();
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consultation booked');
    const email = await waitForEmail(page, p.email, /./);
    const manage = /\/consult\/manage\/[A-Za-z0-9._~%-]+/.exec(`${email.html ?? ''} ${email.text ?? ''}`)?.[0];
    expect(manage, 'the email has the private link').toBeTruthy();
    await page.goto(manage!);
    const before = await page.getByRole('main').innerText();

    await fc.assert(
      fc.asyncProperty(hostileString.filter((s) => s.length < 2000), async (token) => {
        tally('manage: hostile link');
        const path = `/consult/manage/${encodeURIComponent(token)}`;
        await expectAnswered(await page.request.get(path, { maxRedirects: 0 }), path.slice(0, 100));
        await expectAnswered(await page.request.get(`${path}/calendar.ics`, { maxRedirects: 0 }), `${path.slice(0, 100)}/calendar.ics`);
      }),
      { numRuns: HTTP_RUNS / 2 },
    );

    await page.goto(`${manage}/reschedule`);
    const { url, fields } = await formFields(page, 'Move my consultation');
    const badTime = fc.oneof(fc.constantFrom(...BAD_DATES), hostileString, fc.constant('call'));
    await fc.assert(
      fc.asyncProperty(fc.record({ slot: fc.oneof(badTime as fc.Arbitrary<Posted[string]>, fc.array(badTime, { minLength: 2, maxLength: 3 }), fc.constant(undefined)) }), async (posted) => {
        tally('manage: reschedule');
        const res = await page.request.post(url, { headers: sameOrigin(url), multipart: multipart(fields, posted), maxRedirects: 0 });
        await expectAnswered(res, JSON.stringify(posted).slice(0, 200));
      }),
      { numRuns: HTTP_RUNS },
    );
    await page.goto(manage!);
    expect(await page.getByRole('main').innerText()).toBe(before);
    await page.context().close();
  });

  test('unsubscribe and the webhook answer every generated request without a server error', async ({ page }) => {
    test.setTimeout(200_000);
    await fc.assert(
      fc.asyncProperty(hostileString.filter((s) => s.length < 2000), async (token) => {
        tally('unsubscribe');
        const path = `/api/unsubscribe/${encodeURIComponent(token)}`;
        const res = await page.request.post(path, { form: { 'List-Unsubscribe': 'One-Click' }, maxRedirects: 0 });
        await expectAnswered(res, path.slice(0, 100));
        // Refused as a link that is not ours (400), not found, or redirected (an empty one): never done.
        expect(res.status()).not.toBe(200);
        await expectAnswered(await page.request.get(`/unsubscribe/${encodeURIComponent(token)}`), `page ${path.slice(0, 100)}`);
      }),
      { numRuns: HTTP_RUNS },
    );

    // Signed with the server's own secret, so each body reaches the code that reads it.
    const webhook = new Webhook(E2E_WEBHOOK_SECRET);
    const json = fc.record({
      type: fc.oneof(fc.constantFrom('email.delivered', 'email.bounced', 'email.complained'), hostileString, fc.integer()),
      created_at: fc.oneof(fc.constant(new Date().toISOString()), fc.constantFrom(...BAD_DATES), fc.integer()),
      data: fc.oneof(fc.record({ email_id: fc.oneof(hostileString, fc.integer(), fc.constant(null)), bounce: fc.anything() }), fc.anything()),
    });
    const body = fc.oneof({ weight: 3, arbitrary: json.map((j) => JSON.stringify(j)) }, { weight: 1, arbitrary: hostileString.filter((s) => s.length < 100_000) });
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (raw, signed) => {
        tally('webhook');
        const id = `msg_hostile_${Date.now()}_${Math.random().toString(36).slice(2)}`;
        const at = new Date();
        const headers: Record<string, string> = { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)) };
        headers['svix-signature'] = signed ? webhook.sign(id, at, raw) : 'v1,bm90IGEgc2lnbmF0dXJl';
        const res = await page.request.post('/api/webhooks/resend', { headers, data: raw });
        await expectAnswered(res, raw.slice(0, 200));
        // Signed: recorded or ignored (200), or 401 for a body that is not a JSON event at all; unsigned: 401.
        if (signed) expect([200, 401]).toContain(res.status());
        else expect(res.status()).toBe(401);
      }),
      { numRuns: HTTP_RUNS },
    );
  });

  test('sign-in, forgotten password and set password answer every generated post with their own words', async ({ browser }) => {
    test.setTimeout(300_000);
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    // Each post from its own address, so these tries never throttle the other tests' sign-ins.
    let n = 0;
    const from = () => {
      n++;
      return { 'x-forwarded-for': `198.18.${(n >> 8) & 255}.${n & 255}` };
    };
    const email = fc.oneof(fc.emailAddress().map((e) => `hostile.${e}`), hostileString);
    for (const [path, button, post, name] of [
      ['/sign-in', 'Sign in', fc.record({ email: postedValue('nobody@example.com').map((v) => v ?? ''), password: postedValue('wrong password') }), 'sign-in'],
      ['/forgot-password', 'Send the link', fc.record({ email: fc.oneof(email, postedValue('nobody@example.com')) }), 'forgot-password'],
    ] as const) {
      await page.goto(path);
      const { url, fields } = await formFields(page, button);
      await fc.assert(
        fc.asyncProperty(post as fc.Arbitrary<Posted>, async (posted) => {
          tally(name);
          const res = await page.request.post(url, { headers: { ...from(), ...sameOrigin(url) }, multipart: multipart(fields, posted), maxRedirects: 0 });
          await expectAnswered(res, `${name} ${JSON.stringify(posted).slice(0, 200)}`);
          // The form again with its message (200), or over 1 MB the problem page saying nothing was done.
          if (res.status() !== 200) expect(res.headers().location ?? '', name).toMatch(/^(\/|https?:\/\/[^/]+\/)problem\?.*why=refused/);
        }),
        { numRuns: HTTP_RUNS },
      );
    }
    // Set password: a hostile link in the address, and a hostile password on it.
    await fc.assert(
      fc.asyncProperty(hostileString.filter((s) => s.length < 2000), async (token) => {
        tally('set-password');
        await expectAnswered(await page.request.get(`/set-password/${encodeURIComponent(token)}`, { headers: from() }), `set-password ${token.slice(0, 50)}`);
      }),
      { numRuns: HTTP_RUNS },
    );
    await ctx.close();
  });

  test('what a patient types that is dangerous elsewhere is stored, and shown as text in the dashboard and the email', async ({ browser }) => {
    test.setTimeout(120_000);
    const p = newPatient('escape');
    const first = `"><img src=x onerror=alert(1)> ${'\u202E'}evil`;
    const message = [NASTY_TEXT[0], NASTY_TEXT[1], "<svg onload=alert('x')>", 'e\u0301\u0301 combining', '\u05E9\u05DC\u05D5\u05DD', "Robert'); DROP TABLE leads;--", 'a\ttab'].join('\n');
    const page = await startForm(browser);
    await fillDetails(page, { ...p, first });
    await page.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await fillPain(page, { surgeryRecommended: 'No', message });
    await page.getByRole('button', { name: 'Continue' }).click();
    await askToBeCalledAndSend(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request sent');

    // The staff alert and the patient's own email: the words as text, never as markup.
    for (const mail of [await waitForEmail(page, p.email, /./)]) {
      const html = mail.html ?? '';
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).not.toContain("<svg onload=alert('x')>");
      if (html.includes('onerror')) expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }

    // The dashboard shows the name and message as text: no element was made from them.
    const staff = await (await browser.newContext()).newPage();
    let dialogs = 0;
    staff.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await signInAs(staff, 'admin', `/dashboard?q=${encodeURIComponent(p.last)}`);
    await staff.getByRole('link', { name: new RegExp(p.last) }).first().click();
    await expect(staff.getByRole('heading', { level: 1 })).toContainText(p.last);
    await expect(staff.getByRole('heading', { level: 1 })).toContainText(first);
    await expect(staff.getByRole('main')).toContainText('<script>alert(1)</script>');
    await expect(staff.getByRole('main')).toContainText("<svg onload=alert('x')>");
    expect(await staff.locator('main img[src="x"], main script, main svg[onload]').count()).toBe(0);
    expect(await staff.evaluate(() => document.querySelectorAll('[onerror], [onload]').length)).toBe(0);
    expect(dialogs).toBe(0);
    await staff.context().close();
    await page.context().close();
  });
});
