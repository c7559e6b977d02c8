// How a failure is named in the log: its kind, never its message. Database errors carry the query's values
// in their message (Drizzle puts them there), and values are patients' words. Pure: no I/O.
import { errorCodes, isTransientDbError, pgErrorCode } from '@/db/errors';

/** The database's error code (or the driver's, for a lost connection), or the error's class name. */
export function failureKind(error: unknown): string {
  const code = pgErrorCode(error);
  if (code) return `database ${code}`;
  const system = (error as { code?: unknown } | null)?.code;
  if (typeof system === 'string' && /^E[A-Z_]{2,30}$/.test(system)) return `system ${system}`;
  if (isTransientDbError(error)) return `database connection ${errorCodes(error).find((c) => /^[A-Z_]{4,40}$/.test(c)) ?? 'lost'}`;
  return error instanceof Error ? error.name : typeof error;
}
