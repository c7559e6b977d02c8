// Admin booking settings: reading and saving a provider's booking settings, weekly hours and closures.
// Each save validates the form values (settings-rules), changes the rows in one transaction and writes a
// `settings_changed` audit entry saying what changed. These rows are what getSlotInput reads, so a
// saved change is what patients are offered next.
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { PG_EXCLUSION_VIOLATION, pgErrorCode } from '@/db/errors';
import { availabilityRules, closures, locations, providers, type Closure } from '@/db/schema';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import {
  hoursField,
  parseClosure,
  parseProviderSettings,
  parseWeeklyHours,
  weekdayName,
  type FieldErrors,
  type FormValues,
  type HoursRange,
  type ProviderSettings,
} from './settings-rules';

export type SettingsActor = { staffId: string; meta: RequestMeta };

export type SaveResult =
  | { ok: true; changed: boolean }
  | { ok: false; code: 'invalid'; errors: FieldErrors; values: FormValues }
  | { ok: false; code: 'not_found' };

export type ProviderRow = ProviderSettings & { id: string; timeZone: string };

// ---------------------------------------------------------------- reads

const providerColumns = {
  id: providers.id,
  name: providers.name,
  title: providers.title,
  slotMinutes: providers.slotMinutes,
  bufferMinutes: providers.bufferMinutes,
  minNoticeMinutes: providers.minNoticeMinutes,
  horizonDays: providers.horizonDays,
  active: providers.active,
  timeZone: locations.timeZone,
};

/** Every provider, active ones first, oldest first (the public form books with the first active one). */
export async function listProviders(db: Executor): Promise<ProviderRow[]> {
  return db
    .select(providerColumns)
    .from(providers)
    .innerJoin(locations, eq(locations.id, providers.locationId))
    .orderBy(asc(providers.createdAt), asc(providers.id));
}

export async function getProvider(db: Executor, providerId: string): Promise<ProviderRow | null> {
  const [row] = await db
    .select(providerColumns)
    .from(providers)
    .innerJoin(locations, eq(locations.id, providers.locationId))
    .where(eq(providers.id, providerId));
  return row ?? null;
}

export async function listWeeklyHours(db: Executor, providerId: string): Promise<HoursRange[]> {
  const rows = await db
    .select({ weekday: availabilityRules.weekday, startTime: availabilityRules.startTime, endTime: availabilityRules.endTime })
    .from(availabilityRules)
    .where(eq(availabilityRules.providerId, providerId))
    .orderBy(asc(availabilityRules.weekday), asc(availabilityRules.startTime));
  return rows.map((r) => ({ weekday: r.weekday, startTime: r.startTime.slice(0, 5), endTime: r.endTime.slice(0, 5) }));
}

/** Closures that still matter to a provider (their own and the whole clinic's), soonest first. */
export async function listUpcomingClosures(db: Executor, providerId: string, now: Date): Promise<Closure[]> {
  return db
    .select()
    .from(closures)
    .where(and(or(isNull(closures.providerId), eq(closures.providerId, providerId)), gt(closures.endsAt, now)))
    .orderBy(asc(closures.startsAt), asc(closures.id));
}

// ---------------------------------------------------------------- provider settings

const AUDITED_FIELDS = ['name', 'title', 'slotMinutes', 'bufferMinutes', 'minNoticeMinutes', 'horizonDays', 'active'] as const;

export async function saveProviderSettings(
  db: Database,
  args: { providerId: string; values: FormValues; actor: SettingsActor; now: Date },
): Promise<SaveResult> {
  const parsed = parseProviderSettings(args.values);
  if (!parsed.ok) return { ok: false, code: 'invalid', errors: parsed.errors, values: parsed.values };
  const next = parsed.data;
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(providers).where(eq(providers.id, args.providerId)).for('update');
    if (!current) return { ok: false, code: 'not_found' } as const;
    const changes = Object.fromEntries(
      AUDITED_FIELDS.filter((field) => current[field] !== next[field]).map((field) => [field, { from: current[field], to: next[field] }]),
    );
    if (Object.keys(changes).length === 0) return { ok: true, changed: false } as const;
    await tx.update(providers).set({ ...next, updatedAt: args.now }).where(eq(providers.id, args.providerId));
    await audit(tx, args, args.providerId, { what: 'provider', providerId: args.providerId, changes });
    return { ok: true, changed: true } as const;
  });
}

// ---------------------------------------------------------------- weekly hours

/** Replaces a provider's weekly hours with what the form says (an empty form closes every day). */
export async function saveWeeklyHours(
  db: Database,
  args: { providerId: string; values: FormValues; actor: SettingsActor; now: Date },
): Promise<SaveResult> {
  const parsed = parseWeeklyHours(args.values);
  if (!parsed.ok) return { ok: false, code: 'invalid', errors: parsed.errors, values: parsed.values };
  return writeWeeklyHours(db, { ...args, ranges: parsed.data });
}

