// The inbox's kept counts per status (lead_status_counts, kept by triggers: docs/decisions/0016) against a fresh
// count of the leads, after inserts, status and assignee changes through the app's own functions, erasure,
// deletes, a member of staff removed, and many transactions changing leads at once (some rolled back).
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { buildLead, buildStaffUser } from '@/db/factories';
import { LEAD_STATUSES } from '@/db/enums';
import * as t from '@/db/schema';
import { bulkAssign, bulkChangeStatus } from '@/lib/inbox/bulk';
import { compactStatusCounts } from '@/lib/inbox/counts';
import { EMPTY_FILTERS, type InboxFilters } from '@/lib/inbox/filters';
import { countInboxByStatus, countMatchingByStatus, type InboxViewer } from '@/lib/inbox/queries';
import { eraseLead } from '@/lib/privacy/service';
import { availableBackends, createTestDatabase, type TestDatabase } from '../support/db';

const now = new Date('2026-11-26T18:00:00Z');
const meta = { ip: '127.0.0.1', userAgent: 'vitest' };

/** A deterministic stream of numbers in [0, 1): the same leads and changes on every run. */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe.each(await availableBackends())('kept counts per status on %s', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let staff: t.StaffUser[];
  let viewer: InboxViewer;
  const random = seeded(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    db = handle.db;
    staff = await db.insert(t.staffUsers).values([buildStaffUser(), buildStaffUser(), buildStaffUser({ role: 'admin' })]).returning();
    viewer = { staffId: staff[0]!.id, timeZone: 'America/Los_Angeles' };
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  /** Every filter the kept counts answer for: none, each urgency, each assignee choice, and two combined. */
  const filterSets = (): InboxFilters[] => [
    EMPTY_FILTERS,
    { ...EMPTY_FILTERS, urgency: 'urgent' },
    { ...EMPTY_FILTERS, urgency: 'routine' },
    { ...EMPTY_FILTERS, assigned: 'me' },
    { ...EMPTY_FILTERS, assigned: 'unassigned' },
    { ...EMPTY_FILTERS, assigned: { staffId: staff[1]!.id } },
    { ...EMPTY_FILTERS, urgency: 'urgent', assigned: 'me', status: 'new' },
  ];

  async function expectKeptEqualsCounted(label: string) {
    for (const filters of filterSets()) {
      const kept = await countInboxByStatus(db, { filters, viewer });
      const counted = await countMatchingByStatus(db, { filters, viewer });
      expect(kept, `${label}: ${JSON.stringify(filters)}`).toEqual(counted);
    }
  }

  const randomLead = () =>
    buildLead({
      status: pick(LEAD_STATUSES),
      urgency: random() < 0.2 ? 'urgent' : 'routine',
      assignedToId: random() < 0.3 ? null : pick(staff).id,
      createdAt: now,
    });

  it('match a fresh count after inserts, changes through the app, erasure, deletes and a staff member removed', async () => {
    const inserted = await db.insert(t.leads).values(Array.from({ length: 60 }, randomLead)).returning();
    await expectKeptEqualsCounted('after inserts');
    expect((await countInboxByStatus(db, { filters: EMPTY_FILTERS, viewer })).total).toBe(60);

    const ids = inserted.map((l) => l.id);
    const ctx = { staffId: staff[2]!.id, meta, now };
    expect((await bulkChangeStatus(db, { leadIds: ids.slice(0, 20), to: 'no_response' }, ctx)).ok).toBe(true);
    expect((await bulkAssign(db, { leadIds: ids.slice(10, 30), assigneeId: staff[0]!.id }, ctx)).ok).toBe(true);
    await db.update(t.leads).set({ urgency: 'urgent' }).where(inArray(t.leads.id, ids.slice(25, 35)));
    await expectKeptEqualsCounted('after status, assignee and urgency changes');

    expect((await eraseLead(db, { leadId: ids[40]!, actorId: staff[2]!.id, meta, now })).ok).toBe(true);
    expect((await eraseLead(db, { leadId: ids[41]!, actorId: staff[2]!.id, meta, now })).ok).toBe(true);
    // Changing an erased lead does not bring it back into the counts.
    await db.update(t.leads).set({ status: 'new' }).where(eq(t.leads.id, ids[40]!));
    await expectKeptEqualsCounted('after erasure');
    expect((await countInboxByStatus(db, { filters: EMPTY_FILTERS, viewer })).total).toBe(58);

    await db.delete(t.leads).where(inArray(t.leads.id, [...ids.slice(0, 5), ids[41]!]));
    await expectKeptEqualsCounted('after deletes');
    // Removing a member of staff unassigns their leads (on delete set null): the counts move with them.
    await db.delete(t.staffUsers).where(eq(t.staffUsers.id, staff[1]!.id));
    await expectKeptEqualsCounted('after a member of staff was removed');
    staff = staff.filter((s) => s.id !== staff[1]!.id);

    const before = await countInboxByStatus(db, { filters: EMPTY_FILTERS, viewer });
    await compactStatusCounts(db);
    await compactStatusCounts(db);
    expect(await countInboxByStatus(db, { filters: EMPTY_FILTERS, viewer })).toEqual(before);
    await expectKeptEqualsCounted('after folding the kept rows');
    // Folded: at most one row per (status, urgency, assignee).
    const [{ rows, keys }] = (await db
      .select({ rows: sql<number>`count(*)::int`, keys: sql<number>`count(distinct (status, urgency, assigned_to_id))::int` })
      .from(t.leadStatusCounts)) as [{ rows: number; keys: number }];
    expect(rows).toBe(keys);
  });

  // Concurrency needs a server: PGlite is one connection, so this case exists on PostgreSQL only.
  if (backend === 'postgres') {
    it('match after many transactions change leads at once, some rolled back, while the rows are folded', async () => {
      const existing = (await db.select({ id: t.leads.id }).from(t.leads)).map((r) => r.id);
      const change = async (i: number) => {
        const rollback = i % 5 === 0;
        try {
          // Two existing leads, locked in id order by every transaction: the leads' own row locks never form a
          // cycle (as in the app, where one change touches one lead), so what is tested is the counts under load.
          const [first, second] = [pick(existing), pick(existing)].sort();
          await db.transaction(async (tx) => {
            const [made] = await tx.insert(t.leads).values([randomLead(), randomLead()]).returning({ id: t.leads.id });
            await tx.update(t.leads).set({ status: pick(LEAD_STATUSES) }).where(inArray(t.leads.id, [first!, made!.id]));
            await tx.update(t.leads).set({ assignedToId: pick([null, ...staff.map((s) => s.id)]) }).where(eq(t.leads.id, second!));
            if (i % 7 === 0) await tx.update(t.leads).set({ erasedAt: now }).where(eq(t.leads.id, made!.id));
            if (i % 3 === 0) await tx.delete(t.leads).where(eq(t.leads.id, made!.id));
            if (rollback) throw new Error('rolled back on purpose');
          });
        } catch (error) {
          if (!rollback) throw error;
        }
      };
      const folds = Array.from({ length: 5 }, () => compactStatusCounts(db));
      await Promise.all([...Array.from({ length: 40 }, (_, i) => change(i)), ...folds]);
      await expectKeptEqualsCounted('after concurrent changes');
      await compactStatusCounts(db);
      await expectKeptEqualsCounted('after concurrent changes, folded');
    });
  }

  it('are emptied with the table (TRUNCATE)', async () => {
    await db.execute(sql`truncate leads cascade`);
    expect(await countInboxByStatus(db, { filters: EMPTY_FILTERS, viewer })).toEqual(await countMatchingByStatus(db, { filters: EMPTY_FILTERS, viewer }));
    expect((await countInboxByStatus(db, { filters: EMPTY_FILTERS, viewer })).total).toBe(0);
  });
});
