// Staff accounts on a real database: throttled sign-in, session revocation, invitations and resets.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import {
  authenticate,
  changePassword,
  inviteStaff,
  lookupToken,
  redeemToken,
  requestPasswordReset,
  setStaffDisabled,
  setStaffRole,
  SET_PASSWORD_LIMIT,
  signInKeys,
} from '@/lib/auth/service';
import { checkSession } from '@/lib/auth/sessions';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';
import { linksIn } from '../support/private-links';

const PASSWORD = 'a long enough password';
const meta = { ip: '203.0.113.10', userAgent: 'vitest' };
const base = new Date('2026-11-26T09:00:00Z');
const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000);
let handle: TestDatabase;
let adminId: string;
let counter = 0;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  const [admin] = await handle.db
    .insert(t.staffUsers)
    .values({ email: 'boss@example.com', name: 'Boss', role: 'admin', passwordHash: await hashPassword(PASSWORD) })
    .returning();
  adminId = admin!.id;
});
afterAll(async () => {
  await handle?.dispose();
});

async function newStaff(role: 'staff' | 'admin' = 'staff') {
  const email = `person${++counter}@example.com`;
  const [row] = await handle.db.insert(t.staffUsers).values({ email, name: `Person ${counter}`, role, passwordHash: await hashPassword(PASSWORD) }).returning();
  return row!;
}

const signIn = (email: string, password: string, now: Date, ip: string | null = meta.ip) =>
  authenticate(handle.db, { email, password, meta: { ...meta, ip }, now });

const LIMITS = { idleMinutes: 30, maxHours: 12 };
/** Signs a new session in for this account (from its own address, clear of the throttling tests'). */
async function sessionOf(user: { email: string }, now: Date): Promise<string> {
  const result = await signIn(user.email, PASSWORD, now, `198.51.100.${200 + (counter % 50)}`);
  if (!result.ok) throw new Error(`sign-in failed: ${result.code}`);
  return result.sessionId;
}
const live = (sessionId: string, now: Date) => checkSession(handle.db, sessionId, now, LIMITS);

describe('signing in', () => {
  it('accepts the right password whatever the case of the email, and logs and audits the attempt', async () => {
    const user = await newStaff();
    const result = await signIn(user.email.toUpperCase(), PASSWORD, at(0), '198.51.100.1');
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: 'staff' }, sessionId: expect.any(String) });
    const attempts = await handle.db.select().from(t.loginAttempts).where(eq(t.loginAttempts.accountKey, signInKeys(user.email, null).accountKey));
    expect(attempts).toMatchObject([{ succeeded: true, throttled: false, addressKey: signInKeys(user.email, '198.51.100.1').addressKey }]);
    // Counted by hashes only: neither the account name nor the address is kept readable.
    expect(JSON.stringify(attempts)).not.toContain(user.email.split('@')[0]);
    expect(JSON.stringify(attempts)).not.toContain('198.51.100.1');
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.actorStaffId, user.id), eq(t.auditLog.action, 'sign_in')));
    expect(audit).toHaveLength(1);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const user = await newStaff();
    expect(await signIn(user.email, 'wrong password here', at(0), '198.51.100.2')).toEqual({ ok: false, code: 'invalid' });
    expect(await signIn('nobody@example.com', PASSWORD, at(0), '198.51.100.2')).toEqual({ ok: false, code: 'invalid' });
  });

  it('refuses a disabled account and an invited one that has no password yet', async () => {
    const user = await newStaff();
    await handle.db.update(t.staffUsers).set({ disabledAt: at(0) }).where(eq(t.staffUsers.id, user.id));
    expect(await signIn(user.email, PASSWORD, at(1), '198.51.100.3')).toEqual({ ok: false, code: 'invalid' });
    const [invited] = await handle.db.insert(t.staffUsers).values({ email: 'invited-only@example.com', name: 'Invited' }).returning();
    expect(await signIn(invited!.email, '', at(1), '198.51.100.3')).toEqual({ ok: false, code: 'invalid' });
  });
});

