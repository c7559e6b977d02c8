import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL from db/schema.ts here; the app applies migrations itself
// at start-up (db/migrate.ts), on the embedded database or on DATABASE_URL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  strict: true,
  verbose: true,
});
