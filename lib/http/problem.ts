// Where a person is sent when what they asked for could not be done: the product's own page, in plain
// words, with the request id to quote. Pure: no I/O.
import { isRequestId } from './request-id';

/**
 * Why: `refused` (the form came from somewhere the app does not accept posts from), `failed` (a fault here),
 * `unavailable` (the database could not be reached or refused writes for a moment: nothing was done, the
 * person's answers are kept, trying again shortly will work).
 */
export type ProblemReason = 'refused' | 'failed' | 'unavailable';

const REASONS: readonly ProblemReason[] = ['refused', 'failed', 'unavailable'];

export const PROBLEM_PAGE = '/problem';

/**
 * The way to the problem page from a page that fails while it renders the answer to a form post (no JavaScript:
 * Next.js renders the page again after the action). A redirect from a render is a 307, which a browser follows
 * with the same POST, and the problem page would refuse that post (it has no such action): this route answers
 * any method with a 303 to the problem page (app/(site)/problem/again/route.ts).
 */
export const PROBLEM_HOP = '/problem/again';

/** Pages whose address is itself a secret (a private link): never carried in another URL. */
const SECRET_PATH = /^\/(consult\/manage|unsubscribe|set-password)\//;

/**
 * The problem page's address. `back` is where "try again" leads: a path on this site only, and never a
 * private link's path (the token would travel in the query string).
 */
export function problemPath(args: { requestId: string; reason: ProblemReason; back?: string | null }): string {
  const query = new URLSearchParams({ ref: args.requestId, why: args.reason });
  const back = safeBackPath(args.back);
  if (back) query.set('back', back);
  return `${PROBLEM_PAGE}?${query}`;
}

/** A path on this site to offer as "go back", or null: no other sites, no private links, no problem-page loops. */
export function safeBackPath(back: string | null | undefined): string | null {
  if (!back || !back.startsWith('/') || back.startsWith('//') || back.includes('\\')) return null;
  let url: URL;
  try {
    url = new URL(back, 'http://site.invalid');
  } catch {
    return null;
  }
  if (url.host !== 'site.invalid' || SECRET_PATH.test(url.pathname) || url.pathname === PROBLEM_PAGE || url.pathname.startsWith(`${PROBLEM_PAGE}/`)) return null;
  return `${url.pathname}${url.search}`.slice(0, 300);
}

/** What the problem page may show of its query: a well-formed request id, a known reason, a safe back path. */
export function readProblemQuery(query: { ref?: unknown; why?: unknown; back?: unknown }): {
  requestId: string | null;
  reason: ProblemReason;
  back: string | null;
} {
  return {
    requestId: isRequestId(query.ref) ? query.ref : null,
    reason: REASONS.find((r) => r === query.why) ?? 'failed',
    back: typeof query.back === 'string' ? safeBackPath(query.back) : null,
  };
}
