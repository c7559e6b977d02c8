// Staff changes to a lead on a real database: optimistic concurrency, one transaction per change
// (change + timeline + audit, or nothing), speed to lead, templated emails, and booking for a patient
// with the public form's rules and race safety.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { buildLead, buildStaffUser } from '@/db/factories';
import * as t from '@/db/schema';
import { staffSlotDays } from '@/lib/booking/staff';
import { bookForLead, cancelForLead, rescheduleForLead } from '@/lib/leads/patient-booking';
import { unsubscribe } from '@/lib/email/unsubscribe';
import { getLeadDetail, isErased, loadLeadPage } from '@/lib/leads/detail';
import type { StaffContext } from '@/lib/leads/lead-change';
import { submitConsultationRequest } from '@/lib/intake/service';
import { addNote, assignLead, changeStatus, EMAIL_REFUSALS, logCall, sendTemplatedEmail } from '@/lib/leads/staff-actions';
import { createTask } from '@/lib/leads/tasks';
import { openSlots, seedClinic, validInput } from '../support/consult-fixtures';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';

// Tuesday 1 December 2026, 9am in Los Angeles.
const now = new Date('2026-12-01T17:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const meta = { ip: '203.0.113.20', userAgent: 'vitest' };
/** An address Postgres refuses for the audit's inet column: the last step of a change fails. */
const brokenMeta = { ip: 'not-an-address', userAgent: 'vitest' };

let handle: TestDatabase;
let db: Database;
let alice: t.StaffUser;
let bob: t.StaffUser;
let disabled: t.StaffUser;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  db = handle.db;
  await seedClinic(db);
  [alice, bob, disabled] = await db
    .insert(t.staffUsers)
    .values([buildStaffUser({ name: 'Alice Front' }), buildStaffUser({ name: 'Bob Desk' }), buildStaffUser({ name: 'Gone Away', disabledAt: now })])
    .returning() as [t.StaffUser, t.StaffUser, t.StaffUser];
});
afterAll(async () => {
  await handle?.dispose();
});

const as = (staff: t.StaffUser, at = now, m = meta): StaffContext => ({ staffId: staff.id, meta: m, now: at });

let ips = 0;
/** A lead created the way patients create them: through the public request, asking to be called. */
async function newLead(overrides: Parameters<typeof validInput>[0] = {}) {
  const result = await submitConsultationRequest(db, validInput(overrides), { now: later(-60), ip: `10.30.0.${++ips}` });
  if (!result.ok) throw new Error(`request refused: ${JSON.stringify(result)}`);
  return leadRow(result.data.leadId);
}

async function leadRow(id: string) {
  const [lead] = await db.select().from(t.leads).where(eq(t.leads.id, id));
  return lead!;
}

const activities = (leadId: string) => db.select().from(t.leadActivities).where(eq(t.leadActivities.leadId, leadId));
const audits = (leadId: string) =>
  db.select().from(t.auditLog).where(and(eq(t.auditLog.entityType, 'lead'), eq(t.auditLog.entityId, leadId))).orderBy(asc(t.auditLog.id));
const emails = (leadId: string) => db.select().from(t.emailMessages).where(eq(t.emailMessages.leadId, leadId)).orderBy(asc(t.emailMessages.createdAt));

/** Everything a change could write about a lead, to compare before and after a refused one. */
async function snapshot(leadId: string) {
  const [lead, acts, audit, calls, tasks, mail, appts] = await Promise.all([
    leadRow(leadId),
    activities(leadId),
    audits(leadId),
    db.select().from(t.callLogs).where(eq(t.callLogs.leadId, leadId)),
    db.select().from(t.followUpTasks).where(eq(t.followUpTasks.leadId, leadId)),
    emails(leadId),
    db.select().from(t.appointments).where(eq(t.appointments.leadId, leadId)),
  ]);
  return {
    lead: { version: lead.version, status: lead.status, assignedToId: lead.assignedToId, firstContactedAt: lead.firstContactedAt, nextFollowUpAt: lead.nextFollowUpAt },
    counts: { activities: acts.length, audit: audit.length, calls: calls.length, tasks: tasks.length, emails: mail.length, appointments: appts.length },
    appointmentStatuses: appts.map((a) => a.status).sort(),
    emailStatuses: mail.map((e) => `${e.template}:${e.status}`).sort(),
  };
}

