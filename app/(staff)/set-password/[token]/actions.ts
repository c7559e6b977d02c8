'use server';

// Setting a password through an invitation or reset link: the token is the permission (lib/auth/service).
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { redeemToken } from '@/lib/auth/service';
import { parseForm, refused, type FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { mustMatch, optionalText, requiredText } from '@/lib/forms/fields';
import { z } from '@/lib/zod';

/** The link's token travels in a hidden field; the passwords are never handed back to the page. */
const schema = z
  .object({ token: optionalText(), password: requiredText('Enter a new password'), confirm: optionalText() })
  .superRefine(mustMatch('password', 'confirm', 'The two passwords do not match'));

export async function setPasswordAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('setPasswordAction', async (): Promise<FormResult> => {
    const parsed = parseForm(schema, formData, { secret: ['password', 'confirm'] });
    if (!parsed.ok) return refused(parsed);
    const { token, password } = parsed.data;
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
