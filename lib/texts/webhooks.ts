// Twilio's webhooks: replies (inbound messages) and delivery reports (status callbacks). Each is checked
// against X-Twilio-Signature (HMAC of the public URL and the posted fields under the auth token) and recorded
// once under a key (the reply's MessageSid; a report's sid and status, or Twilio's idempotency token), so a
// replay changes nothing. A reply lands on the lead's timeline; STOP and its synonyms opt the number out at
// once (confirmed once), START opts back in, HELP is answered, "C" confirms the next appointment, anything else
// marks the lead "replied" for staff. A report moves the text's status forward and a bad number is marked.
import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import twilio from 'twilio';
import type { Database, Executor } from '@/db/client';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@/db/errors';
import { appointments, consultationRequests, leads, textEvents, textMessages, textNumbers } from '@/db/schema';
import { recordActivity, recordEmailEvent } from '@/lib/timeline/write';
import { cancelPendingTextsTo, enqueueText } from './outbox';
import { deliveryStatus, numberVerdict, replyMeaning, statusMovesForward, usTextNumber, type TextKind } from './rules';
import { markNumber } from './worker';

export type TwilioWebhookResult =
  | { ok: true; status: 'recorded' | 'replayed' | 'ignored' }
  | { ok: false; code: 'unsigned' | 'bad_signature' | 'not_configured' };

type Signed = { authToken: string | undefined; url: string; signature: string | null; params: Record<string, string> };

/** The signature check; the URL is the public one Twilio was given (APP_URL + path), not what a proxy forwarded. */
function verify(s: Signed): { ok: false; code: 'unsigned' | 'bad_signature' | 'not_configured' } | null {
  if (!s.authToken) return { ok: false, code: 'not_configured' };
  if (!s.signature) return { ok: false, code: 'unsigned' };
  return twilio.validateRequest(s.authToken, s.signature, s.url, s.params) ? null : { ok: false, code: 'bad_signature' };
}

/** Inserts the event under its key; false when it was already recorded (a replay). */
async function firstDelivery(tx: Executor, row: typeof textEvents.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(textEvents).values(row).onConflictDoNothing({ target: textEvents.eventKey }).returning({ id: textEvents.id });
  return inserted.length > 0;
}

const SID = /^[A-Za-z0-9]{10,64}$/;

export async function handleInboundText(db: Database, signed: Signed, now: Date): Promise<TwilioWebhookResult> {
  const refused = verify(signed);
  if (refused) return refused;
  const { MessageSid: sid = '', From: rawFrom = '', Body: body = '' } = signed.params;
  const from = usTextNumber(rawFrom) ?? rawFrom;
  if (!SID.test(sid)) return { ok: true, status: 'ignored' };
  return db.transaction(async (tx) => {
    const [lead] = await tx
      .select({ id: leads.id, timeZone: leads.timeZone, firstName: leads.firstName })
      .from(leads)
      .where(and(eq(leads.phoneE164, from), isNull(leads.erasedAt)))
      .orderBy(desc(leads.createdAt))
      .limit(1);
    const meaning = replyMeaning(body);
    const fresh = await firstDelivery(tx, { eventKey: `in:${sid}`, kind: 'inbound', leadId: lead?.id ?? null, payload: { meaning }, receivedAt: now });
    if (!fresh) return { ok: true, status: 'replayed' } as const;
    const zone = lead?.timeZone ?? 'America/New_York';
    const answer = (kind: TextKind, props = {}) => enqueueText(tx, { kind, to: from, timeZone: zone, props, ...(lead ? { leadId: lead.id } : {}) }, now);
    if (meaning === 'stop') await optOut(tx, from, body, lead?.id, now, answer);
    else if (meaning === 'start') await optIn(tx, from, lead?.id, now, answer);
    else if (meaning === 'help') await answer('help');
    if (lead) await recordReply(tx, lead.id, body, meaning, now, answer);
    return { ok: true, status: 'recorded' } as const;
  });
}

type Answer = (kind: TextKind, props?: Record<string, unknown>) => Promise<string>;

/** STOP: the number is opted out at once and every waiting text to it cancelled; the confirmation goes once. */
async function optOut(tx: Executor, phone: string, body: string, leadId: string | undefined, now: Date, answer: Answer) {
  const [state] = await tx.select().from(textNumbers).where(eq(textNumbers.phoneE164, phone)).for('update');
  await cancelPendingTextsTo(tx, phone, 'opted out (STOP)');
  if (state?.optedOutAt) return;
  const keyword = body.trim().toUpperCase().slice(0, 20);
  await tx
    .insert(textNumbers)
    .values({ phoneE164: phone, optedOutAt: now, optOutKeyword: keyword })
    .onConflictDoUpdate({ target: textNumbers.phoneE164, set: { optedOutAt: now, optOutKeyword: keyword } });
  if (leadId) await recordEmailEvent(tx, { leadId, type: 'text_opted_out', actorType: 'patient', payload: { keyword }, occurredAt: now });
  await answer('opt-out-confirmation');
}

