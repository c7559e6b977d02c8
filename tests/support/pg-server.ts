// Finds the PostgreSQL server tests may use and makes throwaway databases on it.
// TEST_DATABASE_URL (or DATABASE_URL) names it; unset, a local server on 127.0.0.1:5432 is used when one
// answers; TEST_DATABASE_URL=pglite forces the embedded database only.
import postgres from 'postgres';

const LOCAL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = 'clinic_test_';

let detected: Promise<string | null> | undefined;

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/** The admin URL of the server to test on, or null when tests run on the embedded database only. */
export function serverUrl(): Promise<string | null> {
  detected ??= (async () => {
    const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
    if (configured === 'pglite' || configured === 'none') return null;
    if (configured) {
      // Named explicitly: an unreachable server is an error, not a silent fallback.
      if (!(await answers(configured))) throw new Error(`TEST_DATABASE_URL does not answer: ${redact(configured)}`);
      return configured;
    }
    return (await answers(LOCAL_DEFAULT)) ? LOCAL_DEFAULT : null;
  })();
  return detected;
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** Creates an empty database on the server; returns its URL and a function that drops it. */
export async function createServerDatabase(adminUrl: string, purpose: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${PREFIX}${purpose}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await dropStaleDatabases(admin);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
  };
}

/**
 * Databases left by a run that was killed (names carry their creation time): dropped after 3 hours by the
 * server's clock, not this process's: `npm run test:later` runs with its clock 400 days ahead, and by its own
 * clock every other run's database would look stale (it dropped them mid-run). A later run's own names lie in
 * the server's future and are left alone.
 */
async function dropStaleDatabases(admin: postgres.Sql): Promise<void> {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${PREFIX}%`}`;
  const [server] = await admin<{ ms: number }[]>`select (extract(epoch from now()) * 1000)::float8 as ms`;
  const cutoff = server!.ms - 3 * 3_600_000;
  for (const { datname } of rows) {
    const created = Number(datname.split('_').at(-2));
    if (Number.isFinite(created) && created < cutoff) {
      await admin.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {});
    }
  }
}
