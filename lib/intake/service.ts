// Submitting a consultation request: one transaction that matches or creates the lead, records the
// request and its timeline entry, books the slot (the database refuses a double booking) and writes
// every email the request causes into the outbox.
import { and, eq, isNull, or } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { PG_UNIQUE_VIOLATION, pgErrorCode, QueryFailed } from '@/db/errors';
import { retryTransient } from '@/db/retry';
import { failureKind } from '@/lib/http/failure';
import { componentLogger } from '@/lib/log';
import { consultationRequests, leads, type Appointment, type Lead } from '@/db/schema';
import { manageUrl } from '@/lib/booking/links';
import { getDefaultProvider, type BookableProvider } from '@/lib/booking/queries';
import type { Slot } from '@/lib/booking/rules';
import { alternativesTo, enqueueBookingEmails, insertAppointment, SlotUnavailableError } from '@/lib/booking/service';
import { enqueueEmail } from '@/lib/email/outbox';
import { appUrl, clinic, env } from '@/lib/env';
import { enqueueText, recordTextConsent, textableLead } from '@/lib/texts/outbox';
import { CONSENT_WORDING, consentSource, usTextNumber } from '@/lib/texts/rules';
import { addressForLimits } from '@/lib/security/client-ip';
import { hitRateLimits, limitKey, type Limit } from '@/lib/security/rate-limit';
import { CALL_TO_ARRANGE, type ConsultationRequestInput } from './schema';
import { recordActivity } from '@/lib/timeline/write';
import { mergeReturningLead, newReference, requestConsequences } from './rules';
import { RED_FLAG_QUESTIONS, triageRedFlags, type RedFlagAnswers, type RedFlagTriage } from './triage';

export type SubmitContext = {
  now: Date;
  ip: string | null;
  /** Overrides SUBMISSION_LIMITS.perIp.max (FORM_MAX_PER_IP_PER_HOUR): a clinic behind one shared address may need more. */
  maxPerIp?: number;
};

export type SubmitSuccess = {
  requestId: string;
  reference: string;
  leadId: string;
  urgent: boolean;
  appointment: { id: string; startsAt: Date; endsAt: Date } | null;
  /** True when this was a repeat of a request already accepted (double click, retried POST). */
  duplicate: boolean;
};

export type SubmitResult =
  | { ok: true; data: SubmitSuccess }
  | { ok: false; code: 'slot_taken' | 'slot_unavailable'; alternatives: Slot[] }
  | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

/** Submissions allowed per IP and per email address: generous for people, useless for a script. */
export const SUBMISSION_LIMITS = {
  perIp: { max: 10, windowSeconds: 3_600 },
  perEmail: { max: 3, windowSeconds: 3_600 },
};

/**
 * The whole submission, again after a short wait if the database connection failed (PostgreSQL restarting):
 * safe because a repeat finds the first attempt's request by its idempotency key, if that one was committed
 * before the connection went.
 */
export async function submitConsultationRequest(db: Database, input: ConsultationRequestInput, ctx: SubmitContext): Promise<SubmitResult> {
  return retryTransient(() => submitOnce(db, input, ctx), {
    onRetry: (error, attempt, delayMs) =>
      componentLogger('leads').warn({ attempt, delayMs, kind: failureKind(error) }, 'consultation request: database connection failed; retrying'),
  });
}

async function submitOnce(db: Database, input: ConsultationRequestInput, ctx: SubmitContext): Promise<SubmitResult> {
  const existing = await findByIdempotencyKey(db, input.idempotencyKey);
  if (existing) return { ok: true, data: existing };

  const limits: Limit[] = [{ key: limitKey('consult:email', input.emailNormalized), ...SUBMISSION_LIMITS.perEmail }];
  // No known address is one shared address: counted together, never skipped.
  limits.push({ key: limitKey('consult:ip', addressForLimits(ctx.ip)), ...SUBMISSION_LIMITS.perIp, max: ctx.maxPerIp ?? SUBMISSION_LIMITS.perIp.max });
  const provider = await getDefaultProvider(db);
  const wanted = input.slot === CALL_TO_ARRANGE ? null : new Date(input.slot);

  // A returning person submitting twice at once can race on the unique email: the loser retries and finds the lead.
  for (let attempt = 0; ; attempt++) {
    try {
      const data = await db.transaction(async (tx) => {
        // The request is written first, so copies of one form meet on its unique idempotency key
        // (and are answered with the first) before any of them is counted against the limits.
        const written = await writeRequest(tx, input, ctx, provider, wanted);
        const limited = await hitRateLimits(tx, limits, ctx.now);
        if (!limited.ok) throw new RateLimitedError(limited.retryAfterSeconds);
        return written;
      });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof RateLimitedError) return { ok: false, code: 'rate_limited', retryAfterSeconds: error.retryAfterSeconds };
      if (error instanceof SlotUnavailableError) {
        const alternatives = wanted && provider ? await alternativesTo(db, provider, wanted, ctx.now) : [];
        return { ok: false, code: error.code, alternatives };
      }
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION && attempt < 2) {
        // Either the same form was submitted twice at once (idempotency key) or the same person (email).
        const again = await findByIdempotencyKey(db, input.idempotencyKey);
        if (again) return { ok: true, data: again };
        continue;
      }
      // Drizzle's message carries the query's parameters (answers, names): never let them reach a log.
      throw new QueryFailed('submitConsultationRequest', error);
    }
  }
}

