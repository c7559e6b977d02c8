// Second factors for staff: passkeys (WebAuthn), an authenticator app (TOTP) and single-use recovery codes.
// Setting one up, using one (to finish signing in, or to confirm before a sensitive action), and removing
// one. Every attempt is counted against a per-account limit, and every change, use and failure is audited.
// The rules themselves (who needs what, when a code counts) are in ./mfa-rules.
import { and, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Database, Executor } from '@/db/client';
import { staffPasskeys, staffRecoveryCodes, staffSessions, staffTotp, staffUsers } from '@/db/schema';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import { hitRateLimits, limitKey } from '@/lib/security/rate-limit';
import { deriveKey, seal, unseal } from '@/lib/security/tokens';
import { verifyPassword } from './password';
import {
  checkTotp,
  hashRecoveryCode,
  mayWaiveMfa,
  mfaRequirement,
  newRecoveryCode,
  newTotpSecret,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  type MfaRequirement,
  type MfaRuntime,
} from './mfa-rules';
import { endAllSessions, markAuthenticated, type SecondFactorMethod } from './sessions';

/** Second-step attempts (codes, passkeys, passwords to confirm) one account may make: 10 in 15 minutes. */
export const MFA_ATTEMPT_LIMIT = { max: 10, windowSeconds: 15 * 60 };
/** A passkey prompt must be answered within this. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/** What these services need from the app's configuration (tests pass their own). */
/**
 * The keys for sealed authenticator secrets and keyed recovery-code hashes: AUTH_SECRET, and during a rotation
 * the previous one too (AUTH_SECRET_PREVIOUS), so staff keep their factors through the change.
 */
export type MfaKeys = { secret: string; previous?: readonly string[] };

const allSecrets = (keys: MfaKeys) => [keys.secret, ...(keys.previous ?? [])];
/** The site passkeys belong to (WebAuthn's relying party), from APP_URL. */
export type RelyingParty = { id: string; name: string; origin: string };

/** Why a session is being (re)authenticated: finishing a sign-in, or confirming before a sensitive action. */
export type Purpose = 'sign_in' | 'confirm';

export type Who = { staffId: string; sessionId: string; meta: RequestMeta; now: Date };

export type Refusal = {
  ok: false;
  code: 'wrong' | 'replayed' | 'malformed' | 'throttled' | 'not_set_up';
  retryAfterSeconds?: number;
};

// ---------------------------------------------------------------- what an account has

export async function hasSecondFactor(db: Executor, staffUserId: string): Promise<boolean> {
  const [[passkey], [totp]] = await Promise.all([
    db.select({ id: staffPasskeys.id }).from(staffPasskeys).where(eq(staffPasskeys.staffUserId, staffUserId)).limit(1),
    db
      .select({ id: staffTotp.staffUserId })
      .from(staffTotp)
      .where(and(eq(staffTotp.staffUserId, staffUserId), isNotNull(staffTotp.confirmedAt))),
  ]);
  return Boolean(passkey || totp);
}

export type Enrolment = {
  passkeys: {
    id: string;
    name: string;
    createdAt: Date;
    lastUsedAt: Date | null;
  }[];
  totp: 'none' | 'pending' | 'confirmed';
  recoveryCodesLeft: number;
};

/** Everything an account has set up, for the account page and the sign-in pages. */
export async function enrolment(db: Executor, staffUserId: string): Promise<Enrolment> {
  const [passkeys, [totp], [codes]] = await Promise.all([
    db
      .select({
        id: staffPasskeys.id,
        name: staffPasskeys.name,
        createdAt: staffPasskeys.createdAt,
        lastUsedAt: staffPasskeys.lastUsedAt,
      })
      .from(staffPasskeys)
      .where(eq(staffPasskeys.staffUserId, staffUserId))
      .orderBy(staffPasskeys.createdAt),
    db.select({ confirmedAt: staffTotp.confirmedAt }).from(staffTotp).where(eq(staffTotp.staffUserId, staffUserId)),
    db
      .select({ n: count() })
      .from(staffRecoveryCodes)
      .where(and(eq(staffRecoveryCodes.staffUserId, staffUserId), isNull(staffRecoveryCodes.usedAt))),
  ]);
  return {
    passkeys,
    totp: !totp ? 'none' : totp.confirmedAt ? 'confirmed' : 'pending',
    recoveryCodesLeft: codes?.n ?? 0,
  };
}

