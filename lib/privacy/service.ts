// A person's rights over their record: a complete export (JSON), and erasure on request. Erasure
// anonymises in place, in one transaction: everything that identifies the person goes, the facts the
// clinic's numbers are made of (dates, statuses, source, answers without free text) stay. See
// docs/decisions/0009-metrics-and-erasure.md for what is kept and why.
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import {
  appointments,
  auditLog,
  callLogs,
  consultationRequests,
  emailEvents,
  emailMessages,
  emailSuppressions,
  followUpTasks,
  leadActivities,
  leads,
  rateLimits,
  staffUsers,
  textConsents,
  textMessages,
  textNumbers,
  type Lead,
} from '@/db/schema';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import { recordActivity } from '@/lib/timeline/write';
import { eraseTextsOf } from '@/lib/texts/outbox';
import { limitKey } from '@/lib/security/rate-limit';
import { isUuid } from '@/lib/ids';

export type PrivacyActor = { actorId: string; meta: RequestMeta; now: Date };

export const ERASED_FIRST_NAME = 'Erased';
export const ERASED_LAST_NAME = 'person';
export const ERASED_ADDRESS = 'erased';
export const ERASED_TASK_TITLE = 'Follow-up (details erased)';
/** What replaces the person's name, email or phone wherever free text elsewhere mentions them. */
export const REDACTED = '[erased]';

// ---------------------------------------------------------------- export

/**
 * Everything the clinic holds about one person, as they could ask for it: the lead, every request with
 * its answers, appointments, the timeline, calls, tasks, the emails sent (addresses, subjects, statuses,
 * not bodies, which hold private links) and the audit trail of staff access. Recorded as `lead_exported`.
 */
export async function exportPerson(db: Database, args: PrivacyActor & { leadId: string }) {
  return db.transaction(async (tx) => {
    const [lead] = await tx.select().from(leads).where(eq(leads.id, args.leadId));
    if (!lead) return { ok: false, code: 'not_found' } as const;
    await writeAudit(tx, { actorStaffId: args.actorId, action: 'lead_exported', entityType: 'lead', entityId: lead.id, detail: { format: 'json' }, meta: args.meta, at: args.now });

    // search_text is derived from the name, email and phone already in the row.
    const leadRow: Partial<Lead> = { ...lead };
    delete leadRow.searchText;
    const [requests, visits, timeline, calls, tasks, emails, suppression, texts] = await Promise.all([
      tx.select().from(consultationRequests).where(eq(consultationRequests.leadId, lead.id)).orderBy(asc(consultationRequests.submittedAt)),
      tx.select().from(appointments).where(eq(appointments.leadId, lead.id)).orderBy(asc(appointments.startsAt)),
      tx.select().from(leadActivities).where(eq(leadActivities.leadId, lead.id)).orderBy(asc(leadActivities.occurredAt)),
      tx.select().from(callLogs).where(eq(callLogs.leadId, lead.id)).orderBy(asc(callLogs.calledAt)),
      tx.select().from(followUpTasks).where(eq(followUpTasks.leadId, lead.id)).orderBy(asc(followUpTasks.createdAt)),
      tx
        .select({
          id: emailMessages.id,
          template: emailMessages.template,
          category: emailMessages.category,
          toAddress: emailMessages.toAddress,
          subject: emailMessages.subject,
          status: emailMessages.status,
          appointmentId: emailMessages.appointmentId,
          sendAfter: emailMessages.sendAfter,
          attempts: emailMessages.attempts,
          sentAt: emailMessages.sentAt,
          deliveredAt: emailMessages.deliveredAt,
          createdAt: emailMessages.createdAt,
        })
        .from(emailMessages)
        .where(eq(emailMessages.leadId, lead.id))
        .orderBy(asc(emailMessages.createdAt)),
      lead.emailNormalized
        ? tx.select().from(emailSuppressions).where(eq(emailSuppressions.emailNormalized, lead.emailNormalized))
        : Promise.resolve([]),
      exportTexts(tx, lead),
    ]);
    const about = auditScope(lead.id, visits.map((v) => v.id), emails.map((e) => e.id));
    const audit = await tx
      .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, staff: staffUsers.name, detail: auditLog.detail })
      .from(auditLog)
      .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorStaffId))
      .where(about)
      .orderBy(asc(auditLog.at), asc(auditLog.id));

    return {
      ok: true,
      data: {
        exportedAt: args.now.toISOString(),
        lead: leadRow,
        consultationRequests: requests,
        appointments: visits,
        timeline,
        callLogs: calls,
        followUpTasks: tasks,
        emails,
        emailSuppression: suppression[0] ?? null,
        ...texts,
        // Staff's access to and changes of this record (who, when, what), without their addresses.
        auditTrail: audit,
      },
    } as const;
  });
}

