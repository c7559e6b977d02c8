// The outbox as staff see it, against a real database: preview mode keeps rendered messages to read,
// filters and counts, secret messages never come back with a body, a failed message can be sent again.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLead, buildStaffUser } from '@/db/factories';
import * as t from '@/db/schema';
import { enqueueEmail } from '@/lib/email/outbox';
import { renderEmail } from '@/lib/email/render';
import {
  getOutboxMessage,
  HIDDEN_LINK_TOKEN,
  listOutbox,
  OUTBOX_PAGE_SIZE,
  retryFailedEmail,
  viewOutboxMessage,
} from '@/lib/email/staff-view';
import { runEmailWorkerOnce, type WorkerContext } from '@/lib/email/worker';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';

const now = new Date('2026-12-01T17:00:00Z');
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const meta = { ip: '10.0.0.9', userAgent: 'vitest' };
const SECRET_LINK = 'http://localhost:3000/set-password/one-time-secret-token-123';

let handle: TestDatabase;
let staffId: string;
let leadId: string;
let preview: WorkerContext;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  const [staff] = await handle.db.insert(t.staffUsers).values(buildStaffUser()).returning();
  staffId = staff!.id;
  const [lead] = await handle.db.insert(t.leads).values(buildLead({ firstName: 'Olive', lastName: 'Outbox', email: 'olive@example.com' })).returning();
  leadId = lead!.id;
  // No RESEND_API_KEY: the worker renders each message and keeps it for staff to read.
  preview = {
    db: handle.db,
    transport: null,
    from: 'Clinic <appointments@example.com>',
    brand: { clinicName: 'Demo Clinic', clinicPhone: '(310) 555-0142', clinicAddress: '1 Demo St', appUrl: 'http://localhost:3000' },
    unsubscribeUrl: (email) => `http://localhost:3000/api/unsubscribe/test-${encodeURIComponent(email)}`,
    render: renderEmail,
    sendRatePerSecond: 1000,
  };
});

afterAll(async () => {
  await handle?.dispose();
});

/** Queues a message the way the product does, at the test's `now`; `lead: null` for a message about no patient (staff mail). */
const enqueue = (
  template: Parameters<typeof enqueueEmail>[1]['template'],
  props: Record<string, unknown>,
  options: { lead?: string | null; sendAfter?: Date } = {},
) => {
  const lead = options.lead === undefined ? leadId : options.lead;
  const to = lead ? 'olive@example.com' : 'newstaff@example.com';
  return handle.db.transaction((tx) => enqueueEmail(tx, { template, to, props, leadId: lead ?? undefined, sendAfter: options.sendAfter }, now));
};

const messageRow = async (id: string) => (await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.id, id)))[0]!;

