// The browser-side defences every response carries: the Content-Security-Policy (a fresh nonce for pages
// rendered per request, a static variant for the prerendered guide) and the fixed headers (HSTS, nosniff, …).
// Pure: the proxy passes the nonce and the environment in; next.config.js repeats `staticHeaders()` (a unit
// test holds the two equal). Why each directive is what it is: docs/security.md and decisions/0012.

/**
 * How a page's scripts are allowed: by this request's nonce, (prerendered pages only) inline as built, or not at
 * all (the guide, served as plain HTML with no client runtime).
 */
export type ScriptPolicy = { nonce: string } | 'static' | 'none';

type Options = { dev?: boolean };

/** A nonce: 128 random bits, base64 (what CSP's nonce-source accepts). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

const join = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');

/**
 * A page's policy. `script-src` is the one that differs:
 * - nonce: only scripts carrying this request's nonce, and what they load ('strict-dynamic'; 'self' is then
 *   only a fallback for browsers without CSP level 3). Next.js puts the nonce on its own tags when it reads
 *   the policy from the request's `content-security-policy` header.
 * - static: the guide's prerendered pages cannot carry a per-request nonce; Next.js's inline bootstrap scripts
 *   are allowed inline there ('unsafe-inline'). Those pages take no input and show nothing a visitor typed.
 * - none: the guide's pages have no script at all (their JSON-LD blocks are data, which CSP does not govern).
 *   next.config.js sends this one for /guide (the proxy does not run there: nothing in those pages is per
 *   request).
 * Styles may be inline everywhere: React writes style attributes (the stylesheet itself is a linked file); a style
 * cannot run code, and a nonce on style-src would switch 'unsafe-inline' off.
 * A policy is cached with its page: nonce pages answer `no-store` (rendered per request), static ones carry the
 * same policy for every visitor, so a shared cache (ops/nginx/clinic.conf) never hands out another's nonce.
 */
export function pagePolicy(scripts: ScriptPolicy, { dev = false }: Options = {}): string {
  // In development every page, the guide included, runs Next.js's scripts (hot reload): the static variant.
  const kind = scripts === 'none' && dev ? 'static' : scripts;
  const scriptSrc =
    kind === 'none' ? ["'none'"] : kind === 'static' ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${kind.nonce}'`, "'strict-dynamic'"];
  // React's development build uses eval for its error overlays; production never does.
  if (dev) scriptSrc.push("'unsafe-eval'");
  return join({
    'default-src': ["'self'"],
    'script-src': scriptSrc,
    'style-src': ["'self'", "'unsafe-inline'"],
    // data: for QR codes drawn as data URLs (the account page's authenticator enrolment).
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    // The outbox's email preview is a sandboxed srcdoc iframe: about:srcdoc is not fetched, so 'self' covers it.
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  });
}

/**
 * Everything that is not a page (API routes, downloads, files): nothing in it may load or run anything.
 * Auth.js's own routes answer with JSON or redirects; form-action stays 'self' in case one shows a form.
 */
export function resourcePolicy(): string {
  return join({
    'default-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
  });
}

/** Two years, subdomains included. Browsers ignore it over plain http, so it is sent in every environment. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** The headers every response carries, whatever answered it (next.config.js sets them for every path). */
export function staticHeaders(): { key: string; value: string }[] {
  return [
    { key: 'Strict-Transport-Security', value: HSTS },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  ];
}

/**
 * Pages rendered per request, which get a nonce. Everything else the proxy sees is a prerendered page
 * (home, the privacy notice; also the 404 page), which gets the static policy. The guide never reaches the proxy
 * (its matcher skips /guide) and carries the scriptless policy from next.config.js. A page added under a
 * new prefix and rendered per request works either way; one wrongly given a nonce would lose its scripts,
 * so this list names only routes the build marks as dynamic (ƒ).
 */
const NONCE_PAGES = /^\/(consult|dashboard|sign-in|set-password|forgot-password|problem|unsubscribe)(\/|$)/;

export function usesNonce(pathname: string): boolean {
  return NONCE_PAGES.test(pathname);
}
