// Auth.js (next-auth v5) for staff: email and password (credentials), JWT sessions that end after
// inactivity, and a session version checked against the database on every use, so a password change
// or a disabled account ends every session at once. Server-only.
import 'server-only';
import { headers } from 'next/headers';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { clientIpFrom } from '@/lib/security/client-ip';
import type { RequestMeta } from '@/lib/audit/log';
import { baseAuthConfig } from './config';
import { authenticate, currentSessionUser } from './service';
import { retryMinutes } from './throttle';

/** Too many failures: the sign-in form says how long to wait. */
export class ThrottledSignIn extends CredentialsSignin {
  code = 'throttled';
  constructor(readonly minutes: number) {
    super();
  }
}

/** Where the current request came from, for the audit log and sign-in throttling. */
export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIpFrom((name) => h.get(name), env().TRUSTED_PROXY_HOPS), userAgent: h.get('user-agent') };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const base = baseAuthConfig();
  return {
    ...base,
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials) {
          const email = typeof credentials.email === 'string' ? credentials.email : '';
          const password = typeof credentials.password === 'string' ? credentials.password : '';
          if (!email || !password || password.length > 1_000) return null;
          const now = new Date();
          const result = await authenticate(await getDb(), { email, password, meta: await requestMeta(), now });
          if (result.ok) return { ...result.user };
          if (result.code === 'throttled') throw new ThrottledSignIn(retryMinutes(result.until, now));
          return null;
        },
      }),
    ],
    callbacks: {
      ...base.callbacks,
      async jwt(params) {
        const { token, user } = params;
        if (user) {
          token.sub = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion;
          token.name = user.name;
          token.email = user.email;
          token.signedInAt = Date.now();
        }
        const checked = await base.callbacks!.jwt!(params);
        if (!checked || !token.sub || typeof token.sv !== 'number') return null;
        // Revocation: a changed password, a disabled account or a new role ends the session here.
        const current = await currentSessionUser(await getDb(), token.sub, token.sv);
        if (!current) return null;
        token.role = current.role;
        token.name = current.name;
        return token;
      },
    },
  };
});
