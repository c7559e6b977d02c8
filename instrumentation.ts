// Runs once when a Next.js server starts (dev and production), never during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServerOrExit } = await import('./lib/startup');
  await startServerOrExit();
}