/**
 * Writes ranges that were already validated. The database's exclusion constraint is the last word on
 * overlaps: its refusal comes back as a field error on the weekday it names, and nothing is written.
 */
export async function writeWeeklyHours(
  db: Database,
  args: { providerId: string; ranges: HoursRange[]; values: FormValues; actor: SettingsActor; now: Date },
): Promise<SaveResult> {
  try {
    return await db.transaction(async (tx) => {
      // Locks the provider so two admins saving at once apply one after the other.
      const [provider] = await tx.select({ id: providers.id }).from(providers).where(eq(providers.id, args.providerId)).for('update');
      if (!provider) return { ok: false, code: 'not_found' } as const;
      const before = await listWeeklyHours(tx, args.providerId);
      const changes = changedDays(before, args.ranges);
      if (Object.keys(changes).length === 0) return { ok: true, changed: false } as const;
      await tx.delete(availabilityRules).where(eq(availabilityRules.providerId, args.providerId));
      if (args.ranges.length) {
        await tx.insert(availabilityRules).values(args.ranges.map((r) => ({ providerId: args.providerId, ...r, createdAt: args.now })));
      }
      await audit(tx, args, args.providerId, { what: 'weekly_hours', providerId: args.providerId, changes });
      return { ok: true, changed: true } as const;
    });
  } catch (error) {
    if (pgErrorCode(error) !== PG_EXCLUSION_VIOLATION) throw error;
    const weekday = weekdayInConflict(error) ?? args.ranges[0]?.weekday ?? 1;
    return {
      ok: false,
      code: 'invalid',
      errors: { [hoursField(weekday, 0, 'start')]: `${weekdayName(weekday)}’s hours overlap: change or remove one of the ranges` },
      values: args.values,
    };
  }
}

const describeDay = (ranges: HoursRange[], weekday: number) =>
  ranges
    .filter((r) => r.weekday === weekday)
    .map((r) => `${r.startTime}–${r.endTime}`)
    .sort();

/** The weekdays whose hours differ, by name, with their ranges before and after. */
function changedDays(before: HoursRange[], after: HoursRange[]): Record<string, { from: string[]; to: string[] }> {
  const changes: Record<string, { from: string[]; to: string[] }> = {};
  for (let weekday = 1; weekday <= 7; weekday++) {
    const from = describeDay(before, weekday);
    const to = describeDay(after, weekday);
    if (from.join() !== to.join()) changes[weekdayName(weekday)] = { from, to };
  }
  return changes;
}

/** The weekday in an exclusion violation's detail: "Key (provider_id, weekday, tsrange(...))=(<uuid>, 3, [...))". */
function weekdayInConflict(error: unknown): number | null {
  const e = error as { detail?: string; cause?: { detail?: string } };
  const detail = e.cause?.detail ?? e.detail ?? '';
  const match = /=\([0-9a-f-]{36}, ([1-7]),/.exec(detail);
  return match ? Number(match[1]) : null;
}

// ---------------------------------------------------------------- closures

export async function addClosure(
  db: Database,
  args: { providerId: string; values: FormValues; timeZone: string; actor: SettingsActor; now: Date },
): Promise<SaveResult & { closureId?: string }> {
  const parsed = parseClosure(args.values, { providerId: args.providerId, timeZone: args.timeZone, now: args.now });
  if (!parsed.ok) return { ok: false, code: 'invalid', errors: parsed.errors, values: parsed.values };
  return db.transaction(async (tx) => {
    const [provider] = await tx.select({ id: providers.id }).from(providers).where(eq(providers.id, args.providerId));
    if (!provider) return { ok: false, code: 'not_found' } as const;
    const [row] = await tx
      .insert(closures)
      .values({ ...parsed.data, createdAt: args.now })
      .returning();
    await audit(tx, args, row!.id, { what: 'closure_added', ...closureDetail(row!) });
    return { ok: true, changed: true, closureId: row!.id } as const;
  });
}

export async function deleteClosure(db: Database, args: { closureId: string; actor: SettingsActor; now: Date }): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(closures).where(eq(closures.id, args.closureId)).returning();
    if (!row) return { ok: false, code: 'not_found' } as const;
    await audit(tx, args, row.id, { what: 'closure_deleted', ...closureDetail(row) });
    return { ok: true, changed: true } as const;
  });
}

function closureDetail(row: Closure) {
  return {
    closureId: row.id,
    providerId: row.providerId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    reason: row.reason,
  };
}

// ---------------------------------------------------------------- audit

function audit(tx: Executor, args: { actor: SettingsActor; now: Date }, entityId: string, detail: Record<string, unknown>) {
  return writeAudit(tx, {
    actorStaffId: args.actor.staffId,
    action: 'settings_changed',
    entityType: 'settings',
    entityId,
    detail,
    meta: args.actor.meta,
    at: args.now,
  });
}
