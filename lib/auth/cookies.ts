// The names and attributes of the cookies the product sets, in one place: Auth.js's (session, CSRF token,
// where to go after sign-in) and the rule for when a cookie is Secure. Pure: the caller says whether this is
// a production server; nothing here reads the request, so a proxy's X-Forwarded-Proto cannot weaken a cookie.
import type { NextAuthConfig } from 'next-auth';

/**
 * Production cookies are Secure whatever the request looked like. Behind a TLS-terminating proxy the app may
 * see plain http; a cookie that depended on that header would be sent in clear the day the header is missing.
 * (Chromium, Firefox and Safari accept Secure cookies from http://localhost, so a local production build works.)
 */
export function secureCookies(nodeEnv: string | undefined): boolean {
  return nodeEnv === 'production';
}

/** `__Host-`: the browser keeps it only if Secure, Path=/ and no Domain, so no subdomain can set or read it. */
const HOST_PREFIX = '__Host-';

export type AuthCookieNames = { sessionToken: string; csrfToken: string; callbackUrl: string };

export function authCookieNames(secure: boolean): AuthCookieNames {
  const prefix = secure ? HOST_PREFIX : '';
  return {
    sessionToken: `${prefix}authjs.session-token`,
    csrfToken: `${prefix}authjs.csrf-token`,
    callbackUrl: `${prefix}authjs.callback-url`,
  };
}

/**
 * Auth.js's `cookies` option. Its own default picks `__Secure-`/Secure only when the request's URL is https
 * (which, behind a proxy, means trusting X-Forwarded-Proto); ours decides from the environment alone.
 * Credentials sign-in never sets the OAuth cookies (PKCE, state, nonce), so they keep Auth.js's defaults.
 */
export function authCookies(secure: boolean): NonNullable<NextAuthConfig['cookies']> {
  const names = authCookieNames(secure);
  const options = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  return {
    sessionToken: { name: names.sessionToken, options },
    csrfToken: { name: names.csrfToken, options },
    callbackUrl: { name: names.callbackUrl, options },
  };
}
