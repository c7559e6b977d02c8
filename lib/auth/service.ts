// Staff accounts: sign-in with throttling, password changes, invitations, resets, disabling.
// Every attempt is logged (login_attempts) and every change audited; a successful sign-in starts a
// server-side session (lib/auth/sessions), and a change that must stop older sessions ends them all.
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { authTokens, loginAttempts, staffPasskeys, staffTotp, staffUsers, type StaffUser } from '@/db/schema';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import { enqueueEmail } from '@/lib/email/outbox';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem, PASSWORD_MESSAGES } from './password-rules';
import { endAllSessions, startSession } from './sessions';
import { clinic } from '@/lib/env';
import { addressForLimits } from '@/lib/security/client-ip';
import { hitRateLimits, limitKey } from '@/lib/security/rate-limit';
import type { Role } from './permissions';
import { hasSecondFactor } from './mfa';
import { mfaRequirement, type MfaRequirement, type MfaRuntime } from './mfa-rules';
import { DEFAULT_IP_POLICY, DEFAULT_POLICY, lockedUntil, type ThrottlePolicy } from './throttle';

export const INVITE_TTL_MS = 72 * 3_600_000;
export const RESET_TTL_MS = 60 * 60_000;

export type SessionUser = { id: string; email: string; name: string; role: Role };

export type AuthenticateResult =
  | { ok: true; user: SessionUser; sessionId: string; secondStep: MfaRequirement }
  | { ok: false; code: 'invalid' }
  | { ok: false; code: 'throttled'; until: Date };

export type AuthenticateInput = {
  email: string;
  password: string;
  meta: RequestMeta;
  now: Date;
  policy?: ThrottlePolicy;
  ipPolicy?: ThrottlePolicy;
  /** Whether a demo login's MFA waiver counts here (lib/auth/mfa-rules `demoWaiverAllowed`); default: it does not. */
  mfa?: MfaRuntime;
};

const normalize = (email: string) => email.trim().toLowerCase();

// Verified against when no account matches, so a wrong email costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

/** What sign-in attempts are counted under (pure): hashes, so the table is not a list of who tried from where. */
export function signInKeys(email: string, ip: string | null): { accountKey: string; addressKey: string } {
  // No known address (no trusted proxy configured, or none sent) is one shared address, never a way around the limit.
  return { accountKey: limitKey('sign-in:account', normalize(email)), addressKey: limitKey('sign-in:address', ip ?? 'unknown') };
}

/** Counted failures since the last success, newest first, for one account name or one address. */
async function recentFailures(db: Executor, column: typeof loginAttempts.accountKey | typeof loginAttempts.addressKey, value: string, since: Date): Promise<Date[]> {
  const lastSuccess = db
    .select({ at: sql`max(${loginAttempts.at})` })
    .from(loginAttempts)
    .where(and(eq(column, value), eq(loginAttempts.succeeded, true)));
  const rows = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(
      and(
        eq(column, value),
        eq(loginAttempts.succeeded, false),
        eq(loginAttempts.throttled, false),
        gt(loginAttempts.at, since),
        sql`${loginAttempts.at} > coalesce((${lastSuccess}), '-infinity'::timestamptz)`,
      ),
    )
    .orderBy(desc(loginAttempts.at))
    .limit(50);
  return rows.map((r) => r.at);
}

/** Sign-in attempts only matter for the lockout windows: older ones are deleted (lib/security/housekeeping). */
export async function pruneLoginAttempts(db: Executor, now: Date, olderThanMs = 30 * 86_400_000): Promise<number> {
  const gone = await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - olderThanMs))).returning({ id: loginAttempts.id });
  return gone.length;
}

/**
 * Checks an email and password. Five failures for one account (twenty from one address) inside 15 minutes
 * lock further attempts for 15 minutes; attempts refused while locked are logged but not counted.
 *
 * One account's attempts are taken one at a time (a transaction-scoped advisory lock on the account name):
 * otherwise thirty guesses sent at the same moment would all count the same earlier failures and all be
 * checked against the password before any of them was recorded.
 */
