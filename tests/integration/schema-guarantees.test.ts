import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { buildAppointment, buildLead, buildLocation, buildProvider, buildWeekdayHours } from '@/db/factories';
import * as t from '@/db/schema';
import { availableBackends, createTestDatabase, pgCode, type TestDatabase } from '../support/db';

const at = (iso: string) => new Date(iso);

describe.each(await availableBackends())('database guarantees on %s', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let providerId: string;
  let otherProviderId: string;
  let leadId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    db = handle.db;
    const [location] = await db.insert(t.locations).values(buildLocation()).returning();
    const [p1, p2] = await db
      .insert(t.providers)
      .values([buildProvider(location!.id), buildProvider(location!.id, { name: 'Second provider' })])
      .returning();
    providerId = p1!.id;
    otherProviderId = p2!.id;
    const [lead] = await db.insert(t.leads).values(buildLead()).returning();
    leadId = lead!.id;
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  describe('appointments of one provider never overlap', () => {
    it('rejects a second booking of the same slot with SQLSTATE 23P01', async () => {
      const start = at('2026-12-01T17:00:00Z');
      await db.insert(t.appointments).values(buildAppointment(providerId, leadId, start));
      const error = await db
        .insert(t.appointments)
        .values(buildAppointment(providerId, leadId, start))
        .then(() => null, (e: unknown) => e);
      expect(pgCode(error)).toBe('23P01');
      const booked = await db.select().from(t.appointments).where(eq(t.appointments.startsAt, start));
      expect(booked).toHaveLength(1);
    });

    it('rejects a booking that only partly overlaps', async () => {
      await db.insert(t.appointments).values(buildAppointment(providerId, leadId, at('2026-12-02T17:00:00Z')));
      const error = await db
        .insert(t.appointments)
        .values(buildAppointment(providerId, leadId, at('2026-12-02T17:15:00Z')))
        .then(() => null, (e: unknown) => e);
      expect(pgCode(error)).toBe('23P01');
    });

    it('allows back-to-back slots, and the same time with another provider', async () => {
      await db.insert(t.appointments).values(buildAppointment(providerId, leadId, at('2026-12-03T17:00:00Z')));
      await db.insert(t.appointments).values(buildAppointment(providerId, leadId, at('2026-12-03T17:30:00Z')));
      await db.insert(t.appointments).values(buildAppointment(otherProviderId, leadId, at('2026-12-03T17:00:00Z')));
      const rows = await db.select().from(t.appointments).where(sql`${t.appointments.startsAt}::date = '2026-12-03'`);
      expect(rows).toHaveLength(3);
    });

    it('frees the time once the appointment is cancelled', async () => {
      const start = at('2026-12-04T17:00:00Z');
      const [first] = await db.insert(t.appointments).values(buildAppointment(providerId, leadId, start)).returning();
      await db
        .update(t.appointments)
        .set({ status: 'cancelled', cancelledAt: new Date() })
        .where(eq(t.appointments.id, first!.id));
      const [second] = await db.insert(t.appointments).values(buildAppointment(providerId, leadId, start)).returning();
      expect(second!.status).toBe('booked');
      // Re-activating the cancelled one would now double-book: the constraint refuses that too.
      const error = await db
        .update(t.appointments)
        .set({ status: 'booked' })
        .where(eq(t.appointments.id, first!.id))
        .then(() => null, (e: unknown) => e);
      expect(pgCode(error)).toBe('23P01');
    });

    it('refuses an appointment that ends before it starts', async () => {
      const error = await db
        .insert(t.appointments)
        .values(buildAppointment(providerId, leadId, at('2026-12-05T17:00:00Z'), { endsAt: at('2026-12-05T16:00:00Z') }))
        .then(() => null, (e: unknown) => e);
      expect(pgCode(error)).toBe('23514');
    });
  });

  it('refuses overlapping weekly hours for one provider and day', async () => {
    await db.insert(t.availabilityRules).values(buildWeekdayHours(otherProviderId));
    const error = await db
      .insert(t.availabilityRules)
      .values({ providerId: otherProviderId, weekday: 1, startTime: '11:00', endTime: '14:00' })
      .then(() => null, (e: unknown) => e);
    expect(pgCode(error)).toBe('23P01');
  });

  it('keeps the audit log append-only', async () => {
    const [entry] = await db
      .insert(t.auditLog)
      .values({ action: 'lead.view', entityType: 'lead', entityId: leadId })
      .returning();
    const update = await db
      .update(t.auditLog)
      .set({ action: 'lead.nothing' })
      .where(eq(t.auditLog.id, entry!.id))
      .then(() => null, (e: unknown) => e);
    expect(pgCode(update)).toBe('42501');
    const del = await db
      .delete(t.auditLog)
      .where(eq(t.auditLog.id, entry!.id))
      .then(() => null, (e: unknown) => e);
    expect(pgCode(del)).toBe('42501');
    const [still] = await db.select().from(t.auditLog).where(eq(t.auditLog.id, entry!.id));
    expect(still?.action).toBe('lead.view');
  });

  it('matches a returning person by email once, whatever the case', async () => {
    await db.insert(t.leads).values(buildLead({ email: 'Jo.Smith@Example.com', emailNormalized: 'jo.smith@example.com' }));
    const error = await db
      .insert(t.leads)
      .values(buildLead({ email: 'jo.smith@example.com', emailNormalized: 'jo.smith@example.com' }))
      .then(() => null, (e: unknown) => e);
    expect(pgCode(error)).toBe('23505');
  });

  it('finds leads by part of a name, email or phone through the search column', async () => {
    await db.insert(t.leads).values(buildLead({ firstName: 'Harriet', lastName: 'Quimby', phoneE164: '+13235550199' }));
    const byName = await db.select().from(t.leads).where(sql`${t.leads.searchText} like ${'%quimb%'}`);
    const byPhone = await db.select().from(t.leads).where(sql`${t.leads.searchText} like ${'%5550199%'}`);
    expect(byName.map((l) => l.lastName)).toEqual(['Quimby']);
    expect(byPhone.map((l) => l.lastName)).toEqual(['Quimby']);
  });
});
