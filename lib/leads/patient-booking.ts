// Staff booking for a patient from the lead's page: book, move and cancel with the public form's rules, the
// same database guarantee against double booking, and the same emails (lib/booking/service). Each is one
// lead change (./lead-change): the lead's version check, its timeline entries and an audit entry. It lives
// with the leads because it moves the lead's status and follow-ups; booking itself knows nothing of leads.
import { and, desc, eq } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { appointments, consultationRequests, type Appointment } from '@/db/schema';
import { getDefaultProvider } from '@/lib/booking/queries';
import {
  alternativesTo,
  bookingEmailContext,
  cancelAppointment,
  enqueueBookingEmails,
  insertAppointment,
  rescheduleAppointment,
  SlotUnavailableError,
  type BookingFailure,
  type ChangeResult,
} from '@/lib/booking/service';
import { recordActivity } from '@/lib/timeline/write';
import { changeLead, LeadChangeError, refuse, type LeadChangeFailure, type StaffContext } from './lead-change';
import { canMove } from './status';
import { applyStatus } from './status-change';
import { refreshNextFollowUp } from './tasks';

export type StaffBookingResult = { ok: true; appointment: Appointment } | BookingFailure | LeadChangeFailure;

/** Thrown inside the change's transaction so it rolls back, then answered with the booking failure. */
class BookingRefused extends Error {
  constructor(readonly failure: BookingFailure) {
    super(failure.code);
  }
}

/** The lead's latest request: the confirmation's private link belongs to it. */
async function latestRequest(tx: Executor, leadId: string) {
  const [request] = await tx
    .select()
    .from(consultationRequests)
    .where(eq(consultationRequests.leadId, leadId))
    .orderBy(desc(consultationRequests.submittedAt))
    .limit(1);
  // Every lead has one unless its data was erased.
  return request ?? refuse('This person has no consultation request to book against', 'slot');
}

export async function bookForLead(
  db: Database,
  input: { leadId: string; version: number; start: Date },
  ctx: StaffContext,
): Promise<StaffBookingResult> {
  const provider = await getDefaultProvider(db);
  if (!provider) return { ok: false, code: 'slot_unavailable', alternatives: [] };
  const actor = { type: 'staff', staffId: ctx.staffId } as const;
  try {
    const result = await changeLead(db, ctx, {
      leadId: input.leadId,
      version: input.version,
      change: 'appointment_booked',
      run: async (tx, lead) => {
        const request = await latestRequest(tx, lead.id);
        const appointment = await insertAppointment(tx, { provider, leadId: lead.id, consultationRequestId: request.id, start: input.start, now: ctx.now, actor });
        await recordActivity(tx, {
          leadId: lead.id,
          type: 'appointment_booked',
          actorType: 'staff',
          actorStaffId: ctx.staffId,
          payload: { appointmentId: appointment.id, startsAt: appointment.startsAt.toISOString() },
          occurredAt: ctx.now,
        });
        if (lead.status !== 'scheduled' && canMove(lead.status, 'scheduled')) {
          await applyStatus(tx, lead, 'scheduled', ctx, 'booked_by_staff');
        }
        // Booked: the "call them" follow-up is answered; only open tasks stay due.
        await refreshNextFollowUp(tx, lead.id);
        await enqueueBookingEmails(tx, 'booking-confirmed', appointment, bookingEmailContext(lead, request), provider, ctx.now);
        return { data: appointment, auditDetail: { appointmentId: appointment.id } };
      },
    });
    return result.ok ? { ok: true, appointment: result.data } : result;
  } catch (error) {
    if (error instanceof SlotUnavailableError) {
      return { ok: false, code: error.code, alternatives: await alternativesTo(db, provider, input.start, ctx.now) };
    }
    throw error;
  }
}

/** The appointment, if it belongs to this lead: a form for one lead never touches another's booking. */
async function appointmentOfLead(tx: Executor, leadId: string, appointmentId: string): Promise<Appointment> {
  const [row] = await tx.select().from(appointments).where(and(eq(appointments.id, appointmentId), eq(appointments.leadId, leadId)));
  if (!row) throw new LeadChangeError({ ok: false, code: 'refused', message: 'This appointment is not one of this person’s. Reload the page' });
  return row;
}

const NOT_ACTIVE = 'This appointment has already passed or been cancelled. Reload to see it';

/**
 * One staff change to an appointment of the lead, made by the booking service inside the lead change's
 * transaction (it opens a savepoint there: its rules, its race safety, its emails). A taken or unavailable
 * time comes back as the booking failure; an appointment no longer active is refused on `field`.
 */
async function changeAppointmentOfLead(
  db: Database,
  input: { leadId: string; version: number; appointmentId: string },
  ctx: StaffContext,
  change: { name: 'appointment_rescheduled' | 'appointment_cancelled'; field: string; run: (tx: Executor) => Promise<ChangeResult> },
): Promise<StaffBookingResult> {
  try {
    const result = await changeLead(db, ctx, {
      leadId: input.leadId,
      version: input.version,
      change: change.name,
      run: async (tx, lead) => {
        await appointmentOfLead(tx, lead.id, input.appointmentId);
        const changed = await change.run(tx);
        if (!changed.ok && (changed.code === 'slot_taken' || changed.code === 'slot_unavailable')) throw new BookingRefused(changed);
        if (!changed.ok) refuse(NOT_ACTIVE, change.field);
        const appointment = (changed as { appointment: Appointment }).appointment;
        return { data: appointment, auditDetail: { appointmentId: appointment.id } };
      },
    });
    return result.ok ? { ok: true, appointment: result.data } : result;
  } catch (error) {
    if (error instanceof BookingRefused) return error.failure;
    throw error;
  }
}

export async function rescheduleForLead(
  db: Database,
  input: { leadId: string; version: number; appointmentId: string; start: Date },
  ctx: StaffContext,
): Promise<StaffBookingResult> {
  const actor = { type: 'staff', staffId: ctx.staffId } as const;
  return changeAppointmentOfLead(db, input, ctx, {
    name: 'appointment_rescheduled',
    field: 'slot',
    run: (tx) => rescheduleAppointment(tx, { appointmentId: input.appointmentId, newStart: input.start, now: ctx.now, actor }),
  });
}

export async function cancelForLead(
  db: Database,
  input: { leadId: string; version: number; appointmentId: string; reason?: string },
  ctx: StaffContext,
): Promise<StaffBookingResult> {
  const actor = { type: 'staff', staffId: ctx.staffId } as const;
  return changeAppointmentOfLead(db, input, ctx, {
    name: 'appointment_cancelled',
    field: 'reason',
    run: (tx) => cancelAppointment(tx, { appointmentId: input.appointmentId, now: ctx.now, actor, ...(input.reason ? { reason: input.reason } : {}) }),
  });
}
