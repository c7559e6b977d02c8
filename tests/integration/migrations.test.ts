import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@/db/migrate';
import { availableBackends, createTestDatabase, type TestDatabase } from '../support/db';

const expectedTables = [
  'appointments',
  'audit_log',
  'auth_tokens',
  'availability_rules',
  'call_logs',
  'closures',
  'consult_drafts',
  'consultation_requests',
  'email_events',
  'email_messages',
  'email_send_rate',
  'email_suppressions',
  'follow_up_tasks',
  'lead_activities',
  'lead_status_counts',
  'leads',
  'locations',
  'login_attempts',
  'providers',
  'rate_limits',
  'staff_passkeys',
  'staff_recovery_codes',
  'staff_sessions',
  'staff_totp',
  'staff_users',
  'text_consents',
  'text_events',
  'text_messages',
  'text_numbers',
  'text_settings',
];

const opened: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((d) => d.dispose()));
});

describe.each(await availableBackends())('migrations on %s', (backend) => {
  it('apply cleanly to an empty database, create every table, and are a no-op the second time', async () => {
    const db = await createTestDatabase(backend, { migrate: false });
    opened.push(db);
    const tablesBefore = rows<{ n: number }>(
      await db.db.execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`),
    );
    expect(tablesBefore[0]?.n).toBe(0);

    await migrateDatabase(db);
    const tables = rows<{ table_name: string }>(
      await db.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      ),
    ).map((r) => r.table_name);
    expect(tables).toEqual(expectedTables);

    const applied = rows<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    await migrateDatabase(db);
    const appliedAgain = rows<{ n: number }>(
      await db.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    expect(appliedAgain[0]?.n).toBe(applied[0]?.n);
    expect(applied[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it('creates the constraints that the code relies on', async () => {
    const db = await createTestDatabase(backend);
    opened.push(db);
    const constraints = rows<{ conname: string }>(
      await db.db.execute(sql`select conname from pg_constraint where contype = 'x' order by conname`),
    ).map((r) => r.conname);
    expect(constraints).toEqual(['appointments_no_overlap', 'availability_rules_no_overlap']);
    const triggers = rows<{ tgname: string }>(
      await db.db.execute(sql`select tgname from pg_trigger where not tgisinternal`),
    ).map((r) => r.tgname);
    expect(triggers).toContain('audit_log_append_only');
  });
});

/** postgres.js returns an array of rows, PGlite an object with `rows`. */
function rows<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