/**
 * Their texts (what was sent, to which number, what happened; never the props, which hold sealed private links),
 * every consent to texts as they gave it, and what is known of their number (a STOP, a carrier's refusal).
 * Replies they sent are timeline entries.
 */
async function exportTexts(tx: Executor, lead: Lead) {
  const [texts, consents, numbers] = await Promise.all([
    tx
      .select({
        id: textMessages.id,
        kind: textMessages.kind,
        toNumber: textMessages.toNumber,
        body: textMessages.body,
        status: textMessages.status,
        appointmentId: textMessages.appointmentId,
        sendAfter: textMessages.sendAfter,
        sentAt: textMessages.sentAt,
        deliveredAt: textMessages.deliveredAt,
        errorCode: textMessages.errorCode,
        createdAt: textMessages.createdAt,
      })
      .from(textMessages)
      .where(eq(textMessages.leadId, lead.id))
      .orderBy(asc(textMessages.createdAt)),
    tx.select().from(textConsents).where(eq(textConsents.leadId, lead.id)).orderBy(asc(textConsents.givenAt)),
    lead.phoneE164 ? tx.select().from(textNumbers).where(eq(textNumbers.phoneE164, lead.phoneE164)) : Promise.resolve([]),
  ]);
  return { texts, textConsents: consents, textNumber: numbers[0] ?? null };
}

export type PersonExport = Extract<Awaited<ReturnType<typeof exportPerson>>, { ok: true }>['data'];

function auditScope(leadId: string, appointmentIds: string[], emailIds: string[]): SQL {
  const scopes = [and(eq(auditLog.entityType, 'lead'), eq(auditLog.entityId, leadId))];
  if (appointmentIds.length) scopes.push(and(eq(auditLog.entityType, 'appointment'), inArray(auditLog.entityId, appointmentIds)));
  if (emailIds.length) scopes.push(and(eq(auditLog.entityType, 'email'), inArray(auditLog.entityId, emailIds)));
  return or(...scopes)!;
}

// ---------------------------------------------------------------- what erasure will do

/**
 * For the confirmation page: who it is and how much of their record each step touches. Showing their
 * contact details is a view of the record, audited as one (an erased record shows nothing personal).
 */
