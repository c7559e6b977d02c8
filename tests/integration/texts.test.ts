// Text messages end to end below the browser: the form's consent, the outbox written in the request's
// transaction, the worker sending through the real Twilio SDK to a fake Twilio (with injected failures, a
// lost answer and a second worker taking over), quiet hours, replies and delivery reports through the
// signature-checked webhook handlers, and moves and cancellations.
import { and, eq } from 'drizzle-orm';
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as t from '@/db/schema';
import { cancelAppointment, rescheduleAppointment } from '@/lib/booking/service';
import { buildStaffUser } from '@/db/factories';
import { submitConsultationRequest } from '@/lib/intake/service';
import { sendTemplatedText, TEXT_REFUSED, TEXTS_OFF } from '@/lib/leads/staff-texts';
import { eraseLead } from '@/lib/privacy/service';
import { updateTextSettings } from '@/lib/texts/settings';
import { handleInboundText, handleTextStatus } from '@/lib/texts/webhooks';
import { twilioTransport } from '@/lib/texts/transport';
import { runTextWorkerOnce, type TextWorkerContext } from '@/lib/texts/worker';
import { openSlots, seedClinic, validInput } from '../support/consult-fixtures';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio';

// 9am in Los Angeles, noon in New York: inside every US zone's sending hours.
const now = new Date('2026-12-01T17:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const APP = 'http://localhost:3000';
const INBOUND = `${APP}/api/webhooks/twilio/inbound`;
const STATUS = `${APP}/api/webhooks/twilio/status`;

let handle: TestDatabase;
let fake: FakeTwilio;
let ctx: TextWorkerContext;

function contextFor(timeoutMs = 2_000): TextWorkerContext {
  return {
    db: handle.db,
    transport: twilioTransport({ accountSid: fake.accountSid, authToken: fake.authToken, from: '+13105550100', baseUrl: fake.url, timeoutMs }),
    brand: { clinicName: 'Demo Clinic', clinicPhone: '(310) 555-0142' },
    clinicTimeZone: 'America/Los_Angeles',
    statusCallback: STATUS,
    reminderHours: [24, 2],
    sendRatePerSecond: 1000,
    lockSeconds: 60,
    linkSecret: 'development-only-secret-not-for-production-use-0000',
    random: () => 0.5,
  };
}

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  await seedClinic(handle.db);
  fake = await startFakeTwilio({ inboundUrl: INBOUND, clock: () => now });
  ctx = contextFor();
});

afterAll(async () => {
  await fake?.close();
  await handle?.dispose();
});

beforeEach(() => fake.reset());

let people = 0;
async function request(overrides: Parameters<typeof validInput>[0] = {}) {
  const n = ++people;
  const phone = `+1213555${String(1000 + n).slice(-4)}`;
  const result = await submitConsultationRequest(handle.db, validInput({ phone, preferredContact: 'text', ...overrides }), { now, ip: `10.60.0.${n}` });
  if (!result.ok) throw new Error(`request refused: ${result.code}`);
  return { ...result.data, phone: overrides.phone ?? phone };
}

const textsOf = (leadId: string) => handle.db.select().from(t.textMessages).where(eq(t.textMessages.leadId, leadId)).orderBy(t.textMessages.sendAfter);
const timelineOf = async (leadId: string, type: (typeof t.activityType.enumValues)[number]) =>
  handle.db.select().from(t.leadActivities).where(and(eq(t.leadActivities.leadId, leadId), eq(t.leadActivities.type, type)));

async function slotDaysAhead(days: number) {
  return (await openSlots(handle.db, now)).find((s) => s.start.getTime() >= now.getTime() + days * 86_400_000)!;
}

let sids = 0;
/** A reply from the patient as Twilio posts it, signed with the account's auth token. */
function inbound(from: string, body: string, sid = `SMin${String(++sids).padStart(30, '0')}`, token = fake.authToken) {
  const params = { MessageSid: sid, From: from, To: '+13105550100', Body: body, AccountSid: fake.accountSid };
  const signature = twilio.getExpectedTwilioSignature(token, INBOUND, params);
  return handleInboundText(handle.db, { authToken: fake.authToken, url: INBOUND, signature, params }, later(600));
}