/** START: texts to the number are allowed again (the consent given before still stands). */
async function optIn(tx: Executor, phone: string, leadId: string | undefined, now: Date, answer: Answer) {
  const [state] = await tx.select().from(textNumbers).where(eq(textNumbers.phoneE164, phone)).for('update');
  if (!state?.optedOutAt) return;
  await tx.update(textNumbers).set({ optedOutAt: null, optOutKeyword: null }).where(eq(textNumbers.phoneE164, phone));
  if (leadId) await recordEmailEvent(tx, { leadId, type: 'text_opted_in', actorType: 'patient', payload: {}, occurredAt: now });
  await answer('opt-in-confirmation');
}

/** The reply on the timeline; "C" confirms the next appointment, anything that is not a keyword waits for staff. */
async function recordReply(tx: Executor, leadId: string, body: string, meaning: string, now: Date, answer: Answer) {
  let confirmed: { id: string; startsAt: Date } | undefined;
  if (meaning === 'confirm') {
    [confirmed] = await tx
      .select({ id: appointments.id, startsAt: appointments.startsAt })
      .from(appointments)
      .where(and(eq(appointments.leadId, leadId), eq(appointments.status, 'booked'), gt(appointments.startsAt, now)))
      .orderBy(asc(appointments.startsAt))
      .limit(1);
  }
  const forStaff = meaning === 'message' || (meaning === 'confirm' && !confirmed);
  await recordActivity(tx, {
    leadId,
    type: 'text_received',
    actorType: 'patient',
    payload: { body: body.slice(0, 1600), meaning, ...(confirmed ? { confirmedAppointmentId: confirmed.id } : {}) },
    occurredAt: now,
  });
  if (forStaff) await tx.update(leads).set({ textRepliedAt: now }).where(eq(leads.id, leadId));
  if (confirmed) {
    const [request] = await tx.select({ timeZone: consultationRequests.timeZone }).from(consultationRequests).where(eq(consultationRequests.leadId, leadId)).orderBy(desc(consultationRequests.submittedAt)).limit(1);
    await answer('appointment-confirmed', { startsAt: confirmed.startsAt.toISOString(), ...(request ? { timeZone: request.timeZone } : {}) });
  }
}

export async function handleTextStatus(db: Database, signed: Signed, idempotencyToken: string | null, now: Date): Promise<TwilioWebhookResult> {
  const refused = verify(signed);
  if (refused) return refused;
  const { MessageSid: sid = '', MessageStatus: raw = '', ErrorCode: code } = signed.params;
  const status = deliveryStatus(raw);
  if (!SID.test(sid)) return { ok: true, status: 'ignored' };
  const errorCode = code && /^\d{1,6}$/.test(code) ? code : null;
  const key = idempotencyToken && idempotencyToken.length <= 200 ? `st:${idempotencyToken}` : `st:${sid}:${raw.slice(0, 30)}`;
  return db.transaction(async (tx) => {
    const [text] = await tx.select().from(textMessages).where(eq(textMessages.providerSid, sid)).for('update');
    const fresh = await firstDelivery(tx, { eventKey: key, kind: 'status', textMessageId: text?.id ?? null, leadId: text?.leadId ?? null, payload: { status: raw.slice(0, 30), errorCode }, receivedAt: now });
    if (!fresh) return { ok: true, status: 'replayed' } as const;
    if (!text || !status || !statusMovesForward(text.status, status)) return { ok: true, status: 'ignored' } as const;
    await tx
      .update(textMessages)
      .set({ status, ...(status === 'delivered' ? { deliveredAt: now } : {}), ...(errorCode ? { errorCode } : {}) })
      .where(eq(textMessages.id, text.id));
    const verdict = status === 'undelivered' || status === 'failed' ? numberVerdict(errorCode) : null;
    if (verdict) await markNumber(tx, text.toNumber, verdict, errorCode, now);
    if (text.leadId && status !== 'sent') {
      await recordEmailEvent(tx, {
        leadId: text.leadId,
        type: status === 'delivered' ? 'text_delivered' : 'text_failed',
        actorType: 'system',
        payload: { textId: text.id, kind: text.kind, status, errorCode, numberProblem: verdict },
        occurredAt: now,
      });
    }
    return { ok: true, status: 'recorded' } as const;
  });
}

/** Whether a unique-key race lost to another delivery of the same event (answered as a replay). */
export function isReplayRace(error: unknown): boolean {
  return pgErrorCode(error) === PG_UNIQUE_VIOLATION;
}
