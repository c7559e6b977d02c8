// What staff do to a lead from its page: notes, logged calls, status moves, assignment and templated
// emails. Each is one transaction (lib/leads/lead-change): version check, change, timeline, audit.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { callLogs, consultationRequests, emailSuppressions, leadActivities, leads, type Lead } from '@/db/schema';
import type { CALL_OUTCOMES } from '@/db/enums';
import { enqueueEmail, type STAFF_SENDABLE_TEMPLATES } from '@/lib/email/outbox';
import { appUrl } from '@/lib/env';
import { changeLead, markFirstContact, refuse, type LeadChangeResult, type StaffContext } from './lead-change';
import { STATUS_LABELS, canMove, type LeadStatus } from './status';
import { applyStatus } from './status-change';
import { assertActiveStaff, insertTask, refreshNextFollowUp } from './tasks';
import { recordActivity } from '@/lib/timeline/write';

type Versioned = { leadId: string; version: number };

export async function addNote(db: Database, input: Versioned & { body: string }, ctx: StaffContext): Promise<LeadChangeResult<null>> {
  return changeLead(db, ctx, {
    ...input,
    change: 'note',
    run: async (tx, lead) => {
      await recordActivity(tx, {
        leadId: lead.id,
        type: 'note_added',
        actorType: 'staff',
        actorStaffId: ctx.staffId,
        payload: { body: input.body },
        occurredAt: ctx.now,
      });
      return { data: null };
    },
  });
}

export type CallInput = Versioned & {
  outcome: (typeof CALL_OUTCOMES)[number];
  notes?: string;
  nextStep?: string;
  /** A follow-up task is created for this time when given. */
  dueAt?: Date;
};

export async function logCall(db: Database, input: CallInput, ctx: StaffContext): Promise<LeadChangeResult<{ callLogId: string; taskId: string | null }>> {
  return changeLead(db, ctx, {
    leadId: input.leadId,
    version: input.version,
    change: 'call',
    run: async (tx, lead) => {
      const [call] = await tx
        .insert(callLogs)
        .values({ leadId: lead.id, staffUserId: ctx.staffId, outcome: input.outcome, notes: input.notes ?? null, nextStep: input.nextStep ?? null, calledAt: ctx.now })
        .returning({ id: callLogs.id });
      await recordActivity(tx, {
        leadId: lead.id,
        type: 'call_logged',
        actorType: 'staff',
        actorStaffId: ctx.staffId,
        payload: { callLogId: call!.id, outcome: input.outcome },
        occurredAt: ctx.now,
      });
      const task = input.dueAt
        ? await insertTask(tx, lead, { title: input.nextStep ?? 'Call back', dueAt: input.dueAt, assignedToId: lead.assignedToId ?? ctx.staffId }, ctx)
        : null;
      // The call answers whatever follow-up was due; what comes next is the open tasks.
      await refreshNextFollowUp(tx, lead.id);
      await markFirstContact(tx, lead, ctx.now);
      return { data: { callLogId: call!.id, taskId: task?.id ?? null }, auditDetail: { outcome: input.outcome, ...(task ? { taskId: task.id } : {}) } };
    },
  });
}

export async function changeStatus(db: Database, input: Versioned & { to: LeadStatus }, ctx: StaffContext): Promise<LeadChangeResult<{ from: LeadStatus }>> {
  return changeLead(db, ctx, {
    leadId: input.leadId,
    version: input.version,
    change: 'status',
    run: async (tx, lead) => {
      if (!canMove(lead.status, input.to)) {
        refuse(`A lead cannot move from ${STATUS_LABELS[lead.status]} to ${STATUS_LABELS[input.to]}`, 'to');
      }
      await applyStatus(tx, lead, input.to, ctx);
      return { data: { from: lead.status }, auditDetail: { from: lead.status, to: input.to } };
    },
  });
}

