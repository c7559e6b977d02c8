// Writing to a lead's timeline (lead_activities): every change to a lead goes through here.
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { leadActivities, leads, type NewLeadActivity } from '@/db/schema';

export async function recordActivity(tx: Executor, activity: NewLeadActivity & { occurredAt: Date }): Promise<void> {
  await tx.insert(leadActivities).values(activity);
  await tx.update(leads).set({ lastActivityAt: activity.occurredAt }).where(eq(leads.id, activity.leadId));
}
