// Submitting a consultation request: one transaction that matches or creates the lead, records the
// request and its timeline entry, books the slot (the database refuses a double booking) and writes
// every email the request causes into the outbox.
import { and, eq, isNull, or } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { PG_UNIQUE_VIOLATION, pgErrorCode, QueryFailed } from '@/db/errors';
import { retryTransient } from '@/db/retry';
import { failureKind } from '@/lib/http/failure';
import { componentLogger } from '@/lib/log';
import { consultationRequests, leads, type Lead } from '@/db/schema';
import { manageUrl } from '@/lib/booking/links';
import { getDefaultProvider } from '@/lib/booking/queries';
import type { Slot } from '@/lib/booking/rules';
import { alternativesTo, enqueueBookingEmails, insertAppointment, SlotUnavailableError } from '@/lib/booking/service';
import { enqueueEmail } from '@/lib/email/outbox';
import { appUrl, env } from '@/lib/env';
import { addressForLimits } from '@/lib/security/client-ip';
import { hitRateLimits, limitKey, type Limit } from '@/lib/security/rate-limit';
import { CALL_TO_ARRANGE, type ConsultationRequestInput } from './schema';
import { recordActivity } from './timeline';
import { newReference, statusAfterRequest } from './rules';
import { RED_FLAG_QUESTIONS, triageRedFlags, type RedFlagAnswers } from './triage';

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
        const alternatives = wanted && provider ? await alternativesTo(db, provider.id, wanted, ctx.now) : [];
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

