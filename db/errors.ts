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

/**
 * A database failure with its values left behind: the message names where it happened and keeps the SQLSTATE
 * (`code`), never the query's parameters that Drizzle's own message carries (names, answers, notes).
 */
export class QueryFailed extends Error {
  readonly code: string | undefined;
  constructor(where: string, cause: unknown) {
    const code = pgErrorCode(cause);
    super(`${where} failed (${code ?? (cause instanceof Error ? cause.name : typeof cause)})`);
    this.name = 'QueryFailed';
    this.code = code;
  }
}

/** A database error becomes a QueryFailed (values dropped); anything else (a domain's own refusal) is kept as it is. */
export function withoutQueryValues(where: string, error: unknown): unknown {
  const isDatabase = pgErrorCode(error) !== undefined || (error instanceof Error && (error.name === 'DrizzleQueryError' || error.message.startsWith('Failed query')));
  return isDatabase ? new QueryFailed(where, error) : error;
}
