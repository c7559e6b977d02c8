import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { buildStaffUser } from '@/db/factories';
import * as t from '@/db/schema';
import { browseAuditLog, decodeCursor, encodeCursor, listAuditEntries, type AuditCursor, type AuditFilters, type AuditRow } from '@/lib/audit/queries';
import { writeAudit, type AuditAction } from '@/lib/audit/log';
import { createTestDatabase, pgCode, primaryBackend, type TestDatabase } from '../support/db';

const LA = 'America/Los_Angeles';
const meta = { ip: '203.0.113.7', userAgent: 'vitest' };
/** A wall-clock time at the clinic (PST, UTC-8, in November). */
const la = (wallClock: string) => new Date(`${wallClock}-08:00`);

let handle: TestDatabase;
let db: Database;
let alex: string;
let sam: string;
const leadA = randomUUID();
const leadB = randomUUID();

/** 120 entries, one every 30 minutes from 9am on 2 November (clinic time): alternating staff, actions and leads. */
async function seedEntries() {
  const actions: AuditAction[] = ['lead_viewed', 'lead_updated', 'lead_exported'];
  for (let i = 0; i < 120; i++) {
    await writeAudit(db, {
      actorStaffId: i % 2 === 0 ? alex : sam,
      action: actions[i % 3]!,
      entityType: 'lead',
      entityId: i % 4 === 0 ? leadA : leadB,
      detail: { n: i },
      meta,
      at: new Date(la('2026-11-02T09:00').getTime() + i * 30 * 60_000),
    });
  }
  // Two entries at the very same instant, either side of a page boundary when paging by 50.
  const same = la('2026-11-10T12:00');
  for (const n of [1000, 1001]) {
    await writeAudit(db, { actorStaffId: null, action: 'sign_in_failed', entityType: 'session', detail: { n }, meta, at: same });
  }
}

/** Every page of a filtered listing, following the cursors. */
async function allPages(filters: AuditFilters, limit = 50): Promise<AuditRow[][]> {
  const pages: AuditRow[][] = [];
  let before: AuditCursor | null = null;
  do {
    const page = await listAuditEntries(db, { filters, timeZone: LA, before, limit });
    pages.push(page.entries);
    before = page.next;
  } while (before);
  return pages;
}

const ns = (rows: AuditRow[]) => rows.map((r) => r.detail.n as number);

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  db = handle.db;
  [alex, sam] = (await db.insert(t.staffUsers).values([buildStaffUser({ name: 'Alex Admin', role: 'admin' }), buildStaffUser({ name: 'Sam Frontdesk' })]).returning()).map(
    (s) => s.id,
  ) as [string, string];
  await seedEntries();
});
afterAll(async () => {
  await handle?.dispose();
});

describe('the audit log is append-only', () => {
  it('refuses to change an entry', async () => {
    const error = await db
      .update(t.auditLog)
      .set({ action: 'nothing_happened' })
      .where(eq(t.auditLog.action, 'lead_exported'))
      .then(() => null, (e: unknown) => e);
    expect(pgCode(error)).toBe('42501');
  });

  it('refuses to delete an entry, even all of them at once', async () => {
    const before = await db.$count(t.auditLog);
    const one = await db.delete(t.auditLog).where(eq(t.auditLog.actorStaffId, sam)).then(() => null, (e: unknown) => e);
    expect(pgCode(one)).toBe('42501');
    const all = await db.execute(sql`delete from audit_log`).then(() => null, (e: unknown) => e);
    expect(pgCode(all)).toBe('42501');
    expect(await db.$count(t.auditLog)).toBe(before);
  });
});

describe('browsing the audit log', () => {
  it('lists newest first, 50 to a page, every entry exactly once across pages', async () => {
    const pages = await allPages({});
    expect(pages.map((p) => p.length)).toEqual([50, 50, 22]);
    const all = pages.flat();
    expect(new Set(all.map((r) => r.id)).size).toBe(122);
    const times = all.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The newest are the two failed sign-ins of 10 November, then the last of the 120 (11:30pm on 4 November).
    expect(ns(all.slice(0, 3))).toEqual([1001, 1000, 119]);
    expect(all[2]).toMatchObject({ action: 'lead_exported', actorName: 'Sam Frontdesk', entityType: 'lead', entityId: leadB, ip: '203.0.113.7' });
  });

  it('keeps two entries written at the same instant in a stable order, however the pages fall', async () => {
    for (const limit of [1, 2, 3, 7]) {
      const pages = await allPages({ action: 'sign_in_failed' }, limit);
      expect(ns(pages.flat())).toEqual([1001, 1000]);
    }
    // An entry without a person shows no name.
    const [page] = await allPages({ action: 'sign_in_failed' });
    expect(page![0]).toMatchObject({ actorId: null, actorName: null });
  });

  it('filters by staff member, action and entity, and combines them', async () => {
    expect(ns((await allPages({ actorId: sam })).flat())).toHaveLength(60);
    expect(ns((await allPages({ action: 'lead_exported' })).flat())).toHaveLength(40);
    expect(ns((await allPages({ entityId: leadA })).flat())).toHaveLength(30);
    // Alex (even entries), exported (2 more than a multiple of 3), lead A (multiples of 4): 8, 20 … 116.
    const combined = ns((await allPages({ actorId: alex, action: 'lead_exported', entityId: leadA })).flat());
    expect(combined).toEqual([116, 104, 92, 80, 68, 56, 44, 32, 20, 8]);
    expect((await listAuditEntries(db, { filters: { actorId: randomUUID() }, timeZone: LA })).entries).toEqual([]);
  });

  it('filters by whole days on the clinic’s calendar', async () => {
    // 2 November from 9am to midnight is entries 0–29; 3 November is 30–77; 4 November, 78–119.
    expect(ns((await allPages({ from: '2026-11-03', to: '2026-11-03' })).flat())).toEqual(Array.from({ length: 48 }, (_, i) => 77 - i));
    const fromThird = (await allPages({ from: '2026-11-03' })).flat();
    expect(fromThird).toHaveLength(90 + 2);
    expect(ns((await allPages({ to: '2026-11-02' })).flat())).toHaveLength(30);
  });

  it('pages through a filtered list with the same cursor rules', async () => {
    const pages = await allPages({ actorId: alex }, 25);
    expect(pages.map((p) => p.length)).toEqual([25, 25, 10]);
    expect(ns(pages.flat())).toEqual(Array.from({ length: 60 }, (_, i) => 118 - 2 * i));
  });

  it('records each viewing of the log with the filters used, before reading it', async () => {
    const now = la('2026-11-26T10:00');
    const page = await browseAuditLog(db, { viewerId: alex, meta, now, timeZone: LA, filters: { action: 'audit_viewed', entityId: '' } });
    expect(page.entries[0]).toMatchObject({ action: 'audit_viewed', actorId: alex, entityType: 'audit', detail: { action: 'audit_viewed' } });
  });
});

describe('page cursors', () => {
  it('round-trip, and anything else is ignored', () => {
    const cursor = { at: '2026-11-10T20:00:00.123456Z', id: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of [undefined, '', '42', '2026-11-10T20:00:00Z_42', `${cursor.at}_x`, `${cursor.at}_1;drop table audit_log`, ['a']]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});
