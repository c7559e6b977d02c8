// The database's own defences, tried as the web app's role would: acting as `clinic_app` (the group role
// created by migration 0005) it reads and writes the data, may only add to and read the audit log, and cannot
// change the schema; nobody, not even the tables' owner, can empty the audit log. Expired security records
// are deleted by the hourly housekeeping.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type DbHandle } from '@/db/client';
import * as t from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { hashPassword } from '@/lib/auth/password';
import { authenticate, signInKeys } from '@/lib/auth/service';
import { submitConsultationRequest } from '@/lib/intake/service';
import { limitKey } from '@/lib/security/rate-limit';
import { RETENTION_DAYS, runHousekeeping } from '@/lib/security/housekeeping';
import { seedClinic, validInput } from '../support/consult-fixtures';
import { availableBackends, createTestDatabase, pgCode, type TestDatabase } from '../support/db';

const now = new Date('2026-11-30T15:00:00Z');
const meta = { ip: '203.0.113.70', userAgent: 'vitest' };
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

/** The SQLSTATE a statement fails with (null when it succeeds). */
async function failureOf(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return pgCode(error) ?? 'no code';
  }
}

describe.each(await availableBackends())('the web app acting as clinic_app on %s', (backend) => {
  let owner: TestDatabase;
  /** A connection of its own that has taken the app's role for good (SET ROLE), as a login in clinic_app would. */
  let app: DbHandle;

  beforeAll(async () => {
    owner = await createTestDatabase(backend);
    await seedClinic(owner.db);
    await owner.db.insert(t.staffUsers).values({ email: 'desk@example.com', name: 'Desk', role: 'staff', passwordHash: await hashPassword('a long enough password') });
    // PGlite is one connection: it takes the role itself (nothing else uses this database).
    app = backend === 'postgres' ? await openPostgres(owner.url!, { max: 1 }) : owner;
    await app.db.execute(sql`set role clinic_app`);
  });
  afterAll(async () => {
    if (app !== owner) await app?.close();
    await owner?.dispose();
  });

  it('does the product’s work: a patient’s request, a staff sign-in, an audit entry', async () => {
    const submitted = await submitConsultationRequest(app.db, validInput({ email: 'least.privilege@example.com' }), { now, ip: '198.51.100.9' });
    expect(submitted.ok).toBe(true);
    const signedIn = await authenticate(app.db, { email: 'desk@example.com', password: 'a long enough password', meta, now });
    expect(signedIn.ok).toBe(true);
    await writeAudit(app.db, { actorStaffId: null, action: 'sign_in_failed', entityType: 'session', meta, at: now });
    const actions = await app.db.select({ action: t.auditLog.action }).from(t.auditLog).orderBy(t.auditLog.id);
    expect(actions.map((a) => a.action)).toEqual(['sign_in', 'sign_in_failed']);
    const leads = await app.db.select({ email: t.leads.email }).from(t.leads);
    expect(leads).toEqual([{ email: 'least.privilege@example.com' }]);
  });

  it('cannot change, delete or empty the audit log, nor switch its triggers off or drop it', async () => {
    expect(await failureOf(() => app.db.execute(sql`update audit_log set action = 'nothing'`))).toBe('42501');
    expect(await failureOf(() => app.db.execute(sql`delete from audit_log`))).toBe('42501');
    expect(await failureOf(() => app.db.execute(sql`truncate audit_log`))).toBe('42501');
    expect(await failureOf(() => app.db.execute(sql`alter table audit_log disable trigger all`))).toBe('42501');
    expect(await failureOf(() => app.db.execute(sql`drop table audit_log`))).toBe('42501');
  });

  it('cannot change the schema', async () => {
    expect(await failureOf(() => app.db.execute(sql`create table smuggled (x int)`))).toBe('42501');
    expect(await failureOf(() => app.db.execute(sql`alter table leads add column smuggled text`))).toBe('42501');
    expect(await failureOf(() => app.db.execute(sql`drop table leads`))).toBe('42501');
  });
});

describe.each(await availableBackends())('the audit log on %s', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it('cannot be emptied with TRUNCATE, even by the tables’ owner', async () => {
    await writeAudit(handle.db, { actorStaffId: null, action: 'sign_in_failed', entityType: 'session', meta, at: now });
    expect(await failureOf(() => handle.db.execute(sql`truncate audit_log`))).toBe('42501');
    const [count] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(t.auditLog);
    expect(count!.n).toBe(1);
  });
});

describe.each(await availableBackends())('housekeeping on %s', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it('deletes expired security records and keeps the ones still needed', async () => {
    const db = handle.db;
    const [user] = await db.insert(t.staffUsers).values({ email: 'keeper@example.com', name: 'Keeper', role: 'staff' }).returning();
    const keys = signInKeys('keeper@example.com', '198.51.100.77');
    const keep = RETENTION_DAYS;
    await db.insert(t.loginAttempts).values([
      { ...keys, succeeded: false, at: daysAgo(keep.loginAttempts + 1) },
      { ...keys, succeeded: false, at: daysAgo(keep.loginAttempts - 1) },
    ]);
    await db.insert(t.rateLimits).values([
      { key: limitKey('consult:ip', '198.51.100.77'), windowStart: daysAgo(keep.rateLimitWindows + 1), count: 3 },
      { key: limitKey('consult:ip', '198.51.100.77'), windowStart: daysAgo(0), count: 1 },
    ]);
    await db.insert(t.authTokens).values([
      { staffUserId: user!.id, purpose: 'password_reset', tokenHash: 'old', expiresAt: daysAgo(keep.oneTimeLinks + 1), createdAt: daysAgo(keep.oneTimeLinks + 2) },
      { staffUserId: user!.id, purpose: 'password_reset', tokenHash: 'recent', expiresAt: daysAgo(1), createdAt: daysAgo(2) },
    ]);
    await db.insert(t.staffSessions).values([
      { staffUserId: user!.id, createdAt: daysAgo(200), lastSeenAt: daysAgo(199), revokedAt: daysAgo(keep.endedSessions + 1), revokedReason: 'signed_out' },
      { staffUserId: user!.id, createdAt: daysAgo(200), lastSeenAt: daysAgo(keep.endedSessions + 5) },
      { staffUserId: user!.id, createdAt: daysAgo(20), lastSeenAt: daysAgo(19), revokedAt: daysAgo(19), revokedReason: 'signed_out' },
      { staffUserId: user!.id, createdAt: now, lastSeenAt: now },
    ]);

    expect(await runHousekeeping(db, now)).toEqual({ rateLimitWindows: 1, loginAttempts: 1, oneTimeLinks: 1, endedSessions: 2, expiredDrafts: 0 });
    expect(await db.select({ at: t.loginAttempts.at }).from(t.loginAttempts)).toEqual([{ at: daysAgo(keep.loginAttempts - 1) }]);
    expect(await db.select({ hash: t.authTokens.tokenHash }).from(t.authTokens)).toEqual([{ hash: 'recent' }]);
    expect(await db.select({ id: t.staffSessions.id }).from(t.staffSessions)).toHaveLength(2);
    // A second pass finds nothing more to do.
    expect(await runHousekeeping(db, now)).toEqual({ rateLimitWindows: 0, loginAttempts: 0, oneTimeLinks: 0, endedSessions: 0, expiredDrafts: 0 });
  });
});
