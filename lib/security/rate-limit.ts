// Fixed-window rate limits counted in Postgres, so every app instance shares them. Keys hold a hash of who
// is counted (an email, an address), never the value itself: the table is not a list of who came.
import { createHash } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rateLimits } from '@/db/schema';

export type Limit = { key: string; max: number; windowSeconds: number };
export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The key a limit counts under: what is limited, and a hash of whom it counts (pure). */
export function limitKey(scope: string, who: string): string {
  return `${scope}:${createHash('sha256').update(who).digest('base64url').slice(0, 32)}`;
}

/** The start of the fixed window that contains `now` (pure). */
export function windowStart(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/** Counts one hit against every limit and refuses when any of them is exceeded (call it inside the use case's transaction). */
export async function hitRateLimits(db: Executor, limits: Limit[], now: Date): Promise<LimitResult> {
  let retryAfterSeconds = 0;
  for (const limit of limits) {
    const start = windowStart(now, limit.windowSeconds);
    const [row] = await db
      .insert(rateLimits)
      .values({ key: limit.key, windowStart: start, count: 1 })
      .onConflictDoUpdate({
        target: [rateLimits.key, rateLimits.windowStart],
        set: { count: sql`${rateLimits.count} + 1` },
      })
      .returning({ count: rateLimits.count });
    if ((row?.count ?? 0) > limit.max) {
      const ends = start.getTime() + limit.windowSeconds * 1000;
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((ends - now.getTime()) / 1000));
    }
  }
  return retryAfterSeconds > 0 ? { ok: false, retryAfterSeconds } : { ok: true };
}

/** Old windows are useless: lib/security/housekeeping deletes them hourly (cheap with the index). Returns how many went. */
export async function pruneRateLimits(db: Executor, now: Date, olderThanSeconds = 2 * 86_400): Promise<number> {
  const gone = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - olderThanSeconds * 1000)))
    .returning({ key: rateLimits.key });
  return gone.length;
}
