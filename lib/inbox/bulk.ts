// Bulk changes from the inbox: assign many leads to one person, or move many to one status. Each runs
// in one transaction that locks the chosen leads, changes those the rules allow, bumps their version
// (open lead pages then refuse stale edits), writes one timeline entry per lead and one audit entry.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { leads, staffUsers } from '@/db/schema';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import { canMove, type LeadStatus } from '@/lib/leads/status';
import { moveLeadsToStatus } from '@/lib/leads/status-change';
import { recordActivity } from '@/lib/timeline/write';

/** A page holds 50; the cap keeps one transaction's locks bounded whatever is posted. */
export const BULK_MAX_LEADS = 200;

export type BulkContext = { staffId: string; meta: RequestMeta; now: Date };

export type BulkOutcome = {
  changed: number;
  skipped: number;
  /** Why leads were skipped: the move is not allowed from their status, they were already so, or they are gone (erased). */
  reasons: { notAllowed: number; unchanged: number; missing: number };
};

export type BulkResult = { ok: true; data: BulkOutcome } | { ok: false; code: 'no_leads' | 'too_many' | 'unknown_assignee' };

function checkSelection(leadIds: readonly string[]): { ok: true; ids: string[] } | { ok: false; code: 'no_leads' | 'too_many' } {
  const ids = [...new Set(leadIds.map((id) => id.toLowerCase()))];
  if (ids.length === 0) return { ok: false, code: 'no_leads' };
  if (ids.length > BULK_MAX_LEADS) return { ok: false, code: 'too_many' };
  return { ok: true, ids };
}

/** The chosen leads that still exist and are not erased, locked for this transaction (in id order: no deadlocks). */
function lockLeads(tx: Executor, ids: string[]) {
  return tx
    .select({ id: leads.id, status: leads.status, assignedToId: leads.assignedToId })
    .from(leads)
    .where(and(inArray(leads.id, ids), isNull(leads.erasedAt)))
    .orderBy(asc(leads.id))
    .for('update');
}

/** Moves each chosen lead to `to` where the state machine allows it from its current status; skips the rest. */
export async function bulkChangeStatus(db: Database, input: { leadIds: readonly string[]; to: LeadStatus }, ctx: BulkContext): Promise<BulkResult> {
  const selection = checkSelection(input.leadIds);
  if (!selection.ok) return selection;
  const { to } = input;
  const data = await db.transaction(async (tx) => {
    const locked = await lockLeads(tx, selection.ids);
    const moving = locked.filter((lead) => canMove(lead.status, to));
    const unchanged = locked.filter((lead) => lead.status === to).length;
    const reasons = { notAllowed: locked.length - moving.length - unchanged, unchanged, missing: selection.ids.length - locked.length };
    const movingIds = moving.map((lead) => lead.id);
    // The version moves on, so open lead pages refuse their now stale edits.
    await moveLeadsToStatus(tx, moving, to, ctx, { bulk: true }, { version: sql`${leads.version} + 1`, updatedAt: ctx.now });
    const outcome: BulkOutcome = { changed: movingIds.length, skipped: selection.ids.length - movingIds.length, reasons };
    await writeAudit(tx, {
      actorStaffId: ctx.staffId,
      action: 'leads_bulk_updated',
      entityType: 'lead',
      detail: { change: 'status', to, leadIds: movingIds, ...outcome },
      meta: ctx.meta,
      at: ctx.now,
    });
    return outcome;
  });
  return { ok: true, data };
}

/** Assigns each chosen lead to one active member of staff (or to nobody); leads already theirs are skipped. */
export async function bulkAssign(db: Database, input: { leadIds: readonly string[]; assigneeId: string | null }, ctx: BulkContext): Promise<BulkResult> {
  const selection = checkSelection(input.leadIds);
  if (!selection.ok) return selection;
  const assigneeId = input.assigneeId?.toLowerCase() ?? null;
  return db.transaction(async (tx): Promise<BulkResult> => {
    if (assigneeId) {
      const [assignee] = await tx.select({ disabledAt: staffUsers.disabledAt }).from(staffUsers).where(eq(staffUsers.id, assigneeId));
      if (!assignee || assignee.disabledAt) return { ok: false, code: 'unknown_assignee' };
    }
    const locked = await lockLeads(tx, selection.ids);
    const moving = locked.filter((lead) => lead.assignedToId !== assigneeId);
    const movingIds = moving.map((lead) => lead.id);
    if (movingIds.length) {
      await tx
        .update(leads)
        .set({ assignedToId: assigneeId, version: sql`${leads.version} + 1`, updatedAt: ctx.now })
        .where(inArray(leads.id, movingIds));
      for (const lead of moving) {
        await recordActivity(tx, {
          leadId: lead.id,
          type: 'assigned',
          actorType: 'staff',
          actorStaffId: ctx.staffId,
          payload: { from: lead.assignedToId, to: assigneeId, bulk: true },
          occurredAt: ctx.now,
        });
      }
    }
    const reasons = { notAllowed: 0, unchanged: locked.length - moving.length, missing: selection.ids.length - locked.length };
    const outcome: BulkOutcome = { changed: movingIds.length, skipped: selection.ids.length - movingIds.length, reasons };
    await writeAudit(tx, {
      actorStaffId: ctx.staffId,
      action: 'leads_bulk_updated',
      entityType: 'lead',
      detail: { change: 'assign', to: assigneeId, leadIds: movingIds, ...outcome },
      meta: ctx.meta,
      at: ctx.now,
    });
    return { ok: true, data: outcome };
  });
}
