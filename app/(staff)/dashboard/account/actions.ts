'use server';

// The account page's own changes: a new password, and signing out of other devices.
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requestMeta, signOut } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { changePassword } from '@/lib/auth/service';
import { endSessionsByStaff } from '@/lib/auth/sessions';
import { mustMatch, optionalText, requiredText } from '@/lib/forms/fields';
import { formValues, parseForm, refused, type FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { isUuid } from '@/lib/ids';
import { z } from '@/lib/zod';

/** Passwords are never handed back to the page. */
const PASSWORDS = ['currentPassword', 'newPassword', 'confirm'];

const passwordSchema = z
  .object({
    currentPassword: requiredText('Enter your current password'),
    newPassword: requiredText('Enter a new password'),
    confirm: optionalText(),
  })
  .superRefine(mustMatch('newPassword', 'confirm', 'The two new passwords do not match'));

export async function changePasswordAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('changePasswordAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.read');
    const parsed = parseForm(passwordSchema, formData, { secret: PASSWORDS });
    if (!parsed.ok) return refused(parsed);
    const { currentPassword, newPassword } = parsed.data;
    const result = await changePassword(await getDb(), { staffId: staff.id, currentPassword, newPassword, meta: await requestMeta(), now: new Date() });
    if (!result.ok) return { ok: false, errors: { [result.field]: result.message } };
    // Every session of this account has ended, this one too: sign in again with the new password.
    await signOut({ redirectTo: '/sign-in?reset=1' });
    return null;
  });
}

/** Signs this account out of one other device (`sessionId`), or of every other device (`all`). */
export async function endMySessionsAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('endMySessionsAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.read');
    const { session: which = '' } = formValues(formData);
    if (which !== 'others' && !isUuid(which)) return { ok: false, message: 'That session could not be found. Reload the page.' };
    if (which === staff.sessionId) return { ok: false, message: 'To end this session, use Sign out at the top of the page.' };
    const result = await endSessionsByStaff(await getDb(), {
      actor: { id: staff.id, sessionId: staff.sessionId },
      staffUserId: staff.id,
      sessionId: which === 'others' ? undefined : which,
      meta: await requestMeta(),
      now: new Date(),
    });
    if (!result.ok) return { ok: false, message: 'That session could not be found. Reload the page.' };
    revalidatePath('/dashboard/account');
    return { ok: true, message: which === 'others' ? 'You have been signed out on every other device.' : 'That device has been signed out.' };
  });
}
