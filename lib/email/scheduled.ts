// Scheduled messages decided by the clock: follow-ups for requests nobody has scheduled, and the staff's
// daily digest of overdue follow-ups. Each is an outbox row with a dedupe key, so running this on every
// worker, every minute, writes each message once.
import { TZDate } from '@date-fns/tz';
import { and, count, desc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { appointments, consultationRequests, emailMessages, followUpTasks, leads } from '@/db/schema';
import { formatDayLabel } from '@/lib/booking/rules';
import { enqueueEmail } from './outbox';

/** Which follow-up (1st, 2nd…) is due for a request submitted at `submittedAt`, or null (pure). */
export function dueFollowUpNumber(submittedAt: Date, sentSoFar: number, now: Date, afterDays: number, max: number): number | null {
  const next = sentSoFar + 1;
  if (next > max) return null;
  return now.getTime() >= submittedAt.getTime() + next * afterDays * 86_400_000 ? next : null;
}

/**
 * Leads still "new" (staff have not contacted them), with no live appointment, whose latest request
 * is old enough: one follow-up each, at most `max` per request. Acting stops them: a call or status
 * change by staff, a booking, or a new request by the patient (which restarts the clock).
 */
export async function enqueueDueFollowUps(
  db: Database,
  now: Date,
  options: { afterDays: number; max: number; bookUrl: string },
): Promise<number> {
  if (options.max === 0) return 0;
  const cutoff = new Date(now.getTime() - options.afterDays * 86_400_000);
  const candidates = await db
    .select({ lead: leads, requestId: consultationRequests.id, reference: consultationRequests.reference, submittedAt: consultationRequests.submittedAt })
    .from(leads)
    .innerJoin(consultationRequests, eq(consultationRequests.leadId, leads.id))
    .where(
      and(
        eq(leads.status, 'new'),
        isNull(leads.firstContactedAt),
        isNull(leads.erasedAt),
        eq(leads.emailUndeliverable, false),
        lt(consultationRequests.submittedAt, cutoff),
        // Only the person's latest request counts.
        sql`${consultationRequests.submittedAt} = (select max(r2.submitted_at) from consultation_requests r2 where r2.lead_id = ${leads.id})`,
        sql`not exists (select 1 from ${appointments} a where a.lead_id = ${leads.id} and a.status = 'booked')`,
      ),
    )
    .orderBy(desc(consultationRequests.submittedAt))
    .limit(500);
  let written = 0;
  for (const c of candidates) {
    if (!c.lead.email) continue;
    const [{ n } = { n: 0 }] = await db
      .select({ n: count() })
      .from(emailMessages)
      .where(and(sql`${emailMessages.dedupeKey} like ${`follow-up:${c.requestId}:%`}`, ne(emailMessages.status, 'cancelled')));
    const number = dueFollowUpNumber(c.submittedAt, n, now, options.afterDays, options.max);
    if (number === null) continue;
    const inserted = await db.transaction(async (tx) => {
      // The dedupe key is unique only among live rows: check every status so a follow-up is never sent twice.
      const [exists] = await tx.select({ id: emailMessages.id }).from(emailMessages).where(eq(emailMessages.dedupeKey, `follow-up:${c.requestId}:${number}`));
      if (exists) return false;
      await enqueueEmail(
        tx,
        {
          template: 'request-follow-up',
          to: c.lead.email!,
          leadId: c.lead.id,
          props: { firstName: c.lead.firstName, reference: c.reference, bookAgainUrl: options.bookUrl },
          dedupeKey: `follow-up:${c.requestId}:${number}`,
        },
        now,
      );
      return true;
    });
    if (inserted) written++;
  }
  return written;
}

/** Once a day from 8am in the clinic's zone: the list of overdue follow-ups, to the front desk. */
export async function enqueueDailyDigest(
  db: Database,
  now: Date,
  options: { timeZone: string; to: string; appUrl: string; hour?: number },
): Promise<boolean> {
  const local = new TZDate(now.getTime(), options.timeZone);
  if (local.getHours() < (options.hour ?? 8)) return false;
  const day = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  const key = `digest:${day}`;
  const [exists] = await db.select({ id: emailMessages.id }).from(emailMessages).where(eq(emailMessages.dedupeKey, key));
  if (exists) return false;
  const overdueTasks = await db
    .select({ leadId: leads.id, first: leads.firstName, last: leads.lastName, dueAt: followUpTasks.dueAt })
    .from(followUpTasks)
    .innerJoin(leads, eq(leads.id, followUpTasks.leadId))
    .where(and(eq(followUpTasks.status, 'open'), lt(followUpTasks.dueAt, now), isNull(leads.erasedAt)))
    .orderBy(followUpTasks.dueAt)
    .limit(100);
  const overdueLeads = await db
    .select({ leadId: leads.id, first: leads.firstName, last: leads.lastName, dueAt: leads.nextFollowUpAt })
    .from(leads)
    .where(and(lt(leads.nextFollowUpAt, now), inArray(leads.status, ['new', 'contacted']), isNull(leads.erasedAt)))
    .orderBy(leads.nextFollowUpAt)
    .limit(100);
  const seen = new Set<string>();
  const rows = [...overdueTasks, ...overdueLeads]
    .filter((r) => (seen.has(r.leadId) ? false : (seen.add(r.leadId), true)))
    .map((r) => ({
      name: `${r.first} ${r.last}`,
      reference: r.leadId.slice(0, 8),
      dueLabel: r.dueAt ? formatDayLabel(r.dueAt, options.timeZone) : '',
      url: `${options.appUrl}/dashboard/leads/${r.leadId}`,
    }));
  if (rows.length === 0) return false;
  await db.transaction((tx) =>
    enqueueEmail(tx, { template: 'staff-overdue-digest', to: options.to, props: { rows, dashboardUrl: `${options.appUrl}/dashboard` }, dedupeKey: key }, now),
  );
  return true;
}
