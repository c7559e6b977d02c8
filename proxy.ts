// Public pages: records the first page of a visit and the outside site that sent the reader (first-touch
// attribution), in a session cookie the consultation form reads. Dashboard pages: keeps an active staff
// session's cookie fresh (the inactivity timeout slides). Nothing else: authorization is checked in each page.
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { refreshStaffSession } from '@/lib/auth/proxy-session';

const COOKIE = 'first_touch';

export function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  // The inbox's background poll is not activity: it must not keep an idle session alive (the route checks itself).
  if (pathname === '/dashboard/inbox/updates') return NextResponse.next();
  // Page loads slide the inactivity timeout. Not a POST: a server action's own cookie (signing out deletes the
  // session) must not race with a refreshed copy from here.
  if (pathname === '/dashboard' || pathname.startsWith('/dashboard/')) {
    if (request.method !== 'GET') return NextResponse.next();
    // Reading the session re-issues its cookie with a fresh expiry. (Auth.js types this call for API routes.)
    return refreshStaffSession(request as never, event as never);
  }
  const response = NextResponse.next();
  if (request.cookies.has(COOKIE)) return response;
  // The path and campaign parameters only: never anything else a query string might carry.
  const utm = [...request.nextUrl.searchParams].filter(([k]) => k.startsWith('utm_'));
  const landing = `${request.nextUrl.pathname}${utm.length ? `?${new URLSearchParams(utm)}` : ''}`.slice(0, 300);
  const referer = request.headers.get('referer');
  let referrer: string | undefined;
  if (referer) {
    try {
      const url = new URL(referer);
      if (url.host !== request.nextUrl.host) referrer = `${url.origin}${url.pathname}`.slice(0, 300);
    } catch {
      // Not a URL: ignore it.
    }
  }
  response.cookies.set(COOKIE, JSON.stringify({ l: landing, r: referrer }), {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.nextUrl.protocol === 'https:',
    path: '/',
  });
  return response;
}

export const config = {
  // Pages only: not assets, not APIs, not the private manage links.
  matcher: ['/((?!_next/|api/|consult/manage/|unsubscribe/|favicon|robots.txt|sitemap.xml|.*\\.[a-z0-9]+$).*)'],
};
