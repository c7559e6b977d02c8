// The email outbox drained by real worker processes: `npm run bench:email-drain` (`-- --quick`: 200 messages).
// Each run starts `scripts/worker.ts` processes (the production worker: lib/email/runner and worker) against a
// throwaway PostgreSQL database, sending through the real Resend SDK to the fake Resend (tests/support/fake-resend,
// a local HTTP server, RESEND_BASE_URL). Once the workers are up, 10,000 "request received" messages are queued in
// one statement and the clock starts. Runs: one worker and two workers with no rate limit (messages a second),
// then two workers sharing EMAIL_RATE_PER_SECOND=5 (the most messages the fake received in any one-second window).
// Every run checks the fake's received idempotency keys against the outbox: none lost, none sent twice. Also
// the workers' peak RSS (VmHWM). Writes bench/results/email-drain.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sealPrivateLinks } from '@/lib/email/private-links';
import { startFakeResend, type FakeResend } from '../tests/support/fake-resend';
import { withScratchDatabase, type ScratchDb } from './support/scratch-db';
import { isQuick, ms, printMachine, printTable, writeResults } from './support/report';

const MESSAGES = Number(process.env.MESSAGES ?? (isQuick ? 200 : 10_000));
const LIMITED_MESSAGES = isQuick ? 16 : 60;
const RATE = 5;
const CAP_MINUTES = Number(process.env.CAP_MINUTES ?? 20);
const AUTH_SECRET = 'bench-only-secret-of-at-least-32-characters';

type Worker = { child: ChildProcess; peakKB: number; ready: Promise<void>; timer: NodeJS.Timeout };

function startWorker(url: string, fake: FakeResend, rate: number): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: url,
      RESEND_API_KEY: 're_bench_key',
      RESEND_BASE_URL: fake.url,
      AUTH_SECRET,
      EMAIL_RATE_PER_SECOND: String(rate),
      EMAIL_WORKER_INTERVAL_MS: '200',
      FOLLOW_UP_MAX: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const worker: Worker = { child, peakKB: 0, ready: Promise.resolve(), timer: setInterval(() => sampleRss(worker), 250) };
  worker.ready = new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-4000);
      if (out.includes('worker started')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return worker;
}

