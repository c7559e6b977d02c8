// The consultation form's load tool: simulated patients fill in the whole form as a browser without JavaScript
// does (every page fetched, its form read from the HTML with the server action's hidden fields, filled in and
// posted as multipart, the 303 followed, cookies kept per patient), many at once, for a fixed time. Each request
// is timed on its own (the page's GET, the step's POST up to its redirect), so a step's render and its action are
// told apart. A patient whose chosen time was taken meanwhile is shown the time step again and chooses another,
// as a person would: counted, not an error. Anything else that is not the next step is an error.
import { fillForm, formWithButton, pageText, type Answers } from '../../tests/faults/support/html-form';

/** The form's steps in order; `start` is the start page's button, `check` the final post ("Accept and send"). */
export const STEP_NAMES = ['start', 'details', 'warning-signs', 'pain', 'time', 'check', 'confirmation'] as const;
export type StepName = (typeof STEP_NAMES)[number];

const STEP_OF_PATH: Record<string, StepName> = {
  '/consult': 'start',
  '/consult/details': 'details',
  '/consult/warning-signs': 'warning-signs',
  '/consult/pain': 'pain',
  '/consult/time': 'time',
  '/consult/check': 'check',
  '/consult/confirmation': 'confirmation',
};

export type Timing = { step: StepName; kind: 'page' | 'post'; ms: number };

export type PatientRun =
  | { ok: true; reference: string; timings: Timing[]; slotRetries: number; booked: boolean }
  | { ok: false; error: string; timings: Timing[] };

export type FormClientOptions = {
  /** http://host:port of the server the patients talk to (next start, or nginx in front of it). */
  base: string;
  /** Distinguishes this run's patients (their email addresses): rows are counted by it afterwards. */
  run: string;
  /**
   * Entries a load balancer in front would have written to X-Forwarded-For, given the patient's address: the
   * app trusts TRUSTED_PROXY_HOPS entries from the right.
   */
  forwardedFor: (ip: string) => string;
  /** One patient in this many books a time; the others ask to be called (the times run out otherwise). */
  bookOneIn: number;
};

type Response_ = { status: number; location: string | null; html: string };

/** One patient's browser: cookies by name (with their path), the page's address as Referer, its own address. */
class Patient {
  private cookies = new Map<string, { value: string; path: string }>();
  readonly timings: Timing[] = [];

  constructor(
    private readonly options: FormClientOptions,
    private readonly ip: string,
  ) {}

  private remember(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const path = attrs.map((a) => /^\s*path=(.*)$/i.exec(a)?.[1]?.trim()).find(Boolean) ?? '/';
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
  }

