// The consultation form's database floor: the queries one request makes, in the order the form's pages and
// actions make them, issued straight from this process through the same lib/ functions on postgres.js (drizzle,
// a pool of 10 as the app's), with no HTTP, no Next.js and no rendering. `concurrency` loops at once for a fixed
// time: what the database path of the form can do at most on this machine, the limit the app is compared with.
// Runs in the benchmark's process: the environment (AUTH_SECRET, APP_URL…) must be set before it is imported.
import type { Database } from '@/db/client';
import { listOpenSlots } from '@/lib/booking/service';
import { authSecret } from '@/lib/env';
import { newDraft, newDraftToken, sentDraft, type Draft } from '@/lib/intake/draft';
import { loadDraft, saveDraft } from '@/lib/intake/draft-store';
import { getRequestSummary } from '@/lib/intake/queries';
import { submitConsultationRequest } from '@/lib/intake/service';
import { getDefaultProvider } from '@/lib/booking/queries';
import { validInput } from '../../tests/support/consult-fixtures';
import { percentiles, type Percentiles } from './form-client';

export type LimitResult = {
  seconds: number;
  concurrency: number;
  completed: number;
  completedPerSecond: number;
  errors: number;
  errorSamples: string[];
  /** The submission's transaction alone (submitConsultationRequest), per request. */
  transaction: Percentiles;
  /** Every query of one request, start to confirmation. */
  whole: Percentiles;
};

/** One request's database work: the draft written at "Start now", read by every page and every post, saved by
 * every post; the open times on the time page; the transaction; the draft marked sent; the confirmation's reads. */
async function oneRequest(db: Database, n: number, run: string, bookOneIn: number): Promise<{ transactionMs: number }> {
  const secret = authSecret();
  const token = newDraftToken();
  const now = () => new Date();
  let draft: Draft = newDraft({ sourcePage: 'bench' }, now());
  await saveDraft(db, secret, token, draft);
  const steps = ['details', 'warning-signs', 'pain', 'time'];
  let slot: string = 'call';
  for (const step of steps) {
    // The step's page reads the draft (the time page also the open times); its post reads and saves it.
    draft = (await loadDraft(db, secret, token, now()))!;
    if (step === 'time') {
      const open = await listOpenSlots(db, now());
      const times = open?.slots.slice(0, 30) ?? [];
      if (n % bookOneIn === 0 && times.length) slot = times[Math.floor(Math.random() * times.length)]!.start.toISOString();
    }
    draft = (await loadDraft(db, secret, token, now()))!;
    draft = { ...draft, values: { ...draft.values, [step]: 'answered' } };
    await saveDraft(db, secret, token, draft);
  }
  // The check page, then "Accept and send".
  await loadDraft(db, secret, token, now());
  draft = (await loadDraft(db, secret, token, now()))!;
  await saveDraft(db, secret, token, draft);
  const input = validInput({ email: `limit.${run}.${n}@example.com`, lastName: `Limit ${n}`, idempotencyKey: draft.idempotencyKey, slot });
  const started = performance.now();
  let result = await submitConsultationRequest(db, input, { now: now(), ip: `10.9.${(n >> 8) & 255}.${n & 255}`, maxPerIp: 10_000 });
  if (!result.ok && result.code !== 'rate_limited') {
    // The time went to another loop meanwhile: as a patient would, ask to be called instead.
    result = await submitConsultationRequest(db, { ...input, slot: 'call' }, { now: now(), ip: `10.9.${(n >> 8) & 255}.${n & 255}`, maxPerIp: 10_000 });
  }
  const transactionMs = performance.now() - started;
  if (!result.ok) throw new Error(`not stored: ${result.code}`);
  await saveDraft(db, secret, token, sentDraft(draft, { requestId: result.data.requestId, email: input.email }));
  // The confirmation page.
  await getRequestSummary(db, result.data.requestId);
  await getDefaultProvider(db);
  return { transactionMs };
}

export async function formLimit(db: Database, options: { concurrency: number; seconds: number; run: string; bookOneIn: number }): Promise<LimitResult> {
  let next = 1;
  let completed = 0;
  const errors: string[] = [];
  const transaction: number[] = [];
  const whole: number[] = [];
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const lane = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        const { transactionMs } = await oneRequest(db, next++, options.run, options.bookOneIn);
        transaction.push(transactionMs);
        whole.push(performance.now() - t0);
        completed++;
      } catch (error) {
        errors.push((error as Error).message.slice(0, 160));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const elapsed = (performance.now() - started) / 1000;
  return {
    seconds: Number(elapsed.toFixed(1)),
    concurrency: options.concurrency,
    completed,
    completedPerSecond: Number((completed / elapsed).toFixed(1)),
    errors: errors.length,
    errorSamples: [...new Set(errors)].slice(0, 5),
    transaction: percentiles(transaction),
    whole: percentiles(whole),
  };
}
