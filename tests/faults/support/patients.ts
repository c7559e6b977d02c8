// Simulated patients: each fills in the whole consultation form as a browser without JavaScript does
// (start, details, warning signs, pain, a real free time, check and send), N at a time. Each one's outcome is
// recorded: the confirmation with its reference, a clear "please try again" page (which one, where), or
// anything else (a bare error, a page that lost their answers: a failure of the test). A patient sent to a
// "try again" page may wait for the fault to pass and follow the page's own way back, which must lead to
// their answers, kept, and on to a confirmation.
import { Browser, type Page } from './browser';
import { decodeEntities, formWithButton, heading, pageText, parseForms, type Answers } from './html-form';

export type Outcome =
  /** The confirmation page showed a reference (after a "try again" page or a reload, or straight away). */
  | { kind: 'confirmed'; reference: string; afterTryAgain: boolean }
  /** A page that says what happened and to try again (status, where, which page). */
  | { kind: 'try-again'; status: number; step: string; page: string }
  /** The server did not answer at all (the process was down): the browser's own error. */
  | { kind: 'no-answer'; step: string; error: string }
  /** Anything else: a failure of the test. */
  | { kind: 'unexpected'; step: string; status: number; path: string; detail: string };

export type PatientResult = {
  id: number;
  email: string;
  outcome: Outcome;
  /** The first "try again" page this patient was shown, if any. */
  tryAgain?: Extract<Outcome, { kind: 'try-again' }>;
  /** The step at which the server did not answer and the patient reloaded the page, if that happened. */
  reloadedAt?: string;
};

export type PatientOptions = {
  base: string;
  /** Distinguishes this run's patients (their email addresses). */
  run: string;
  /**
   * After a "try again" page: resolves when the fault has passed (the patient then follows the page's way
   * back and carries on). Absent: the patient stops at the "try again" page.
   */
  faultOver?: () => Promise<void>;
  /** Called after each step's answer, with the step's name: a scenario counts progress to time its fault. */
  onStep?: (step: string) => void;
  /** Called when a patient is shown a "try again" page: a scenario can hold its fault until it has been seen. */
  onTryAgain?: () => void;
};

const STEP_HEADINGS: Record<string, string> = {
  '/consult/details': 'details',
  '/consult/warning-signs': 'warning-signs',
  '/consult/pain': 'pain',
  '/consult/time': 'time',
  '/consult/check': 'check',
};

/** What a step says, above the answers it shows again, when it could not save them (app/(site)/consult/actions.ts). */
const NOT_SAVED = /We could not save your answers just now\. They are still here/;

/**
 * The app's "please try again" pages: the problem page, a page that failed to render but says so, and a step
 * that could not save and shows the answers again with that message.
 */
export function tryAgainPage(page: Page): string | null {
  const text = pageText(page.html);
  if (page.status === 200 && NOT_SAVED.test(text)) return 'the step, answers shown again';
  if (page.status === 500 || !/try again/i.test(text)) return null;
  if (page.path.startsWith('/problem')) return 'problem page';
  if (/Sorry, there is a problem with the service/.test(text)) return `error page (${page.status})`;
  return null;
}

function answersFor(id: number, email: string): Record<string, Answers> {
  return {
    details: {
      text: { firstName: 'Pat', lastName: `Faults ${id}`, email, phone: `(323) 555-0${String(100 + (id % 900)).padStart(3, '0')}` },
      pick: { preferredContact: 'email', bestTimeToCall: 'any', timeZone: 'America/New_York' },
    },
    // "No" to every warning sign: an urgent request is sent elsewhere first.
    'warning-signs': { pick: new Proxy({}, { get: () => 'no', has: () => true }) as Record<string, string> },
    pain: { text: { message: 'Load test: a second opinion.' }, tick: { treatmentsTried: 'first' } },
    // A real time: a random free one shown (patients collide on some, and are asked to choose again).
    time: { pick: { slot: (values: string[]) => pickSlot(values) } },
    check: { tick: { contactConsent: 'first', privacyAcknowledged: 'first' } },
  };
}

function pickSlot(values: string[]): string {
  const times = values.filter((v) => v !== 'call');
  return times.length ? times[Math.floor(Math.random() * Math.min(times.length, 40))]! : 'call';
}

