import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { buildConsultationRequest, buildLead, buildStaffUser } from '@/db/factories';
import * as t from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { eraseLead, exportPerson, getErasurePreview, patternFor, scrubPayload } from '@/lib/privacy/service';
import { getMetrics } from '@/lib/metrics/queries';
import { seedClinic } from '../support/consult-fixtures';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';
import { expectedMetrics, expectMetrics, LA, metricsRange, seedMetricsData } from '../support/metrics-fixtures';
import { limitKey } from '@/lib/security/rate-limit';

const now = new Date('2026-11-26T17:00:00Z');
const meta = { ip: '198.51.100.4', userAgent: 'vitest' };
const la = (wallClock: string) => new Date(`${wallClock}-08:00`);

// The person who asks to be erased: strings that appear nowhere else, so any trace left behind is found.
const person = {
  firstName: 'Zebedee',
  lastName: 'Quixotic',
  email: 'Zebedee.Quixotic@Example.org',
  emailNormalized: 'zebedee.quixotic@example.org',
  phone: '+13235550199',
};
/** What must appear nowhere in the database after the erasure. */
const traces = ['Zebedee', 'Quixotic', person.emailNormalized, person.phone, '323 555 0199', '(323) 555-0199'];

let handle: TestDatabase;
let db: Database;
let admin: string;
let frontDesk: string;
let providerId: string;
let ids: Record<string, string>;
let leadId: string;
const rows: Record<string, string> = {};

