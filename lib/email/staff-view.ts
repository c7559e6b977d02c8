// The outbox as staff see it: every message with its delivery status, filterable and paged; one message
// with its history and its rendered body (rendered on the fly while it waits); and sending a failed one
// again. Messages that carry a one-time sign-in link (SECRET_TEMPLATES) never leave here with a body.
import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@/db/errors';
import { emailEvents, emailMessages, emailStatus, leads } from '@/db/schema';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import { appUrl, clinic } from '@/lib/env';
import { recordActivity } from '@/lib/timeline/write';
import { EMAIL_TEMPLATES, SECRET_TEMPLATES, type EmailProps, type EmailTemplate } from './outbox';
import { hasPrivateLinks, hidePrivateLinks } from './private-links';
import { renderEmail, type RenderContext } from './render';
import { unsubscribeUrl } from './unsubscribe';

export const EMAIL_STATUSES = emailStatus.enumValues;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** The order the status filter lists them in: what needs attention first. */
export const STATUS_FILTER_ORDER: readonly EmailStatus[] = ['failed', 'bounced', 'complained', 'held', 'pending', 'sending', 'sent', 'delivered', 'cancelled'];

export function isSecretTemplate(template: string): boolean {
  return (SECRET_TEMPLATES as readonly string[]).includes(template);
}

export function isEmailStatus(value: unknown): value is EmailStatus {
  return typeof value === 'string' && (EMAIL_STATUSES as readonly string[]).includes(value);
}

export const OUTBOX_PAGE_SIZE = 50;

// ---------------------------------------------------------------- the list

export type OutboxRow = {
  id: string;
  createdAt: Date;
  template: string;
  toAddress: string;
  status: EmailStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  leadId: string | null;
  leadName: string | null;
};

export type OutboxPage = {
  rows: OutboxRow[];
  /** Messages per status across the whole outbox, for the filter. */
  counts: Record<EmailStatus, number>;
  total: number;
  page: number;
  hasNext: boolean;
};

/** Newest first, 50 a page (simple offset paging: staff look at the first pages, not the thousandth). */
export async function listOutbox(db: Executor, filter: { status?: EmailStatus; page?: number }): Promise<OutboxPage> {
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const rows = await db
    .select({
      id: emailMessages.id,
      createdAt: emailMessages.createdAt,
      template: emailMessages.template,
      toAddress: emailMessages.toAddress,
      status: emailMessages.status,
      attempts: emailMessages.attempts,
      maxAttempts: emailMessages.maxAttempts,
      lastError: emailMessages.lastError,
      leadId: emailMessages.leadId,
      firstName: leads.firstName,
      lastName: leads.lastName,
    })
    .from(emailMessages)
    .leftJoin(leads, eq(leads.id, emailMessages.leadId))
    .where(filter.status ? eq(emailMessages.status, filter.status) : undefined)
    .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
    .limit(OUTBOX_PAGE_SIZE + 1)
    .offset((page - 1) * OUTBOX_PAGE_SIZE);
  const grouped = await db.select({ status: emailMessages.status, n: count() }).from(emailMessages).groupBy(emailMessages.status);
  const counts = Object.fromEntries(EMAIL_STATUSES.map((s) => [s, 0])) as Record<EmailStatus, number>;
  for (const g of grouped) counts[g.status] = g.n;
  return {
    rows: rows.slice(0, OUTBOX_PAGE_SIZE).map(({ firstName, lastName, ...row }) => ({
      ...row,
      leadName: row.leadId ? `${firstName ?? ''} ${lastName ?? ''}`.trim() : null,
    })),
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    page,
    hasNext: rows.length > OUTBOX_PAGE_SIZE,
  };
}

// ---------------------------------------------------------------- one message

export type OutboxEvent = { type: string; at: Date; note: string | null };

export type OutboxBody =
  | { kind: 'secret' }
  | { kind: 'stored' | 'preview'; subject: string; html: string; text: string }
  | { kind: 'unrenderable'; error: string };

