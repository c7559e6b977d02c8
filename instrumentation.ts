// Runs once when a Next.js server starts (dev and production), never during `next build`.
import type { Instrumentation } from 'next';

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  if (process.env.NODE_ENV === 'production') {
    const [{ failureKind }, { routeConsoleThroughLogger }] = await Promise.all([import('./lib/http/failure'), import('./lib/log')]);
    routeConsoleThroughLogger(failureKind);
  }
  const { startServerOrExit } = await import('./lib/startup');
  await startServerOrExit();
}

/**
 * One line per failed request that ties the reference an error page shows (the digest) to the request id
 * (X-Request-Id), so a reference a patient quotes leads to the request. The error's kind only, never its values.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ failureKind }, { componentLogger }] = await Promise.all([import('./lib/http/failure'), import('./lib/log')]);
  const digest = (error as { digest?: string }).digest ?? 'none';
  const header = request.headers['x-request-id'];
  const requestId = Array.isArray(header) ? header[0] : header;
  componentLogger('request', { requestId: requestId ?? 'none' }).error(
    { router: context.routerKind, routeType: context.routeType, route: context.routePath, kind: failureKind(error), reference: digest },
    'request failed',
  );
};
