// Staff sessions kept on the server, against a real database: a session lives while it is used, ends after
// inactivity and after its maximum age, and once ended (signed out, ended from the account page or by an
// admin) stays ended whatever copy of its cookie is replayed.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { authenticate } from '@/lib/auth/service';
import { checkSession, endSession, endSessionsByStaff, listLiveSessions, touchSession } from '@/lib/auth/sessions';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';

const PASSWORD = 'a long enough password';
const LIMITS = { idleMinutes: 30, maxHours: 12 };
const base = new Date('2026-11-26T09:00:00Z');
const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000);
const meta = { ip: '203.0.113.40', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36' };

let handle: TestDatabase;
let counter = 0;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
});
afterAll(async () => {
  await handle?.dispose();
});

async function newStaff(role: 'staff' | 'admin' = 'staff') {
  const email = `sessions${++counter}@example.com`;
  const [row] = await handle.db.insert(t.staffUsers).values({ email, name: `Person ${counter}`, role, passwordHash: await hashPassword(PASSWORD), createdAt: base, updatedAt: base }).returning();
  return row!;
}

async function signIn(user: { email: string }, now: Date): Promise<string> {
  const result = await authenticate(handle.db, { email: user.email, password: PASSWORD, meta, now });
  if (!result.ok) throw new Error(result.code);
  return result.sessionId;
}

const check = (sid: string, now: Date) => checkSession(handle.db, sid, now, LIMITS);
const row = async (sid: string) => (await handle.db.select().from(t.staffSessions).where(eq(t.staffSessions.id, sid)))[0]!;

describe('a session', () => {
  it('starts at sign-in with where it came from, and is checked with its account in one read', async () => {
    const user = await newStaff();
    const sid = await signIn(user, at(0));
    expect(await row(sid)).toMatchObject({ staffUserId: user.id, createdAt: at(0), lastSeenAt: at(0), ip: meta.ip, userAgent: meta.userAgent, revokedAt: null });
    expect(await check(sid, at(5))).toEqual({
      sessionId: sid,
      lastSeenAt: at(0),
      // A member of staff without a second factor: the session waits for one to be set up.
      secondFactorAt: null,
      reauthenticatedAt: at(0),
      user: { id: user.id, email: user.email, name: user.name, role: 'staff' },
    });
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'sign_in'), eq(t.auditLog.actorStaffId, user.id)));
    expect(audit.map((a) => a.entityId)).toEqual([sid]);
  });

  it('stays alive while used, and ends after 30 minutes without use', async () => {
    const user = await newStaff();
    const sid = await signIn(user, at(0));
    for (const minute of [20, 40, 60]) {
      const live = await check(sid, at(minute));
      expect(live, `minute ${minute}`).not.toBeNull();
      await touchSession(handle.db, live!, at(minute));
    }
    expect((await row(sid)).lastSeenAt).toEqual(at(60));
    expect(await check(sid, at(89))).not.toBeNull();
    expect(await check(sid, at(90))).toBeNull();
  });

  it('writes activity down at most once a minute', async () => {
    const user = await newStaff();
    const sid = await signIn(user, at(0));
    await touchSession(handle.db, { sessionId: sid, lastSeenAt: at(0) }, new Date(at(0).getTime() + 59_000));
    expect((await row(sid)).lastSeenAt).toEqual(at(0));
    await touchSession(handle.db, { sessionId: sid, lastSeenAt: at(0) }, at(1));
    expect((await row(sid)).lastSeenAt).toEqual(at(1));
  });

  it('ends 12 hours after sign-in however busy', async () => {
    const user = await newStaff();
    const sid = await signIn(user, at(0));
    for (let minute = 25; minute < 12 * 60; minute += 25) await touchSession(handle.db, { sessionId: sid, lastSeenAt: (await row(sid)).lastSeenAt }, at(minute));
    expect(await check(sid, at(12 * 60 - 1))).not.toBeNull();
    expect(await check(sid, at(12 * 60))).toBeNull();
  });

  it('once signed out, is refused for good: touching it does not bring it back', async () => {
    const user = await newStaff();
    const sid = await signIn(user, at(0));
    expect(await endSession(handle.db, { sessionId: sid, reason: 'signed_out', now: at(1) })).toBe(true);
    expect(await endSession(handle.db, { sessionId: sid, reason: 'signed_out', now: at(2) })).toBe(false);
    await touchSession(handle.db, { sessionId: sid, lastSeenAt: at(0) }, at(3));
    expect(await row(sid)).toMatchObject({ revokedAt: at(1), revokedReason: 'signed_out', lastSeenAt: at(0) });
    expect(await check(sid, at(3))).toBeNull();
  });

  it('refuses an id that is not a session, or not a well-formed id at all', async () => {
    expect(await check('00000000-0000-4000-8000-000000000000', at(0))).toBeNull();
    expect(await check("x' or 1=1 --", at(0))).toBeNull();
    expect(await endSession(handle.db, { sessionId: 'not-a-uuid', reason: 'signed_out', now: at(0) })).toBe(false);
  });
});

