// Which form posts come from the clinic's own pages. Next.js refuses a server action whose Origin names
// another host than the one it was sent to (x-forwarded-host, else host), and with JavaScript off that
// refusal is a bare "Internal Server Error". The proxy asks this rule first and shows the product's own
// page instead. It is Next.js's check and a little stricter: same host, or no Origin at all (a request made by
// hand, which carries no one's cookies but its sender's) unless the browser's fetch metadata says another site
// sent it. Route handlers that take a POST ask it too (the proxy does not see /api). Pure: no I/O.
import { telHref } from '@/lib/phone-format';

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

/**
 * Whether a body sent without a Content-Length (chunked) is bigger than `limit`: reads it only until it is.
 * The proxy sees a copy of the body (Next.js buffers one for it, up to experimental.proxyClientMaxBodySize), so
 * reading here leaves the action's own body untouched.
 */
export async function isBodyLongerThan(body: ReadableStream<Uint8Array> | null, limit: number): Promise<boolean> {
  if (!body) return false;
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      total += value.byteLength;
      if (total > limit) return true;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The answer to an oversized post sent by script. */
export const TOO_LARGE = () => Response.json({ error: 'too_large' }, { status: 413, headers: { 'Cache-Control': 'no-store' } });

/** The consultation form's step pages: where a person whose post was too big is sent back to. */
const CONSULT_STEP = /^\/consult\/(details|warning-signs|pain|time|check)$/;

/**
 * Where "go back" leads after a post too big to take: the step the person was on (the Referer's path, when it is
 * one of this site's consultation steps, with its "change from the check page" mark), else the form's start.
 */
export function tooLargeBackPath(header: HeaderReader): string {
  const referer = header('referer');
  if (!referer) return '/consult';
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return '/consult';
  }
  if (url.host !== addressedHost(header) || !CONSULT_STEP.test(url.pathname)) return '/consult';
  return url.searchParams.get('returnTo') === 'check' ? `${url.pathname}?returnTo=check` : url.pathname;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page a person sees when a form post was too big to take (a message pasted many times over, without
 * JavaScript to stop it): HTTP 413, in plain words, their earlier answers kept, and a link back to their step.
 * Self-contained HTML (the proxy answers before any page renders); styles inline, which the policy allows.
 */
export function tooLargePage(back: string, requestId: string, clinic: { name: string; phone: string } | null): Response {
  const header = clinic ? `<header><strong>${escapeHtml(clinic.name)}</strong></header>` : '';
  const call = clinic
    ? `If this keeps happening, call us on <a href="${escapeHtml(telHref(clinic.phone))}">${escapeHtml(clinic.phone)}</a> and quote reference ${escapeHtml(requestId)}.`
    : `If this keeps happening, call us and quote reference ${escapeHtml(requestId)}.`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Your answer was too long to send</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#0b0c0c;background:#f7f7f5;font-size:1.125rem;line-height:1.5}
header{background:#1d3f72;color:#fff;padding:1rem;font-size:1.25rem}
main{max-width:42rem;margin:0 auto;padding:2rem 1rem 4rem}
h1{font-size:2.25rem;line-height:1.15;margin:0 0 1.5rem}
a{color:#1d5f8a;font-weight:600}
a:focus{outline:3px solid #ffbf47;background:#ffbf47;color:#0b0c0c}
.button{display:inline-block;background:#1d6b3a;color:#fff;text-decoration:none;padding:.75rem 1.5rem;border-radius:4px;box-shadow:0 3px 0 #0f3d20}
.muted{color:#505a5f;font-size:1rem}
</style></head>
<body>${header}<main>
<h1>Your answer was too long to send</h1>
<p>What you typed on this page was far longer than the form accepts, so it could not be sent. Nothing on this page was saved.</p>
<p>The answers you gave on earlier pages are kept.</p>
<p>Go back to the page, shorten your answer (the longest answer we take is 2,000 characters), and press the button again.</p>
<p><a class="button" href="${escapeHtml(back)}">Go back to your answers</a></p>
<p class="muted">${call}</p>
</main></body></html>`;
  return new Response(html, { status: 413, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
