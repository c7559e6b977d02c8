// The server the end-to-end tests run against: the production build under `next start`, on a fresh
// database (a new database on the PostgreSQL server when there is one, else a temporary PGlite
// directory), dropped again when Playwright stops the server.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { e2eDatabaseFile, e2eServerLogFile, E2E_DEMO_PASSWORD, E2E_DIST_DIR, E2E_FAKE_RESEND_PORT, E2E_FAKE_TWILIO_PORT, E2E_TWILIO, E2E_HEALTH_TOKEN, E2E_WEBHOOK_SECRET, FAULT_EMAIL_DOMAIN, REJECTED_EMAIL_DOMAIN } from './e2e-server-config';
import { startFakeResend } from './fake-resend';
import { startFakeTwilio } from './fake-twilio';
import { createServerDatabase, redact, serverUrl } from './pg-server';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);

/**
 * Fault injection, for this test server only (never a migration): a trigger on `leads` that refuses to insert
 * anyone whose normalized email is at FAULT_EMAIL_DOMAIN (@fault.test), so a consultation request from such an address fails
 * deep inside its transaction, as a real database fault would. tests/e2e/no-javascript.spec.ts uses it to
 * check that a failed action shows the problem page, not a bare 500. Everyone else's requests are untouched.
 * The database is migrated here first (the app's own start-up migration then finds nothing to do), and the
 * handle is closed before `next start` opens the database (PGlite allows one process per directory).
 */
async function installFaultTrigger(dbEnv: Record<string, string>): Promise<void> {
  const handle = dbEnv.DATABASE_URL ? await openPostgres(dbEnv.DATABASE_URL, { max: 1 }) : await openPglite(dbEnv.DATA_DIR);
  try {
    await migrateDatabase(handle);
    await handle.db.execute(
      sql.raw(`
        create or replace function e2e_fail_fault_test_leads() returns trigger language plpgsql as $$
        begin
          if new.email_normalized like '%@${FAULT_EMAIL_DOMAIN}' then
            raise exception 'e2e fault injection: leads at @${FAULT_EMAIL_DOMAIN} cannot be saved';
          end if;
          return new;
        end
        $$`),
    );
    await handle.db.execute(sql.raw('drop trigger if exists e2e_fail_fault_test_leads on leads'));
    await handle.db.execute(
      sql.raw('create trigger e2e_fail_fault_test_leads before insert on leads for each row execute function e2e_fail_fault_test_leads()'),
    );
  } finally {
    await handle.close();
  }
}

async function main() {
  const admin = await serverUrl();
  let cleanup: () => Promise<void>;
  const dbEnv: Record<string, string> = {};
  if (admin) {
    const created = await createServerDatabase(admin, 'e2e');
    dbEnv.DATABASE_URL = created.url;
    // Tests that must move a session's clock (the 5-minute step-up) reach this database through this file.
    writeFileSync(e2eDatabaseFile(E2E_PORT), JSON.stringify({ url: created.url }));
    cleanup = async () => {
      rmSync(e2eDatabaseFile(E2E_PORT), { force: true });
      await created.drop();
    };
    console.info(`[e2e] database: ${redact(created.url)}`);
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'clinic-e2e-'));
    dbEnv.DATA_DIR = path.join(dir, 'pglite');
    dbEnv.ALLOW_EMBEDDED_DB = '1';
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
    console.info(`[e2e] database: embedded PGlite in ${dir}`);
  }

  try {
    await installFaultTrigger(dbEnv);
  } catch (error) {
    await cleanup().catch(() => {});
    throw error;
  }

  // Resend's API, faked at the network edge: the app sends through the real SDK, tests read the inbox.
  const fake = await startFakeResend({ port: E2E_FAKE_RESEND_PORT, rejectDomains: [REJECTED_EMAIL_DOMAIN] });
  // Twilio's API, faked the same way: texts go through the real SDK; the fake reports delivery and posts replies.
  const fakeTwilio = await startFakeTwilio({
    port: E2E_FAKE_TWILIO_PORT,
    accountSid: E2E_TWILIO.accountSid,
    authToken: E2E_TWILIO.authToken,
    inboundUrl: `http://localhost:${E2E_PORT}/api/webhooks/twilio/inbound`,
    autoReport: {},
  });
  const previousCleanup = cleanup;
  cleanup = async () => {
    await fake.close();
    await fakeTwilio.close();
    await previousCleanup();
  };

  const child = spawn(
    process.execPath,
    [require.resolve('next/dist/bin/next'), 'start', '-p', String(E2E_PORT)],
    {
      // The server's log goes to the terminal as before and to a file a test can read.
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...dbEnv,
        NODE_ENV: 'production',
        NEXT_DIST_DIR: E2E_DIST_DIR,
        APP_URL: `http://localhost:${E2E_PORT}`,
        AUTH_SECRET: randomBytes(32).toString('hex'),
        AUTH_TRUST_HOST: 'true',
        SEED_DEMO_DATA: '1',
        DEMO_PASSWORD: E2E_DEMO_PASSWORD,
        // The demo logins sign in with the password alone here, as on a laptop (a production build ignores
        // their waiver otherwise). Accounts the tests create through invitations need MFA like real ones.
        DEMO_MFA_WAIVER: '1',
        // Browser tests fill the form in a second or two; the bot rule itself has its own test.
        FORM_MIN_FILL_SECONDS: '0',
        // Every browser test sends its requests from this one address; the limit itself has integration tests.
        FORM_MAX_PER_IP_PER_HOUR: '1000',
        NEXT_TELEMETRY_DISABLED: '1',
        RESEND_API_KEY: 're_e2e_fake',
        RESEND_BASE_URL: fake.url,
        RESEND_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
        HEALTH_TOKEN: E2E_HEALTH_TOKEN,
        TWILIO_ACCOUNT_SID: E2E_TWILIO.accountSid,
        TWILIO_AUTH_TOKEN: E2E_TWILIO.authToken,
        TWILIO_FROM_NUMBER: E2E_TWILIO.from,
        TWILIO_BASE_URL: fakeTwilio.url,
        // Browser tests run at any hour; quiet hours have their own unit and integration tests at fixed times.
        TEXT_QUIET_HOURS_OFF: '1',
        EMAIL_WORKER_INTERVAL_MS: '500',
        EMAIL_SEND_RATE_PER_SECOND: '50',
      },
    },
  );

  // Every line goes to the file; the terminal (Playwright's output) gets only what needs a reader: warnings,
  // errors and anything that is not a JSON log line. A line per request would bury the test report.
  const logFile = createWriteStream(e2eServerLogFile(E2E_PORT), { flags: 'w' });
  const worthShowing = (line: string) => !line.startsWith('{') || /"level":"(warn|error|fatal)"/.test(line);
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    createInterface({ input: from }).on('line', (line) => {
      logFile.write(`${line}\n`);
      if (worthShowing(line)) to.write(`${line}\n`);
    });
  }

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(null);
        }, 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(null);
        });
      });
    }
    await cleanup().catch((error: unknown) => console.error('[e2e] cleanup failed:', (error as Error).message));
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  child.on('exit', (code) => void stop(code ?? 1));
}

main().catch((error: unknown) => {
  console.error(`[e2e] ${(error as Error).message}`);
  process.exit(1);
});