export async function authenticate(db: Database, input: AuthenticateInput): Promise<AuthenticateResult> {
  const policy = input.policy ?? DEFAULT_POLICY;
  const ipPolicy = input.ipPolicy ?? DEFAULT_IP_POLICY;
  const email = normalize(input.email).slice(0, 254);
  const { now, meta } = input;
  const since = new Date(now.getTime() - Math.max(policy.windowMs + policy.lockMs, ipPolicy.windowMs + ipPolicy.lockMs));

  return db.transaction(async (tx): Promise<AuthenticateResult> => {
    const keys = signInKeys(email, meta.ip);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${keys.accountKey}, 0))`);
    const [byEmail, byIp] = await Promise.all([
      recentFailures(tx, loginAttempts.accountKey, keys.accountKey, since),
      recentFailures(tx, loginAttempts.addressKey, keys.addressKey, since),
    ]);
    const locks = [lockedUntil(byEmail, now, policy), lockedUntil(byIp, now, ipPolicy)].filter((d): d is Date => d !== null);

    if (locks.length > 0) {
      await tx.insert(loginAttempts).values({ ...keys, succeeded: false, throttled: true, at: now });
      return { ok: false, code: 'throttled', until: new Date(Math.max(...locks.map((d) => d.getTime()))) };
    }

    // PostgreSQL text cannot hold NUL: such a name matches no account (the query would fail, not answer).
    const [user] = email.includes('\u0000') ? [] : await tx.select().from(staffUsers).where(sql`lower(${staffUsers.email}) = ${email}`);
    const usable = user && !user.disabledAt && user.passwordHash;
    const matches = usable
      ? await verifyPassword(user.passwordHash!, input.password)
      : await verifyPassword(await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))), input.password).then(() => false);

    if (!matches || !user) {
      await tx.insert(loginAttempts).values({ ...keys, succeeded: false, at: now });
      await writeAudit(tx, {
        actorStaffId: user?.id ?? null,
        action: 'sign_in_failed',
        entityType: 'session',
        detail: user ? {} : { unknownAccount: true },
        meta,
        at: now,
      });
      return { ok: false, code: 'invalid' };
    }

    await tx.insert(loginAttempts).values({ ...keys, succeeded: true, at: now });
    await tx.update(staffUsers).set({ lastLoginAt: now }).where(eq(staffUsers.id, user.id));
    // The password alone opens the dashboard only for an account that needs no second step.
    const secondStep = mfaRequirement(
      { role: user.role, waiver: user.mfaWaiver, enrolled: await hasSecondFactor(tx, user.id) },
      input.mfa ?? { demoWaiverAllowed: false },
    );
    const sessionId = await startSession(tx, { staffUserId: user.id, meta, now, secondFactorDone: secondStep === 'not_required' });
    await writeAudit(tx, { actorStaffId: user.id, action: 'sign_in', entityType: 'session', entityId: sessionId, detail: { secondStep }, meta, at: now });
    return { ok: true, user: toSessionUser(user), sessionId, secondStep };
  });
}

export function toSessionUser(user: StaffUser): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

// ---------------------------------------------------------------- passwords

// The rule itself lives in ./password-rules (pure); re-exported for the pages and tests that read it here.
export { PASSWORD_MAX, PASSWORD_MESSAGES, PASSWORD_MIN, passwordProblem, type PasswordProblem } from './password-rules';

export type ChangePasswordResult = { ok: true } | { ok: false; field: 'currentPassword' | 'newPassword'; message: string };

/** Changes one's own password; every session of the account ends (this one too: sign in with the new one). */
export async function changePassword(
  db: Database,
  args: { staffId: string; currentPassword: string; newPassword: string; meta: RequestMeta; now: Date },
): Promise<ChangePasswordResult> {
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.id, args.staffId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, args.currentPassword))) {
    return { ok: false, field: 'currentPassword', message: 'Your current password is not correct' };
  }
  const problem = passwordProblem(args.newPassword, { email: user.email, name: user.name, clinicName: clinic().name });
  if (problem) return { ok: false, field: 'newPassword', message: PASSWORD_MESSAGES[problem] };
  const passwordHash = await hashPassword(args.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, user.id));
    await endAllSessions(tx, { staffUserId: user.id, reason: 'password_changed', now: args.now });
    await writeAudit(tx, { actorStaffId: user.id, action: 'password_changed', entityType: 'staff', entityId: user.id, meta: args.meta, at: args.now });
  });
  return { ok: true };
}

// ---------------------------------------------------------------- one-time links (invites, resets)

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

async function issueToken(tx: Executor, staffUserId: string, purpose: 'invite' | 'password_reset', now: Date): Promise<string> {
  // A new link replaces any earlier one of the same kind.
  await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.staffUserId, staffUserId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)));
  const token = randomBytes(32).toString('base64url');
  const ttl = purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS;
  await tx.insert(authTokens).values({ staffUserId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + ttl), createdAt: now });
  return token;
}

export const setPasswordPath = (token: string) => `/set-password/${token}`;

export type TokenLookup = { ok: true; purpose: 'invite' | 'password_reset'; email: string; name: string } | { ok: false };

/** What a one-time link is for, if it is still good (used, expired or unknown links all read the same). */
export async function lookupToken(db: Executor, token: string, now: Date): Promise<TokenLookup> {
  const [row] = await db
    .select({ purpose: authTokens.purpose, email: staffUsers.email, name: staffUsers.name, disabledAt: staffUsers.disabledAt })
    .from(authTokens)
    .innerJoin(staffUsers, eq(staffUsers.id, authTokens.staffUserId))
    .where(and(eq(authTokens.tokenHash, hashToken(token)), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)));
  if (!row || row.disabledAt) return { ok: false };
  return { ok: true, purpose: row.purpose, email: row.email, name: row.name };
}

export type RedeemResult =
  | { ok: true; email: string }
  | { ok: false; code: 'invalid_link' }
  | { ok: false; code: 'weak'; message: string }
  | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

/** Tries at choosing a password from one address: a link is 32 random bytes, so this only caps the work. */
export const SET_PASSWORD_LIMIT = { max: 20, windowSeconds: 15 * 60 };

/**
 * Sets a password from an invite or reset link; the link is spent and every older session ends. The cheap
 * checks come first (the per-address limit, the link's hash, the password rule): nobody without a good link
 * can make the server spend argon2's memory and time.
 */
export async function redeemToken(db: Database, args: { token: string; password: string; meta: RequestMeta; now: Date }): Promise<RedeemResult> {
  const limited = await hitRateLimits(db, [{ key: limitKey('set-password:ip', addressForLimits(args.meta.ip)), ...SET_PASSWORD_LIMIT }], args.now);
  if (!limited.ok) return { ok: false, code: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };
  const found = await lookupToken(db, args.token, args.now);
  if (!found.ok) return { ok: false, code: 'invalid_link' };
  const problem = passwordProblem(args.password, { email: found.email, name: found.name, clinicName: clinic().name });
  if (problem) return { ok: false, code: 'weak', message: PASSWORD_MESSAGES[problem] };
  const passwordHash = await hashPassword(args.password);
  return db.transaction(async (tx) => {
    // Again under a lock: two tabs sending the same link spend it once.
    const [row] = await tx
      .select({ id: authTokens.id, purpose: authTokens.purpose, user: staffUsers })
      .from(authTokens)
      .innerJoin(staffUsers, eq(staffUsers.id, authTokens.staffUserId))
      .where(and(eq(authTokens.tokenHash, hashToken(args.token)), isNull(authTokens.usedAt), gt(authTokens.expiresAt, args.now)))
      .for('update', { of: authTokens });
    if (!row || row.user.disabledAt) return { ok: false, code: 'invalid_link' } as const;
    await tx.update(authTokens).set({ usedAt: args.now }).where(eq(authTokens.id, row.id));
    await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, row.user.id));
    await endAllSessions(tx, { staffUserId: row.user.id, reason: 'password_reset', now: args.now });
    await writeAudit(tx, {
      actorStaffId: row.user.id,
      action: 'password_reset',
      entityType: 'staff',
      entityId: row.user.id,
      detail: { via: row.purpose },
      meta: args.meta,
      at: args.now,
    });
    return { ok: true, email: row.user.email } as const;
  });
}

/**
 * Emails a reset link if the address belongs to an active account. The answer is the same either way, so
 * the form cannot be used to find out who works here.
 */
export async function requestPasswordReset(db: Database, args: { email: string; appUrl: string; meta: RequestMeta; now: Date }): Promise<void> {
  const email = normalize(args.email);
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(staffUsers).where(sql`lower(${staffUsers.email}) = ${email}`);
    if (!user || user.disabledAt) return;
    const token = await issueToken(tx, user.id, 'password_reset', args.now);
    await enqueueEmail(
      tx,
      {
        template: 'staff-password-reset',
        to: user.email,
        props: { name: user.name, actionUrl: `${args.appUrl}${setPasswordPath(token)}`, expiresLabel: 'in 1 hour' },
      },
      args.now,
    );
    await writeAudit(tx, { actorStaffId: user.id, action: 'password_reset_requested', entityType: 'staff', entityId: user.id, meta: args.meta, at: args.now });
  });
}

export type InviteResult = { ok: true; staffId: string; link: string } | { ok: false; field: 'email'; message: string };

/** Creates an account without a password and emails its owner a link to choose one. */
export async function inviteStaff(
  db: Database,
  args: { email: string; name: string; role: Role; invitedBy: string; appUrl: string; meta: RequestMeta; now: Date },
): Promise<InviteResult> {
  const email = args.email.trim();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(sql`lower(${staffUsers.email}) = ${normalize(email)}`);
    if (existing) return { ok: false, field: 'email', message: 'Someone with this email address already has an account' } as const;
    const [user] = await tx.insert(staffUsers).values({ email, name: args.name.trim(), role: args.role, createdAt: args.now, updatedAt: args.now }).returning();
    const token = await issueToken(tx, user!.id, 'invite', args.now);
    const link = `${args.appUrl}${setPasswordPath(token)}`;
    await enqueueEmail(tx, { template: 'staff-invite', to: email, props: { name: user!.name, actionUrl: link, expiresLabel: 'in 3 days' } }, args.now);
    await writeAudit(tx, {
      actorStaffId: args.invitedBy,
      action: 'staff_invited',
      entityType: 'staff',
      entityId: user!.id,
      detail: { role: args.role },
      meta: args.meta,
      at: args.now,
    });
    return { ok: true, staffId: user!.id, link } as const;
  });
}

export type AccountChangeResult = { ok: true } | { ok: false; code: 'not_found' | 'last_admin' | 'self' };

/** Disables or re-enables an account; disabling ends its sessions at once. An admin cannot disable themself or the last admin. */
export async function setStaffDisabled(
  db: Database,
  args: { staffId: string; disabled: boolean; actorId: string; meta: RequestMeta; now: Date },
): Promise<AccountChangeResult> {
  if (args.disabled && args.staffId === args.actorId) return { ok: false, code: 'self' };
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, args.staffId)).for('update');
    if (!user) return { ok: false, code: 'not_found' } as const;
    if (args.disabled && user.role === 'admin' && (await activeAdminCount(tx)) <= 1) return { ok: false, code: 'last_admin' } as const;
    await tx
      .update(staffUsers)
      .set({ disabledAt: args.disabled ? args.now : null })
      .where(eq(staffUsers.id, user.id));
    if (args.disabled) await endAllSessions(tx, { staffUserId: user.id, reason: 'account_disabled', now: args.now });
    await writeAudit(tx, {
      actorStaffId: args.actorId,
      action: args.disabled ? 'staff_disabled' : 'staff_enabled',
      entityType: 'staff',
      entityId: user.id,
      meta: args.meta,
      at: args.now,
    });
    return { ok: true } as const;
  });
}

/** Changes an account's role; its sessions end, so the new role starts with a new sign-in. */
export async function setStaffRole(
  db: Database,
  args: { staffId: string; role: Role; actorId: string; meta: RequestMeta; now: Date },
): Promise<AccountChangeResult> {
  if (args.staffId === args.actorId) return { ok: false, code: 'self' };
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, args.staffId)).for('update');
    if (!user) return { ok: false, code: 'not_found' } as const;
    if (user.role === 'admin' && args.role !== 'admin' && !user.disabledAt && (await activeAdminCount(tx)) <= 1) {
      return { ok: false, code: 'last_admin' } as const;
    }
    await tx.update(staffUsers).set({ role: args.role }).where(eq(staffUsers.id, user.id));
    await endAllSessions(tx, { staffUserId: user.id, reason: 'role_changed', now: args.now });
    await writeAudit(tx, {
      actorStaffId: args.actorId,
      action: 'staff_role_changed',
      entityType: 'staff',
      entityId: user.id,
      detail: { from: user.role, to: args.role },
      meta: args.meta,
      at: args.now,
    });
    return { ok: true } as const;
  });
}

async function activeAdminCount(tx: Executor): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'admin'), isNull(staffUsers.disabledAt)));
  return row?.n ?? 0;
}

/** Staff accounts for the admin page, with whether each is waiting for its owner to choose a password. */
export async function listStaff(db: Executor) {
  return db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      disabledAt: staffUsers.disabledAt,
      lastLoginAt: staffUsers.lastLoginAt,
      mfaWaived: sql<boolean>`${staffUsers.mfaWaiver} = 'waived_by_admin'`,
      mfaWaiver: staffUsers.mfaWaiver,
      passkeys: sql<number>`(select count(*)::int from ${staffPasskeys} where ${staffPasskeys.staffUserId} = ${staffUsers.id})`,
      app: sql<boolean>`exists (select 1 from ${staffTotp} where ${staffTotp.staffUserId} = ${staffUsers.id} and ${staffTotp.confirmedAt} is not null)`,
      invited: sql<boolean>`${staffUsers.passwordHash} is null`,
    })
    .from(staffUsers)
    .orderBy(staffUsers.name);
}
