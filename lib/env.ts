// The product's configuration: every environment variable, validated once with zod.
import { z } from './zod';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A number, or undefined when unset or blank ("abc" stays NaN and is refused). */
const optionalNumber = optionalString.transform((v) => (v === undefined ? undefined : Number(v)));

const boolFlag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** The demo logins' password as the README prints it: fine on a laptop, refused by a production start. */
export const PUBLISHED_DEMO_PASSWORD = 'clinic-demo-2026';

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),

  // Database: a real server when set, the embedded PGlite under DATA_DIR otherwise.
  DATABASE_URL: optionalString.pipe(z.url({ message: 'must be a postgres:// URL' }).optional()),
  // The tables' owner, for migrations at start (docs/operations.md): DATABASE_URL can then be a login role in
  // `clinic_app`, which reads and writes data but cannot change the schema or the audit log. Unset: DATABASE_URL.
  MIGRATION_DATABASE_URL: optionalString.pipe(z.url({ message: 'must be a postgres:// URL' }).optional()),
  DATA_DIR: z.string().default('.data/pglite'),
  // Production refuses the embedded database unless this says it is deliberate (demos, e2e tests).
  ALLOW_EMBEDDED_DB: boolFlag,
  // The dev server seeds an empty database with demo data; production never does unless asked.
  SEED_DEMO_DATA: boolFlag,
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default(PUBLISHED_DEMO_PASSWORD),
  // Test harness only (tests/support/e2e-server.ts): lets the demo logins' MFA waiver count on a production
  // build. Without it a production server ignores that waiver, so a seeded demo login must set up MFA too.
  DEMO_MFA_WAIVER: boolFlag,

  // A whole request sent faster than this is taken for a bot and silently dropped.
  // Where the client's address comes from (lib/security/client-ip). x-forwarded-for: the entry TRUSTED_PROXY_HOPS
  // from the right (1: one load balancer that appends to it; 0: no proxy, no address). x-real-ip: only when the
  // proxy in front sets X-Real-IP itself. Without an address every per-address limit counts under one shared key.
  CLIENT_IP_HEADER: z.enum(['x-forwarded-for', 'x-real-ip']).default('x-forwarded-for'),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(1),
  FORM_MIN_FILL_SECONDS: z.coerce.number().int().min(0).max(600).default(6),
  // Consultation requests accepted from one address in an hour (people behind one shared address count together).
  FORM_MAX_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),

  APP_URL: optionalString.pipe(z.url().optional()),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  // During a rotation (docs/operations.md), the secret AUTH_SECRET had before: what was signed or sealed with it
  // (staff sessions, manage and unsubscribe links, sealed email links) is still accepted; nothing new is made
  // with it. Remove it once the longest-lived token made before the change has expired.
  AUTH_SECRET_PREVIOUS: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  AUTH_TRUST_HOST: boolFlag,
  // A staff session ends after this long without a request, and after STAFF_SESSION_MAX_HOURS in any case.
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  STAFF_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  // How much the server logs (JSON lines on stdout: lib/log.ts reads it directly, before anything else loads).
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: optionalString.pipe(z.url().optional()),
  RESEND_WEBHOOK_SECRET: optionalString,
  EMAIL_FROM: z.string().default('Clinic <appointments@example.com>'),
  // Resend's account limit (requests a second), shared by every worker process through PostgreSQL
  // (lib/email/rate.ts); 0 = no limit. Unset: the older EMAIL_SEND_RATE_PER_SECOND if set, else 2 (Resend's default).
  EMAIL_RATE_PER_SECOND: optionalNumber.pipe(z.number().min(0).max(1000).optional()),
  // Before EMAIL_RATE_PER_SECOND: the same figure, then per worker. Still read when the new one is unset.
  EMAIL_SEND_RATE_PER_SECOND: optionalNumber.pipe(z.number().positive().max(1000).optional()),
  EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  // The email worker runs inside the web server unless this is "off" (then run `npm run worker`).
  EMAIL_WORKER: z.enum(['in-process', 'off']).default('in-process'),
  EMAIL_WORKER_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).default(5_000),
  // How long a worker's claim on a message lasts: if the worker dies mid-send (kill -9, a crash), the message is
  // sent again after this, with the same Idempotency-Key (Resend answers a repeat with the first send's id).
  EMAIL_LOCK_SECONDS: z.coerce.number().int().min(5).max(3_600).default(600),
  // A request nobody has scheduled yet gets a follow-up email after this many days, at most FOLLOW_UP_MAX times.
  FOLLOW_UP_AFTER_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  FOLLOW_UP_MAX: z.coerce.number().int().min(0).max(2).default(2),
  STAFF_ALERT_EMAIL: z.string().default('frontdesk@example.com'),

  // Text messages through Twilio (lib/texts, docs/decisions/0017). Without the account SID and auth token texts
  // are rendered and kept for staff to read (`held`), and the Twilio webhooks answer 503.
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  // The sender: a Messaging Service (preferred: it handles STOP at Twilio too) or one number in E.164.
  TWILIO_MESSAGING_SERVICE_SID: optionalString,
  TWILIO_FROM_NUMBER: optionalString,
  // Tests and development only: a local stand-in for Twilio's API (tests/support/fake-twilio.ts), e.g. http://127.0.0.1:3040.
  TWILIO_BASE_URL: optionalString.pipe(z.url().optional()),
  // Reminders by text: hours before the appointment, comma-separated ("24,2": the day before and 2 hours before).
  TEXT_REMINDER_HOURS: z
    .string()
    .default('24,2')
    .refine((v) => /^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/.test(v), 'must be whole hours, comma-separated, like 24,2'),
  // Twilio's rate for one long-code number is about 1 text a second.
  TEXT_SEND_RATE_PER_SECOND: z.coerce.number().positive().max(100).default(1),
  TEXT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  // Test harness only (tests/support/e2e-server.ts): texts go at any hour, so browser tests do not depend on the
  // hour they run. A production start refuses it unless SEED_DEMO_DATA is set too (the e2e server).
  TEXT_QUIET_HOURS_OFF: boolFlag,

  // System health (docs/monitoring.md). The bearer token for GET /api/health?deep=1 (unset: the deep answer is
  // always refused); at least 32 characters, e.g. `openssl rand -hex 32`.
  HEALTH_TOKEN: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  // A problem when the oldest email due but not sent has waited longer than this many minutes.
  HEALTH_OLDEST_PENDING_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
  // A problem when this many emails or more failed for good in the last hour.
  HEALTH_FAILURES_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(5),
  // A problem when nothing was sent for this many hours while emails wait (0: off).
  HEALTH_NO_SEND_HOURS: z.coerce.number().int().min(0).max(168).default(2),
  // A warning when emails sent this many hours ago got no delivery report (webhook) since (0: off).
  HEALTH_WEBHOOK_SILENT_HOURS: z.coerce.number().int().min(0).max(23).default(2),
  // A problem that persists is emailed to the admins again at most this often.
  HEALTH_ALERT_REPEAT_HOURS: z.coerce.number().int().min(1).max(168).default(24),

  CLINIC_NAME: z.string().default('Stem Cell Institute'),
  CLINIC_PHYSICIAN: z.string().default('Dr. Marc Darrow'),
  CLINIC_ADDRESS: z.string().default('100 Example Avenue, Suite 200, Los Angeles, CA 90025'),
  CLINIC_PHONE: z.string().default('(310) 555-0142'),
  CLINIC_EMAIL: z.string().default('info@example.com'),
  CLINIC_TIME_ZONE: z.string().default('America/Los_Angeles'),
  CONTENT_REVIEWER: z.string().default('Dr. Marc Darrow, MD'),
});