function statusReport(sid: string, status: string, errorCode?: string) {
  const params: Record<string, string> = { MessageSid: sid, MessageStatus: status, AccountSid: fake.accountSid, ...(errorCode ? { ErrorCode: errorCode } : {}) };
  const signature = twilio.getExpectedTwilioSignature(fake.authToken, STATUS, params);
  return handleTextStatus(handle.db, { authToken: fake.authToken, url: STATUS, signature, params }, null, later(700));
}

describe('consent', () => {
  it('records the words a patient agreed to when they choose text, and queues the confirmation and two reminders', async () => {
    const slot = await slotDaysAhead(2);
    const r = await request({ slot: slot.start });
    const [consent] = await handle.db.select().from(t.textConsents).where(eq(t.textConsents.leadId, r.leadId));
    expect(consent).toMatchObject({ phoneE164: r.phone, source: 'chose_text', givenAt: now });
    expect(consent!.wording).toContain('Reply STOP to stop');
    const texts = await textsOf(r.leadId);
    expect(texts.map((x) => [x.kind, x.sendAfter.toISOString()])).toEqual([
      ['booking-confirmed', now.toISOString()],
      ['appointment-reminder', new Date(slot.start.getTime() - 24 * 3_600_000).toISOString()],
      ['appointment-reminder', new Date(slot.start.getTime() - 2 * 3_600_000).toISOString()],
    ]);
  });

  it('texts nobody who chose phone or email without ticking the reminder box; the box alone is consent', async () => {
    const slot = await slotDaysAhead(3);
    const phoneOnly = await request({ preferredContact: 'phone' });
    expect(await textsOf(phoneOnly.leadId)).toEqual([]);
    expect(await handle.db.select().from(t.textConsents).where(eq(t.textConsents.leadId, phoneOnly.leadId))).toEqual([]);
    const boxed = await request({ preferredContact: 'email', textReminders: 'yes', slot: slot.start });
    const [consent] = await handle.db.select().from(t.textConsents).where(eq(t.textConsents.leadId, boxed.leadId));
    expect(consent?.source).toBe('reminder_box');
    expect((await textsOf(boxed.leadId)).map((x) => x.kind)).toContain('booking-confirmed');
  });
});

