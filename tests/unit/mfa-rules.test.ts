// The rules of multi-factor sign-in: who needs a second step, when a TOTP code counts (and never twice),
// what recovery codes look like and how they are kept, and how recent a step-up must be.
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  checkTotp,
  demoWaiverAllowed,
  hashRecoveryCode,
  mayWaiveMfa,
  mfaRequirement,
  newRecoveryCode,
  newTotpSecret,
  secondStepSummary,
  normalizeRecoveryCode,
  recentlyAuthenticated,
  REAUTH_WINDOW_MS,
  totpUri,
} from '@/lib/auth/mfa-rules';

const allowed = { demoWaiverAllowed: true };
const production = { demoWaiverAllowed: false };

describe('who needs a second step', () => {
  it('an account with a passkey or an app always uses it, waived or not', () => {
    for (const role of ['admin', 'staff'] as const)
      for (const waiver of [null, 'waived_by_admin', 'demo_seed'] as const) {
        expect(mfaRequirement({ role, waiver, enrolled: true }, allowed)).toBe('verify');
      }
  });

  it('an admin without one must set one up; an admin’s waiver counts for nothing', () => {
    expect(mfaRequirement({ role: 'admin', waiver: null, enrolled: false }, allowed)).toBe('enrol');
    expect(mfaRequirement({ role: 'admin', waiver: 'waived_by_admin', enrolled: false }, allowed)).toBe('enrol');
    expect(mayWaiveMfa('admin')).toBe(false);
  });

  it('staff need one by default; an admin may waive it for them', () => {
    expect(mfaRequirement({ role: 'staff', waiver: null, enrolled: false }, allowed)).toBe('enrol');
    expect(mfaRequirement({ role: 'staff', waiver: 'waived_by_admin', enrolled: false }, production)).toBe('not_required');
    expect(mayWaiveMfa('staff')).toBe(true);
  });

  it('the demo logins’ waiver counts only where demo waivers are allowed: never a real production server', () => {
    expect(mfaRequirement({ role: 'admin', waiver: 'demo_seed', enrolled: false }, allowed)).toBe('not_required');
    expect(mfaRequirement({ role: 'staff', waiver: 'demo_seed', enrolled: false }, allowed)).toBe('not_required');
    expect(mfaRequirement({ role: 'admin', waiver: 'demo_seed', enrolled: false }, production)).toBe('enrol');
    expect(mfaRequirement({ role: 'staff', waiver: 'demo_seed', enrolled: false }, production)).toBe('enrol');
    expect(demoWaiverAllowed({ NODE_ENV: 'development', DEMO_MFA_WAIVER: false })).toBe(true);
    expect(demoWaiverAllowed({ NODE_ENV: 'test', DEMO_MFA_WAIVER: false })).toBe(true);
    expect(demoWaiverAllowed({ NODE_ENV: 'production', DEMO_MFA_WAIVER: false })).toBe(false);
    // The e2e harness's explicit, test-only switch (refused at start-up without SEED_DEMO_DATA).
    expect(demoWaiverAllowed({ NODE_ENV: 'production', DEMO_MFA_WAIVER: true })).toBe(true);
  });
});

