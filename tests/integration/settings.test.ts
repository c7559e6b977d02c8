// Admin booking settings against a real database: what is saved is what patients are offered next.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildStaffUser, buildWeekdayHours } from '@/db/factories';
import * as t from '@/db/schema';
import type { Slot } from '@/lib/booking/rules';
import { listOpenSlots } from '@/lib/booking/service';
import {
  addClosure,
  deleteClosure,
  listUpcomingClosures,
  listWeeklyHours,
  saveProviderSettings,
  saveWeeklyHours,
  writeWeeklyHours,
} from '@/lib/booking/settings';
import { providerFormValues } from '@/lib/booking/settings-rules';
import { seedClinic, type SeededClinic } from '../support/consult-fixtures';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';

// Tuesday 1 December 2026, 9am in Los Angeles (PST, UTC-8).
const now = new Date('2026-12-01T17:00:00Z');
const la = (wall: string) => new Date(`${wall}-08:00`);
const LA = 'America/Los_Angeles';
const meta = { ip: '127.0.0.1', userAgent: 'vitest' };

let handle: TestDatabase;
let clinic: SeededClinic;
let adminId: string;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  clinic = await seedClinic(handle.db);
  const [admin] = await handle.db.insert(t.staffUsers).values(buildStaffUser({ role: 'admin' })).returning();
  adminId = admin!.id;
});

afterAll(async () => {
  await handle?.dispose();
});

// Every test starts from the seeded clinic: Mon–Fri 9–12 and 1–5, 30-minute slots, no closures.
beforeEach(async () => {
  const db = handle.db;
  await db.delete(t.closures);
  await db.delete(t.availabilityRules);
  await db.insert(t.availabilityRules).values(buildWeekdayHours(clinic.provider.id));
  await db
    .update(t.providers)
    .set({ name: clinic.provider.name, title: clinic.provider.title, slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 1440, horizonDays: 28, active: true })
    .where(eq(t.providers.id, clinic.provider.id));
});

const actor = () => ({ staffId: adminId, meta });
const providerId = () => clinic.provider.id;

async function slots(): Promise<Slot[]> {
  const open = await listOpenSlots(handle.db, now);
  if (!open) throw new Error('no bookable provider');
  return open.slots;
}
const startsOn = (all: Slot[], day: string) =>
  all.filter((s) => s.start >= la(`${day}T00:00:00`) && s.start < la(`${day}T23:59:59`)).map((s) => s.start.toISOString());

const settingsAudits = () =>
  handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'settings_changed'), eq(t.auditLog.actorStaffId, adminId)));

