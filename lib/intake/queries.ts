// Reads about leads and their requests (explicit ids in, no auth: callers check access).
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { appointments, consultationRequests, leads } from '@/db/schema';
import { CONTACT_TIME_LABELS } from './labels';

/**
 * What the patient's own pages show about one request: no health details beyond what they typed, and nothing
 * about the person (name, email) — a request naming an existing patient's email joins that patient's record,
 * and its private link must not show what somebody else typed before.
 */
export async function getRequestSummary(db: Executor, requestId: string) {
  const [row] = await db
    .select({ request: consultationRequests, lead: leads })
    .from(consultationRequests)
    .innerJoin(leads, eq(leads.id, consultationRequests.leadId))
    .where(eq(consultationRequests.id, requestId));
  if (!row || row.lead.erasedAt) return null;
  const [appointment] = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.consultationRequestId, requestId), ne(appointments.status, 'cancelled')))
    .orderBy(desc(appointments.createdAt))
    .limit(1);
  const [lastCancelled] = appointment
    ? []
    : await db
        .select()
        .from(appointments)
        .where(eq(appointments.consultationRequestId, requestId))
        .orderBy(desc(appointments.updatedAt))
        .limit(1);
  return {
    requestId: row.request.id,
    reference: row.request.reference,
    leadId: row.lead.id,
    timeZone: row.request.timeZone,
    urgent: row.request.hasRedFlags,
    wantsCall: row.request.wantsCallToArrange,
    bestTimeLabel: CONTACT_TIME_LABELS[row.request.bestTimeToCall],
    appointment: appointment ?? lastCancelled ?? null,
  };
}

export type RequestSummary = NonNullable<Awaited<ReturnType<typeof getRequestSummary>>>;
