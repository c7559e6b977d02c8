'use server';

// Setting up a way to confirm sign-in (an authenticator app, a passkey): from the set-up step of signing in,
// for an account that has none yet, and from the account page. Who may: lib/auth/mfa-context
// `staffForEnrolment` (a complete session, or a password-only one of an account with no factor at all).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { SIGN_IN_PATH } from '@/lib/auth/config';
import { addPasskey, confirmTotp, passkeyRegistrationOptions, PASSKEY_NAME_MAX } from '@/lib/auth/mfa';
import { mfaKeys, relyingParty, staffForEnrolment } from '@/lib/auth/mfa-context';
import { parseForm, refused, type FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { oneTimeCode } from '@/lib/forms/fields';
import { z } from '@/lib/zod';

const TOTP_EMPTY = 'Enter the 6-digit code from your authenticator app';
const totpSchema = z.object({ code: oneTimeCode(TOTP_EMPTY) });

// The account signing in whose session may add its first factor; checked before anything else (the coverage test
// recognises the requireStaff… name).
async function requireStaffForEnrolment() {
  const found = await staffForEnrolment();
  if (!found) redirect(SIGN_IN_PATH);
  return found;
}

function refresh() {
  revalidatePath('/dashboard/account');
  revalidatePath('/sign-in/set-up');
}

export async function confirmTotpAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('confirmTotpAction', async (): Promise<FormResult> => {
    const { staff } = await requireStaffForEnrolment();
    // A code is single use: a refused one is not handed back.
    const parsed = parseForm(totpSchema, formData, { secret: ['code'] });
    if (!parsed.ok) return refused(parsed);
    const { code } = parsed.data;
    const result = await confirmTotp(await getDb(), {
      staffId: staff.id,
      sessionId: staff.sessionId,
      code,
      keys: mfaKeys(),
      meta: await requestMeta(),
      now: new Date(),
    });
    if (!result.ok) {
      if (result.code === 'throttled')
        return {
          ok: false,
          message: 'Too many attempts. Wait 15 minutes, then try again.',
        };
      if (result.code === 'not_set_up')
        return {
          ok: false,
          message: 'This set-up has expired or is already done. Reload the page.',
        };
      return {
        ok: false,
        errors: {
          code:
            result.code === 'malformed'
              ? TOTP_EMPTY
              : 'The code is not correct. Check the time on your phone is right, then try the code the app shows now',
        },
      };
    }
    refresh();
    return {
      ok: true,
      message: 'Your authenticator app is set up.',
      codes: result.recoveryCodes ?? undefined,
    };
  });
}

/** The browser's passkey-creation prompt for this account. */
export async function passkeyRegistrationOptionsAction(): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return failSafe('passkeyRegistrationOptionsAction', async () => {
    const { staff } = await requireStaffForEnrolment();
    return passkeyRegistrationOptions(await getDb(), {
      staff,
      sessionId: staff.sessionId,
      rp: relyingParty(),
      now: new Date(),
    });
  });
}

/** Called from the passkey button (not a posted form), but answering as every form does. */
export async function addPasskeyAction(name: string, response: RegistrationResponseJSON): Promise<NonNullable<FormResult>> {
  return failSafe('addPasskeyAction', async () => {
    const { staff } = await requireStaffForEnrolment();
    const label = String(name ?? '')
      .trim()
      .slice(0, PASSKEY_NAME_MAX);
    const result = await addPasskey(await getDb(), {
      staffId: staff.id,
      sessionId: staff.sessionId,
      name: label,
      response,
      rp: relyingParty(),
      keys: mfaKeys(),
      meta: await requestMeta(),
      now: new Date(),
    });
    if (!result.ok)
      return {
        ok: false,
        message: result.code === 'throttled' ? 'Too many attempts. Wait 15 minutes, then try again.' : 'The passkey could not be added. Try again.',
      };
    refresh();
    return {
      ok: true,
      message: `Passkey “${label || 'Passkey'}” added.`,
      codes: result.recoveryCodes ?? undefined,
    };
  });
}
