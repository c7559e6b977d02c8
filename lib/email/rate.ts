// The send rate shared by every worker process (EMAIL_RATE_PER_SECOND): Resend's limit is per account, so two
// workers each sending at the limit would be refused half the time. One row in PostgreSQL (email_send_rate)
// holds the earliest instant the next message may go out; before each send a worker reserves the next slot with a
// single UPDATE (no transaction held open, no lock held while sending) and waits until its slot. Slots are spaced
// (1000 + RATE_SAFETY_MS) / rate milliseconds apart by the database's clock, so any `rate` consecutive sends start
// at least a second plus the safety gap apart: the gap absorbs the variation in how long a request takes to reach
// the provider after its slot, and the limit holds as the provider counts. See docs/decisions/0006.
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';

/** How much variation in a send's travel time the spacing absorbs (ms): N sends always span 1 s + this. */
export const RATE_SAFETY_MS = 100;

/** Milliseconds between two slots at `ratePerSecond` (pure). */
export function slotSpacingMs(ratePerSecond: number): number {
  return (1000 + RATE_SAFETY_MS) / ratePerSecond;
}

/** postgres.js returns the rows, PGlite an object holding them. */
function firstRow<T>(result: unknown): T | undefined {
  return ((Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[])[0];
}

export type SendSlot = { waitMs: number; at: Date };

/**
 * Reserves the next send slot across all workers: how long to wait before sending, and the slot's instant (the
 * database's clock). `ratePerSecond` 0 or less: no limit, no reservation.
 */
export async function reserveSendSlot(db: Executor, ratePerSecond: number): Promise<SendSlot | null> {
  if (!(ratePerSecond > 0)) return null;
  const spacing = slotSpacingMs(ratePerSecond);
  const row = firstRow<{ wait_ms: number | string; slot: Date | string }>(
    await db.execute(sql`
      insert into email_send_rate as r (id, next_at) values (1, clock_timestamp() + ${spacing} * interval '1 millisecond')
      on conflict (id) do update set next_at = greatest(r.next_at, clock_timestamp()) + ${spacing} * interval '1 millisecond'
      returning greatest(0, extract(epoch from (r.next_at - clock_timestamp())) * 1000 - ${spacing})::float8 as wait_ms,
        r.next_at - ${spacing} * interval '1 millisecond' as slot`),
  );
  return { waitMs: Number(row?.wait_ms ?? 0), at: new Date(row!.slot) };
}
