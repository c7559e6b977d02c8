// Who gets what: every dashboard page and route handler, asked for by a signed-out visitor, a member of
// staff and an admin. The server decides (not the navigation): each answer is read from the response.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { newPatient, requestCallBack } from './support/patient';
import { signInAs } from '../support/staff';

type Who = 'anonymous' | 'staff' | 'admin';

// Pages: staff-only-readable ones (everyone signed in) and admin-only ones.
const STAFF_PAGES = ['/dashboard', '/dashboard/tasks', '/dashboard/schedule', '/dashboard/emails', '/dashboard/account'];
const ADMIN_PAGES = ['/dashboard/metrics', '/dashboard/admin/staff', '/dashboard/admin/settings', '/dashboard/admin/audit', '/dashboard/health'];

async function as(browser: Browser, who: Who): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (who !== 'anonymous') await signInAs(page, who);
  return page;
}

/** Ids of real records to put in the dynamic paths, read as an admin from the pages that list them. */
async function discoverIds(page: Page): Promise<{ leadId: string; emailId: string }> {
  await page.goto('/dashboard');
  const leadHref = await page.locator('a[href^="/dashboard/leads/"]:not([href^="/dashboard/leads/export"])').first().getAttribute('href');
  await page.goto('/dashboard/emails');
  const emailHref = await page.locator('a[href^="/dashboard/emails/"]').first().getAttribute('href');
  const leadId = leadHref?.match(/\/dashboard\/leads\/([0-9a-f-]{36})/)?.[1];
  const emailId = emailHref?.match(/\/dashboard\/emails\/([0-9a-f-]{36})/)?.[1];
  if (!leadId || !emailId) throw new Error(`could not find a lead (${leadHref}) and an email (${emailHref}) to test with`);
  return { leadId, emailId };
}

test.describe('access to the dashboard', () => {
  test.describe.configure({ mode: 'serial' });

  let ids: { leadId: string; emailId: string };

  test.beforeAll(async ({ browser }) => {
    // A request of its own, so there is an email in the outbox whichever spec ran before (the seed has none).
    await requestCallBack(browser, newPatient('access'));
    const admin = await as(browser, 'admin');
    ids = await discoverIds(admin);
    await admin.context().close();
  });

  const pages = () => ({
    staff: [...STAFF_PAGES, `/dashboard/leads/${ids.leadId}`, `/dashboard/emails/${ids.emailId}`],
    admin: [...ADMIN_PAGES, `/dashboard/privacy/${ids.leadId}/erase`],
  });

  test('a signed-out visitor is sent to sign in from every page', async ({ browser }) => {
    const page = await as(browser, 'anonymous');
    for (const path of [...pages().staff, ...pages().admin]) {
      await page.goto(path);
      expect(new URL(page.url()).pathname, path).toBe('/sign-in');
      expect(new URL(page.url()).searchParams.get('next'), path).toBe(path);
    }
    await page.context().close();
  });

  test('a signed-out visitor gets 401 from every route handler', async ({ browser }) => {
    const page = await as(browser, 'anonymous');
    for (const path of ['/dashboard/leads/export', `/dashboard/privacy/${ids.leadId}/export`, '/dashboard/inbox/updates?since=2026-01-01T00:00:00.000Z']) {
      const res = await page.request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(401);
    }
    await page.context().close();
  });

  test('staff open every front-desk page and get 403 on every admin page and download', async ({ browser }) => {
    const page = await as(browser, 'staff');
    for (const path of pages().staff) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      expect(new URL(page.url()).pathname, path).toBe(path);
    }
    for (const path of pages().admin) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
    }
    for (const path of ['/dashboard/leads/export', `/dashboard/privacy/${ids.leadId}/export`]) {
      expect((await page.request.get(path)).status(), path).toBe(403);
    }
    expect((await page.request.get('/dashboard/inbox/updates?since=2026-01-01T00:00:00.000Z')).status()).toBe(200);
    // The navigation offers staff nothing they cannot open.
    await page.goto('/dashboard');
    const nav = page.getByRole('navigation', { name: 'Dashboard' });
    for (const label of ['Metrics', 'Staff', 'Opening hours', 'Audit log', 'System health']) await expect(nav.getByRole('link', { name: label })).toHaveCount(0);
    await page.context().close();
  });

  test('an admin opens every page and download', async ({ browser }) => {
    const page = await as(browser, 'admin');
    for (const path of [...pages().staff, ...pages().admin]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
    }
    for (const path of ['/dashboard/leads/export', `/dashboard/privacy/${ids.leadId}/export`]) {
      // What a browser sends for a link on our own page; a link on another site says cross-site.
      const res = await page.request.get(path, { headers: { 'sec-fetch-site': 'same-origin' } });
      expect(res.status(), path).toBe(200);
      expect(res.headers()['content-disposition'], path).toMatch(/^attachment/);
      for (const forged of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, {}] as Record<string, string>[]) {
        const refused = await page.request.get(path, { headers: forged });
        expect(refused.status(), `${path} ${JSON.stringify(forged)}`).toBe(403);
        expect(refused.headers()['content-disposition'], path).toBeUndefined();
      }
    }
    await page.context().close();
  });

  test('a server action replayed by a member of staff or a signed-out visitor changes nothing', async ({ browser }) => {
    // Capture the real "invite" action an admin's browser sends, without letting it through...
    const admin = await as(browser, 'admin');
    await admin.goto('/dashboard/admin/staff');
    let captured: { action: string; contentType: string; body: Buffer } | undefined;
    await admin.route('**/dashboard/admin/staff', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      const headers = await request.allHeaders();
      captured = { action: headers['next-action']!, contentType: headers['content-type']!, body: request.postDataBuffer()! };
      await route.abort();
    });
    const stamp = `${Date.now()}`;
    const emailFor = (who: string) => `replayed.${who}.${stamp}@example.com`;
    const form = admin.locator('form').filter({ has: admin.getByRole('button', { name: 'Send invitation' }) });
    await form.getByLabel('Full name').fill('Replayed Person');
    await form.getByLabel('Email address').fill('__EMAIL__@example.com');
    await form.getByLabel('Role').selectOption('admin');
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => Boolean(captured)).toBe(true);
    await admin.unrouteAll();

    // ...then send it again as each kind of visitor, each with its own address to look for afterwards.
    const replay = async (page: Page, who: string) => {
      const body = Buffer.from(captured!.body.toString('latin1').replace('__EMAIL__@example.com', emailFor(who)), 'latin1');
      return page.request.post('/dashboard/admin/staff', {
        headers: { 'next-action': captured!.action, 'content-type': captured!.contentType, accept: 'text/x-component' },
        data: body,
        maxRedirects: 0,
      });
    };
    for (const who of ['anonymous', 'staff'] as const) {
      const page = await as(browser, who);
      const res = await replay(page, who);
      expect(res.status(), who).not.toBe(500);
      await page.context().close();
    }
    // The same replay as the admin works: the refusals above are the server's, not a broken replay.
    await replay(admin, 'admin');
    await admin.goto('/dashboard/admin/staff');
    await expect(admin.getByText(emailFor('admin'))).toBeVisible();
    await expect(admin.getByText(emailFor('staff'))).toHaveCount(0);
    await expect(admin.getByText(emailFor('anonymous'))).toHaveCount(0);
    await admin.context().close();
  });
});
