// The deep health answer's bearer token check (pure): constant-time, and false whenever no token is set,
// so an unconfigured deployment never answers the deep check to anyone.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** True when `authorization` is exactly `Bearer <expected>`. Both sides are hashed first: equal lengths, no early exit. */
export function bearerTokenMatches(expected: string | undefined, authorization: string | null): boolean {
  if (!expected) return false;
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '');
  const given = match?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(expected)) && match !== null;
}