  private async send(method: 'GET' | 'POST', path: string, referer: string | null, body?: FormData): Promise<Response_> {
    const headers: Record<string, string> = {
      accept: 'text/html',
      'user-agent': 'clinic-bench-form/1 (no JavaScript)',
      'x-forwarded-for': this.options.forwardedFor(this.ip),
      'sec-fetch-site': referer ? 'same-origin' : 'none',
    };
    const bare = path.split('?')[0]!;
    const cookie = [...this.cookies].filter(([, c]) => bare.startsWith(c.path)).map(([n, c]) => `${n}=${c.value}`);
    if (cookie.length) headers.cookie = cookie.join('; ');
    if (referer) headers.referer = `${this.options.base}${referer}`;
    if (method === 'POST') headers.origin = this.options.base;
    const response = await fetch(`${this.options.base}${path}`, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    this.remember(response.headers.getSetCookie());
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }

  /** A timed request: the step it belongs to and whether it is the page or the post. */
  async timed(step: StepName, kind: Timing['kind'], run: () => Promise<Response_>): Promise<Response_> {
    const started = performance.now();
    const response = await run();
    this.timings.push({ step, kind, ms: performance.now() - started });
    return response;
  }

  get = (step: StepName, path: string, referer: string | null) => this.timed(step, 'page', () => this.send('GET', path, referer));
  post = (step: StepName, path: string, body: FormData) => this.timed(step, 'post', () => this.send('POST', path, path, body));
}

function answersFor(step: StepName, id: string, book: boolean, email: string): Answers {
  switch (step) {
    case 'details':
      return {
        text: { firstName: 'Bench', lastName: `Patient ${id}`, email, phone: `(323) 555-0${String(100 + (Number.parseInt(id, 36) % 900)).padStart(3, '0')}` },
        pick: { preferredContact: 'email', bestTimeToCall: 'any', timeZone: 'America/Los_Angeles' },
      };
    case 'warning-signs':
      // "No" to every warning sign: an urgent answer is sent to the urgent page first.
      return { pick: new Proxy({}, { get: () => 'no', has: () => true }) as Record<string, string> };
    case 'pain':
      return { text: { message: 'Benchmark: a second opinion.' }, tick: { treatmentsTried: 'first' } };
    case 'time':
      return { pick: { slot: (values: string[]) => (book ? pickTime(values) : 'call') } };
    case 'check':
      return { tick: { contactConsent: 'first', privacyAcknowledged: 'first' } };
    default:
      return {};
  }
}

/** A random time among the first ones shown (patients collide on some, and are asked to choose again). */
function pickTime(values: string[]): string {
  const times = values.filter((v) => v !== 'call');
  return times.length ? times[Math.floor(Math.random() * Math.min(times.length, 30))]! : 'call';
}

const REFERENCE = /\b(CR-[A-Z0-9]{6})\b/;

/** One patient, from the start page to the confirmation. Never throws: an error is the outcome. */
export async function runPatient(options: FormClientOptions, n: number): Promise<PatientRun> {
  const id = `${options.run}-${n.toString(36)}`;
  const email = `bench.${id}@example.com`;
  const book = n % options.bookOneIn === 0;
  const patient = new Patient(options, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
  let slotRetries = 0;
  try {
    let path = '/consult?from=bench';
    let page = await patient.get('start', path, null);
    for (let pages = 0; pages < 12; pages++) {
      const step = STEP_OF_PATH[path.split('?')[0]!];
      if (page.status !== 200 || !step) return { ok: false, error: `${path}: status ${page.status}`, timings: patient.timings };
      if (step === 'confirmation') {
        const reference = REFERENCE.exec(pageText(page.html))?.[1];
        if (!reference) return { ok: false, error: 'confirmation without a reference', timings: patient.timings };
        return { ok: true, reference, timings: patient.timings, slotRetries, booked: book };
      }
      if (step === 'time' && /no longer free/.test(page.html)) slotRetries++;
      else if (/There is a problem|could not save/.test(page.html)) return { ok: false, error: `${step}: the step came back with errors`, timings: patient.timings };
      const form = formWithButton(page.html, step === 'start' ? 'Start now' : step === 'check' ? 'Accept and send' : 'Continue');
      if (!form) return { ok: false, error: `${step}: no form to post`, timings: patient.timings };
      const body = new FormData();
      for (const [name, value] of fillForm(form, answersFor(step, id, book, email))) body.append(name, value);
      const posted = await patient.post(step, path, body);
      if (posted.status !== 303 || !posted.location) return { ok: false, error: `${step}: post answered ${posted.status}`, timings: patient.timings };
      const next = new URL(posted.location, options.base);
      const nextPath = `${next.pathname}${next.search}`;
      const nextStep = STEP_OF_PATH[next.pathname];
      if (!nextStep) return { ok: false, error: `${step}: sent to ${next.pathname}`, timings: patient.timings };
      page = await patient.get(nextStep, nextPath, path);
      path = nextPath;
    }
    return { ok: false, error: 'more than 12 pages', timings: patient.timings };
  } catch (error) {
    return { ok: false, error: (error as Error).message.slice(0, 200), timings: patient.timings };
  }
}

export type Percentiles = { n: number; p50: number; p95: number; p99: number };

export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN).toFixed(1));
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}

export type FormLoadResult = {
  seconds: number;
  concurrency: number;
  completed: number;
  completedPerSecond: number;
  errors: number;
  errorSamples: string[];
  slotRetries: number;
  booked: number;
  references: string[];
  /** Per step: the page's GET and the step's POST (to its redirect). `check` post is the final post. */
  steps: Record<string, { page?: Percentiles; post?: Percentiles }>;
};

/**
 * `concurrency` patients at once, each starting the next as soon as one finishes, for `seconds` (patients under
 * way at the end finish and count). `onTick` is called about every second (RSS sampling).
 */
export async function formLoad(options: FormClientOptions & { concurrency: number; seconds: number; firstPatient?: number }): Promise<FormLoadResult> {
  let next = options.firstPatient ?? 1;
  const runs: PatientRun[] = [];
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const lane = async () => {
    while (performance.now() < until) runs.push(await runPatient(options, next++));
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const elapsed = (performance.now() - started) / 1000;
  const done = runs.filter((r): r is Extract<PatientRun, { ok: true }> => r.ok);
  const failed = runs.filter((r): r is Extract<PatientRun, { ok: false }> => !r.ok);
  const steps: FormLoadResult['steps'] = {};
  for (const step of STEP_NAMES) {
    for (const kind of ['page', 'post'] as const) {
      const ms = runs.flatMap((r) => r.timings.filter((t) => t.step === step && t.kind === kind).map((t) => t.ms));
      if (ms.length) (steps[step] ??= {})[kind] = percentiles(ms);
    }
  }
  return {
    seconds: Number(elapsed.toFixed(1)),
    concurrency: options.concurrency,
    completed: done.length,
    completedPerSecond: Number((done.length / elapsed).toFixed(1)),
    errors: failed.length,
    errorSamples: [...new Set(failed.map((f) => f.error))].slice(0, 5),
    slotRetries: done.reduce((a, r) => a + r.slotRetries, 0),
    booked: done.filter((r) => r.booked).length,
    references: done.map((r) => r.reference),
    steps,
  };
}
