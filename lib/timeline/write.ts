// The one writer of a lead's timeline (lead_activities): leads, booking and email all append through here.
// It sits outside lib/leads because lib/leads already imports booking and the outbox: the timeline is a
// shared record, like the audit log (lib/audit/log.ts), and every domain may write to it without a cycle.
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { leadActivities, leads, type NewLeadActivity } from '@/db/schema';

export type TimelineEntry = NewLeadActivity & { occurredAt: Date };

/** Something people or the clinic did about the lead: the entry, and the lead's last activity moves to it. */
export async function recordActivity(tx: Executor, entry: TimelineEntry): Promise<void> {
  await recordEmailEvent(tx, entry);
  await tx.update(leads).set({ lastActivityAt: entry.occurredAt }).where(eq(leads.id, entry.leadId));
}

/**
 * What the email system reports about the lead (queued, sent, delivered, bounced; an unsubscribe): on the
 * timeline for staff to read, without counting as activity on the lead.
 */
export async function recordEmailEvent(tx: Executor, entry: TimelineEntry): Promise<void> {
  await tx.insert(leadActivities).values(entry);
}
