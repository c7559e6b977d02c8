import { describe, expect, it } from 'vitest';
import { assertStartupConfig, ConfigError, parseEnv, PUBLISHED_DEMO_PASSWORD } from '@/lib/env';

const productionBase = {
  NODE_ENV: 'production',
  APP_URL: 'https://clinic.example.com',
  AUTH_SECRET: 'x'.repeat(32),
  DATABASE_URL: 'postgres://app@db.internal:5432/clinic',
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('gives development safe defaults: embedded database, demo clinic identity', () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe('.data/pglite');
    expect(env.CLINIC_TIME_ZONE).toBe('America/Los_Angeles');
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', RESEND_API_KEY: '' }).DATABASE_URL).toBeUndefined();
  });

  it('accepts a complete production configuration', () => {
    expect(assertStartupConfig(productionBase).DATABASE_URL).toBe(productionBase.DATABASE_URL);
  });

  it.each(['APP_URL', 'AUTH_SECRET', 'DATABASE_URL'] as const)('refuses to start in production without %s, naming it', (name) => {
    const problems = problemsOf(() => assertStartupConfig({ ...productionBase, [name]: undefined }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: is required in production`));
  });

  it('lets production run on the embedded database only when that is deliberate', () => {
    const env = assertStartupConfig({ ...productionBase, DATABASE_URL: undefined, ALLOW_EMBEDDED_DB: '1' });
    expect(env.ALLOW_EMBEDDED_DB).toBe(true);
  });

  it('refuses to seed the demo clinic in production with the password the README publishes', () => {
    const problems = problemsOf(() => assertStartupConfig({ ...productionBase, SEED_DEMO_DATA: '1' }));
    expect(problems).toEqual([expect.stringMatching(/^SEED_DEMO_DATA: the demo logins would have the password printed in the README/)]);
    expect(() => assertStartupConfig({ ...productionBase, SEED_DEMO_DATA: '1', DEMO_PASSWORD: PUBLISHED_DEMO_PASSWORD })).toThrow(ConfigError);
    expect(assertStartupConfig({ ...productionBase, SEED_DEMO_DATA: '1', DEMO_PASSWORD: 'a password of our own' }).SEED_DEMO_DATA).toBe(true);
    // Development keeps the published one: it is what the quick start prints.
    expect(parseEnv({ NODE_ENV: 'development' }).DEMO_PASSWORD).toBe(PUBLISHED_DEMO_PASSWORD);
  });

  it('refuses the e2e harness’s MFA waiver switch on a production server that does not seed demo data', () => {
    const problems = problemsOf(() => assertStartupConfig({ ...productionBase, DEMO_MFA_WAIVER: '1' }));
    expect(problems).toEqual([expect.stringMatching(/^DEMO_MFA_WAIVER: is for the e2e test server only/)]);
    expect(assertStartupConfig({ ...productionBase }).DEMO_MFA_WAIVER).toBe(false);
  });

  it('refuses the e2e harness’s "texts at any hour" switch on a production server that does not seed demo data', () => {
    const problems = problemsOf(() => assertStartupConfig({ ...productionBase, TEXT_QUIET_HOURS_OFF: '1' }));
    expect(problems).toEqual([expect.stringMatching(/^TEXT_QUIET_HOURS_OFF: is for the e2e test server only/)]);
    expect(assertStartupConfig({ ...productionBase }).TEXT_QUIET_HOURS_OFF).toBe(false);
  });

  it('refuses reminder hours that are not whole hours', () => {
    expect(() => parseEnv({ TEXT_REMINDER_HOURS: '24,two' })).toThrow(/TEXT_REMINDER_HOURS: must be whole hours/);
    expect(parseEnv({}).TEXT_REMINDER_HOURS).toBe('24,2');
  });

  it('names a malformed variable and says what is wrong', () => {
    const problems = problemsOf(() => parseEnv({ DATABASE_URL: 'not a url', AUTH_SECRET: 'short' }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DATABASE_URL: must be a postgres:\/\/ URL/),
        expect.stringMatching(/^AUTH_SECRET: must be at least 32 characters/),
      ]),
    );
  });

  it('does not require production secrets outside production', () => {
    expect(() => assertStartupConfig({ NODE_ENV: 'test' })).not.toThrow();
  });
});
