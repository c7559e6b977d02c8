// Two app instances and two email workers on one PostgreSQL database, as a deployment behind a load balancer
// runs them: two `next start` processes from the production build (EMAIL_WORKER=off) and two standalone
// workers (`npm run worker`) sending through the fake Resend. Patients send consultation requests through the
// pages as a browser without JavaScript does, spread over both instances. Every email goes out exactly once
// (counted by the fake per Idempotency-Key and per recipient and template), the per-address limit on requests
// holds across the two instances, and so does the staff sign-in throttle.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lte } from 'drizzle-orm';
import { openPostgres, type DbHandle } from '@/db/client';
import * as t from '@/db/schema';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { createServerDatabase, serverUrl } from '../support/pg-server';
import { FormBrowser, startNextInstance, startWorkerProcess, type Started } from './support/instances-cluster';

const PORTS = { a: 3600, b: 3601, fakeResend: [3602, 3603] } as const;
const MAX_PER_ADDRESS = 3;
const DEMO_PASSWORD = `faults-demo-${randomBytes(6).toString('hex')}`;
const STAFF_EMAIL = 'frontdesk@example.com';

type Instance = Started & { url: string; key: 'a' | 'b' };

let database: { url: string; drop: () => Promise<void> };
let db: DbHandle;
/**
 * One fake Resend per worker: what each worker sent is counted apart, and a message both sent would be
 * recorded twice (a single fake would answer the second with the first, by its Idempotency-Key).
 */
let fakes: FakeResend[] = [];
const instances: Instance[] = [];
const workers: Started[] = [];

beforeAll(async () => {
  const admin = await serverUrl();
  if (!admin) throw new Error('the two-instance test needs a PostgreSQL server (TEST_DATABASE_URL or 127.0.0.1:5432)');
  database = await createServerDatabase(admin, 'instances');
  fakes = await Promise.all(PORTS.fakeResend.map((port) => startFakeResend({ port })));
  const shared = {
    DATABASE_URL: database.url,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    AUTH_TRUST_HOST: 'true',
    APP_URL: `http://127.0.0.1:${PORTS.a}`,
    RESEND_API_KEY: 're_faults_fake',
  };
  const app = { ...shared, EMAIL_WORKER: 'off', FORM_MIN_FILL_SECONDS: '0', FORM_MAX_PER_IP_PER_HOUR: String(MAX_PER_ADDRESS) };
  // Both start at once (migrations take an advisory lock); only A seeds the demo clinic and its logins.
  const [a, b] = await Promise.all([
    startNextInstance('app-a', PORTS.a, { ...app, SEED_DEMO_DATA: '1', DEMO_PASSWORD, DEMO_MFA_WAIVER: '1' }),
    startNextInstance('app-b', PORTS.b, app),
  ]);
  instances.push({ ...a, key: 'a' }, { ...b, key: 'b' });
  const worker = { ...shared, NODE_ENV: 'production', EMAIL_WORKER_INTERVAL_MS: '250', EMAIL_SEND_RATE_PER_SECOND: '50' };
  workers.push(...fakes.map((fake, i) => startWorkerProcess(`worker-${i + 1}`, { ...worker, RESEND_BASE_URL: fake.url })));
  db = await openPostgres(database.url, { max: 4 });
}, 300_000);

afterAll(async () => {
  for (const p of [...workers, ...instances]) await p.stop().catch(() => {});
  await db?.close();
  for (const fake of fakes) await fake.close();
  await database?.drop();
});

/** What the test prints on failure: the last lines of each process. */
function processOutput(): string {
  return [...instances, ...workers].map((p) => `--- ${p.name}\n${p.output()}`).join('\n');
}

type Outcome = 'accepted' | 'refused';

