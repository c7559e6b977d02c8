'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { FormState } from '@/components/dashboard/form';
import { requestMeta, signOut } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { changePassword } from '@/lib/auth/service';
import { endSessionsByStaff } from '@/lib/auth/sessions';
import { failSafe } from '@/lib/http/safe-action';

export async function changePasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('changePasswordAction', async (): Promise<FormState> => {
    const staff = await requireStaff('leads.read');
    const currentPassword = String(formData.get('currentPassword') ?? '');
    const newPassword = String(formData.get('newPassword') ?? '');
    const confirm = String(formData.get('confirm') ?? '');
    if (!currentPassword) return { ok: false, errors: { currentPassword: 'Enter your current password' } };
    if (!newPassword) return { ok: false, errors: { newPassword: 'Enter a new password' } };
    if (newPassword !== confirm) return { ok: false, errors: { confirm: 'The two new passwords do not match' } };
    const result = await changePassword(await getDb(), { staffId: staff.id, currentPassword, newPassword, meta: await requestMeta(), now: new Date() });
    if (!result.ok) return { ok: false, errors: { [result.field]: result.message } };
    // Every session of this account has ended, this one too: sign in again with the new password.
    await signOut({ redirectTo: '/sign-in?reset=1' });
    return null;
  });
}

/** Signs this account out of one other device (`sessionId`), or of every other device (`all`). */
export async function endMySessionsAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('endMySessionsAction', async (): Promise<FormState> => {
    const staff = await requireStaff('leads.read');
    const which = String(formData.get('session') ?? '');
    if (which !== 'others' && !z.uuid().safeParse(which).success) return { ok: false, message: 'That session could not be found. Reload the page.' };
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
