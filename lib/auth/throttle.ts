// Sign-in throttling (pure): after `maxFailures` failed attempts inside `window`, further attempts are
// refused until `lock` has passed since the last of them. Refused attempts are logged but never counted,
// so an attacker cannot keep a real person locked out beyond one lock period at a time.
export type ThrottlePolicy = { maxFailures: number; windowMs: number; lockMs: number };

/** One account: five wrong passwords in 15 minutes, then a 15-minute wait. */
export const DEFAULT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * One address, across accounts: a clinic's staff usually share one office address, so one person's typing
 * mistakes must not lock out the whole front desk; twenty failures still stop anyone trying many accounts.
 */
export const DEFAULT_IP_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * `failures`: times of counted failures since the last success, newest first.
 * Returns when the lock ends, or null when an attempt may go ahead.
 */
export function lockedUntil(failures: readonly Date[], now: Date, policy: ThrottlePolicy = DEFAULT_POLICY): Date | null {
  const times = failures.map((at) => at.getTime()).sort((a, b) => b - a);
  if (times.length < policy.maxFailures) return null;
  const newest = times[0]!;
  const oldestOfBurst = times[policy.maxFailures - 1]!;
  // Five failures spread over more than the window are ordinary typing mistakes, not guessing.
  if (newest - oldestOfBurst >= policy.windowMs) return null;
  const until = new Date(newest + policy.lockMs);
  return until > now ? until : null;
}

/** "Try again in 12 minutes." */
export function retryMinutes(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
