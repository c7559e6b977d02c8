// `npm run bench:reset`: how long "forgot your password?" takes to answer for a real account and for an
// unknown address, on a throwaway database (PostgreSQL when one answers, else PGlite). Prints the medians side
// by side with their ratio against the limit (1.2), and, for contrast, the work that now runs after the answer
// (lookup, link, email, audit) timed the same way: that is what the answer used to wait for.
import { performance } from 'node:perf_hooks';
import * as t from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { answerForgotPassword, processPasswordResetRequest, type ResetRequest } from '@/lib/auth/password-reset';
import { createTestDatabase, primaryBackend } from '../tests/support/db';

const RUNS = Number(process.env.RUNS ?? 200);
const LIMIT = 1.2;
const appUrl = 'http://localhost:3000';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function main() {
  const handle = await createTestDatabase(await primaryBackend());
  try {
    const known: string[] = [];
    for (let i = 0; i < RUNS; i++) known.push(`staff${i}@example.com`);
    const hash = await hashPassword('a long enough password');
    await handle.db.insert(t.staffUsers).values(known.map((email, i) => ({ email, name: `Staff ${i}`, role: 'staff' as const, passwordHash: hash })));

    const answer = { known: [] as number[], unknown: [] as number[] };
    const work = { known: [] as number[], unknown: [] as number[] };
    const now = new Date();
    for (let i = 0; i < RUNS; i++) {
      // Alternate, each from its own address, so neither side meets a limit or a warmer cache than the other.
      for (const side of i % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
        const email = side === 'known' ? known[i]! : `nobody${i}@example.com`;
        const meta = { ip: `10.${side === 'known' ? 1 : 2}.${i >> 8}.${i & 255}`, userAgent: 'bench' };
        const queued: (() => Promise<void>)[] = [];
        const started = performance.now();
        // The action's whole answer: check the address, hand the work to after(), reply.
        answerForgotPassword(email, { later: (task) => void queued.push(task), work: (r: ResetRequest) => processPasswordResetRequest(handle.db, r), appUrl, meta, now });
        answer[side].push(performance.now() - started);
        const workStarted = performance.now();
        for (const task of queued) await task();
        work[side].push(performance.now() - workStarted);
      }
    }

    const row = (label: string, k: number[], u: number[]) => {
      const ratio = Math.max(median(k), median(u)) / Math.min(median(k), median(u));
      return { label, knownMs: +median(k).toFixed(4), unknownMs: +median(u).toFixed(4), ratio: +ratio.toFixed(2) };
    };
    const answered = row('answer (what the person waits for)', answer.known, answer.unknown);
    const after = row('work after the answer (what it used to wait for)', work.known, work.unknown);
    console.log(`forgot-password, ${RUNS} runs each side, ${handle.backend}`);
    console.table([answered, after]);
    const ok = answered.ratio <= LIMIT;
    console.log(`answer ratio ${answered.ratio} (limit ${LIMIT}): ${ok ? 'within' : 'OVER'}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await handle.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
