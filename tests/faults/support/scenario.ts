// What the scenarios share: their world set up around the describe block (skipped, saying why, only on a
// machine without PostgreSQL's binaries), the fault fired once the patients have answered enough steps, the
// figures every scenario prints, and the checks every scenario makes after its fault.
import { afterAll, beforeAll, expect } from 'vitest';
import type { EmailFigures, Integrity } from './checks';
import { startFaultEnv, type FaultEnv } from './fault-env';
import type { tally } from './patients';
import { pgUnavailableReason } from './pg-cluster';
import type { StaffFigures } from './staff-load';

export type World = {
  /** Why this machine cannot run the scenario (no PostgreSQL binaries), or null. */
  unavailable: string | null;
  env(): FaultEnv;
};

/** Starts the scenario's world before its tests and closes it after; call inside describe(). */
export function faultWorld(name: string, appEnv: Record<string, string> = {}): World {
  const unavailable = pgUnavailableReason();
  let env: FaultEnv | undefined;
  beforeAll(async () => {
    if (!unavailable) env = await startFaultEnv(name, appEnv);
  });
  afterAll(async () => {
    await env?.close();
  });
  return {
    unavailable,
    env: () => {
      if (!env) throw new Error('the fault world did not start');
      return env;
    },
  };
}

/** Fires `fault` once, when the patients have answered `afterSteps` steps; `done()` waits for it. */
export function faultAtStep(afterSteps: number, fault: () => Promise<void>) {
  let steps = 0;
  let fired: Promise<void> | undefined;
  return {
    onStep: () => {
      if (++steps === afterSteps) fired = fault();
    },
    fired: () => fired !== undefined,
    done: async () => {
      await fired;
    },
  };
}

/** The patients' and the database's figures, and the emails': the same words in every scenario's line. */
export function outcomeFigures(t: ReturnType<typeof tally>, integrity: Integrity, emails: EmailFigures): Record<string, number | string> {
  return {
    patients: t.sent,
    confirmed: t.confirmed,
    'try-again pages seen': t.tryAgainSeen,
    'after step → page': t.tryAgainWhere || 'none',
    'reloaded (no answer)': t.reloaded,
    'confirmed after either': t.confirmedAfterTryAgain,
    'left at try-again': t.tryAgain,
    unexpected: t.unexpected.length,
    stored: integrity.stored.length,
    lost: integrity.lost.length,
    'stored unconfirmed': integrity.storedUnconfirmed,
    'half-written': integrity.leadsWithoutRequest + integrity.requestsWithoutOutbox.length + integrity.requestsWithoutAppointment.length,
    'emails queued': emails.queued,
    sent: emails.sent,
    duplicated: emails.duplicated,
    'resent with the same key': emails.repeatedKeys,
    ...(emails.failed ? { 'failed because': JSON.stringify(emails.failures) } : {}),
  };
}

export function staffFigures(staff: StaffFigures, notesLost: string[]): Record<string, number> {
  if (staff.other.length) console.info(`[faults] staff pages neither asked for nor "try again": ${JSON.stringify(staff.other)}`);
  return { 'staff actions': staff.actions, 'staff ok': staff.ok, 'staff try-again': staff.tryAgain, 'staff other': staff.other.length, 'notes lost': notesLost.length };
}

/** Every patient ended with a confirmation or a clear "try again" page; every reference shown is stored, whole. */
export function expectNothingLostOrHalfWritten(t: ReturnType<typeof tally>, integrity: Integrity): void {
  expect(t.unexpected, 'every patient ends with a confirmation or a clear "try again" page').toEqual([]);
  expect(integrity.lost, 'every reference shown is stored').toEqual([]);
  expect(integrity.leadsWithoutRequest, 'a lead without its request').toBe(0);
  expect(integrity.requestsWithoutOutbox, 'a request without its outbox rows').toEqual([]);
  expect(integrity.requestsWithoutAppointment, 'a chosen time without its appointment').toEqual([]);
  expect(integrity.duplicateRequests, 'one form stored twice').toBe(0);
}

/** Every email due left the outbox, was delivered, and only once. */
export function expectEveryEmailSentOnce(emails: EmailFigures): void {
  expect(emails.pending + emails.failed).toBe(0);
  expect(emails.sent).toBe(emails.queued);
  expect(emails.delivered).toBe(emails.queued);
  expect(emails.duplicated).toBe(0);
}
