// When a staff session is still good (pure: `now` passed in). A session ends when it is revoked (signed
// out, ended from the account page or by an admin, password changed or reset, account disabled, role
// changed), after STAFF_SESSION_IDLE_MINUTES without activity, and STAFF_SESSION_MAX_HOURS after sign-in
// whatever the activity. The server decides from its own row; a cookie a browser still holds changes nothing.

export type SessionLimits = { idleMinutes: number; maxHours: number };

export type SessionFacts = { createdAt: Date; lastSeenAt: Date; revokedAt: Date | null; accountDisabled: boolean };

export type SessionVerdict = 'active' | 'revoked' | 'idle' | 'expired' | 'account_disabled';

/** Activity is written down at most this often (a write per request would cost more than the read). */
export const TOUCH_EVERY_MS = 60_000;

export function sessionVerdict(s: SessionFacts, now: Date, limits: SessionLimits): SessionVerdict {
  if (s.revokedAt) return 'revoked';
  if (s.accountDisabled) return 'account_disabled';
  if (now.getTime() >= s.createdAt.getTime() + limits.maxHours * 3_600_000) return 'expired';
  if (now.getTime() >= s.lastSeenAt.getTime() + limits.idleMinutes * 60_000) return 'idle';
  return 'active';
}

/** Whether this use should move the session's last activity forward. */
export const shouldTouch = (lastSeenAt: Date, now: Date): boolean => now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS;

/** A short, readable name for a browser from its user agent ("Chrome on Windows"), for the sessions list. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /(Chrome|Chromium|HeadlessChrome)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Another browser';
  const system = /iPhone|iPad/.test(userAgent)
    ? 'iPhone or iPad'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'Mac'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : 'another system';
  return `${browser} on ${system}`;
}
