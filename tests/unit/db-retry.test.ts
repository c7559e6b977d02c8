// Which database failures are worth a second attempt (the connection, not the work), the retry's waits, and
// the retry itself with a fake clock: it repeats connection failures within its time budget and nothing else.
import { describe, expect, it } from 'vitest';
import { errorCodes, isDatabaseUnavailable, isTransientDbError, QueryFailed } from '@/db/errors';
import { DB_RETRY, retryDelayMs, retryTransient, type RetryPolicy } from '@/db/retry';
import { failureKind } from '@/lib/http/failure';
import { PROBLEM_HOP, problemPath, readProblemQuery, safeBackPath } from '@/lib/http/problem';

/** An error shaped as postgres.js throws them: a SQLSTATE or its own code on `code`. */
const pgError = (code: string) => Object.assign(new Error('server said no'), { code });
/** Drizzle's wrapper: the driver's error as `cause`, the query's values in the message. */
const drizzleWrapped = (cause: Error) => Object.assign(new Error('Failed query: insert into leads … params: Rosa,rosa@example.com'), { name: 'DrizzleQueryError', cause });

describe('a failure of the connection, not of the work', () => {
  it.each([
    ['57P01', 'admin_shutdown: the server was stopped under the session'],
    ['57P02', 'crash_shutdown'],
    ['57P03', 'cannot_connect_now: starting up or shutting down'],
    ['08006', 'connection_failure'],
    ['08001', 'sqlclient_unable_to_establish_sqlconnection'],
    ['CONNECTION_CLOSED', 'postgres.js: the socket closed mid-query'],
    ['CONNECTION_ENDED', 'postgres.js: the pool was ended'],
    ['CONNECT_TIMEOUT', 'postgres.js: no answer to connect'],
    ['ECONNREFUSED', 'nothing listening (the server is down)'],
    ['ECONNRESET', 'the connection was reset'],
  ])('%s (%s) is transient, bare or wrapped by Drizzle', (code) => {
    expect(isTransientDbError(pgError(code))).toBe(true);
    expect(isTransientDbError(drizzleWrapped(pgError(code)))).toBe(true);
    expect(isDatabaseUnavailable(drizzleWrapped(pgError(code)))).toBe(true);
  });

  it.each([
    ['23505', 'a unique violation'],
    ['23P01', 'an exclusion violation (a double booking)'],
    ['22P02', 'bad input'],
    ['42P01', 'a missing table'],
    ['25006', 'a read-only database (not going to pass in a moment)'],
    ['ENOENT', 'an unrelated system error'],
  ])('%s (%s) is not transient', (code) => {
    expect(isTransientDbError(drizzleWrapped(pgError(code)))).toBe(false);
  });

  it('is not fooled by errors without a code, or by non-errors', () => {
    expect(isTransientDbError(new Error('CONNECTION_CLOSED in the message only'))).toBe(false);
    expect(isTransientDbError(null)).toBe(false);
    expect(isTransientDbError('ECONNREFUSED')).toBe(false);
  });

  it('survives QueryFailed, which drops the values but keeps the connection code', () => {
    const failed = new QueryFailed('submitConsultationRequest', drizzleWrapped(pgError('CONNECTION_CLOSED')));
    expect(failed.message).toBe('submitConsultationRequest failed (CONNECTION_CLOSED)');
    expect(failed.message).not.toContain('rosa');
    expect(isTransientDbError(failed)).toBe(true);
    expect(failureKind(failed)).toBe('database connection CONNECTION_CLOSED');
    expect(isTransientDbError(new QueryFailed('x', drizzleWrapped(pgError('23505'))))).toBe(false);
  });

  it('counts read-only and out-of-room databases as unavailable (try again later), not as transient', () => {
    for (const code of ['25006', '53100', '53300']) {
      expect(isDatabaseUnavailable(drizzleWrapped(pgError(code)))).toBe(true);
      expect(isTransientDbError(drizzleWrapped(pgError(code)))).toBe(false);
    }
    expect(isDatabaseUnavailable(drizzleWrapped(pgError('23505')))).toBe(false);
    expect(isDatabaseUnavailable(new Error('a bug'))).toBe(false);
  });

  it('lists the codes along the cause chain, outermost first', () => {
    expect(errorCodes(Object.assign(new Error('outer'), { code: 'EOUTER', cause: pgError('57P01') }))).toEqual(['EOUTER', '57P01']);
  });
});

