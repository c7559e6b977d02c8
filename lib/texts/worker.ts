// The text outbox's worker: claims due texts (lib/outbox/due: FOR UPDATE SKIP LOCKED, a lease), checks each
// still may go (switches, opt-out, a moved appointment, a late reminder), holds it until 8am when the patient's
// clock says it is night, and sends it through Twilio. Twilio takes no idempotency key for a text, so a retry
// after a lost answer (timeout, crash between send and record) first asks Twilio for a text with the same body
// to the same number since the first try, and records that one instead of sending again. 429/5xx/network
// errors retry with the email outbox's backoff; other 4xx fail at once. Without Twilio credentials: held.
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { retryTransient } from '@/db/retry';
import { appointments, textMessages, textNumbers, textSettings, type TextMessage } from '@/db/schema';
import { openPrivateLinks, hidePrivateLinks } from '@/lib/email/private-links';
import type { EmailProps } from '@/lib/email/outbox';
import { backoffSeconds } from '@/lib/email/worker';
import { claimDue } from '@/lib/outbox/due';
import { recordEmailEvent } from '@/lib/timeline/write';
import { APPOINTMENT_KINDS, isTextKind, numberVerdict, quietHoursDecision, renderText, textReminderDecision, TEXT_KINDS, type TextBrand, type TextKind, type TextProps } from './rules';
import type { TextSendOutcome, TextTransport } from './transport';

export type TextWorkerContext = {
  db: Database;
  /** null: preview mode, texts are rendered and kept for staff to read. */
  transport: TextTransport | null;
  brand: TextBrand;
  clinicTimeZone: string;
  /** Where Twilio reports delivery (the status webhook), or none. */
  statusCallback?: string;
  reminderHours: readonly number[];
  sendRatePerSecond: number;
  lockSeconds?: number;
  linkSecret: string | readonly string[];
  random?: () => number;
  /** False only on the e2e test server (TEXT_QUIET_HOURS_OFF): texts then go at any hour. */
  quietHours?: boolean;
};

export type TextRunSummary = { claimed: number; sent: number; held: number; retried: number; failed: number; cancelled: number; deferred: number };
type Outcome = Exclude<keyof TextRunSummary, 'claimed'>;