describe('weekly hours', () => {
  it('refuses overlapping ranges with a field error, keeps the typed values, and writes nothing', async () => {
    const auditsBefore = (await settingsAudits()).length;
    const values = { 'd1-0-start': '09:00', 'd1-0-end': '12:00', 'd1-1-start': '11:00', 'd1-1-end': '15:00' };
    const result = await saveWeeklyHours(handle.db, { providerId: providerId(), values, actor: actor(), now });
    expect(result).toEqual({
      ok: false,
      code: 'invalid',
      errors: { 'd1-1-start': 'Monday’s hours overlap: 11:00–15:00 starts before 09:00–12:00 ends' },
      values,
    });
    expect(await listWeeklyHours(handle.db, providerId())).toHaveLength(10);
    expect(await settingsAudits()).toHaveLength(auditsBefore);
  });

  it('maps the database’s own overlap refusal to a field error on that weekday, and rolls everything back', async () => {
    const ranges = [
      { weekday: 1, startTime: '09:00', endTime: '12:00' },
      { weekday: 3, startTime: '09:00', endTime: '12:00' },
      { weekday: 3, startTime: '10:00', endTime: '13:00' },
    ];
    const result = await writeWeeklyHours(handle.db, { providerId: providerId(), ranges, values: {}, actor: actor(), now });
    expect(result).toMatchObject({ ok: false, code: 'invalid', errors: { 'd3-0-start': 'Wednesday’s hours overlap: change or remove one of the ranges' } });
    expect(await listWeeklyHours(handle.db, providerId())).toHaveLength(10);
  });

  it('changed hours change the slots patients are offered, with an audit entry naming the days', async () => {
    const before = await slots();
    // Wednesday 2 December: 9–12 and 1–5 → 14 half-hour slots.
    expect(startsOn(before, '2026-12-02')).toHaveLength(14);

    const values = {
      // Monday, Tuesday, Thursday, Friday unchanged; Wednesday mornings only; Saturday opens 10–12.
      ...Object.fromEntries([1, 2, 4, 5].flatMap((d) => [[`d${d}-0-start`, '09:00'], [`d${d}-0-end`, '12:00'], [`d${d}-1-start`, '13:00'], [`d${d}-1-end`, '17:00']])),
      'd3-0-start': '09:00',
      'd3-0-end': '10:00',
      'd3-1-start': '',
      'd3-1-end': '',
      'd6-0-start': '10:00',
      'd6-0-end': '12:00',
    };
    const result = await saveWeeklyHours(handle.db, { providerId: providerId(), values, actor: actor(), now });
    expect(result).toEqual({ ok: true, changed: true });

    const after = await slots();
    expect(startsOn(after, '2026-12-02')).toEqual([la('2026-12-02T09:00:00').toISOString(), la('2026-12-02T09:30:00').toISOString()]);
    expect(startsOn(after, '2026-12-05')).toEqual(['10:00', '10:30', '11:00', '11:30'].map((h) => la(`2026-12-05T${h}:00`).toISOString()));
    expect(startsOn(after, '2026-12-03')).toEqual(startsOn(before, '2026-12-03'));

    const [entry] = (await settingsAudits()).filter((a) => a.detail.what === 'weekly_hours');
    expect(entry).toMatchObject({
      entityType: 'settings',
      entityId: providerId(),
      ip: '127.0.0.1',
      detail: {
        what: 'weekly_hours',
        changes: {
          Wednesday: { from: ['09:00–12:00', '13:00–17:00'], to: ['09:00–10:00'] },
          Saturday: { from: [], to: ['10:00–12:00'] },
        },
      },
    });
  });

  it('saving the same hours again changes nothing and writes no audit entry', async () => {
    const auditsBefore = (await settingsAudits()).length;
    const values = Object.fromEntries([1, 2, 3, 4, 5].flatMap((d) => [[`d${d}-0-start`, '13:00'], [`d${d}-0-end`, '17:00'], [`d${d}-1-start`, '09:00'], [`d${d}-1-end`, '12:00']]));
    expect(await saveWeeklyHours(handle.db, { providerId: providerId(), values, actor: actor(), now })).toEqual({ ok: true, changed: false });
    expect(await settingsAudits()).toHaveLength(auditsBefore);
  });
});

describe('closures', () => {
  it('a new closure removes its slots from what patients are offered; deleting it brings them back', async () => {
    const before = await slots();
    const thursday = startsOn(before, '2026-12-03');
    expect(thursday).toHaveLength(14);

    const result = await addClosure(handle.db, {
      providerId: providerId(),
      values: { scope: 'clinic', startsAt: '2026-12-03T11:00', endsAt: '2026-12-03T15:00', reason: 'Staff training' },
      timeZone: LA,
      actor: actor(),
      now,
    });
    expect(result).toMatchObject({ ok: true, changed: true });
    const [closure] = await listUpcomingClosures(handle.db, providerId(), now);
    expect(closure).toMatchObject({ providerId: null, startsAt: la('2026-12-03T11:00:00'), endsAt: la('2026-12-03T15:00:00'), reason: 'Staff training' });

    const during = startsOn(await slots(), '2026-12-03');
    // 11:00–11:30, 11:30–12:00, 1:00–3:00 (four slots) are gone; 3:00pm is free again.
    expect(during).toEqual(thursday.filter((s) => new Date(s) < la('2026-12-03T11:00:00') || new Date(s) >= la('2026-12-03T15:00:00')));
    expect(during).toHaveLength(8);
    expect(startsOn(await slots(), '2026-12-04')).toHaveLength(14);

    expect(await deleteClosure(handle.db, { closureId: closure!.id, actor: actor(), now })).toEqual({ ok: true, changed: true });
    expect(startsOn(await slots(), '2026-12-03')).toEqual(thursday);

    const audits = (await settingsAudits()).filter((a) => a.entityId === closure!.id);
    expect(audits.map((a) => a.detail.what).sort()).toEqual(['closure_added', 'closure_deleted']);
    expect(audits[0]!.detail).toMatchObject({ providerId: null, reason: 'Staff training', startsAt: '2026-12-03T19:00:00.000Z' });
  });

  it('a closure for one provider is listed for them and refuses an end before its start', async () => {
    const refused = await addClosure(handle.db, {
      providerId: providerId(),
      values: { scope: 'provider', startsAt: '2026-12-10T12:00', endsAt: '2026-12-10T09:00', reason: '' },
      timeZone: LA,
      actor: actor(),
      now,
    });
    expect(refused).toMatchObject({ ok: false, code: 'invalid', errors: { endsAt: 'The end must be after the start' }, values: { endsAt: '2026-12-10T09:00' } });
    expect(await listUpcomingClosures(handle.db, providerId(), now)).toEqual([]);

    const added = await addClosure(handle.db, {
      providerId: providerId(),
      values: { scope: 'provider', startsAt: '2026-12-10T00:00', endsAt: '2026-12-11T00:00', reason: 'Conference' },
      timeZone: LA,
      actor: actor(),
      now,
    });
    expect(added.ok).toBe(true);
    expect(await listUpcomingClosures(handle.db, providerId(), now)).toMatchObject([{ providerId: providerId(), reason: 'Conference' }]);
    expect(startsOn(await slots(), '2026-12-10')).toEqual([]);
  });

  it('deleting a closure that is already gone says so', async () => {
    expect(await deleteClosure(handle.db, { closureId: '00000000-0000-4000-8000-000000000000', actor: actor(), now })).toEqual({ ok: false, code: 'not_found' });
  });
});

