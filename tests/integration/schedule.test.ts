// The staff schedule's reads and its one change, against a real database.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppointment, buildLead, buildStaffUser } from '@/db/factories';
import * as t from '@/db/schema';
import { buildSchedule, dayRange, visibleDays } from '@/lib/booking/calendar';
import { getScheduleData, markAppointmentOutcome } from '@/lib/booking/schedule-queries';
import { seedClinic, type SeededClinic } from '../support/consult-fixtures';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';

const LA = 'America/Los_Angeles';
// Wednesday 2 December 2026, 3pm in Los Angeles.
const now = new Date('2026-12-02T23:00:00Z');
const la = (wall: string) => new Date(`${wall}-08:00`);
const meta = { ip: '127.0.0.1', userAgent: 'vitest' };

let handle: TestDatabase;
let clinic: SeededClinic;
let staffId: string;
let leadId: string;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  clinic = await seedClinic(handle.db);
  const [staff] = await handle.db.insert(t.staffUsers).values(buildStaffUser()).returning();
  staffId = staff!.id;
  const [lead] = await handle.db.insert(t.leads).values(buildLead({ firstName: 'Sally', lastName: 'Schedule' })).returning();
  leadId = lead!.id;
});

afterAll(async () => {
  await handle?.dispose();
});

async function book(wall: string, overrides: Partial<typeof t.appointments.$inferInsert> = {}) {
  const [row] = await handle.db.insert(t.appointments).values(buildAppointment(clinic.provider.id, leadId, la(wall), overrides)).returning();
  return row!;
}

describe('the schedule', () => {
  it('reads one week of a provider’s appointments with the patient’s name, their hours and closures', async () => {
    const monday = await book('2026-11-30T10:00:00', { mode: 'phone' });
    const cancelled = await book('2026-12-01T10:00:00', { status: 'cancelled', cancelledAt: now });
    await book('2026-12-08T10:00:00'); // next week: not shown
    await handle.db.insert(t.closures).values({ providerId: null, startsAt: la('2026-12-04T00:00:00'), endsAt: la('2026-12-05T00:00:00'), reason: 'Holiday' });

    const days = visibleDays('week', '2026-12-02');
    const range = { start: dayRange(days[0]!, LA).start, end: dayRange(days[6]!, LA).end };
    const data = await getScheduleData(handle.db, clinic.provider.id, range);
    expect(data.appointments.map((a) => [a.id, a.patientName, a.mode, a.status])).toEqual([
      [monday.id, 'Sally Schedule', 'phone', 'booked'],
      [cancelled.id, 'Sally Schedule', 'in_person', 'cancelled'],
    ]);
    expect(data.rules).toHaveLength(10);
    expect(data.closures).toMatchObject([{ reason: 'Holiday', clinicWide: true }]);

    const week = buildSchedule(days, { timeZone: LA, now, ...data });
    const friday = week.find((d) => d.key === '2026-12-04')!;
    expect(friday.entries).toMatchObject([{ kind: 'closed', allDay: true, reason: 'Holiday' }]);
  });
});

describe('marking how an appointment went', () => {
  it('records a past appointment as completed: status, the lead’s timeline and the audit log', async () => {
    const appointment = await book('2026-12-02T09:00:00');
    const result = await markAppointmentOutcome(handle.db, { appointmentId: appointment.id, outcome: 'completed', staffId, meta, now });
    expect(result).toEqual({ ok: true });
    const [row] = await handle.db.select().from(t.appointments).where(eq(t.appointments.id, appointment.id));
    expect(row).toMatchObject({ status: 'completed', version: 2 });
    const timeline = await handle.db.select().from(t.leadActivities).where(and(eq(t.leadActivities.leadId, leadId), eq(t.leadActivities.type, 'appointment_completed')));
    expect(timeline).toMatchObject([{ actorType: 'staff', actorStaffId: staffId, payload: { appointmentId: appointment.id }, occurredAt: now }]);
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'appointment_changed'), eq(t.auditLog.entityId, appointment.id)));
    expect(audit).toMatchObject([{ actorStaffId: staffId, entityType: 'appointment', detail: { leadId, from: 'booked', to: 'completed' } }]);

    // Once recorded, it cannot be recorded again.
    expect(await markAppointmentOutcome(handle.db, { appointmentId: appointment.id, outcome: 'no_show', staffId, meta, now })).toEqual({ ok: false, code: 'not_booked' });
  });

  it('records a no-show, refuses one that has not started, and writes nothing when refused', async () => {
    const past = await book('2026-12-02T11:00:00');
    expect(await markAppointmentOutcome(handle.db, { appointmentId: past.id, outcome: 'no_show', staffId, meta, now })).toEqual({ ok: true });
    expect((await handle.db.select().from(t.appointments).where(eq(t.appointments.id, past.id)))[0]!.status).toBe('no_show');

    const future = await book('2026-12-02T16:00:00');
    expect(await markAppointmentOutcome(handle.db, { appointmentId: future.id, outcome: 'completed', staffId, meta, now })).toEqual({ ok: false, code: 'not_started' });
    const [row] = await handle.db.select().from(t.appointments).where(eq(t.appointments.id, future.id));
    expect(row).toMatchObject({ status: 'booked', version: 1 });
    expect(await handle.db.select().from(t.auditLog).where(eq(t.auditLog.entityId, future.id))).toEqual([]);
  });
});
