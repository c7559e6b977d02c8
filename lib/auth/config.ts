// The Auth.js settings shared by the full server configuration (lib/auth/index.ts) and the proxy.
// No database and no password hashing here: the proxy only keeps an active session's cookie fresh
// (the sliding inactivity timeout); every page, action and route checks the account itself (lib/auth/guard).
import type { NextAuthConfig } from 'next-auth';
import { authSecrets, env } from '@/lib/env';
import { authCookies, secureCookies } from './cookies';
import { isRole } from './permissions';
import { componentLogger } from '@/lib/log';

export const SIGN_IN_PATH = '/sign-in';

/** The settings, read when first needed (never at import, so `next build` needs no secrets). */
export function baseAuthConfig(): NextAuthConfig {
  const e = env();
  const maxHours = e.STAFF_SESSION_MAX_HOURS;
  return {
    // Auth.js makes new session cookies with the first and opens them with any (AUTH_SECRET_PREVIOUS while rotating).
    secret: [...authSecrets()],
    trustHost: e.AUTH_TRUST_HOST || e.NODE_ENV !== 'production',
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    // `__Host-` prefixed, Secure, HttpOnly, SameSite=Lax in production, whatever X-Forwarded-Proto says (cookies.ts).
    useSecureCookies: secureCookies(e.NODE_ENV),
    cookies: authCookies(secureCookies(e.NODE_ENV)),
    // Credentials sign-in works with JWT sessions only; the JWT names a server-side session checked on every use.
    session: { strategy: 'jwt', maxAge: e.STAFF_SESSION_IDLE_MINUTES * 60 },
    providers: [],
    callbacks: {
      jwt({ token }) {
        // However active, a session ends after STAFF_SESSION_MAX_HOURS.
        const signedInAt = typeof token.signedInAt === 'number' ? token.signedInAt : 0;
        if (Date.now() - signedInAt > maxHours * 3_600_000) return null;
        return token;
      },
      session({ session, token }) {
        if (token.sub && isRole(token.role) && typeof token.sid === 'string') {
          session.user = {
            ...session.user,
            id: token.sub,
            role: token.role,
            name: token.name ?? '',
            email: token.email ?? '',
            sessionId: token.sid,
            lastSeenAt: typeof token.seen === 'number' ? token.seen : 0,
            // Anything but the server's own "done" counts as pending.
            secondFactorPending: token.mfa !== 'done',
            reauthenticatedAt: typeof token.reauth === 'number' ? token.reauth : 0,
          };
        }
        return session;
      },
    },
    logger: {
      // Auth.js logs failed sign-ins with their full error; keep the log to the error's name (no emails, no input).
      error(error) {
        // `type` survives minification (class names do not): "CredentialsSignin", "JWTSessionError", …
        const type = (error as { type?: string }).type ?? error.name;
        if (type !== 'CredentialsSignin') componentLogger('auth').error({ kind: type }, 'Auth.js error');
      },
      warn(code) {
        if (code !== 'debug-enabled') componentLogger('auth').warn({ kind: code }, 'Auth.js warning');
      },
      debug() {},
    },
  };
}