export type OutboxMessage = {
  id: string;
  template: string;
  category: string;
  toAddress: string;
  status: EmailStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  sendAfter: Date;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  deliveredAt: Date | null;
  leadId: string | null;
  leadName: string | null;
  /** Null for secret templates: even the subject of a sign-in message stays out of the dashboard. */
  subject: string | null;
  body: OutboxBody;
  events: OutboxEvent[];
};

/**
 * One message for the dashboard. The body is the one that was sent (or held); a message still waiting
 * is rendered now, as it would go out. For secret templates the body columns are never even read.
 */
export async function getOutboxMessage(db: Executor, emailId: string): Promise<OutboxMessage | null> {
  const [row] = await db
    .select({
      id: emailMessages.id,
      template: emailMessages.template,
      category: emailMessages.category,
      toAddress: emailMessages.toAddress,
      status: emailMessages.status,
      attempts: emailMessages.attempts,
      maxAttempts: emailMessages.maxAttempts,
      lastError: emailMessages.lastError,
      createdAt: emailMessages.createdAt,
      sendAfter: emailMessages.sendAfter,
      nextAttemptAt: emailMessages.nextAttemptAt,
      sentAt: emailMessages.sentAt,
      deliveredAt: emailMessages.deliveredAt,
      leadId: emailMessages.leadId,
      firstName: leads.firstName,
      lastName: leads.lastName,
    })
    .from(emailMessages)
    .leftJoin(leads, eq(leads.id, emailMessages.leadId))
    .where(eq(emailMessages.id, emailId));
  if (!row) return null;
  const { firstName, lastName, ...message } = row;
  const secret = isSecretTemplate(message.template);
  const events = await db
    .select({ type: emailEvents.type, at: emailEvents.receivedAt, payload: emailEvents.payload })
    .from(emailEvents)
    .where(eq(emailEvents.emailMessageId, emailId))
    .orderBy(asc(emailEvents.receivedAt));
  const body: OutboxBody = secret ? { kind: 'secret' } : await bodyOf(db, message);
  return {
    ...message,
    leadName: message.leadId ? `${firstName ?? ''} ${lastName ?? ''}`.trim() : null,
    subject: body.kind === 'stored' || body.kind === 'preview' ? body.subject : null,
    body,
    events: events.map((e) => ({ type: e.type, at: e.at, note: eventNote(e.payload) })),
  };
}

async function bodyOf(db: Executor, message: { id: string; template: string; category: string; toAddress: string; createdAt: Date }): Promise<OutboxBody> {
  const [stored] = await db
    .select({ subject: emailMessages.subject, html: emailMessages.html, text: emailMessages.text, props: emailMessages.props })
    .from(emailMessages)
    .where(eq(emailMessages.id, message.id));
  if (stored?.html && stored.text) return { kind: 'stored', subject: stored.subject ?? '', html: hidePrivateLinks(stored.html), text: hidePrivateLinks(stored.text) };
  if (!Object.hasOwn(EMAIL_TEMPLATES, message.template)) return { kind: 'unrenderable', error: `Unknown template "${message.template}"` };
  try {
    const props = (stored?.props ?? {}) as EmailProps;
    const rendered = await renderEmail(message.template as EmailTemplate, props, previewContext(message, props));
    return { kind: 'preview', ...rendered, html: hidePrivateLinks(rendered.html), text: hidePrivateLinks(rendered.text) };
  } catch (error) {
    return { kind: 'unrenderable', error: (error as Error).message.slice(0, 300) };
  }
}

// Shown in place of a private link's secret part (./private-links); kept here for the pages and tests that read it.
export { HIDDEN_LINK_TOKEN, hidePrivateLinks } from './private-links';

