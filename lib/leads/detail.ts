// Everything about one lead for its page: contact and consent, requests with their answers, appointments,
// the one timeline (with who did each thing and each email's delivery status), open tasks, and the
// staff who can be assigned. loadLeadPage is the page's one load: these reads, the free times to book,
// what the viewer may do, and the view written to the audit log.
import { asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import {
  appointments,
  callLogs,
  consultationRequests,
  emailMessages,
  leadActivities,
  leads,
  providers,
  staffUsers,
  type Appointment,
  type CallLog,
  type ConsultationRequest,
  type Lead,
  type LeadActivity,
} from '@/db/schema';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import { can, type Role } from '@/lib/auth/permissions';
import { staffSlotDays, type SlotDay } from '@/lib/booking/staff';
import { slotChoiceWords } from '@/lib/booking/time-words';
import type { EmailStatus } from '@/lib/email/staff-view';
import { isUuid } from '@/lib/ids';
import { emailRefusal, isUnsubscribed } from './staff-actions';
import { listOpenTasksForLead, type TaskRow } from './tasks';

export type TimelineEntry = LeadActivity & { actorName: string | null };
export type EmailSummary = { id: string; template: string; status: EmailStatus; toAddress: string; createdAt: Date; sendAfter: Date };
export type StaffOption = { id: string; name: string };

export type LeadDetail = {
  lead: Lead & { assignedToName: string | null };
  requests: ConsultationRequest[];
  appointments: (Appointment & { providerName: string })[];
  timeline: TimelineEntry[];
  emails: Map<string, EmailSummary>;
  calls: Map<string, CallLog>;
  openTasks: TaskRow[];
  staff: StaffOption[];
  /** Every staff member ever named on this lead (timeline "assigned to", disabled accounts too). */
  staffNames: Map<string, string>;
  unsubscribed: boolean;
};

/** The erased marker alone: an erased person's page shows when, and nothing else. */
export type ErasedLead = { erased: true; erasedAt: Date };

const TIMELINE_LIMIT = 500;

export async function getLeadDetail(db: Executor, leadId: string): Promise<LeadDetail | ErasedLead | null> {
  const assignee = alias(staffUsers, 'assignee');
  const [row] = await db
    .select({ lead: leads, assignedToName: assignee.name })
    .from(leads)
    .leftJoin(assignee, eq(assignee.id, leads.assignedToId))
    .where(eq(leads.id, leadId));
  if (!row) return null;
  if (row.lead.erasedAt) return { erased: true, erasedAt: row.lead.erasedAt };

  const [requests, appts, timeline, emails, calls, openTasks, staff, unsubscribed] = await Promise.all([
    db.select().from(consultationRequests).where(eq(consultationRequests.leadId, leadId)).orderBy(desc(consultationRequests.submittedAt)),
    db
      .select({ appointment: appointments, providerName: providers.name })
      .from(appointments)
      .innerJoin(providers, eq(providers.id, appointments.providerId))
      .where(eq(appointments.leadId, leadId))
      .orderBy(desc(appointments.startsAt)),
    db
      .select({ activity: leadActivities, actorName: staffUsers.name })
      .from(leadActivities)
      .leftJoin(staffUsers, eq(staffUsers.id, leadActivities.actorStaffId))
      .where(eq(leadActivities.leadId, leadId))
      .orderBy(desc(leadActivities.occurredAt))
      .limit(TIMELINE_LIMIT),
    db
      .select({
        id: emailMessages.id,
        template: emailMessages.template,
        status: emailMessages.status,
        toAddress: emailMessages.toAddress,
        createdAt: emailMessages.createdAt,
        sendAfter: emailMessages.sendAfter,
      })
      .from(emailMessages)
      .where(eq(emailMessages.leadId, leadId)),
    db.select().from(callLogs).where(eq(callLogs.leadId, leadId)),
    listOpenTasksForLead(db, leadId),
    db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(isNull(staffUsers.disabledAt)).orderBy(asc(staffUsers.name)),
    isUnsubscribed(db, row.lead.email),
  ]);

  const namedIds = new Set<string>();
  for (const { activity } of timeline) {
    for (const key of ['from', 'to', 'assignedToId'] as const) {
      const value = activity.payload[key];
      if (activity.type !== 'status_changed' && isUuid(value)) namedIds.add(value);
    }
  }
  const named = namedIds.size
    ? await db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(inArray(staffUsers.id, [...namedIds]))
    : [];

  return {
    lead: { ...row.lead, assignedToName: row.assignedToName },
    requests,
    appointments: appts.map((a) => ({ ...a.appointment, providerName: a.providerName })),
    timeline: timeline.map((t) => ({ ...t.activity, actorName: t.actorName })).sort(newestFirst),
    emails: new Map(emails.map((e) => [e.id, e])),
    calls: new Map(calls.map((c) => [c.id, c])),
    openTasks,
    staff,
    staffNames: new Map([...staff, ...named].map((s) => [s.id, s.name])),
    unsubscribed,
  };
}

/** A day of free times as the booking form lists them: each time's value is its instant. */
export type SlotDayOption = { key: string; label: string; slots: { value: string; label: string }[] };

export type LeadPageData = LeadDetail & {
  /** Free times to book or move to, by day; null when none can be offered (no bookable provider). */
  slotDays: SlotDayOption[] | null;
  /** Booked and still ahead, soonest first: the ones staff can move or cancel. */
  upcoming: LeadDetail['appointments'];
  /** Past, cancelled or recorded, newest first. */
  past: LeadDetail['appointments'];
  /** Every warning sign reported across the person's requests, once each. */
  urgentFlags: string[];
  /** Why no templated email can go at all (no address, bounced), or null. */
  emailBlocked: string | null;
  may: { write: boolean; export: boolean; erase: boolean };
};

/**
 * One person's page: their record (or that it was erased, or null when there is no such lead), the free
 * times to book, and what the viewer may do. Every view of a person's record is on the audit trail, whoever
 * looks and however often; it is written last, so a read retried after a dropped connection does not count
 * the view again (only a connection lost between the audit row's commit and its answer does).
 */
export async function loadLeadPage(
  db: Executor,
  args: { leadId: string; viewer: { id: string; role: Role }; now: Date; timeZone: string; meta: RequestMeta },
): Promise<LeadPageData | ErasedLead | null> {
  const { leadId, viewer, now, timeZone } = args;
  if (!isUuid(leadId)) return null;
  // The free times do not depend on the person: read them beside the record rather than after it.
  const [detail, days] = await Promise.all([getLeadDetail(db, leadId), staffSlotDays(db, now, timeZone)]);
  if (!detail) return null;
  const page = isErased(detail) ? detail : withPageData(detail, days, viewer.role, now, timeZone);
  await writeAudit(db, { actorStaffId: viewer.id, action: 'lead_viewed', entityType: 'lead', entityId: leadId, meta: args.meta, at: now });
  return page;
}

function withPageData(detail: LeadDetail, days: SlotDay[] | null, role: Role, now: Date, timeZone: string): LeadPageData {
  return {
    ...detail,
    slotDays: days
      ? days.map((d) => ({ key: d.dayKey, label: d.label, slots: d.slots.map((s) => ({ value: s.start.toISOString(), label: slotChoiceWords(s.start, { clinic: timeZone }).label })) }))
      : null,
    upcoming: detail.appointments.filter((a) => isUpcoming(a, now)).reverse(),
    past: detail.appointments.filter((a) => !isUpcoming(a, now)),
    urgentFlags: [...new Set(detail.requests.filter((r) => r.hasRedFlags).flatMap((r) => r.redFlags))],
    emailBlocked: emailRefusal(detail.lead, 'contact-attempt', false),
    may: { write: can(role, 'leads.write'), export: can(role, 'leads.export'), erase: can(role, 'leads.erase') },
  };
}

export function isErased(detail: LeadDetail | ErasedLead): detail is ErasedLead {
  return 'erased' in detail;
}

/** Whether an appointment is still ahead and booked (the ones staff can move or cancel). */
export function isUpcoming(appointment: Pick<Appointment, 'status' | 'startsAt'>, now: Date): boolean {
  return appointment.status === 'booked' && appointment.startsAt > now;
}

// Entries written in one transaction share a time and have random ids: within a tie the cause goes
// below its effects (a request, then its booking, then the status move, then the emails it queued).
const WRITE_ORDER: Partial<Record<LeadActivity['type'], number>> = {
  request_submitted: 0,
  appointment_booked: 2,
  appointment_rescheduled: 2,
  appointment_cancelled: 2,
  task_completed: 2,
  status_changed: 3,
  urgency_changed: 3,
  task_created: 4,
  email_queued: 5,
};
const writeRank = (type: LeadActivity['type']) => WRITE_ORDER[type] ?? 1;

function newestFirst(a: TimelineEntry, b: TimelineEntry): number {
  return b.occurredAt.getTime() - a.occurredAt.getTime() || writeRank(b.type) - writeRank(a.type);
}