describe('throttling', () => {
  it('locks an account for 15 minutes after 5 failures, even for the right password, then lets it in', async () => {
    const user = await newStaff();
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, `wrong ${i} password`, at(i), '198.51.100.20')).ok).toBe(false);
    const locked = await signIn(user.email, PASSWORD, at(5), '198.51.100.21');
    expect(locked).toEqual({ ok: false, code: 'throttled', until: at(4 + 15) });
    // Attempts while locked are logged but do not extend the lock.
    await signIn(user.email, PASSWORD, at(10), '198.51.100.21');
    const attempts = await handle.db.select().from(t.loginAttempts).where(eq(t.loginAttempts.accountKey, signInKeys(user.email, null).accountKey));
    expect(attempts.filter((a) => a.throttled)).toHaveLength(2);
    expect(await signIn(user.email, PASSWORD, at(18), '198.51.100.21')).toMatchObject({ ok: false, code: 'throttled' });
    expect(await signIn(user.email, PASSWORD, at(19), '198.51.100.21')).toMatchObject({ ok: true });
  });

  it('starts counting again after a successful sign-in', async () => {
    const user = await newStaff();
    for (let i = 0; i < 4; i++) await signIn(user.email, 'wrong password!', at(i), '198.51.100.30');
    expect((await signIn(user.email, PASSWORD, at(4), '198.51.100.30')).ok).toBe(true);
    for (let i = 0; i < 4; i++) await signIn(user.email, 'wrong password!', at(5 + i), '198.51.100.30');
    expect((await signIn(user.email, PASSWORD, at(9), '198.51.100.30')).ok).toBe(true);
  });

  it('locks an address that fails 20 times across accounts, without locking those accounts elsewhere', async () => {
    const ip = '198.51.100.40';
    for (let i = 0; i < 20; i++) await signIn(`guess${i}@example.com`, 'wrong password!', at(i * 0.5), ip);
    const user = await newStaff();
    expect(await signIn(user.email, PASSWORD, at(11), ip)).toMatchObject({ ok: false, code: 'throttled' });
    expect(await signIn(user.email, PASSWORD, at(11), '198.51.100.41')).toMatchObject({ ok: true });
  });

  it('counts requests with no known address under one shared address: leaving the address out is no way around the limit', async () => {
    for (let i = 0; i < 20; i++) expect((await signIn(`no-address-${i}@example.com`, 'wrong password!', at(i * 0.5), null)).ok).toBe(false);
    const user = await newStaff();
    expect(await signIn(user.email, PASSWORD, at(11), null)).toMatchObject({ ok: false, code: 'throttled' });
    expect(await signIn(user.email, PASSWORD, at(11), '198.51.100.42')).toMatchObject({ ok: true });
  });

  it('locks an unknown account name like a real one, so locking does not reveal who has an account', async () => {
    for (let i = 0; i < 5; i++) await signIn('not-staff@example.com', 'wrong password!', at(i), `198.51.100.${50 + i}`);
    expect(await signIn('not-staff@example.com', 'anything at all', at(6), '198.51.100.60')).toMatchObject({ ok: false, code: 'throttled' });
  });
});

describe('guessing in parallel', () => {
  it('thirty wrong passwords sent at the same moment: five are checked, every other one is told to wait', async () => {
    const user = await newStaff();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(user.email, `wrong guess ${i}`, at(0), `198.51.100.${100 + (i % 20)}`)),
    );
    expect(results.filter((r) => !r.ok && r.code === 'invalid')).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.code === 'throttled')).toHaveLength(25);
    // Locked: even the right password waits.
    expect(await signIn(user.email, PASSWORD, at(1), '198.51.100.199')).toMatchObject({ ok: false, code: 'throttled' });
    const counted = await handle.db
      .select()
      .from(t.loginAttempts)
      .where(and(eq(t.loginAttempts.accountKey, signInKeys(user.email, null).accountKey), eq(t.loginAttempts.throttled, false)));
    expect(counted).toHaveLength(5);
  });
});

