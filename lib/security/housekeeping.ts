// Deleting what is no longer needed, on a schedule (the background loop in lib/email/runner runs it hourly):
// rate-limit windows and sign-in attempts only matter for minutes, spent one-time links and ended sessions
// only for a short look back, the consultation form's unsent drafts only for their 4 hours. None of these is the audit trail: lib/audit keeps that, for good.
import { lt, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { authTokens, staffSessions } from '@/db/schema';
import { pruneLoginAttempts } from '@/lib/auth/service';
import { pruneExpiredDrafts } from '@/lib/intake/draft-store';
import { pruneRateLimits } from './rate-limit';

const DAY_MS = 86_400_000;

/** How long each kind of record is kept (days). */
export const RETENTION_DAYS = { rateLimitWindows: 2, loginAttempts: 30, oneTimeLinks: 30, endedSessions: 90 } as const;

export type HousekeepingSummary = {
  rateLimitWindows: number;
  loginAttempts: number;
  oneTimeLinks: number;
  endedSessions: number;
  expiredDrafts: number;
};

export async function runHousekeeping(db: Executor, now: Date): Promise<HousekeepingSummary> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const rateLimitWindows = await pruneRateLimits(db, now, RETENTION_DAYS.rateLimitWindows * 86_400);
  const loginAttempts = await pruneLoginAttempts(db, now, RETENTION_DAYS.loginAttempts * DAY_MS);
  // A link is only a hash here; once spent or expired for a month it is of no use to anyone.
  const links = await db
    .delete(authTokens)
    .where(lt(authTokens.expiresAt, before(RETENTION_DAYS.oneTimeLinks)))
    .returning({ id: authTokens.id });
  // A session row holds an address and a browser name: kept for the account page's look back, then gone.
  // Idle for this long, a session has long been over (the idle timeout is minutes, the longest a day).
  const sessions = await db
    .delete(staffSessions)
    .where(sql`coalesce(${staffSessions.revokedAt}, ${staffSessions.lastSeenAt}) < ${before(RETENTION_DAYS.endedSessions).toISOString()}::timestamptz`)
    .returning({ id: staffSessions.id });
  // A consultation form's answers never sent: unreadable without the person's cookie, and gone once expired.
  const expiredDrafts = await pruneExpiredDrafts(db, now);
  return { rateLimitWindows, loginAttempts, oneTimeLinks: links.length, endedSessions: sessions.length, expiredDrafts };
}
