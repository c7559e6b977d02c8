'use server';

// The second step, and confirming before a sensitive action: a code from the authenticator app, a recovery
// code, a passkey, or (confirming only) the password. Each answer comes back to the page it was sent from;
// a good one goes on to `next`.
import { redirect } from 'next/navigation';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { FormState } from '@/components/dashboard/form';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { currentStaff, pendingStaff, safeNextPath, type Staff } from '@/lib/auth/guard';
import {
  passkeyAuthenticationOptions,
  reauthenticateWithPassword,
  redeemRecoveryCode,
  verifyPasskey,
  verifyTotp,
  type Purpose,
  type Refusal,
} from '@/lib/auth/mfa';
import { mfaKeys, relyingParty } from '@/lib/auth/mfa-context';
import { SIGN_IN_PATH } from '@/lib/auth/config';
import { failSafe } from '@/lib/http/safe-action';

const purposeOf = (value: unknown): Purpose => (value === 'confirm' ? 'confirm' : 'sign_in');

/** The session this answer is for: a half-finished sign-in, or (confirming) a complete one. */
async function requireStaffSession(purpose: Purpose): Promise<Staff> {
  const staff = purpose === 'sign_in' ? await pendingStaff() : await currentStaff();
  if (staff) return staff;
  // Already complete (another tab finished first) → the dashboard; ended → sign in again.
  if (purpose === 'sign_in' && (await currentStaff())) redirect('/dashboard');
  redirect(SIGN_IN_PATH);
}

function waitMessage(refusal: Refusal): string {
  const minutes = Math.max(1, Math.ceil((refusal.retryAfterSeconds ?? 60) / 60));
  return `Too many attempts. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again.`;
}

const CODE_MESSAGES: Record<Exclude<Refusal['code'], 'throttled'>, string> = {
  malformed: 'Enter the 6-digit code from your authenticator app',
  wrong: 'The code is not correct. Check the time on your phone is right, then try the code the app shows now',
  replayed: 'That code has already been used. Wait for your authenticator app to show a new one',
  not_set_up: 'You have not set up an authenticator app. Use another way to confirm it is you',
};

type CodeCheck = (
  db: Awaited<ReturnType<typeof getDb>>,
  args: { staffId: string; sessionId: string; code: string; keys: ReturnType<typeof mfaKeys>; purpose: Purpose; meta: Awaited<ReturnType<typeof requestMeta>>; now: Date },
) => Promise<{ ok: true } | Refusal>;

/** A typed code (the app's, or a recovery code) answered the same way: field errors, the wait, or on to `next`. */
async function answerCode(
  staff: Staff,
  purpose: Purpose,
  formData: FormData,
  field: 'code' | 'recoveryCode',
  check: CodeCheck,
  messages: { empty: string; refused: (code: Exclude<Refusal['code'], 'throttled'>) => string },
): Promise<FormState> {
  const code = String(formData.get(field) ?? '').slice(0, 50);
  if (!code.trim()) return { ok: false, errors: { [field]: messages.empty } };
  const result = await check(await getDb(), {
    staffId: staff.id,
    sessionId: staff.sessionId,
    code,
    keys: mfaKeys(),
    purpose,
    meta: await requestMeta(),
    now: new Date(),
  });
  if (!result.ok) {
    if (result.code === 'throttled') return { ok: false, message: waitMessage(result) };
    return { ok: false, errors: { [field]: messages.refused(result.code) } };
  }
  redirect(safeNextPath(formData.get('next')));
}

export async function verifyTotpAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('verifyTotpAction', async () => {
    const purpose = purposeOf(formData.get('purpose'));
    const staff = await requireStaffSession(purpose);
    return answerCode(staff, purpose, formData, 'code', verifyTotp, {
      empty: 'Enter the 6-digit code from your authenticator app',
      refused: (code) => CODE_MESSAGES[code],
    });
  });
}

export async function recoveryCodeAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('recoveryCodeAction', async () => {
    const purpose = purposeOf(formData.get('purpose'));
    const staff = await requireStaffSession(purpose);
    return answerCode(staff, purpose, formData, 'recoveryCode', redeemRecoveryCode, {
      empty: 'Enter one of your recovery codes',
      refused: (code) =>
        code === 'malformed' ? 'Enter a recovery code of 10 letters and numbers, like K7WQ2-MNP4R' : 'That recovery code is not correct, or has already been used',
    });
  });
}

export async function confirmPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('confirmPasswordAction', async (): Promise<FormState> => {
    const staff = await requireStaffSession('confirm');
    const password = String(formData.get('password') ?? '');
    if (!password) return { ok: false, errors: { password: 'Enter your password' } };
    const result = await reauthenticateWithPassword(await getDb(), {
      staffId: staff.id,
      sessionId: staff.sessionId,
      password,
      meta: await requestMeta(),
      now: new Date(),
    });
    if (!result.ok)
      return result.code === 'throttled'
        ? { ok: false, message: waitMessage(result) }
        : { ok: false, errors: { password: 'The password is not correct' } };
    redirect(safeNextPath(formData.get('next')));
  });
}

/** The challenge for the browser's passkey prompt (stored on the session, single use). */
export async function passkeyOptionsAction(purposeValue: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  return failSafe('passkeyOptionsAction', async () => {
    const staff = await requireStaffSession(purposeOf(purposeValue));
    return passkeyAuthenticationOptions(await getDb(), {
      staffId: staff.id,
      sessionId: staff.sessionId,
      rp: relyingParty(),
      now: new Date(),
    });
  });
}

/** Checks the browser's passkey answer; a good one goes on to `next`. */
export async function passkeyVerifyAction(purposeValue: string, response: AuthenticationResponseJSON, next: string): Promise<{ message: string }> {
  return failSafe('passkeyVerifyAction', async () => {
    const purpose = purposeOf(purposeValue);
    const staff = await requireStaffSession(purpose);
    const result = await verifyPasskey(await getDb(), {
      staffId: staff.id,
      sessionId: staff.sessionId,
      response,
      rp: relyingParty(),
      purpose,
      meta: await requestMeta(),
      now: new Date(),
    });
    if (!result.ok)
      return {
        message: result.code === 'throttled' ? waitMessage(result) : 'That passkey could not be used. Try again, or use another way.',
      };
    redirect(safeNextPath(next));
  });
}