/** Thrown inside the transaction so that a refused request leaves nothing behind. */
class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited');
  }
}

async function findByIdempotencyKey(db: Executor, key: string): Promise<SubmitSuccess | null> {
  const request = await db.query.consultationRequests.findFirst({
    where: eq(consultationRequests.idempotencyKey, key),
  });
  if (!request) return null;
  const appointment = await db.query.appointments.findFirst({
    where: (a, { eq: equals }) => equals(a.consultationRequestId, request.id),
  });
  return {
    requestId: request.id,
    reference: request.reference,
    leadId: request.leadId,
    urgent: request.hasRedFlags,
    appointment: appointment ? { id: appointment.id, startsAt: appointment.startsAt, endsAt: appointment.endsAt } : null,
    duplicate: true,
  };
}

/** A lead for this person: the same email, else the same phone number, else a new one. */
async function matchLead(tx: Executor, input: ConsultationRequestInput): Promise<Lead | undefined> {
  const [byEmail] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.emailNormalized, input.emailNormalized), isNull(leads.erasedAt)))
    .for('update');
  if (byEmail) return byEmail;
  const [byPhone] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.phoneE164, input.phone), isNull(leads.erasedAt), or(isNull(leads.emailNormalized), eq(leads.emailNormalized, input.emailNormalized))))
    .orderBy(leads.createdAt)
    .limit(1)
    .for('update');
  return byPhone;
}

function attributionOf(input: ConsultationRequestInput) {
  return {
    sourcePage: input.sourcePage ?? null,
    landingPage: input.landingPage ?? null,
    referrer: input.referrer ?? null,
    utmSource: input.utmSource ?? null,
    utmMedium: input.utmMedium ?? null,
    utmCampaign: input.utmCampaign ?? null,
    utmTerm: input.utmTerm ?? null,
    utmContent: input.utmContent ?? null,
  };
}

type UpsertedLead = { lead: Lead; returning: boolean; differences?: Record<string, string> };

/** The matched lead, filled where empty (never overwritten: mergeReturningLead), or a new one. */
async function upsertLead(tx: Executor, input: ConsultationRequestInput, now: Date): Promise<UpsertedLead> {
  const matched = await matchLead(tx, input);
  if (matched) {
    const { fill, differences } = mergeReturningLead(matched, input, now);
    const [lead] = (await tx
      .update(leads)
      .set({ ...fill, version: matched.version + 1 })
      .where(eq(leads.id, matched.id))
      .returning()) as [Lead];
    return { lead, returning: true, ...(differences ? { differences } : {}) };
  }
  const [lead] = (await tx
    .insert(leads)
    .values({
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      emailNormalized: input.emailNormalized,
      phoneE164: input.phone,
      preferredContact: input.preferredContact,
      bestTimeToCall: input.bestTimeToCall,
      timeZone: input.timeZone,
      contactConsentAt: now,
      privacyAcknowledgedAt: now,
      // Marketing consent is only ever given by a tick; a later request without it does not withdraw it.
      ...(input.marketingOptIn ? { marketingConsent: true, marketingConsentAt: now } : {}),
      ...attributionOf(input),
      createdAt: now,
      updatedAt: now,
      lastActivityAt: now,
    })
    .returning()) as [Lead];
  return { lead, returning: false };
}

async function insertRequest(tx: Executor, leadId: string, input: ConsultationRequestInput, triage: RedFlagTriage, wantsCall: boolean, now: Date) {
  const [request] = await tx
    .insert(consultationRequests)
    .values({
      leadId,
      reference: newReference(),
      idempotencyKey: input.idempotencyKey,
      painArea: input.painArea,
      painDuration: input.painDuration,
      painLevel: input.painLevel,
      treatmentsTried: input.treatmentsTried,
      surgeryRecommended: input.surgeryRecommended,
      redFlags: triage.redFlags,
      hasRedFlags: triage.urgency === 'urgent',
      message: input.message ?? null,
      preferredContact: input.preferredContact,
      bestTimeToCall: input.bestTimeToCall,
      timeZone: input.timeZone,
      wantsCallToArrange: wantsCall,
      ...attributionOf(input),
      submittedAt: now,
    })
    .returning();
  return request!;
}