/** Every text and jsonb column of every table, and how many of its values contain `needle`. */
async function findEverywhere(needle: string): Promise<string[]> {
  const columns = (await db.execute(sql`
    select table_name as t, column_name as c from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'jsonb', 'json', 'character varying', 'ARRAY')`)) as unknown as
    | { t: string; c: string }[]
    | { rows: { t: string; c: string }[] };
  const list = Array.isArray(columns) ? columns : columns.rows;
  expect(list.length).toBeGreaterThan(40);
  const hits: string[] = [];
  for (const { t: table, c: column } of list) {
    const result = (await db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where position(lower(${needle}) in lower(${sql.identifier(column)}::text)) > 0`,
    )) as unknown as { n: number }[] | { rows: { n: number }[] };
    const n = (Array.isArray(result) ? result : result.rows)[0]!.n;
    if (n > 0) hits.push(`${table}.${column} (${n})`);
  }
  return hits;
}

/** Gives the metrics data set's first lead (a patient since November) a full record, touching every table. */
async function seedPerson() {
  leadId = ids.L1!;
  await db
    .update(t.leads)
    .set({
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      emailNormalized: person.emailNormalized,
      phoneE164: person.phone,
      landingPage: '/guide/risks?utm_term=zebedee',
      referrer: 'https://search.example/?q=zebedee+quixotic',
      utmSource: 'newsletter',
      utmTerm: 'zebedee',
      utmContent: 'Quixotic banner',
      marketingConsent: true,
      marketingConsentAt: la('2026-11-02T09:00'),
      nextFollowUpAt: la('2026-12-01T09:00'),
    })
    .where(eq(t.leads.id, leadId));

  const [request] = await db
    .insert(t.consultationRequests)
    .values(
      buildConsultationRequest(leadId, {
        reference: 'CR-ZQ7K3F',
        message: 'Zebedee here: call me on 323 555 0199, not my work number.',
        painArea: 'neck',
        redFlags: ['leg_weakness'],
        hasRedFlags: true,
        sourcePage: 'risks',
        landingPage: '/guide/risks?utm_term=zebedee',
        referrer: 'https://search.example/?q=zebedee',
        utmCampaign: 'fall',
        utmTerm: 'zebedee',
        submittedAt: la('2026-11-02T09:00'),
      }),
    )
    .returning();
  rows.request = request!.id;

  // The fixture's kept appointment (5 November) is already there. Add one cancelled with a typed reason and one
  // still to come, both booked outside the metrics range so the range's numbers are only what the fixture says.
  const [cancelled] = await db
    .insert(t.appointments)
    .values({
      providerId,
      leadId,
      startsAt: la('2026-10-26T10:00'),
      endsAt: la('2026-10-26T10:30'),
      status: 'cancelled',
      bookedByType: 'patient',
      cancelledAt: la('2026-10-21T10:00'),
      cancelReason: 'Zebedee Quixotic is travelling',
      createdAt: la('2026-10-20T10:00'),
    })
    .returning();
  const [upcoming] = await db
    .insert(t.appointments)
    .values({
      providerId,
      leadId,
      consultationRequestId: request!.id,
      startsAt: la('2026-12-10T10:00'),
      endsAt: la('2026-12-10T10:30'),
      bookedByType: 'staff',
      bookedByStaffId: frontDesk,
      createdAt: la('2026-11-25T10:00'),
    })
    .returning();
  rows.cancelledAppointment = cancelled!.id;
  rows.upcomingAppointment = upcoming!.id;

  const [call] = await db
    .insert(t.callLogs)
    .values({ leadId, staffUserId: frontDesk, outcome: 'reached', notes: 'Spoke with Zebedee Quixotic about his neck', nextStep: 'Email zebedee.quixotic@example.org the forms', calledAt: la('2026-11-02T10:30') })
    .returning();
  rows.call = call!.id;
  const [openTask, doneTask] = await db
    .insert(t.followUpTasks)
    .values([
      { leadId, title: 'Call Zebedee back about the MRI', dueAt: la('2026-12-01T09:00'), assignedToId: frontDesk, createdById: frontDesk },
      { leadId, title: 'Send Zebedee the forms', dueAt: la('2026-11-03T09:00'), status: 'done', completedAt: la('2026-11-03T08:00'), completedById: frontDesk },
    ])
    .returning();
  rows.openTask = openTask!.id;
  rows.doneTask = doneTask!.id;

  const [sent, reminder, staffAlert] = await db
    .insert(t.emailMessages)
    .values([
      {
        leadId,
        appointmentId: upcoming!.id,
        template: 'booking-confirmed',
        category: 'transactional',
        toAddress: person.email,
        props: { firstName: 'Zebedee', reference: 'CR-ZQ7K3F', manageUrl: 'https://clinic.example/consult/manage/secret' },
        subject: 'Your consultation is booked, Zebedee',
        html: '<p>Hi Zebedee,</p><p>We will call (323) 555-0199 if anything changes.</p>',
        text: 'Hi Zebedee, we will call (323) 555-0199 if anything changes.',
        status: 'sent',
        providerMessageId: 'msg_zq_1',
        sentAt: la('2026-11-25T10:01'),
      },
      {
        leadId,
        appointmentId: upcoming!.id,
        template: 'appointment-reminder',
        category: 'transactional',
        toAddress: person.email,
        props: { firstName: 'Zebedee' },
        sendAfter: la('2026-12-09T10:00'),
        dedupeKey: `reminder:${upcoming!.id}`,
      },
      {
        leadId,
        template: 'staff-new-request',
        category: 'staff',
        toAddress: 'frontdesk@example.com',
        props: { reference: 'CR-ZQ7K3F' },
        subject: 'New request CR-ZQ7K3F',
        status: 'sent',
      },
    ])
    .returning();
  rows.sentEmail = sent!.id;
  rows.reminder = reminder!.id;
  rows.staffAlert = staffAlert!.id;
  await db.insert(t.emailEvents).values({
    svixId: 'msg_zq_delivered',
    emailMessageId: sent!.id,
    type: 'email.delivered',
    payload: { type: 'email.delivered', data: { to: [person.email], subject: 'Your consultation is booked, Zebedee' } },
  });

  const activity = (type: (typeof t.activityType.enumValues)[number], payload: Record<string, unknown>, at: string) => ({
    leadId,
    type,
    actorType: 'staff' as const,
    actorStaffId: frontDesk,
    payload,
    occurredAt: la(at),
  });
  await db.insert(t.leadActivities).values([
    activity(
      'request_submitted',
      {
        requestId: request!.id,
        reference: 'CR-ZQ7K3F',
        returning: true,
        differentContactDetails: { firstName: 'Zeb', email: 'zebedee.q@example.org', phone: '+13235550198' },
        redFlags: ['leg_weakness'],
        sourcePage: 'risks',
      },
      '2026-11-02T09:00',
    ),
    activity('note_added', { text: 'Zebedee prefers mornings; wife is Quixotic too' }, '2026-11-02T09:30'),
    activity('call_logged', { callId: call!.id, outcome: 'reached', notes: 'Spoke with Zebedee Quixotic' }, '2026-11-02T10:30'),
    activity('details_updated', { field: 'phone', from: '+13235550198', to: person.phone }, '2026-11-02T10:40'),
    activity('appointment_cancelled', { appointmentId: cancelled!.id, startsAt: cancelled!.startsAt.toISOString(), reason: 'Zebedee is travelling' }, '2026-11-02T11:00'),
    activity('task_created', { taskId: openTask!.id, title: 'Call Zebedee back about the MRI', dueAt: openTask!.dueAt.toISOString() }, '2026-11-02T11:10'),
    activity('email_queued', { emailId: sent!.id, template: 'booking-confirmed', sendAfter: '2026-11-25T18:00:00.000Z' }, '2026-11-25T10:00'),
  ]);

  // Elsewhere: the staff's daily digest lists them, a relative's lead mentions them, a counter is keyed by their address.
  const [digest] = await db
    .insert(t.emailMessages)
    .values({
      template: 'staff-overdue-digest',
      category: 'staff',
      toAddress: 'frontdesk@example.com',
      props: {
        rows: [
          { name: 'Zebedee Quixotic', reference: leadId.slice(0, 8), dueLabel: 'Tuesday 1 December', url: `https://clinic.example/dashboard/leads/${leadId}` },
          { name: 'Olive Other', reference: 'abcdef12', dueLabel: 'Monday 30 November', url: 'https://clinic.example/dashboard/leads/x' },
        ],
      },
      subject: 'Overdue follow-ups',
      html: '<ul><li>Zebedee Quixotic</li><li>Olive Other</li></ul>',
      text: '- Zebedee Quixotic\n- Olive Other',
      status: 'sent',
    })
    .returning();
  rows.digest = digest!.id;
  const [relativeCall] = await db
    .insert(t.callLogs)
    .values({ leadId: ids.L2!, staffUserId: frontDesk, outcome: 'reached', notes: 'Referred by her brother Zebedee Quixotic (zebedee.quixotic@example.org)' })
    .returning();
  rows.relativeCall = relativeCall!.id;
  await db.insert(t.rateLimits).values({ key: limitKey('consult:email', person.emailNormalized), windowStart: la('2026-11-25T10:00'), count: 1 });

  await writeAudit(db, { actorStaffId: frontDesk, action: 'lead_viewed', entityType: 'lead', entityId: leadId, meta, at: la('2026-11-03T09:00') });
  await writeAudit(db, { actorStaffId: frontDesk, action: 'appointment_changed', entityType: 'appointment', entityId: upcoming!.id, detail: { change: 'booked' }, meta, at: la('2026-11-25T10:00') });
}

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  db = handle.db;
  [admin, frontDesk] = (await db.insert(t.staffUsers).values([buildStaffUser({ name: 'Alex Admin', role: 'admin' }), buildStaffUser({ name: 'Sam Frontdesk' })]).returning()).map(
    (s) => s.id,
  ) as [string, string];
  const { provider } = await seedClinic(db, { timeZone: LA });
  providerId = provider.id;
  ids = await seedMetricsData(db, providerId);
  await seedPerson();
});
afterAll(async () => {
  await handle?.dispose();
});