/** What a signed-in (password only) account must do next: use its second factor, or set one up. */
export async function requirementFor(db: Executor, staffUserId: string, runtime: MfaRuntime): Promise<MfaRequirement> {
  const [user] = await db.select({ role: staffUsers.role, waiver: staffUsers.mfaWaiver }).from(staffUsers).where(eq(staffUsers.id, staffUserId));
  if (!user) return 'enrol';
  return mfaRequirement(
    {
      role: user.role,
      waiver: user.waiver,
      enrolled: await hasSecondFactor(db, staffUserId),
    },
    runtime,
  );
}

async function throttled(tx: Executor, staffId: string, now: Date): Promise<Refusal | null> {
  const limited = await hitRateLimits(tx, [{ key: limitKey('mfa:staff', staffId), ...MFA_ATTEMPT_LIMIT }], now);
  return limited.ok
    ? null
    : {
        ok: false,
        code: 'throttled',
        retryAfterSeconds: limited.retryAfterSeconds,
      };
}

async function failed(tx: Executor, who: Who, method: SecondFactorMethod | 'password', reason: string, purpose: Purpose): Promise<void> {
  await writeAudit(tx, {
    actorStaffId: who.staffId,
    action: 'mfa_failed',
    entityType: 'session',
    entityId: who.sessionId,
    detail: { method, reason, purpose },
    meta: who.meta,
    at: who.now,
  });
}

async function succeeded(tx: Executor, who: Who, method: SecondFactorMethod | 'password', purpose: Purpose): Promise<void> {
  await markAuthenticated(tx, {
    sessionId: who.sessionId,
    method,
    now: who.now,
  });
  await writeAudit(tx, {
    actorStaffId: who.staffId,
    action: purpose === 'sign_in' ? 'mfa_verified' : 'reauthenticated',
    entityType: 'session',
    entityId: who.sessionId,
    detail: { method },
    meta: who.meta,
    at: who.now,
  });
}

// ---------------------------------------------------------------- recovery codes

const recoveryKey = (secret: string) => deriveKey(secret, 'recovery-codes');

/** A fresh set of recovery codes (any older ones stop working). The codes are returned once, to show; only hashes are kept. */
export async function regenerateRecoveryCodes(
  db: Executor,
  args: { staffId: string; keys: MfaKeys; meta: RequestMeta; now: Date },
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const key = recoveryKey(args.keys.secret);
  await db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffUserId, args.staffId));
  await db.insert(staffRecoveryCodes).values(
    codes.map((code) => ({
      staffUserId: args.staffId,
      codeHash: hashRecoveryCode(key, normalizeRecoveryCode(code)!),
      createdAt: args.now,
    })),
  );
  await writeAudit(db, {
    actorStaffId: args.staffId,
    action: 'recovery_codes_created',
    entityType: 'staff',
    entityId: args.staffId,
    detail: { count: codes.length },
    meta: args.meta,
    at: args.now,
  });
  return codes;
}