describe('the text worker', () => {
  it('sends the confirmation once through the SDK: clinic name, the clinic’s time with its zone, the manage link, no health details', async () => {
    const slot = await slotDaysAhead(2);
    const r = await request({ slot: slot.start, timeZone: 'America/New_York', message: 'Sharp knee pain on stairs' });
    const summary = await runTextWorkerOnce(ctx, later(1));
    expect(summary.sent).toBeGreaterThanOrEqual(1);
    const [sent] = fake.textsTo(r.phone);
    expect(fake.textsTo(r.phone)).toHaveLength(1);
    expect(sent!.body).toMatch(/^Demo Clinic: your consultation is booked for \w+day \d+ \w+ 2026, \d+:\d\d[ap]m Pacific Time \(\d+:\d\d[ap]m your time, Eastern\)/);
    expect(sent!.body).toMatch(/http:\/\/localhost:3000\/consult\/manage\/[A-Za-z0-9._~-]{20,}/);
    expect(sent!.body).not.toMatch(/knee|pain|stairs/i);
    expect(sent!.statusCallback).toBe(STATUS);
    const [row] = (await textsOf(r.leadId)).filter((x) => x.kind === 'booking-confirmed');
    expect(row).toMatchObject({ status: 'sent', providerSid: sent!.sid });
    expect(row!.body).toContain('/consult/manage/private-link-hidden');
    expect(await timelineOf(r.leadId, 'text_sent')).toHaveLength(1);
    expect((await runTextWorkerOnce(ctx, later(2))).sent).toBe(0);
    expect(fake.textsTo(r.phone)).toHaveLength(1);
  });

  it('retries 500s and 429s with growing waits, and sends exactly one text', async () => {
    const r = await request();
    fake.failNext(1, { status: 500 });
    fake.failNext(1, { status: 429 });
    expect((await runTextWorkerOnce(ctx, later(1))).retried).toBe(1);
    const [first] = await textsOf(r.leadId);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first!.nextAttemptAt!.getTime()).toBe(later(1).getTime() + 23_000);
    expect((await runTextWorkerOnce(ctx, later(20))).claimed).toBe(0);
    expect((await runTextWorkerOnce(ctx, later(30))).retried).toBe(1);
    const [second] = await textsOf(r.leadId);
    expect(second!.nextAttemptAt!.getTime()).toBe(later(30).getTime() + 45_000);
    expect((await runTextWorkerOnce(ctx, later(80))).sent).toBe(1);
    expect(fake.textsTo(r.phone)).toHaveLength(1);
  });

  it('after a lost answer (Twilio accepted, then hung), finds the accepted text instead of sending it again', async () => {
    const r = await request();
    fake.failNext(1, { timeout: true, accepted: true });
    const quick = contextFor(300);
    expect((await runTextWorkerOnce(quick, later(1))).retried).toBe(1);
    expect(fake.textsTo(r.phone)).toHaveLength(1);
    expect((await runTextWorkerOnce(quick, later(60))).sent).toBe(1);
    expect(fake.textsTo(r.phone)).toHaveLength(1);
    const [row] = await textsOf(r.leadId);
    expect(row?.providerSid).toBe(fake.textsTo(r.phone)[0]!.sid);
  });

  it('when a worker dies mid-send, the next one (after the lease) records the text Twilio took and sends nothing', async () => {
    const r = await request();
    fake.failNext(1, { timeout: true, accepted: true });
    const dying = runTextWorkerOnce(contextFor(3_000), later(1));
    while (fake.textsTo(r.phone).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    // The first worker is stuck (as if killed); its lease runs out and a restarted worker claims the text.
    const restarted = await runTextWorkerOnce(ctx, later(1 + 61));
    expect(restarted.sent).toBe(1);
    await dying;
    expect(fake.textsTo(r.phone)).toHaveLength(1);
    const [row] = await textsOf(r.leadId);
    expect(row).toMatchObject({ status: 'sent', providerSid: fake.textsTo(r.phone)[0]!.sid });
  });

  it('fails a text Twilio refuses (not a valid number) at once and marks the number', async () => {
    const r = await request();
    // A number the fake refuses, put on the queued row as if it had been typed so.
    await handle.db.update(t.textMessages).set({ toNumber: '+1213' }).where(eq(t.textMessages.leadId, r.leadId));
    expect((await runTextWorkerOnce(ctx, later(1))).failed).toBe(1);
    const [row] = await textsOf(r.leadId);
    expect(row).toMatchObject({ status: 'failed', errorCode: '21211' });
    const [state] = await handle.db.select().from(t.textNumbers).where(eq(t.textNumbers.phoneE164, '+1213'));
    expect(state?.undeliverableAt).toEqual(later(1));
  });

  it('holds a text due at night in the patient’s zone until 8am there', async () => {
    const night = new Date('2026-12-02T03:30:00Z'); // 10:30pm in New York
    const r = await request({ timeZone: 'America/New_York' });
    expect((await runTextWorkerOnce(ctx, night)).deferred).toBe(1);
    const [row] = await textsOf(r.leadId);
    expect(row).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: new Date('2026-12-02T13:00:00Z') });
    expect((await runTextWorkerOnce(ctx, new Date('2026-12-02T12:59:00Z'))).claimed).toBe(0);
    expect((await runTextWorkerOnce(ctx, new Date('2026-12-02T13:00:00Z'))).sent).toBe(1);
  });

  it('keeps texts (held) for staff to read without credentials', async () => {
    const r = await request();
    expect((await runTextWorkerOnce({ ...ctx, transport: null }, later(1))).held).toBe(1);
    const [row] = await textsOf(r.leadId);
    expect(row?.status).toBe('held');
    expect(row?.body).toContain('Demo Clinic: we have your request.');
    expect(fake.requests).toBe(0);
  });
});

