// Where a consultation request came from, captured without a cookie: public pages are cached and set none
// (docs/performance.md). The form's start page (/consult) is rendered per request, so it reads what that request
// says and passes it on in the start form's hidden fields:
// - `from`: the page whose call to action was followed (guide links carry `?from=<slug>`);
// - the landing page: the page of this site the person was on before the form (its address, campaign
//   parameters kept, anything else in its query dropped), or the form itself when they came straight to it;
// - the referrer: the outside site that linked straight to the form (origin and path only);
// - UTM parameters: the form's own address, else those of the page before it (a campaign link's landing page).
// "Start now" reads them back through attributionFrom(), checked again: they come back from the browser.
// Pure: the request's query, Referer and Host are arguments.
import type { Attribution } from './draft';

const UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
export const START_FIELDS = ['from', 'landing', 'referrer', ...UTM] as const;
export type StartField = (typeof START_FIELDS)[number];

/** Campaign values and the page's slug: short free text. */
const TEXT_MAX = 200;
/** An address kept for attribution (schema.ts allows 500). */
const ADDRESS_MAX = 300;
/** The form's own pages: coming from one of them says nothing about where the visit started. */
const FORM_PAGE = /^\/consult(\/|$)/;

type Query = Record<string, string | string[] | undefined>;

const clean = (value: unknown, max = TEXT_MAX): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, max);
};

function parseUrl(value: string | null | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The UTM parameters of a query, in their fixed order; none when it carries none. */
function utmOf(get: (name: string) => unknown): [string, string][] {
  return UTM.flatMap((key) => {
    const value = clean(get(key));
    return value === undefined ? [] : [[key, value] as [string, string]];
  });
}

const withQuery = (path: string, pairs: [string, string][]) =>
  (pairs.length ? `${path}?${new URLSearchParams(pairs)}` : path).slice(0, ADDRESS_MAX);

/**
 * The start form's hidden fields for a GET of /consult: its query (`searchParams`), the request's `Referer` and
 * `Host`. Only the fields that have a value.
 */
export function startFields(query: Query, referer: string | null | undefined, host: string | null | undefined): Partial<Record<StartField, string>> {
  const fields: Partial<Record<StartField, string>> = {};
  const from = clean(query.from);
  if (from) fields.from = from;
  const own = utmOf((key) => query[key]);
  const before = parseUrl(referer);
  const sameSite = before !== null && host != null && before.host === host.toLowerCase();
  let utm = own;
  if (sameSite && !FORM_PAGE.test(before.pathname)) {
    const theirs = utmOf((key) => before.searchParams.get(key));
    if (!own.length) utm = theirs;
    fields.landing = withQuery(before.pathname, theirs);
  } else {
    fields.landing = withQuery('/consult', own);
    if (before !== null && !sameSite) fields.referrer = `${before.origin}${before.pathname}`.slice(0, ADDRESS_MAX);
  }
  for (const [key, value] of utm) fields[key as StartField] = value;
  return fields;
}

/** What "Start now" keeps: the posted hidden fields, each checked again (anything else is dropped). */
export function attributionFrom(form: Pick<FormData, 'get'>): Attribution {
  const landing = clean(form.get('landing'), ADDRESS_MAX);
  const referrer = parseUrl(clean(form.get('referrer'), ADDRESS_MAX));
  const utm = (key: (typeof UTM)[number]) => clean(form.get(key));
  return {
    sourcePage: clean(form.get('from')),
    // A path on this site: never another site's address posing as one ("//elsewhere" is another site).
    landingPage: landing && landing.startsWith('/') && !landing.startsWith('//') ? landing : undefined,
    referrer: referrer ? `${referrer.origin}${referrer.pathname}`.slice(0, ADDRESS_MAX) : undefined,
    utmSource: utm('utm_source'),
    utmMedium: utm('utm_medium'),
    utmCampaign: utm('utm_campaign'),
    utmTerm: utm('utm_term'),
    utmContent: utm('utm_content'),
  };
}
