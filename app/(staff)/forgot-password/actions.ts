'use server';

import { after } from 'next/server';
import { getDb } from '@/db/client';
import type { FormState } from '@/components/dashboard/form';
import { requestMeta } from '@/lib/auth';
import { answerForgotPassword, processPasswordResetRequest } from '@/lib/auth/password-reset';
import { appUrl } from '@/lib/env';
import { failureKind } from '@/lib/http/failure';
import { failSafe } from '@/lib/http/safe-action';
import { requestLogger } from '@/lib/log';

export async function forgotPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('forgotPasswordAction', async (): Promise<FormState> => {
    const raw = String(formData.get('email') ?? '');
    const log = await requestLogger('auth');
    // The same answer, as fast, for anyone: the lookup, link, email and audit run after it has been sent.
    const answer = answerForgotPassword(raw, {
      later: (task) =>
        after(() =>
          task().catch((error: unknown) => {
            // Only the kind: the query's values would carry the address typed.
            log.error({ kind: failureKind(error) }, 'password reset request failed after the answer');
          }),
        ),
      work: async (request) => processPasswordResetRequest(await getDb(), request),
      appUrl: appUrl(),
      meta: await requestMeta(),
      now: new Date(),
    });
    return answer.ok ? { ok: true, message: answer.message } : { ok: false, errors: { email: answer.error }, values: { email: raw.trim() } };
  });
}