describe('preview mode and one message', () => {
  it('a waiting message is rendered on the fly; once the worker holds it, the kept copy is shown', async () => {
    const id = await enqueue('request-received', { firstName: 'Olive', reference: 'CR-OUT001', manageUrl: 'http://localhost:3000/consult/manage/x' });
    const waiting = await getOutboxMessage(handle.db, id);
    expect(waiting).toMatchObject({ status: 'pending', template: 'request-received', toAddress: 'olive@example.com', leadName: 'Olive Outbox' });
    expect(waiting!.body.kind).toBe('preview');
    expect(waiting!.subject).toBeTruthy();
    if (waiting!.body.kind !== 'preview') throw new Error('expected a preview');
    expect(waiting!.body.html).toContain('CR-OUT001');
    expect(waiting!.body.text).toContain('CR-OUT001');
    // The preview is not stored: the worker renders what it sends.
    expect((await messageRow(id)).html).toBeNull();

    const summary = await runEmailWorkerOnce(preview, at(1));
    expect(summary.held).toBeGreaterThanOrEqual(1);
    const held = await getOutboxMessage(handle.db, id);
    expect(held).toMatchObject({ status: 'held', body: { kind: 'stored' } });
    if (held!.body.kind !== 'stored') throw new Error('expected the stored body');
    expect(held!.body.html).toContain('CR-OUT001');
    expect(held!.subject).toBe((await messageRow(id)).subject);
  });

  it('a message that carries a one-time sign-in link never comes back with its body or subject', async () => {
    const id = await enqueue('staff-invite', { name: 'New Person', actionUrl: SECRET_LINK, expiresLabel: 'in 7 days' }, { lead: null });
    const waiting = await getOutboxMessage(handle.db, id);
    await runEmailWorkerOnce(preview, at(2));
    // Not even the kept body holds the link: it went out in the email, and stays only there.
    expect((await messageRow(id)).html).toContain('/set-password/private-link-hidden');
    expect(JSON.stringify(await messageRow(id))).not.toContain('one-time-secret-token');
    const held = await getOutboxMessage(handle.db, id);
    for (const message of [waiting, held]) {
      expect(message).toMatchObject({ template: 'staff-invite', body: { kind: 'secret' }, subject: null });
      expect(JSON.stringify(message)).not.toContain('one-time-secret-token');
    }
    expect(held!.status).toBe('held');
  });

  it('never shows staff a patient’s private link: its secret part is hidden, waiting or kept', async () => {
    const id = await enqueue('request-received', { firstName: 'Olive', reference: 'CR-OUT004', manageUrl: 'http://localhost:3000/consult/manage/patients-own-key.abc123' });
    const waiting = await getOutboxMessage(handle.db, id);
    await runEmailWorkerOnce(preview, at(4));
    const kept = await getOutboxMessage(handle.db, id);
    expect(kept!.body.kind).toBe('stored');
    for (const message of [waiting, kept]) {
      expect(JSON.stringify(message)).not.toContain('patients-own-key');
      expect(JSON.stringify(message)).toContain(`/consult/manage/${HIDDEN_LINK_TOKEN}`);
    }
  });

  it('a message that cannot be rendered says why instead of failing the page', async () => {
    const id = await enqueue('booking-confirmed', { firstName: 'Olive' }, { sendAfter: at(3600 * 24 * 365) }); // not due: the worker leaves it
    const message = await getOutboxMessage(handle.db, id);
    expect(message!.body).toEqual({ kind: 'unrenderable', error: 'booking-confirmed is missing reference, startsAt, timeZone, manageUrl' });
  });

  it('shows delivery events with a bounce’s kind', async () => {
    const id = await enqueue('contact-attempt', { firstName: 'Olive', reference: 'CR-OUT002' });
    await handle.db.update(t.emailMessages).set({ status: 'bounced', sentAt: at(5), providerMessageId: 'prov-1' }).where(eq(t.emailMessages.id, id));
    await handle.db.insert(t.emailEvents).values([
      { svixId: 'msg_1', emailMessageId: id, type: 'email.sent', payload: { type: 'email.sent', data: {} }, receivedAt: at(6) },
      { svixId: 'msg_2', emailMessageId: id, type: 'email.bounced', payload: { type: 'email.bounced', data: { bounce: { type: 'Permanent', subType: 'General', message: 'x' } } }, receivedAt: at(7) },
    ]);
    const message = await getOutboxMessage(handle.db, id);
    expect(message!.events).toEqual([
      { type: 'email.sent', at: at(6), note: null },
      { type: 'email.bounced', at: at(7), note: 'Permanent, General' },
    ]);
  });

  it('opening a message writes an email_viewed audit entry; an unknown id writes nothing', async () => {
    const id = await enqueue('contact-attempt', { firstName: 'Olive', reference: 'CR-OUT003' });
    const message = await viewOutboxMessage(handle.db, { emailId: id, staffId, meta, now: at(10) });
    expect(message?.id).toBe(id);
    const audits = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'email_viewed'), eq(t.auditLog.entityId, id)));
    expect(audits).toMatchObject([{ actorStaffId: staffId, entityType: 'email', ip: '10.0.0.9', detail: { template: 'contact-attempt', leadId, bodyShown: true } }]);
    expect(await viewOutboxMessage(handle.db, { emailId: '00000000-0000-4000-8000-000000000000', staffId, meta, now })).toBeNull();
  });
});