const REFERENCE = /\b([A-Z0-9]{3,}-[A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\b/;

/** The reference the confirmation page shows, or null. */
export function confirmationReference(page: Page): string | null {
  if (!page.path.startsWith('/consult/confirmation') || page.status !== 200) return null;
  const text = pageText(page.html);
  const m = /reference(?: number)?(?: is)?:?\s*([A-Z0-9-]{6,})/i.exec(text) ?? REFERENCE.exec(text);
  return m ? m[1]! : null;
}

type Step = { page: Page; step: string };

/** How many times a patient follows a "try again" page back before giving up. */
const MAX_TRIES = 3;

/** One patient, start to finish. Never throws: every end is an Outcome. */
export async function runPatient(id: number, options: PatientOptions): Promise<PatientResult> {
  const email = `pat.${options.run}.${id}@example.com`;
  const browser = new Browser(options.base, `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}`);
  const answers = answersFor(id, email);
  let firstTryAgain: Extract<Outcome, { kind: 'try-again' }> | undefined;
  let reloadedAt: string | undefined;
  let current: Step = { page: null as unknown as Page, step: 'start' };
  const attempt = async (step: string, work: () => Promise<Page>): Promise<Page | Outcome> => {
    try {
      const page = await work();
      options.onStep?.(step);
      return page;
    } catch (error) {
      return { kind: 'no-answer', step, error: (error as Error).message.slice(0, 200) };
    }
  };

  try {
    let result = await attempt('start', async () => {
      const start = await browser.get('/consult?from=faults');
      const form = formWithButton(start.html, 'Start now');
      if (!form) return start;
      return browser.submit(start, form, {});
    });
    let tries = 0;
    for (let guard = 0; guard < 20; guard++) {
      if (!('html' in result)) {
        // No answer (the app was down): like a person, reload the step once the app is back.
        if (reloadedAt || !options.faultOver) return { id, email, outcome: result, tryAgain: firstTryAgain, reloadedAt };
        reloadedAt = current.step;
        await options.faultOver();
        result = await attempt(`${current.step} (reloaded)`, () => browser.get(browser.lastPath));
        continue;
      }
      const page = result;
      current = { page, step: current.step };
      const reference = confirmationReference(page);
      if (reference) return { id, email, outcome: { kind: 'confirmed', reference, afterTryAgain: Boolean(firstTryAgain || reloadedAt) }, tryAgain: firstTryAgain, reloadedAt };
      const which = tryAgainPage(page);
      if (which) {
        const outcome = { kind: 'try-again' as const, status: page.status, step: current.step, page: which };
        options.onTryAgain?.();
        if (tries >= MAX_TRIES || !options.faultOver) return { id, email, outcome, tryAgain: firstTryAgain ?? outcome, reloadedAt };
        firstTryAgain ??= outcome;
        // As a person would: once the fault has passed, and a few seconds more each time it did not work.
        await options.faultOver();
        await new Promise((resolve) => setTimeout(resolve, tries * 3_000));
        tries++;
        // A step that kept the answers on the page: press its button again, sending only what the page shows
        // (so a lost answer comes back as an error). Otherwise the page's way back.
        const again = formWithButton(page.html, current.step === 'check' ? 'Accept and send' : 'Continue');
        result = await attempt(`${current.step} (again)`, () =>
          NOT_SAVED.test(pageText(page.html)) && again ? browser.submit(page, again, {}) : followBack(browser, page, current.step),
        );
        // The way back must lead to the answers, kept: not to the start of the form, nor an earlier step.
        if ('html' in result && !answersKept(result, current.step, email)) {
          return { id, email, outcome: unexpected(current.step, result, 'the way back lost the answers'), tryAgain: firstTryAgain, reloadedAt };
        }
        continue;
      }
      const path = page.path.split('?')[0]!;
      const start = path === '/consult' ? formWithButton(page.html, 'Start now') : undefined;
      if (start) {
        result = await attempt('start', () => browser.submit(page, start, {}));
        continue;
      }
      const step = STEP_HEADINGS[path];
      if (page.status !== 200 || !step) {
        return { id, email, outcome: unexpected(current.step, page, `no form step here (h1: ${heading(page.html) ?? 'none'})`), tryAgain: firstTryAgain, reloadedAt };
      }
      // Back on a step already answered with errors shown: the filler or the app lost an answer.
      if (/There is a problem/.test(pageText(page.html)) && !page.path.includes('/consult/time')) {
        return { id, email, outcome: unexpected(step, page, 'the step came back with errors'), tryAgain: firstTryAgain, reloadedAt };
      }
      const form = formWithButton(page.html, step === 'check' ? 'Accept and send' : 'Continue');
      if (!form) return { id, email, outcome: unexpected(step, page, 'no submit button'), tryAgain: firstTryAgain, reloadedAt };
      current = { page, step };
      result = await attempt(step, () => browser.submit(page, form, answers[step] ?? {}));
    }
    return { id, email, outcome: unexpected(current.step, current.page, 'more than 20 pages'), tryAgain: firstTryAgain, reloadedAt };
  } catch (error) {
    return { id, email, outcome: { kind: 'unexpected', step: current.step, status: 0, path: '', detail: (error as Error).message.slice(0, 300) }, tryAgain: firstTryAgain, reloadedAt };
  }
}

/** The "try again" page's own way back: its link (the problem page names the form page), else the step's page. */
async function followBack(browser: Browser, page: Page, step: string): Promise<Page> {
  const link = /<a\b[^>]*href="([^"]+)"[^>]*>\s*Go back and try again/i.exec(page.html)?.[1];
  return browser.get(link ? decodeEntities(link) : stepPath(step), page.path);
}

