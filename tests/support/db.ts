// Real databases for integration tests: a fresh in-memory PGlite, and a fresh database on the
// PostgreSQL server when one is available. Never a mock.
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
    return { ...handle, backend, dispose: handle.close };
  }
  const admin = await serverUrl();
  if (!admin) throw new Error('No PostgreSQL server available for tests');
  const created = await createServerDatabase(admin, 'it');
  const handle = await openPostgres(created.url, { max: 20 });
  if (migrate) await migrateDatabase(handle);
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
