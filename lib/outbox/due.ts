// What every outbox (email_messages, text_messages) means by "due", and how a worker claims due rows: the rows
// waiting for their time (send_after, and next_attempt_at after a failed try), plus those whose worker died
// mid-send (a `sending` claim whose lease ran out). Claimed with FOR UPDATE SKIP LOCKED, so any number of
// workers take each row once; each claim adds an attempt and a lease. Shared by the outboxes so the rule is
// written once (lib/email/worker's claim predates it and says the same).
import { and, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '@/db/client';

/** The columns an outbox table has in common. */
export type OutboxColumns = {
  id: PgColumn;
  status: PgColumn;
  sendAfter: PgColumn;
  nextAttemptAt: PgColumn;
  lockedUntil: PgColumn;
  attempts: PgColumn;
};

export function dueCondition(c: OutboxColumns, now: Date): SQL {
  return or(
    and(eq(c.status, 'pending'), lte(c.sendAfter, now), or(sql`${c.nextAttemptAt} is null`, lte(c.nextAttemptAt, now))),
    and(eq(c.status, 'sending'), lt(c.lockedUntil, now)),
  )!;
}

/** Takes up to `limit` due rows for this worker; a claim expires after lockSeconds if the worker dies. */
export async function claimDue<Row>(db: Database, table: PgTable, c: OutboxColumns, now: Date, limit: number, lockSeconds: number): Promise<Row[]> {
  return db.transaction(async (tx) => {
    const due = (await tx
      .select({ id: c.id })
      .from(table)
      .where(dueCondition(c, now))
      .orderBy(c.sendAfter)
      .limit(limit)
      .for('update', { skipLocked: true })) as { id: string }[];
    if (due.length === 0) return [];
    return (await tx
      .update(table)
      .set({ status: 'sending', lockedUntil: new Date(now.getTime() + lockSeconds * 1000), attempts: sql`${c.attempts} + 1` } as never)
      .where(inArray(c.id, due.map((d) => d.id)))
      .returning()) as Row[];
  });
}
