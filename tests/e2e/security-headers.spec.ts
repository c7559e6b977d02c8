// The browser-side defences as a browser and a client see them: every header on every kind of response,
// the nonce per request on the pages rendered per request, the session cookie's name and attributes, a proxy
// that cannot be skipped with `x-middleware-subrequest`, and the pages still working under their policy with
// no violation reported. Runs once, at desktop size (@api): nothing here depends on the screen.
import { expect, test, type APIResponse, type Page, type Response } from '@playwright/test';
import { answerWarningSigns, askToBeCalledAndSend, fillDetails, fillPain, newPatient } from './support/patient';
import { signInAs } from '../support/staff';

const EVERY_RESPONSE = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

type Kind = 'nonce' | 'static' | 'scriptless' | 'resource';

/** The one Content-Security-Policy a response carries, as directive → values. */
function policyOf(response: APIResponse | Response, headers: { name: string; value: string }[]): Map<string, string[]> {
  const csp = headers.filter((h) => h.name.toLowerCase() === 'content-security-policy');
  expect(csp, `one Content-Security-Policy on ${response.url()}`).toHaveLength(1);
  return new Map(csp[0]!.value.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

/** Checks every header the issue lists; returns the page's nonce when it has one. */
async function expectSecurityHeaders(response: APIResponse | Response, kind: Kind): Promise<string | null> {
  const headers = await response.headersArray();
  const all = Object.fromEntries(headers.map((h) => [h.name.toLowerCase(), h.value]));
  for (const [name, value] of Object.entries(EVERY_RESPONSE)) expect(all[name], `${name} on ${response.url()}`).toBe(value);
  const policy = policyOf(response, headers);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  if (kind === 'resource') {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    return null;
  }
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('form-action')).toEqual(["'self'"]);
  const scripts = policy.get('script-src') ?? [];
  expect(scripts).not.toContain("'unsafe-eval'");
  if (kind === 'static') {
    expect(scripts).toEqual(["'self'", "'unsafe-inline'"]);
    return null;
  }
  if (kind === 'scriptless') {
    expect(scripts).toEqual(["'none'"]);
    return null;
  }
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).toContain("'strict-dynamic'");
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1) ?? '';
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  return nonce;
}

/** Every executable script tag in the HTML carries this nonce (JSON-LD data blocks are not scripts that run). */
function expectScriptsCarry(html: string, nonce: string): void {
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !tag.includes('application/ld+json'));
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
}

