// A page's database reads, when the database may be out of reach for a moment (restarting, read-only, out of
// connections). Next.js can only answer a page that throws with its error page and a 500, and without
// JavaScript that page's "Try again" button does nothing. Here the read is retried briefly when the connection
// failed (db/retry.ts), and if the database still cannot be reached the person is sent to the problem page:
// it says nothing was lost (their answers live in their draft), gives the request id, and links back here.
import 'server-only';
import { headers } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { isDatabaseUnavailable } from '@/db/errors';
import { retryTransient } from '@/db/retry';
import { requestLogger } from '@/lib/log';
import { failureKind } from './failure';
import { PROBLEM_HOP, PROBLEM_PAGE, problemPath } from './problem';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

/**
 * Runs a page's reads (`where` names them in the log); `back` is the page's own path, where "try again" leads.
 * Only reads, or writes safe to repeat, belong here. Any other failure is thrown as before (the error page).
 */
export async function loadOrTryAgain<T>(where: string, back: string, read: () => Promise<T>): Promise<T> {
  const log = await requestLogger('page');
  try {
    return await retryTransient(read, {
      onRetry: (error, attempt, delayMs) => log.warn({ where, attempt, delayMs, kind: failureKind(error) }, 'database connection failed; retrying'),
    });
  } catch (error) {
    unstable_rethrow(error);
    if (!isDatabaseUnavailable(error)) throw error;
    const h = await headers();
    const requestId = requestIdFor(h.get(REQUEST_ID_HEADER));
    log.error({ where, kind: failureKind(error), requestId }, 'database unavailable; sent to the problem page');
    const path = problemPath({ requestId, reason: 'unavailable', back });
    // Rendering the answer to a form post: the browser would repeat the post at the redirect's address.
    const afterFormPost = /^(multipart\/form-data|application\/x-www-form-urlencoded)/.test(h.get('content-type') ?? '');
    redirect(afterFormPost ? path.replace(PROBLEM_PAGE, PROBLEM_HOP) : path);
  }
}
