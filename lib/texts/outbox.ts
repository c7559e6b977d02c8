// The text outbox: a text is a row written in the transaction of the change that causes it (a request, a
// booking, a move or cancellation, a reply, a staff action), so an accepted change never loses its text. The
// worker (./worker) sends them. Also the consent record: who agreed to texts, with which words, when.
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { leads, textConsents, textEvents, textMessages, textNumbers, type Appointment } from '@/db/schema';
import { sealPrivateLinks } from '@/lib/email/private-links';
import { authSecret, env } from '@/lib/env';
import { recordEmailEvent } from '@/lib/timeline/write';
import { APPOINTMENT_KINDS, parseReminderHours, usTextNumber, whyNotText, type TextKind, type TextProps } from './rules';

export type NewText = {
  kind: TextKind;
  to: string;
  timeZone: string;
  props: TextProps;
  leadId?: string;
  appointmentId?: string;
  sendAfter?: Date;
  /** At most one waiting text per key ("text-reminder:<appointment>:24"). */
  dedupeKey?: string;
  staffId?: string;
};

/** Queues a text. Its private links are stored sealed, never readable (lib/email/private-links). */
export async function enqueueText(tx: Executor, text: NewText, now: Date): Promise<string> {
  const [row] = await tx
    .insert(textMessages)
    .values({
      kind: text.kind,
      toNumber: text.to,
      timeZone: text.timeZone,
      props: sealPrivateLinks(text.props, authSecret()),
      maxAttempts: env().TEXT_MAX_ATTEMPTS,
      leadId: text.leadId ?? null,
      appointmentId: text.appointmentId ?? null,
      sendAfter: text.sendAfter ?? now,
      dedupeKey: text.dedupeKey ?? null,
      sentByStaffId: text.staffId ?? null,
      createdAt: now,
    })
    .returning({ id: textMessages.id });
  if (text.leadId) {
    await recordEmailEvent(tx, {
      leadId: text.leadId,
      type: 'text_queued',
      actorType: text.staffId ? 'staff' : 'system',
      actorStaffId: text.staffId ?? null,
      payload: { textId: row!.id, kind: text.kind, sendAfter: (text.sendAfter ?? now).toISOString() },
      occurredAt: now,
    });
  }
  return row!.id;
}

/** Records consent to texts for the lead's number, with the words the person saw (TCPA: kept as given). */
export async function recordTextConsent(
  tx: Executor,
  args: { leadId: string; phone: string; source: 'chose_text' | 'reminder_box'; wording: string; now: Date },
): Promise<void> {
  await tx.insert(textConsents).values({ leadId: args.leadId, phoneE164: args.phone, source: args.source, wording: args.wording, givenAt: args.now });
  await recordEmailEvent(tx, { leadId: args.leadId, type: 'text_consent_given', actorType: 'patient', payload: { source: args.source }, occurredAt: args.now });
}

export type TextableLead = { leadId: string; phone: string; timeZone: string; firstName: string };

/**
 * The lead's number when texts may go to it for `kind`: a US number, consent given for that number, not opted
 * out, not known to be unreachable. Null otherwise (nothing is queued).
 */
export async function textableLead(tx: Executor, leadId: string, kind: TextKind): Promise<TextableLead | null> {
  const [lead] = await tx
    .select({ id: leads.id, phone: leads.phoneE164, timeZone: leads.timeZone, firstName: leads.firstName })
    .from(leads)
    .where(and(eq(leads.id, leadId), isNull(leads.erasedAt)));
  const phone = usTextNumber(lead?.phone);
  if (!lead || !phone) return null;
  const [consent] = await tx
    .select({ id: textConsents.id })
    .from(textConsents)
    .where(and(eq(textConsents.leadId, leadId), eq(textConsents.phoneE164, phone)))
    .orderBy(desc(textConsents.givenAt))
    .limit(1);
  const [state] = await tx.select().from(textNumbers).where(eq(textNumbers.phoneE164, phone));
  if (whyNotText(kind, state, Boolean(consent))) return null;
  return { leadId, phone, timeZone: lead.timeZone, firstName: lead.firstName };
}

/** The hours before an appointment that text reminders go (TEXT_REMINDER_HOURS). */
export function reminderHours(): number[] {
  return parseReminderHours(env().TEXT_REMINDER_HOURS) ?? [24, 2];
}

export type BookingTextContext = { leadId: string; timeZone: string; reference: string; manageUrl: string; firstName: string };
type Provider = { timeZone: string } | null;

