// The outbox worker against a real database and Resend's API faked at the network edge, through the real SDK.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as t from '@/db/schema';
import { enqueueDueFollowUps } from '@/lib/email/scheduled';
import { unsubscribe } from '@/lib/email/unsubscribe';
import { handleResendWebhook } from '@/lib/email/webhooks';
import { runEmailWorkerOnce, type WorkerContext } from '@/lib/email/worker';
import { submitConsultationRequest } from '@/lib/intake/service';
import { openSlots, seedClinic, validInput } from '../support/consult-fixtures';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';
import { makeWebhookSecret, signWebhook, startFakeResend, type FakeResend } from '../support/fake-resend';
import { workerContextFor } from '../support/worker-context';

const now = new Date('2026-12-01T17:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

let handle: TestDatabase;
let fake: FakeResend;
let ctx: WorkerContext;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  await seedClinic(handle.db);
  fake = await startFakeResend();
  ctx = await workerContextFor(handle.db, fake);
});

afterAll(async () => {
  await fake?.close();
  await handle?.dispose();
});

beforeEach(() => fake.reset());

// Each request from its own address: requests with no address share one limit (tests/integration/client-address.test.ts).
let addresses = 0;
async function request(overrides: Parameters<typeof validInput>[0] = {}) {
  const result = await submitConsultationRequest(handle.db, validInput(overrides), { now, ip: `10.40.0.${++addresses}` });
  if (!result.ok) throw new Error(`request refused: ${result.code}`);
  return result.data;
}

const messagesOf = (leadId: string) => handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.leadId, leadId));

