// The outbox worker: claims due messages with FOR UPDATE SKIP LOCKED (so any number of workers send each
// message once), renders them, sends them through the transport with the message's Idempotency-Key, and
// records the outcome. Retries 429/5xx/network errors with exponential backoff and jitter, honouring
// retry-after; gives up after max attempts. Without a transport (no RESEND_API_KEY) it renders and holds.
import { and, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { retryTransient } from '@/db/retry';
import { appointments, emailMessages, emailSuppressions, leads, type EmailMessage } from '@/db/schema';
import { consultationCalendarFile } from '@/lib/booking/ics';
import { authSecrets } from '@/lib/env';
import { recordEmailEvent } from '@/lib/timeline/write';
import { EMAIL_TEMPLATES, isStaleAppointmentEmail, lateReminderDecision, SECRET_TEMPLATES, withoutSealedLinks, type EmailProps, type EmailTemplate } from './outbox';
import { hidePrivateLinks, openPrivateLinks } from './private-links';
import { reserveSendSlot } from './rate';
import type { RenderContext } from './render';
import type { OutgoingEmail, SendOutcome, Transport } from './transport';

export type WorkerContext = {
  db: Database;
  /** null: preview mode, messages are rendered and kept for staff to read. */
  transport: Transport | null;
  from: string;
  brand: { clinicName: string; clinicPhone: string; clinicAddress: string; appUrl: string };
  /** Must give the same URL for the same message on every attempt (the body is part of the idempotency check). */
  unsubscribeUrl: (email: string, issuedAt: Date) => string;
  render: (template: EmailTemplate, props: EmailProps, context: RenderContext) => Promise<{ subject: string; html: string; text: string }>;
  /** Sends a second across every worker (EMAIL_RATE_PER_SECOND, kept in PostgreSQL: ./rate.ts); 0: no limit. */
  sendRatePerSecond: number;
  /** Told each reserved slot's instant (tests/integration/email-rate.test.ts checks them). */
  onSlot?: (at: Date) => void;
  /** Opens the private links sealed in a message's props (lib/email/private-links); AUTH_SECRET when not given. */
  linkSecret?: string;
  lockSeconds?: number;
  random?: () => number;
};

export type RunSummary = { claimed: number; sent: number; held: number; retried: number; failed: number; cancelled: number };

// Categories people can unsubscribe from (List-Unsubscribe); transactional mail always goes.
const UNSUBSCRIBABLE = new Set<string>(['follow_up', 'marketing']);

const BASE_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 3_600;

/**
 * Seconds before the next attempt (pure): exponential, jittered over the upper half of each step ("equal
 * jitter"), never sooner than retry-after. Full jitter (anywhere from 0) could spend all the attempts of a
 * message inside a short outage: about 1 in 90 messages gave up for good during a 10-minute one. With the
 * lower half kept, the default 8 attempts always span at least half of 30+60+…+1920 s, some 32 minutes.
 */
export function backoffSeconds(attempt: number, random: () => number = Math.random, retryAfterSeconds?: number): number {
  const ceiling = Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.max(1, Math.round(ceiling / 2 + (ceiling / 2) * random()));
  return Math.max(jittered, retryAfterSeconds ?? 0);
}

/** Takes up to `limit` due messages for this worker; a claim expires after lockSeconds if the worker dies. */
export async function claimDueEmails(db: Database, now: Date, limit: number, lockSeconds = 600): Promise<EmailMessage[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailMessages.id })
      .from(emailMessages)
      .where(
        or(
          and(
            eq(emailMessages.status, 'pending'),
            lte(emailMessages.sendAfter, now),
            or(sql`${emailMessages.nextAttemptAt} is null`, lte(emailMessages.nextAttemptAt, now)),
          ),
          and(eq(emailMessages.status, 'sending'), lt(emailMessages.lockedUntil, now)),
        ),
      )
      .orderBy(emailMessages.sendAfter)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailMessages)
      .set({
        status: 'sending',
        lockedUntil: new Date(now.getTime() + lockSeconds * 1000),
        attempts: sql`${emailMessages.attempts} + 1`,
      })
      .where(inArray(emailMessages.id, due.map((d) => d.id)))
      .returning();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records a send's outcome, again after a short wait if the database connection failed (PostgreSQL
 * restarting): the message went out, and a claim left unrecorded would hold it until the lease ends and then
 * send it again. Safe to repeat: each update applies only while the claim is still this pass's.
 */
const record = (write: () => Promise<unknown>) => retryTransient(write);

