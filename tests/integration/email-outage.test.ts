// The email provider down for 10 minutes, against a real PostgreSQL database and the fake Resend through the
// real SDK. The worker's clock is simulated: passes every 15 s across the outage, each sending whatever is due.
// While the provider is down every request it gets fails, in turn: a 500, a hung request (the transport's
// timeout gives up on it), and a hung request Resend had in fact accepted (the retry, with the same
// Idempotency-Key, must not send it twice). Afterwards everything queued has gone out exactly once, with
// growing backoff between attempts, and the late-reminder rule (lib/email/outbox lateReminderDecision) has
// let a reminder a few minutes late through and cancelled one that would reach the patient too close to
// the appointment.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as t from '@/db/schema';
import { resendTransport, type Transport } from '@/lib/email/transport';
import { runEmailWorkerOnce, type WorkerContext } from '@/lib/email/worker';
import { submitConsultationRequest } from '@/lib/intake/service';
import { openSlots, seedClinic, validInput } from '../support/consult-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startFakeResend, type FakeFailure, type FakeResend } from '../support/fake-resend';
import { workerContextFor } from '../support/worker-context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const OUTAGE_MS = 10 * MINUTE;
const PASS_EVERY_MS = 15_000;
/** A hung request is given up after this long (real time); production keeps the transport's 15 s default. */
const SEND_TIMEOUT_MS = 400;
/** What the provider does with each request while it is down, in turn. */
const OUTAGE_FAILURES: FakeFailure[] = [{ status: 500 }, { timeout: true }, { timeout: true, accepted: true }, { status: 503 }];

let handle: TestDatabase;
let fake: FakeResend;

beforeAll(async () => {
  // The real server: this is about row locks and timing on PostgreSQL, not the embedded database.
  handle = await createTestDatabase('postgres');
  await seedClinic(handle.db);
  fake = await startFakeResend();
});

afterAll(async () => {
  await fake?.close();
  await handle?.dispose();
});

/** The real transport with a short timeout, made while RESEND_BASE_URL names the fake (the SDK reads it once). */
async function shortTimeoutTransport(): Promise<Transport> {
  const previous = process.env.RESEND_BASE_URL;
  process.env.RESEND_BASE_URL = fake.url;
  const transport = resendTransport('re_test_key', SEND_TIMEOUT_MS);
  await transport.send({ from: 'a@example.com', to: 'warmup@example.com', subject: 'warm up', html: '<p>x</p>', text: 'x' }, 'warmup-outage');
  if (previous === undefined) delete process.env.RESEND_BASE_URL;
  else process.env.RESEND_BASE_URL = previous;
  return transport;
}

/** While `down()` says so, each request reaching the fake is made to fail (the fake's own failure modes). */
function throughOutage(real: Transport, down: () => boolean): Transport & { injected: number; acceptedKeys: string[] } {
  const wrapper = {
    injected: 0,
    /** Idempotency keys of sends the provider accepted while the answer was lost. */
    acceptedKeys: [] as string[],
    send: (email: Parameters<Transport['send']>[0], key: string) => {
      if (down()) {
        const failure = OUTAGE_FAILURES[wrapper.injected++ % OUTAGE_FAILURES.length]!;
        if ('timeout' in failure && failure.accepted) wrapper.acceptedKeys.push(key);
        fake.failNext(1, failure);
      }
      return real.send(email, key);
    },
  };
  return wrapper;
}

/**
 * Two slots 22 hours apart: A's reminder (24 hours before) falls due 2 minutes into the outage; B starts
 * 2 h 02 min after the outage begins, so its reminder, due the day before, is already late when the worker
 * reaches it and crosses the 2-hour line during the outage.
 */
async function pickSlots(base: Date): Promise<{ a: Date; b: Date }> {
  const slots = (await openSlots(handle.db, base)).map((s) => s.start.getTime());
  const b = slots.find((s) => s > base.getTime() + 2 * 24 * HOUR && slots.includes(s + 22 * HOUR));
  if (b === undefined) throw new Error('no two open slots 22 hours apart');
  return { a: new Date(b + 22 * HOUR), b: new Date(b) };
}

/** Real jitter, the same on every run (mulberry32). */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let addresses = 0;
async function request(now: Date, slot: Date | 'call' = 'call') {
  const result = await submitConsultationRequest(handle.db, validInput({ slot }), { now, ip: `10.60.0.${++addresses}` });
  if (!result.ok) throw new Error(`request refused: ${result.code}`);
  return result.data;
}