describe('TOTP codes', () => {
  const secret = newTotpSecret();
  const t0 = new Date('2026-11-26T09:00:10Z');
  const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
  const step = Math.floor(epoch(t0) / 30);
  const codeAt = (d: Date) => generateSync({ secret, epoch: epoch(d) });

  it('accept the current code, and one 30-second step either side', () => {
    expect(checkTotp(secret, codeAt(t0), t0, null)).toEqual({ ok: true, step });
    expect(checkTotp(secret, codeAt(new Date(t0.getTime() - 30_000)), t0, null)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(secret, codeAt(new Date(t0.getTime() + 30_000)), t0, null)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuse a code two steps away, a wrong code, and anything but six digits', () => {
    expect(checkTotp(secret, codeAt(new Date(t0.getTime() - 60_000)), t0, null)).toEqual({ ok: false, reason: 'wrong' });
    const wrong = String((Number(codeAt(t0)) + 1) % 1_000_000).padStart(6, '0');
    expect(checkTotp(secret, wrong, t0, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(checkTotp(secret, '12345', t0, null)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkTotp(secret, 'abcdef', t0, null)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accept spaces and dashes people type', () => {
    const code = codeAt(t0);
    expect(checkTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, t0, null).ok).toBe(true);
  });

  it('refuse the step already used, and any older one, even with the right code', () => {
    expect(checkTotp(secret, codeAt(t0), t0, step)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(secret, codeAt(new Date(t0.getTime() - 30_000)), t0, step)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(secret, codeAt(new Date(t0.getTime() + 30_000)), t0, step)).toEqual({ ok: true, step: step + 1 });
  });

  it('the app’s address names the clinic and the account', () => {
    const uri = totpUri(secret, 'Stem Cell Institute', 'sam@example.com');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Stem');
  });
});

describe('recovery codes', () => {
  it('look like ABCDE-FGHJK, from letters and digits that cannot be mistaken for each other', () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    for (const code of codes) expect(code).toMatch(/^[2345679ACDEFGHJKMNPQRTUVWXYZ]{5}-[2345679ACDEFGHJKMNPQRTUVWXYZ]{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are read the way people type them: any case, spaces or dashes', () => {
    expect(normalizeRecoveryCode(' acdef-ghjkm ')).toBe('ACDEFGHJKM');
    expect(normalizeRecoveryCode('ACDEF GHJKM')).toBe('ACDEFGHJKM');
    expect(normalizeRecoveryCode('acdef-ghjkm')).toBe('ACDEFGHJKM');
    expect(normalizeRecoveryCode('ACDEF-GHJK')).toBeNull();
    expect(normalizeRecoveryCode('OOOOO-IIIII')).toBeNull();
  });

  it('are kept as a keyed hash: not the code, and different under another key', () => {
    const a = Buffer.alloc(32, 1);
    const b = Buffer.alloc(32, 2);
    const hash = hashRecoveryCode(a, 'ACDEFGHJKM');
    expect(hash).not.toContain('ACDEFGHJKM');
    expect(hash).toBe(hashRecoveryCode(a, 'ACDEFGHJKM'));
    expect(hash).not.toBe(hashRecoveryCode(b, 'ACDEFGHJKM'));
    expect(hash).not.toBe(hashRecoveryCode(a, 'ACDEFGHJKN'));
  });
});

describe('step-up', () => {
  const now = new Date('2026-11-26T09:00:00Z');
  it('counts a sign-in or confirmation less than 5 minutes old, and nothing older', () => {
    expect(REAUTH_WINDOW_MS).toBe(5 * 60_000);
    expect(recentlyAuthenticated(now, now)).toBe(true);
    expect(recentlyAuthenticated(new Date(now.getTime() - 4 * 60_000 - 59_000), now)).toBe(true);
    expect(recentlyAuthenticated(new Date(now.getTime() - 5 * 60_000), now)).toBe(false);
    expect(recentlyAuthenticated(new Date(now.getTime() - 3_600_000), now)).toBe(false);
  });
  it('does not trust a time far in the future', () => {
    expect(recentlyAuthenticated(new Date(now.getTime() + 3_600_000), now)).toBe(false);
  });
});

describe('how an account confirms sign-in, for the Staff page', () => {
  const here = { demoWaiverAllowed: false };
  it('names what is set up', () => {
    expect(secondStepSummary({ role: 'staff', waiver: null, passkeys: 2, app: true }, here)).toBe('2 passkeys, authenticator app');
    expect(secondStepSummary({ role: 'admin', waiver: null, passkeys: 1, app: false }, here)).toBe('1 passkey');
    expect(secondStepSummary({ role: 'staff', waiver: 'waived_by_admin', passkeys: 0, app: true }, here)).toBe('authenticator app');
  });
  it('says when nothing is set up whether it will be asked for, or why not', () => {
    expect(secondStepSummary({ role: 'staff', waiver: null, passkeys: 0, app: false }, here)).toBe('Not set up yet: asked at next sign-in');
    expect(secondStepSummary({ role: 'staff', waiver: 'waived_by_admin', passkeys: 0, app: false }, here)).toBe('Password only (allowed by an admin)');
    // An admin's waiver never counts, and a demo login's only where demo waivers are allowed.
    expect(secondStepSummary({ role: 'admin', waiver: 'waived_by_admin', passkeys: 0, app: false }, here)).toBe('Not set up yet: asked at next sign-in');
    expect(secondStepSummary({ role: 'admin', waiver: 'demo_seed', passkeys: 0, app: false }, here)).toBe('Not set up yet: asked at next sign-in');
    expect(secondStepSummary({ role: 'admin', waiver: 'demo_seed', passkeys: 0, app: false }, { demoWaiverAllowed: true })).toBe('Password only (demo login)');
  });
});
