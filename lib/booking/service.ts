// Booking use cases: book inside a request's transaction, reschedule, cancel. The database's
// exclusion constraint is the guarantee against double booking; the slot rules only decide what to offer.
import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { PG_EXCLUSION_VIOLATION, pgErrorCode } from '@/db/errors';
import { appointments, consultationRequests, leads, type Appointment } from '@/db/schema';
import { cancelPendingForAppointment, enqueueEmail } from '@/lib/email/outbox';
import { appUrl } from '@/lib/env';
import { cancelPendingTextsForAppointment, enqueueBookingTexts, enqueueCancelledText } from '@/lib/texts/outbox';
import { recordActivity } from '@/lib/timeline/write';
import { manageUrl } from './links';
import { getDefaultProvider, getSlotInput, type SlotProvider } from './queries';
import { computeFreeSlots, isSlotFree, nearestFreeSlots, type Slot } from './rules';

export type Actor = { type: 'patient' } | { type: 'staff'; staffId: string } | { type: 'system' };

/** The slot is no longer free: someone else got it, or it has passed. Thrown inside a transaction to roll it back. */
export class SlotUnavailableError extends Error {
  constructor(readonly code: 'slot_taken' | 'slot_unavailable') {
    super(code === 'slot_taken' ? 'That time was just taken' : 'That time is not available');
    this.name = 'SlotUnavailableError';
  }
}

export type BookingFailure = { ok: false; code: 'slot_taken' | 'slot_unavailable'; alternatives: Slot[] };

const REMINDER_BEFORE_MS = 24 * 3_600_000;
const reminderKey = (appointmentId: string) => `reminder:${appointmentId}`;

/** Free slots of the default provider, from now to their horizon. */
export async function listOpenSlots(db: Executor, now: Date): Promise<{ slots: Slot[]; timeZone: string } | null> {
  const provider = await getDefaultProvider(db);
  if (!provider) return null;
  const input = await getSlotInput(db, provider, now);
  return { slots: computeFreeSlots(input), timeZone: input.timeZone };
}

/** The free slots nearest a wanted time: what to offer when it was just taken. */
export async function alternativesTo(db: Executor, provider: string | SlotProvider, wanted: Date, now: Date, count = 3): Promise<Slot[]> {
  return nearestFreeSlots(computeFreeSlots(await getSlotInput(db, provider, now)), wanted, count);
}

/** Inserts an appointment in the caller's transaction; throws SlotUnavailableError (the caller's transaction then rolls back). */
export async function insertAppointment(
  tx: Executor,
  args: { provider: SlotProvider; leadId: string; consultationRequestId: string | null; start: Date; now: Date; actor: Actor },
): Promise<Appointment> {
  const slot = isSlotFree(args.start, await getSlotInput(tx, args.provider, args.now));
  if (!slot) throw new SlotUnavailableError('slot_unavailable');
  try {
    const [row] = await tx
      .insert(appointments)
      .values({
        providerId: args.provider.id,
        leadId: args.leadId,
        consultationRequestId: args.consultationRequestId,
        startsAt: slot.start,
        endsAt: slot.end,
        bookedByType: args.actor.type,
        bookedByStaffId: args.actor.type === 'staff' ? args.actor.staffId : null,
        createdAt: args.now,
        updatedAt: args.now,
      })
      .returning();
    return row!;
  } catch (error) {
    if (pgErrorCode(error) === PG_EXCLUSION_VIOLATION) throw new SlotUnavailableError('slot_taken');
    throw error;
  }
}

export type BookingEmailContext = {
  leadId: string;
  email: string | null;
  firstName: string;
  timeZone: string;
  reference: string;
  requestId: string;
};

/** The emails' context from the lead and its request (none when its data was erased); a bounced address gets none. */
export function bookingEmailContext(
  lead: { id: string; email: string | null; emailUndeliverable: boolean; firstName: string; timeZone: string },
  request: { id: string; reference: string; timeZone: string } | null,
): BookingEmailContext {
  return {
    leadId: lead.id,
    email: lead.emailUndeliverable ? null : lead.email,
    firstName: lead.firstName,
    timeZone: request?.timeZone ?? lead.timeZone,
    reference: request?.reference ?? '',
    requestId: request?.id ?? '',
  };
}

