// A short retry for database work that is safe to repeat, when the failure was the connection (the server
// restarted, is starting, dropped the session: db/errors.ts isTransientDbError) and not the work itself.
// PostgreSQL restarting takes a few seconds; postgres.js reconnects on the next query. Waiting that long is
// better for a patient than an error page. Anything else fails at once, as before.
import { isTransientDbError } from './errors';

export type RetryPolicy = {
  /** Give up once this much time has passed since the first attempt (the last wait is cut to fit). */
  budgetMs: number;
  /**
   * Attempts made whatever the time: one attempt can itself take the whole budget (a connection that hangs
   * until connect_timeout after a restart), and a fresh connection then usually works at once.
   */
  minAttempts: number;
  /** The first wait; each next one doubles, up to maxDelayMs, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
};

/** Long enough to ride out a restart of a few seconds, short enough for a person waiting on a page. */
export const DB_RETRY: RetryPolicy = { budgetMs: 8_000, minAttempts: 2, baseDelayMs: 100, maxDelayMs: 1_000 };

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): exponential, capped, with "equal jitter"
 * (half fixed, half random) so retries spread out but never hammer. Null when the budget is spent and the
 * minimum attempts are made. Pure.
 */
export function retryDelayMs(attempt: number, elapsedMs: number, policy: RetryPolicy, random: () => number = Math.random): number | null {
  const remaining = policy.budgetMs - elapsedMs;
  const owed = attempt < policy.minAttempts;
  if (remaining <= 0 && !owed) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const delay = Math.round(ceiling / 2 + (ceiling / 2) * random());
  return owed ? delay : Math.min(delay, remaining);
}

export type RetryOptions = {
  policy?: RetryPolicy;
  /** Called before each wait: the caller logs the kind of failure (never its values). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work`, again after a short wait when it fails on the connection, until it succeeds, fails otherwise,
 * or the time budget is spent (then the last error is thrown). `work` must be safe to repeat: a read, or a
 * write that finds its own earlier result (an idempotency key), since a lost connection can hide a commit.
 */
export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { policy = DB_RETRY, onRetry, now = Date.now, sleep = pause, random = Math.random } = options;
  const startedAt = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransientDbError(error)) throw error;
      const delay = retryDelayMs(attempt, now() - startedAt, policy, random);
      if (delay === null) throw error;
      onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