export async function getErasurePreview(db: Executor, args: PrivacyActor & { leadId: string }) {
  const { leadId, now } = args;
  const [lead] = await db.select().from(leads).where(eq(leads.id, leadId));
  if (!lead) return null;
  if (!lead.erasedAt) {
    await writeAudit(db, { actorStaffId: args.actorId, action: 'lead_viewed', entityType: 'lead', entityId: leadId, detail: { page: 'erase' }, meta: args.meta, at: now });
  }
  const count = async (rows: Promise<{ n: number }[]>) => (await rows)[0]?.n ?? 0;
  const n = sql<number>`count(*)::int`;
  const [requests, visits, upcoming, activities, calls, openTasks, tasks, emails, pending, suppressed] = await Promise.all([
    count(db.select({ n }).from(consultationRequests).where(eq(consultationRequests.leadId, leadId))),
    count(db.select({ n }).from(appointments).where(eq(appointments.leadId, leadId))),
    count(db.select({ n }).from(appointments).where(and(eq(appointments.leadId, leadId), eq(appointments.status, 'booked'), gt(appointments.startsAt, now)))),
    count(db.select({ n }).from(leadActivities).where(eq(leadActivities.leadId, leadId))),
    count(db.select({ n }).from(callLogs).where(eq(callLogs.leadId, leadId))),
    count(db.select({ n }).from(followUpTasks).where(and(eq(followUpTasks.leadId, leadId), eq(followUpTasks.status, 'open')))),
    count(db.select({ n }).from(followUpTasks).where(eq(followUpTasks.leadId, leadId))),
    count(db.select({ n }).from(emailMessages).where(eq(emailMessages.leadId, leadId))),
    count(db.select({ n }).from(emailMessages).where(and(eq(emailMessages.leadId, leadId), inArray(emailMessages.status, ['pending', 'held'])))),
    lead.emailNormalized ? count(db.select({ n }).from(emailSuppressions).where(eq(emailSuppressions.emailNormalized, lead.emailNormalized))) : Promise.resolve(0),
  ]);
  return {
    lead: {
      id: lead.id,
      name: `${lead.firstName} ${lead.lastName}`,
      email: lead.email,
      phone: lead.phoneE164,
      createdAt: lead.createdAt,
      erasedAt: lead.erasedAt,
    },
    counts: { requests, appointments: visits, upcomingAppointments: upcoming, activities, calls, tasks, openTasks, emails, pendingEmails: pending },
    suppressed: suppressed > 0,
  };
}

export type ErasurePreview = NonNullable<Awaited<ReturnType<typeof getErasurePreview>>>;

// ---------------------------------------------------------------- erasure

/** Timeline payload keys that hold ids, times, statuses and other codes, never words someone typed. */
const SAFE_PAYLOAD_KEYS = new Set([
  'appointmentId',
  'requestId',
  'emailId',
  'taskId',
  'callId',
  'callLogId',
  'assignedToId',
  'providerId',
  'template',
  'status',
  'from',
  'to',
  'outcome',
  'reason',
  'urgency',
  'mode',
  'startsAt',
  'endsAt',
  'dueAt',
  'sendAfter',
  'returning',
  'redFlags',
  'sourcePage',
  'attempts',
  'bulk',
  'retry',
  'hard',
  'bounceType',
]);

const CODE = /^[a-z0-9_-]{1,64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;

function isSafeValue(value: unknown): boolean {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return true;
  if (typeof value === 'string') return CODE.test(value) || isUuid(value) || INSTANT.test(value);
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string' && CODE.test(v));
  return false;
}

/**
 * A timeline entry's payload with only what cannot identify anyone (pure): known keys whose values are
 * ids, times, numbers or lower-case codes. Notes, reasons typed by people, contact details and the old
 * request reference all go, whatever key a future feature stores them under.
 */
export function scrubPayload(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key, value]) => SAFE_PAYLOAD_KEYS.has(key) && isSafeValue(value)));
}

/** The ways a person's name, email and phone can be written in stored text (pure). */
export function identifyingStrings(lead: Pick<Lead, 'firstName' | 'lastName' | 'email' | 'emailNormalized' | 'phoneE164'>): string[] {
  const found = new Set<string>();
  const name = `${lead.firstName} ${lead.lastName}`.trim();
  if (name.length >= 3) found.add(name);
  for (const email of [lead.email, lead.emailNormalized]) if (email) found.add(email.trim());
  const phone = lead.phoneE164;
  if (phone) {
    found.add(phone);
    const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
    if (us) {
      const [, area, exchange, line] = us;
      for (const written of [`(${area}) ${exchange}-${line}`, `${area}-${exchange}-${line}`, `${area} ${exchange} ${line}`, `${area}.${exchange}.${line}`, `${area}${exchange}${line}`]) {
        found.add(written);
      }
    }
  }
  return [...found];
}

const htmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
const jsonEscape = (s: string) => JSON.stringify(s).slice(1, -1);
const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole words only where the string starts or ends with one: "Al Li" must not eat "real life". */
const asWord = (s: string) => `${/^\w/.test(s) ? '\\m' : ''}${regexEscape(s)}${/\w$/.test(s) ? '\\M' : ''}`;