describe('exporting a person’s record', () => {
  it('gives every row about them, as a download would carry it, and records the export', async () => {
    const [text] = await db
      .insert(t.textMessages)
      .values({ leadId, kind: 'booking-confirmation', toNumber: person.phone, timeZone: LA, body: 'Stem Cell Institute: your consultation is booked', props: { manageToken: 'secret-link' }, status: 'sent' })
      .returning({ id: t.textMessages.id });
    await db.insert(t.textConsents).values({ leadId, phoneE164: person.phone, source: 'chose text message', wording: 'We will text you about your request.', givenAt: now });
    await db.insert(t.textNumbers).values({ phoneE164: person.phone, optedOutAt: now, optOutKeyword: 'STOP' });
    const result = await exportPerson(db, { leadId, actorId: admin, meta, now });
    if (!result.ok) throw new Error('expected an export');
    const data = JSON.parse(JSON.stringify(result.data)) as Record<string, unknown> & typeof result.data;

    expect(data.lead).toMatchObject({ id: leadId, firstName: 'Zebedee', lastName: 'Quixotic', email: person.email, phoneE164: person.phone, status: 'became_patient' });
    expect(data.lead).not.toHaveProperty('searchText');
    expect(data.consultationRequests).toEqual([
      expect.objectContaining({ id: rows.request, reference: 'CR-ZQ7K3F', painArea: 'neck', redFlags: ['leg_weakness'], message: expect.stringContaining('Zebedee here') }),
    ]);
    const appointmentIds = (await db.select({ id: t.appointments.id }).from(t.appointments).where(eq(t.appointments.leadId, leadId))).map((a) => a.id);
    expect(appointmentIds).toHaveLength(3);
    expect(data.appointments.map((a) => a.id).sort()).toEqual(appointmentIds.sort());
    const activityIds = (await db.select({ id: t.leadActivities.id }).from(t.leadActivities).where(eq(t.leadActivities.leadId, leadId))).map((a) => a.id);
    expect(activityIds).toHaveLength(7);
    expect(data.timeline.map((a) => a.id).sort()).toEqual(activityIds.sort());
    expect(data.timeline.find((a) => a.type === 'note_added')?.payload).toEqual({ text: 'Zebedee prefers mornings; wife is Quixotic too' });
    expect(data.callLogs).toEqual([expect.objectContaining({ id: rows.call, notes: 'Spoke with Zebedee Quixotic about his neck' })]);
    expect(data.followUpTasks.map((task) => task.id).sort()).toEqual([rows.openTask, rows.doneTask].sort());
    // Emails: who, what subject, what happened to them; never the body or props (which hold private links).
    expect(data.emails.map((e) => e.id).sort()).toEqual([rows.sentEmail, rows.reminder, rows.staffAlert].sort());
    expect(data.emails.find((e) => e.id === rows.sentEmail)).toMatchObject({ toAddress: person.email, subject: 'Your consultation is booked, Zebedee', status: 'sent' });
    expect(JSON.stringify(data.emails)).not.toMatch(/manage\/secret|<p>/);
    expect(data.emailSuppression).toBeNull();
    // Texts: what was sent and what happened, the consent as given, the number's STOP; never the props.
    expect(data.texts).toEqual([expect.objectContaining({ id: text!.id, toNumber: person.phone, body: 'Stem Cell Institute: your consultation is booked', status: 'sent' })]);
    expect(JSON.stringify(data.texts)).not.toContain('secret-link');
    expect(data.textConsents).toEqual([expect.objectContaining({ phoneE164: person.phone, wording: 'We will text you about your request.' })]);
    expect(data.textNumber).toMatchObject({ phoneE164: person.phone, optOutKeyword: 'STOP' });
    // Only for this test: the erasure tests below count this person's rows as seeded.
    await db.delete(t.textMessages).where(eq(t.textMessages.id, text!.id));
    await db.delete(t.textConsents).where(eq(t.textConsents.leadId, leadId));
    await db.delete(t.textNumbers).where(eq(t.textNumbers.phoneE164, person.phone));
    // The audit trail about them: the view, the appointment booked by staff, and this export itself.
    expect(data.auditTrail.map((a) => [a.action, a.staff])).toEqual([
      ['lead_viewed', 'Sam Frontdesk'],
      ['appointment_changed', 'Sam Frontdesk'],
      ['lead_exported', 'Alex Admin'],
    ]);
    expect(JSON.stringify(data.auditTrail)).not.toContain(meta.ip);

    const [entry] = await db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'lead_exported'), eq(t.auditLog.entityId, leadId)));
    expect(entry).toMatchObject({ actorStaffId: admin, entityType: 'lead', at: now });
  });

  it('says when there is no such person', async () => {
    expect(await exportPerson(db, { leadId: randomUUID(), actorId: admin, meta, now })).toEqual({ ok: false, code: 'not_found' });
  });
});

