// What the server does once at start: check configuration, open and migrate the database,
// and on an empty development database, seed the demo clinic and print its logins.
import { getDbHandle, setDbLogger } from '@/db/client';
import { isDatabaseEmpty, seedDemoData, type SeedOptions } from '@/db/seed';
import { hashPassword } from './auth/password';
import { getDefaultProvider } from './booking/queries';
import { enqueueAppointmentReminder } from './booking/service';
import { demoLogins } from './demo';
import { demoWaiverAllowed } from './auth/mfa-rules';
import { assertStartupConfig, clinic, env, type Env } from './env';
import { failureKind } from './http/failure';
import { componentLogger } from './log';

/** The demo's booked appointments get their reminders queued, as a booking made in the app would. */
export const demoReminders =
  (now: Date): NonNullable<SeedOptions['onBooked']> =>
  async (tx, { appointment, lead, request }) =>
    enqueueAppointmentReminder(
      tx,
      appointment,
      { leadId: lead.id, email: lead.email, firstName: lead.firstName, timeZone: request.timeZone, reference: request.reference, requestId: request.id },
      await getDefaultProvider(tx),
      now,
    );

export async function seedIfEmpty(now: Date = new Date()): Promise<boolean> {
  const { db } = await getDbHandle();
  if (!(await isDatabaseEmpty(db))) return false;
  const logins = demoLogins();
  await seedDemoData(db, {
    now,
    clinic: clinic(),
    passwordHash: await hashPassword(logins.password),
    adminEmail: logins.admin,
    staffEmail: logins.staff,
    onBooked: demoReminders(now),
  });
  return true;
}

export function printDemoLogins(): void {
  const logins = demoLogins();
  const mfa = demoWaiverAllowed(env())
    ? '    No second step (passkey or authenticator app) is asked of these two demo logins here: their waiver counts outside production only.'
    : '    A production server ignores the demo logins\' MFA waiver: each sets up a passkey or authenticator app at first sign-in.';
  // For the person at the terminal, not the log: written as plain text.
  process.stdout.write(
    [
      '',
      '  Demo staff logins (local use only):',
      `    admin: ${logins.admin} / ${logins.password}`,
      `    staff: ${logins.staff} / ${logins.password}`,
      mfa,
      '',
      '',
    ].join('\n'),
  );
}

/** The database's own lines (opened, migrated) go through the product's logger; db/ cannot import it. */
export function logDatabaseThroughProductLogger(): void {
  setDbLogger(componentLogger('db'));
}

export async function startServer(source: Record<string, string | undefined> = process.env): Promise<Env> {
  const config = assertStartupConfig(source);
  logDatabaseThroughProductLogger();
  await getDbHandle();
  const shouldSeed = config.NODE_ENV === 'development' || config.SEED_DEMO_DATA;
  if (shouldSeed) {
    const seeded = await seedIfEmpty();
    if (seeded) componentLogger('db').info('empty database: seeded the demo clinic');
    if (config.NODE_ENV === 'development') printDemoLogins();
  }
  if (config.EMAIL_WORKER === 'in-process') {
    const { startEmailWorker } = await import('./email/runner');
    await startEmailWorker();
    const { startTextWorker } = await import('./texts/runner');
    await startTextWorker();
  }
  return config;
}

/** The instrumentation hook's entry: a server without its database or configuration must not start half-working. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (error) {
    // The message names the variable or the database that is wrong (never a value): the person starting
    // the server reads it.
    componentLogger('startup').fatal({ kind: failureKind(error) }, (error as Error).message);
    process.exit(1);
  }
}