async function timeline(db: Database, message: EmailMessage, type: 'email_sent' | 'email_failed', now: Date, detail: Record<string, unknown> = {}) {
  if (!message.leadId || EMAIL_TEMPLATES[message.template as EmailTemplate] === 'staff') return;
  await recordEmailEvent(db, {
    leadId: message.leadId,
    type,
    actorType: 'system',
    payload: { emailId: message.id, template: message.template, ...detail },
    occurredAt: now,
  });
}

function attachmentsFor(message: EmailMessage, brand: WorkerContext['brand']): OutgoingEmail['attachments'] {
  const props = message.props as EmailProps;
  if (!['booking-confirmed', 'booking-rescheduled'].includes(message.template) || !props.startsAt || !props.endsAt) return undefined;
  const ics = consultationCalendarFile({
    uid: `${message.appointmentId ?? message.id}@clinic-consult`,
    start: new Date(props.startsAt),
    end: new Date(props.endsAt),
    title: `Consultation at ${brand.clinicName}`,
    location: [props.locationName, props.address].filter(Boolean).join(', ') || brand.clinicAddress,
    description: `Reference ${props.reference ?? ''}. To change or cancel, call ${brand.clinicPhone}.`,
    organizerName: brand.clinicName,
    stamp: message.createdAt,
  });
  return [{ filename: 'consultation.ics', content: Buffer.from(ics, 'utf8'), contentType: 'text/calendar' }];
}

type Outcome = Exclude<keyof RunSummary, 'claimed'>;

/** The pass's clock: `now` moved on by the time the pass has taken (time is an argument, yet a send takes a moment). */
type PassClock = { now: Date; at: () => Date };

/** One pass: claim, then check, render, send and record each message in turn. */
export async function runEmailWorkerOnce(ctx: WorkerContext, now: Date = new Date(), limit = 20): Promise<RunSummary> {
  const summary: RunSummary = { claimed: 0, sent: 0, held: 0, retried: 0, failed: 0, cancelled: 0 };
  const startedAt = Date.now();
  const clock: PassClock = { now, at: () => new Date(now.getTime() + (Date.now() - startedAt)) };
  const claimed = await claimDueEmails(ctx.db, now, limit, ctx.lockSeconds);
  summary.claimed = claimed.length;
  for (const message of claimed) {
    summary[await processMessage(ctx, message, clock)]++;
  }
  return summary;
}

/** Applies an update to the message only while the claim is still this pass's. */
const stillOurs = (message: EmailMessage) => and(eq(emailMessages.id, message.id), eq(emailMessages.status, 'sending'), eq(emailMessages.attempts, message.attempts));

/**
 * What is kept of a message that ended in failure: a failed staff invite or reset drops its link (a new
 * invitation or reset is the remedy, and the link expires within days); a failed patient message keeps its
 * sealed link so staff can send it again.
 */
const finalProps = (message: EmailMessage) => ((SECRET_TEMPLATES as readonly string[]).includes(message.template) ? withoutSealedLinks : emailMessages.props);

const categoryOf = (message: EmailMessage): string => EMAIL_TEMPLATES[message.template as EmailTemplate];