/** One case-insensitive Postgres pattern matching any of the strings as written in plain text, HTML or JSON (pure). */
export function patternFor(strings: string[]): string {
  const variants = new Set(strings.flatMap((s) => [s, htmlEscape(s), jsonEscape(s)]));
  return [...variants].map(asWord).join('|');
}

export type EraseResult = { ok: true; erasedAt: Date } | { ok: false; code: 'not_found' | 'already_erased' };

/**
 * Erases a person, irreversibly, in one transaction. Removed: name (becomes "Erased person"), email,
 * phone, landing page and referrer, free text (request messages, call notes and next steps, task titles,
 * typed reasons, timeline notes), email addresses, subjects and bodies, and any mention of their name,
 * email or phone in other records' free text. Kept: dates, statuses, urgency, source page and campaign,
 * the intake answers (no longer about anyone identifiable), appointment times, consent timestamps as
 * facts, and an email suppression if they had unsubscribed. Upcoming appointments, open tasks and unsent
 * emails are cancelled. The erasure is recorded on the timeline and in the audit log, without personal data.
 */
export async function eraseLead(db: Database, args: PrivacyActor & { leadId: string }): Promise<EraseResult> {
  const { now } = args;
  return db.transaction(async (tx) => {
    const [lead] = await tx.select().from(leads).where(eq(leads.id, args.leadId)).for('update');
    if (!lead) return { ok: false, code: 'not_found' } as const;
    if (lead.erasedAt) return { ok: false, code: 'already_erased' } as const;
    const id = lead.id;
    await eraseIdentity(tx, id, now);
    const cancelledAppointments = await eraseAppointmentsAndFollowUps(tx, id, now);
    const emails = await eraseEmails(tx, id);
    const texts = await eraseTextsOf(tx, id);
    const activities = await scrubTimeline(tx, id);
    // Submission counters are keyed by the address.
    if (lead.emailNormalized) await tx.delete(rateLimits).where(eq(rateLimits.key, limitKey('consult:email', lead.emailNormalized)));
    const identifying = identifyingStrings(lead);
    if (identifying.length) await redactElsewhere(tx, patternFor(identifying));

    await recordActivity(tx, { leadId: id, type: 'erased', actorType: 'staff', actorStaffId: args.actorId, payload: {}, occurredAt: now });
    await writeAudit(tx, {
      actorStaffId: args.actorId,
      action: 'lead_erased',
      entityType: 'lead',
      entityId: id,
      detail: { cancelledAppointments, emails, texts, activities },
      meta: args.meta,
      at: now,
    });
    return { ok: true, erasedAt: now } as const;
  });
}

/** The lead and its requests: who the person is, how they found the clinic, what they wrote. */
async function eraseIdentity(tx: Executor, id: string, now: Date): Promise<void> {
  await tx
    .update(leads)
    .set({
      firstName: ERASED_FIRST_NAME,
      lastName: ERASED_LAST_NAME,
      email: null,
      emailNormalized: null,
      phoneE164: null,
      emailUndeliverable: false,
      landingPage: null,
      referrer: null,
      utmTerm: null,
      utmContent: null,
      marketingConsent: false,
      nextFollowUpAt: null,
      erasedAt: now,
      version: sql`${leads.version} + 1`,
    })
    .where(eq(leads.id, id));

  // The reference is in the person's emails: a new one means it no longer finds these answers.
  await tx
    .update(consultationRequests)
    .set({
      message: null,
      landingPage: null,
      referrer: null,
      utmTerm: null,
      utmContent: null,
      reference: sql`'ER-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10))`,
    })
    .where(eq(consultationRequests.leadId, id));
}