describe('provider settings', () => {
  const current = () => providerFormValues({ ...clinic.provider, slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 1440, horizonDays: 28, active: true });

  it('a longer slot length changes the slots, and the audit entry records the change', async () => {
    const result = await saveProviderSettings(handle.db, { providerId: providerId(), values: { ...current(), slotMinutes: '60' }, actor: actor(), now });
    expect(result).toEqual({ ok: true, changed: true });
    // Wednesday: 9, 10, 11 and 1, 2, 3, 4.
    expect(startsOn(await slots(), '2026-12-02')).toEqual(['09', '10', '11', '13', '14', '15', '16'].map((h) => la(`2026-12-02T${h}:00:00`).toISOString()));
    const [entry] = (await settingsAudits()).filter((a) => a.detail.what === 'provider');
    expect(entry!.detail).toEqual({ what: 'provider', providerId: providerId(), changes: { slotMinutes: { from: 30, to: 60 } } });
  });

  it('a shorter horizon and a buffer change what is offered', async () => {
    const result = await saveProviderSettings(handle.db, {
      providerId: providerId(),
      values: { ...current(), bufferMinutes: '15', horizonDays: '3' },
      actor: actor(),
      now,
    });
    expect(result.ok).toBe(true);
    const all = await slots();
    expect(all.at(-1)!.start.getTime()).toBeLessThanOrEqual(now.getTime() + 3 * 86_400_000);
    // 30 minutes plus 15 minutes of buffer: 9:00, 9:45, 10:30, 11:15 in the morning.
    expect(startsOn(all, '2026-12-02').slice(0, 4)).toEqual(['09:00', '09:45', '10:30', '11:15'].map((h) => la(`2026-12-02T${h}:00`).toISOString()));
  });

  it('refuses values out of range with field errors and changes nothing', async () => {
    const result = await saveProviderSettings(handle.db, {
      providerId: providerId(),
      values: { ...current(), slotMinutes: '300', horizonDays: '0' },
      actor: actor(),
      now,
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      errors: { slotMinutes: 'Appointment length must be between 5 and 240 minutes', horizonDays: 'Booking horizon must be between 1 and 365 days' },
      values: { slotMinutes: '300', horizonDays: '0' },
    });
    const [row] = await handle.db.select().from(t.providers).where(eq(t.providers.id, providerId()));
    expect(row).toMatchObject({ slotMinutes: 30, horizonDays: 28 });
  });

  it('an unknown provider is not found', async () => {
    const result = await saveProviderSettings(handle.db, { providerId: '00000000-0000-4000-8000-000000000000', values: current(), actor: actor(), now });
    expect(result).toEqual({ ok: false, code: 'not_found' });
  });
});