const columns = {
  id: textMessages.id,
  status: textMessages.status,
  sendAfter: textMessages.sendAfter,
  nextAttemptAt: textMessages.nextAttemptAt,
  lockedUntil: textMessages.lockedUntil,
  attempts: textMessages.attempts,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Writes an outcome again after a short wait if the connection failed: a sent text left unrecorded would go twice. */
const record = (write: () => Promise<unknown>) => retryTransient(write);
/** An update applies only while the claim is still this pass's. */
const stillOurs = (t: TextMessage) => and(eq(textMessages.id, t.id), eq(textMessages.status, 'sending'), eq(textMessages.attempts, t.attempts));

/** One pass: claim, then check, render, send and record each text in turn. */
export async function runTextWorkerOnce(ctx: TextWorkerContext, now: Date = new Date(), limit = 20): Promise<TextRunSummary> {
  const summary: TextRunSummary = { claimed: 0, sent: 0, held: 0, retried: 0, failed: 0, cancelled: 0, deferred: 0 };
  const claimed = await claimDue<TextMessage>(ctx.db, textMessages, columns, now, limit, ctx.lockSeconds ?? 600);
  summary.claimed = claimed.length;
  let sentBefore = false;
  for (const text of claimed) {
    if (sentBefore && ctx.transport) await sleep(1000 / ctx.sendRatePerSecond);
    const outcome = await processText(ctx, text, now);
    sentBefore = outcome === 'sent' || outcome === 'retried' || outcome === 'failed';
    summary[outcome]++;
  }
  return summary;
}

async function processText(ctx: TextWorkerContext, text: TextMessage, now: Date): Promise<Outcome> {
  const kind = text.kind as TextKind;
  const reason = isTextKind(text.kind) ? await whyNotSend(ctx, text, kind, now) : 'unknown kind';
  if (reason) {
    await ctx.db.update(textMessages).set({ status: 'cancelled', lastError: reason, lockedUntil: null, props: {} }).where(stillOurs(text));
    await timeline(ctx.db, text, 'text_failed', now, { cancelled: reason });
    return 'cancelled';
  }
  const quiet = ctx.quietHours === false ? ({ now: true } as const) : quietHoursDecision(kind, now, text.timeZone);
  if (!quiet.now) {
    // Night in the patient's zone: back to waiting until 8am there; the claim does not count as a try.
    await ctx.db
      .update(textMessages)
      .set({ status: 'pending', attempts: sql`${textMessages.attempts} - 1`, nextAttemptAt: quiet.at, lockedUntil: null })
      .where(stillOurs(text));
    return 'deferred';
  }
  const props = openPrivateLinks(text.props as EmailProps, ctx.linkSecret) as TextProps | null;
  if (!props) {
    await ctx.db.update(textMessages).set({ status: 'failed', lastError: 'render: its private link is no longer kept', lockedUntil: null }).where(stillOurs(text));
    return 'failed';
  }
  const body = renderText(kind, props, ctx.brand, ctx.clinicTimeZone);
  const kept = hidePrivateLinks(body);
  if (!ctx.transport) {
    await ctx.db.update(textMessages).set({ status: 'held', body: kept, lockedUntil: null, props: {} }).where(stillOurs(text));
    return 'held';
  }
  const outgoing = { to: text.toNumber, body, ...(ctx.statusCallback ? { statusCallback: ctx.statusCallback } : {}) };
  // An earlier try may have reached Twilio without our hearing back: find it rather than send twice.
  if (text.firstTriedAt) {
    const known = async (sid: string) => (await ctx.db.select({ id: textMessages.id }).from(textMessages).where(eq(textMessages.providerSid, sid))).length > 0;
    const found = await ctx.transport.findAccepted(outgoing, text.firstTriedAt, known).catch(() => undefined);
    if (found === undefined) return recordOutcome(ctx, text, { ok: false, retryable: true, error: 'network: could not check an earlier try', errorCode: null }, kept, now);
    if (found) return recordOutcome(ctx, text, { ok: true, sid: found }, kept, now);
  } else {
    await record(() => ctx.db.update(textMessages).set({ firstTriedAt: now }).where(stillOurs(text)));
  }
  return recordOutcome(ctx, text, await ctx.transport.send(outgoing), kept, now);
}

/** Why a claimed text must not go out (the reason staff read), or null. */
async function whyNotSend(ctx: TextWorkerContext, text: TextMessage, kind: TextKind, now: Date): Promise<string | null> {
  const [settings] = await ctx.db.select().from(textSettings).where(eq(textSettings.id, 1));
  const keyword = kind === 'opt-out-confirmation' || kind === 'opt-in-confirmation' || kind === 'help';
  if (!keyword && settings && (!settings.enabled || (TEXT_KINDS[kind].switchable && settings.disabledKinds.includes(kind)))) return 'turned off by an admin';
  const [state] = await ctx.db.select().from(textNumbers).where(eq(textNumbers.phoneE164, text.toNumber));
  if (kind !== 'opt-out-confirmation' && kind !== 'help' && state?.optedOutAt) return 'opted out (STOP)';
  if (state?.undeliverableAt) return 'number cannot take texts';
  if (!text.appointmentId || !APPOINTMENT_KINDS.includes(kind)) return null;
  const [appointment] = await ctx.db.select({ status: appointments.status, startsAt: appointments.startsAt }).from(appointments).where(eq(appointments.id, text.appointmentId));
  const props = text.props as TextProps;
  if (!appointment || appointment.status !== 'booked') return 'superseded';
  if (props.startsAt && new Date(props.startsAt).getTime() !== appointment.startsAt.getTime()) return 'superseded';
  if (kind !== 'appointment-reminder') return null;
  const decision = textReminderDecision(appointment.startsAt, now, props.hoursBefore ?? 24, ctx.reminderHours);
  return decision.send ? null : decision.reason;
}

/** Records a send's outcome: sent, to be retried later (backoff), or failed for good (a bad number is marked). */
async function recordOutcome(ctx: TextWorkerContext, text: TextMessage, outcome: TextSendOutcome, kept: string, at: Date): Promise<Outcome> {
  if (outcome.ok) {
    await record(() =>
      ctx.db
        .update(textMessages)
        .set({ status: 'sent', providerSid: outcome.sid, sentAt: at, body: kept, lockedUntil: null, lastError: null, props: {} })
        .where(stillOurs(text)),
    );
    await timeline(ctx.db, text, 'text_sent', at, { sid: outcome.sid });
    return 'sent';
  }
  if (outcome.retryable && text.attempts < text.maxAttempts) {
    const delay = backoffSeconds(text.attempts, ctx.random);
    await record(() =>
      ctx.db
        .update(textMessages)
        .set({ status: 'pending', nextAttemptAt: new Date(at.getTime() + delay * 1000), lastError: outcome.error, errorCode: outcome.errorCode, lockedUntil: null })
        .where(stillOurs(text)),
    );
    return 'retried';
  }
  await record(() =>
    ctx.db.update(textMessages).set({ status: 'failed', body: kept, lastError: outcome.error, errorCode: outcome.errorCode, lockedUntil: null }).where(stillOurs(text)),
  );
  const verdict = numberVerdict(outcome.errorCode);
  if (verdict) await markNumber(ctx.db, text.toNumber, verdict, outcome.errorCode, at);
  await timeline(ctx.db, text, 'text_failed', at, { error: outcome.error.slice(0, 200), errorCode: outcome.errorCode, numberProblem: verdict });
  return 'failed';
}

/** What a failure says about the number itself: opted out at Twilio, or unable to take texts. */
export async function markNumber(db: Executor, phone: string, verdict: 'undeliverable' | 'opted_out', errorCode: string | null, at: Date) {
  const set = verdict === 'opted_out' ? { optedOutAt: at, optOutKeyword: 'carrier' } : { undeliverableAt: at, lastErrorCode: errorCode };
  await db.insert(textNumbers).values({ phoneE164: phone, ...set }).onConflictDoUpdate({ target: textNumbers.phoneE164, set });
}

async function timeline(db: Database, text: TextMessage, type: 'text_sent' | 'text_failed', at: Date, detail: Record<string, unknown>) {
  if (!text.leadId) return;
  await recordEmailEvent(db, { leadId: text.leadId, type, actorType: 'system', payload: { textId: text.id, kind: text.kind, ...detail }, occurredAt: at });
}
