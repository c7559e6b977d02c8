// The request id: one per request, made by the proxy (or taken from a trusted load balancer's header when
// it has the right shape), sent back as X-Request-Id, written beside every logged failure and shown on the
// error pages so a patient or member of staff can quote it. Pure: no I/O.

export const REQUEST_ID_HEADER = 'x-request-id';

const SHAPE = /^[A-Za-z0-9._-]{8,64}$/;

// Letters and digits that cannot be mistaken for each other when read out on the phone (no I, L, O, U).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new id: 12 characters in three groups ("Q4T7-XK2M-9RBD"), 60 random bits, easy to read out. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** The id to use for a request: the one it came with when well-formed (a proxy's), else a new one. */
export function requestIdFor(incoming: string | null | undefined, make: () => string = newRequestId): string {
  return incoming && SHAPE.test(incoming) ? incoming : make();
}

/** Whether a value may be shown on a page as a request id (anything else is dropped, never echoed). */
export const isRequestId = (value: unknown): value is string => typeof value === 'string' && SHAPE.test(value);