type BookingProvider = { name: string; locationName: string; address: string; timeZone: string } | null;

function bookingEmailProps(appointment: Appointment, ctx: BookingEmailContext, provider: BookingProvider, now: Date) {
  return {
    firstName: ctx.firstName,
    reference: ctx.reference,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    timeZone: ctx.timeZone,
    clinicTimeZone: provider?.timeZone,
    providerName: provider?.name,
    locationName: provider?.locationName,
    address: provider?.address,
    manageUrl: manageUrl(ctx.requestId, now),
  };
}

/** The 24-hour reminder of an appointment, when that moment is still ahead (the health check watches for it). */
export async function enqueueAppointmentReminder(
  tx: Executor,
  appointment: Appointment,
  ctx: BookingEmailContext,
  provider: BookingProvider,
  now: Date,
): Promise<void> {
  if (!ctx.email) return;
  const remindAt = new Date(appointment.startsAt.getTime() - REMINDER_BEFORE_MS);
  if (remindAt <= now) return;
  await enqueueEmail(
    tx,
    {
      template: 'appointment-reminder',
      to: ctx.email,
      props: bookingEmailProps(appointment, ctx, provider, now),
      leadId: ctx.leadId,
      appointmentId: appointment.id,
      sendAfter: remindAt,
      dedupeKey: reminderKey(appointment.id),
    },
    now,
  );
}

/** The confirmation and the 24-hour reminder of a new or moved appointment, by email, and by text when the patient agreed to texts. */
export async function enqueueBookingEmails(
  tx: Executor,
  template: 'booking-confirmed' | 'booking-rescheduled',
  appointment: Appointment,
  ctx: BookingEmailContext,
  provider: BookingProvider,
  now: Date,
): Promise<void> {
  const textContext = { leadId: ctx.leadId, timeZone: ctx.timeZone, reference: ctx.reference, firstName: ctx.firstName, manageUrl: manageUrl(ctx.requestId, now) };
  await enqueueBookingTexts(tx, template, appointment, textContext, provider, now);
  if (!ctx.email) return;
  await enqueueEmail(tx, { template, to: ctx.email, props: bookingEmailProps(appointment, ctx, provider, now), leadId: ctx.leadId, appointmentId: appointment.id }, now);
  await enqueueAppointmentReminder(tx, appointment, ctx, provider, now);
}

/** The appointment of a request with what its emails need, locked for the change. */
async function lockAppointment(tx: Executor, appointmentId: string) {
  const [row] = await tx
    .select({ appointment: appointments, lead: leads, request: consultationRequests })
    .from(appointments)
    .innerJoin(leads, eq(leads.id, appointments.leadId))
    .leftJoin(consultationRequests, eq(consultationRequests.id, appointments.consultationRequestId))
    .where(eq(appointments.id, appointmentId))
    .for('update', { of: appointments });
  return row;
}

export type ChangeResult = { ok: true; appointment: Appointment } | BookingFailure | { ok: false; code: 'not_found' | 'not_active' };

/** Moves a booked appointment; `db` may be the caller's transaction (this then runs in a savepoint of it). */
export async function rescheduleAppointment(
  db: Executor,
  args: { appointmentId: string; newStart: Date; now: Date; actor: Actor },
): Promise<ChangeResult> {
  let providerId: string | undefined;
  try {
    return await db.transaction(async (tx) => {
      const row = await lockAppointment(tx, args.appointmentId);
      if (!row) return { ok: false, code: 'not_found' } as const;
      const { appointment, lead, request } = row;
      providerId = appointment.providerId;
      if (appointment.status !== 'booked' || appointment.startsAt <= args.now) return { ok: false, code: 'not_active' } as const;
      const input = await getSlotInput(tx, appointment.providerId, args.now, { ignoreAppointmentId: appointment.id });
      const slot = isSlotFree(args.newStart, input);
      if (!slot) throw new SlotUnavailableError('slot_unavailable');
      let updated: Appointment;
      try {
        [updated] = (await tx
          .update(appointments)
          .set({ startsAt: slot.start, endsAt: slot.end, version: appointment.version + 1, updatedAt: args.now })
          .where(eq(appointments.id, appointment.id))
          .returning()) as [Appointment];
      } catch (error) {
        if (pgErrorCode(error) === PG_EXCLUSION_VIOLATION) throw new SlotUnavailableError('slot_taken');
        throw error;
      }
      await recordActivity(tx, {
        leadId: lead.id,
        type: 'appointment_rescheduled',
        actorType: args.actor.type,
        actorStaffId: args.actor.type === 'staff' ? args.actor.staffId : null,
        payload: { appointmentId: appointment.id, from: appointment.startsAt.toISOString(), to: slot.start.toISOString() },
        occurredAt: args.now,
      });
      await cancelPendingForAppointment(tx, appointment.id);
      await cancelPendingTextsForAppointment(tx, appointment.id);
      const provider = await getDefaultProvider(tx);
      await enqueueBookingEmails(tx, 'booking-rescheduled', updated, bookingEmailContext(lead, request), provider, args.now);
      return { ok: true, appointment: updated } as const;
    });
  } catch (error) {
    if (error instanceof SlotUnavailableError && providerId) {
      return { ok: false, code: error.code, alternatives: await alternativesTo(db, providerId, args.newStart, args.now) };
    }
    throw error;
  }
}