/** One patient's request through the six steps of the form, on one instance, from one address. */
async function sendRequest(base: string, address: string): Promise<Outcome> {
  const browser = new FormBrowser(address);
  const id = randomUUID().slice(0, 8);
  let page = await browser.get(base, '/consult?from=faults');
  page = await browser.submit(base, page, 'Start now', []);
  const steps: [string, [string, string][]][] = [
    ['/consult/details', [['firstName', 'Ada'], ['lastName', `Faults ${id}`], ['email', `ada.${id}@example.com`], ['phone', '(323) 555-0142'],
      ['preferredContact', 'phone'], ['bestTimeToCall', 'morning'], ['timeZone', 'America/Los_Angeles']]],
    ['/consult/warning-signs', ['bladder_bowel_control', 'groin_numbness', 'leg_weakness', 'fever', 'recent_trauma'].map((f) => [f, 'no'])],
    ['/consult/pain', [['painArea', 'knee'], ['painDuration', '3_to_12_months'], ['painLevel', '6'], ['treatmentsTried', 'physical_therapy'],
      ['surgeryRecommended', 'not_sure'], ['message', 'Knee aches on stairs.']]],
    ['/consult/time', [['slot', 'call']]],
  ];
  for (const [path, fields] of steps) {
    // On failure: where the page led (the problem page's reason is in its address) and what the processes printed.
    expect(new URL(page.url).pathname, `${base}: expected ${path}, got ${page.url}\n${processOutput()}`).toBe(path);
    page = await browser.submit(base, page, 'Continue', fields);
  }
  expect(new URL(page.url).pathname).toBe('/consult/check');
  page = await browser.submit(base, page, 'Accept and send', [['contactConsent', 'yes'], ['privacyAcknowledged', 'yes']]);
  if (new URL(page.url).pathname === '/consult/confirmation') return 'accepted';
  expect(page.html, 'neither sent nor refused for the limit').toContain('You have sent several requests in a short time');
  return 'refused';
}

