'use server';

// Asking for a password reset link: the address is checked and answered by lib/auth/password-reset, the same
// way for everyone; the work (lookup, link, email, audit) runs after the answer.
import { after } from 'next/server';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { answerForgotPassword, processPasswordResetRequest } from '@/lib/auth/password-reset';
import { appUrl } from '@/lib/env';
import { formValues, type FormResult } from '@/lib/forms/parse';
import { failureKind } from '@/lib/http/failure';
import { failSafe } from '@/lib/http/safe-action';
import { requestLogger } from '@/lib/log';

export async function forgotPasswordAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('forgotPasswordAction', async (): Promise<FormResult> => {
    const { email: raw = '' } = formValues(formData);
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
