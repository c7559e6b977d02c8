// The frame of every staff change to a lead: one transaction that first claims the lead at the version
// the form was rendered with (optimistic concurrency), then makes the change, its timeline entry and its
// audit entry. A refused or failed step throws, so nothing of the change is left half-written.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { leads, type Lead } from '@/db/schema';
import { writeAudit, type AuditAction, type RequestMeta } from '@/lib/audit/log';
import { withoutQueryValues } from '@/db/errors';

/** Who is acting, from where, and when: passed in, never read from a request here. */
export type StaffContext = { staffId: string; meta: RequestMeta; now: Date };

export type LeadChangeFailure =
  | { ok: false; code: 'conflict' | 'not_found' | 'erased' }
  /** The change is not allowed as asked; `field` names the form field to show the message on. */
  | { ok: false; code: 'refused'; message: string; field?: string };

export type LeadChangeResult<T> = { ok: true; data: T } | LeadChangeFailure;

/** Thrown inside a change's transaction to roll it back and answer with `failure`. */
export class LeadChangeError extends Error {
  constructor(readonly failure: LeadChangeFailure) {
    super(failure.code);
    this.name = 'LeadChangeError';
  }
}

export const refuse = (message: string, field?: string): never => {
  throw new LeadChangeError({ ok: false, code: 'refused', message, ...(field ? { field } : {}) });
};

/**
 * Bumps the lead's version if it is still `version` and returns the lead as it was before this change
 * (with the new version). The UPDATE takes the row lock, so of two editors holding the same version the
 * second waits, then finds the version moved on and is refused: nobody overwrites anybody silently.
 */
export async function claimLead(tx: Executor, leadId: string, version: number | undefined, now: Date): Promise<Lead> {
  // Without a version (the tasks page has no form of the lead) it is still bumped, so open lead pages learn of the change.
  const sameVersion = version === undefined ? undefined : eq(leads.version, version);
  const [claimed] = await tx
    .update(leads)
    .set({ version: sql`${leads.version} + 1`, updatedAt: now })
    .where(and(eq(leads.id, leadId), sameVersion, isNull(leads.erasedAt)))
    .returning();
  if (claimed) return claimed;
  const [existing] = await tx.select({ erasedAt: leads.erasedAt }).from(leads).where(eq(leads.id, leadId));
  throw new LeadChangeError({ ok: false, code: !existing ? 'not_found' : existing.erasedAt ? 'erased' : 'conflict' });
}

export type LeadChange<T> = {
  leadId: string;
  /** The version the form was rendered with; undefined only where no form of the lead is involved. */
  version: number | undefined;
  /** Written to the audit entry's detail.change: what kind of change this was. */
  change: string;
  action?: AuditAction;
  run: (tx: Executor, lead: Lead) => Promise<{ data: T; auditDetail?: Record<string, unknown> }>;
};

/** Runs one change to a lead in one transaction, with its audit entry; refusals come back as results. */
export async function changeLead<T>(db: Database, ctx: StaffContext, change: LeadChange<T>): Promise<LeadChangeResult<T>> {
  try {
    const data = await db.transaction(async (tx) => {
      const lead = await claimLead(tx, change.leadId, change.version, ctx.now);
      const { data, auditDetail } = await change.run(tx, lead);
      await writeAudit(tx, {
        actorStaffId: ctx.staffId,
        action: change.action ?? 'lead_updated',
        entityType: 'lead',
        entityId: change.leadId,
        detail: { change: change.change, ...auditDetail },
        meta: ctx.meta,
        at: ctx.now,
      });
      return data;
    });
    return { ok: true, data };
  } catch (error) {
    if (error instanceof LeadChangeError) return error.failure;
    // Drizzle's message carries the query's parameters (notes, names): never let them reach a log.
    throw withoutQueryValues('changeLead', error);
  }
}

/** Speed to lead: the first call, email or status move by staff stops the clock, once. */
export async function markFirstContact(tx: Executor, lead: Lead, now: Date): Promise<void> {
  if (lead.firstContactedAt) return;
  await tx
    .update(leads)
    .set({ firstContactedAt: now })
    .where(and(eq(leads.id, lead.id), isNull(leads.firstContactedAt)));
}
