import type { Role } from './permissions';

declare module 'next-auth' {
  interface Session {
    user: {
      id: string;
      name: string;
      email: string;
      role: Role;
      sessionId: string;
      lastSeenAt: number;
      /** Only the password has been given: the second step (or setting one up) is still to do. */
      secondFactorPending: boolean;
      /** When the person last proved who they are (ms): sign-in, or confirming again. */
      reauthenticatedAt: number;
    };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: Role;
    /** The server-side session (staff_sessions.id) this cookie belongs to. */
    sid?: string;
    /** When the server last recorded activity on it (ms), read on this request. */
    seen?: number;
    signedInAt?: number;
    /** Whether the server's row says the second step is done, read on this request. */
    mfa?: 'done' | 'pending';
    /** The server row's reauthenticated_at (ms), read on this request. */
    reauth?: number;
  }
}

declare module 'next-auth' {
  interface User {
    role?: Role;
    sessionId?: string;
  }
}
