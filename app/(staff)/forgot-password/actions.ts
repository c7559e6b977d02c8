'use server';

import { z } from 'zod';
import { getDb } from '@/db/client';
import type { FormState } from '@/components/dashboard/form';
import { requestMeta } from '@/lib/auth';
import { requestPasswordReset } from '@/lib/auth/service';
import { appUrl } from '@/lib/env';
import { hitRateLimits } from '@/lib/security/rate-limit';
import { failSafe } from '@/lib/http/safe-action';

const email = z.email('Enter an email address in the correct format, like name@example.com').max(254);

export async function forgotPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('forgotPasswordAction', async (): Promise<FormState> => {
    const raw = String(formData.get('email') ?? '').trim();
    if (!raw) return { ok: false, errors: { email: 'Enter your email address' }, values: { email: raw } };
    const parsed = email.safeParse(raw);
    if (!parsed.success) return { ok: false, errors: { email: parsed.error.issues[0]!.message }, values: { email: raw } };
    const meta = await requestMeta();
    const now = new Date();
    const db = await getDb();
    const limited = await hitRateLimits(
      db,
      [
        { key: `reset:email:${parsed.data.toLowerCase()}`, max: 3, windowSeconds: 3_600 },
        ...(meta.ip ? [{ key: `reset:ip:${meta.ip}`, max: 10, windowSeconds: 3_600 }] : []),
      ],
      now,
    );
    // Rate-limited or not, and whether or not the account exists, the answer is the same.
    if (limited.ok) await requestPasswordReset(db, { email: parsed.data, appUrl: appUrl(), meta, now });
    return { ok: true, message: 'If that address belongs to an account, we have sent it a link to reset the password. The link works for 1 hour.' };
  });
}