/** Runs `jobs` with at most `width` at a time. */
async function inParallel<T>(width: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

type Tally = Record<'a' | 'b', Record<Outcome, number>>;
const tally = (): Tally => ({ a: { accepted: 0, refused: 0 }, b: { accepted: 0, refused: 0 } });

/** Waits (up to 2 minutes) until the workers have nothing due left: every due message sent, failed or cancelled. */
async function outboxDrained(): Promise<t.EmailMessage[]> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const due = await db.db.select().from(t.emailMessages).where(lte(t.emailMessages.sendAfter, new Date()));
    if (due.every((m) => m.status !== 'pending' && m.status !== 'sending')) return due;
    if (Date.now() > deadline) throw new Error(`outbox not drained: ${due.filter((m) => m.status === 'pending' || m.status === 'sending').length} left\n${processOutput()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('two instances and two workers on one database', () => {
  it('sends each email exactly once while both instances take requests', async () => {
    const REQUESTS = 24;
    const counts = tally();
    // Each patient from an address of their own, alternately on A and B, six at a time.
    const outcomes = await inParallel(
      6,
      Array.from({ length: REQUESTS }, (_, i) => async () => {
        const instance = instances[i % 2]!;
        const outcome = await sendRequest(instance.url, `198.51.100.${i + 1}`);
        counts[instance.key][outcome]++;
        return outcome;
      }),
    );
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(REQUESTS);

    const due = await outboxDrained();
    const sent = due.filter((m) => m.status === 'sent');
    const messages = fakes.flatMap((fake) => fake.messages());
    const requests = fakes.map((fake) => fake.requests);
    const rowByKey = new Map(due.map((m) => [m.idempotencyKey, m]));
    const keys = new Set(messages.map((m) => m.idempotencyKey));
    // Recipient and template (and the request it is about) of each message the provider got.
    const perRecipientTemplate = new Map<string, number>();
    for (const m of messages) {
      const row = rowByKey.get(m.idempotencyKey!);
      const id = `${m.to.join(',')}|${row?.template}|${row?.leadId}`;
      perRecipientTemplate.set(id, (perRecipientTemplate.get(id) ?? 0) + 1);
    }
    console.info(
      `[instances] requests: A ${counts.a.accepted} accepted / ${counts.a.refused} refused, B ${counts.b.accepted} accepted / ${counts.b.refused} refused; ` +
        `emails due ${due.length} (${[...new Set(due.map((m) => m.template))].map((tpl) => `${tpl} ${due.filter((m) => m.template === tpl).length}`).join(', ')}), sent ${sent.length}, ` +
        `provider requests ${requests.join(' + ')} (worker 1 + worker 2), messages recorded ${messages.length}, duplicates by key ${messages.length - keys.size}, ` +
        `by recipient+template ${[...perRecipientTemplate.values()].filter((n) => n > 1).length}; attempts total ${due.reduce((n, m) => n + m.attempts, 0)}, max ${Math.max(...due.map((m) => m.attempts))}`,
    );

    expect(counts.a.accepted).toBe(REQUESTS / 2);
    expect(counts.b.accepted).toBe(REQUESTS / 2);
    // Two messages per request (to the patient, to the front desk), whichever instance took it.
    expect(due.filter((m) => m.template === 'request-received')).toHaveLength(REQUESTS);
    expect(due.filter((m) => m.template === 'staff-new-request')).toHaveLength(REQUESTS);
    expect(sent).toHaveLength(due.length);
    expect(messages).toHaveLength(sent.length);
    expect(keys.size).toBe(messages.length);
    expect([...perRecipientTemplate.values()].every((n) => n === 1)).toBe(true);
    expect(requests.reduce((a, b) => a + b, 0)).toBe(messages.length);
    // Both workers were at work (a worker that died at start would leave the other to send everything).
    for (const n of requests) expect(n).toBeGreaterThan(0);
    for (const row of sent) expect(messages.find((m) => m.id === row.providerMessageId)?.idempotencyKey).toBe(row.idempotencyKey);
  }, 300_000);

  it('holds the per-address request limit across both instances', async () => {
    const ATTEMPTS = 8;
    const counts = tally();
    // One address, all at once, half on each instance.
    const outcomes = await Promise.all(
      Array.from({ length: ATTEMPTS }, async (_, i) => {
        const instance = instances[i % 2]!;
        const outcome = await sendRequest(instance.url, '203.0.113.50');
        counts[instance.key][outcome]++;
        return outcome;
      }),
    );
    console.info(
      `[instances] one address, ${ATTEMPTS} requests at once (limit ${MAX_PER_ADDRESS}/hour): ` +
        `A ${counts.a.accepted} accepted / ${counts.a.refused} refused, B ${counts.b.accepted} accepted / ${counts.b.refused} refused`,
    );
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(MAX_PER_ADDRESS);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(ATTEMPTS - MAX_PER_ADDRESS);
  }, 300_000);

  it('counts failed staff sign-ins made on either instance', async () => {
    const THROTTLED = 'Too many attempts to sign in';
    const WRONG = 'The email address or password is not correct';
    const signIn = async (instance: Instance, password: string) => {
      const browser = new FormBrowser('192.0.2.10');
      const page = await browser.get(instance.url, '/sign-in');
      const after = await browser.submit(instance.url, page, 'Sign in', [['email', STAFF_EMAIL], ['password', password]]);
      if (after.html.includes(THROTTLED)) return 'throttled';
      if (after.html.includes(WRONG)) return 'wrong';
      return new URL(after.url).pathname === '/dashboard' && after.html.includes('Sign out') ? 'signed in' : `unexpected page ${new URL(after.url).pathname}`;
    };
    // The right password works first (on A, whose demo logins need no second factor), so the account is sound.
    expect(await signIn(instances[0]!, DEMO_PASSWORD)).toBe('signed in');
    // Five wrong passwords, alternating A, B, A, B, A: the account's limit is five within 15 minutes.
    const wrong: string[] = [];
    for (let i = 0; i < 5; i++) wrong.push(await signIn(instances[i % 2]!, `wrong-${i}`));
    // Then the sixth try, on B, and the right password on A: both refused, whichever instance counted what.
    const sixth = await signIn(instances[1]!, 'wrong-5');
    const right = await signIn(instances[0]!, DEMO_PASSWORD);
    console.info(`[instances] sign-in: 5 wrong passwords A,B,A,B,A -> ${wrong.join(', ')}; 6th on B -> ${sixth}; right password on A -> ${right}`);
    expect(wrong).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong']);
    expect(sixth).toBe('throttled');
    expect(right).toBe('throttled');
  }, 300_000);
});