/** Upcoming appointments and open tasks cancelled, typed reasons, call notes and task titles gone; returns the appointments cancelled. */
async function eraseAppointmentsAndFollowUps(tx: Executor, id: string, now: Date): Promise<number> {
  const upcoming = await tx
    .update(appointments)
    .set({ status: 'cancelled', cancelledAt: now, cancelReason: null, version: sql`${appointments.version} + 1` })
    .where(and(eq(appointments.leadId, id), eq(appointments.status, 'booked'), gt(appointments.startsAt, now)))
    .returning({ id: appointments.id });
  await tx.update(appointments).set({ cancelReason: null }).where(eq(appointments.leadId, id));

  await tx.update(callLogs).set({ notes: null, nextStep: null }).where(eq(callLogs.leadId, id));
  await tx
    .update(followUpTasks)
    .set({ title: ERASED_TASK_TITLE, status: sql`case when ${followUpTasks.status} = 'open' then 'cancelled'::task_status else ${followUpTasks.status} end` })
    .where(eq(followUpTasks.leadId, id));
  return upcoming.length;
}

/** The person's emails: address, subject and body gone, unsent ones cancelled; returns how many. */
async function eraseEmails(tx: Executor, id: string): Promise<number> {
  const messages = await tx
    .update(emailMessages)
    .set({
      toAddress: ERASED_ADDRESS,
      subject: null,
      html: null,
      text: null,
      props: {},
      lastError: null,
      status: sql`case when ${emailMessages.status} in ('pending', 'held') then 'cancelled'::email_status else ${emailMessages.status} end`,
    })
    .where(eq(emailMessages.leadId, id))
    .returning({ id: emailMessages.id });
  if (messages.length) {
    // Resend's webhook payloads repeat the address; the rows stay so a replayed webhook is still recognised.
    await tx.update(emailEvents).set({ payload: {} }).where(inArray(emailEvents.emailMessageId, messages.map((m) => m.id)));
  }
  return messages.length;
}

/** Every timeline entry's payload reduced to what identifies nobody (scrubPayload); returns how many. */
async function scrubTimeline(tx: Executor, id: string): Promise<number> {
  const activities = await tx.select({ id: leadActivities.id, payload: leadActivities.payload }).from(leadActivities).where(eq(leadActivities.leadId, id));
  if (activities.length) {
    const scrubbed = JSON.stringify(activities.map((a) => ({ id: a.id, payload: scrubPayload(a.payload) })));
    await tx.execute(sql`
      update lead_activities a set payload = v.payload
      from jsonb_to_recordset(${scrubbed}::jsonb) as v(id uuid, payload jsonb)
      where a.id = v.id`);
  }
  return activities.length;
}

/** Free-text columns of any record that can mention a person by name, email or phone. */
const TEXT_COLUMNS: [table: string, column: string][] = [
  ['consultation_requests', 'message'],
  ['call_logs', 'notes'],
  ['call_logs', 'next_step'],
  ['follow_up_tasks', 'title'],
  ['appointments', 'cancel_reason'],
  ['email_messages', 'subject'],
  ['email_messages', 'html'],
  ['email_messages', 'text'],
  ['email_messages', 'last_error'],
];
const JSON_COLUMNS: [table: string, column: string][] = [
  ['lead_activities', 'payload'],
  ['email_messages', 'props'],
  ['email_events', 'payload'],
];

/**
 * Other people's records and staff emails that mention the person (a note on a relative's lead, a row of
 * the staff's daily digest): the mention is replaced, the rest of the record kept. A scan of each column;
 * erasure is rare enough for that to be the right trade against an index per column.
 */
async function redactElsewhere(tx: Executor, pattern: string): Promise<void> {
  const replacement = REDACTED;
  for (const [table, column] of TEXT_COLUMNS) {
    const col = sql.identifier(column);
    await tx.execute(sql`update ${sql.identifier(table)} set ${col} = regexp_replace(${col}, ${pattern}, ${replacement}, 'gi') where ${col} ~* ${pattern}`);
  }
  for (const [table, column] of JSON_COLUMNS) {
    const col = sql.identifier(column);
    await tx.execute(
      sql`update ${sql.identifier(table)} set ${col} = regexp_replace(${col}::text, ${pattern}, ${replacement}, 'gi')::jsonb where ${col}::text ~* ${pattern}`,
    );
  }
}