export async function assignLead(db: Database, input: Versioned & { assignee: string | null }, ctx: StaffContext): Promise<LeadChangeResult<null>> {
  return changeLead(db, ctx, {
    leadId: input.leadId,
    version: input.version,
    change: 'assign',
    run: async (tx, lead) => {
      if (lead.assignedToId === input.assignee) refuse(input.assignee ? 'This person is already assigned to them' : 'Nobody is assigned to this person', 'assignee');
      if (input.assignee) await assertActiveStaff(tx, input.assignee, 'assignee');
      await tx.update(leads).set({ assignedToId: input.assignee }).where(eq(leads.id, lead.id));
      await recordActivity(tx, {
        leadId: lead.id,
        type: 'assigned',
        actorType: 'staff',
        actorStaffId: ctx.staffId,
        payload: { from: lead.assignedToId, to: input.assignee },
        occurredAt: ctx.now,
      });
      return { data: null, auditDetail: { from: lead.assignedToId, to: input.assignee } };
    },
  });
}

export type StaffTemplate = (typeof STAFF_SENDABLE_TEMPLATES)[number];

export const EMAIL_REFUSALS = {
  noEmail: 'This person has no email address. Call them instead',
  undeliverable: 'Email bounced — call instead',
  unsubscribed: 'They unsubscribed from follow-up emails. Call them, or send "We tried to reach you" instead',
} as const;

/** Why a templated email cannot go to this lead, or null when it can (pure). */
export function emailRefusal(lead: Pick<Lead, 'email' | 'emailUndeliverable'>, template: StaffTemplate, unsubscribed: boolean): string | null {
  if (!lead.email) return EMAIL_REFUSALS.noEmail;
  if (lead.emailUndeliverable) return EMAIL_REFUSALS.undeliverable;
  if (template === 'request-follow-up' && unsubscribed) return EMAIL_REFUSALS.unsubscribed;
  return null;
}

export async function isUnsubscribed(db: Executor, email: string | null): Promise<boolean> {
  if (!email) return false;
  const [row] = await db.select({ e: emailSuppressions.emailNormalized }).from(emailSuppressions).where(eq(emailSuppressions.emailNormalized, email.trim().toLowerCase()));
  return Boolean(row);
}

export async function sendTemplatedEmail(
  db: Database,
  input: Versioned & { template: StaffTemplate },
  ctx: StaffContext,
): Promise<LeadChangeResult<{ emailId: string }>> {
  return changeLead(db, ctx, {
    leadId: input.leadId,
    version: input.version,
    change: 'email',
    action: 'email_sent_by_staff',
    run: async (tx, lead) => {
      const refusal = emailRefusal(lead, input.template, await isUnsubscribed(tx, lead.email));
      if (refusal) refuse(refusal, 'template');
      const [request] = await tx
        .select({ reference: consultationRequests.reference })
        .from(consultationRequests)
        .where(eq(consultationRequests.leadId, lead.id))
        .orderBy(desc(consultationRequests.submittedAt))
        .limit(1);
      const props = {
        firstName: lead.firstName,
        ...(request ? { reference: request.reference } : {}),
        ...(input.template === 'request-follow-up' ? { bookAgainUrl: `${appUrl()}/consult` } : {}),
      };
      const emailId = await enqueueEmail(tx, { template: input.template, to: lead.email!, props, leadId: lead.id }, ctx.now);
      // The outbox records the message as the system's; this one was sent by a person, so the timeline says who.
      await tx
        .update(leadActivities)
        .set({ actorType: 'staff', actorStaffId: ctx.staffId })
        .where(and(eq(leadActivities.leadId, lead.id), eq(leadActivities.type, 'email_queued'), sql`${leadActivities.payload}->>'emailId' = ${emailId}`));
      await tx.update(leads).set({ lastActivityAt: ctx.now }).where(eq(leads.id, lead.id));
      await markFirstContact(tx, lead, ctx.now);
      return { data: { emailId }, auditDetail: { template: input.template, emailId } };
    },
  });
}
