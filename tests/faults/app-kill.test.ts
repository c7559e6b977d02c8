// Fault: the app process killed with `kill -9` while 64 patients fill in the form 8 at a time, and started
// again. Just before the kill the fake Resend holds a send open (accepted, never answered), so the worker
// dies with messages claimed. Nothing answered may be lost; every email due goes out exactly once after the
// restart: claims left by the dead worker expire (EMAIL_LOCK_SECONDS, shortened here) and are sent again with
// the same Idempotency-Key, which Resend answers with the first send.
import { describe, expect, it } from 'vitest';
import { checkIntegrity, waitForOutbox } from './support/checks';
import { newRunId, report, signal } from './support/fault-env';
import { runPatients, tally } from './support/patients';
import { expectEveryEmailSentOnce, expectNothingLostOrHalfWritten, faultAtStep, faultWorld, outcomeFigures } from './support/scenario';

const PATIENTS = 64;
const AT_ONCE = 8;
const LOCK_SECONDS = 8;

describe('the app killed with kill -9 mid-load and started again', () => {
  const world = faultWorld('app-kill', { EMAIL_LOCK_SECONDS: String(LOCK_SECONDS) });

  it('loses nothing answered and sends every email exactly once after the restart', async ({ skip }) => {
    if (world.unavailable) return skip(world.unavailable);
    const env = world.env();
    const run = newRunId();
    const back = signal();
    const fault = faultAtStep(Math.round(PATIENTS * 6 * 0.35), async () => {
      const before = env.fake.requests;
      env.fake.failNext(1, { timeout: true, accepted: true });
      // Killed while the worker waits on a send Resend has accepted (its claim is then left behind).
      for (let i = 0; i < 100 && env.fake.requests < before + 1; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      await env.app.kill9();
      await env.app.start();
      back.resolve();
    });

    // A patient whose page did not load reloads it once the app is back, as a person would.
    const results = await runPatients(PATIENTS, AT_ONCE, { base: env.app.url, run, faultOver: () => back.promise, onStep: fault.onStep });
    await fault.done();
    const t = tally(results);
    const integrity = await checkIntegrity(env.pg.url, run, results);
    // The dead worker's claims expire after LOCK_SECONDS; then everything due must be sent.
    const emails = await waitForOutbox(env.pg.url, run, env.fake, 60_000 + LOCK_SECONDS * 1000);
    report('app killed (kill -9) mid-load, restarted', outcomeFigures(t, integrity, emails));

    expect(fault.fired(), 'the kill happened mid-load').toBe(true);
    expect(t.reloaded, 'some patients were waiting on the app when it died').toBeGreaterThan(0);
    expectNothingLostOrHalfWritten(t, integrity);
    expectEveryEmailSentOnce(emails);
    // The send held open when the process died was repeated after its claim expired, with its key.
    expect(emails.repeatedKeys).toBeGreaterThanOrEqual(1);
  });
});
