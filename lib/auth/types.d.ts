import type { Role } from './permissions';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string; role: Role; sessionId: string; lastSeenAt: number };
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
  }
}

declare module 'next-auth' {
  interface User {
    role?: Role;
    sessionId?: string;
  }
}