describe('replies', () => {
  it('STOP opts out at once, cancels the reminders, is confirmed once; START opts back in', async () => {
    const slot = await slotDaysAhead(2);
    const r = await request({ slot: slot.start });
    await runTextWorkerOnce(ctx, later(1));
    expect(await inbound(r.phone, ' Stop ')).toEqual({ ok: true, status: 'recorded' });
    const reminders = (await textsOf(r.leadId)).filter((x) => x.kind === 'appointment-reminder');
    expect(reminders.map((x) => [x.status, x.lastError])).toEqual([
      ['cancelled', 'opted out (STOP)'],
      ['cancelled', 'opted out (STOP)'],
    ]);
    expect(await inbound(r.phone, 'UNSUBSCRIBE')).toEqual({ ok: true, status: 'recorded' });
    await runTextWorkerOnce(ctx, later(601));
    const confirmations = fake.textsTo(r.phone).filter((x) => x.body.includes('no more texts'));
    expect(confirmations).toHaveLength(1);
    expect(await timelineOf(r.leadId, 'text_opted_out')).toHaveLength(1);
    // Nothing else goes while opted out, even what staff queue.
    await handle.db.insert(t.textMessages).values({ kind: 'contact-attempt', toNumber: r.phone, timeZone: 'America/Los_Angeles', leadId: r.leadId, sendAfter: later(602) });
    expect((await runTextWorkerOnce(ctx, later(603))).cancelled).toBe(1);
    expect(await inbound(r.phone, 'start')).toEqual({ ok: true, status: 'recorded' });
    await runTextWorkerOnce(ctx, later(604));
    expect(fake.textsTo(r.phone).at(-1)!.body).toContain('texts are on again');
    const [state] = await handle.db.select().from(t.textNumbers).where(eq(t.textNumbers.phoneE164, r.phone));
    expect(state?.optedOutAt).toBeNull();
  });

  it('answers HELP with the clinic’s name and phone; ignores a replay; refuses a bad signature', async () => {
    const r = await request();
    const sid = 'SMhelp000000000000000000000000001';
    expect(await inbound(r.phone, 'help', sid)).toEqual({ ok: true, status: 'recorded' });
    expect(await inbound(r.phone, 'help', sid)).toEqual({ ok: true, status: 'replayed' });
    expect(await inbound(r.phone, 'help', 'SMforged00000000000000000000000001', 'another-token')).toEqual({ ok: false, code: 'bad_signature' });
    await runTextWorkerOnce(ctx, later(601));
    const help = fake.textsTo(r.phone).filter((x) => x.body.includes('For help call (310) 555-0142'));
    expect(help).toHaveLength(1);
    expect(help[0]!.body).toMatch(/^Demo Clinic:/);
  });

  it('puts a reply on the timeline for staff and marks the lead replied; "C" confirms the appointment', async () => {
    const slot = await slotDaysAhead(2);
    const r = await request({ slot: slot.start });
    await inbound(r.phone, 'Can you call me after 5?');
    const [lead] = await handle.db.select().from(t.leads).where(eq(t.leads.id, r.leadId));
    expect(lead?.textRepliedAt).toEqual(later(600));
    const [reply] = await timelineOf(r.leadId, 'text_received');
    expect(reply?.payload).toMatchObject({ body: 'Can you call me after 5?', meaning: 'message' });
    await inbound(r.phone, 'c');
    const received = await timelineOf(r.leadId, 'text_received');
    expect(received.map((x) => x.payload.confirmedAppointmentId).filter(Boolean)).toEqual([r.appointment!.id]);
    await runTextWorkerOnce(ctx, later(601));
    expect(fake.textsTo(r.phone).some((x) => x.body.includes('is confirmed'))).toBe(true);
  });
});

