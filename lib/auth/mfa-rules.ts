// The rules of multi-factor sign-in (pure: time, secrets and keys are arguments). Who needs a second factor,
// when a TOTP code counts (30-second steps, one step either side, never the same step twice), what a
// recovery code looks like and how it is kept (a keyed hash), and how recent "recently signed in" is.
import { createHmac, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import type { Role } from './permissions';

// ---------------------------------------------------------------- policy

export type MfaWaiver = 'waived_by_admin' | 'demo_seed' | null;

export type MfaFacts = {
  role: Role;
  waiver: MfaWaiver;
  /** Whether the account has any confirmed second factor (a passkey or an authenticator app). */
  enrolled: boolean;
};

/** Whether a demo_seed waiver may count here: outside production, or on the e2e harness (DEMO_MFA_WAIVER). */
export type MfaRuntime = { demoWaiverAllowed: boolean };

export type MfaRequirement = 'verify' | 'enrol' | 'not_required';

/**
 * What a password sign-in must be followed by. An account with a second factor always uses it. Without one:
 * an admin must set one up; so must staff, unless an admin waived it for them; a demo login's waiver counts
 * only where demo waivers are allowed (never a real production deployment).
 */
export function mfaRequirement(facts: MfaFacts, runtime: MfaRuntime): MfaRequirement {
  if (facts.enrolled) return 'verify';
  if (facts.waiver === 'demo_seed' && runtime.demoWaiverAllowed) return 'not_required';
  if (facts.role === 'admin') return 'enrol';
  if (facts.waiver === 'waived_by_admin') return 'not_required';
  return 'enrol';
}

/** How an account confirms sign-in, in words for the admin's Staff page (pure). */
export function secondStepSummary(facts: Omit<MfaFacts, 'enrolled'> & { passkeys: number; app: boolean }, runtime: MfaRuntime): string {
  const ways = [
    facts.passkeys > 0 ? (facts.passkeys === 1 ? '1 passkey' : `${facts.passkeys} passkeys`) : null,
    facts.app ? 'authenticator app' : null,
  ].filter((w): w is string => w !== null);
  if (ways.length > 0) return ways.join(', ');
  const requirement = mfaRequirement({ ...facts, enrolled: false }, runtime);
  if (requirement === 'enrol') return 'Not set up yet: asked at next sign-in';
  return facts.waiver === 'demo_seed' ? 'Password only (demo login)' : 'Password only (allowed by an admin)';
}

/** Whether an admin may waive the second factor for this account: never for an admin. */
export const mayWaiveMfa = (role: Role): boolean => role !== 'admin';

export function demoWaiverAllowed(e: { NODE_ENV: string; DEMO_MFA_WAIVER: boolean }): boolean {
  return e.NODE_ENV !== 'production' || e.DEMO_MFA_WAIVER;
}

// ---------------------------------------------------------------- step-up

/** Sensitive actions (exports, erasure, staff changes) need a sign-in or confirmation this recent. */
export const REAUTH_WINDOW_MS = 5 * 60_000;

export function recentlyAuthenticated(reauthenticatedAt: Date, now: Date, windowMs = REAUTH_WINDOW_MS): boolean {
  const age = now.getTime() - reauthenticatedAt.getTime();
  return age >= -60_000 && age < windowMs;
}

// ---------------------------------------------------------------- TOTP

export const TOTP_STEP_SECONDS = 30;

export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return generateURI({ issuer, label: account, secret });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'malformed' | 'wrong' | 'replayed' };

/** Six digits; spaces and dashes people type are ignored. */
export function normalizeTotpCode(code: string): string | null {
  const digits = code.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * Checks a code against the secret at `now`, one step either side. A code for a step at or before
 * `lastUsedStep` is refused even when right: a code seen over someone's shoulder cannot be used again.
 */
export function checkTotp(secret: string, code: string, now: Date, lastUsedStep: number | null): TotpCheck {
  const token = normalizeTotpCode(code);
  if (!token) return { ok: false, reason: 'malformed' };
  const epoch = Math.floor(now.getTime() / 1000);
  const result = verifySync({
    secret,
    token,
    epoch,
    epochTolerance: TOTP_STEP_SECONDS,
  });
  if (!result.valid) return { ok: false, reason: 'wrong' };
  const step = (result as { timeStep?: number }).timeStep ?? Math.floor(epoch / TOTP_STEP_SECONDS) + ((result as { delta?: number }).delta ?? 0);
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}

// ---------------------------------------------------------------- recovery codes

export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L, 8/B or S (read as 5): read aloud or copied from paper without mistakes. 28 symbols, 10 of them: ~48 bits.
const ALPHABET = '2345679ACDEFGHJKMNPQRTUVWXYZ';

/** One code, as shown: "ABCDE-FGHJK". */
export function newRecoveryCode(): string {
  let raw = '';
  for (let i = 0; i < 10; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** What was typed, in the stored form (upper case, no spaces or dashes), or null if it cannot be a code. */
export function normalizeRecoveryCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  return raw.length === 10 && [...raw].every((c) => ALPHABET.includes(c)) ? raw : null;
}

/**
 * The stored form: an HMAC under a key derived from AUTH_SECRET, so a copy of the database alone is not
 * enough to try codes offline. The codes are random, so no slow hash is needed.
 */
export function hashRecoveryCode(key: Buffer, normalized: string): string {
  return createHmac('sha256', key).update(normalized).digest('base64url');
}