describe('the email worker', () => {
  it('sends every due message once, with its idempotency key, and records it on the timeline', async () => {
    const r = await request();
    const first = await runEmailWorkerOnce(ctx, later(1));
    expect(first.sent).toBeGreaterThanOrEqual(2);
    const rows = await messagesOf(r.leadId);
    expect(rows.map((m) => [m.template, m.status]).sort()).toEqual([
      ['request-received', 'sent'],
      ['staff-new-request', 'sent'],
    ]);
    for (const row of rows) {
      const sent = fake.messages().find((m) => m.id === row.providerMessageId);
      expect(sent?.idempotencyKey).toBe(row.idempotencyKey);
      expect(sent?.text).toContain(row.props.reference as string);
    }
    const activities = await handle.db.select().from(t.leadActivities).where(and(eq(t.leadActivities.leadId, r.leadId), eq(t.leadActivities.type, 'email_sent')));
    expect(activities).toHaveLength(1);
    const again = await runEmailWorkerOnce(ctx, later(2));
    expect(again.claimed).toBe(0);
    expect(fake.requests).toBe(first.sent);
  });

  it('attaches the calendar file to a booking confirmation and holds the reminder until 24 hours before', async () => {
    // A slot two days ahead, so its reminder (24 hours before) is still in the future.
    const slot = (await openSlots(handle.db, now)).find((s) => s.start.getTime() >= now.getTime() + 2 * 86_400_000)!;
    const r = await request({ slot: slot.start });
    await runEmailWorkerOnce(ctx, later(1));
    const [email] = await handle.db.select().from(t.leads).where(eq(t.leads.id, r.leadId));
    const confirmation = fake.messagesTo(email!.email!).find((m) => m.attachments.length > 0);
    expect(confirmation?.attachments[0]?.filename).toBe('consultation.ics');
    expect(confirmation?.attachments[0]?.content.toString('utf8')).toContain('BEGIN:VEVENT');
    const reminder = (await messagesOf(r.leadId)).find((m) => m.template === 'appointment-reminder');
    expect(reminder?.status).toBe('pending');
    expect(reminder?.sendAfter.getTime()).toBe(slot.start.getTime() - 24 * 3_600_000);
  });

  it('retries a 500 with backoff and sends on a later pass, still as one message', async () => {
    const r = await request();
    fake.failNext(2, { status: 500 });
    const one = await runEmailWorkerOnce(ctx, later(1));
    expect(one.retried).toBe(2);
    const pending = await messagesOf(r.leadId);
    for (const m of pending) {
      expect(m.status).toBe('pending');
      expect(m.attempts).toBe(1);
      expect(m.lastError).toContain('500');
      expect(m.nextAttemptAt!.getTime()).toBeGreaterThan(later(1).getTime());
    }
    // Not due yet: nothing is claimed.
    expect((await runEmailWorkerOnce(ctx, later(2))).claimed).toBe(0);
    const two = await runEmailWorkerOnce(ctx, later(3_600));
    expect(two.sent).toBe(2);
    expect(fake.messages()).toHaveLength(2);
  });

  it("waits at least as long as a 429's retry-after", async () => {
    const r = await request();
    fake.failNext(2, { status: 429, retryAfterSeconds: 300 });
    await runEmailWorkerOnce(ctx, later(1));
    for (const m of await messagesOf(r.leadId)) {
      expect(m.status).toBe('pending');
      expect(m.nextAttemptAt!.getTime() - later(1).getTime()).toBeGreaterThanOrEqual(299_000);
    }
    await runEmailWorkerOnce(ctx, later(7_200));
  });

  it('gives up after the configured attempts and shows the failure on the timeline', async () => {
    const r = await request();
    await handle.db.update(t.emailMessages).set({ maxAttempts: 2 }).where(eq(t.emailMessages.leadId, r.leadId));
    fake.failNext(4, { status: 503 });
    await runEmailWorkerOnce(ctx, later(1));
    await runEmailWorkerOnce(ctx, later(7_200));
    const rows = await messagesOf(r.leadId);
    expect(rows.map((m) => m.status)).toEqual(['failed', 'failed']);
    const failed = await handle.db.select().from(t.leadActivities).where(and(eq(t.leadActivities.leadId, r.leadId), eq(t.leadActivities.type, 'email_failed')));
    expect(failed).toHaveLength(1);
  });

  it('sends each message exactly once when two workers run at the same time', async () => {
    const leads = [];
    for (let i = 0; i < 12; i++) leads.push(await request());
    const [a, b] = await Promise.all([runEmailWorkerOnce(ctx, later(1), 50), runEmailWorkerOnce(ctx, later(1), 50)]);
    expect(a.sent + b.sent).toBe(24);
    const keys = fake.messages().map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(24);
  });

  it('fails a message that cannot be rendered instead of retrying it forever', async () => {
    const r = await request();
    const [broken] = await handle.db
      .insert(t.emailMessages)
      .values({ template: 'booking-confirmed', category: 'transactional', toAddress: 'x@example.com', props: { firstName: 'X' }, leadId: r.leadId, sendAfter: now })
      .returning();
    await runEmailWorkerOnce(ctx, later(1));
    const [row] = await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.id, broken!.id));
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toMatch(/^render: .*startsAt/);
    expect(fake.messagesTo('x@example.com')).toEqual([]);
  });

  it('keeps every message, rendered, when there is no API key (preview mode)', async () => {
    const r = await request();
    const summary = await runEmailWorkerOnce({ ...ctx, transport: null }, later(1));
    expect(summary.held).toBeGreaterThanOrEqual(2);
    for (const m of await messagesOf(r.leadId)) {
      expect(m.status).toBe('held');
      expect(m.subject).toBeTruthy();
      expect(m.html).toContain(m.props.reference as string);
    }
    expect(fake.requests).toBe(0);
  });
});

