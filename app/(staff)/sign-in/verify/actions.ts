'use server';

// The second step, and confirming before a sensitive action: a code from the authenticator app, a recovery
// code, a passkey, or (confirming only) the password. Each answer comes back to the page it was sent from;
// a good one goes on to `next`.
import { redirect } from 'next/navigation';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
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
import { oneTimeCode, requiredText } from '@/lib/forms/fields';
import { parseForm, refused, type FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { z } from '@/lib/zod';

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
): Promise<FormResult> {
  // A code is single use and a password is never echoed: neither is handed back.
  const parsed = parseForm(z.object({ [field]: oneTimeCode(messages.empty) }), formData, { secret: [field] });
  if (!parsed.ok) return refused(parsed);
  const code = parsed.data[field]!;
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

export async function verifyTotpAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('verifyTotpAction', async () => {
    const purpose = purposeOf(formData.get('purpose'));
    const staff = await requireStaffSession(purpose);
    return answerCode(staff, purpose, formData, 'code', verifyTotp, {
      empty: 'Enter the 6-digit code from your authenticator app',
      refused: (code) => CODE_MESSAGES[code],
    });
  });
}

export async function recoveryCodeAction(_state: FormResult, formData: FormData): Promise<FormResult> {
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

const passwordSchema = z.object({ password: requiredText('Enter your password') });

export async function confirmPasswordAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('confirmPasswordAction', async (): Promise<FormResult> => {
    const staff = await requireStaffSession('confirm');
    const parsed = parseForm(passwordSchema, formData, { secret: ['password'] });
    if (!parsed.ok) return refused(parsed);
    const { password } = parsed.data;
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
export async function passkeyVerifyAction(purposeValue: string, response: AuthenticationResponseJSON, next: string): Promise<FormResult> {
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
        ok: false,
        message: result.code === 'throttled' ? waitMessage(result) : 'That passkey could not be used. Try again, or use another way.',
      };
    redirect(safeNextPath(next));
  });
}
