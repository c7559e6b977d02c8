// The shared send rate (EMAIL_RATE_PER_SECOND, lib/email/rate.ts): workers reserve send slots in one database
// row, so two workers together keep to the limit. Asserted on the slots the database handed out (their instants,
// by the database's clock), never on how long anything took: a slow machine gives later slots, not closer ones.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres, type DbHandle } from '@/db/client';
import * as t from '@/db/schema';
import { enqueueEmail } from '@/lib/email/outbox';
import { RATE_SAFETY_MS, reserveSendSlot, slotSpacingMs } from '@/lib/email/rate';
import { runEmailWorkerOnce } from '@/lib/email/worker';
import { availableBackends, createTestDatabase, type TestDatabase } from '../support/db';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { workerContextFor } from '../support/worker-context';

const now = new Date('2026-12-01T17:00:00Z');
const RATE = 5;

/** The most slots in any window of one second [t, t + 1 s), t being a slot's instant. */
function maxInAnySecond(instants: Date[]): number {
  const times = instants.map((d) => d.getTime()).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (j < times.length && times[j]! < times[i]! + 1000) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

async function queue(db: TestDatabase['db'], n: number) {
  for (let i = 0; i < n; i++) {
    await enqueueEmail(db, { template: 'request-received', to: `rate${i}@example.com`, props: { firstName: 'Pat', reference: `CR-RATE${i}`, manageUrl: 'https://clinic.test/consult/manage/x' } }, now);
  }
}

describe.each(await availableBackends())('the shared send rate on %s', (backend) => {
  let handle: TestDatabase;
  let fake: FakeResend;
  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    fake = await startFakeResend();
  });
  afterAll(async () => {
    await fake?.close();
    await handle?.dispose();
  });
  beforeEach(async () => {
    fake.reset();
    await handle.db.execute(sql`delete from email_messages`);
  });

  it('spaces slots (1 s + the safety gap) / rate apart, and hands out none at 0 (no limit)', async () => {
    expect(await reserveSendSlot(handle.db, 0)).toBeNull();
    const slots: { at: Date; waitMs: number }[] = [];
    for (let i = 0; i < 8; i++) slots.push((await reserveSendSlot(handle.db, RATE))!);
    const gaps = slots.slice(1).map((s, i) => s.at.getTime() - slots[i]!.at.getTime());
    // Timestamps are kept to the microsecond; a Date holds milliseconds.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(Math.floor(slotSpacingMs(RATE)) - 1);
    expect(maxInAnySecond(slots.map((s) => s.at))).toBeLessThanOrEqual(RATE);
    for (const slot of slots) expect(slot.waitMs).toBeGreaterThanOrEqual(0);
    expect((1000 + RATE_SAFETY_MS) / slotSpacingMs(RATE)).toBe(RATE);
  });

  // Concurrency needs a server: PGlite is one connection, so this case exists on PostgreSQL only.
  if (backend === 'postgres') {
    it('keeps two workers, each with its own pool, to the limit together, sending each message once', async () => {
      await queue(handle.db, 14);
      // Two processes' worth of connections: each worker has its own pool, as two `npm run worker` would.
      const pools: DbHandle[] = [await openPostgres(handle.url!, { max: 2 }), await openPostgres(handle.url!, { max: 2 })];
      const slots: Date[] = [];
      try {
        const contexts = await Promise.all(pools.map((p) => workerContextFor(p.db, fake, { sendRatePerSecond: RATE, onSlot: (at) => slots.push(at) })));
        fake.reset(); // the contexts' warm-up sends
        await Promise.all(contexts.map((ctx) => runEmailWorkerOnce(ctx, new Date(now.getTime() + 1000), 7)));
      } finally {
        await Promise.all(pools.map((p) => p.close()));
      }
      const rows = await handle.db.select({ status: t.emailMessages.status, key: t.emailMessages.idempotencyKey }).from(t.emailMessages);
      expect(rows.map((r) => r.status)).toEqual(Array(14).fill('sent'));
      const received = fake.messages().map((m) => m.idempotencyKey);
      expect(new Set(received).size).toBe(received.length);
      expect([...received].sort()).toEqual(rows.map((r) => r.key).sort());
      // One slot per send, from both workers, and never more than the rate in any second.
      expect(slots).toHaveLength(14);
      expect(maxInAnySecond(slots)).toBeLessThanOrEqual(RATE);
    });
  }
});
