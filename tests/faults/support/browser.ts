// One simulated person's browser with JavaScript off: a cookie jar, GETs of pages, form posts sent as
// multipart/form-data with the page as Referer and this site as Origin (same-origin, as a browser sends them),
// redirects followed (303 → GET). Each person comes from their own address (X-Forwarded-For), so per-address
// limits see many people, not one. No retries: a connection refused or cut is the outcome, as a browser shows it.
import { fillForm, type Answers, type HtmlForm } from './html-form';

export type Page = {
  /** The final status after redirects. */
  status: number;
  /** The final address (path and query). */
  path: string;
  html: string;
  /** Statuses along the way, e.g. [303, 200]. */
  statuses: number[];
};

type Cookie = { name: string; value: string; path: string };

const REQUEST_TIMEOUT_MS = 60_000;

export class Browser {
  private cookies: Cookie[] = [];
  /** The address last asked for (the one that failed, when a request throws): what a reload asks for again. */
  lastPath = '/';

  constructor(
    readonly base: string,
    readonly ip: string,
  ) {}

  /** GET a page, following redirects. */
  async get(path: string, referer?: string): Promise<Page> {
    return this.request('GET', path, undefined, referer);
  }

  /** Fills in a form from `page` and submits it; the form's action is relative to the page. */
  async submit(page: Page, form: HtmlForm, answers: Answers): Promise<Page> {
    const body = new FormData();
    for (const [name, value] of fillForm(form, answers)) body.append(name, value);
    const target = new URL(form.action || page.path, `${this.base}${page.path}`);
    return this.request(form.method === 'POST' ? 'POST' : 'GET', `${target.pathname}${target.search}`, form.method === 'POST' ? body : undefined, page.path);
  }

  /** The cookies this browser would send to `path`: for checks of what the person's browser holds. */
  cookieNames(path = '/'): string[] {
    return this.cookies.filter((c) => path.startsWith(c.path)).map((c) => c.name);
  }

  private cookieHeader(path: string): string | undefined {
    const sent = this.cookies.filter((c) => path.startsWith(c.path));
    return sent.length ? sent.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  private remember(setCookies: string[], requestPath: string): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      let path = requestPath.replace(/\/[^/]*$/, '') || '/';
      let expired = value === '';
      for (const attr of attrs) {
        const [k, v = ''] = attr.split('=').map((s) => s.trim());
        if (k!.toLowerCase() === 'path') path = v;
        if (k!.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
        if (k!.toLowerCase() === 'expires' && new Date(v).getTime() <= Date.now()) expired = true;
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (!expired) this.cookies.push({ name, value, path });
    }
  }

  private async request(method: 'GET' | 'POST', path: string, body: FormData | undefined, referer?: string): Promise<Page> {
    const statuses: number[] = [];
    let current = path;
    let currentMethod = method;
    let currentBody = body;
    for (let hop = 0; hop < 10; hop++) {
      const headers: Record<string, string> = {
        'x-forwarded-for': this.ip,
        accept: 'text/html,application/xhtml+xml',
        'user-agent': 'clinic-faults-patient/1 (no JavaScript)',
        'sec-fetch-site': referer ? 'same-origin' : 'none',
      };
      this.lastPath = current;
      const cookie = this.cookieHeader(current.split('?')[0]!);
      if (cookie) headers.cookie = cookie;
      if (referer) headers.referer = `${this.base}${referer}`;
      if (currentMethod === 'POST') headers.origin = this.base;
      const response = await fetch(`${this.base}${current}`, {
        method: currentMethod,
        headers,
        body: currentBody,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      this.remember(response.headers.getSetCookie(), current.split('?')[0]!);
      statuses.push(response.status);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        const next = new URL(location, `${this.base}${current}`);
        if (next.origin !== new URL(this.base).origin) throw new Error(`redirected off site to ${next.origin}`);
        current = `${next.pathname}${next.search}`;
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === 'POST')) {
          currentMethod = 'GET';
          currentBody = undefined;
        }
        continue;
      }
      return { status: response.status, path: current, html: await response.text(), statuses };
    }
    throw new Error(`more than 10 redirects from ${path}`);
  }
}