/**
 * Whether a page reached from a "try again" page still has the patient's answers: it is the step they were
 * on or a later one (or the confirmation, or another "try again" page), and the check page shows their email.
 */
function answersKept(page: Page, step: string, email: string): boolean {
  if (tryAgainPage(page) || page.path.startsWith('/consult/confirmation')) return true;
  // Sent again after the fault, the chosen time had meanwhile gone to another patient: the time step, with the
  // answers kept in the draft, asks for another (as on any collision; the loop then chooses again).
  if (page.path.split('?')[0] === '/consult/time' && /is no longer free/.test(pageText(page.html))) return true;
  // "Start now" had nothing to keep yet: back at the start page is the right place.
  if (step === 'start') return page.path.split('?')[0] === '/consult';
  const order = Object.keys(STEP_HEADINGS);
  const at = order.indexOf(page.path.split('?')[0]!);
  if (at < 0 || at < order.indexOf(stepPath(step))) return false;
  return order[at] !== '/consult/check' || pageText(page.html).includes(email);
}

/** The page of a step (the start page before the first). */
function stepPath(step: string): string {
  return Object.entries(STEP_HEADINGS).find(([, s]) => s === step)?.[0] ?? '/consult';
}

function unexpected(step: string, page: Page, detail: string): Outcome {
  return { kind: 'unexpected', step, status: page.status, path: page.path, detail: `${detail}: ${pageText(page.html).slice(0, 200)}` };
}

/** Runs `count` patients, `concurrency` at a time; results in patient order. */
export async function runPatients(count: number, concurrency: number, options: PatientOptions): Promise<PatientResult[]> {
  const results: PatientResult[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const id = next++;
      results[id] = await runPatient(id + 1, options);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** How many patients ended each way. */
export function tally(results: PatientResult[]) {
  const by = (kind: Outcome['kind']) => results.filter((r) => r.outcome.kind === kind);
  return {
    sent: results.length,
    confirmed: by('confirmed').length,
    confirmedAfterTryAgain: by('confirmed').filter((r) => r.outcome.kind === 'confirmed' && r.outcome.afterTryAgain).length,
    tryAgain: by('try-again').length,
    /** Every "try again" page seen, including those of patients who then finished. */
    tryAgainSeen: results.filter((r) => r.tryAgain).length,
    /** Where the first "try again" pages came: "check → problem page ×3; pain → problem page ×1". */
    tryAgainWhere: [...countBy(results.flatMap((r) => (r.tryAgain ? [`${r.tryAgain.step} → ${r.tryAgain.page}`] : [])))]
      .map(([where, n]) => `${where} ×${n}`)
      .join('; '),
    /** Patients whose page did not load (the app was down) and who reloaded it. */
    reloaded: results.filter((r) => r.reloadedAt).length,
    noAnswer: by('no-answer').length,
    unexpected: by('unexpected'),
  };
}

export { parseForms };