describe('ending sessions', () => {
  it('keeps a session while the account is unchanged', async () => {
    const user = await newStaff();
    const sid = await sessionOf(user, at(0));
    expect(await live(sid, at(1))).toMatchObject({ sessionId: sid, user: { id: user.id, role: 'staff' } });
  });

  it('ends every older session when the password changes', async () => {
    const user = await newStaff();
    const wrong = await changePassword(handle.db, { staffId: user.id, currentPassword: 'not my password', newPassword: 'another long password', meta, now: at(0) });
    expect(wrong).toMatchObject({ ok: false, field: 'currentPassword' });
    const short = await changePassword(handle.db, { staffId: user.id, currentPassword: PASSWORD, newPassword: 'short', meta, now: at(0) });
    expect(short).toMatchObject({ ok: false, field: 'newPassword' });
    const [laptop, phone] = [await sessionOf(user, at(0)), await sessionOf(user, at(0))];
    expect(await live(laptop, at(0))).not.toBeNull();
    const changed = await changePassword(handle.db, { staffId: user.id, currentPassword: PASSWORD, newPassword: 'another long password', meta, now: at(0) });
    expect(changed).toEqual({ ok: true });
    expect(await live(laptop, at(0))).toBeNull();
    expect(await live(phone, at(0))).toBeNull();
    const again = await signIn(user.email, 'another long password', at(1), '198.51.100.70');
    expect(again.ok && (await live(again.sessionId, at(1)))).toBeTruthy();
  });

  it('ends every session of a disabled account, and a re-enabled account needs a new sign-in', async () => {
    const user = await newStaff();
    const sid = await sessionOf(user, at(0));
    expect(await setStaffDisabled(handle.db, { staffId: user.id, disabled: true, actorId: adminId, meta, now: at(0) })).toEqual({ ok: true });
    expect(await live(sid, at(0))).toBeNull();
    await setStaffDisabled(handle.db, { staffId: user.id, disabled: false, actorId: adminId, meta, now: at(1) });
    expect(await live(sid, at(1))).toBeNull();
    expect(await live(await sessionOf(user, at(2)), at(2))).not.toBeNull();
    const audit = await handle.db.select({ action: t.auditLog.action }).from(t.auditLog).where(eq(t.auditLog.entityId, user.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['staff_disabled', 'staff_enabled']));
  });

  it('ends the sessions of someone whose role changes', async () => {
    const user = await newStaff();
    const sid = await sessionOf(user, at(0));
    expect(await setStaffRole(handle.db, { staffId: user.id, role: 'admin', actorId: adminId, meta, now: at(0) })).toEqual({ ok: true });
    expect(await live(sid, at(0))).toBeNull();
    expect(await live(await sessionOf(user, at(1)), at(1))).toMatchObject({ user: { role: 'admin' } });
  });

  it('never lets an admin disable themself or the last active admin', async () => {
    expect(await setStaffDisabled(handle.db, { staffId: adminId, disabled: true, actorId: adminId, meta, now: at(0) })).toEqual({ ok: false, code: 'self' });
    const other = await newStaff();
    // Demote every other admin so Boss is the only one left.
    await handle.db.update(t.staffUsers).set({ role: 'staff' }).where(sql`${t.staffUsers.id} <> ${adminId}`);
    expect(await setStaffDisabled(handle.db, { staffId: adminId, disabled: true, actorId: other.id, meta, now: at(0) })).toEqual({ ok: false, code: 'last_admin' });
    expect(await setStaffRole(handle.db, { staffId: adminId, role: 'staff', actorId: other.id, meta, now: at(0) })).toEqual({ ok: false, code: 'last_admin' });
  });
});