describe('delivery reports', () => {
  it('records delivered, and an undeliverable number (30005) on the text, the number and the timeline', async () => {
    const r = await request();
    await runTextWorkerOnce(ctx, later(1));
    const [sent] = fake.textsTo(r.phone);
    // Already "sent" here: the report adds nothing.
    expect(await statusReport(sent!.sid, 'sent')).toEqual({ ok: true, status: 'ignored' });
    expect(await statusReport(sent!.sid, 'undelivered', '30005')).toEqual({ ok: true, status: 'recorded' });
    expect(await statusReport(sent!.sid, 'undelivered', '30005')).toEqual({ ok: true, status: 'replayed' });
    expect(await statusReport(sent!.sid, 'delivered')).toEqual({ ok: true, status: 'ignored' });
    const [row] = await textsOf(r.leadId);
    expect(row).toMatchObject({ status: 'undelivered', errorCode: '30005' });
    const [state] = await handle.db.select().from(t.textNumbers).where(eq(t.textNumbers.phoneE164, r.phone));
    expect(state?.undeliverableAt).toEqual(later(700));
    const [failed] = await timelineOf(r.leadId, 'text_failed');
    expect(failed?.payload).toMatchObject({ status: 'undelivered', errorCode: '30005', numberProblem: 'undeliverable' });
  });

  it('marks a delivered text delivered', async () => {
    const r = await request();
    await runTextWorkerOnce(ctx, later(1));
    const [sent] = fake.textsTo(r.phone);
    await statusReport(sent!.sid, 'delivered');
    const [row] = await textsOf(r.leadId);
    expect(row).toMatchObject({ status: 'delivered', deliveredAt: later(700) });
    expect(await timelineOf(r.leadId, 'text_delivered')).toHaveLength(1);
  });
});

describe('moves and cancellations', () => {
  it('a move cancels the waiting texts and queues new ones; a cancellation sends its notice', async () => {
    const slots = await openSlots(handle.db, now);
    const first = slots.find((s) => s.start.getTime() >= now.getTime() + 3 * 86_400_000)!;
    const r = await request({ slot: first.start });
    const second = slots.find((s) => s.start.getTime() >= first.start.getTime() + 86_400_000)!;
    const moved = await rescheduleAppointment(handle.db, { appointmentId: r.appointment!.id, newStart: second.start, now: later(5), actor: { type: 'patient' } });
    expect(moved.ok).toBe(true);
    const afterMove = await textsOf(r.leadId);
    expect(afterMove.filter((x) => x.status === 'cancelled').map((x) => x.kind).sort()).toEqual(['appointment-reminder', 'appointment-reminder', 'booking-confirmed']);
    expect(afterMove.filter((x) => x.status === 'pending').map((x) => x.kind).sort()).toEqual(['appointment-reminder', 'appointment-reminder', 'booking-rescheduled']);
    await cancelAppointment(handle.db, { appointmentId: r.appointment!.id, now: later(10), actor: { type: 'patient' } });
    await runTextWorkerOnce(ctx, later(11));
    const bodies = fake.textsTo(r.phone).map((x) => x.body);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('is cancelled');
  });
});