describe('ending sessions from the dashboard', () => {
  it('lists one’s live sessions, newest activity first, this one marked; ended and idle ones are gone', async () => {
    const user = await newStaff();
    const [old, idle, other, current] = [await signIn(user, at(0)), await signIn(user, at(0)), await signIn(user, at(50)), await signIn(user, at(55))];
    await endSession(handle.db, { sessionId: old, reason: 'signed_out', now: at(1) });
    const list = await listLiveSessions(handle.db, { staffUserId: user.id, currentSessionId: current, now: at(60), limits: LIMITS });
    expect(list.map((s) => [s.id, s.current])).toEqual([
      [current, true],
      [other, false],
    ]);
    expect(list.map((s) => s.id)).not.toContain(idle);
  });

  it('ends one other device of one’s own, or all but this one, and audits each', async () => {
    const user = await newStaff();
    const [phone, tablet, laptop] = [await signIn(user, at(0)), await signIn(user, at(0)), await signIn(user, at(0))];
    const actor = { id: user.id, sessionId: laptop };
    expect(await endSessionsByStaff(handle.db, { actor, staffUserId: user.id, sessionId: phone, meta, now: at(1) })).toEqual({ ok: true, ended: 1 });
    expect(await check(phone, at(1))).toBeNull();
    expect(await check(tablet, at(1))).not.toBeNull();
    expect(await endSessionsByStaff(handle.db, { actor, staffUserId: user.id, meta, now: at(2) })).toEqual({ ok: true, ended: 1 });
    expect(await check(tablet, at(2))).toBeNull();
    expect(await check(laptop, at(2))).not.toBeNull();
    expect((await row(phone)).revokedReason).toBe('ended_by_self');
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'sessions_ended'), eq(t.auditLog.entityId, user.id)));
    expect(audit.map((a) => a.detail)).toEqual([
      { ended: 1, which: 'one' },
      { ended: 1, which: 'all_others' },
    ]);
  });

  it('cannot reach another account’s session through one’s own account', async () => {
    const [me, someone] = [await newStaff(), await newStaff()];
    const mine = await signIn(me, at(0));
    const theirs = await signIn(someone, at(0));
    expect(await endSessionsByStaff(handle.db, { actor: { id: me.id, sessionId: mine }, staffUserId: me.id, sessionId: theirs, meta, now: at(1) })).toEqual({ ok: false, code: 'not_found' });
    expect(await check(theirs, at(1))).not.toBeNull();
  });

  it('lets an admin end every session of another account', async () => {
    const [admin, member] = [await newStaff('admin'), await newStaff()];
    const adminSid = await signIn(admin, at(0));
    const sessions = [await signIn(member, at(0)), await signIn(member, at(0))];
    expect(await endSessionsByStaff(handle.db, { actor: { id: admin.id, sessionId: adminSid }, staffUserId: member.id, meta, now: at(1) })).toEqual({ ok: true, ended: 2 });
    for (const sid of sessions) expect(await row(sid)).toMatchObject({ revokedAt: at(1), revokedReason: 'ended_by_admin' });
    expect(await check(adminSid, at(1))).not.toBeNull();
  });
});
