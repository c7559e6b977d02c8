// The proxy's view of a staff session: no database, no password hashing. Reading the session here
// re-issues its cookie on every dashboard request, which is what makes the timeout "after inactivity".
// A visitor with no session at all is sent to sign in, coming back to the page they asked for. This is
// convenience only: every page, action and route still checks the account and its permission itself.
import NextAuth from 'next-auth';
import { baseAuthConfig, SIGN_IN_PATH } from './config';

export const { auth: refreshStaffSession } = NextAuth(() => {
  const base = baseAuthConfig();
  return {
    ...base,
    callbacks: {
      ...base.callbacks,
      authorized({ auth, request }) {
        // Only page navigations are redirected; a fetch (live updates, downloads, server actions) gets its
        // answer from the route or action itself (401, or the action's own redirect).
        if (auth?.user || !request.headers.get('accept')?.includes('text/html')) return true;
        const url = new URL(SIGN_IN_PATH, request.nextUrl.origin);
        url.searchParams.set('next', `${request.nextUrl.pathname}${request.nextUrl.search}`);
        return Response.redirect(url);
      },
    },
  };
});
