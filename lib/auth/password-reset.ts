// "Forgot your password?": the answer goes back at once and is the same for everyone; the work (the limits,
// the account lookup, the one-time link, the email, the audit entry) runs after it has gone (Next's after()).
// A real account's answer therefore takes no longer than an unknown one's (bench/reset-timing.ts measures it).
import { z } from '@/lib/zod';
import type { Database } from '@/db/client';
import type { RequestMeta } from '@/lib/audit/log';
import { addressForLimits } from '@/lib/security/client-ip';
import { hitRateLimits, limitKey } from '@/lib/security/rate-limit';
import { requestPasswordReset } from './service';

/** Reset requests per account name and per address in an hour; over either, the request is dropped silently. */
export const RESET_REQUEST_LIMITS = {
  perEmail: { max: 3, windowSeconds: 3_600 },
  perAddress: { max: 10, windowSeconds: 3_600 },
};

export const RESET_REQUESTED_MESSAGE =
  'If that address belongs to an account, we have sent it a link to reset the password. The link works for 1 hour.';

const emailSchema = z.email('Enter an email address in the correct format, like name@example.com').max(254);

export type ResetRequest = { email: string; appUrl: string; meta: RequestMeta; now: Date };

/** The work behind a reset request: count it against the limits, then email a link if the account exists and is active. */
export async function processPasswordResetRequest(db: Database, request: ResetRequest): Promise<void> {
  const limited = await hitRateLimits(
    db,
    [
      { key: limitKey('reset:email', request.email.trim().toLowerCase()), ...RESET_REQUEST_LIMITS.perEmail },
      { key: limitKey('reset:address', addressForLimits(request.meta.ip)), ...RESET_REQUEST_LIMITS.perAddress },
    ],
    request.now,
  );
  if (limited.ok) await requestPasswordReset(db, request);
}

export type ForgotPasswordAnswer = { ok: true; message: string } | { ok: false; error: string };

/** Runs a task once the answer has been sent (Next's after(); tests pass their own). */
export type Later = (task: () => Promise<void>) => void;

/**
 * Checks the typed address and answers; the reset itself is handed to `later`, so nothing in the answer (its
 * words or its time) depends on whether the account exists or on what the reset costs.
 */
export function answerForgotPassword(
  rawEmail: string,
  args: { later: Later; work: (request: ResetRequest) => Promise<void>; appUrl: string; meta: RequestMeta; now: Date },
): ForgotPasswordAnswer {
  const raw = rawEmail.trim();
  if (!raw) return { ok: false, error: 'Enter your email address' };
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const request = { email: parsed.data, appUrl: args.appUrl, meta: args.meta, now: args.now };
  args.later(() => args.work(request));
  return { ok: true, message: RESET_REQUESTED_MESSAGE };
}