type WrittenRequest = { id: string; reference: string };

/**
 * Consent to texts, when the person gave it (chose "Text message", or ticked the separate reminder box), for the
 * number they typed, with the words they saw. The form accepts either only with a US number.
 */
async function recordTextConsentIfGiven(tx: Executor, leadId: string, input: ConsultationRequestInput, now: Date): Promise<void> {
  const source = consentSource(input);
  const phone = usTextNumber(input.phone);
  if (!source || !phone) return;
  const wording = source === 'chose_text' ? CONSENT_WORDING.choseText(clinic().name) : CONSENT_WORDING.reminderBox(clinic().name);
  await recordTextConsent(tx, { leadId, phone, source, wording, now });
}

/** Every email the request causes: the patient's (a booking confirmation, else "we received it"), then staff's. None carries symptoms or answers. */
async function enqueueRequestEmails(
  tx: Executor,
  args: { lead: Lead; input: ConsultationRequestInput; request: WrittenRequest; appointment: Appointment | null; provider: BookableProvider | null; urgent: boolean; now: Date },
): Promise<void> {
  const { lead, input, request, appointment, now } = args;
  if (appointment) {
    const ctxEmail = { leadId: lead.id, email: input.email, firstName: input.firstName, timeZone: input.timeZone, reference: request.reference, requestId: request.id };
    await enqueueBookingEmails(tx, 'booking-confirmed', appointment, ctxEmail, args.provider, now);
  } else {
    const props = { firstName: input.firstName, reference: request.reference, manageUrl: manageUrl(request.id, now) };
    await enqueueEmail(tx, { template: 'request-received', to: input.email, leadId: lead.id, props }, now);
    const textTo = await textableLead(tx, lead.id, 'request-received');
    if (textTo) await enqueueText(tx, { kind: 'request-received', to: textTo.phone, timeZone: input.timeZone, leadId: lead.id, props }, now);
  }
  await enqueueEmail(
    tx,
    {
      template: args.urgent ? 'staff-urgent-request' : 'staff-new-request',
      to: env().STAFF_ALERT_EMAIL,
      leadId: lead.id,
      props: { reference: request.reference, dashboardUrl: `${appUrl()}/dashboard/leads/${lead.id}` },
    },
    now,
  );
}

/** The request's writes, in the caller's transaction: lead, request, booking, consequences, emails. */
async function writeRequest(
  tx: Executor,
  input: ConsultationRequestInput,
  ctx: SubmitContext,
  provider: BookableProvider | null,
  wanted: Date | null,
): Promise<SubmitSuccess> {
  const { now } = ctx;
  if (wanted && !provider) throw new SlotUnavailableError('slot_unavailable');
  const answers: RedFlagAnswers = Object.fromEntries(RED_FLAG_QUESTIONS.map((q) => [q.id, input[q.id]]));
  const triage = triageRedFlags(answers);
  const urgent = triage.urgency === 'urgent';

  const { lead, returning, differences } = await upsertLead(tx, input, now);
  await recordTextConsentIfGiven(tx, lead.id, input, now);
  const request = await insertRequest(tx, lead.id, input, triage, wanted === null, now);
  const appointment =
    wanted && provider
      ? await insertAppointment(tx, { provider, leadId: lead.id, consultationRequestId: request.id, start: wanted, now, actor: { type: 'patient' } })
      : null;

  const { updates, activities } = requestConsequences({
    lead,
    returning,
    ...(differences ? { differences } : {}),
    marketingOptIn: Boolean(input.marketingOptIn),
    request: { id: request.id, reference: request.reference, sourcePage: request.sourcePage },
    urgent,
    redFlags: triage.redFlags,
    appointment,
    now,
  });
  if (Object.keys(updates).length) await tx.update(leads).set(updates).where(eq(leads.id, lead.id));
  for (const activity of activities) await recordActivity(tx, activity);

  await enqueueRequestEmails(tx, { lead, input, request, appointment, provider, urgent, now });
  return {
    requestId: request.id,
    reference: request.reference,
    leadId: lead.id,
    urgent,
    appointment: appointment ? { id: appointment.id, startsAt: appointment.startsAt, endsAt: appointment.endsAt } : null,
    duplicate: false,
  };
}