async function processMessage(ctx: WorkerContext, message: EmailMessage, clock: PassClock): Promise<Outcome> {
  const reason = await whyNotSend(ctx, message, clock);
  if (reason) {
    await ctx.db.update(emailMessages).set({ status: 'cancelled', lastError: reason, lockedUntil: null, props: withoutSealedLinks }).where(stillOurs(message));
    return 'cancelled';
  }
  const unsubscribeUrl = UNSUBSCRIBABLE.has(categoryOf(message)) ? ctx.unsubscribeUrl(message.toAddress, message.createdAt) : undefined;
  const rendered = await renderOrFail(ctx, message, unsubscribeUrl, clock.now);
  if (!rendered) return 'failed';
  // What is kept of the body for staff to read: the private links in it hidden.
  const kept = { subject: rendered.subject, html: hidePrivateLinks(rendered.html), text: hidePrivateLinks(rendered.text) };
  if (!ctx.transport) {
    await ctx.db.update(emailMessages).set({ status: 'held', ...kept, lockedUntil: null, props: withoutSealedLinks }).where(stillOurs(message));
    return 'held';
  }
  // The send rate, shared by every worker: wait for this send's slot (./rate.ts).
  const slot = await reserveSendSlot(ctx.db, ctx.sendRatePerSecond);
  if (slot) {
    ctx.onSlot?.(slot.at);
    if (slot.waitMs > 0) await sleep(slot.waitMs);
  }
  const headers: Record<string, string> = {};
  if (unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  const outcome = await ctx.transport.send(
    {
      from: ctx.from,
      to: message.toAddress,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers,
      attachments: attachmentsFor(message, ctx.brand),
    },
    message.idempotencyKey,
  );
  return recordOutcome(ctx, message, outcome, kept, clock.at());
}

/**
 * Why a claimed message must not go out (the reason staff read in the outbox), or null: an appointment email
 * that no longer describes it, a reminder reached too late, an unsubscribed address (follow-ups and
 * marketing), an address known to bounce.
 */
async function whyNotSend(ctx: WorkerContext, message: EmailMessage, clock: PassClock): Promise<string | null> {
  const category = categoryOf(message);
  const [suppressed] = UNSUBSCRIBABLE.has(category)
    ? await ctx.db.select().from(emailSuppressions).where(eq(emailSuppressions.emailNormalized, message.toAddress.trim().toLowerCase()))
    : [];
  const [lead] = message.leadId && category !== 'staff' ? await ctx.db.select({ undeliverable: leads.emailUndeliverable }).from(leads).where(eq(leads.id, message.leadId)) : [];
  const [appointment] = message.appointmentId
    ? await ctx.db.select({ status: appointments.status, startsAt: appointments.startsAt }).from(appointments).where(eq(appointments.id, message.appointmentId))
    : [];
  if (message.appointmentId && isStaleAppointmentEmail(message.template, message.props as EmailProps, appointment)) return 'superseded';
  // A reminder reached late (provider down, worker stopped) goes out only while it is still of use.
  const earlier = { tries: message.attempts - 1, lastError: message.lastError };
  const late = message.template === 'appointment-reminder' && appointment ? lateReminderDecision(appointment.startsAt, clock.at(), earlier) : null;
  if (late && !late.send) return late.reason;
  if (suppressed) return 'unsubscribed';
  if (lead?.undeliverable) return 'address bounced before';
  return null;
}

type Rendered = { subject: string; html: string; text: string };

/** The message rendered with its private links opened (only here, only for the send; never written back), or null: failed for good. */
async function renderOrFail(ctx: WorkerContext, message: EmailMessage, unsubscribeUrl: string | undefined, now: Date): Promise<Rendered | null> {
  const props = openPrivateLinks(message.props as EmailProps, ctx.linkSecret ?? authSecrets());
  try {
    if (!props) throw new Error('its private link is no longer kept (or was sealed under another AUTH_SECRET)');
    return await ctx.render(message.template as EmailTemplate, props, { ...ctx.brand, unsubscribeUrl, digestRows: props.rows });
  } catch (error) {
    // A message that cannot be rendered never will be: fail it now rather than retry it forever.
    await ctx.db
      .update(emailMessages)
      .set({ status: 'failed', lastError: `render: ${(error as Error).message}`.slice(0, 500), lockedUntil: null, props: finalProps(message) })
      .where(stillOurs(message));
    await timeline(ctx.db, message, 'email_failed', now, { error: 'render' });
    return null;
  }
}

/** Records a send's outcome: sent, to be retried later (backoff), or failed for good. */
async function recordOutcome(ctx: WorkerContext, message: EmailMessage, outcome: SendOutcome, kept: Rendered, at: Date): Promise<Outcome> {
  if (outcome.ok) {
    await record(() =>
      ctx.db
        .update(emailMessages)
        .set({ status: 'sent', providerMessageId: outcome.id, sentAt: at, ...kept, lockedUntil: null, lastError: null, props: withoutSealedLinks })
        .where(stillOurs(message)),
    );
    await timeline(ctx.db, message, 'email_sent', at, { providerMessageId: outcome.id });
    return 'sent';
  }
  if (outcome.retryable && message.attempts < message.maxAttempts) {
    const delay = backoffSeconds(message.attempts, ctx.random, outcome.retryAfterSeconds);
    await record(() =>
      ctx.db
        .update(emailMessages)
        .set({ status: 'pending', nextAttemptAt: new Date(at.getTime() + delay * 1000), lastError: outcome.error, lockedUntil: null })
        .where(stillOurs(message)),
    );
    return 'retried';
  }
  await record(() =>
    ctx.db.update(emailMessages).set({ status: 'failed', lastError: outcome.error, lockedUntil: null, props: finalProps(message) }).where(stillOurs(message)),
  );
  await timeline(ctx.db, message, 'email_failed', at, { error: outcome.error });
  return 'failed';
}
