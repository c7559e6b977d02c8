// Every page request: gives it a request id (X-Request-Id, quoted on error pages and beside logged failures)
// and turns away a form post from another site with the product's own page, not Next.js's bare error.
// Public pages: never a cookie, so a shared cache can keep them (ops/nginx/clinic.conf); where a visitor came
// from is read by the form's own page (lib/intake/attribution.ts). Dashboard pages: keeps an active staff
// session's cookie fresh (the inactivity timeout slides). Every page: the Content-Security-Policy, with a fresh
// nonce for pages rendered per request (lib/http/csp.ts). Nothing else: authorization is checked in each page.
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { refreshStaffSession } from '@/lib/auth/proxy-session';
import { newNonce, pagePolicy, usesNonce } from '@/lib/http/csp';
import { clinic } from '@/lib/env';
import {
  ACTION_BODY_LIMIT,
  CROSS_SITE_REFUSED,
  isBodyLongerThan,
  isOversizedPost,
  isPlainFormPost,
  isSameOriginPost,
  TOO_LARGE,
  tooLargeBackPath,
  tooLargePage,
} from '@/lib/http/origin';
import { problemPath } from '@/lib/http/problem';
import { loggedPath } from '@/lib/http/private-paths';
import { REQUEST_ID_HEADER, requestIdFor } from '@/lib/http/request-id';
import { componentLogger } from '@/lib/log';

/** The clinic's name and phone for a page the proxy answers itself; none if the configuration cannot be read. */
function clinicForPage(): { name: string; phone: string } | null {
  try {
    return clinic();
  } catch {
    return null;
  }
}

/** The consultation form's own pages (not a patient's private manage link). */
const CONSULT_FORM = /^\/consult(\/(details|warning-signs|pain|time|check|urgent))?$/;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const header = (name: string) => request.headers.get(name);
  const requestId = requestIdFor(header(REQUEST_ID_HEADER));
  const { pathname } = request.nextUrl;
  componentLogger('request', { requestId }).info({ method: request.method, path: loggedPath(pathname) }, 'request received');
  // Next.js reads the nonce from the request's policy and puts it on its own script tags.
  const policy = pagePolicy(usesNonce(pathname) ? { nonce: newNonce() } : 'static', { dev: process.env.NODE_ENV === 'development' });
  const withId = (response: Response) => {
    const stamp = (headers: Headers) => {
      headers.set('X-Request-Id', requestId);
      headers.set('Content-Security-Policy', policy);
    };
    try {
      stamp(response.headers);
      return response;
    } catch {
      // Response.redirect() (Auth.js's sign-in redirect) has immutable headers: answer with a copy.
      const copy = new Response(response.body, response);
      stamp(copy.headers);
      return copy;
    }
  };

  // Next.js would refuse this action with a bare 500 (or, with no Origin, run it); say so in plain words
  // instead (nothing was done). A post sent by script (Next-Action) gets a plain 403.
  if (request.method === 'POST' && !isSameOriginPost(header)) {
    if (!isPlainFormPost(request.method, header)) return withId(CROSS_SITE_REFUSED());
    return withId(NextResponse.redirect(new URL(problemPath({ requestId, reason: 'refused', back: request.nextUrl.pathname }), request.url), 303));
  }
  // A post bigger than any action accepts: Next.js would throw a bare 500 before the action runs. A chunked post
  // declares no length: its body is measured (up to just over the limit). One sent by script gets a plain 413; a
  // consultation step's form a page (413) that keeps the person's place; any other form the problem page.
  const oversized =
    isOversizedPost(request.method, header) ||
    (request.method === 'POST' && header('content-length') === null && (await isBodyLongerThan(request.body, ACTION_BODY_LIMIT)));
  if (oversized) {
    if (!isPlainFormPost(request.method, header)) return withId(TOO_LARGE());
    if (CONSULT_FORM.test(pathname)) return withId(tooLargePage(tooLargeBackPath(header), requestId, clinicForPage()));
    return withId(NextResponse.redirect(new URL(problemPath({ requestId, reason: 'refused', back: pathname }), request.url), 303));
  }

  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  forwarded.set('content-security-policy', policy);
  const next = () => NextResponse.next({ request: { headers: forwarded } });

  // The inbox's background poll is not activity: it must not keep an idle session alive (the route checks itself).
  if (pathname === '/dashboard/inbox/updates') return withId(next());
  // Page loads slide the inactivity timeout. Not a POST: a server action's own cookie (signing out deletes the
  // session) must not race with a refreshed copy from here.
  if (pathname === '/dashboard' || pathname.startsWith('/dashboard/')) {
    if (request.method !== 'GET') return withId(next());
    // Reading the session re-issues its cookie with a fresh expiry. Auth.js answers with its own redirect to
    // sign in, or with what the function given to it returns: `next()`, which carries the request headers
    // (request id, the nonce's policy) on to the page. (Auth.js types this wrapper for API routes.)
    // (With a lazily read configuration, Auth.js hands the wrapper back in a promise.)
    const withSession = (await refreshStaffSession(() => next())) as unknown as (req: NextRequest, ev: NextFetchEvent) => Promise<Response>;
    return withId(await withSession(request, event));
  }
  return withId(next());
}

export const config = {
  // Pages only: not assets, not APIs (route handlers answer for themselves), not the guide (plain HTML the same
  // for everyone, cached by nginx: its headers, policy included, come from next.config.js; it takes no post).
  matcher: ['/((?!_next/|api/|guide$|guide/|favicon|robots.txt|sitemap.xml|.*\\.[a-z0-9]+$).*)'],
};
