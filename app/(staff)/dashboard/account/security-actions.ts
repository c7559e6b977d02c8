'use server';

// Removing a way to confirm sign-in, and making new recovery codes, from the account page. Each needs a
// recent sign-in or confirmation (step-up). Setting one up: app/(staff)/sign-in/set-up/actions.ts.
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { requireRecentAuth, requireStaff, type Staff } from '@/lib/auth/guard';
import { regenerateRecoveryCodes, removePasskey, removeTotp, type RemoveResult, type Who } from '@/lib/auth/mfa';
import { mfaKeys, mfaRuntime } from '@/lib/auth/mfa-context';
import { formValues, type FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { isUuid } from '@/lib/ids';

const ACCOUNT = '/dashboard/account';

function refresh() {
  revalidatePath(ACCOUNT);
}

export async function regenerateCodesAction(): Promise<FormResult> {
  return failSafe('regenerateCodesAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.read', ACCOUNT);
    requireRecentAuth(staff, `${ACCOUNT}#security`);
    const codes = await regenerateRecoveryCodes(await getDb(), {
      staffId: staff.id,
      keys: mfaKeys(),
      meta: await requestMeta(),
      now: new Date(),
    });
    refresh();
    return {
      ok: true,
      message: 'Your new recovery codes are below. The old ones no longer work.',
      codes,
    };
  });
}

/** Removes one way to confirm sign-in for this session's account, and says what happened in words. */
async function removeFactor(
  staff: Staff,
  remove: (db: Awaited<ReturnType<typeof getDb>>, who: Who & { runtime: ReturnType<typeof mfaRuntime> }) => Promise<RemoveResult>,
  messages: { lastFactor: string; notFound: string; removed: string },
): Promise<FormResult> {
  const result = await remove(await getDb(), {
    staffId: staff.id,
    sessionId: staff.sessionId,
    runtime: mfaRuntime(),
    meta: await requestMeta(),
    now: new Date(),
  });
  if (!result.ok) return { ok: false, message: result.code === 'last_factor' ? messages.lastFactor : messages.notFound };
  refresh();
  return { ok: true, message: messages.removed };
}

export async function removeTotpAction(): Promise<FormResult> {
  return failSafe('removeTotpAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.read', ACCOUNT);
    requireRecentAuth(staff, ACCOUNT);
    return removeFactor(staff, removeTotp, {
      lastFactor: 'Add a passkey first: your account must keep one way to confirm sign-in.',
      notFound: 'There is no authenticator app to remove. Reload the page.',
      removed: 'The authenticator app has been removed.',
    });
  });
}

export async function removePasskeyAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('removePasskeyAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.read', ACCOUNT);
    requireRecentAuth(staff, ACCOUNT);
    const notFound = 'That passkey could not be found. Reload the page.';
    const { passkey: passkeyId } = formValues(formData);
    if (!isUuid(passkeyId)) return { ok: false, message: notFound };
    return removeFactor(staff, (db, who) => removePasskey(db, { ...who, passkeyId }), {
      lastFactor: 'Set up another way first: your account must keep one way to confirm sign-in.',
      notFound,
      removed: 'The passkey has been removed.',
    });
  });
}
