// Moving leads to a new status by staff, one lead from its page or many from the inbox: the status, what
// follows from it (a first contact, a closed lead's follow-up date) and one timeline entry per lead.
import { inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { followUpTasks, leads } from '@/db/schema';
import { recordActivity } from '@/lib/timeline/write';
import { CLOSED_STATUSES, isContactMove, type LeadStatus } from './status';

type MovingLead = { id: string; status: LeadStatus };

/**
 * Moves each lead (already checked with canMove) to `to` in one statement. `also` is set with it (the bulk
 * change bumps versions here; a change from the lead's page has already claimed its lead).
 */
export async function moveLeadsToStatus(
  tx: Executor,
  moving: readonly MovingLead[],
  to: LeadStatus,
  ctx: { staffId: string; now: Date },
  detail: { reason?: string; bulk?: true } = {},
  also: PgUpdateSetSource<typeof leads> = {},
): Promise<void> {
  if (moving.length === 0) return;
  await tx
    .update(leads)
    .set({
      ...also,
      status: to,
      // Speed to lead: a status move by staff is a first contact when there was none.
      ...(isContactMove(to) ? { firstContactedAt: sql`coalesce(${leads.firstContactedAt}, ${ctx.now.toISOString()}::timestamptz)` } : {}),
      // A closed lead waits for nobody's call: only its open tasks (if any) keep a follow-up date.
      ...(CLOSED_STATUSES.includes(to)
        ? {
            nextFollowUpAt: sql`(select min(${followUpTasks.dueAt}) from ${followUpTasks} where ${followUpTasks.leadId} = ${leads.id} and ${followUpTasks.status} = 'open')`,
          }
        : {}),
    })
    .where(inArray(leads.id, moving.map((lead) => lead.id)));
  for (const lead of moving) {
    await recordActivity(tx, {
      leadId: lead.id,
      type: 'status_changed',
      actorType: 'staff',
      actorStaffId: ctx.staffId,
      payload: { from: lead.status, to, ...detail },
      occurredAt: ctx.now,
    });
  }
}

/** Moves one lead's status (already checked with canMove) with its timeline entry: the lead page and staff booking. */
export async function applyStatus(tx: Executor, lead: MovingLead, to: LeadStatus, ctx: { staffId: string; now: Date }, reason?: string): Promise<void> {
  await moveLeadsToStatus(tx, [lead], to, ctx, reason ? { reason } : {});
}