/** Uses one recovery code: it works once. */
export async function redeemRecoveryCode(
  db: Database,
  args: Who & { code: string; keys: MfaKeys; purpose: Purpose },
): Promise<{ ok: true; left: number } | Refusal> {
  return db.transaction(async (tx) => {
    const limited = await throttled(tx, args.staffId, args.now);
    if (limited) {
      await failed(tx, args, 'recovery_code', 'throttled', args.purpose);
      return limited;
    }
    const normalized = normalizeRecoveryCode(args.code);
    if (!normalized) {
      await failed(tx, args, 'recovery_code', 'malformed', args.purpose);
      return { ok: false, code: 'malformed' } as const;
    }
    const spent = await tx
      .update(staffRecoveryCodes)
      .set({ usedAt: args.now })
      .where(
        and(
          eq(staffRecoveryCodes.staffUserId, args.staffId),
          // Codes made before a rotation of AUTH_SECRET were hashed under the previous one.
          inArray(
            staffRecoveryCodes.codeHash,
            allSecrets(args.keys).map((secret) => hashRecoveryCode(recoveryKey(secret), normalized)),
          ),
          isNull(staffRecoveryCodes.usedAt),
        ),
      )
      .returning({ id: staffRecoveryCodes.id });
    if (spent.length === 0) {
      await failed(tx, args, 'recovery_code', 'wrong', args.purpose);
      return { ok: false, code: 'wrong' } as const;
    }
    await succeeded(tx, args, 'recovery_code', args.purpose);
    const [left] = await tx
      .select({ n: count() })
      .from(staffRecoveryCodes)
      .where(and(eq(staffRecoveryCodes.staffUserId, args.staffId), isNull(staffRecoveryCodes.usedAt)));
    return { ok: true, left: left?.n ?? 0 } as const;
  });
}

async function ensureRecoveryCodes(tx: Executor, args: { staffId: string; keys: MfaKeys; meta: RequestMeta; now: Date }): Promise<string[] | null> {
  const [row] = await tx.select({ n: count() }).from(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffUserId, args.staffId));
  return (row?.n ?? 0) > 0 ? null : regenerateRecoveryCodes(tx, args);
}

// ---------------------------------------------------------------- authenticator app (TOTP)

const TOTP_LABEL = 'totp-secret';

/**
 * The secret to show while setting up an authenticator app: made (and kept, sealed) on first ask, the same
 * one until it is confirmed. Null when an app is already confirmed (remove it first to change it).
 */
export async function totpSetupSecret(db: Executor, args: { staffId: string; keys: MfaKeys; now: Date }): Promise<string | null> {
  const [row] = await db.select().from(staffTotp).where(eq(staffTotp.staffUserId, args.staffId));
  if (row?.confirmedAt) return null;
  if (row) {
    const secret = unseal<string>(allSecrets(args.keys), TOTP_LABEL, row.secretSealed);
    if (secret) return secret;
  }
  const secret = newTotpSecret();
  await db
    .insert(staffTotp)
    .values({
      staffUserId: args.staffId,
      secretSealed: seal(args.keys.secret, TOTP_LABEL, secret),
      createdAt: args.now,
    })
    .onConflictDoUpdate({
      target: staffTotp.staffUserId,
      set: {
        secretSealed: seal(args.keys.secret, TOTP_LABEL, secret),
        createdAt: args.now,
        lastUsedStep: null,
      },
    });
  return secret;
}

async function acceptTotp(tx: Executor, args: Who & { code: string; keys: MfaKeys; confirmed: boolean }): Promise<{ ok: true } | Refusal> {
  const [row] = await tx
    .select()
    .from(staffTotp)
    .where(and(eq(staffTotp.staffUserId, args.staffId), args.confirmed ? isNotNull(staffTotp.confirmedAt) : isNull(staffTotp.confirmedAt)))
    .for('update');
  const secret = row ? unseal<string>(allSecrets(args.keys), TOTP_LABEL, row.secretSealed) : null;
  if (!row || !secret) return { ok: false, code: 'not_set_up' };
  // Sealed under the previous AUTH_SECRET: sealed again under the current one as it is used.
  const resealed = unseal<string>(args.keys.secret, TOTP_LABEL, row.secretSealed) === null ? { secretSealed: seal(args.keys.secret, TOTP_LABEL, secret) } : {};
  const checked = checkTotp(secret, args.code, args.now, row.lastUsedStep);
  if (!checked.ok) return { ok: false, code: checked.reason };
  await tx
    .update(staffTotp)
    .set({
      lastUsedStep: checked.step,
      ...resealed,
      ...(args.confirmed ? {} : { confirmedAt: args.now }),
    })
    .where(eq(staffTotp.staffUserId, args.staffId));
  return { ok: true };
}

