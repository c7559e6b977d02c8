import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseEmpty, seedDemoData } from '@/db/seed';
import * as t from '@/db/schema';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { listMissingReminders } from '@/lib/ops/health';
import { demoReminders } from '@/lib/startup';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';

describe('demo seed', () => {
  let handle: TestDatabase;
  const now = new Date('2026-11-25T18:00:00Z');

  beforeAll(async () => {
    handle = await createTestDatabase(await primaryBackend());
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it('fills an empty database with a working demo clinic', async () => {
    expect(await isDatabaseEmpty(handle.db)).toBe(true);
    const result = await seedDemoData(handle.db, {
      now,
      clinic: { name: 'Demo Clinic', physician: 'Dr. Demo', address: '1 Demo St', phone: '(310) 555-0100', timeZone: 'America/Los_Angeles' },
      passwordHash: await hashPassword('demo-password'),
      adminEmail: 'admin@example.com',
      staffEmail: 'frontdesk@example.com',
    });
    expect(result.leads).toBe(12);
    expect(await isDatabaseEmpty(handle.db)).toBe(false);

    const staff = await handle.db.select().from(t.staffUsers);
    expect(staff.map((s) => [s.email, s.role]).sort()).toEqual([
      ['admin@example.com', 'admin'],
      ['frontdesk@example.com', 'staff'],
    ]);
    expect(await verifyPassword(staff[0]!.passwordHash!, 'demo-password')).toBe(true);
    expect(await verifyPassword(staff[0]!.passwordHash!, 'wrong')).toBe(false);

    const hours = await handle.db.select().from(t.availabilityRules);
    expect(hours).toHaveLength(10);

    const urgent = await handle.db.select().from(t.leads).where(eq(t.leads.urgency, 'urgent'));
    expect(urgent).toHaveLength(1);
    const appointments = await handle.db
      .select({ startsAt: t.appointments.startsAt, status: t.appointments.status, leadStatus: t.leads.status })
      .from(t.appointments)
      .innerJoin(t.leads, eq(t.leads.id, t.appointments.leadId));
    expect(appointments.length).toBeGreaterThan(0);
    // Booked people come in later; the one already seen came in before, with the outcome still to record.
    const past = appointments.filter((a) => a.startsAt.getTime() < now.getTime());
    expect(past.map((a) => [a.leadStatus, a.status])).toEqual([['consulted', 'booked']]);
    expect(now.getTime() - past[0]!.startsAt.getTime()).toBeLessThan(5 * 86_400_000);
    for (const a of appointments.filter((x) => x.leadStatus === 'scheduled')) expect(a.startsAt.getTime()).toBeGreaterThan(now.getTime());
    for (const a of appointments) {
      // Seeded appointments fall on weekdays in opening hours, in the clinic's zone.
      const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', weekday: 'short', hour: 'numeric', hour12: false }).formatToParts(a.startsAt);
      const weekday = local.find((p) => p.type === 'weekday')!.value;
      const hour = Number(local.find((p) => p.type === 'hour')!.value);
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(weekday);
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(17);
    }
    const activities = await handle.db.select().from(t.leadActivities);
    expect(activities.filter((a) => a.type === 'request_submitted')).toHaveLength(12);
  });

  it('queues the reminder of every booked demo appointment still more than a day away, so the health check finds none missing', async () => {
    // Through a week, at hours that fall at different times of day: whichever appointments fall 24–48 hours ahead then have their reminder.
    for (let hour = 0; hour < 7 * 24; hour += 29) {
      const at = new Date(now.getTime() + hour * 3_600_000);
      const db = await createTestDatabase(await primaryBackend());
      try {
        await seedDemoData(db.db, {
          now: at,
          clinic: { name: 'Demo Clinic', physician: 'Dr. Demo', address: '1 Demo St', phone: '(310) 555-0100', timeZone: 'America/Los_Angeles' },
          passwordHash: 'not-used',
          adminEmail: 'admin@example.com',
          staffEmail: 'frontdesk@example.com',
          onBooked: demoReminders(at),
        });
        const booked = await db.db.select().from(t.appointments).innerJoin(t.leads, eq(t.leads.id, t.appointments.leadId)).where(eq(t.leads.status, 'scheduled'));
        const reminders = await db.db.select().from(t.emailMessages).where(eq(t.emailMessages.template, 'appointment-reminder'));
        const due = booked.filter((b) => b.appointments.startsAt.getTime() - 86_400_000 > at.getTime());
        expect(reminders.map((r) => r.dedupeKey).sort()).toEqual(due.map((b) => `reminder:${b.appointments.id}`).sort());
        expect((await listMissingReminders(db.db, at)).missing).toEqual([]);
      } finally {
        await db.dispose();
      }
    }
  });
});
