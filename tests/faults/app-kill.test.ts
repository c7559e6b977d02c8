// Fault: the app process killed with `kill -9` while 64 patients fill in the form 8 at a time, and started
// again. Just before the kill the fake Resend holds a send open (accepted, never answered), so the worker
// dies with messages claimed. Nothing answered may be lost; every email due goes out exactly once after the
// restart: claims left by the dead worker expire (EMAIL_LOCK_SECONDS, shortened here) and are sent again with
// the same Idempotency-Key, which Resend answers with the first send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity, waitForOutbox } from './support/checks';
import { newRunId, report, signal, startFaultEnv, type FaultEnv } from './support/fault-env';
import { runPatients, tally } from './support/patients';
import { pgUnavailableReason } from './support/pg-cluster';

const PATIENTS = 64;
const AT_ONCE = 8;
const LOCK_SECONDS = 8;
const KILL_AFTER_STEPS = Math.round(PATIENTS * 6 * 0.35);

// Only a machine without PostgreSQL's server binaries skips, and says why (CI installs them).
const unavailable = pgUnavailableReason();

describe('the app killed with kill -9 mid-load and started again', () => {
  let env: FaultEnv;
  beforeAll(async () => {
    if (unavailable) return;
    env = await startFaultEnv('app-kill', { EMAIL_LOCK_SECONDS: String(LOCK_SECONDS) });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('loses nothing answered and sends every email exactly once after the restart', async ({ skip }) => {
    if (unavailable) return skip(unavailable);
    const run = newRunId();
    const back = signal();
    let steps = 0;
    let killed: Promise<void> | undefined;
    let killedAt = 0;

    const results = await runPatients(PATIENTS, AT_ONCE, {
      base: env.app.url,
      run,
      // A patient whose page did not load reloads it once the app is back, as a person would.
      faultOver: () => back.promise,
      onStep: () => {
        steps++;
        if (steps !== KILL_AFTER_STEPS) return;
        killed = (async () => {
          const before = env.fake.requests;
          env.fake.failNext(1, { timeout: true, accepted: true });
          // Killed while the worker waits on a send Resend has accepted (its claim is then left behind).
          for (let i = 0; i < 100 && env.fake.requests < before + 1; i++) await new Promise((resolve) => setTimeout(resolve, 100));
          killedAt = Date.now();
          await env.app.kill9();
          await env.app.start();
          back.resolve();
        })();
      },
    });
    await killed;
    const t = tally(results);
    const integrity = await checkIntegrity(env.pg.url, run, results);
    // The dead worker's claims expire after LOCK_SECONDS; then everything due must be sent.
    const emails = await waitForOutbox(env.pg.url, run, env.fake, 60_000 + LOCK_SECONDS * 1000);
    report('app killed (kill -9) mid-load, restarted', {
      patients: t.sent,
      confirmed: t.confirmed,
      'no answer while down (reloaded)': t.reloaded,
      'confirmed after reloading': t.confirmedAfterTryAgain,
      'try-again pages seen': t.tryAgainSeen,
      unexpected: t.unexpected.length,
      stored: integrity.stored.length,
      lost: integrity.lost.length,
      'stored unconfirmed': integrity.storedUnconfirmed,
      'half-written': integrity.leadsWithoutRequest + integrity.requestsWithoutOutbox.length + integrity.requestsWithoutAppointment.length,
      'emails queued': emails.queued,
      sent: emails.sent,
      'delivered once': emails.delivered,
      duplicated: emails.duplicated,
      'resent with the same key': emails.repeatedKeys,
    });

    expect(killedAt, 'the kill happened mid-load').toBeGreaterThan(0);
    expect(t.reloaded, 'some patients were waiting on the app when it died').toBeGreaterThan(0);
    expect(t.unexpected).toEqual([]);
    expect(integrity.lost, 'every reference shown is stored').toEqual([]);
    expect(integrity.leadsWithoutRequest).toBe(0);
    expect(integrity.requestsWithoutOutbox).toEqual([]);
    expect(integrity.requestsWithoutAppointment).toEqual([]);
    expect(integrity.duplicateRequests).toBe(0);
    expect(emails.pending + emails.failed).toBe(0);
    expect(emails.sent).toBe(emails.queued);
    expect(emails.delivered).toBe(emails.queued);
    expect(emails.duplicated).toBe(0);
    // The send held open when the process died was repeated after its claim expired, with its key.
    expect(emails.repeatedKeys).toBeGreaterThanOrEqual(1);
  });
});