/**
 * Confirms a new authenticator app with a first code from it. From then on the account has a second factor;
 * a session that was waiting to set one up is complete. Returns the first recovery codes when it had none.
 */
export async function confirmTotp(
  db: Database,
  args: Who & { code: string; keys: MfaKeys },
): Promise<{ ok: true; recoveryCodes: string[] | null } | Refusal> {
  return db.transaction(async (tx) => {
    const limited = await throttled(tx, args.staffId, args.now);
    if (limited) return limited;
    const accepted = await acceptTotp(tx, { ...args, confirmed: false });
    if (!accepted.ok) {
      await failed(tx, args, 'totp', accepted.code, 'sign_in');
      return accepted;
    }
    await writeAudit(tx, {
      actorStaffId: args.staffId,
      action: 'mfa_added',
      entityType: 'staff',
      entityId: args.staffId,
      detail: { method: 'totp' },
      meta: args.meta,
      at: args.now,
    });
    await markAuthenticated(tx, {
      sessionId: args.sessionId,
      method: 'totp',
      now: args.now,
    });
    return {
      ok: true,
      recoveryCodes: await ensureRecoveryCodes(tx, args),
    } as const;
  });
}

/** A code from the authenticator app, to finish signing in or to confirm before a sensitive action. */
export async function verifyTotp(db: Database, args: Who & { code: string; keys: MfaKeys; purpose: Purpose }): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx) => {
    const limited = await throttled(tx, args.staffId, args.now);
    if (limited) {
      await failed(tx, args, 'totp', 'throttled', args.purpose);
      return limited;
    }
    const accepted = await acceptTotp(tx, { ...args, confirmed: true });
    if (!accepted.ok) {
      await failed(tx, args, 'totp', accepted.code, args.purpose);
      return accepted;
    }
    await succeeded(tx, args, 'totp', args.purpose);
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------- removing a factor

export type RemoveResult = { ok: true } | { ok: false; code: 'not_found' | 'last_factor' };

/** Whether removing one factor would leave an account that must have one with none. */
async function wouldLeaveNone(tx: Executor, staffId: string, runtime: MfaRuntime, removing: 'totp' | { passkey: string }): Promise<boolean> {
  const [user] = await tx.select({ role: staffUsers.role, waiver: staffUsers.mfaWaiver }).from(staffUsers).where(eq(staffUsers.id, staffId));
  if (!user || mfaRequirement({ role: user.role, waiver: user.waiver, enrolled: false }, runtime) === 'not_required') return false;
  const have = await enrolment(tx, staffId);
  const passkeysLeft = have.passkeys.filter((p) => removing === 'totp' || p.id !== removing.passkey).length;
  const totpLeft = removing !== 'totp' && have.totp === 'confirmed';
  return passkeysLeft === 0 && !totpLeft;
}

export async function removeTotp(db: Database, args: Who & { runtime: MfaRuntime }): Promise<RemoveResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(staffTotp).where(eq(staffTotp.staffUserId, args.staffId)).for('update');
    if (!row) return { ok: false, code: 'not_found' } as const;
    if (row.confirmedAt && (await wouldLeaveNone(tx, args.staffId, args.runtime, 'totp'))) return { ok: false, code: 'last_factor' } as const;
    await tx.delete(staffTotp).where(eq(staffTotp.staffUserId, args.staffId));
    if (row.confirmedAt) {
      await writeAudit(tx, {
        actorStaffId: args.staffId,
        action: 'mfa_removed',
        entityType: 'staff',
        entityId: args.staffId,
        detail: { method: 'totp' },
        meta: args.meta,
        at: args.now,
      });
    }
    return { ok: true } as const;
  });
}

