// Postgres error codes behind wrapped errors: Drizzle puts the driver's error in `cause`, and a transaction
// or a service may wrap that again, so the chain is followed a few steps down.
export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_UNIQUE_VIOLATION = '23505';

const SQLSTATE = /^[0-9A-Z]{5}$/;

export function pgErrorCode(error: unknown): string | undefined {
  return errorCodes(error).find((code) => SQLSTATE.test(code));
}

/** Every string `code` along the error's cause chain, outermost first (SQLSTATEs, driver and system codes). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current = error as { code?: unknown; connection?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    if (typeof current.code === 'string') codes.push(current.code);
    if (typeof current.connection === 'string') codes.push(current.connection);
    current = current.cause as typeof current;
  }
  return codes;
}

/**
 * SQLSTATEs that mean the connection, not the work, failed: the server shut down or crashed under the
 * session (57P01 admin_shutdown, 57P02 crash_shutdown), is starting or stopping (57P03 cannot_connect_now),
 * or the whole class 08 (connection exception).
 */
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
/** postgres.js's own codes for a connection lost or never made, and the system's for a server not there. */
const TRANSIENT_DRIVER_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * True when a database error is about reaching the server (it restarted, it is starting, the connection
 * dropped) rather than about the query: the same work may succeed a moment later. Only work that is safe to
 * repeat may be retried on it (a lost connection can hide a commit). Pure.
 */
export function isTransientDbError(error: unknown): boolean {
  return errorCodes(error).some(
    (code) => TRANSIENT_SQLSTATES.has(code) || (code.startsWith('08') && SQLSTATE.test(code)) || TRANSIENT_DRIVER_CODES.has(code),
  );
}

/** 25006 read_only_sql_transaction: the database refuses writes (a read-only replica, a full disk's safety switch). */
export const PG_READ_ONLY_TRANSACTION = '25006';

/**
 * The database cannot do the work now, though nothing is wrong with the request: it is unreachable, or it
 * refuses writes (read-only), or it is out of room (53100 disk_full, 53200 out_of_memory, 53300
 * too_many_connections). Pages say "try again later, your answers are kept" rather than "something broke". Pure.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isTransientDbError(error)) return true;
  const code = pgErrorCode(error);
  return code === PG_READ_ONLY_TRANSACTION || code === '53100' || code === '53200' || code === '53300';
}

/**
 * A database failure with its values left behind: the message names where it happened and keeps the SQLSTATE
 * (`code`), never the query's parameters that Drizzle's own message carries (names, answers, notes).
 */
export class QueryFailed extends Error {
  readonly code: string | undefined;
  /** The driver's or system's code when the connection failed (CONNECTION_CLOSED, ECONNREFUSED): kept for isTransientDbError. */
  readonly connection: string | undefined;
  constructor(where: string, cause: unknown) {
    const code = pgErrorCode(cause);
    const connection = code ? undefined : errorCodes(cause).find((c) => TRANSIENT_DRIVER_CODES.has(c));
    super(`${where} failed (${code ?? connection ?? (cause instanceof Error ? cause.name : typeof cause)})`);
    this.name = 'QueryFailed';
    this.code = code;
    this.connection = connection;
  }
}

/** A database error becomes a QueryFailed (values dropped); anything else (a domain's own refusal) is kept as it is. */
export function withoutQueryValues(where: string, error: unknown): unknown {
  const isDatabase = pgErrorCode(error) !== undefined || (error instanceof Error && (error.name === 'DrizzleQueryError' || error.message.startsWith('Failed query')));
  return isDatabase ? new QueryFailed(where, error) : error;
}
