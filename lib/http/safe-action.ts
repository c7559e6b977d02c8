// Server actions that fail say so in plain words. Next.js answers an action that throws, when the form was
// sent without JavaScript, with a bare "Internal Server Error"; every action runs through failSafe, which
// logs the failure (its kind, never its values) with the request id and sends the person to the problem page
// with that id and a way back (saying "try again in a minute" when the database was out of reach: see
// db/errors.ts isDatabaseUnavailable). Next.js's own signals (redirect, notFound, forbidden) pass through untouched.
import 'server-only';
import { headers } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { componentLogger } from '@/lib/log';
import { isDatabaseUnavailable } from '@/db/errors';
import { failureKind } from './failure';
import { problemPath } from './problem';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

/** The path of the page the form was on, when the browser says so and it is this site's. */
function formPage(h: Headers): string | null {
  const referer = h.get('referer');
  if (!referer) return null;
  try {
    const url = new URL(referer);
    const host = h.get('x-forwarded-host')?.split(',')[0]?.trim() || h.get('host');
    return url.host === host ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

/** Runs one server action's work; an unexpected failure becomes the problem page instead of a bare 500. */
export async function failSafe<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    unstable_rethrow(error);
    const h = await headers();
    const requestId = requestIdFor(h.get(REQUEST_ID_HEADER));
    componentLogger('action', { requestId }).error({ action, kind: failureKind(error) }, 'server action failed');
    // The database out of reach (restarting, read-only): nothing was done, and trying again shortly will work.
    const reason = isDatabaseUnavailable(error) ? 'unavailable' : 'failed';
    redirect(problemPath({ requestId, reason, back: formPage(h) }));
  }
}
