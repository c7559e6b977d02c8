// Posts from another site are refused at every entry point that takes a POST: a public server action (a
// consultation step), a dashboard server action (a note on a lead, with an admin's cookies), both as a plain
// form post and as the client router sends it (Next-Action), and the route handlers that take a POST
// (one-click unsubscribe, the Resend webhook, Auth.js's sign-out). Each is sent with a forged Origin, with
// `Origin: null`, with no Origin but `Sec-Fetch-Site: cross-site`, and with an `x-middleware-subrequest`
// header (the header that once let a request skip Next.js middleware: the proxy must still see it). Then the
// page is read again to show nothing changed. Run once, at desktop size (@api).
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { E2E_WEBHOOK_SECRET } from '../support/e2e-server-config';
import { waitForEmail } from './support/email';
import { fillDetails, newPatient, requestCallBack } from './support/patient';
import { signInAs } from '../support/staff';
import { Webhook } from 'standardwebhooks';

const SUBREQUEST = [
  'middleware:middleware:middleware:middleware:middleware',
  'proxy:proxy:proxy:proxy:proxy',
  'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
];

/** Every forged way of sending a post from another site, by name. */
const FORGED: [string, Record<string, string>][] = [
  ['Origin: https://evil.example', { origin: 'https://evil.example' }],
  ['Origin: null', { origin: 'null' }],
  ['no Origin, Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ['no Origin, Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  ...SUBREQUEST.flatMap((value): [string, Record<string, string>][] => [
    [`x-middleware-subrequest ${value.split(':')[0]} with Sec-Fetch-Site: cross-site`, { 'x-middleware-subrequest': value, 'sec-fetch-site': 'cross-site' }],
    [`x-middleware-subrequest ${value.split(':')[0]} with Origin: https://evil.example`, { 'x-middleware-subrequest': value, origin: 'https://evil.example' }],
  ]),
];

type Captured = { url: string; action: string; contentType: string; body: Buffer };

/** Submits a form in a browser with JavaScript and keeps the server action's request instead of sending it. */
async function captureAction(page: Page, submit: () => Promise<void>): Promise<Captured> {
  let captured: Captured | undefined;
  await page.route(
    (url) => url.origin === new URL(page.url()).origin,
    async (route) => {
      const request = route.request();
      const headers = await request.allHeaders();
      if (request.method() !== 'POST' || !headers['next-action']) return route.continue();
      captured = { url: request.url(), action: headers['next-action'], contentType: headers['content-type']!, body: request.postDataBuffer()! };
      await route.abort();
    },
  );
  await submit();
  await expect.poll(() => Boolean(captured)).toBe(true);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  return captured!;
}

/** The same form with JavaScript off: its fields as the browser would post them, hidden action fields included. */
async function plainFormFields(page: Page, formSelector: string): Promise<{ url: string; fields: FormData }> {
  const form = page.locator(formSelector);
  const fields = new FormData();
  for (const field of await form.locator('input[name], select[name], textarea[name]').all()) {
    const name = (await field.getAttribute('name'))!;
    const type = ((await field.getAttribute('type')) ?? '').toLowerCase();
    if (type === 'checkbox' || type === 'radio') {
      if (await field.isChecked()) fields.append(name, (await field.getAttribute('value')) ?? 'on');
    } else fields.append(name, await field.inputValue());
  }
  return { url: new URL((await form.getAttribute('action')) || page.url(), page.url()).toString(), fields };
}

/** A refused post: never a 2xx, never a 5xx, no cookie set; the plain form post gets the problem page. */
function expectRefused(status: number, headers: Record<string, string>, how: string, plain: boolean) {
  expect(status, how).toBeGreaterThanOrEqual(300);
  expect(status, how).toBeLessThan(500);
  expect(headers['set-cookie'] ?? '', how).not.toMatch(/consult_draft|authjs/);
  if (plain) {
    expect(status, how).toBe(303);
    const location = new URL(headers.location ?? '', 'http://x.invalid');
    expect(location.pathname, how).toBe('/problem');
    expect(location.searchParams.get('why'), how).toBe('refused');
  } else {
    expect(status, how).toBe(403);
  }
}

async function context(browser: Browser, javaScriptEnabled: boolean): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled });
}