export type Env = z.infer<typeof envSchema>;

/** Variables a production server cannot run without; each failure names the variable. */
const requiredInProduction: (keyof Env)[] = ['APP_URL', 'AUTH_SECRET'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses a given environment (pure: tests pass their own). Throws ConfigError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}

/**
 * The start-up check: everything parseEnv checks, plus what a production server
 * cannot run without. Called when the server starts, not at build time.
 */
export function assertStartupConfig(source: Record<string, string | undefined>): Env {
  const env = parseEnv(source);
  if (env.NODE_ENV !== 'production') return env;
  const problems = requiredInProduction
    .filter((key) => env[key] === undefined)
    .map((key) => `${key}: is required in production (see .env.example)`);
  if (env.SEED_DEMO_DATA && env.DEMO_PASSWORD === PUBLISHED_DEMO_PASSWORD) {
    problems.push('SEED_DEMO_DATA: the demo logins would have the password printed in the README; set DEMO_PASSWORD to one of your own, or unset SEED_DEMO_DATA');
  }
  if (env.TEXT_QUIET_HOURS_OFF && !env.SEED_DEMO_DATA) {
    problems.push('TEXT_QUIET_HOURS_OFF: is for the e2e test server only (texts must not go at night); unset it');
  }
  if (env.DEMO_MFA_WAIVER && !env.SEED_DEMO_DATA) {
    problems.push('DEMO_MFA_WAIVER: is for the e2e test server only (with SEED_DEMO_DATA); unset it');
  }
  if (!env.DATABASE_URL && !env.ALLOW_EMBEDDED_DB) {
    problems.push(
      'DATABASE_URL: is required in production (or set ALLOW_EMBEDDED_DB=1 to run on the embedded database, for a demo only)',
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return env;
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use (never at import, so `next build` needs no secrets). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The clinic's public identity, shown on every page and in every email. */
export function clinic() {
  const e = env();
  return {
    name: e.CLINIC_NAME,
    physician: e.CLINIC_PHYSICIAN,
    address: e.CLINIC_ADDRESS,
    phone: e.CLINIC_PHONE,
    email: e.CLINIC_EMAIL,
    timeZone: e.CLINIC_TIME_ZONE,
    reviewer: e.CONTENT_REVIEWER,
  };
}

export type Clinic = ReturnType<typeof clinic>;

/** Where this deployment's proxy puts the client's address (lib/security/client-ip's ClientIpSource). */
export function clientIpSource() {
  const e = env();
  return { header: e.CLIENT_IP_HEADER, trustedHops: e.TRUSTED_PROXY_HOPS };
}

/** The public base URL without a trailing slash (canonical links, sitemap, emails). */
/** Sends a second across all email workers (EMAIL_RATE_PER_SECOND, else the older per-worker setting, else 2); 0 = no limit. */
export function emailRatePerSecond(): number {
  const e = env();
  return e.EMAIL_RATE_PER_SECOND ?? e.EMAIL_SEND_RATE_PER_SECOND ?? 2;
}

export function appUrl(): string {
  return (env().APP_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
}

// Development and tests only: production refuses to start without AUTH_SECRET (assertStartupConfig).
const DEVELOPMENT_SECRET = 'development-only-secret-not-for-production-use-0000';

/** The secret behind sessions, signed links and sealed cookies: everything new is made with this one. */
export function authSecret(): string {
  return env().AUTH_SECRET ?? DEVELOPMENT_SECRET;
}

/** The secrets a signature or sealed value is accepted under: AUTH_SECRET, then AUTH_SECRET_PREVIOUS when set. */
export function authSecrets(): readonly string[] {
  const previous = env().AUTH_SECRET_PREVIOUS;
  const current = authSecret();
  return previous && previous !== current ? [current, previous] : [current];
}
