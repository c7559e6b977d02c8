// Postgres error codes behind wrapped errors: Drizzle puts the driver's error in `cause`, and a transaction
// or a service may wrap that again, so the chain is followed a few steps down.
export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_UNIQUE_VIOLATION = '23505';

const SQLSTATE = /^[0-9A-Z]{5}$/;

export function pgErrorCode(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && SQLSTATE.test(current.code)) return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}
