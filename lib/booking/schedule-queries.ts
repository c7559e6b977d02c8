// The staff schedule: one provider's appointments, weekly hours and closures over a range of days, and
// the one change made from it — marking a past appointment completed or a no-show.
import { and, asc, eq, gt, gte, isNull, lt, or } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { appointments, availabilityRules, closures, leads } from '@/db/schema';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import { recordActivity } from '@/lib/timeline/write';
import type { CalendarAppointment, CalendarClosure } from './calendar';
import type { Interval, WeeklyRule } from './rules';

export type ScheduleAppointment = CalendarAppointment & {
  id: string;
  leadId: string;
  patientName: string;
  mode: 'in_person' | 'phone' | 'video';
};

export type ScheduleData = { appointments: ScheduleAppointment[]; rules: WeeklyRule[]; closures: CalendarClosure[] };

/** What the schedule shows for one provider between two instants (the first and last visible day's edges). */
export async function getScheduleData(db: Executor, providerId: string, range: Interval): Promise<ScheduleData> {
  const rows = await db
    .select({
      id: appointments.id,
      leadId: appointments.leadId,
      start: appointments.startsAt,
      end: appointments.endsAt,
      status: appointments.status,
      mode: appointments.mode,
      firstName: leads.firstName,
      lastName: leads.lastName,
    })
    .from(appointments)
    .innerJoin(leads, eq(leads.id, appointments.leadId))
    .where(and(eq(appointments.providerId, providerId), gte(appointments.startsAt, range.start), lt(appointments.startsAt, range.end)))
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
  const rules = await db
    .select({ weekday: availabilityRules.weekday, startTime: availabilityRules.startTime, endTime: availabilityRules.endTime })
    .from(availabilityRules)
    .where(eq(availabilityRules.providerId, providerId));
  const closed = await db
    .select({ start: closures.startsAt, end: closures.endsAt, reason: closures.reason, providerId: closures.providerId })
    .from(closures)
    .where(and(or(isNull(closures.providerId), eq(closures.providerId, providerId)), lt(closures.startsAt, range.end), gt(closures.endsAt, range.start)));
  return {
    appointments: rows.map(({ firstName, lastName, ...a }) => ({ ...a, patientName: `${firstName} ${lastName}`.trim() })),
    rules,
    closures: closed.map(({ providerId: owner, ...c }) => ({ ...c, clinicWide: owner === null })),
  };
}

export const APPOINTMENT_OUTCOMES = ['completed', 'no_show'] as const;
export type AppointmentOutcome = (typeof APPOINTMENT_OUTCOMES)[number];

export type OutcomeResult = { ok: true } | { ok: false; code: 'not_found' | 'not_booked' | 'not_started' };

/**
 * Records how a booked appointment went, once its start time has passed: the appointment's status,
 * an entry on the lead's timeline and an audit entry, in one transaction.
 */
export async function markAppointmentOutcome(
  db: Database,
  args: { appointmentId: string; outcome: AppointmentOutcome; staffId: string; meta: RequestMeta; now: Date },
): Promise<OutcomeResult> {
  return db.transaction(async (tx) => {
    const [appointment] = await tx.select().from(appointments).where(eq(appointments.id, args.appointmentId)).for('update');
    if (!appointment) return { ok: false, code: 'not_found' } as const;
    if (appointment.status !== 'booked') return { ok: false, code: 'not_booked' } as const;
    if (appointment.startsAt > args.now) return { ok: false, code: 'not_started' } as const;
    await tx
      .update(appointments)
      .set({ status: args.outcome, version: appointment.version + 1, updatedAt: args.now })
      .where(eq(appointments.id, appointment.id));
    await recordActivity(tx, {
      leadId: appointment.leadId,
      type: args.outcome === 'completed' ? 'appointment_completed' : 'appointment_no_show',
      actorType: 'staff',
      actorStaffId: args.staffId,
      payload: { appointmentId: appointment.id, startsAt: appointment.startsAt.toISOString() },
      occurredAt: args.now,
    });
    await writeAudit(tx, {
      actorStaffId: args.staffId,
      action: 'appointment_changed',
      entityType: 'appointment',
      entityId: appointment.id,
      detail: { leadId: appointment.leadId, from: 'booked', to: args.outcome },
      meta: args.meta,
      at: args.now,
    });
    return { ok: true } as const;
  });
}