describe('erasing a person', () => {
  it('previews what will happen and records that their details were seen', async () => {
    const preview = await getErasurePreview(db, { leadId, actorId: admin, meta, now });
    expect(preview).toMatchObject({
      lead: { name: 'Zebedee Quixotic', email: person.email, phone: person.phone, erasedAt: null },
      counts: { requests: 1, appointments: 3, upcomingAppointments: 1, activities: 7, calls: 1, tasks: 2, openTasks: 1, emails: 3, pendingEmails: 1 },
      suppressed: false,
    });
  });

  it('leaves no trace of their name, email or phone anywhere, and every metric as it was', async () => {
    const before = await getMetrics(db, { range: metricsRange, timeZone: LA });
    expectMetrics(before, expectedMetrics);
    for (const needle of traces) expect(await findEverywhere(needle), needle).not.toEqual([]);

    expect(await eraseLead(db, { leadId, actorId: admin, meta, now })).toEqual({ ok: true, erasedAt: now });

    for (const needle of traces) expect(await findEverywhere(needle), needle).toEqual([]);
    const after = await getMetrics(db, { range: metricsRange, timeZone: LA });
    expect(after).toEqual(before);
    expectMetrics(after, expectedMetrics);
  });

  it('keeps the facts: dates, status, source, answers, appointment times', async () => {
    const [lead] = await db.select().from(t.leads).where(eq(t.leads.id, leadId));
    expect(lead).toMatchObject({
      firstName: 'Erased',
      lastName: 'person',
      email: null,
      emailNormalized: null,
      phoneE164: null,
      landingPage: null,
      referrer: null,
      utmTerm: null,
      utmContent: null,
      sourcePage: 'risks',
      utmSource: 'newsletter',
      utmCampaign: 'fall',
      status: 'became_patient',
      marketingConsent: false,
      contactConsentAt: expect.any(Date),
      nextFollowUpAt: null,
      erasedAt: now,
      searchText: 'erased person  ',
    });
    const [request] = await db.select().from(t.consultationRequests).where(eq(t.consultationRequests.id, rows.request!));
    expect(request).toMatchObject({ message: null, referrer: null, landingPage: null, painArea: 'neck', redFlags: ['leg_weakness'], hasRedFlags: true, utmCampaign: 'fall' });
    expect(request!.reference).toMatch(/^ER-[0-9A-F]{10}$/);
  });

  it('cancels what was still to happen, and leaves what happened', async () => {
    const status = async (table: typeof t.appointments | typeof t.followUpTasks | typeof t.emailMessages, id: string) =>
      (await db.select({ status: table.status }).from(table).where(eq(table.id, id)))[0]!.status;
    expect(await status(t.appointments, rows.upcomingAppointment!)).toBe('cancelled');
    expect(await status(t.followUpTasks, rows.openTask!)).toBe('cancelled');
    expect(await status(t.followUpTasks, rows.doneTask!)).toBe('done');
    expect(await status(t.emailMessages, rows.reminder!)).toBe('cancelled');
    expect(await status(t.emailMessages, rows.sentEmail!)).toBe('sent');
    const [sent] = await db.select().from(t.emailMessages).where(eq(t.emailMessages.id, rows.sentEmail!));
    expect(sent).toMatchObject({ toAddress: 'erased', subject: null, html: null, text: null, props: {}, template: 'booking-confirmed' });
    const [event] = await db.select().from(t.emailEvents).where(eq(t.emailEvents.svixId, 'msg_zq_delivered'));
    expect(event).toMatchObject({ type: 'email.delivered', payload: {} });
    expect(await db.$count(t.rateLimits, eq(t.rateLimits.key, limitKey('consult:email', person.emailNormalized)))).toBe(0);
  });

  it('keeps only codes and ids on the timeline, and records the erasure there and in the audit log', async () => {
    const timeline = await db.select().from(t.leadActivities).where(eq(t.leadActivities.leadId, leadId));
    const payloadOf = (type: string) => timeline.find((a) => a.type === type)?.payload;
    expect(payloadOf('request_submitted')).toEqual({ requestId: rows.request, returning: true, redFlags: ['leg_weakness'], sourcePage: 'risks' });
    expect(payloadOf('note_added')).toEqual({});
    expect(payloadOf('call_logged')).toEqual({ callId: rows.call, outcome: 'reached' });
    expect(payloadOf('details_updated')).toEqual({});
    expect(payloadOf('appointment_cancelled')).toEqual({ appointmentId: rows.cancelledAppointment, startsAt: expect.any(String) });
    expect(payloadOf('email_queued')).toEqual({ emailId: rows.sentEmail, template: 'booking-confirmed', sendAfter: '2026-11-25T18:00:00.000Z' });
    expect(timeline.filter((a) => a.type === 'erased')).toEqual([expect.objectContaining({ actorType: 'staff', actorStaffId: admin, payload: {}, occurredAt: now })]);

    const entries = await db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'lead_erased'), eq(t.auditLog.entityId, leadId)));
    expect(entries).toEqual([
      expect.objectContaining({ actorStaffId: admin, entityType: 'lead', at: now, ip: meta.ip, detail: { cancelledAppointments: 1, emails: 3, texts: 0, activities: 7 } }),
    ]);
  });

  it('replaces mentions of them in other people’s records and the staff’s emails, keeping the rest', async () => {
    const [relative] = await db.select().from(t.callLogs).where(eq(t.callLogs.id, rows.relativeCall!));
    expect(relative!.notes).toBe('Referred by her brother [erased] ([erased])');
    const [digest] = await db.select().from(t.emailMessages).where(eq(t.emailMessages.id, rows.digest!));
    expect(digest!.text).toBe('- [erased]\n- Olive Other');
    expect(digest!.html).toBe('<ul><li>[erased]</li><li>Olive Other</li></ul>');
    expect((digest!.props as { rows: { name: string }[] }).rows.map((r) => r.name)).toEqual(['[erased]', 'Olive Other']);
  });

  it('cannot be done twice, and the record shows nothing personal any more', async () => {
    expect(await eraseLead(db, { leadId, actorId: admin, meta, now })).toEqual({ ok: false, code: 'already_erased' });
    expect(await eraseLead(db, { leadId: randomUUID(), actorId: admin, meta, now })).toEqual({ ok: false, code: 'not_found' });
    const preview = await getErasurePreview(db, { leadId, actorId: admin, meta, now });
    expect(preview?.lead).toMatchObject({ name: 'Erased person', email: null, phone: null, erasedAt: now });
  });

  it('keeps an unsubscribe, so an erased person is never emailed again: the one place their address stays', async () => {
    const email = 'opted.out.2026@example.net';
    const [lead] = await db
      .insert(t.leads)
      .values(buildLead({ firstName: 'Ursula', lastName: 'Ungerer', email, emailNormalized: email, phoneE164: '+13235550177', createdAt: la('2026-10-01T09:00') }))
      .returning();
    await db.insert(t.emailSuppressions).values({ emailNormalized: email, reason: 'unsubscribed' });
    expect((await getErasurePreview(db, { leadId: lead!.id, actorId: admin, meta, now }))?.suppressed).toBe(true);
    expect((await eraseLead(db, { leadId: lead!.id, actorId: admin, meta, now })).ok).toBe(true);
    expect(await findEverywhere(email)).toEqual(['email_suppressions.email_normalized (1)']);
    expect(await findEverywhere('Ursula')).toEqual([]);
    expect(await findEverywhere('Ungerer')).toEqual([]);
  });
});