function bookingProps(appointment: Appointment, ctx: BookingTextContext, provider: Provider): TextProps {
  return {
    firstName: ctx.firstName,
    reference: ctx.reference,
    startsAt: appointment.startsAt.toISOString(),
    timeZone: ctx.timeZone,
    clinicTimeZone: provider?.timeZone,
    manageUrl: ctx.manageUrl,
  };
}

/** The confirmation (or "moved") text of a new or moved appointment and its reminders, when the patient agreed to texts. */
export async function enqueueBookingTexts(
  tx: Executor,
  kind: 'booking-confirmed' | 'booking-rescheduled',
  appointment: Appointment,
  ctx: BookingTextContext,
  provider: Provider,
  now: Date,
): Promise<void> {
  const to = await textableLead(tx, ctx.leadId, kind);
  if (!to) return;
  const props = bookingProps(appointment, ctx, provider);
  const base = { to: to.phone, timeZone: ctx.timeZone, leadId: ctx.leadId, appointmentId: appointment.id };
  await enqueueText(tx, { ...base, kind, props }, now);
  for (const hours of reminderHours()) {
    const at = new Date(appointment.startsAt.getTime() - hours * 3_600_000);
    if (at <= now) continue;
    await enqueueText(tx, { ...base, kind: 'appointment-reminder', props: { ...props, hoursBefore: hours }, sendAfter: at, dedupeKey: `text-reminder:${appointment.id}:${hours}` }, now);
  }
}

/** The "cancelled" text of an appointment, when the patient agreed to texts. */
export async function enqueueCancelledText(
  tx: Executor,
  appointment: Appointment,
  ctx: Omit<BookingTextContext, 'manageUrl'> & { bookAgainUrl: string },
  provider: Provider,
  now: Date,
): Promise<void> {
  const to = await textableLead(tx, ctx.leadId, 'booking-cancelled');
  if (!to) return;
  const props: TextProps = { firstName: ctx.firstName, reference: ctx.reference, startsAt: appointment.startsAt.toISOString(), timeZone: ctx.timeZone, clinicTimeZone: provider?.timeZone, bookAgainUrl: ctx.bookAgainUrl };
  await enqueueText(tx, { kind: 'booking-cancelled', to: to.phone, timeZone: ctx.timeZone, leadId: ctx.leadId, appointmentId: appointment.id, props }, now);
}

/** Cancels the waiting confirmations and reminders of an appointment that was moved or cancelled. */
export async function cancelPendingTextsForAppointment(tx: Executor, appointmentId: string): Promise<number> {
  const rows = await tx
    .update(textMessages)
    .set({ status: 'cancelled', lastError: 'superseded', props: {} })
    .where(and(eq(textMessages.appointmentId, appointmentId), eq(textMessages.status, 'pending'), inArray(textMessages.kind, [...APPOINTMENT_KINDS])))
    .returning({ id: textMessages.id });
  return rows.length;
}

/** Cancels every waiting text to a number (it opted out): nothing more goes but STOP's own confirmation. */
export async function cancelPendingTextsTo(tx: Executor, phone: string, reason: string): Promise<number> {
  const rows = await tx
    .update(textMessages)
    .set({ status: 'cancelled', lastError: reason, props: {} })
    .where(and(eq(textMessages.toNumber, phone), eq(textMessages.status, 'pending'), ne(textMessages.kind, 'opt-out-confirmation')))
    .returning({ id: textMessages.id });
  return rows.length;
}

/**
 * Erasure (lib/privacy): the person's texts keep their kind, status and times but lose the number, the body and
 * the props; waiting ones are cancelled; consents and webhook payloads go. An opt-out (text_numbers) stays: it
 * is what keeps the number from being texted again.
 */
export async function eraseTextsOf(tx: Executor, leadId: string): Promise<number> {
  const rows = await tx
    .update(textMessages)
    .set({
      toNumber: 'erased',
      body: null,
      props: {},
      lastError: null,
      status: sql`case when ${textMessages.status} in ('pending', 'held') then 'cancelled'::text_status else ${textMessages.status} end`,
    })
    .where(eq(textMessages.leadId, leadId))
    .returning({ id: textMessages.id });
  await tx.delete(textConsents).where(eq(textConsents.leadId, leadId));
  await tx.update(textEvents).set({ payload: {} }).where(eq(textEvents.leadId, leadId));
  return rows.length;
}