test.describe('security headers', { tag: '@api' }, () => {
  test('every kind of response carries them: guide pages, a form step, sign-in, an API route and 404s', async ({ request }) => {
    for (const path of ['/', '/guide', '/guide/risks-and-outcomes', '/guide/references', '/privacy']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      // The guide is plain HTML: no script may run there, and none is sent (JSON-LD is data, not a script).
      const guide = path.startsWith('/guide');
      await expectSecurityHeaders(response, guide ? 'scriptless' : 'static');
      if (guide) expect([...(await response.text()).matchAll(/<script\b(?![^>]*application\/ld\+json)[^>]*>/g)], path).toEqual([]);
      // A shared cache may keep them (ops/nginx/clinic.conf): no cookie, a short shared lifetime.
      expect(response.headers()['set-cookie'], path).toBeUndefined();
      expect(response.headers()['cache-control'], path).toMatch(/^s-maxage=\d+, stale-while-revalidate=\d+$/);
    }
    for (const path of ['/consult', '/sign-in', '/forgot-password']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expectScriptsCarry(await response.text(), (await expectSecurityHeaders(response, 'nonce'))!);
      // Its nonce is this response's alone: never kept by a cache.
      expect(response.headers()['cache-control'], path).toContain('no-store');
    }
    // A later form step without a draft sends the person back to the start: the redirect carries them too.
    const step = await request.get('/consult/details', { maxRedirects: 0 });
    await expectSecurityHeaders(step, 'nonce');

    const api = await request.get('/api/health');
    expect(api.status()).toBe(200);
    await expectSecurityHeaders(api, 'resource');
    await expectSecurityHeaders(await request.get('/api/no-such-route'), 'resource');

    const missing = await request.get('/no-such-page');
    expect(missing.status()).toBe(404);
    await expectSecurityHeaders(missing, 'static');
  });

  test('a dashboard page carries them, with a nonce on every script, and the session cookie is __Host-, Secure, HttpOnly, Lax', async ({ page }) => {
    // The e2e server is http://localhost (Next.js forwards x-forwarded-proto: http): the cookie is still Secure.
    await signInAs(page, 'staff');
    const response = (await page.goto('/dashboard'))!;
    expect(response.status()).toBe(200);
    const nonce = await expectSecurityHeaders(response, 'nonce');
    expectScriptsCarry(await response.text(), nonce!);
    expect(response.headers()['cache-control']).toContain('no-store');

    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.includes('authjs.session-token'));
    expect(session?.name).toBe('__Host-authjs.session-token');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    for (const cookie of cookies.filter((c) => c.name.includes('authjs.'))) {
      expect(cookie.name, 'every Auth.js cookie').toMatch(/^__Host-/);
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/' });
    }
    // The public pages set no cookie of their own (where a visitor came from: tests/e2e/attribution.spec.ts).
    expect(cookies.find((c) => c.name === 'first_touch')).toBeUndefined();
  });

  test('each request gets its own nonce, and the page\'s scripts carry that one', async ({ request }) => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await request.get('/sign-in');
      const nonce = (await expectSecurityHeaders(response, 'nonce'))!;
      expectScriptsCarry(await response.text(), nonce);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  test('x-middleware-subrequest does not skip the proxy: no dashboard page, no action from another site', async ({ request }) => {
    const values = ['middleware', 'proxy', 'src/middleware', 'src/proxy', 'pages/_middleware'].flatMap((name) => [
      name,
      Array(5).fill(name).join(':'),
    ]);
    for (const value of values) {
      const headers = { 'x-middleware-subrequest': value };
      // Signed out, a dashboard page sends the visitor to sign in, with the proxy's own headers on the answer.
      const page = await request.get('/dashboard', { headers: { ...headers, accept: 'text/html' }, maxRedirects: 0 });
      expect(page.status(), value).toBeGreaterThanOrEqual(300);
      expect(page.status(), value).toBeLessThan(400);
      expect(new URL(page.headers().location ?? '', 'http://x').pathname, value).toBe('/sign-in');
      expect(page.headers()['x-request-id'], value).toBeTruthy();
      expect(await page.text(), value).not.toContain('Sign out');
      // A server action posted from another site meets the proxy's refusal, not the action.
      for (const path of ['/dashboard', '/sign-in']) {
        const action = await request.post(path, {
          headers: { ...headers, origin: 'https://elsewhere.example' },
          multipart: { email: 'admin@example.com', password: 'x' },
          maxRedirects: 0,
        });
        expect(action.status(), `${path} ${value}`).toBe(303);
        const location = new URL(action.headers().location ?? '', 'http://x');
        expect(location.pathname).toBe('/problem');
        expect(location.searchParams.get('why')).toBe('refused');
      }
    }
  });
});

/** Collects Content-Security-Policy violations: the DOM event on every page, and the console's "Refused to …". */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
}

/** React has taken over the page: its scripts ran under the policy (a page without them still shows and posts). */
async function expectHydrated(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.querySelector('main') ?? {}).some((k) => k.startsWith('__react'))))
    .toBe(true);
}

test.describe('pages under their policy', { tag: '@api' }, () => {
  test('the guide, the whole form, sign-in, the inbox and an email preview run with no violation', async ({ page }) => {
    test.slow();
    const violations = await watchViolations(page);
    const patient = newPatient('csp');

    // The guide runs no script (nothing to hydrate); its link to the form is a plain link.
    await page.goto('/guide/risks-and-outcomes');
    await page.getByRole('main').getByRole('link', { name: 'Request a consultation' }).click();
    await expect(page).toHaveURL(/\/consult\?from=risks-and-outcomes/);

    // A fresh load of the form (its own nonce), then every step submitted with the page's scripts running.
    await page.goto('/consult');
    await expectHydrated(page);
    await page.getByRole('button', { name: /Start now/ }).click();
    await fillDetails(page, patient);
    await page.getByRole('button', { name: 'Continue' }).click();
    await answerWarningSigns(page);
    await expectHydrated(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await fillPain(page, { surgeryRecommended: 'No', message: null });
    await page.getByRole('button', { name: 'Continue' }).click();
    await askToBeCalledAndSend(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request sent');

    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    await signInAs(page, 'staff');
    await expectHydrated(page);
    // The inbox's keyboard shortcut is the page's own script at work.
    await page.keyboard.press('/');
    await expect(page.getByLabel('Search by name, email or phone')).toBeFocused();

    // The outbox's preview: a sandboxed srcdoc frame, with the email's inline styles.
    await page.goto('/dashboard/emails');
    await page.getByRole('row').filter({ hasText: patient.email }).locator('a[href^="/dashboard/emails/"]').first().click();
    await expect(page.frameLocator('iframe[title^="Email: "]').locator('body')).toContainText(patient.first);

    expect(violations).toEqual([]);
  });
});