describe('what erasure keeps of a timeline entry', () => {
  it.each([
    [{ from: 'new', to: 'contacted', reason: 'booked_by_patient' }, { from: 'new', to: 'contacted', reason: 'booked_by_patient' }],
    [{ appointmentId: '6f1c2f7e-3a7b-4d1e-9c55-0a4f6f8b9e21', from: '2026-12-01T17:00:00.000Z', to: '2026-12-02T17:00:00.000Z' }, { appointmentId: '6f1c2f7e-3a7b-4d1e-9c55-0a4f6f8b9e21', from: '2026-12-01T17:00:00.000Z', to: '2026-12-02T17:00:00.000Z' }],
    [{ field: 'lastName', from: 'Smith', to: 'Smyth' }, {}],
    [{ reason: 'Patient is away until March' }, {}],
    [{ text: 'anything at all' }, {}],
    [{ outcome: 'voicemail', notes: 'left a message' }, { outcome: 'voicemail' }],
    [{ redFlags: ['fever', 'recent_trauma'], sourcePage: 'Some Title With Caps' }, { redFlags: ['fever', 'recent_trauma'] }],
    [{ to: { email: 'a@b.c' } }, {}],
  ])('%o → %o', (payload, kept) => {
    expect(scrubPayload(payload)).toEqual(kept);
  });

  it('matches a name as whole words only, and emails and phones as written', () => {
    const pattern = new RegExp(patternFor(['Al Li', 'al@li.example']).replaceAll('\\m', '\\b').replaceAll('\\M', '\\b'), 'i');
    expect(pattern.test('We saw Al Li today')).toBe(true);
    expect(pattern.test('a real life story')).toBe(false);
    expect(pattern.test('write to AL@LI.example')).toBe(true);
  });
});
