// Real databases for integration tests: a fresh in-memory PGlite, and a fresh database on the
// PostgreSQL server when one is available. Never a mock.
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { createServerDatabase, serverUrl } from './pg-server';

export type Backend = 'postgres' | 'pglite';

export type TestDatabase = DbHandle & { backend: Backend; dispose: () => Promise<void> };

export async function createTestDatabase(backend: Backend, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (backend === 'pglite') {
    const handle = await openPglite();
    if (migrate) await migrateDatabase(handle);
    if (migrate) await pinClockDefaults(handle);
    return { ...handle, backend, dispose: handle.close };
  }
  const admin = await serverUrl();
  if (!admin) throw new Error('No PostgreSQL server available for tests');
  const created = await createServerDatabase(admin, 'it');
  const handle = await openPostgres(created.url, { max: 20 });
  if (migrate) await migrateDatabase(handle);
  if (migrate) await pinClockDefaults(handle);
  return {
    ...handle,
    backend,
    dispose: async () => {
      await handle.close();
      await created.drop();
    },
  };
}

/** Every backend this run can test on: PGlite always, the server when one answers. */
export async function availableBackends(): Promise<Backend[]> {
  return (await serverUrl()) ? ['postgres', 'pglite'] : ['pglite'];
}

/** The backend for tests that need one: the real server when there is one. */
export async function primaryBackend(): Promise<Backend> {
  return (await serverUrl()) ? 'postgres' : 'pglite';
}

export { pgErrorCode as pgCode } from '@/db/errors';

/**
 * What a time column gets when nothing sets it, in every migrated test database: an instant no test uses.
 * A test compares times it controls; a row stamped by the database's own clock (`default now()`) would make
 * it depend on the day it runs (the server's clock is not the test's, and faketime moves only the test's).
 * With this, such a row sorts after everything and fails the test today, not on some later date.
 */
export const UNSET_TIME = '2999-12-31T00:00:00Z';

async function pinClockDefaults(handle: DbHandle): Promise<void> {
  type Column = { table_name: string; column_name: string };
  const result: unknown = await handle.db.execute(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and column_default ilike '%now()%'`);
  // postgres.js answers with the rows, PGlite with { rows }.
  const columns = (Array.isArray(result) ? result : (result as { rows: Column[] }).rows) as Column[];
  for (const c of columns) {
    await handle.db.execute(sql.raw(`alter table "${c.table_name}" alter column "${c.column_name}" set default '${UNSET_TIME}'::timestamptz`));
  }
}