it('sends every message exactly once after a 10-minute outage, retrying with growing backoff, and applies the late-reminder rule', async () => {
  const { a, b } = await pickSlots(new Date('2026-12-01T17:00:00Z'));
  const outageStart = new Date(a.getTime() - 24 * HOUR - 2 * MINUTE);
  const outageEnd = new Date(outageStart.getTime() + OUTAGE_MS);
  const at = (ms: number) => new Date(outageStart.getTime() + ms);

  // B booked the day before (the worker was stopped overnight: its reminder has waited since); A an hour
  // before the outage; three people ask to be called just before it and three during it.
  await request(new Date(b.getTime() - 28 * HOUR), b);
  await request(at(-HOUR), a);
  for (const offset of [-30_000, -20_000, -10_000]) await request(at(offset));
  const during = [3 * MINUTE, 5 * MINUTE, 7 * MINUTE];

  let clock = outageStart;
  const transport = throughOutage(await shortTimeoutTransport(), () => clock < outageEnd);
  const ctx: WorkerContext = await workerContextFor(handle.db, fake, { transport, random: seededRandom(2026) });
  fake.reset();

  // Every pass: how long each message was told to wait before its next attempt.
  const delays = new Map<string, number[]>();
  const totals = { passes: 0, retried: 0, sent: 0, cancelled: 0, failed: 0 };
  for (let ms = 0; ms <= OUTAGE_MS + 30 * MINUTE; ms += PASS_EVERY_MS) {
    clock = at(ms);
    while (during.length > 0 && during[0]! <= ms) await request(at(during.shift()!));
    const summary = await runEmailWorkerOnce(ctx, clock, 50);
    totals.passes++;
    totals.retried += summary.retried;
    totals.sent += summary.sent;
    totals.cancelled += summary.cancelled;
    totals.failed += summary.failed;
    if (summary.retried === 0) continue;
    const waiting = await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.status, 'pending'));
    for (const m of waiting) {
      if (!m.nextAttemptAt || m.nextAttemptAt <= clock) continue;
      const list = delays.get(m.id) ?? [];
      if (list.length < m.attempts) list.push(m.nextAttemptAt.getTime() - clock.getTime());
      delays.set(m.id, list);
    }
  }

  const rows = await handle.db.select().from(t.emailMessages);
  const reminders = rows.filter((m) => m.template === 'appointment-reminder');
  const [reminderA, reminderB] = [a, b].map((start) =>
    reminders.find((m) => new Date((m.props as { startsAt: string }).startsAt).getTime() === start.getTime()),
  );
  const sentRows = rows.filter((m) => m.status === 'sent');
  const messages = fake.messages();
  const byKey = new Set(messages.map((m) => m.idempotencyKey));
  const byRecipientAndSubject = new Set(messages.map((m) => `${m.to.join(',')}|${m.subject}`));
  const caught = rows.filter((m) => m.sendAfter < outageEnd && m.status === 'sent');

  console.info(
    `[email-outage] queued ${rows.length}, sent ${sentRows.length}, cancelled late ${rows.filter((m) => m.status === 'cancelled').length}, ` +
      `failed ${totals.failed}; provider requests ${fake.requests} (failures injected ${transport.injected}), messages recorded ${messages.length}, ` +
      `duplicates by key ${messages.length - byKey.size}, by recipient+subject ${messages.length - byRecipientAndSubject.size}; ` +
      `attempts: max ${Math.max(...rows.map((m) => m.attempts))}, total ${rows.reduce((n, m) => n + m.attempts, 0)}; passes ${totals.passes}; ` +
      `delays of the most-retried message (s): ${[...delays.values()].sort((x, y) => y.length - x.length)[0]?.map((d) => Math.round(d / 1000)).join(', ')}; ` +
      `sends accepted while the answer was lost ${transport.acceptedKeys.length}; ` +
      `reminder A sent ${Math.round((reminderA!.sentAt!.getTime() - reminderA!.sendAfter.getTime()) / 1000)} s late; reminder B ${reminderB?.status}: ${reminderB?.lastError}`,
  );

  // Everything queued went out once, except the one reminder the rule cancelled.
  expect(totals.failed).toBe(0);
  expect(rows.map((m) => m.status).filter((s) => s !== 'sent')).toEqual(['cancelled']);
  expect(sentRows).toHaveLength(rows.length - 1);
  // B's reminder may have been one the provider took while its answer was lost: then, and only then, it was sent.
  const bTakenDuringOutage = transport.acceptedKeys.includes(reminderB!.idempotencyKey);
  expect(messages).toHaveLength(sentRows.length + (bTakenDuringOutage ? 1 : 0));
  expect(byKey.size).toBe(messages.length);
  expect(byRecipientAndSubject.size).toBe(messages.length);
  for (const row of sentRows) {
    expect(messages.find((m) => m.id === row.providerMessageId)?.idempotencyKey).toBe(row.idempotencyKey);
    expect(row.sentAt!.getTime()).toBeGreaterThanOrEqual(outageEnd.getTime());
  }

  // All of them fell due before the provider came back, and each was tried more than once.
  expect(caught).toHaveLength(sentRows.length);
  for (const row of caught) expect(row.attempts).toBeGreaterThan(1);
  // Every request the provider got either failed (injected) or sent one message: none sent twice.
  expect(fake.requests).toBe(transport.injected + sentRows.length);
  // Sends the provider accepted while the answer was lost (timed out): the retry got the same message back.
  expect(transport.acceptedKeys.length).toBeGreaterThan(0);
  for (const key of transport.acceptedKeys) {
    const recorded = messages.filter((m) => m.idempotencyKey === key);
    expect(recorded).toHaveLength(1);
    const row = rows.find((m) => m.idempotencyKey === key)!;
    if (row.id !== reminderB!.id) expect(row.providerMessageId).toBe(recorded[0]!.id);
  }

  // Each message waited at least as long before each new attempt as before the last (jittered steps that double).
  const retriedMore = [...delays.values()].filter((list) => list.length >= 3);
  expect(retriedMore.length).toBeGreaterThan(0);
  for (const list of retriedMore) {
    for (let i = 1; i < list.length; i++) expect(list[i]!).toBeGreaterThanOrEqual(list[i - 1]!);
    expect(list.at(-1)!).toBeGreaterThan(list[0]!);
  }

  // The late-reminder rule: A, a few minutes late, went out; B, by then under 2 hours before, did not.
  expect(reminderA?.status).toBe('sent');
  expect(reminderA!.sentAt!.getTime()).toBeGreaterThan(reminderA!.sendAfter.getTime());
  expect(reminderB?.status).toBe('cancelled');
  expect(reminderB?.lastError).toMatch(/^too late: less than 2 hours before the appointment \(\d+ earlier tries failed/);
  expect(reminderB?.props).not.toHaveProperty('sealedLinks');
  expect(messages.filter((m) => m.to.includes(reminderB!.toAddress) && /^Reminder/.test(m.subject))).toHaveLength(bTakenDuringOutage ? 1 : 0);
}, 300_000);
