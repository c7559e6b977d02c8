'use server';

import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import type { FormState } from '@/components/dashboard/form';
import { requestMeta } from '@/lib/auth';
import { redeemToken } from '@/lib/auth/service';
import { failSafe } from '@/lib/http/safe-action';

export async function setPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('setPasswordAction', async (): Promise<FormState> => {
    const token = String(formData.get('token') ?? '');
    const password = String(formData.get('password') ?? '');
    const confirm = String(formData.get('confirm') ?? '');
    if (!password) return { ok: false, errors: { password: 'Enter a new password' } };
    if (password !== confirm) return { ok: false, errors: { confirm: 'The two passwords do not match' } };
    const result = await redeemToken(await getDb(), { token, password, meta: await requestMeta(), now: new Date() });
    if (!result.ok) {
      if (result.code === 'weak') return { ok: false, errors: { password: result.message } };
      if (result.code === 'rate_limited') {
        return { ok: false, message: `Too many tries from this network. Wait ${Math.ceil(result.retryAfterSeconds / 60)} minutes, then try again.` };
      }
      return { ok: false, message: 'This link has expired or has already been used. Ask for a new one.' };
    }
    redirect('/sign-in?reset=1');
  });
}
