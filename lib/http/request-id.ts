// The request id: one per request, made by the proxy (or taken from a trusted load balancer's header when
// it has the right shape), sent back as X-Request-Id, written beside every logged failure and shown on the
// error pages so a patient or member of staff can quote it. Pure: no I/O.

export const REQUEST_ID_HEADER = 'x-request-id';

const SHAPE = /^[A-Za-z0-9._-]{8,64}$/;

/** The id to use for a request: the one it came with when well-formed (a proxy's), else a new one. */
export function requestIdFor(incoming: string | null | undefined, make: () => string = () => crypto.randomUUID()): string {
  return incoming && SHAPE.test(incoming) ? incoming : make();
}

/** Whether a value may be shown on a page as a request id (anything else is dropped, never echoed). */
export const isRequestId = (value: unknown): value is string => typeof value === 'string' && SHAPE.test(value);