/** VmHWM: the process's peak resident set so far (Linux). */
function sampleRss(worker: Worker): void {
  try {
    const status = readFileSync(`/proc/${worker.child.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    worker.peakKB = Math.max(worker.peakKB, kb);
  } catch {
    // exited
  }
}

async function stopWorker(worker: Worker): Promise<void> {
  sampleRss(worker);
  clearInterval(worker.timer);
  const exited = new Promise<void>((resolve) => worker.child.once('exit', () => resolve()));
  worker.child.removeAllListeners('exit');
  worker.child.once('exit', () => {});
  worker.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
}

/** The most messages received in any window of one second [t, t + 1 s), t being a receive time. */
export function maxInAnySecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + 1000) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

type Run = {
  label: string;
  workers: number;
  rate: number;
  messages: number;
  seconds: number;
  perSecond: number;
  posts: number;
  received: number;
  lost: number;
  duplicates: number;
  maxInAnySecond: number;
  /** Each worker's peak resident set since it started (VmHWM), in MB. */
  peakRssMB: number[];
};

async function drain(s: ScratchDb, fake: FakeResend, label: string, started: Worker[], rate: number, messages: number): Promise<Run> {
  const workers = started.length;
  await s.client`delete from email_messages`;
  try {
    await Promise.all(started.map((w) => w.ready));
    // A second for the workers' first pass (follow-ups, digest, health check) to finish before the clock starts.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    fake.reset();
    const batch = `bench-${Date.now()}`;
    // The private link sealed as enqueueEmail stores it (one link for all: it is never followed here).
    const props = sealPrivateLinks({ firstName: 'Pat', manageUrl: 'https://clinic.example/consult/manage/bench' }, AUTH_SECRET);
    await s.client`
      insert into email_messages (template, category, to_address, props, dedupe_key)
      select 'request-received', 'transactional', 'patient' || g || '@example.com',
        ${s.client.json(props as never)}::jsonb || jsonb_build_object('reference', 'CR-B' || g),
        ${batch} || '-' || g
      from generate_series(1, ${messages}) g`;
    const t0 = performance.now();
    const wallStart = Date.now();
    for (;;) {
      const [{ left }] = (await s.client`select count(*)::int as left from email_messages where status in ('pending', 'sending')`) as unknown as [{ left: number }];
      if (left === 0) break;
      // Past the cap the run is reported as it stands: what was not sent counts as lost.
      if (performance.now() - t0 > CAP_MINUTES * 60_000) {
        console.info(`  ${left} messages still waiting after ${CAP_MINUTES} minutes: stopping this run`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const outcomes = await s.client`select status::text, left(last_error, 120) as error, count(*)::int as n from email_messages group by 1, 2`;
    for (const o of outcomes) if (o.status !== 'sent') console.info(`  ${o.n} ${o.status}: ${o.error ?? ''}`);
    const rows = await s.client<{ key: string; status: string }[]>`select idempotency_key::text as key, status::text as status from email_messages where dedupe_key like ${batch + '-%'}`;
    const ours = new Set(rows.map((r) => r.key));
    const got = fake.messages().filter((m) => m.idempotencyKey && ours.has(m.idempotencyKey));
    const receivedKeys = new Set(got.map((m) => m.idempotencyKey));
    const lastAt = Math.max(0, ...got.map((m) => m.receivedAt.getTime()));
    const seconds = (lastAt - wallStart) / 1000;
    return {
      label,
      workers,
      rate,
      messages,
      seconds,
      perSecond: receivedKeys.size / seconds,
      posts: fake.requests,
      received: receivedKeys.size,
      lost: [...ours].filter((k) => !receivedKeys.has(k)).length + rows.filter((r) => r.status !== 'sent').length,
      // A repeated POST with the same key is answered with the first id and not recorded again: count the POSTs.
      duplicates: Math.max(0, fake.requests - fake.messages().length) + (got.length - receivedKeys.size),
      maxInAnySecond: maxInAnySecond(got.map((m) => m.receivedAt.getTime())),
      peakRssMB: started.map((w) => Math.round(w.peakKB / 1024)),
    };
  } finally {
    started.forEach(sampleRss);
  }
}

async function main() {
  printMachine();
  const fake = await startFakeResend();
  const runs: Run[] = [];
  try {
    await withScratchDatabase('clinic_bench_email', { max: 2 }, async (s) => {
      // One worker, then a second one beside it (no limit); then two new ones sharing the limit.
      const unlimited = [startWorker(s.url, fake, 0)];
      try {
        console.info(`1 worker, no limit: ${MESSAGES.toLocaleString('en-US')} messages…`);
        runs.push(await drain(s, fake, '1 worker, no limit', unlimited, 0, MESSAGES));
        unlimited.push(startWorker(s.url, fake, 0));
        console.info(`2 workers, no limit: ${MESSAGES.toLocaleString('en-US')} messages…`);
        runs.push(await drain(s, fake, '2 workers, no limit', unlimited, 0, MESSAGES));
      } finally {
        await Promise.all(unlimited.map(stopWorker));
      }
      const limited = [startWorker(s.url, fake, RATE), startWorker(s.url, fake, RATE)];
      try {
        console.info(`2 workers, ${RATE}/s shared: ${LIMITED_MESSAGES} messages…`);
        runs.push(await drain(s, fake, `2 workers, ${RATE}/s shared`, limited, RATE, LIMITED_MESSAGES));
      } finally {
        await Promise.all(limited.map(stopWorker));
      }
    });
  } finally {
    await fake.close();
  }
  console.info('\ntimes from the queueing commit to the last message the fake received');
  printTable(
    ['run', 'messages', 'seconds', 'msgs/s', 'received', 'lost', 'duplicates', 'max in any 1 s', 'limit', 'peak RSS MB', ''],
    runs.map((r) => {
      const limitMet = r.rate === 0 || r.maxInAnySecond <= r.rate;
      return [
        r.label,
        r.messages,
        ms(r.seconds),
        ms(r.perSecond),
        r.received,
        r.lost,
        r.duplicates,
        r.maxInAnySecond,
        r.rate === 0 ? 'none' : `≤ ${r.rate}`,
        r.peakRssMB.join(', '),
        r.lost === 0 && r.duplicates === 0 && limitMet ? 'met' : 'NOT met',
      ];
    }),
  );
  writeResults('email-drain', { runs });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
