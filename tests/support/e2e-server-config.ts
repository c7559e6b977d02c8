// Shared by the e2e runner and the e2e server: the production build the tests run lives apart from `.next`.
export const E2E_DIST_DIR = process.env.E2E_DIST_DIR ?? '.next-e2e';

/** The fake Resend the e2e server sends through; tests read the inbox at /_fake/messages. */
export const E2E_FAKE_RESEND_PORT = Number(process.env.E2E_FAKE_RESEND_PORT ?? 3231);

/** The webhook signing secret of the e2e server: a test value for the fake, never a real Resend secret. */
export const E2E_WEBHOOK_SECRET = `whsec_${Buffer.from('e2e-only-webhook-secret-000').toString('base64')}`;

/**
 * The e2e server refuses to save a patient whose email address is at this domain (a trigger installed by
 * tests/support/e2e-server.ts): the tests' one way to make a real server action fail.
 */
export const FAULT_EMAIL_DOMAIN = 'fault.test';

/** The e2e server's fake Resend refuses mail to this domain (422, not retried): how a test gets a failed email. */
export const REJECTED_EMAIL_DOMAIN = 'rejected.test';

/**
 * Where the e2e server leaves the address of its PostgreSQL database (one per port, so two runs never mix),
 * for the few tests that must change a row the browser cannot reach honestly (a session's last confirmation).
 * With no PostgreSQL server (embedded PGlite, one process only) there is no such file.
 */
export const e2eDatabaseFile = (port: number) => `${E2E_DIST_DIR}/e2e-database-${port}.json`;

/** The demo logins' password on the e2e server: a production start refuses the one the README publishes. */
export const E2E_DEMO_PASSWORD = 'e2e-only-demo-password-7c41';

/** Everything the e2e server process writes (its JSON log lines), one file per port: tests/e2e/logs.spec.ts reads it. */
export const e2eServerLogFile = (port: number) => `${E2E_DIST_DIR}/server-${port}.log`;
/** The e2e server's bearer token for GET /api/health?deep=1: a test value, never a real deployment's. */
export const E2E_HEALTH_TOKEN = 'e2e-only-health-token-0123456789abcdef';

/** The fake Twilio the e2e server texts through (tests read /_fake/messages and post replies via /_fake/reply). */
export const E2E_FAKE_TWILIO_PORT = Number(process.env.E2E_FAKE_TWILIO_PORT ?? E2E_FAKE_RESEND_PORT + 1);

/** The e2e server's Twilio account: test values for the fake, never a real account's. */
export const E2E_TWILIO = { accountSid: `AC${'e2e0'.repeat(8)}`, authToken: 'e2e-only-twilio-auth-token-0000', from: '+13105550100' } as const;
