// Reads for booking: the provider patients book with, their weekly hours, closures and taken times.
import { and, asc, eq, gt, isNull, lt, ne, or } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { appointments, availabilityRules, closures, locations, providers } from '@/db/schema';
import type { BookingSettings, FreeSlotsInput } from './rules';

/** What the slot rules need of a provider: their clinic's zone and their booking settings. */
export type SlotProvider = BookingSettings & { id: string; timeZone: string };

export type BookableProvider = SlotProvider & {
  name: string;
  locationName: string;
  address: string;
};

/** The provider the public form books with: the first active one (a clinic with one physician today). */
export async function getDefaultProvider(db: Executor): Promise<BookableProvider | null> {
  const [row] = await db
    .select({
      id: providers.id,
      name: providers.name,
      timeZone: locations.timeZone,
      locationName: locations.name,
      address: locations.address,
      slotMinutes: providers.slotMinutes,
      bufferMinutes: providers.bufferMinutes,
      minNoticeMinutes: providers.minNoticeMinutes,
      horizonDays: providers.horizonDays,
    })
    .from(providers)
    .innerJoin(locations, eq(locations.id, providers.locationId))
    .where(eq(providers.active, true))
    .orderBy(asc(providers.createdAt), asc(providers.id))
    .limit(1);
  return row ?? null;
}

async function getSlotProvider(db: Executor, providerId: string): Promise<SlotProvider> {
  const [provider] = await db
    .select({
      id: providers.id,
      timeZone: locations.timeZone,
      slotMinutes: providers.slotMinutes,
      bufferMinutes: providers.bufferMinutes,
      minNoticeMinutes: providers.minNoticeMinutes,
      horizonDays: providers.horizonDays,
    })
    .from(providers)
    .innerJoin(locations, eq(locations.id, providers.locationId))
    .where(eq(providers.id, providerId));
  if (!provider) throw new Error(`No provider ${providerId}`);
  return provider;
}

/**
 * Everything computeFreeSlots needs for one provider from `now` to the end of their horizon. Given the
 * provider already read (getDefaultProvider), its settings are not read again.
 */
export async function getSlotInput(
  db: Executor,
  providerOrId: string | SlotProvider,
  now: Date,
  options: { ignoreAppointmentId?: string } = {},
): Promise<FreeSlotsInput> {
  const p = typeof providerOrId === 'string' ? await getSlotProvider(db, providerOrId) : providerOrId;
  const providerId = p.id;
  // One extra day each side covers slots that straddle the window's edges in any zone.
  const from = new Date(now.getTime() - 86_400_000);
  const until = new Date(now.getTime() + (p.horizonDays + 2) * 86_400_000);
  const busyConditions = [
    eq(appointments.providerId, providerId),
    ne(appointments.status, 'cancelled'),
    lt(appointments.startsAt, until),
    gt(appointments.endsAt, from),
    // A lower bound on the start too, so the provider's years of past appointments are not read: no appointment
    // lasts a day (slot_minutes is at most 240), so one that ends after `from` started after this.
    gt(appointments.startsAt, new Date(from.getTime() - 86_400_000)),
  ];
  if (options.ignoreAppointmentId) busyConditions.push(ne(appointments.id, options.ignoreAppointmentId));
  // Three independent reads, sent together.
  const [rules, closed, busy] = await Promise.all([
    db
      .select({ weekday: availabilityRules.weekday, startTime: availabilityRules.startTime, endTime: availabilityRules.endTime })
      .from(availabilityRules)
      .where(eq(availabilityRules.providerId, providerId)),
    db
      .select({ start: closures.startsAt, end: closures.endsAt })
      .from(closures)
      .where(and(or(isNull(closures.providerId), eq(closures.providerId, providerId)), lt(closures.startsAt, until), gt(closures.endsAt, from))),
    db
      .select({ start: appointments.startsAt, end: appointments.endsAt })
      .from(appointments)
      .where(and(...busyConditions)),
  ]);
  return {
    now,
    timeZone: p.timeZone,
    rules,
    settings: {
      slotMinutes: p.slotMinutes,
      bufferMinutes: p.bufferMinutes,
      minNoticeMinutes: p.minNoticeMinutes,
      horizonDays: p.horizonDays,
    },
    closures: closed,
    busy,
  };
}
