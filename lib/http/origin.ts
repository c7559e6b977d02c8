// Which form posts come from the clinic's own pages. Next.js refuses a server action whose Origin names
// another host than the one it was sent to (x-forwarded-host, else host), and with JavaScript off that
// refusal is a bare "Internal Server Error". The proxy asks this rule first and shows the product's own
// page instead. It is Next.js's check and a little stricter: same host, or no Origin at all (a request made by
// hand, which carries no one's cookies but its sender's) unless the browser's fetch metadata says another site
// sent it. Route handlers that take a POST ask it too (the proxy does not see /api). Pure: no I/O.

type HeaderReader = (name: string) => string | null;

/** The host a browser addressed, as Next.js reads it: the first x-forwarded-host, else host. */
export function addressedHost(header: HeaderReader): string | null {
  const forwarded = header('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || header('host');
}

/**
 * True when a POST's Origin is missing or names the host it was sent to; false for `null`, other sites, and
 * anything a browser marks as sent from another site (`Sec-Fetch-Site: cross-site` or `same-site`), with or
 * without an Origin.
 */
export function isSameOriginPost(header: HeaderReader): boolean {
  const site = header('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return false;
  const origin = header('origin');
  if (origin === null) return true;
  if (origin === 'null') return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return originHost === addressedHost(header);
}

/** A form post to a page (a server action sent without JavaScript), as opposed to one sent by the client router. */
export function isPlainFormPost(method: string, header: HeaderReader): boolean {
  if (method !== 'POST' || header('next-action') !== null) return false;
  const type = header('content-type') ?? '';
  return type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded');
}

/**
 * Whether a browser says this request was made by one of our own pages, or typed in by the person
 * (`Sec-Fetch-Site: same-origin` or `none`). Downloads of health data ask this: a link or image on another
 * site that makes a signed-in admin's browser fetch an export is refused, and so is a request with no
 * fetch metadata at all (every browser the dashboard supports sends it).
 */
export function isFromThisSite(header: HeaderReader): boolean {
  const site = header('sec-fetch-site');
  return site === 'same-origin' || site === 'none';
}

/** The answer to a download of health data asked for by another site. */
export const EXPORT_REFUSED = () =>
  Response.json({ error: 'Open the download from the dashboard' }, { status: 403, headers: { 'Cache-Control': 'no-store' } });

/** The answer to a POST from another site that reached a route handler or a server action sent by script. */
export const CROSS_SITE_REFUSED = () =>
  Response.json({ error: 'cross_site_request' }, { status: 403, headers: { 'Cache-Control': 'no-store' } });

/**
 * The most a server action accepts (Next.js's `serverActions.bodySizeLimit`, 1 MB by default). A bigger post
 * makes Next.js throw before the action runs, a bare 500 that failSafe never sees; the proxy answers it first.
 */
export const ACTION_BODY_LIMIT = 1024 * 1024;

/** A POST whose declared body is bigger than any server action accepts. */
export function isOversizedPost(method: string, header: HeaderReader): boolean {
  if (method !== 'POST') return false;
  const length = Number(header('content-length') ?? '0');
  return Number.isFinite(length) && length > ACTION_BODY_LIMIT;
}

/** The answer to an oversized post sent by script. */
export const TOO_LARGE = () => Response.json({ error: 'too_large' }, { status: 413, headers: { 'Cache-Control': 'no-store' } });