export async function removePasskey(db: Database, args: Who & { passkeyId: string; runtime: MfaRuntime }): Promise<RemoveResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: staffPasskeys.id, name: staffPasskeys.name })
      .from(staffPasskeys)
      .where(and(eq(staffPasskeys.id, args.passkeyId), eq(staffPasskeys.staffUserId, args.staffId)))
      .for('update');
    if (!row) return { ok: false, code: 'not_found' } as const;
    if (await wouldLeaveNone(tx, args.staffId, args.runtime, { passkey: row.id })) return { ok: false, code: 'last_factor' } as const;
    await tx.delete(staffPasskeys).where(eq(staffPasskeys.id, row.id));
    await writeAudit(tx, {
      actorStaffId: args.staffId,
      action: 'mfa_removed',
      entityType: 'staff',
      entityId: args.staffId,
      detail: { method: 'passkey', passkey: row.id },
      meta: args.meta,
      at: args.now,
    });
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------- passkeys (WebAuthn)

const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));

async function storeChallenge(db: Executor, sessionId: string, kind: 'register' | 'authenticate', challenge: string, now: Date): Promise<void> {
  await db
    .update(staffSessions)
    .set({
      webauthnChallenge: `${kind}:${challenge}`,
      webauthnChallengeExpiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    })
    .where(eq(staffSessions.id, sessionId));
}

/** The session's pending challenge of this kind, cleared as it is read (a challenge is good for one answer). */
async function takeChallenge(tx: Executor, sessionId: string, kind: 'register' | 'authenticate', now: Date): Promise<string | null> {
  const [row] = await tx
    .select({
      challenge: staffSessions.webauthnChallenge,
      expiresAt: staffSessions.webauthnChallengeExpiresAt,
    })
    .from(staffSessions)
    .where(eq(staffSessions.id, sessionId))
    .for('update');
  await tx.update(staffSessions).set({ webauthnChallenge: null, webauthnChallengeExpiresAt: null }).where(eq(staffSessions.id, sessionId));
  if (!row?.challenge || !row.expiresAt || row.expiresAt.getTime() <= now.getTime()) return null;
  const prefix = `${kind}:`;
  return row.challenge.startsWith(prefix) ? row.challenge.slice(prefix.length) : null;
}

/** What the browser needs to create a passkey for this account (existing ones excluded). */
export async function passkeyRegistrationOptions(
  db: Executor,
  args: {
    staff: { id: string; email: string; name: string };
    sessionId: string;
    rp: RelyingParty;
    now: Date;
  },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db
    .select({
      credentialId: staffPasskeys.credentialId,
      transports: staffPasskeys.transports,
    })
    .from(staffPasskeys)
    .where(eq(staffPasskeys.staffUserId, args.staff.id));
  const options = await generateRegistrationOptions({
    rpName: args.rp.name,
    rpID: args.rp.id,
    userName: args.staff.email,
    userDisplayName: args.staff.name,
    userID: new TextEncoder().encode(args.staff.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({
      id: c.credentialId,
      transports: c.transports,
    })),
    authenticatorSelection: {
      residentKey: 'preferred',
      userVerification: 'preferred',
    },
  });
  await storeChallenge(db, args.sessionId, 'register', options.challenge, args.now);
  return options;
}

export const PASSKEY_NAME_MAX = 60;

