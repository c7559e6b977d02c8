// A throwaway database on the local PostgreSQL server for a benchmark: created and migrated at the start, dropped
// at the end whatever happens. BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local default, names the server.
import postgres, { type Sql } from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import * as schema from '@/db/schema';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type Captured = { query: string; params: unknown[] };

export type ScratchDb = {
  name: string;
  url: string;
  /** A raw client for the seed and the plans. */
  client: Sql;
  /** The app's kind of handle (drizzle over postgres.js), with a pool of `max` connections like production's. */
  db: Database;
  /** Every statement `db` sent since the last clear, so a plan printed is the plan of the real query. */
  captured: Captured[];
};

/** Creates and migrates a database, runs `body`, and drops the database afterwards. */
export async function withScratchDatabase<T>(prefix: string, options: { max?: number }, body: (scratch: ScratchDb) => Promise<T>): Promise<T> {
  const name = `${prefix}_${Date.now()}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const captured: Captured[] = [];
  const client = postgres(url.toString(), { max: 4, onnotice: () => {} });
  // The same settings as db/client.ts openPostgres (a pool of 10 by default).
  const appClient = postgres(url.toString(), {
    max: options.max ?? 10,
    idle_timeout: 20,
    connect_timeout: 10,
    onnotice: () => {},
    debug: (_conn, query, params) => {
      if (captured.length < 10_000) captured.push({ query, params: params as unknown[] });
    },
  });
  const db = drizzle(appClient, { schema }) as unknown as Database;
  try {
    await migrateDatabase({ db, kind: 'postgres', url: url.toString(), label: name, close: async () => {} });
    return await body({ name, url: url.toString(), client, db, captured });
  } finally {
    await appClient.end({ timeout: 5 });
    await client.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
    console.info(`\ndropped ${name}`);
  }
}