describe('optimistic concurrency', () => {
  it('refuses the second of two staff who edit with the same version at once, and writes nothing for it', async () => {
    const lead = await newLead();
    const before = await snapshot(lead.id);
    const [a, b] = await Promise.all([
      addNote(db, { leadId: lead.id, version: lead.version, body: 'Alice’s note' }, as(alice)),
      addNote(db, { leadId: lead.id, version: lead.version, body: 'Bob’s note' }, as(bob)),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toEqual({ ok: false, code: 'conflict' });
    const after = await snapshot(lead.id);
    expect(after.lead.version).toBe(lead.version + 1);
    expect(after.counts.activities).toBe(before.counts.activities + 1);
    expect(after.counts.audit).toBe(1);
    const notes = (await activities(lead.id)).filter((x) => x.type === 'note_added');
    expect(notes).toHaveLength(1);
  });

  it('refuses a form rendered before someone else’s change, whatever the change', async () => {
    const lead = await newLead();
    expect(await changeStatus(db, { leadId: lead.id, version: lead.version, to: 'contacted' }, as(alice))).toMatchObject({ ok: true });
    const before = await snapshot(lead.id);
    const stale = { leadId: lead.id, version: lead.version };
    const results = [
      await addNote(db, { ...stale, body: 'late' }, as(bob)),
      await logCall(db, { ...stale, outcome: 'reached' }, as(bob)),
      await changeStatus(db, { ...stale, to: 'not_a_fit' }, as(bob)),
      await assignLead(db, { ...stale, assignee: bob.id }, as(bob)),
      await createTask(db, { ...stale, title: 'Call back', dueAt: later(600), assignee: bob.id }, as(bob)),
      await sendTemplatedEmail(db, { ...stale, template: 'contact-attempt' }, as(bob)),
      await bookForLead(db, { ...stale, start: (await openSlots(db, now))[40]!.start }, as(bob)),
    ];
    for (const result of results) expect(result).toEqual({ ok: false, code: 'conflict' });
    expect(await snapshot(lead.id)).toEqual(before);
  });

  it('answers not_found for an unknown lead and erased for an erased one', async () => {
    expect(await addNote(db, { leadId: '00000000-0000-4000-8000-000000000000', version: 1, body: 'x' }, as(alice))).toEqual({ ok: false, code: 'not_found' });
    const [erased] = await db.insert(t.leads).values(buildLead({ erasedAt: now, email: null, emailNormalized: null })).returning();
    expect(await addNote(db, { leadId: erased!.id, version: erased!.version, body: 'x' }, as(alice))).toEqual({ ok: false, code: 'erased' });
    const detail = await getLeadDetail(db, erased!.id);
    expect(detail && isErased(detail)).toBe(true);
  });
});

describe('each change is one transaction: change, timeline and audit, or nothing', () => {
  const changes: [string, (leadId: string, version: number, m: StaffContext) => Promise<unknown>][] = [
    ['a note', (leadId, version, c) => addNote(db, { leadId, version, body: 'Prefers mornings' }, c)],
    ['a call with a follow-up', (leadId, version, c) => logCall(db, { leadId, version, outcome: 'voicemail', notes: 'Left a message', nextStep: 'Try again', dueAt: later(24 * 60) }, c)],
    ['a status move', (leadId, version, c) => changeStatus(db, { leadId, version, to: 'contacted' }, c)],
    ['an assignment', (leadId, version, c) => assignLead(db, { leadId, version, assignee: bob.id }, c)],
    ['a task', (leadId, version, c) => createTask(db, { leadId, version, title: 'Send forms', dueAt: later(120), assignee: alice.id }, c)],
    ['a templated email', (leadId, version, c) => sendTemplatedEmail(db, { leadId, version, template: 'contact-attempt' }, c)],
  ];

  it.each(changes)('writes nothing for %s when its audit entry cannot be written', async (_name, run) => {
    const lead = await newLead();
    const before = await snapshot(lead.id);
    await expect(run(lead.id, lead.version, as(alice, now, brokenMeta))).rejects.toThrow();
    expect(await snapshot(lead.id)).toEqual(before);
  });

  it('writes nothing for a booking when its audit entry cannot be written: no appointment, no emails, the slot stays free', async () => {
    const lead = await newLead();
    const slot = (await openSlots(db, now))[41]!;
    const before = await snapshot(lead.id);
    await expect(bookForLead(db, { leadId: lead.id, version: lead.version, start: slot.start }, as(alice, now, brokenMeta))).rejects.toThrow();
    expect(await snapshot(lead.id)).toEqual(before);
    expect((await openSlots(db, now)).map((s) => s.start.getTime())).toContain(slot.start.getTime());
  });

  it('writes nothing when a step in the middle is refused (a follow-up for a disabled account)', async () => {
    const lead = await newLead();
    const before = await snapshot(lead.id);
    const result = await createTask(db, { leadId: lead.id, version: lead.version, title: 'x', dueAt: later(60), assignee: disabled.id }, as(alice));
    expect(result).toMatchObject({ ok: false, code: 'refused', field: 'assignee' });
    expect(await snapshot(lead.id)).toEqual(before);
  });

  it.each(changes)('records %s on the timeline as the staff member, with an audit entry naming the change', async (_name, run) => {
    const lead = await newLead();
    const before = await activities(lead.id);
    expect(await run(lead.id, lead.version, as(alice))).toMatchObject({ ok: true });
    const added = (await activities(lead.id)).filter((a) => !before.some((b) => b.id === a.id));
    expect(added.length).toBeGreaterThan(0);
    // The email's entry is the outbox's, re-attributed to the person who sent it.
    expect(added.filter((a) => a.type !== 'email_queued' || a.payload.template === 'contact-attempt').every((a) => a.actorType === 'staff' && a.actorStaffId === alice.id)).toBe(true);
    const [audit] = await audits(lead.id);
    expect(audit).toMatchObject({ actorStaffId: alice.id, ip: meta.ip, entityId: lead.id, at: now });
    expect(audit!.action).toMatch(/^(lead_updated|email_sent_by_staff)$/);
    expect(typeof audit!.detail.change).toBe('string');
    const after = await leadRow(lead.id);
    expect(after.version).toBe(lead.version + 1);
    expect(after.lastActivityAt).toEqual(now);
  });
});

describe('notes, calls, status and assignment', () => {
  it('keeps a note’s text on the timeline and refuses nothing else', async () => {
    const lead = await newLead();
    await addNote(db, { leadId: lead.id, version: lead.version, body: 'Asked about parking' }, as(alice));
    const detail = await getLeadDetail(db, lead.id);
    if (!detail || isErased(detail)) throw new Error('expected a lead');
    expect(detail.timeline[0]).toMatchObject({ type: 'note_added', actorName: 'Alice Front', payload: { body: 'Asked about parking' } });
  });

  it('logs a call with its outcome, notes and next step, and a follow-up task that sets next_follow_up_at', async () => {
    const lead = await newLead();
    expect(lead.nextFollowUpAt).toEqual(later(-60));
    const dueAt = later(26 * 60);
    const result = await logCall(db, { leadId: lead.id, version: lead.version, outcome: 'no_answer', notes: 'Rang twice', nextStep: 'Try after lunch', dueAt }, as(alice));
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [call] = await db.select().from(t.callLogs).where(eq(t.callLogs.id, result.data.callLogId));
    expect(call).toMatchObject({ outcome: 'no_answer', notes: 'Rang twice', nextStep: 'Try after lunch', staffUserId: alice.id, calledAt: now });
    const [task] = await db.select().from(t.followUpTasks).where(eq(t.followUpTasks.leadId, lead.id));
    // Nobody was assigned to the lead, so the caller owns the follow-up.
    expect(task).toMatchObject({ title: 'Try after lunch', dueAt, assignedToId: alice.id, status: 'open', createdById: alice.id });
    expect((await leadRow(lead.id)).nextFollowUpAt).toEqual(dueAt);
  });

  it('a call without a follow-up answers the request’s "call now", so the lead is no longer due', async () => {
    const lead = await newLead();
    await logCall(db, { leadId: lead.id, version: lead.version, outcome: 'reached' }, as(alice));
    expect((await leadRow(lead.id)).nextFollowUpAt).toBeNull();
  });

  it('refuses a status move the state machine does not allow, and writes nothing', async () => {
    const lead = await newLead();
    const before = await snapshot(lead.id);
    expect(await changeStatus(db, { leadId: lead.id, version: lead.version, to: 'became_patient' }, as(alice))).toEqual({
      ok: false,
      code: 'refused',
      field: 'to',
      message: 'A lead cannot move from New to Became a patient',
    });
    expect(await changeStatus(db, { leadId: lead.id, version: lead.version, to: 'new' }, as(alice))).toMatchObject({ ok: false, code: 'refused' });
    expect(await snapshot(lead.id)).toEqual(before);
  });

  it('records a status move with from and to', async () => {
    const lead = await newLead();
    await changeStatus(db, { leadId: lead.id, version: lead.version, to: 'not_a_fit' }, as(bob));
    const [entry] = (await activities(lead.id)).filter((a) => a.type === 'status_changed' && a.actorType === 'staff');
    expect(entry).toMatchObject({ actorStaffId: bob.id, payload: { from: 'new', to: 'not_a_fit' } });
    const [audit] = await audits(lead.id);
    expect(audit!.detail).toEqual({ change: 'status', from: 'new', to: 'not_a_fit' });
    // Closed: the request's "call now" is no longer due.
    expect((await leadRow(lead.id)).nextFollowUpAt).toBeNull();
  });

  it('assigns to active staff only, and unassigns', async () => {
    const lead = await newLead();
    expect(await assignLead(db, { leadId: lead.id, version: lead.version, assignee: disabled.id }, as(alice))).toMatchObject({ ok: false, code: 'refused', field: 'assignee' });
    expect(await assignLead(db, { leadId: lead.id, version: lead.version, assignee: bob.id }, as(alice))).toMatchObject({ ok: true });
    expect((await leadRow(lead.id)).assignedToId).toBe(bob.id);
    expect(await assignLead(db, { leadId: lead.id, version: lead.version + 1, assignee: bob.id }, as(alice))).toMatchObject({ ok: false, code: 'refused' });
    expect(await assignLead(db, { leadId: lead.id, version: lead.version + 1, assignee: null }, as(alice))).toMatchObject({ ok: true });
    expect((await leadRow(lead.id)).assignedToId).toBeNull();
    const entries = (await activities(lead.id)).filter((a) => a.type === 'assigned').map((a) => a.payload);
    expect(entries).toEqual(expect.arrayContaining([{ from: null, to: bob.id }, { from: bob.id, to: null }]));
  });
});

describe('speed to lead', () => {
  it('sets first_contacted_at at the first call, and never moves it again', async () => {
    const lead = await newLead();
    expect(lead.firstContactedAt).toBeNull();
    await addNote(db, { leadId: lead.id, version: lead.version, body: 'A note is not a contact' }, as(alice));
    expect((await leadRow(lead.id)).firstContactedAt).toBeNull();
    await logCall(db, { leadId: lead.id, version: lead.version + 1, outcome: 'voicemail' }, as(alice, later(5)));
    expect((await leadRow(lead.id)).firstContactedAt).toEqual(later(5));
    await sendTemplatedEmail(db, { leadId: lead.id, version: lead.version + 2, template: 'contact-attempt' }, as(bob, later(10)));
    await changeStatus(db, { leadId: lead.id, version: lead.version + 3, to: 'contacted' }, as(bob, later(15)));
    expect((await leadRow(lead.id)).firstContactedAt).toEqual(later(5));
  });

  it('an email or a status move can be the first contact too', async () => {
    const byEmail = await newLead();
    await sendTemplatedEmail(db, { leadId: byEmail.id, version: byEmail.version, template: 'contact-attempt' }, as(alice, later(3)));
    expect((await leadRow(byEmail.id)).firstContactedAt).toEqual(later(3));
    const byStatus = await newLead();
    await changeStatus(db, { leadId: byStatus.id, version: byStatus.version, to: 'no_response' }, as(alice, later(4)));
    expect((await leadRow(byStatus.id)).firstContactedAt).toEqual(later(4));
  });
});

describe('templated emails', () => {
  it('queues the email with the person’s first name and reference, shown on the timeline as sent by staff', async () => {
    const lead = await newLead();
    const result = await sendTemplatedEmail(db, { leadId: lead.id, version: lead.version, template: 'contact-attempt' }, as(alice));
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [request] = await db.select().from(t.consultationRequests).where(eq(t.consultationRequests.leadId, lead.id));
    const [message] = await db.select().from(t.emailMessages).where(eq(t.emailMessages.id, result.data.emailId));
    expect(message).toMatchObject({ template: 'contact-attempt', toAddress: lead.email, status: 'pending', props: { firstName: lead.firstName, reference: request!.reference } });
    const [entry] = (await activities(lead.id)).filter((a) => a.type === 'email_queued' && a.payload.emailId === result.data.emailId);
    expect(entry).toMatchObject({ actorType: 'staff', actorStaffId: alice.id });
    const [audit] = await audits(lead.id);
    expect(audit).toMatchObject({ action: 'email_sent_by_staff', detail: { change: 'email', template: 'contact-attempt', emailId: result.data.emailId } });
  });

  it('refuses a person with no email, one whose email bounced, and a follow-up to someone who unsubscribed', async () => {
    const [noEmail] = await db.insert(t.leads).values(buildLead({ email: null, emailNormalized: null })).returning();
    expect(await sendTemplatedEmail(db, { leadId: noEmail!.id, version: 1, template: 'contact-attempt' }, as(alice))).toMatchObject({ ok: false, code: 'refused', message: EMAIL_REFUSALS.noEmail });

    const bounced = await newLead();
    await db.update(t.leads).set({ emailUndeliverable: true }).where(eq(t.leads.id, bounced.id));
    expect(await sendTemplatedEmail(db, { leadId: bounced.id, version: bounced.version, template: 'contact-attempt' }, as(alice))).toMatchObject({ ok: false, message: 'Email bounced — call instead' });

    const gone = await newLead();
    await unsubscribe(db, gone.email!, now);
    const before = await snapshot(gone.id);
    expect(await sendTemplatedEmail(db, { leadId: gone.id, version: gone.version, template: 'request-follow-up' }, as(alice))).toMatchObject({ ok: false, message: EMAIL_REFUSALS.unsubscribed, field: 'template' });
    expect(await snapshot(gone.id)).toEqual(before);
    // "We tried to reach you" is about their own request, not marketing: it still goes.
    expect(await sendTemplatedEmail(db, { leadId: gone.id, version: gone.version, template: 'contact-attempt' }, as(alice))).toMatchObject({ ok: true });
  });

  it('a follow-up carries the booking link', async () => {
    const lead = await newLead();
    const result = await sendTemplatedEmail(db, { leadId: lead.id, version: lead.version, template: 'request-follow-up' }, as(alice));
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [message] = await db.select().from(t.emailMessages).where(eq(t.emailMessages.id, result.data.emailId));
    expect(message).toMatchObject({ category: 'follow_up', props: { bookAgainUrl: expect.stringMatching(/\/consult$/) } });
  });
});

describe('booking for a patient', () => {
  it('books a free slot as staff, moves the lead to scheduled, and queues the confirmation and the reminder exactly as the public form does', async () => {
    const lead = await newLead();
    const slot = (await openSlots(db, now))[2]!;
    const result = await bookForLead(db, { leadId: lead.id, version: lead.version, start: slot.start }, as(alice));
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.appointment).toMatchObject({ startsAt: slot.start, endsAt: slot.end, status: 'booked', bookedByType: 'staff', bookedByStaffId: alice.id });
    const after = await leadRow(lead.id);
    expect(after).toMatchObject({ status: 'scheduled', firstContactedAt: now, nextFollowUpAt: null, version: lead.version + 1 });
    const mail = (await emails(lead.id)).filter((e) => e.appointmentId === result.appointment.id);
    expect(mail.map((e) => e.template).sort()).toEqual(['appointment-reminder', 'booking-confirmed']);
    const confirm = mail.find((e) => e.template === 'booking-confirmed')!;
    const reminder = mail.find((e) => e.template === 'appointment-reminder')!;
    expect(confirm).toMatchObject({ toAddress: lead.email, status: 'pending', sendAfter: now });
    expect(confirm.props).toMatchObject({ firstName: lead.firstName, startsAt: slot.start.toISOString(), clinicTimeZone: 'America/Los_Angeles', manageUrl: expect.stringContaining('/consult/manage/') });
    expect(reminder).toMatchObject({ sendAfter: new Date(slot.start.getTime() - 24 * 3_600_000), dedupeKey: `reminder:${result.appointment.id}` });
    const types = (await activities(lead.id)).filter((a) => a.actorType === 'staff').map((a) => a.type).sort();
    expect(types).toEqual(['appointment_booked', 'status_changed']);
    const [audit] = await audits(lead.id);
    expect(audit!.detail).toEqual({ change: 'appointment_booked', appointmentId: result.appointment.id });
  });

  it('of two staff booking one slot at once for two people, exactly one wins; the other is told it was taken and offered the nearest times', async () => {
    const [one, two] = [await newLead(), await newLead()];
    const slot = (await openSlots(db, now))[6]!;
    const results = await Promise.all([
      bookForLead(db, { leadId: one.id, version: one.version, start: slot.start }, as(alice)),
      bookForLead(db, { leadId: two.id, version: two.version, start: slot.start }, as(bob)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    // Which way it loses depends on timing, and both are right: its read already saw the winner's booking
    // (slot_unavailable), or both read a free slot and the database's exclusion constraint refused it (slot_taken).
    expect(loser).toMatchObject({ ok: false, code: expect.stringMatching(/^slot_(taken|unavailable)$/) });
    const alternatives = (loser as { alternatives: { start: Date }[] }).alternatives;
    expect(alternatives).toHaveLength(3);
    expect(alternatives.map((a) => a.start.getTime())).not.toContain(slot.start.getTime());
    const booked = await db.select().from(t.appointments).where(and(eq(t.appointments.startsAt, slot.start), eq(t.appointments.status, 'booked')));
    expect(booked).toHaveLength(1);
    // The loser's lead is untouched: no version bump, no status move, no emails.
    const loserLead = results[0]!.ok ? two : one;
    expect(await snapshot(loserLead.id)).toMatchObject({ lead: { version: loserLead.version, status: 'new' }, counts: { appointments: 0 } });
  });

  it('refuses a time that is not offered (too soon) without writing anything', async () => {
    const lead = await newLead();
    const before = await snapshot(lead.id);
    const result = await bookForLead(db, { leadId: lead.id, version: lead.version, start: later(60) }, as(alice));
    expect(result).toMatchObject({ ok: false, code: 'slot_unavailable' });
    expect(await snapshot(lead.id)).toEqual(before);
  });

  it('moves an appointment: the old reminder is cancelled, the move is confirmed and a new reminder queued', async () => {
    const lead = await newLead();
    const slots = await openSlots(db, now);
    const booked = await bookForLead(db, { leadId: lead.id, version: lead.version, start: slots[10]!.start }, as(alice));
    if (!booked.ok) throw new Error(JSON.stringify(booked));
    const moved = await rescheduleForLead(db, { leadId: lead.id, version: lead.version + 1, appointmentId: booked.appointment.id, start: slots[12]!.start }, as(bob));
    if (!moved.ok) throw new Error(JSON.stringify(moved));
    expect(moved.appointment.startsAt).toEqual(slots[12]!.start);
    const statuses = (await emails(lead.id)).filter((e) => e.appointmentId === booked.appointment.id).map((e) => `${e.template}:${e.status}`).sort();
    expect(statuses).toEqual([
      'appointment-reminder:cancelled',
      'appointment-reminder:pending',
      'booking-confirmed:cancelled',
      'booking-rescheduled:pending',
    ]);
    const entry = (await activities(lead.id)).find((a) => a.type === 'appointment_rescheduled');
    expect(entry).toMatchObject({ actorType: 'staff', actorStaffId: bob.id });
    expect((await leadRow(lead.id)).version).toBe(lead.version + 2);
  });

  it('moving onto a time someone else already has is refused with the nearest free times, and nothing changes', async () => {
    const [lead, other] = [await newLead(), await newLead()];
    const slots = await openSlots(db, now);
    const mine = await bookForLead(db, { leadId: lead.id, version: lead.version, start: slots[14]!.start }, as(alice));
    const theirs = await bookForLead(db, { leadId: other.id, version: other.version, start: slots[15]!.start }, as(alice));
    if (!mine.ok || !theirs.ok) throw new Error('setup');
    const before = await snapshot(lead.id);
    const result = await rescheduleForLead(db, { leadId: lead.id, version: lead.version + 1, appointmentId: mine.appointment.id, start: slots[15]!.start }, as(bob));
    // Already booked when the move was checked, so the service says "not available" (a race ends as slot_taken).
    expect(result).toMatchObject({ ok: false, code: 'slot_unavailable' });
    expect((result as { alternatives: unknown[] }).alternatives.length).toBeGreaterThan(0);
    expect(await snapshot(lead.id)).toEqual(before);
  });

  it('cancels an appointment: the pending reminder is cancelled, the patient told, and the lead is back to contacted for a call', async () => {
    const lead = await newLead();
    const slot = (await openSlots(db, now))[18]!;
    const booked = await bookForLead(db, { leadId: lead.id, version: lead.version, start: slot.start }, as(alice));
    if (!booked.ok) throw new Error(JSON.stringify(booked));
    const result = await cancelForLead(db, { leadId: lead.id, version: lead.version + 1, appointmentId: booked.appointment.id, reason: 'Patient asked' }, as(alice, later(1)));
    expect(result).toMatchObject({ ok: true, appointment: { status: 'cancelled', cancelReason: 'Patient asked' } });
    const mail = await emails(lead.id);
    expect(mail.find((e) => e.template === 'appointment-reminder')!.status).toBe('cancelled');
    expect(mail.find((e) => e.template === 'booking-cancelled')).toMatchObject({ status: 'pending', toAddress: lead.email });
    expect(await leadRow(lead.id)).toMatchObject({ status: 'contacted', nextFollowUpAt: later(1) });
    expect((await openSlots(db, later(1))).map((s) => s.start.getTime())).toContain(slot.start.getTime());
    const [audit] = (await audits(lead.id)).slice(-1);
    expect(audit!.detail).toEqual({ change: 'appointment_cancelled', appointmentId: booked.appointment.id });
  });

  it('cannot touch another person’s appointment from this person’s page', async () => {
    const [lead, other] = [await newLead(), await newLead()];
    const theirs = await bookForLead(db, { leadId: other.id, version: other.version, start: (await openSlots(db, now))[20]!.start }, as(alice));
    if (!theirs.ok) throw new Error('setup');
    const result = await cancelForLead(db, { leadId: lead.id, version: lead.version, appointmentId: theirs.appointment.id }, as(alice));
    expect(result).toMatchObject({ ok: false, code: 'refused' });
    const [appointment] = await db.select().from(t.appointments).where(eq(t.appointments.id, theirs.appointment.id));
    expect(appointment!.status).toBe('booked');
  });

  it('offers the free slots grouped by day in the clinic’s zone', async () => {
    const days = await staffSlotDays(db, now, 'America/Los_Angeles');
    expect(days?.[0]).toMatchObject({ dayKey: '2026-12-02', label: 'Wednesday 2 December 2026' });
  });
});

describe('the lead page’s data', () => {
  it('has one timeline, newest first, with each email’s status and who did what', async () => {
    const lead = await newLead();
    await addNote(db, { leadId: lead.id, version: lead.version, body: 'First' }, as(alice, later(1)));
    await sendTemplatedEmail(db, { leadId: lead.id, version: lead.version + 1, template: 'contact-attempt' }, as(bob, later(2)));
    const detail = await getLeadDetail(db, lead.id);
    if (!detail || isErased(detail)) throw new Error('expected a lead');
    expect(detail.timeline.map((e) => e.type)).toEqual(['email_queued', 'note_added', 'email_queued', 'request_submitted']);
    expect(detail.timeline[0]).toMatchObject({ actorName: 'Bob Desk' });
    const emailId = detail.timeline[0]!.payload.emailId as string;
    expect(detail.emails.get(emailId)).toMatchObject({ template: 'contact-attempt', status: 'pending' });
    expect(detail.requests).toHaveLength(1);
    expect(detail.staff.map((s) => s.name)).not.toContain('Gone Away');
  });
});

describe('the lead page’s one load (loadLeadPage)', () => {
  const load = (leadId: string, viewer: t.StaffUser, role: 'staff' | 'admin' = 'staff', at = now) =>
    loadLeadPage(db, { leadId, viewer: { id: viewer.id, role }, now: at, timeZone: 'America/Los_Angeles', meta });
  const views = async (leadId: string) => (await audits(leadId)).filter((a) => a.action === 'lead_viewed');

  it('returns everything the page shows and writes the view to the audit log', async () => {
    const lead = await newLead();
    const slots = await openSlots(db, now);
    const kept = await bookForLead(db, { leadId: lead.id, version: lead.version, start: slots[5]!.start }, as(alice));
    if (!kept.ok) throw new Error('booking refused');
    const gone = await bookForLead(db, { leadId: lead.id, version: lead.version + 1, start: slots[0]!.start }, as(alice));
    if (!gone.ok) throw new Error('booking refused');
    const cancelled = await cancelForLead(db, { leadId: lead.id, version: lead.version + 2, appointmentId: gone.appointment.id }, as(alice));
    expect(cancelled.ok).toBe(true);

    const page = await load(lead.id, bob);
    if (!page || isErased(page)) throw new Error('expected a lead');
    expect(page.upcoming.map((a) => a.id)).toEqual([kept.appointment.id]);
    expect(page.past.map((a) => a.id)).toEqual([gone.appointment.id]);
    expect(page.slotDays?.[0]?.slots[0]).toMatchObject({ value: expect.stringMatching(/Z$/), label: expect.stringMatching(/ Pacific$/) });
    expect(page.emailBlocked).toBeNull();
    expect(page.may).toEqual({ write: true, export: false, erase: false });
    expect(await views(lead.id)).toEqual([expect.objectContaining({ actorStaffId: bob.id, at: now })]);

    const asAdmin = await load(lead.id, alice, 'admin', later(5));
    expect(asAdmin && !isErased(asAdmin) && asAdmin.may).toEqual({ write: true, export: true, erase: true });
    expect(await views(lead.id)).toHaveLength(2);
  });

  it('gathers each warning sign once, however many requests reported it', async () => {
    const email = `returning.${Date.now()}@example.com`;
    const first = await newLead({ email, fever: 'yes' });
    await newLead({ email, fever: 'yes', leg_weakness: 'not_sure' });
    const page = await load(first.id, bob);
    if (!page || isErased(page)) throw new Error('expected a lead');
    expect(page.requests).toHaveLength(2);
    expect(page.urgentFlags.sort()).toEqual(['fever', 'leg_weakness']);
  });

  it('says when no email can go (no address), and shows an erased person as erased, still audited', async () => {
    const [noEmail] = await db.insert(t.leads).values(buildLead({ email: null, emailNormalized: null })).returning();
    const page = await load(noEmail!.id, bob);
    expect(page && !isErased(page) && page.emailBlocked).toBe(EMAIL_REFUSALS.noEmail);

    const [erased] = await db.insert(t.leads).values(buildLead({ erasedAt: now, email: null, emailNormalized: null })).returning();
    expect(await load(erased!.id, bob)).toEqual({ erased: true, erasedAt: now });
    expect(await views(erased!.id)).toHaveLength(1);
  });

  it('finds nothing, and audits nothing, for an unknown or malformed id', async () => {
    expect(await load('00000000-0000-4000-8000-00000000ffff', bob)).toBeNull();
    expect(await load('not-a-uuid', bob)).toBeNull();
    expect(await views('00000000-0000-4000-8000-00000000ffff')).toEqual([]);
  });
});