/** Saves the passkey the browser has just created, after checking it answers this session's challenge. */
export async function addPasskey(
  db: Database,
  args: Who & {
    name: string;
    response: RegistrationResponseJSON;
    rp: RelyingParty;
    keys: MfaKeys;
  },
): Promise<{ ok: true; recoveryCodes: string[] | null } | { ok: false; code: 'invalid' | 'throttled' }> {
  return db.transaction(async (tx) => {
    if (await throttled(tx, args.staffId, args.now)) return { ok: false, code: 'throttled' } as const;
    const challenge = await takeChallenge(tx, args.sessionId, 'register', args.now);
    if (!challenge) return { ok: false, code: 'invalid' } as const;
    const verified = await verifyRegistrationResponse({
      response: args.response,
      expectedChallenge: challenge,
      expectedOrigin: args.rp.origin,
      expectedRPID: args.rp.id,
      requireUserVerification: false,
    }).catch(() => ({ verified: false as const, registrationInfo: undefined }));
    if (!verified.verified) {
      await failed(tx, args, 'passkey', 'invalid_registration', 'sign_in');
      return { ok: false, code: 'invalid' } as const;
    }
    const { credential } = verified.registrationInfo;
    const inserted = await tx
      .insert(staffPasskeys)
      .values({
        staffUserId: args.staffId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: (credential.transports ?? []).slice(0, 10),
        name: args.name.trim().slice(0, PASSKEY_NAME_MAX) || 'Passkey',
        createdAt: args.now,
      })
      .onConflictDoNothing()
      .returning({ id: staffPasskeys.id });
    if (inserted.length === 0) return { ok: false, code: 'invalid' } as const;
    await writeAudit(tx, {
      actorStaffId: args.staffId,
      action: 'mfa_added',
      entityType: 'staff',
      entityId: args.staffId,
      detail: { method: 'passkey', passkey: inserted[0]!.id },
      meta: args.meta,
      at: args.now,
    });
    await markAuthenticated(tx, {
      sessionId: args.sessionId,
      method: 'passkey',
      now: args.now,
    });
    return {
      ok: true,
      recoveryCodes: await ensureRecoveryCodes(tx, args),
    } as const;
  });
}

/** What the browser needs to sign with one of this account's passkeys; null when it has none. */
export async function passkeyAuthenticationOptions(
  db: Executor,
  args: { staffId: string; sessionId: string; rp: RelyingParty; now: Date },
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const keys = await db
    .select({
      credentialId: staffPasskeys.credentialId,
      transports: staffPasskeys.transports,
    })
    .from(staffPasskeys)
    .where(eq(staffPasskeys.staffUserId, args.staffId));
  if (keys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: args.rp.id,
    allowCredentials: keys.map((k) => ({
      id: k.credentialId,
      transports: k.transports,
    })),
    userVerification: 'preferred',
  });
  await storeChallenge(db, args.sessionId, 'authenticate', options.challenge, args.now);
  return options;
}