async function writeRequest(
  tx: Executor,
  input: ConsultationRequestInput,
  ctx: SubmitContext,
  provider: Awaited<ReturnType<typeof getDefaultProvider>>,
  wanted: Date | null,
): Promise<SubmitSuccess> {
  const { now } = ctx;
  const answers: RedFlagAnswers = Object.fromEntries(RED_FLAG_QUESTIONS.map((q) => [q.id, input[q.id]]));
  const triage = triageRedFlags(answers);
  const urgent = triage.urgency === 'urgent';
  const attribution = {
    sourcePage: input.sourcePage ?? null,
    landingPage: input.landingPage ?? null,
    referrer: input.referrer ?? null,
    utmSource: input.utmSource ?? null,
    utmMedium: input.utmMedium ?? null,
    utmCampaign: input.utmCampaign ?? null,
    utmTerm: input.utmTerm ?? null,
    utmContent: input.utmContent ?? null,
  };
  const contact = {
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
  };

  const matched = await matchLead(tx, input);
  let lead: Lead;
  let differences: Record<string, string> | undefined;
  if (matched) {
    // Nobody has proved they own this email or phone: a returning request never overwrites who the person
    // is. Empty fields are filled; anything that differs is shown to staff on the timeline instead.
    const fill: Partial<Lead> = {};
    if (!matched.email) Object.assign(fill, { email: input.email, emailNormalized: input.emailNormalized, emailUndeliverable: false });
    if (!matched.phoneE164) fill.phoneE164 = input.phone;
    if (!matched.contactConsentAt) fill.contactConsentAt = now;
    if (!matched.privacyAcknowledgedAt) fill.privacyAcknowledgedAt = now;
    const compare: [string, string | null, string][] = [
      ['firstName', matched.firstName, input.firstName],
      ['lastName', matched.lastName, input.lastName],
      ['phone', matched.phoneE164, input.phone],
      ['email', matched.emailNormalized, input.emailNormalized],
    ];
    const changed = compare.filter(([, was, now_]) => was !== null && was !== now_);
    if (changed.length) differences = Object.fromEntries(changed.map(([k, , v]) => [k, v]));
    [lead] = (await tx
      .update(leads)
      .set({ ...fill, version: matched.version + 1 })
      .where(eq(leads.id, matched.id))
      .returning()) as [Lead];
  } else {
    [lead] = (await tx
      .insert(leads)
      .values({ ...contact, ...attribution, createdAt: now, updatedAt: now, lastActivityAt: now })
      .returning()) as [Lead];
  }

  const [request] = await tx
    .insert(consultationRequests)
    .values({
      leadId: lead.id,
      reference: newReference(),
      idempotencyKey: input.idempotencyKey,
      painArea: input.painArea,
      painDuration: input.painDuration,
      painLevel: input.painLevel,
      treatmentsTried: input.treatmentsTried,
      surgeryRecommended: input.surgeryRecommended,
      redFlags: triage.redFlags,
      hasRedFlags: urgent,
      message: input.message ?? null,
      preferredContact: input.preferredContact,
      bestTimeToCall: input.bestTimeToCall,
      timeZone: input.timeZone,
      wantsCallToArrange: wanted === null,
      ...attribution,
      submittedAt: now,
    })
    .returning();
  await recordActivity(tx, {
    leadId: lead.id,
    type: 'request_submitted',
    actorType: 'patient',
    payload: {
      requestId: request!.id,
      reference: request!.reference,
      returning: Boolean(matched),
      // Contact details this request gave that differ from the record (staff decide which is right).
      ...(differences ? { differentContactDetails: differences } : {}),
      ...(matched && input.marketingOptIn ? { marketingOptIn: true } : {}),
      redFlags: triage.redFlags,
      sourcePage: attribution.sourcePage,
    },
    occurredAt: now,
  });

  const appointment =
    wanted && provider
      ? await insertAppointment(tx, {
          providerId: provider.id,
          leadId: lead.id,
          consultationRequestId: request!.id,
          start: wanted,
          now,
          actor: { type: 'patient' },
        })
      : null;
  if (wanted && !provider) throw new SlotUnavailableError('slot_unavailable');
  if (appointment) {
    await recordActivity(tx, {
      leadId: lead.id,
      type: 'appointment_booked',
      actorType: 'patient',
      payload: { appointmentId: appointment.id, startsAt: appointment.startsAt.toISOString() },
      occurredAt: now,
    });
  }

  const status = statusAfterRequest(lead.status, appointment !== null);
  const updates: Partial<Lead> = {};
  if (status !== lead.status) updates.status = status;
  if (urgent && lead.urgency !== 'urgent') updates.urgency = 'urgent';
  if (!appointment) updates.nextFollowUpAt = now;
  if (Object.keys(updates).length) {
    await tx.update(leads).set(updates).where(eq(leads.id, lead.id));
    if (updates.status) {
      await recordActivity(tx, {
        leadId: lead.id,
        type: 'status_changed',
        actorType: 'system',
        payload: { from: lead.status, to: status, reason: appointment ? 'booked_by_patient' : 'new_request' },
        occurredAt: now,
      });
    }
    if (updates.urgency) {
      await recordActivity(tx, {
        leadId: lead.id,
        type: 'urgency_changed',
        actorType: 'system',
        payload: { from: lead.urgency, to: 'urgent', reason: 'red_flags' },
        occurredAt: now,
      });
    }
  }

  // Emails: the patient's, then staff's. None carries symptoms or answers.
  const ctxEmail = {
    leadId: lead.id,
    email: input.email,
    firstName: input.firstName,
    timeZone: input.timeZone,
    reference: request!.reference,
    requestId: request!.id,
  };
  if (appointment) {
    await enqueueBookingEmails(tx, 'booking-confirmed', appointment, ctxEmail, provider, now);
  } else {
    await enqueueEmail(
      tx,
      {
        template: 'request-received',
        to: input.email,
        leadId: lead.id,
        props: { firstName: input.firstName, reference: request!.reference, manageUrl: manageUrl(request!.id, now) },
      },
      now,
    );
  }
  await enqueueEmail(
    tx,
    {
      template: urgent ? 'staff-urgent-request' : 'staff-new-request',
      to: env().STAFF_ALERT_EMAIL,
      leadId: lead.id,
      props: { reference: request!.reference, dashboardUrl: `${appUrl()}/dashboard/leads/${lead.id}` },
    },
    now,
  );

  return {
    requestId: request!.id,
    reference: request!.reference,
    leadId: lead.id,
    urgent,
    appointment: appointment ? { id: appointment.id, startsAt: appointment.startsAt, endsAt: appointment.endsAt } : null,
    duplicate: false,
  };
}
