// Auth.js (next-auth v5) for staff: email and password (credentials). The cookie is an encrypted JWT that
// carries the id of a server-side session (staff_sessions); every use checks that row with the account in one
// read, so signing out, a password change, a disabled account or an admin ends a session at once and for
// good, whatever copy of the cookie is still around. The same read says whether the second step (passkey,
// authenticator app or recovery code) is done and when the person last proved who they are. Server-only.
import 'server-only';
import { headers } from 'next/headers';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { retryTransient } from '@/db/retry';
import { clientIpSource, env } from '@/lib/env';
import { clientIpFrom } from '@/lib/security/client-ip';
import type { RequestMeta } from '@/lib/audit/log';
import { baseAuthConfig } from './config';
import { demoWaiverAllowed } from './mfa-rules';
import { authenticate } from './service';
import { checkSession, endSession } from './sessions';
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
  return { ip: clientIpFrom((name) => h.get(name), clientIpSource()), userAgent: h.get('user-agent') };
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
          const result = await authenticate(await getDb(), {
            email,
            password,
            meta: await requestMeta(),
            now,
            mfa: { demoWaiverAllowed: demoWaiverAllowed(env()) },
          });
          if (result.ok) return { ...result.user, sessionId: result.sessionId };
          if (result.code === 'throttled') throw new ThrottledSignIn(retryMinutes(result.until, now));
          return null;
        },
      }),
    ],
    events: {
      // Both the dashboard's sign-out button and Auth.js's own sign-out route end the server's record.
      async signOut(message) {
        const sid = 'token' in message ? message.token?.sid : undefined;
        if (typeof sid === 'string') await endSession(await getDb(), { sessionId: sid, reason: 'signed_out', now: new Date() });
      },
    },
    callbacks: {
      ...base.callbacks,
      async jwt(params) {
        const { token, user } = params;
        if (user) {
          token.sub = user.id;
          token.sid = user.sessionId;
          token.role = user.role;
          token.name = user.name;
          token.email = user.email;
          token.signedInAt = Date.now();
        }
        const checked = await base.callbacks!.jwt!(params);
        if (!checked || !token.sub || typeof token.sid !== 'string') return null;
        // The server's own record decides: revoked, idle, too old or a disabled account ends the session here.
        const e = env();
        // The database restarting must not sign anyone out: a short retry (the check only reads and stamps the visit).
        const sid = token.sid;
        const live = await retryTransient(async () =>
          checkSession(await getDb(), sid, new Date(), { idleMinutes: e.STAFF_SESSION_IDLE_MINUTES, maxHours: e.STAFF_SESSION_MAX_HOURS }),
        );
        if (!live || live.user.id !== token.sub) return null;
        token.role = live.user.role;
        token.name = live.user.name;
        token.email = live.user.email;
        token.seen = live.lastSeenAt.getTime();
        token.mfa = live.secondFactorAt ? 'done' : 'pending';
        token.reauth = live.reauthenticatedAt.getTime();
        return token;
      },
    },
  };
});
