// Applies db/migrations to a database. On a server, an advisory lock makes N app instances
// starting at once apply each migration exactly once.
import path from 'node:path';
import type { DbHandle } from './client';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

// Any fixed 64-bit number shared by every instance of this app.
const MIGRATION_LOCK_ID = 724_310_552;

export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder });
    return;
  }
  if (!handle.url) throw new Error('migrateDatabase: a postgres handle needs its url');
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const { sql } = await import('drizzle-orm');
  // One connection, so the session-level advisory lock covers the migrator's own transaction.
  const client = postgres(handle.url, { max: 1, onnotice: () => {} });
  const db = drizzle(client);
  try {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`);
    await migrate(db, { migrationsFolder });
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`);
  } finally {
    await client.end({ timeout: 5 });
  }
}