/** Cancels a booked appointment; `db` may be the caller's transaction (this then runs in a savepoint of it). */
export async function cancelAppointment(
  db: Executor,
  args: { appointmentId: string; now: Date; actor: Actor; reason?: string },
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const row = await lockAppointment(tx, args.appointmentId);
    if (!row) return { ok: false, code: 'not_found' } as const;
    const { appointment, lead, request } = row;
    if (appointment.status !== 'booked' || appointment.startsAt <= args.now) return { ok: false, code: 'not_active' } as const;
    const [updated] = (await tx
      .update(appointments)
      .set({ status: 'cancelled', cancelledAt: args.now, cancelReason: args.reason ?? null, version: appointment.version + 1, updatedAt: args.now })
      .where(and(eq(appointments.id, appointment.id), eq(appointments.version, appointment.version)))
      .returning()) as [Appointment];
    await recordActivity(tx, {
      leadId: lead.id,
      type: 'appointment_cancelled',
      actorType: args.actor.type,
      actorStaffId: args.actor.type === 'staff' ? args.actor.staffId : null,
      payload: { appointmentId: appointment.id, startsAt: appointment.startsAt.toISOString(), reason: args.reason ?? null },
      occurredAt: args.now,
    });
    const [otherBooking] = await tx
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(eq(appointments.leadId, lead.id), eq(appointments.status, 'booked'), ne(appointments.id, appointment.id)))
      .limit(1);
    if (lead.status === 'scheduled' && !otherBooking) {
      // No appointment any more: back in the queue for a call, so nobody is forgotten.
      const status = lead.firstContactedAt ? 'contacted' : 'new';
      await tx.update(leads).set({ status, nextFollowUpAt: args.now, version: lead.version + 1 }).where(eq(leads.id, lead.id));
      await recordActivity(tx, {
        leadId: lead.id,
        type: 'status_changed',
        actorType: 'system',
        payload: { from: 'scheduled', to: status, reason: 'appointment_cancelled' },
        occurredAt: args.now,
      });
    }
    await cancelPendingForAppointment(tx, appointment.id);
    await cancelPendingTextsForAppointment(tx, appointment.id);
    await enqueueCancelledText(
      tx,
      appointment,
      { leadId: lead.id, timeZone: request?.timeZone ?? lead.timeZone, reference: request?.reference ?? '', firstName: lead.firstName, bookAgainUrl: `${appUrl()}/consult` },
      await getDefaultProvider(tx),
      args.now,
    );
    if (lead.email && !lead.emailUndeliverable) {
      await enqueueEmail(
        tx,
        {
          template: 'booking-cancelled',
          to: lead.email,
          leadId: lead.id,
          appointmentId: appointment.id,
          props: {
            firstName: lead.firstName,
            reference: request?.reference,
            startsAt: appointment.startsAt.toISOString(),
            timeZone: request?.timeZone ?? lead.timeZone,
            clinicTimeZone: (await getDefaultProvider(tx))?.timeZone,
            bookAgainUrl: `${appUrl()}/consult`,
          },
        },
        args.now,
      );
    }
    return { ok: true, appointment: updated } as const;
  });
}
