import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { buildLead } from '@/db/factories';
import * as t from '@/db/schema';
import { manageToken, requestIdFromManageToken } from '@/lib/booking/links';
import type { Slot } from '@/lib/booking/rules';
import { cancelAppointment, rescheduleAppointment } from '@/lib/booking/service';
import { authSecret, env } from '@/lib/env';
import { submitConsultationRequest, type SubmitResult, type SubmitSuccess } from '@/lib/intake/service';
import type { ConsultationRequestInput } from '@/lib/intake/schema';
import { signToken } from '@/lib/security/tokens';
import {
  firstFreeSlot,
  openSlots,
  seedClinic,
  validInput,
  type RawConsultationForm,
  type SeededClinic,
} from '../support/consult-fixtures';
import { availableBackends, createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';
import { linksIn } from '../support/private-links';
import { limitKey } from '@/lib/security/rate-limit';
import { getRequestSummary } from '@/lib/intake/queries';

// Tuesday 1 December 2026, 9am in Los Angeles: every call below is made "now".
const now = new Date('2026-12-01T17:00:00Z');
/** A wall-clock time at the clinic (Los Angeles is on PST, UTC-8, all December). */
const la = (wallClock: string) => new Date(`${wallClock}-08:00`);
const minutes = (n: number) => n * 60_000;
const hours = (n: number) => n * 3_600_000;
const days = (n: number) => n * 86_400_000;
const later = (date: Date, ms: number) => new Date(date.getTime() + ms);

const REFERENCE = /^CR-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/;
const staffInbox = () => env().STAFF_ALERT_EMAIL;

// Every submission comes from its own address unless a test is about one address.
let ips = 0;
const nextIp = () => {
  const n = ++ips;
  return `10.20.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};

/** A database with the clinic in it: registered in a describe block, it serves that block's tests. */
function clinicDatabase() {
  const state = {} as { handle: TestDatabase; db: Database; clinic: SeededClinic };
  beforeAll(async () => {
    state.handle = await createTestDatabase(await primaryBackend());
    state.db = state.handle.db;
    state.clinic = await seedClinic(state.db);
  });
  afterAll(async () => {
    await state.handle?.dispose();
  });
  return state;
}

function submit(db: Database, input: ConsultationRequestInput, ip: string | null = nextIp(), at = now) {
  return submitConsultationRequest(db, input, { now: at, ip });
}

function accepted(result: SubmitResult): SubmitSuccess {
  if (!result.ok) throw new Error(`Expected the request to be accepted, got ${JSON.stringify(result)}`);
  return result.data;
}

function refusedTime(result: SubmitResult) {
  if (result.ok || result.code === 'rate_limited') throw new Error(`Expected the time to be refused, got ${JSON.stringify(result)}`);
  return result;
}

async function leadById(db: Database, id: string) {
  const [lead] = await db.select().from(t.leads).where(eq(t.leads.id, id));
  if (!lead) throw new Error(`No lead ${id}`);
  return lead;
}

const requestsOf = (db: Database, leadId: string) =>
  db.select().from(t.consultationRequests).where(eq(t.consultationRequests.leadId, leadId)).orderBy(asc(t.consultationRequests.submittedAt));

const activitiesOf = (db: Database, leadId: string) =>
  db.select().from(t.leadActivities).where(eq(t.leadActivities.leadId, leadId));

const emailsOf = (db: Database, leadId: string) =>
  db.select().from(t.emailMessages).where(eq(t.emailMessages.leadId, leadId)).orderBy(asc(t.emailMessages.template));

const appointmentsOf = (db: Database, leadId: string) =>
  db.select().from(t.appointments).where(eq(t.appointments.leadId, leadId));

const activeAt = (db: Database, start: Date) =>
  db
    .select()
    .from(t.appointments)
    .where(and(eq(t.appointments.startsAt, start), ne(t.appointments.status, 'cancelled')));

const starts = (slots: Slot[]) => slots.map((slot) => slot.start.toISOString());
const types = (activities: { type: string }[]) => activities.map((a) => a.type).sort();

// One clinic for the whole file. Each scenario books on its own day of December 2026 so that
// none sees another's appointments: 2 earliest visit · 3 time already taken · 4 booking · 7–8 health
// details · 9 repeated booking · 10 second person rebooks · 11, 14 cancelling · 15–16 moving onto a
// taken time · 17–18 two visits · 21–22 moving.
const c = clinicDatabase();

describe('a consultation request', () => {
  it('records a "call me" request as a new lead with a reference, its attribution and a follow-up due now', async () => {
    const input = validInput();
    const result = accepted(await submit(c.db, input));
    expect(result).toMatchObject({ urgent: false, appointment: null, duplicate: false });
    expect(result.reference).toMatch(REFERENCE);

    const lead = await leadById(c.db, result.leadId);
    expect(lead).toMatchObject({
      firstName: 'Maria',
      email: input.email,
      emailNormalized: input.email.toLowerCase(),
      phoneE164: expect.stringMatching(/^\+132355501\d\d$/),
      status: 'new',
      urgency: 'routine',
      nextFollowUpAt: now,
      contactConsentAt: now,
      privacyAcknowledgedAt: now,
      marketingConsent: false,
      sourcePage: 'knee-pain-guide',
      utmCampaign: 'knee-pain-2026',
    });

    const requests = await requestsOf(c.db, lead.id);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      id: result.requestId,
      reference: result.reference,
      idempotencyKey: input.idempotencyKey,
      painArea: 'knee',
      painLevel: 6,
      treatmentsTried: ['physical_therapy', 'medication'],
      redFlags: [],
      hasRedFlags: false,
      wantsCallToArrange: true,
      submittedAt: now,
      sourcePage: 'knee-pain-guide',
      landingPage: 'https://clinic.example/guide/knee-pain?utm_source=google&utm_medium=cpc',
      referrer: 'https://www.google.com/',
      utmSource: 'google',
      utmMedium: 'cpc',
      utmCampaign: 'knee-pain-2026',
      utmTerm: 'knee pain doctor',
      utmContent: 'ad-a',
    });

    const activities = await activitiesOf(c.db, lead.id);
    expect(activities.filter((a) => a.type === 'request_submitted')).toEqual([
      expect.objectContaining({
        actorType: 'patient',
        occurredAt: now,
        payload: expect.objectContaining({ requestId: result.requestId, reference: result.reference, returning: false }),
      }),
    ]);
    // A new lead starts as 'new': nothing changed status, so nothing says it did.
    expect(types(activities)).not.toContain('status_changed');
    expect(await appointmentsOf(c.db, lead.id)).toEqual([]);
  });

  it('queues a "request received" email to the patient and a "new request" alert to the front desk', async () => {
    const input = validInput();
    const result = accepted(await submit(c.db, input));
    const emails = await emailsOf(c.db, result.leadId);
    expect(emails).toEqual([
      expect.objectContaining({
        template: 'request-received',
        category: 'transactional',
        toAddress: input.email,
        status: 'pending',
        sendAfter: now,
        props: {
          firstName: 'Maria',
          reference: result.reference,
          // Stored hidden; the real link only sealed beside it (lib/email/private-links).
          manageUrl: expect.stringMatching(/\/consult\/manage\/private-link-hidden$/),
          sealedLinks: expect.any(String),
        },
      }),
      expect.objectContaining({
        template: 'staff-new-request',
        category: 'staff',
        toAddress: staffInbox(),
        status: 'pending',
        props: { reference: result.reference, dashboardUrl: expect.stringMatching(new RegExp(`/dashboard/leads/${result.leadId}$`)) },
      }),
    ]);
    expect(staffInbox()).toBe(process.env.STAFF_ALERT_EMAIL?.trim() || 'frontdesk@example.com');
    // The link in the email opens this request, and only it.
    const token = String(linksIn(emails[0]!.props).manageUrl).split('/').at(-1)!;
    expect(requestIdFromManageToken(token, now)).toBe(result.requestId);
    // Only the patient's email goes on their timeline.
    const queued = (await activitiesOf(c.db, result.leadId)).filter((a) => a.type === 'email_queued');
    expect(queued.map((a) => a.payload.template)).toEqual(['request-received']);
  });

  it('books the chosen time: a 30-minute appointment, the lead scheduled, a confirmation and a reminder a day before', async () => {
    const start = la('2026-12-04T14:00:00');
    const input = validInput({ slot: start });
    const result = accepted(await submit(c.db, input));
    expect(result.appointment).toEqual({ id: expect.any(String), startsAt: start, endsAt: later(start, minutes(30)) });
    const appointmentId = result.appointment!.id;

    expect(await appointmentsOf(c.db, result.leadId)).toEqual([
      expect.objectContaining({
        id: appointmentId,
        providerId: c.clinic.provider.id,
        consultationRequestId: result.requestId,
        startsAt: start,
        endsAt: later(start, minutes(30)),
        status: 'booked',
        bookedByType: 'patient',
      }),
    ]);
    const lead = await leadById(c.db, result.leadId);
    expect(lead).toMatchObject({ status: 'scheduled', nextFollowUpAt: null });
    const [request] = await requestsOf(c.db, result.leadId);
    expect(request!.wantsCallToArrange).toBe(false);

    const activities = await activitiesOf(c.db, result.leadId);
    expect(activities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'appointment_booked', payload: { appointmentId, startsAt: start.toISOString() } }),
        expect.objectContaining({
          type: 'status_changed',
          actorType: 'system',
          payload: { from: 'new', to: 'scheduled', reason: 'booked_by_patient' },
        }),
      ]),
    );

    const emails = await emailsOf(c.db, result.leadId);
    expect(emails.map((e) => e.template)).toEqual(['appointment-reminder', 'booking-confirmed', 'staff-new-request']);
    const [reminder, confirmation] = emails;
    expect(confirmation).toMatchObject({
      toAddress: input.email,
      appointmentId,
      sendAfter: now,
      dedupeKey: null,
      props: expect.objectContaining({ startsAt: start.toISOString(), timeZone: 'America/Los_Angeles', reference: result.reference }),
    });
    expect(reminder).toMatchObject({
      toAddress: input.email,
      appointmentId,
      status: 'pending',
      sendAfter: later(start, -hours(24)),
      dedupeKey: `reminder:${appointmentId}`,
    });

    // The time is no longer offered to anyone.
    expect(starts(await openSlots(c.db, now))).not.toContain(start.toISOString());
  });

  it('sends no separate reminder for the earliest visit, exactly a day away: the confirmation is the reminder', async () => {
    const slot = await firstFreeSlot(c.db, now);
    expect(slot.start).toEqual(later(now, days(1)));
    const result = accepted(await submit(c.db, validInput({ slot: slot.start })));
    const emails = await emailsOf(c.db, result.leadId);
    expect(emails.map((e) => e.template)).toEqual(['booking-confirmed', 'staff-new-request']);
  });

  it('records marketing consent when the box is ticked, and a later request without the tick does not withdraw it', async () => {
    const email = `opted.in.${randomUUID().slice(0, 8)}@example.com`;
    const ticked = accepted(await submit(c.db, validInput({ email, marketingOptIn: 'yes' })));
    expect(await leadById(c.db, ticked.leadId)).toMatchObject({ marketingConsent: true, marketingConsentAt: now });
    accepted(await submit(c.db, validInput({ email }), nextIp(), later(now, minutes(10))));
    expect(await leadById(c.db, ticked.leadId)).toMatchObject({ marketingConsent: true, marketingConsentAt: now });
  });
});

describe('emails never carry health details', () => {
  it('keeps pain, symptoms, red flags, treatments and the message out of every email the journey queues', async () => {
    const message = 'Sciatica down my left leg since a fall at work; the pain is 8 out of 10 most nights.';
    const health: Partial<RawConsultationForm> = {
      painArea: 'lower_back',
      painDuration: 'over_1_year',
      painLevel: '8',
      treatmentsTried: ['physical_therapy', 'injections', 'chiropractic'],
      surgeryRecommended: 'yes',
      message,
      leg_weakness: 'yes',
      groin_numbness: 'not_sure',
    };
    const callMe = accepted(await submit(c.db, validInput(health)));
    const booker = accepted(await submit(c.db, validInput({ ...health, slot: la('2026-12-07T10:00:00') })));
    const routineBooker = accepted(
      await submit(c.db, validInput({ painArea: 'lower_back', message, slot: la('2026-12-08T10:00:00') })),
    );
    const appointmentId = booker.appointment!.id;
    const newStart = la('2026-12-07T15:30:00');
    expect(await rescheduleAppointment(c.db, { appointmentId, newStart, now, actor: { type: 'patient' } })).toMatchObject({ ok: true });
    expect(await cancelAppointment(c.db, { appointmentId, now, actor: { type: 'patient' } })).toMatchObject({ ok: true });

    const emails = await c.db
      .select()
      .from(t.emailMessages)
      .where(inArray(t.emailMessages.leadId, [callMe.leadId, booker.leadId, routineBooker.leadId]));
    // Every kind of email the request, booking, move and cancellation cause, so the check below means something.
    expect(new Set(emails.map((e) => e.template))).toEqual(
      new Set([
        'request-received',
        'staff-urgent-request',
        'staff-new-request',
        'booking-confirmed',
        'appointment-reminder',
        'booking-rescheduled',
        'booking-cancelled',
      ]),
    );
    const allowedProps = [
      'firstName',
      'reference',
      'startsAt',
      'endsAt',
      'timeZone',
      'clinicTimeZone',
      'providerName',
      'locationName',
      'address',
      'manageUrl',
      'sealedLinks',
      'bookAgainUrl',
      'dashboardUrl',
    ];
    const forbidden = [
      message,
      'Sciatica',
      'lower_back',
      'over_1_year',
      'physical_therapy',
      'injections',
      'chiropractic',
      'leg_weakness',
      'groin_numbness',
      'painLevel',
      'painArea',
      'redFlags',
      'surgery',
      'urgent',
    ];
    for (const email of emails) {
      const keys = Object.keys(email.props).filter((key) => !allowedProps.includes(key));
      expect(keys, `${email.template} props`).toEqual([]);
      const visible = JSON.stringify({ props: email.props, subject: email.subject, html: email.html, text: email.text });
      for (const word of forbidden) expect(visible, `${email.template} mentions "${word}"`).not.toContain(word);
    }
    // Every email about an appointment states it in the clinic's zone (the location's), whatever the patient chose.
    for (const email of emails.filter((e) => 'startsAt' in e.props)) {
      expect(email.props, `${email.template} clinicTimeZone`).toMatchObject({ clinicTimeZone: 'America/Los_Angeles' });
    }
  });
});

describe('emergency signs (red flags)', () => {
  it.each([
    ['yes', { leg_weakness: 'yes' }, ['leg_weakness']],
    ['not sure', { fever: 'not_sure' }, ['fever']],
    ['yes and not sure', { recent_trauma: 'yes', bladder_bowel_control: 'not_sure' }, ['bladder_bowel_control', 'recent_trauma']],
  ] as const)('marks the lead urgent and alerts the front desk as urgent when an answer is %s', async (_label, answers, flags) => {
    const result = accepted(await submit(c.db, validInput(answers)));
    expect(result.urgent).toBe(true);
    expect(await leadById(c.db, result.leadId)).toMatchObject({ urgency: 'urgent', status: 'new' });
    const [request] = await requestsOf(c.db, result.leadId);
    expect(request).toMatchObject({ redFlags: flags, hasRedFlags: true });
    const activities = await activitiesOf(c.db, result.leadId);
    expect(activities.filter((a) => a.type === 'urgency_changed')).toEqual([
      expect.objectContaining({ actorType: 'system', payload: { from: 'routine', to: 'urgent', reason: 'red_flags' } }),
    ]);
    const emails = await emailsOf(c.db, result.leadId);
    expect(emails.map((e) => e.template)).toEqual(['request-received', 'staff-urgent-request']);
    expect(emails[1]!.toAddress).toBe(staffInbox());
  });

  it('keeps a request routine when every answer is no', async () => {
    const result = accepted(await submit(c.db, validInput()));
    expect(result.urgent).toBe(false);
    expect(await leadById(c.db, result.leadId)).toMatchObject({ urgency: 'routine' });
    const [request] = await requestsOf(c.db, result.leadId);
    expect(request).toMatchObject({ redFlags: [], hasRedFlags: false });
    expect(types(await activitiesOf(c.db, result.leadId))).not.toContain('urgency_changed');
    expect((await emailsOf(c.db, result.leadId)).map((e) => e.template)).toEqual(['request-received', 'staff-new-request']);
  });

  it('keeps a returning person urgent when their next request has no red flags', async () => {
    const email = `urgent.then.routine.${randomUUID().slice(0, 8)}@example.com`;
    const first = accepted(await submit(c.db, validInput({ email, leg_weakness: 'yes' })));
    const second = accepted(await submit(c.db, validInput({ email })));
    expect(second.leadId).toBe(first.leadId);
    expect(second.urgent).toBe(false);
    expect(await leadById(c.db, first.leadId)).toMatchObject({ urgency: 'urgent' });
  });
});

describe('the same form sent more than once', () => {
  it('answers a repeat with the first request, and records it only once', async () => {
    const input = validInput();
    const first = accepted(await submit(c.db, input));
    const repeat = accepted(await submit(c.db, input));
    expect(repeat).toEqual({ ...first, duplicate: true });

    const requests = await c.db.select().from(t.consultationRequests).where(eq(t.consultationRequests.idempotencyKey, input.idempotencyKey));
    expect(requests).toHaveLength(1);
    const leads = await c.db.select().from(t.leads).where(eq(t.leads.emailNormalized, input.emailNormalized));
    expect(leads).toHaveLength(1);
    expect((await emailsOf(c.db, first.leadId)).map((e) => e.template)).toEqual(['request-received', 'staff-new-request']);
    expect(types(await activitiesOf(c.db, first.leadId)).filter((type) => type === 'request_submitted')).toHaveLength(1);
    // A repeat does not use up the person's submissions for the hour.
    const [counter] = await c.db.select().from(t.rateLimits).where(eq(t.rateLimits.key, limitKey('consult:email', input.emailNormalized)));
    expect(counter?.count).toBe(1);
  });

  it('answers a repeat of a booking with the same appointment', async () => {
    const input = validInput({ slot: la('2026-12-09T09:30:00') });
    const first = accepted(await submit(c.db, input));
    const repeat = accepted(await submit(c.db, input));
    expect(repeat).toEqual({ ...first, duplicate: true });
    expect(await appointmentsOf(c.db, first.leadId)).toHaveLength(1);
  });

  it('records one request when the same form arrives five times at once', async () => {
    const input = validInput();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(c.db, input)));

    const requests = await c.db.select().from(t.consultationRequests).where(eq(t.consultationRequests.idempotencyKey, input.idempotencyKey));
    expect(requests).toHaveLength(1);
    const leads = await c.db.select().from(t.leads).where(eq(t.leads.emailNormalized, input.emailNormalized));
    expect(leads).toHaveLength(1);
    expect((await emailsOf(c.db, leads[0]!.id)).map((e) => e.template)).toEqual(['request-received', 'staff-new-request']);
    // Whatever each copy was told, none was told about a different request.
    for (const result of results) {
      if (result.ok) expect(result.data).toMatchObject({ requestId: requests[0]!.id, reference: requests[0]!.reference });
    }
    expect(results.filter((r) => r.ok && !r.data.duplicate)).toHaveLength(1);
  });

  // Regression: every copy used to count against the email's limit of 3 an hour before the idempotency
  // key was looked up again, so the 4th and 5th copies were told "too many requests" about an accepted request.
  it('tells every one of five simultaneous copies that their request was accepted', async () => {
    const input = validInput();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(c.db, input)));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true]);
  });
});

describe('returning people', () => {
  it('adds a second request to the same lead when the email differs only in case and spaces', async () => {
    const address = `jordan.lee.${randomUUID().slice(0, 8)}@example.com`;
    const first = accepted(await submit(c.db, validInput({ email: address, sourcePage: 'sciatica-guide' })));
    const again = validInput({ email: `  ${address.toUpperCase().replace('@EXAMPLE.COM', '@Example.com')} `, sourcePage: 'knee-pain-guide' });
    expect(again.emailNormalized).toBe(address);
    const second = accepted(await submit(c.db, again));

    expect(second.leadId).toBe(first.leadId);
    expect(second.requestId).not.toBe(first.requestId);
    expect(second.duplicate).toBe(false);
    const requests = await requestsOf(c.db, first.leadId);
    expect(requests.map((r) => r.sourcePage).sort()).toEqual(['knee-pain-guide', 'sciatica-guide']);
    const submitted = (await activitiesOf(c.db, first.leadId)).filter((a) => a.type === 'request_submitted');
    expect(submitted.map((a) => a.payload.returning).sort()).toEqual([false, true]);
    // The lead keeps where they first came from; each request keeps its own.
    expect(await leadById(c.db, first.leadId)).toMatchObject({ sourcePage: 'sciatica-guide', emailNormalized: address });
    expect(await c.db.select().from(t.leads).where(eq(t.leads.emailNormalized, address))).toHaveLength(1);
  });

  it('shows on the private link of a request naming a known email nothing about the person it joined', async () => {
    const address = `kept.private.${randomUUID().slice(0, 8)}@example.com`;
    accepted(await submit(c.db, validInput({ email: address, firstName: 'Beatriz' })));
    const someoneElse = accepted(await submit(c.db, validInput({ email: address, firstName: 'Mallory' })));
    const summary = await getRequestSummary(c.db, someoneElse.requestId);
    expect(summary).not.toBeNull();
    // Typing a patient's email must not reveal that they are one, or their name: not in what the pages show.
    expect(JSON.stringify(summary)).not.toMatch(/Beatriz|Mallory|kept\.private/);
  });

  it('treats a new email with a known phone number as a different person when that lead has an email', async () => {
    const phone = '(323) 555-0177';
    const first = accepted(await submit(c.db, validInput({ phone })));
    const second = accepted(await submit(c.db, validInput({ phone })));
    expect(second.leadId).not.toBe(first.leadId);
    const sharing = await c.db.select().from(t.leads).where(eq(t.leads.phoneE164, '+13235550177'));
    expect(sharing).toHaveLength(2);
  });

  it('attaches a request to the lead staff entered by phone alone, and fills in the email', async () => {
    const [known] = await c.db
      .insert(t.leads)
      .values(buildLead({ email: null, emailNormalized: null, phoneE164: '+13235550188', firstName: 'Ana' }))
      .returning();
    const input = validInput({ phone: '323.555.0188' });
    const result = accepted(await submit(c.db, input));
    expect(result.leadId).toBe(known!.id);
    expect(await leadById(c.db, known!.id)).toMatchObject({ emailNormalized: input.emailNormalized, version: known!.version + 1 });
    const submitted = (await activitiesOf(c.db, known!.id)).filter((a) => a.type === 'request_submitted');
    expect(submitted.map((a) => a.payload.returning)).toEqual([true]);
  });
});

describe('a time someone else already booked', () => {
  it('offers the three nearest free times and keeps nothing of the second person', async () => {
    const wanted = la('2026-12-03T10:00:00');
    accepted(await submit(c.db, validInput({ slot: wanted })));

    const b = validInput({ slot: wanted });
    const refused = await submit(c.db, b);
    // B's read already saw A's appointment, so the time is simply not available any more.
    expect(refused).toEqual({
      ok: false,
      code: 'slot_unavailable',
      alternatives: [
        { start: la('2026-12-03T09:00:00'), end: la('2026-12-03T09:30:00') },
        { start: la('2026-12-03T09:30:00'), end: la('2026-12-03T10:00:00') },
        { start: la('2026-12-03T10:30:00'), end: la('2026-12-03T11:00:00') },
      ],
    });
    const free = starts(await openSlots(c.db, now));
    for (const alternative of refusedTime(refused).alternatives) expect(free).toContain(alternative.start.toISOString());

    expect(await c.db.select().from(t.leads).where(eq(t.leads.emailNormalized, b.emailNormalized))).toEqual([]);
    expect(
      await c.db.select().from(t.consultationRequests).where(eq(t.consultationRequests.idempotencyKey, b.idempotencyKey)),
    ).toEqual([]);
    expect(await c.db.select().from(t.emailMessages).where(eq(t.emailMessages.toAddress, b.email))).toEqual([]);
    expect(await activeAt(c.db, wanted)).toHaveLength(1);
  });

  it('lets the second person book one of the offered times with the same form', async () => {
    const wanted = la('2026-12-10T15:00:00');
    accepted(await submit(c.db, validInput({ slot: wanted })));
    const b = validInput({ slot: wanted });
    const refused = refusedTime(await submit(c.db, b));
    const retry = accepted(await submit(c.db, { ...b, slot: refused.alternatives[0]!.start.toISOString() }));
    expect(retry.appointment?.startsAt).toEqual(refused.alternatives[0]!.start);
  });

  it('refuses a time outside opening hours, or too soon, as not available', async () => {
    for (const start of [la('2026-12-05T10:00:00') /* Saturday */, la('2026-12-01T15:00:00') /* today */, la('2026-12-03T12:00:00') /* lunch */]) {
      const result = await submit(c.db, validInput({ slot: start }));
      expect(result).toMatchObject({ ok: false, code: 'slot_unavailable' });
    }
  });
});

// Regression (fixed): when no provider takes bookings
// (the only one was made inactive while a patient had the form open), a request for a time threw
// SlotUnavailableError out of submitConsultationRequest instead of answering "not available".
describe('a request for a time when nobody takes bookings', () => {
  const closed = clinicDatabase();

  it('answers "not available" with no alternatives instead of failing', async () => {
    await closed.db.update(t.providers).set({ active: false });
    const result = await submit(closed.db, validInput({ slot: la('2026-12-03T10:00:00') }));
    expect(result).toEqual({ ok: false, code: 'slot_unavailable', alternatives: [] });
  });

  it('still accepts a "call me" request', async () => {
    await closed.db.update(t.providers).set({ active: false });
    const result = accepted(await submit(closed.db, validInput()));
    expect(result.appointment).toBeNull();
  });
});

const raceBackends = (await availableBackends()).filter((backend) => backend === 'postgres');

describe.each(raceBackends)('fifty people choosing the same time at once on %s', (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    db = handle.db;
    await seedClinic(db);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it('books exactly one of them; the others are offered other times and leave nothing behind', async () => {
    const wanted = la('2026-12-03T10:00:00');
    const inputs = Array.from({ length: 50 }, () => validInput({ slot: wanted }));
    const results = await Promise.all(inputs.map((input) => submit(db, input)));

    const winners = results.flatMap((result, i) => (result.ok ? [{ result: result.data, input: inputs[i]! }] : []));
    expect(winners).toHaveLength(1);
    const [winner] = winners;
    expect(winner!.result.appointment?.startsAt).toEqual(wanted);

    const losers = results.filter((result): result is Exclude<SubmitResult, { ok: true }> => !result.ok);
    expect(losers).toHaveLength(49);
    const expectedAlternatives = [
      { start: la('2026-12-03T09:00:00'), end: la('2026-12-03T09:30:00') },
      { start: la('2026-12-03T09:30:00'), end: la('2026-12-03T10:00:00') },
      { start: la('2026-12-03T10:30:00'), end: la('2026-12-03T11:00:00') },
    ];
    for (const loser of losers) {
      // 'slot_taken' when the database refused the insert, 'slot_unavailable' when the read came after the winner committed.
      expect(['slot_taken', 'slot_unavailable']).toContain(loser.code);
      expect(loser).toMatchObject({ alternatives: expectedAlternatives });
    }

    expect(await activeAt(db, wanted)).toHaveLength(1);
    const emails = inputs.map((input) => input.emailNormalized);
    const leads = await db.select().from(t.leads).where(inArray(t.leads.emailNormalized, emails));
    expect(leads.map((lead) => lead.id)).toEqual([winner!.result.leadId]);
    const requests = await db
      .select()
      .from(t.consultationRequests)
      .where(inArray(t.consultationRequests.idempotencyKey, inputs.map((input) => input.idempotencyKey)));
    expect(requests.map((request) => request.id)).toEqual([winner!.result.requestId]);
    expect(await db.select().from(t.appointments)).toHaveLength(1);
    const loserEmails = inputs.filter((input) => input !== winner!.input).map((input) => input.email);
    expect(await db.select().from(t.emailMessages).where(inArray(t.emailMessages.toAddress, loserEmails))).toEqual([]);
  });
});

if (raceBackends.length === 0) {
  describe('fifty people choosing the same time at once', () => {
    it('did not run: it needs a PostgreSQL server (set TEST_DATABASE_URL) and none answered', () => {
      expect(raceBackends).toEqual([]);
    });
  });
}

describe('too many requests', () => {
  const hourLater = later(now, hours(1));

  it('refuses a fourth request from one email address within the hour, writing nothing, and allows it the next hour', async () => {
    const email = `sam.taylor.${randomUUID().slice(0, 8)}@example.com`;
    const firsts = [];
    for (let i = 0; i < 3; i++) firsts.push(accepted(await submit(c.db, validInput({ email }))));
    const leadId = firsts[0]!.leadId;
    const emailsBefore = await emailsOf(c.db, leadId);

    const fourth = validInput({ email });
    const refused = await submit(c.db, fourth);
    expect(refused).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    const retryAfter = refused.ok ? 0 : 'retryAfterSeconds' in refused ? refused.retryAfterSeconds : 0;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);

    expect(await requestsOf(c.db, leadId)).toHaveLength(3);
    expect(
      await c.db.select().from(t.consultationRequests).where(eq(t.consultationRequests.idempotencyKey, fourth.idempotencyKey)),
    ).toEqual([]);
    expect(await emailsOf(c.db, leadId)).toEqual(emailsBefore);

    // The count lives in the database, where every app instance sees it; a refused request is rolled back with everything else.
    expect(await c.db.select().from(t.rateLimits).where(eq(t.rateLimits.key, limitKey('consult:email', fourth.emailNormalized)))).toEqual([
      { key: limitKey('consult:email', fourth.emailNormalized), windowStart: now, count: 3 },
    ]);

    const nextHour = accepted(await submit(c.db, validInput({ email }), nextIp(), hourLater));
    expect(nextHour.leadId).toBe(leadId);
  });

  it('refuses an eleventh request from one IP address within the hour, writing nothing, and allows it the next hour', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 10; i++) accepted(await submit(c.db, validInput(), ip));

    const eleventh = validInput();
    const refused = await submit(c.db, eleventh, ip);
    expect(refused).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: 3600 });
    expect(await c.db.select().from(t.leads).where(eq(t.leads.emailNormalized, eleventh.emailNormalized))).toEqual([]);
    expect(
      await c.db.select().from(t.consultationRequests).where(eq(t.consultationRequests.idempotencyKey, eleventh.idempotencyKey)),
    ).toEqual([]);
    expect(await c.db.select().from(t.emailMessages).where(eq(t.emailMessages.toAddress, eleventh.email))).toEqual([]);
    expect(await c.db.select().from(t.rateLimits).where(eq(t.rateLimits.key, limitKey('consult:ip', ip)))).toEqual([
      { key: limitKey('consult:ip', ip), windowStart: now, count: 10 },
    ]);

    accepted(await submit(c.db, validInput(), ip, hourLater));
  });

  it('tells a person how long to wait until the hour is up', async () => {
    const email = `wait.time.${randomUUID().slice(0, 8)}@example.com`;
    const twentyPast = later(now, minutes(20));
    for (let i = 0; i < 3; i++) accepted(await submit(c.db, validInput({ email }), nextIp(), twentyPast));
    expect(await submit(c.db, validInput({ email }), nextIp(), twentyPast)).toEqual({
      ok: false,
      code: 'rate_limited',
      retryAfterSeconds: 40 * 60,
    });
  });
});

describe('moving an appointment', () => {
  it('moves it to another free time, frees the old time and replaces the reminder', async () => {
    const from = la('2026-12-21T10:00:00');
    const to = la('2026-12-22T14:00:00');
    const booked = accepted(await submit(c.db, validInput({ slot: from })));
    const appointmentId = booked.appointment!.id;

    const moved = await rescheduleAppointment(c.db, { appointmentId, newStart: to, now, actor: { type: 'patient' } });
    expect(moved).toMatchObject({
      ok: true,
      appointment: { id: appointmentId, startsAt: to, endsAt: later(to, minutes(30)), status: 'booked', version: 2 },
    });
    expect(await appointmentsOf(c.db, booked.leadId)).toEqual([expect.objectContaining({ id: appointmentId, startsAt: to })]);

    const activities = await activitiesOf(c.db, booked.leadId);
    expect(activities.filter((a) => a.type === 'appointment_rescheduled')).toEqual([
      expect.objectContaining({
        actorType: 'patient',
        payload: { appointmentId, from: from.toISOString(), to: to.toISOString() },
      }),
    ]);

    const emails = await emailsOf(c.db, booked.leadId);
    const reminders = emails.filter((e) => e.template === 'appointment-reminder');
    expect(reminders).toHaveLength(2);
    expect(reminders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 'cancelled', sendAfter: later(from, -hours(24)) }),
        expect.objectContaining({ status: 'pending', sendAfter: later(to, -hours(24)), dedupeKey: `reminder:${appointmentId}` }),
      ]),
    );
    expect(emails.filter((e) => e.template === 'booking-rescheduled')).toEqual([
      expect.objectContaining({
        status: 'pending',
        appointmentId,
        props: expect.objectContaining({ startsAt: to.toISOString(), reference: booked.reference }),
      }),
    ]);

    // The old time is offered again, and someone else can have it.
    expect(starts(await openSlots(c.db, now))).toContain(from.toISOString());
    const newcomer = accepted(await submit(c.db, validInput({ slot: from })));
    expect(newcomer.appointment?.startsAt).toEqual(from);
  });

  it('refuses to move onto a taken time, offers the nearest free ones and leaves the appointment as it was', async () => {
    const mine = la('2026-12-15T10:00:00');
    const theirs = la('2026-12-16T10:00:00');
    const booked = accepted(await submit(c.db, validInput({ slot: mine })));
    accepted(await submit(c.db, validInput({ slot: theirs })));
    const appointmentId = booked.appointment!.id;

    const refused = await rescheduleAppointment(c.db, { appointmentId, newStart: theirs, now, actor: { type: 'patient' } });
    expect(refused).toEqual({
      ok: false,
      code: 'slot_unavailable',
      alternatives: [
        { start: la('2026-12-16T09:00:00'), end: la('2026-12-16T09:30:00') },
        { start: la('2026-12-16T09:30:00'), end: la('2026-12-16T10:00:00') },
        { start: la('2026-12-16T10:30:00'), end: la('2026-12-16T11:00:00') },
      ],
    });
    expect(await appointmentsOf(c.db, booked.leadId)).toEqual([
      expect.objectContaining({ id: appointmentId, startsAt: mine, status: 'booked', version: 1 }),
    ]);
    expect(types(await activitiesOf(c.db, booked.leadId))).not.toContain('appointment_rescheduled');
    const emails = await emailsOf(c.db, booked.leadId);
    expect(emails.map((e) => e.template)).not.toContain('booking-rescheduled');
    expect(emails.find((e) => e.template === 'appointment-reminder')).toMatchObject({ status: 'pending' });
  });
});

describe('cancelling an appointment', () => {
  it('cancels it, frees the time, puts the lead back in the queue and tells the patient', async () => {
    const start = la('2026-12-11T11:00:00');
    const booked = accepted(await submit(c.db, validInput({ slot: start })));
    const appointmentId = booked.appointment!.id;

    const cancelled = await cancelAppointment(c.db, { appointmentId, now, actor: { type: 'patient' }, reason: 'Feeling better' });
    expect(cancelled).toMatchObject({
      ok: true,
      appointment: { id: appointmentId, status: 'cancelled', cancelledAt: now, cancelReason: 'Feeling better' },
    });
    expect(await leadById(c.db, booked.leadId)).toMatchObject({ status: 'new', nextFollowUpAt: now });

    const activities = await activitiesOf(c.db, booked.leadId);
    expect(activities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'appointment_cancelled',
          actorType: 'patient',
          payload: { appointmentId, startsAt: start.toISOString(), reason: 'Feeling better' },
        }),
        expect.objectContaining({
          type: 'status_changed',
          payload: { from: 'scheduled', to: 'new', reason: 'appointment_cancelled' },
        }),
      ]),
    );

    const emails = await emailsOf(c.db, booked.leadId);
    expect(emails.find((e) => e.template === 'appointment-reminder')).toMatchObject({ status: 'cancelled' });
    expect(emails.filter((e) => e.template === 'booking-cancelled')).toEqual([
      expect.objectContaining({
        status: 'pending',
        appointmentId,
        props: expect.objectContaining({ startsAt: start.toISOString(), bookAgainUrl: expect.stringMatching(/\/consult$/) }),
      }),
    ]);

    expect(starts(await openSlots(c.db, now))).toContain(start.toISOString());
    const newcomer = accepted(await submit(c.db, validInput({ slot: start })));
    expect(newcomer.appointment?.startsAt).toEqual(start);
  });

  it('refuses to cancel the same appointment twice', async () => {
    const booked = accepted(await submit(c.db, validInput({ slot: la('2026-12-14T13:00:00') })));
    const appointmentId = booked.appointment!.id;
    expect(await cancelAppointment(c.db, { appointmentId, now, actor: { type: 'patient' } })).toMatchObject({ ok: true });
    expect(await cancelAppointment(c.db, { appointmentId, now, actor: { type: 'patient' } })).toEqual({ ok: false, code: 'not_active' });
    const emails = await emailsOf(c.db, booked.leadId);
    expect(emails.filter((e) => e.template === 'booking-cancelled')).toHaveLength(1);
  });

  it('answers not found for an appointment that does not exist', async () => {
    expect(await cancelAppointment(c.db, { appointmentId: randomUUID(), now, actor: { type: 'patient' } })).toEqual({
      ok: false,
      code: 'not_found',
    });
  });

  // Regression (fixed): cancelling any appointment moved a
  // scheduled lead back to new with a follow-up due now, even while another visit was still booked.
  it('keeps a person scheduled when they cancel one of their two booked visits', async () => {
    const email = `two.visits.${randomUUID().slice(0, 8)}@example.com`;
    const first = accepted(await submit(c.db, validInput({ email, slot: la('2026-12-17T09:00:00') })));
    accepted(await submit(c.db, validInput({ email, slot: la('2026-12-18T09:00:00') })));
    await cancelAppointment(c.db, { appointmentId: first.appointment!.id, now, actor: { type: 'patient' } });
    expect(await leadById(c.db, first.leadId)).toMatchObject({ status: 'scheduled', nextFollowUpAt: null });
  });
});

describe("the patient's manage link", () => {
  const requestId = randomUUID();

  it('opens the request it was made for', () => {
    expect(requestIdFromManageToken(manageToken(requestId, now), now)).toBe(requestId);
  });

  it('works for 90 days and not after', () => {
    const token = manageToken(requestId, now);
    expect(requestIdFromManageToken(token, later(now, days(90) - 1000))).toBe(requestId);
    expect(requestIdFromManageToken(token, later(now, days(90)))).toBeNull();
    expect(requestIdFromManageToken(token, later(now, days(91)))).toBeNull();
  });

  it('refuses a link with any one character changed', () => {
    const token = manageToken(requestId, now);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < token.length; i++) {
      const at = alphabet.indexOf(token[i]!);
      // Flipping the top bit of a base64 digit always changes the bytes it stands for.
      const changed = at === -1 ? 'A' : alphabet[at ^ 32]!;
      const tampered = token.slice(0, i) + changed + token.slice(i + 1);
      expect(requestIdFromManageToken(tampered, now), `character ${i}`).toBeNull();
    }
  });

  it('refuses a token signed for another purpose', () => {
    const confirmation = signToken(authSecret(), 'confirmation', requestId, later(now, days(1)));
    expect(requestIdFromManageToken(confirmation, now)).toBeNull();
  });
});