describe('staff and admins', () => {
  const meta = { ip: '203.0.113.9', userAgent: 'test' };
  async function staffMember() {
    const [staff] = await handle.db.insert(t.staffUsers).values(buildStaffUser()).returning();
    return staff!;
  }
  const versionOf = async (leadId: string) => (await handle.db.select({ v: t.leads.version }).from(t.leads).where(eq(t.leads.id, leadId)))[0]!.v;

  it('staff send "we tried to call you", which clears the replied marker; a stale page and a person without consent are refused', async () => {
    const staff = await staffMember();
    const r = await request();
    await inbound(r.phone, 'When can you call?');
    const ctxStaff = { staffId: staff.id, meta, now: later(900) };
    const stale = await sendTemplatedText(handle.db, { leadId: r.leadId, version: (await versionOf(r.leadId)) + 1, kind: 'contact-attempt' }, ctxStaff);
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    const sent = await sendTemplatedText(handle.db, { leadId: r.leadId, version: await versionOf(r.leadId), kind: 'contact-attempt' }, ctxStaff);
    expect(sent.ok).toBe(true);
    const [lead] = await handle.db.select().from(t.leads).where(eq(t.leads.id, r.leadId));
    expect(lead?.textRepliedAt).toBeNull();
    await runTextWorkerOnce(ctx, later(901));
    // The pass sends the request's own text too, in no set order: the staff's text is found among them, once.
    expect(fake.textsTo(r.phone).filter((m) => /^Demo Clinic: we tried to call you about your request\. Ref CR-/.test(m.body))).toHaveLength(1);
    const [audit] = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'text_sent_by_staff'), eq(t.auditLog.entityId, r.leadId)));
    expect(audit?.detail).toMatchObject({ change: 'text', kind: 'contact-attempt' });
    const phoneOnly = await request({ preferredContact: 'phone' });
    const refused = await sendTemplatedText(handle.db, { leadId: phoneOnly.leadId, version: await versionOf(phoneOnly.leadId), kind: 'contact-attempt' }, ctxStaff);
    expect(refused).toEqual({ ok: false, code: 'refused', message: TEXT_REFUSED, field: 'kind' });
  });

  it('an admin turning a kind off stops it at send time (and staff cannot send it); STOP is still answered; turning on again works', async () => {
    const admin = await staffMember();
    const actor = { staffId: admin.id, meta };
    const slot = await slotDaysAhead(2);
    const r = await request({ slot: slot.start });
    expect(await updateTextSettings(handle.db, { values: { enabled: 'yes', 'kind:booking-confirmed': 'no', 'kind:contact-attempt': 'no' }, actor, now: later(1) })).toEqual({ changed: true });
    expect((await runTextWorkerOnce(ctx, later(2))).cancelled).toBe(1);
    const [confirmation] = (await textsOf(r.leadId)).filter((x) => x.kind === 'booking-confirmed');
    expect(confirmation).toMatchObject({ status: 'cancelled', lastError: 'turned off by an admin' });
    const refused = await sendTemplatedText(handle.db, { leadId: r.leadId, version: await versionOf(r.leadId), kind: 'contact-attempt' }, { staffId: admin.id, meta, now: later(3) });
    expect(refused).toMatchObject({ ok: false, code: 'refused', message: TEXTS_OFF });
    await updateTextSettings(handle.db, { values: { enabled: 'no' }, actor, now: later(4) });
    await inbound(r.phone, 'STOP');
    await runTextWorkerOnce(ctx, later(601));
    expect(fake.textsTo(r.phone).map((x) => x.body)).toEqual([expect.stringContaining('you will get no more texts')]);
    expect(await updateTextSettings(handle.db, { values: { enabled: 'yes' }, actor, now: later(602) })).toEqual({ changed: true });
    expect(await updateTextSettings(handle.db, { values: { enabled: 'yes' }, actor, now: later(603) })).toEqual({ changed: false });
    const audits = await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'text_settings_changed'));
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });

  it('erasing a person removes their texts’ numbers, bodies and consents, and keeps their opt-out', async () => {
    const admin = await staffMember();
    const r = await request();
    await runTextWorkerOnce(ctx, later(1));
    await inbound(r.phone, 'STOP');
    const erased = await eraseLead(handle.db, { leadId: r.leadId, actorId: admin.id, meta, now: later(1000) });
    expect(erased.ok).toBe(true);
    const texts = await textsOf(r.leadId);
    expect(texts.length).toBeGreaterThan(0);
    for (const x of texts) expect(x).toMatchObject({ toNumber: 'erased', body: null, props: {} });
    expect(await handle.db.select().from(t.textConsents).where(eq(t.textConsents.leadId, r.leadId))).toEqual([]);
    const [state] = await handle.db.select().from(t.textNumbers).where(eq(t.textNumbers.phoneE164, r.phone));
    expect(state?.optedOutAt).not.toBeNull();
  });
});
