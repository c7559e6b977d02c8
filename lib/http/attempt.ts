// A step of an action that is safe to repeat (a read, an upsert, a new draft), run again after a moment when
// the database connection failed (db/retry.ts). A failure is handed to the caller (to log its kind) and
// reported, not thrown, so the action can answer with everything typed instead of the problem page.
import { retryTransient } from '@/db/retry';

export type Attempt<T> = { ok: true; value: T } | { ok: false };

export async function attemptRepeatable<T>(run: () => Promise<T>, onFailure: (error: unknown) => Promise<void> | void): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await retryTransient(run) };
  } catch (error) {
    await onFailure(error);
    return { ok: false };
  }
}
