// Multi-factor sign-in against real databases (PostgreSQL and PGlite): a password alone leaves the session
// waiting; an authenticator app is set up with a first code and then used, never the same code twice;
// recovery codes work once; confirming again (step-up) lasts 5 minutes; every step is audited and attempts
// are limited per account.
import { and, eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '@/db/schema';
import {
  confirmTotp,
  enrolment,
  MFA_ATTEMPT_LIMIT,
  reauthenticateWithPassword,
  regenerateRecoveryCodes,
  removeTotp,
  resetMfa,
  requirementFor,
  setMfaWaived,
  totpSetupSecret,
  redeemRecoveryCode,
  verifyTotp,
} from '@/lib/auth/mfa';
import { recentlyAuthenticated } from '@/lib/auth/mfa-rules';
import { hashPassword } from '@/lib/auth/password';
import { authenticate } from '@/lib/auth/service';
import { checkSession } from '@/lib/auth/sessions';
import { availableBackends, createTestDatabase, type TestDatabase } from '../support/db';

const PASSWORD = 'a long enough password';
const LIMITS = { idleMinutes: 30, maxHours: 12 };
const keys = { secret: 'integration-test-secret-0123456789abcdef' };
const meta = { ip: '203.0.113.41', userAgent: 'vitest' };
const base = new Date('2026-11-26T09:00:05Z');
const at = (seconds: number) => new Date(base.getTime() + seconds * 1000);
const codeFor = (secret: string, when: Date) => generateSync({ secret, epoch: Math.floor(when.getTime() / 1000) });
const production = { demoWaiverAllowed: false };

describe.each(await availableBackends())('multi-factor sign-in on %s', (backend) => {
  let handle: TestDatabase;
  let counter = 0;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  async function newStaff(role: 'staff' | 'admin' = 'staff', mfaWaiver: 'demo_seed' | 'waived_by_admin' | null = null) {
    const email = `mfa${++counter}.${backend}@example.com`;
    const [row] = await handle.db
      .insert(t.staffUsers)
      .values({ email, name: `Person ${counter}`, role, mfaWaiver, passwordHash: await hashPassword(PASSWORD), createdAt: base, updatedAt: base })
      .returning();
    return row!;
  }

  async function signIn(user: { email: string }, now: Date, mfa = production) {
    const result = await authenticate(handle.db, { email: user.email, password: PASSWORD, meta, now, mfa });
    if (!result.ok) throw new Error(result.code);
    return result;
  }

  const check = (sid: string, now: Date) => checkSession(handle.db, sid, now, LIMITS);
  const auditOf = async (staffId: string) =>
    (await handle.db.select().from(t.auditLog).where(eq(t.auditLog.actorStaffId, staffId)).orderBy(t.auditLog.id)).map((a) => ({
      action: a.action,
      detail: a.detail,
    }));

  /** An account with a confirmed authenticator app; returns its secret and a complete session. */
  async function withApp(role: 'staff' | 'admin' = 'staff') {
    const user = await newStaff(role);
    const first = await signIn(user, at(0));
    const secret = (await totpSetupSecret(handle.db, { staffId: user.id, keys, now: at(0) }))!;
    const confirmed = await confirmTotp(handle.db, { staffId: user.id, sessionId: first.sessionId, code: codeFor(secret, at(1)), keys, meta, now: at(1) });
    if (!confirmed.ok) throw new Error(confirmed.code);
    return { user, secret, recoveryCodes: confirmed.recoveryCodes!, firstSession: first.sessionId };
  }

  it('a password alone leaves the session waiting: set up a factor (staff and admins), nothing for dashboard data', async () => {
    for (const role of ['staff', 'admin'] as const) {
      const user = await newStaff(role);
      const result = await signIn(user, at(0));
      expect(result.secondStep).toBe('enrol');
      // What every page, action and route reads (lib/auth/index.ts → guard): no second factor yet.
      expect((await check(result.sessionId, at(10)))?.secondFactorAt).toBeNull();
      expect(await requirementFor(handle.db, user.id, production)).toBe('enrol');
    }
  });

  it('the demo logins’ waiver counts only where allowed; an admin’s waiver for staff counts anywhere, never for an admin', async () => {
    const demo = await newStaff('admin', 'demo_seed');
    expect((await signIn(demo, at(0), production)).secondStep).toBe('enrol');
    const dev = await signIn(demo, at(1), { demoWaiverAllowed: true });
    expect(dev.secondStep).toBe('not_required');
    expect((await check(dev.sessionId, at(2)))?.secondFactorAt).toEqual(at(1));

    const admin = await newStaff('admin');
    const staff = await newStaff('staff');
    expect(await setMfaWaived(handle.db, { staffId: admin.id, waived: true, actorId: admin.id, meta, now: at(0) })).toEqual({ ok: false, code: 'admin' });
    expect(await setMfaWaived(handle.db, { staffId: staff.id, waived: true, actorId: admin.id, meta, now: at(0) })).toEqual({ ok: true });
    expect((await signIn(staff, at(1))).secondStep).toBe('not_required');
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'mfa_waiver_changed'), eq(t.auditLog.entityId, staff.id)));
    expect(audit.map((a) => [a.actorStaffId, a.detail])).toEqual([[admin.id, { waived: true }]]);
  });

  it('an authenticator app is set up with a first code, finishes that sign-in, and gives ten recovery codes once', async () => {
    const user = await newStaff();
    const { sessionId } = await signIn(user, at(0));
    const secret = (await totpSetupSecret(handle.db, { staffId: user.id, keys, now: at(0) }))!;
    // The same secret until it is confirmed; kept sealed, never as given.
    expect(await totpSetupSecret(handle.db, { staffId: user.id, keys, now: at(0) })).toBe(secret);
    const [row] = await handle.db.select().from(t.staffTotp).where(eq(t.staffTotp.staffUserId, user.id));
    expect(row!.secretSealed).not.toContain(secret);

    const wrong = await confirmTotp(handle.db, { staffId: user.id, sessionId, code: '000000' === codeFor(secret, at(1)) ? '111111' : '000000', keys, meta, now: at(1) });
    expect(wrong).toEqual({ ok: false, code: 'wrong' });
    expect((await check(sessionId, at(1)))?.secondFactorAt).toBeNull();

    const confirmed = await confirmTotp(handle.db, { staffId: user.id, sessionId, code: codeFor(secret, at(2)), keys, meta, now: at(2) });
    expect(confirmed.ok).toBe(true);
    expect(confirmed.ok && confirmed.recoveryCodes).toHaveLength(10);
    expect((await check(sessionId, at(3)))?.secondFactorAt).toEqual(at(2));
    expect(await enrolment(handle.db, user.id)).toMatchObject({ totp: 'confirmed', recoveryCodesLeft: 10, passkeys: [] });
    // Once confirmed, the secret is never shown again.
    expect(await totpSetupSecret(handle.db, { staffId: user.id, keys, now: at(3) })).toBeNull();
    // Only hashes are stored.
    const stored = await handle.db.select().from(t.staffRecoveryCodes).where(eq(t.staffRecoveryCodes.staffUserId, user.id));
    const shown = confirmed.ok ? confirmed.recoveryCodes! : [];
    for (const s of stored) expect(shown.some((c) => s.codeHash.includes(c.replace('-', '')))).toBe(false);

    expect((await auditOf(user.id)).map((a) => a.action)).toEqual(['sign_in', 'mfa_failed', 'mfa_added', 'recovery_codes_created']);
  });

  it('the next sign-in needs a code; a code is refused a second time, even in a new session', async () => {
    const { user, secret } = await withApp();
    const next = await signIn(user, at(60));
    expect(next.secondStep).toBe('verify');
    const code = codeFor(secret, at(61));
    expect(await verifyTotp(handle.db, { staffId: user.id, sessionId: next.sessionId, code, keys, purpose: 'sign_in', meta, now: at(61) })).toEqual({ ok: true });
    expect((await check(next.sessionId, at(62)))?.secondFactorAt).toEqual(at(61));

    const other = await signIn(user, at(62));
    expect(await verifyTotp(handle.db, { staffId: user.id, sessionId: other.sessionId, code, keys, purpose: 'sign_in', meta, now: at(62) })).toEqual({
      ok: false,
      code: 'replayed',
    });
    expect((await check(other.sessionId, at(63)))?.secondFactorAt).toBeNull();
    // The next step's code works.
    expect(
      await verifyTotp(handle.db, { staffId: user.id, sessionId: other.sessionId, code: codeFor(secret, at(92)), keys, purpose: 'sign_in', meta, now: at(92) }),
    ).toEqual({ ok: true });
    const actions = (await auditOf(user.id)).filter((a) => a.action.startsWith('mfa_'));
    expect(actions.slice(-3)).toEqual([
      { action: 'mfa_verified', detail: { method: 'totp' } },
      { action: 'mfa_failed', detail: { method: 'totp', reason: 'replayed', purpose: 'sign_in' } },
      { action: 'mfa_verified', detail: { method: 'totp' } },
    ]);
  });

  it('a recovery code works once, in any case and spacing, and never again', async () => {
    const { user, recoveryCodes } = await withApp();
    const first = await signIn(user, at(60));
    const typed = ` ${recoveryCodes[0]!.toLowerCase().replace('-', ' ')} `;
    expect(await redeemRecoveryCode(handle.db, { staffId: user.id, sessionId: first.sessionId, code: typed, keys, purpose: 'sign_in', meta, now: at(61) })).toEqual({
      ok: true,
      left: 9,
    });
    expect((await check(first.sessionId, at(62)))?.secondFactorAt).toEqual(at(61));

    const second = await signIn(user, at(70));
    expect(
      await redeemRecoveryCode(handle.db, { staffId: user.id, sessionId: second.sessionId, code: recoveryCodes[0]!, keys, purpose: 'sign_in', meta, now: at(71) }),
    ).toEqual({ ok: false, code: 'wrong' });
    expect((await check(second.sessionId, at(72)))?.secondFactorAt).toBeNull();
    // Another account's codes are not this account's.
    const other = await withApp();
    expect(
      await redeemRecoveryCode(handle.db, { staffId: user.id, sessionId: second.sessionId, code: other.recoveryCodes[1]!, keys, purpose: 'sign_in', meta, now: at(73) }),
    ).toEqual({ ok: false, code: 'wrong' });
    // New codes replace the old ones.
    const fresh = await regenerateRecoveryCodes(handle.db, { staffId: user.id, keys, meta, now: at(80) });
    expect(
      await redeemRecoveryCode(handle.db, { staffId: user.id, sessionId: second.sessionId, code: recoveryCodes[1]!, keys, purpose: 'sign_in', meta, now: at(81) }),
    ).toEqual({ ok: false, code: 'wrong' });
    expect(
      await redeemRecoveryCode(handle.db, { staffId: user.id, sessionId: second.sessionId, code: fresh[0]!, keys, purpose: 'sign_in', meta, now: at(82) }),
    ).toEqual({ ok: true, left: 9 });
    const used = (await auditOf(user.id)).filter((a) => a.action === 'mfa_verified' || a.action === 'mfa_failed');
    expect(used.map((a) => `${a.action}:${String(a.detail.method)}`)).toEqual([
      'mfa_verified:recovery_code',
      'mfa_failed:recovery_code',
      'mfa_failed:recovery_code',
      'mfa_failed:recovery_code',
      'mfa_verified:recovery_code',
    ]);
  });

  it('AUTH_SECRET rotated: the app and the recovery codes keep working while the previous secret is kept; the app\'s secret is sealed again under the new one', async () => {
    const { user, secret, recoveryCodes } = await withApp();
    const rotated = { secret: 'the-new-integration-secret-9876543210fedcba', previous: [keys.secret] };
    const newOnly = { secret: rotated.secret };
    const sealedBefore = (await handle.db.select().from(t.staffTotp).where(eq(t.staffTotp.staffUserId, user.id)))[0]!.secretSealed;

    // Without the previous secret, neither factor opens: this is what a rotation without it would do.
    const locked = await signIn(user, at(60));
    expect(await verifyTotp(handle.db, { staffId: user.id, sessionId: locked.sessionId, code: codeFor(secret, at(61)), keys: newOnly, purpose: 'sign_in', meta, now: at(61) })).toEqual({
      ok: false,
      code: 'not_set_up',
    });
    expect(await redeemRecoveryCode(handle.db, { staffId: user.id, sessionId: locked.sessionId, code: recoveryCodes[0]!, keys: newOnly, purpose: 'sign_in', meta, now: at(62) })).toEqual({
      ok: false,
      code: 'wrong',
    });

    // With it, both work, and using the app seals its secret under the new key.
    const next = await signIn(user, at(90));
    expect(await verifyTotp(handle.db, { staffId: user.id, sessionId: next.sessionId, code: codeFor(secret, at(91)), keys: rotated, purpose: 'sign_in', meta, now: at(91) })).toEqual({ ok: true });
    expect(await redeemRecoveryCode(handle.db, { staffId: user.id, sessionId: next.sessionId, code: recoveryCodes[1]!, keys: rotated, purpose: 'sign_in', meta, now: at(92) })).toEqual({
      ok: true,
      left: 9,
    });
    const sealedAfter = (await handle.db.select().from(t.staffTotp).where(eq(t.staffTotp.staffUserId, user.id)))[0]!.secretSealed;
    expect(sealedAfter).not.toBe(sealedBefore);

    // Once the previous secret is dropped, the app still works (sealed again); codes made before are refused.
    const later = await signIn(user, at(150));
    expect(await verifyTotp(handle.db, { staffId: user.id, sessionId: later.sessionId, code: codeFor(secret, at(151)), keys: newOnly, purpose: 'sign_in', meta, now: at(151) })).toEqual({ ok: true });
    expect(await redeemRecoveryCode(handle.db, { staffId: user.id, sessionId: later.sessionId, code: recoveryCodes[2]!, keys: newOnly, purpose: 'sign_in', meta, now: at(152) })).toEqual({
      ok: false,
      code: 'wrong',
    });
  });

  it('step-up: a sign-in counts for 5 minutes; confirming with the password or a code starts the 5 minutes again', async () => {
    const { user, secret } = await withApp('admin');
    const { sessionId } = await signIn(user, at(100));
    await verifyTotp(handle.db, { staffId: user.id, sessionId, code: codeFor(secret, at(101)), keys, purpose: 'sign_in', meta, now: at(101) });
    const recent = async (now: Date) => recentlyAuthenticated((await check(sessionId, now))!.reauthenticatedAt, now);
    expect(await recent(at(101 + 4 * 60))).toBe(true);
    expect(await recent(at(101 + 5 * 60))).toBe(false);

    expect(await reauthenticateWithPassword(handle.db, { staffId: user.id, sessionId, password: 'not it', meta, now: at(500) })).toEqual({ ok: false, code: 'wrong' });
    expect(await recent(at(500))).toBe(false);
    expect(await reauthenticateWithPassword(handle.db, { staffId: user.id, sessionId, password: PASSWORD, meta, now: at(501) })).toEqual({ ok: true });
    expect(await recent(at(502))).toBe(true);
    expect(await recent(at(501 + 5 * 60))).toBe(false);

    await verifyTotp(handle.db, { staffId: user.id, sessionId, code: codeFor(secret, at(900)), keys, purpose: 'confirm', meta, now: at(900) });
    expect(await recent(at(901))).toBe(true);
    const confirmations = (await auditOf(user.id)).filter((a) => a.action === 'reauthenticated');
    expect(confirmations.map((a) => a.detail)).toEqual([{ method: 'password' }, { method: 'totp' }]);
  });

  it('second-step attempts are limited per account: the 11th in 15 minutes is refused, even with the right code', async () => {
    const { user, secret } = await withApp();
    // withApp's confirming code counted once.
    const { sessionId } = await signIn(user, at(60));
    for (let i = 1; i < MFA_ATTEMPT_LIMIT.max; i++) {
      const result = await redeemRecoveryCode(handle.db, { staffId: user.id, sessionId, code: 'AAAAA-AAAAA', keys, purpose: 'sign_in', meta, now: at(60 + i) });
      expect(result, `attempt ${i}`).toEqual({ ok: false, code: 'wrong' });
    }
    const refused = await verifyTotp(handle.db, { staffId: user.id, sessionId, code: codeFor(secret, at(90)), keys, purpose: 'sign_in', meta, now: at(90) });
    expect(refused).toMatchObject({ ok: false, code: 'throttled' });
    expect((await check(sessionId, at(91)))?.secondFactorAt).toBeNull();
    const failures = (await auditOf(user.id)).filter((a) => a.action === 'mfa_failed');
    expect(failures.at(-1)?.detail).toEqual({ method: 'totp', reason: 'throttled', purpose: 'sign_in' });
  });

  it('an admin resets someone who lost every way in: factors and codes gone, sessions ended, set up again at next sign-in', async () => {
    const admin = await newStaff('admin');
    const { user, firstSession } = await withApp('staff');
    expect(await resetMfa(handle.db, { staffId: admin.id, actorId: admin.id, meta, now: at(20) })).toEqual({ ok: false, code: 'self' });
    expect(await resetMfa(handle.db, { staffId: user.id, actorId: admin.id, meta, now: at(20) })).toEqual({ ok: true });
    expect(await enrolment(handle.db, user.id)).toEqual({ passkeys: [], totp: 'none', recoveryCodesLeft: 0 });
    expect(await check(firstSession, at(21))).toBeNull();
    expect((await signIn(user, at(30))).secondStep).toBe('enrol');
    const [entry] = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'mfa_removed'), eq(t.auditLog.entityId, user.id)));
    expect([entry?.actorStaffId, entry?.detail]).toEqual([admin.id, { method: 'all', passkeys: 0, totp: true }]);
  });

  it('an account that must have a second factor cannot remove its last one', async () => {
    const { user, firstSession } = await withApp('admin');
    expect(await removeTotp(handle.db, { staffId: user.id, sessionId: firstSession, runtime: production, meta, now: at(10) })).toEqual({ ok: false, code: 'last_factor' });
    const waived = await withApp('staff');
    await setMfaWaived(handle.db, { staffId: waived.user.id, waived: true, actorId: user.id, meta, now: at(10) });
    expect(await removeTotp(handle.db, { staffId: waived.user.id, sessionId: waived.firstSession, runtime: production, meta, now: at(11) })).toEqual({ ok: true });
    expect((await auditOf(waived.user.id)).at(-1)).toEqual({ action: 'mfa_removed', detail: { method: 'totp' } });
  });
});
