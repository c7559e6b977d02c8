// Fault: PostgreSQL restarted (down 3 s) while 120 patients fill in the form 8 at a time without JavaScript
// and staff work in the dashboard. The app must reconnect by itself; every patient shown a confirmation is
// stored with its outbox rows; every other one got a page that says to try again (never a bare 500) and
// that, once the database is back, leads back to their answers, kept; nothing is half-written; every email
// goes out once (a worker pass cut off by the restart leaves its claims until the lease ends).
import { describe, expect, it } from 'vitest';
import { checkIntegrity, waitForOutbox } from './support/checks';
import { newRunId, report, signal } from './support/fault-env';
import { runPatient, runPatients, tally } from './support/patients';
import { expectEveryEmailSentOnce, expectNothingLostOrHalfWritten, faultAtStep, faultWorld, outcomeFigures, staffFigures } from './support/scenario';
import { lostNotes, startStaffLoad } from './support/staff-load';

const PATIENTS = 120;
const AT_ONCE = 8;
const DOWN_MS = 3_000;
const LOCK_SECONDS = 8;

describe('PostgreSQL restarted mid-load', () => {
  const world = faultWorld('postgres-restart', { EMAIL_LOCK_SECONDS: String(LOCK_SECONDS) });

  it('reconnects by itself; loses nothing answered; everyone else is asked to try again, answers kept', async ({ skip }) => {
    if (world.unavailable) return skip(world.unavailable);
    const env = world.env();
    const run = newRunId();
    const over = signal();
    let stepsAfterRestart = 0;
    // Each patient answers 6 forms: the restart lands when about a third of all answers are in.
    const fault = faultAtStep(Math.round(PATIENTS * 6 * 0.35), async () => {
      await env.pg.restart(DOWN_MS);
      // A patient told to try again waits until the database is back (and a second more), then follows the page's way back.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      over.resolve();
    });
    const staff = startStaffLoad(env.app.url, env.staffPassword, run);

    const results = await runPatients(PATIENTS, AT_ONCE, {
      base: env.app.url,
      run,
      faultOver: () => over.promise,
      onStep: () => {
        if (fault.fired()) stepsAfterRestart++;
        fault.onStep();
      },
    });
    await fault.done();
    const staffDone = await staff.stop();
    // The app reconnected: a patient who starts now, after everything, is served as usual.
    const late = await runPatient(PATIENTS + 1, { base: env.app.url, run });

    const t = tally(results);
    const integrity = await checkIntegrity(env.pg.url, run, [...results, late]);
    const emails = await waitForOutbox(env.pg.url, run, env.fake, 60_000 + LOCK_SECONDS * 1000);
    const notesLost = await lostNotes(env.pg.url, staffDone.notesSaved);
    report('PostgreSQL restarted (3 s) mid-load', { ...outcomeFigures(t, integrity, emails), ...staffFigures(staffDone, notesLost) });

    expect(fault.fired(), 'the restart happened while patients were still answering').toBe(true);
    expect(stepsAfterRestart).toBeGreaterThan(0);
    expectNothingLostOrHalfWritten(t, integrity);
    expect(late.outcome.kind).toBe('confirmed');
    expectEveryEmailSentOnce(emails);
    expect(notesLost, 'every note staff were told was saved is stored').toEqual([]);
    expect(staffDone.other, 'staff see the page they asked for or a "try again" page, never a bare error').toEqual([]);
    expect(env.app.log(), 'no patient address in the log').not.toMatch(/pat\.[a-z0-9]+\.\d+@example\.com/);
  });
});