describe('the waits between attempts', () => {
  const policy: RetryPolicy = { budgetMs: 5_000, minAttempts: 2, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('double from the base up to the cap, between half and all of it', () => {
    expect(retryDelayMs(1, 0, policy, () => 0)).toBe(50);
    expect(retryDelayMs(1, 0, policy, () => 1)).toBe(100);
    expect(retryDelayMs(3, 0, policy, () => 1)).toBe(400);
    expect(retryDelayMs(10, 0, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(10, 0, policy, () => 0)).toBe(500);
  });

  it('stop when the budget is spent, and the last wait is cut to fit it', () => {
    expect(retryDelayMs(5, 4_900, policy, () => 1)).toBe(100);
    expect(retryDelayMs(5, 5_000, policy, () => 1)).toBeNull();
  });

  it('still give a second attempt when the first alone took the whole budget (a hung connect)', () => {
    expect(retryDelayMs(1, 10_000, policy, () => 1)).toBe(100);
    expect(retryDelayMs(2, 10_100, policy, () => 1)).toBeNull();
  });

  it('ride out a restart of a few seconds by default', () => {
    expect(DB_RETRY.budgetMs).toBeGreaterThanOrEqual(5_000);
  });
});

describe('retryTransient', () => {
  /** A fake clock: sleeping moves it on. */
  function clock() {
    let now = 0;
    const waits: number[] = [];
    return { now: () => now, sleep: async (ms: number) => void (waits.push(ms), (now += ms)), waits };
  }

  it('repeats work that failed on the connection until it succeeds', async () => {
    const c = clock();
    let calls = 0;
    const result = await retryTransient(
      async () => {
        calls++;
        if (calls < 4) throw drizzleWrapped(pgError(calls === 1 ? '57P01' : 'ECONNREFUSED'));
        return 'stored';
      },
      { now: c.now, sleep: c.sleep, random: () => 1 },
    );
    expect(result).toBe('stored');
    expect(calls).toBe(4);
    expect(c.waits).toEqual([100, 200, 400]);
  });

  it('does not repeat any other failure', async () => {
    const c = clock();
    let calls = 0;
    const refusal = drizzleWrapped(pgError('23505'));
    await expect(
      retryTransient(
        async () => {
          calls++;
          throw refusal;
        },
        { now: c.now, sleep: c.sleep },
      ),
    ).rejects.toBe(refusal);
    expect(calls).toBe(1);
  });

  it('gives up with the last error once the budget is spent, telling the caller before each wait', async () => {
    const c = clock();
    const retries: number[] = [];
    const down = drizzleWrapped(pgError('ECONNREFUSED'));
    await expect(
      retryTransient(
        async () => {
          throw down;
        },
        { policy: { budgetMs: 1_000, minAttempts: 1, baseDelayMs: 100, maxDelayMs: 400 }, now: c.now, sleep: c.sleep, random: () => 1, onRetry: (_e, attempt) => retries.push(attempt) },
      ),
    ).rejects.toBe(down);
    expect(c.waits.reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(retries).toEqual([1, 2, 3, 4]);
  });
});

describe('the problem page for an unavailable database', () => {
  it('round-trips its reason, and reads anything unknown as a plain failure', () => {
    const url = new URL(problemPath({ requestId: 'req-12345678', reason: 'unavailable', back: '/consult/time' }), 'http://x.invalid');
    expect(readProblemQuery(Object.fromEntries(url.searchParams))).toEqual({ requestId: 'req-12345678', reason: 'unavailable', back: '/consult/time' });
    expect(readProblemQuery({ why: 'unavailable ' }).reason).toBe('failed');
  });

  it('never offers the problem page, or its hop for form posts, as the way back', () => {
    expect(safeBackPath(PROBLEM_HOP)).toBeNull();
    expect(safeBackPath(`${PROBLEM_HOP}?ref=req-12345678`)).toBeNull();
    expect(safeBackPath('/problems-with-knees')).toBe('/problems-with-knees');
  });
});
