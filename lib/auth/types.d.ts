import type { Role } from './permissions';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string; role: Role };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: Role;
    /** The account's session version when this session began: a mismatch ends the session. */
    sv?: number;
    signedInAt?: number;
  }
}

declare module 'next-auth' {
  interface User {
    role?: Role;
    sessionVersion?: number;
  }
}
