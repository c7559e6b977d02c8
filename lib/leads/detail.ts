// Everything about one lead for its page: contact and consent, requests with their answers, appointments,
// the one timeline (with who did each thing and each email's delivery status), open tasks, and the
// staff who can be assigned. Reads only; the page audits the view.
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
import { isUnsubscribed } from './staff-actions';
import { listOpenTasksForLead, type TaskRow } from './tasks';

export type TimelineEntry = LeadActivity & { actorName: string | null };
export type EmailSummary = { id: string; template: string; status: string; toAddress: string; createdAt: Date; sendAfter: Date };
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
      if (activity.type !== 'status_changed' && typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value)) namedIds.add(value);
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
