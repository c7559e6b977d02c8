// The three settings the database layer reads from the environment, read here so db/ imports nothing from
// lib/ (pure). lib/env.ts validates the whole configuration at start with the same rules; this reads the same
// variables the same way: blank is unset, a URL must parse, DATA_DIR defaults to .data/pglite.

export type DbConfig = {
  /** A PostgreSQL server; unset means the embedded PGlite under DATA_DIR. */
  DATABASE_URL?: string;
  /** The tables' owner, for migrations (docs/operations.md); unset means DATABASE_URL. */
  MIGRATION_DATABASE_URL?: string;
  DATA_DIR: string;
};

function optionalUrl(name: string, value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  try {
    new URL(trimmed);
  } catch {
    throw new Error(`${name}: must be a postgres:// URL`);
  }
  return trimmed;
}

export function readDbConfig(source: Record<string, string | undefined> = process.env): DbConfig {
  return {
    DATABASE_URL: optionalUrl('DATABASE_URL', source.DATABASE_URL),
    MIGRATION_DATABASE_URL: optionalUrl('MIGRATION_DATABASE_URL', source.MIGRATION_DATABASE_URL),
    DATA_DIR: source.DATA_DIR ?? '.data/pglite',
  };
}