describe('invitations and resets', () => {
  const appUrl = 'https://clinic.test';
  const linkToken = (link: string) => link.split('/set-password/')[1]!;

  it('invites by email with a one-time link that sets the password once', async () => {
    const invite = await inviteStaff(handle.db, { email: 'New.Person@example.com', name: 'New Person', role: 'staff', invitedBy: adminId, appUrl, meta, now: at(0) });
    if (!invite.ok) throw new Error(invite.message);
    const [email] = await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.template, 'staff-invite'));
    expect(email).toMatchObject({ toAddress: 'New.Person@example.com', status: 'pending', category: 'staff' });
    expect(linksIn(email!.props).actionUrl).toBe(invite.link);
    // The row holds the link sealed, never readable.
    expect(JSON.stringify(email)).not.toContain(linkToken(invite.link));
    // Only a hash of the link is stored.
    const tokens = await handle.db.select().from(t.authTokens).where(eq(t.authTokens.staffUserId, invite.staffId));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.tokenHash).not.toContain(linkToken(invite.link));

    const token = linkToken(invite.link);
    expect(await lookupToken(handle.db, token, at(1))).toMatchObject({ ok: true, purpose: 'invite', email: 'New.Person@example.com' });
    expect(await redeemToken(handle.db, { token, password: 'short', meta, now: at(1) })).toMatchObject({ ok: false, code: 'weak' });
    expect(await redeemToken(handle.db, { token, password: 'my chosen password', meta, now: at(2) })).toEqual({ ok: true, email: 'New.Person@example.com' });
    expect(await redeemToken(handle.db, { token, password: 'another chosen password', meta, now: at(3) })).toEqual({ ok: false, code: 'invalid_link' });
    expect((await signIn('new.person@example.com', 'my chosen password', at(4), '198.51.100.80')).ok).toBe(true);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const again = await inviteStaff(handle.db, { email: 'BOSS@example.com', name: 'Twin', role: 'staff', invitedBy: adminId, appUrl, meta, now: at(0) });
    expect(again).toMatchObject({ ok: false, field: 'email' });
  });

  it('expires an invitation after 3 days', async () => {
    const invite = await inviteStaff(handle.db, { email: 'late@example.com', name: 'Late', role: 'staff', invitedBy: adminId, appUrl, meta, now: at(0) });
    if (!invite.ok) throw new Error(invite.message);
    const token = linkToken(invite.link);
    const later = at(72 * 60 + 1);
    expect(await lookupToken(handle.db, token, later)).toEqual({ ok: false });
    expect(await redeemToken(handle.db, { token, password: 'my chosen password', meta, now: later })).toEqual({ ok: false, code: 'invalid_link' });
  });

  it('emails a reset link only to an active account, and the reset ends older sessions', async () => {
    const user = await newStaff();
    const sid = await sessionOf(user, at(0));
    await requestPasswordReset(handle.db, { email: 'nobody-here@example.com', appUrl, meta, now: at(0) });
    await requestPasswordReset(handle.db, { email: user.email.toUpperCase(), appUrl, meta, now: at(0) });
    const sent = await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.template, 'staff-password-reset'));
    expect(sent.map((m) => m.toAddress)).toEqual([user.email]);
    const token = linkToken(String(linksIn(sent[0]!.props).actionUrl));
    expect(await lookupToken(handle.db, token, at(61))).toEqual({ ok: false });
    expect(await redeemToken(handle.db, { token, password: 'a brand new password', meta, now: at(30) })).toEqual({ ok: true, email: user.email });
    expect(await live(sid, at(30))).toBeNull();
    expect((await signIn(user.email, 'a brand new password', at(31), '198.51.100.90')).ok).toBe(true);
  });

  it('checks the link before the password, and limits tries from one address before any work', async () => {
    const user = await newStaff();
    await requestPasswordReset(handle.db, { email: user.email, appUrl, meta, now: at(0) });
    const [sent] = await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.toAddress, user.email));
    const token = linkToken(String(linksIn(sent!.props).actionUrl));
    const from = (ip: string) => ({ ...meta, ip });
    // A bad link is refused as a bad link, whatever the password: its rule is not even looked at.
    expect(await redeemToken(handle.db, { token: 'not-a-real-token', password: 'short', meta: from('192.0.2.77'), now: at(1) })).toEqual({ ok: false, code: 'invalid_link' });
    for (let i = 1; i < SET_PASSWORD_LIMIT.max; i++) {
      await redeemToken(handle.db, { token: `guess-${i}`, password: 'a long enough password', meta: from('192.0.2.77'), now: at(1) });
    }
    // The address has used its tries: even the real link waits, and nothing is spent.
    expect(await redeemToken(handle.db, { token, password: 'a brand new password', meta: from('192.0.2.77'), now: at(2) })).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(await lookupToken(handle.db, token, at(2))).toMatchObject({ ok: true });
    expect(await redeemToken(handle.db, { token, password: 'a brand new password', meta: from('192.0.2.78'), now: at(2) })).toEqual({ ok: true, email: user.email });
    // The counter is kept under a hash of the address, not the address.
    const keys = (await handle.db.select({ key: t.rateLimits.key }).from(t.rateLimits)).map((r) => r.key);
    expect(keys.some((k) => k.startsWith('set-password:ip:'))).toBe(true);
    expect(keys.join(' ')).not.toContain('192.0.2.77');
  });

  it('replaces an earlier reset link with the newest one', async () => {
    const user = await newStaff();
    await requestPasswordReset(handle.db, { email: user.email, appUrl, meta, now: at(0) });
    await requestPasswordReset(handle.db, { email: user.email, appUrl, meta, now: at(1) });
    const sent = await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.toAddress, user.email)).orderBy(t.emailMessages.createdAt);
    const [first, second] = sent.map((m) => linkToken(String(linksIn(m.props).actionUrl)));
    expect(await lookupToken(handle.db, first!, at(2))).toEqual({ ok: false });
    expect(await lookupToken(handle.db, second!, at(2))).toMatchObject({ ok: true, purpose: 'password_reset' });
  });
});
