// Runs once when a Next.js server starts (dev and production), never during `next build`.
import type { Instrumentation } from 'next';

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServerOrExit } = await import('./lib/startup');
  await startServerOrExit();
}

/**
 * One line per failed request that ties the reference an error page shows (the digest) to the request id
 * (X-Request-Id), so a reference a patient quotes leads to the request. The error's kind only, never its values.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { failureKind } = await import('./lib/http/failure');
  const digest = (error as { digest?: string }).digest ?? 'none';
  const header = request.headers['x-request-id'];
  const requestId = Array.isArray(header) ? header[0] : header;
  console.error(`[request] ${context.routerKind} ${context.routeType} ${context.routePath} failed (${failureKind(error)}); reference ${digest}; request ${requestId ?? 'none'}`);
};
