// The database connection: postgres.js when DATABASE_URL is set, embedded PGlite under DATA_DIR otherwise.
// One migrated instance per process, shared through globalThis because Next.js bundles this module
// more than once (instrumentation, route handlers, pages) and PGlite must be opened only once.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import { readDbConfig } from './config';
import { acquireDirectoryLock } from './lock';
import { migrateDatabase } from './migrate';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: queries take this so services choose the boundary. */
export type Executor = Database | Tx;

export type DbHandle = {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** The server's URL (postgres only): migrations take their own single connection. */
  url?: string;
  /** Where the data lives, without credentials: for the start-up log line. */
  label: string;
  close(): Promise<void>;
};

export type PostgresOptions = { max?: number };

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client: Sql = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 20,
    connect_timeout: 10,
    onnotice: () => {},
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  const u = new URL(url);
  return {
    db,
    kind: 'postgres',
    url,
    label: `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`,
    close: () => client.end({ timeout: 5 }),
  };
}

/** Embedded Postgres. `dataDir` undefined = in memory (tests); a directory = persisted and locked. */
export async function openPglite(dataDir?: string): Promise<DbHandle> {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    // Two processes on one PGlite directory corrupt it, and the build runs beside the server.
    throw new Error('The database must not be opened during `next build`: make the page dynamic (await connection()).');
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');

  let release = () => {};
  let dir: string | undefined;
  if (dataDir) {
    dir = path.resolve(dataDir);
    mkdirSync(path.dirname(dir), { recursive: true });
    release = acquireDirectoryLock(dir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dir ? dir : undefined, { extensions: { btree_gist, pg_trgm } });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    label: dir ? `embedded PGlite at ${path.relative(process.cwd(), dir) || dir}` : 'embedded PGlite in memory',
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** What db/ logs through: the product's logger, handed in at start (lib/startup.ts), since db/ imports nothing from lib/. */
export type DbLogger = { info(fields: Record<string, unknown>, message: string): void };

type Holder = { promise?: Promise<DbHandle>; logger?: DbLogger };
const holder: Holder = ((globalThis as { __clinicDb?: Holder }).__clinicDb ??= {});

/** Sets the logger for the database's own lines (kept on globalThis, like the handle: one per process). */
export function setDbLogger(logger: DbLogger): void {
  holder.logger = logger;
}

async function openConfigured(): Promise<DbHandle> {
  const config = readDbConfig();
  const handle = config.DATABASE_URL ? await openPostgres(config.DATABASE_URL) : await openPglite(config.DATA_DIR);
  try {
    // Migrations run as the tables' owner when one is configured; the app itself may be a least-privileged role.
    await migrateDatabase(config.DATABASE_URL && config.MIGRATION_DATABASE_URL ? { ...handle, url: config.MIGRATION_DATABASE_URL } : handle);
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  holder.logger?.info({ database: handle.label }, 'database open, migrations applied');
  return handle;
}

/** The process's database, opened and migrated on first use. A failed open is retried on the next call. */
export function getDbHandle(): Promise<DbHandle> {
  if (!holder.promise) {
    holder.promise = openConfigured().catch((error: unknown) => {
      holder.promise = undefined;
      throw error;
    });
  }
  return holder.promise;
}

export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}

/** Closes the process's database (tests, scripts, graceful shutdown). */
export async function closeDb(): Promise<void> {
  const pending = holder.promise;
  holder.promise = undefined;
  if (pending) await (await pending).close();
}