describe('follow-ups and unsubscribing', () => {
  it('follows up an unscheduled request after 3 days, at most twice, with a one-click unsubscribe', async () => {
    const r = await request();
    await runEmailWorkerOnce(ctx, later(1));
    const opts = { afterDays: 3, max: 2, bookUrl: 'http://localhost:3000/consult' };
    expect(await enqueueDueFollowUps(handle.db, later(2 * 86_400), opts)).toBe(0);
    const day3 = later(3 * 86_400 + 60);
    expect(await enqueueDueFollowUps(handle.db, day3, opts)).toBeGreaterThanOrEqual(1);
    await runEmailWorkerOnce(ctx, day3);
    const [lead] = await handle.db.select().from(t.leads).where(eq(t.leads.id, r.leadId));
    const followUp = fake.messagesTo(lead!.email!).find((m) => m.subject && m.headers['List-Unsubscribe']);
    expect(followUp?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(await enqueueDueFollowUps(handle.db, day3, opts)).toBe(0);
    // After the patient unsubscribes, the second follow-up is never sent.
    await unsubscribe(handle.db, lead!.email!, day3);
    const day6 = later(6 * 86_400 + 120);
    await enqueueDueFollowUps(handle.db, day6, opts);
    await runEmailWorkerOnce(ctx, day6);
    const followUps = (await messagesOf(r.leadId)).filter((m) => m.template === 'request-follow-up');
    expect(followUps.filter((m) => m.status === 'sent')).toHaveLength(1);
  });

  it('stops following up once staff have contacted the person', async () => {
    const r = await request();
    await handle.db.update(t.leads).set({ status: 'contacted', firstContactedAt: later(60) }).where(eq(t.leads.id, r.leadId));
    await enqueueDueFollowUps(handle.db, later(10 * 86_400), { afterDays: 3, max: 2, bookUrl: 'x' });
    expect((await messagesOf(r.leadId)).filter((m) => m.template === 'request-follow-up')).toEqual([]);
  });
});

describe('delivery webhooks', () => {
  const secret = makeWebhookSecret();

  async function sentMessage() {
    const r = await request();
    await runEmailWorkerOnce(ctx, later(1));
    const [m] = (await messagesOf(r.leadId)).filter((x) => x.template === 'request-received');
    return { leadId: r.leadId, message: m! };
  }

  const event = (type: string, emailId: string, extra: Record<string, unknown> = {}) => ({
    type,
    created_at: new Date().toISOString(),
    data: { email_id: emailId, created_at: new Date().toISOString(), from: 'a@b', to: ['c@d'], subject: 's', ...extra },
  });

  const deliver = (signed: { body: string; headers: Record<string, string> }, s = secret) =>
    handleResendWebhook(handle.db, s, signed.body, { id: signed.headers['svix-id']!, timestamp: signed.headers['svix-timestamp']!, signature: signed.headers['svix-signature']! }, new Date());

  it('records delivery once, on the message and the timeline, and ignores a replay', async () => {
    const { leadId, message } = await sentMessage();
    const signed = signWebhook(secret, event('email.delivered', message.providerMessageId!));
    expect(await deliver(signed)).toEqual({ ok: true, status: 'recorded' });
    expect(await deliver(signed)).toEqual({ ok: true, status: 'replayed' });
    const [row] = await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.id, message.id));
    expect(row?.status).toBe('delivered');
    const delivered = await handle.db.select().from(t.leadActivities).where(and(eq(t.leadActivities.leadId, leadId), eq(t.leadActivities.type, 'email_delivered')));
    expect(delivered).toHaveLength(1);
  });

  it('refuses unsigned, wrongly signed and stale calls', async () => {
    const { message } = await sentMessage();
    const body = event('email.delivered', message.providerMessageId!);
    expect(await handleResendWebhook(handle.db, secret, JSON.stringify(body), { id: null, timestamp: null, signature: null }, new Date())).toEqual({ ok: false, code: 'unsigned' });
    expect(await deliver(signWebhook(makeWebhookSecret(), body))).toEqual({ ok: false, code: 'bad_signature' });
    expect(await deliver(signWebhook(secret, body, { timestamp: new Date(Date.now() - 3_600_000) }))).toEqual({ ok: false, code: 'bad_signature' });
  });

  it('marks the email undeliverable after a hard bounce, so staff know to call', async () => {
    const { leadId, message } = await sentMessage();
    await deliver(signWebhook(secret, event('email.bounced', message.providerMessageId!, { bounce: { type: 'Permanent', subType: 'General', message: 'no such user' } })));
    const [lead] = await handle.db.select().from(t.leads).where(eq(t.leads.id, leadId));
    expect(lead?.emailUndeliverable).toBe(true);
    const [row] = await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.id, message.id));
    expect(row?.status).toBe('bounced');
  });
});