describe('sending a failed message again', () => {
  async function failed(overrides: Partial<typeof t.emailMessages.$inferInsert> = {}) {
    const [row] = await handle.db
      .insert(t.emailMessages)
      .values({
        template: 'appointment-reminder',
        category: 'transactional',
        toAddress: 'olive@example.com',
        leadId,
        status: 'failed',
        attempts: 8,
        nextAttemptAt: at(-60),
        lastError: '503 Service Unavailable',
        sendAfter: at(-3600),
        createdAt: at(-7200),
        ...overrides,
      })
      .returning();
    return row!;
  }

  it('puts it back in the queue with its attempts reset, on the lead’s timeline and in the audit log', async () => {
    const message = await failed();
    expect(await retryFailedEmail(handle.db, { emailId: message.id, staffId, meta, now: at(100) })).toEqual({ ok: true });
    expect(await messageRow(message.id)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: null, sendAfter: at(100), idempotencyKey: message.idempotencyKey });
    const timeline = await handle.db.select().from(t.leadActivities).where(and(eq(t.leadActivities.leadId, leadId), eq(t.leadActivities.actorStaffId, staffId)));
    expect(timeline).toMatchObject([{ type: 'email_queued', actorType: 'staff', payload: { emailId: message.id, retry: true } }]);
    const [audit] = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'email_sent_by_staff'), eq(t.auditLog.entityId, message.id)));
    expect(audit!.detail).toEqual({ retry: true, template: 'appointment-reminder', previousAttempts: 8, hadError: true });

    // Only a failed message can be sent again.
    expect(await retryFailedEmail(handle.db, { emailId: message.id, staffId, meta, now: at(101) })).toEqual({ ok: false, code: 'not_failed' });
    expect(await retryFailedEmail(handle.db, { emailId: '00000000-0000-4000-8000-000000000000', staffId, meta, now })).toEqual({ ok: false, code: 'not_found' });
  });

  it('refuses when a newer copy of the same scheduled message is already waiting, and changes nothing', async () => {
    const key = 'reminder:test-dedupe';
    const old = await failed({ dedupeKey: key });
    const [newer] = await handle.db
      .insert(t.emailMessages)
      .values({ template: 'appointment-reminder', category: 'transactional', toAddress: 'olive@example.com', leadId, dedupeKey: key, sendAfter: at(3600), createdAt: now })
      .returning();
    expect(await retryFailedEmail(handle.db, { emailId: old.id, staffId, meta, now })).toEqual({ ok: false, code: 'superseded' });
    expect(await messageRow(old.id)).toMatchObject({ status: 'failed', attempts: 8 });
    expect(await messageRow(newer!.id)).toMatchObject({ status: 'pending' });
  });
});

describe('the list', () => {
  it('counts every status, filters by one, newest first, 50 a page', async () => {
    const before = await listOutbox(handle.db, {});
    // 55 cancelled messages, one a minute, the newest last.
    await handle.db.insert(t.emailMessages).values(
      Array.from({ length: 55 }, (_, i) => ({
        template: 'request-follow-up',
        category: 'follow_up' as const,
        toAddress: `bulk${i}@example.com`,
        status: 'cancelled' as const,
        createdAt: at(1000 + i * 60),
      })),
    );
    const all = await listOutbox(handle.db, {});
    expect(all.counts.cancelled).toBe(before.counts.cancelled + 55);
    expect(all.total).toBe(before.total + 55);
    expect(Object.values(all.counts).reduce((a, b) => a + b, 0)).toBe(all.total);
    expect(all.rows).toHaveLength(OUTBOX_PAGE_SIZE);
    expect(all.rows[0]!.toAddress).toBe('bulk54@example.com');
    expect(all.hasNext).toBe(true);

    const cancelled = await listOutbox(handle.db, { status: 'cancelled' });
    expect(cancelled.rows.every((r) => r.status === 'cancelled')).toBe(true);
    const second = await listOutbox(handle.db, { status: 'cancelled', page: 2 });
    expect(second.rows).toHaveLength(all.counts.cancelled - OUTBOX_PAGE_SIZE);
    expect(second.hasNext).toBe(false);
    const seen = new Set([...cancelled.rows, ...second.rows].map((r) => r.id));
    expect(seen.size).toBe(all.counts.cancelled);

    const held = await listOutbox(handle.db, { status: 'held' });
    expect(held.rows.length).toBe(all.counts.held);
    expect(held.rows.length).toBeGreaterThanOrEqual(2);
    expect(held.rows.map((r) => r.template)).toEqual(expect.arrayContaining(['request-received', 'staff-invite']));
    const withLead = held.rows.find((r) => r.template === 'request-received');
    expect(withLead).toMatchObject({ leadId, leadName: 'Olive Outbox', attempts: 1 });
    expect(held.rows.find((r) => r.template === 'staff-invite')).toMatchObject({ leadId: null, leadName: null });
  });
});