/** Checks a passkey's answer to this session's challenge: one of this account's passkeys, a counter that moved on. */
export async function verifyPasskey(
  db: Database,
  args: Who & {
    response: AuthenticationResponseJSON;
    rp: RelyingParty;
    purpose: Purpose;
  },
): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx) => {
    const limited = await throttled(tx, args.staffId, args.now);
    if (limited) {
      await failed(tx, args, 'passkey', 'throttled', args.purpose);
      return limited;
    }
    const challenge = await takeChallenge(tx, args.sessionId, 'authenticate', args.now);
    const [key] = await tx
      .select()
      .from(staffPasskeys)
      .where(and(eq(staffPasskeys.credentialId, String(args.response?.id ?? '')), eq(staffPasskeys.staffUserId, args.staffId)))
      .for('update');
    if (!challenge || !key) {
      await failed(tx, args, 'passkey', challenge ? 'unknown_passkey' : 'no_challenge', args.purpose);
      return { ok: false, code: 'wrong' } as const;
    }
    const verified = await verifyAuthenticationResponse({
      response: args.response,
      expectedChallenge: challenge,
      expectedOrigin: args.rp.origin,
      expectedRPID: args.rp.id,
      credential: {
        id: key.credentialId,
        publicKey: fromB64(key.publicKey),
        counter: key.counter,
        transports: key.transports as never,
      },
      requireUserVerification: false,
    }).catch(() => ({
      verified: false as const,
      authenticationInfo: undefined,
    }));
    if (!verified.verified) {
      await failed(tx, args, 'passkey', 'invalid_signature', args.purpose);
      return { ok: false, code: 'wrong' } as const;
    }
    await tx
      .update(staffPasskeys)
      .set({
        counter: verified.authenticationInfo.newCounter,
        lastUsedAt: args.now,
      })
      .where(eq(staffPasskeys.id, key.id));
    await succeeded(tx, args, 'passkey', args.purpose);
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------- confirming with the password

/** Confirms a signed-in session with the account's password (before a sensitive action). Counted like a code. */
export async function reauthenticateWithPassword(db: Database, args: Who & { password: string }): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx) => {
    const limited = await throttled(tx, args.staffId, args.now);
    if (limited) {
      await failed(tx, args, 'password', 'throttled', 'confirm');
      return limited;
    }
    const [user] = await tx.select({ hash: staffUsers.passwordHash }).from(staffUsers).where(eq(staffUsers.id, args.staffId));
    if (!user?.hash || args.password.length > 1_000 || !(await verifyPassword(user.hash, args.password))) {
      await failed(tx, args, 'password', 'wrong', 'confirm');
      return { ok: false, code: 'wrong' } as const;
    }
    await succeeded(tx, args, 'password', 'confirm');
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------- an admin's reset

/**
 * For someone who has lost every way in: an admin removes all of another account's passkeys, authenticator app
 * and recovery codes, and ends its sessions. At the next sign-in the account sets up a new second step.
 */
export async function resetMfa(
  db: Database,
  args: { staffId: string; actorId: string; meta: RequestMeta; now: Date },
): Promise<{ ok: true } | { ok: false; code: 'not_found' | 'self' }> {
  if (args.staffId === args.actorId) return { ok: false, code: 'self' };
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, args.staffId)).for('update');
    if (!user) return { ok: false, code: 'not_found' } as const;
    const passkeys = await tx.delete(staffPasskeys).where(eq(staffPasskeys.staffUserId, user.id)).returning({ id: staffPasskeys.id });
    const totp = await tx.delete(staffTotp).where(eq(staffTotp.staffUserId, user.id)).returning({ id: staffTotp.staffUserId });
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffUserId, user.id));
    await endAllSessions(tx, { staffUserId: user.id, reason: 'ended_by_admin', now: args.now });
    await writeAudit(tx, {
      actorStaffId: args.actorId,
      action: 'mfa_removed',
      entityType: 'staff',
      entityId: user.id,
      detail: { method: 'all', passkeys: passkeys.length, totp: totp.length > 0 },
      meta: args.meta,
      at: args.now,
    });
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------- an admin's waiver

/** An admin lets a member of staff (never an admin) sign in without a second factor, or takes that back. */
export async function setMfaWaived(
  db: Database,
  args: {
    staffId: string;
    waived: boolean;
    actorId: string;
    meta: RequestMeta;
    now: Date;
  },
): Promise<{ ok: true } | { ok: false; code: 'not_found' | 'admin' }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, args.staffId)).for('update');
    if (!user) return { ok: false, code: 'not_found' } as const;
    if (args.waived && !mayWaiveMfa(user.role)) return { ok: false, code: 'admin' } as const;
    await tx
      .update(staffUsers)
      .set({ mfaWaiver: args.waived ? 'waived_by_admin' : null })
      .where(eq(staffUsers.id, user.id));
    await writeAudit(tx, {
      actorStaffId: args.actorId,
      action: 'mfa_waiver_changed',
      entityType: 'staff',
      entityId: user.id,
      detail: { waived: args.waived },
      meta: args.meta,
      at: args.now,
    });
    return { ok: true } as const;
  });
}