test.describe('posts from another site', { tag: '@api' }, () => {
  // Each test signs in, sends a request through the real form and makes twenty forged posts: slow on two cores.
  test.describe.configure({ timeout: 120_000 });

  test('a consultation step is refused, as a plain form post and as a script post, and the draft is unchanged', async ({ browser }) => {
    const p = newPatient('xorigin');
    for (const javaScriptEnabled of [false, true]) {
      const ctx = await context(browser, javaScriptEnabled);
      const page = await ctx.newPage();
      await page.goto('/consult?from=recovery');
      await page.getByRole('button', { name: /Start now/ }).click();
      await fillDetails(page, p);
      let sent: { url: string; send: (headers: Record<string, string>) => ReturnType<Page['request']['post']> };
      if (javaScriptEnabled) {
        const captured = await captureAction(page, () => page.getByRole('button', { name: 'Continue' }).click());
        sent = {
          url: captured.url,
          send: (headers) =>
            page.request.post(captured.url, { headers: { 'next-action': captured.action, 'content-type': captured.contentType, accept: 'text/x-component', ...headers }, data: captured.body, maxRedirects: 0 }),
        };
      } else {
        const { url, fields } = await plainFormFields(page, 'form:has(button:text("Continue"))');
        sent = { url, send: (headers) => page.request.post(url, { headers, multipart: fields, maxRedirects: 0 }) };
      }
      for (const [how, headers] of FORGED) {
        const res = await sent.send(headers);
        expectRefused(res.status(), res.headers(), `${javaScriptEnabled ? 'script' : 'plain'} post, ${how}`, !javaScriptEnabled);
      }
      // Nothing was kept: the details page still has an empty form (the draft never got the answers).
      await page.goto('/consult/details');
      await expect(page.getByLabel('First name')).toHaveValue('');
      await ctx.close();
    }
  });

  test('a note on a lead, with an admin’s cookies, is refused and not written', async ({ browser }) => {
    // A patient sends a request, so the admin has a lead of this test's own to write on.
    const p = newPatient('xnote');
    await requestCallBack(browser, p);

    for (const javaScriptEnabled of [true, false]) {
      const ctx = await context(browser, javaScriptEnabled);
      const admin = await ctx.newPage();
      await signInAs(admin, 'admin', `/dashboard?q=${encodeURIComponent(p.last)}`);
      await admin.getByRole('link', { name: p.fullName }).click();
      await expect(admin.getByRole('heading', { level: 1 })).toHaveText(p.fullName);
      const leadUrl = admin.url();
      const note = `Forged note ${javaScriptEnabled ? 'script' : 'plain'} ${Date.now()}`;
      const actions = admin.getByRole('region', { name: 'Actions' });
      await actions.locator('summary', { hasText: 'Add a note' }).click();
      await actions.getByLabel('Note', { exact: true }).fill(note);
      let send: (headers: Record<string, string>) => ReturnType<Page['request']['post']>;
      if (javaScriptEnabled) {
        const captured = await captureAction(admin, () => actions.getByRole('button', { name: 'Add note' }).click());
        send = (headers) =>
          admin.request.post(captured.url, { headers: { 'next-action': captured.action, 'content-type': captured.contentType, accept: 'text/x-component', ...headers }, data: captured.body, maxRedirects: 0 });
      } else {
        const { url, fields } = await plainFormFields(admin, 'form:has(button:text("Add note"))');
        send = (headers) => admin.request.post(url, { headers, multipart: fields, maxRedirects: 0 });
      }
      for (const [how, headers] of FORGED) {
        const res = await send(headers);
        expectRefused(res.status(), res.headers(), `${javaScriptEnabled ? 'script' : 'plain'} note, ${how}`, !javaScriptEnabled);
      }
      await admin.goto(leadUrl);
      await expect(admin.getByRole('heading', { level: 1 })).toHaveText(p.fullName);
      await expect(admin.getByText(note)).toHaveCount(0);
      await ctx.close();
    }
  });

  test('route handlers that take a POST refuse another site: unsubscribe, the webhook, Auth.js sign-out', async ({ browser }) => {
    const ctx = await context(browser, true);
    const page = await ctx.newPage();

    // One-click unsubscribe with a real link: staff send a patient a follow-up, which carries one.
    const p = newPatient('xunsub');
    await requestCallBack(browser, p);
    await signInAs(page, 'staff', `/dashboard?q=${encodeURIComponent(p.last)}`);
    await page.getByRole('link', { name: p.fullName }).click();
    const actions = page.getByRole('region', { name: 'Actions' });
    await actions.locator('summary', { hasText: 'Send an email' }).click();
    await actions.getByLabel('Which email?').selectOption({ label: 'Follow-up: do you still want a consultation?' });
    await actions.getByRole('button', { name: 'Send email' }).click();
    await expect(actions.getByRole('status')).toHaveText('Email queued. Its delivery status shows on the timeline.');
    const email = await waitForEmail(page, p.email, /^Do you still want a consultation/);
    const listUnsubscribe = Object.entries(email.headers).find(([k]) => k.toLowerCase() === 'list-unsubscribe')?.[1] ?? '';
    const unsubscribeUrl = /<(https?:[^>]+\/api\/unsubscribe\/[^>]+)>/.exec(listUnsubscribe)?.[1];
    expect(unsubscribeUrl, 'the email carries a one-click unsubscribe link').toBeTruthy();
    const unsubscribePath = new URL(unsubscribeUrl!).pathname;
    for (const [how, headers] of FORGED) {
      const res = await page.request.post(unsubscribePath, { headers, form: { 'List-Unsubscribe': 'One-Click' }, maxRedirects: 0 });
      expect(res.status(), `unsubscribe, ${how}`).toBe(403);
      expect(await res.json()).toEqual({ error: 'cross_site_request' });
    }
    // The link itself is good: a mail provider's own one-click post (no Origin) is accepted.
    const accepted = await page.request.post(unsubscribePath, { form: { 'List-Unsubscribe': 'One-Click' }, maxRedirects: 0 });
    expect(await accepted.json()).toEqual({ status: 'unsubscribed' });

    // The webhook with a good signature: refused when a browser says another site sent it.
    const webhook = new Webhook(E2E_WEBHOOK_SECRET);
    for (const [how, headers] of FORGED) {
      const body = JSON.stringify({ type: 'email.delivered', created_at: new Date().toISOString(), data: { email_id: 'not-a-message' } });
      const id = `msg_xorigin_${Date.now()}_${Math.random().toString(36).slice(2)}`;
      const at = new Date();
      const signature = webhook.sign(id, at, body);
      const res = await page.request.post('/api/webhooks/resend', {
        headers: { ...headers, 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': signature },
        data: body,
      });
      expect(res.status(), `webhook, ${how}`).toBe(403);
    }

    // Auth.js's sign-out with the staff member's cookies and even its CSRF token: they stay signed in.
    await page.goto('/');
    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    for (const [how, headers] of FORGED) {
      const res = await page.request.post('/api/auth/signout', { headers, form: { csrfToken, callbackUrl: '/sign-in' }, maxRedirects: 0 });
      expect(res.status(), `sign-out, ${how}`).toBe(403);
    }
    const dashboard = await page.goto('/dashboard');
    expect(new URL(dashboard!.url()).pathname).toBe('/dashboard');
    await ctx.close();
  });
});
