// Fault: the database turns read-only under load (as an operator does when the disk fills, or a failover
// leaves the app on a replica for a while): `ALTER SYSTEM SET default_transaction_read_only = on` and a
// configuration reload, which every open session takes at its next transaction; then writable again the
// same way. Patients who send meanwhile must get a page that says to try again (never a bare 500), keep their
// answers and nothing half-written; once writable, the app works again without a restart or a reconnect, and
// those patients send their requests. A worker pass that sent a message but could not record it leaves it
// claimed until the lease ends; it is then sent again with the same key, which Resend answers with the first.
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { checkIntegrity, waitForOutbox } from './support/checks';
import { newRunId, report, signal } from './support/fault-env';
import { runPatient, runPatients, tally } from './support/patients';
import { expectEveryEmailSentOnce, expectNothingLostOrHalfWritten, faultAtStep, faultWorld, outcomeFigures, staffFigures } from './support/scenario';
import { lostNotes, startStaffLoad } from './support/staff-load';

const PATIENTS = 40;
const AT_ONCE = 8;
const LOCK_SECONDS = 8;
/** Read-only until this many patients have been asked to try again, or this long has passed. */
const HITS_WANTED = 4;
const MAX_READ_ONLY_MS = 20_000;

async function setReadOnly(adminUrl: string, on: boolean): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`alter system set default_transaction_read_only = ${on ? 'on' : 'off'}`);
    await sql`select pg_reload_conf()`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

describe('the database read-only for a while under load', () => {
  const world = faultWorld('database-read-only', { EMAIL_LOCK_SECONDS: String(LOCK_SECONDS) });

  it('asks those who send meanwhile to try again, writes nothing half, and recovers without a restart', async ({ skip }) => {
    if (world.unavailable) return skip(world.unavailable);
    const env = world.env();
    const run = newRunId();
    const writable = signal();
    let hits = 0;
    let readOnlyMs = 0;
    const fault = faultAtStep(Math.round(PATIENTS * 6 * 0.3), async () => {
      await setReadOnly(env.pg.adminUrl, true);
      const since = Date.now();
      while (hits < HITS_WANTED && Date.now() - since < MAX_READ_ONLY_MS) await new Promise((resolve) => setTimeout(resolve, 200));
      await setReadOnly(env.pg.adminUrl, false);
      readOnlyMs = Date.now() - since;
      // Every session takes the reload at its next transaction.
      await new Promise((resolve) => setTimeout(resolve, 500));
      writable.resolve();
    });
    const staff = startStaffLoad(env.app.url, env.staffPassword, run);

    const results = await runPatients(PATIENTS, AT_ONCE, { base: env.app.url, run, faultOver: () => writable.promise, onTryAgain: () => hits++, onStep: fault.onStep });
    await fault.done();
    const staffDone = await staff.stop();
    const late = await runPatient(PATIENTS + 1, { base: env.app.url, run });
    const t = tally(results);
    const integrity = await checkIntegrity(env.pg.url, run, [...results, late]);
    const emails = await waitForOutbox(env.pg.url, run, env.fake, 60_000 + LOCK_SECONDS * 1000);
    const notesLost = await lostNotes(env.pg.url, staffDone.notesSaved);
    report('database read-only mid-load', {
      'read-only for (s)': (readOnlyMs / 1000).toFixed(1),
      ...outcomeFigures(t, integrity, emails),
      ...staffFigures(staffDone, notesLost),
    });

    expect(fault.fired(), 'the database went read-only while patients were answering').toBe(true);
    expect(t.tryAgainSeen, 'someone sent while it was read-only').toBeGreaterThan(0);
    expectNothingLostOrHalfWritten(t, integrity);
    // Each of them found their answers kept and sent them once it was writable: no restart, no reconnect.
    expect(t.tryAgain).toBe(0);
    expect(t.confirmed).toBe(PATIENTS);
    expect(late.outcome.kind).toBe('confirmed');
    expect(env.app.running()).toBe(true);
    expectEveryEmailSentOnce(emails);
    expect(notesLost).toEqual([]);
    expect(staffDone.other, 'staff see the page they asked for or a "try again" page, never a bare error').toEqual([]);
  });
});