/** What the worker would render with: the clinic's details, and the same unsubscribe link it would add. */
function previewContext(message: { category: string; toAddress: string; createdAt: Date }, props: EmailProps): RenderContext {
  const c = clinic();
  const unsubscribable = message.category === 'follow_up' || message.category === 'marketing';
  return {
    clinicName: c.name,
    clinicPhone: c.phone,
    clinicAddress: c.address,
    appUrl: appUrl(),
    unsubscribeUrl: unsubscribable ? unsubscribeUrl(message.toAddress, message.createdAt) : undefined,
    digestRows: props.rows,
  };
}

/** A short note for a webhook event: a bounce's kind, nothing else from the payload. */
function eventNote(payload: Record<string, unknown>): string | null {
  const bounce = (payload.data as { bounce?: { type?: unknown; subType?: unknown } } | undefined)?.bounce;
  if (!bounce) return null;
  const parts = [bounce.type, bounce.subType].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts.length ? parts.join(', ').slice(0, 100) : null;
}

/** Opening a message is recorded: a patient's email is personal data. Returns null when there is no such message. */
export async function viewOutboxMessage(
  db: Database,
  args: { emailId: string; staffId: string; meta: RequestMeta; now: Date },
): Promise<OutboxMessage | null> {
  const message = await getOutboxMessage(db, args.emailId);
  if (!message) return null;
  await writeAudit(db, {
    actorStaffId: args.staffId,
    action: 'email_viewed',
    entityType: 'email',
    entityId: message.id,
    detail: { template: message.template, leadId: message.leadId, bodyShown: message.body.kind !== 'secret' },
    meta: args.meta,
    at: args.now,
  });
  return message;
}

// ---------------------------------------------------------------- sending a failed message again

export type RetryResult = { ok: true } | { ok: false; code: 'not_found' | 'not_failed' | 'superseded' | 'link_gone' };

/**
 * Puts a failed message back in the queue as if new: pending, no attempts, due now. The worker then
 * renders and sends it with its own Idempotency-Key, so a send that did reach Resend is not repeated.
 */
export async function retryFailedEmail(
  db: Database,
  args: { emailId: string; staffId: string; meta: RequestMeta; now: Date },
): Promise<RetryResult> {
  try {
    return await db.transaction(async (tx) => {
      const [message] = await tx.select().from(emailMessages).where(eq(emailMessages.id, args.emailId)).for('update');
      if (!message) return { ok: false, code: 'not_found' } as const;
      if (message.status !== 'failed') return { ok: false, code: 'not_failed' } as const;
      // A failed invite or reset dropped its one-time link: sending it again would send a hidden link.
      const props = message.props as EmailProps;
      if (hasPrivateLinks(props) && !props.sealedLinks) return { ok: false, code: 'link_gone' } as const;
      await tx
        .update(emailMessages)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: null, lockedUntil: null, sendAfter: args.now, updatedAt: args.now })
        .where(and(eq(emailMessages.id, message.id), eq(emailMessages.status, 'failed')));
      if (message.leadId && EMAIL_TEMPLATES[message.template as EmailTemplate] !== 'staff') {
        await recordActivity(tx, {
          leadId: message.leadId,
          type: 'email_queued',
          actorType: 'staff',
          actorStaffId: args.staffId,
          payload: { emailId: message.id, template: message.template, retry: true },
          occurredAt: args.now,
        });
      }
      await writeAudit(tx, {
        actorStaffId: args.staffId,
        // No separate name for a retry in the audit vocabulary: it is staff sending a message.
        action: 'email_sent_by_staff',
        entityType: 'email',
        entityId: message.id,
        detail: { retry: true, template: message.template, previousAttempts: message.attempts, hadError: Boolean(message.lastError) },
        meta: args.meta,
        at: args.now,
      });
      return { ok: true } as const;
    });
  } catch (error) {
    // A newer copy with the same dedupe key (a reminder for the same appointment) is already waiting.
    if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) return { ok: false, code: 'superseded' };
    throw error;
  }
}
