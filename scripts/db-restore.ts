// `npm run db:restore FILE [--force]`: restores a backup made by `npm run db:backup` into the configured database
// (DATABASE_URL, or the embedded PGlite under DATA_DIR with no server running on it). Refuses to replace a
// database that has data unless --force, and says what it holds. Afterwards prints the rows per table and checks
// them against the backup's manifest. An older backup is brought up to date by the next start (or db:migrate).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  countDifferences,
  dataRows,
  describeUrl,
  formatCounts,
  readManifest,
  restorePglite,
  restorePostgres,
  RestoreRefusedError,
  sniffBackup,
  totalRows,
} from '../db/backup';
import { parseEnv } from '../lib/env';

const USAGE = 'Usage: npm run db:restore FILE [--force]   (--force: replace a database that has data)';
/** Exit status of a refused restore (the database has data): nothing was changed. */
const REFUSED = 2;

function migrationsInRepository(): number {
  const journal = JSON.parse(readFileSync(path.join(process.cwd(), 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

async function main() {
  const args = process.argv.slice(2);
  if (args.some((a) => a === '--help' || a === '-h')) return console.info(USAGE);
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (files.length !== 1 || files[0]!.startsWith('-')) throw new Error(USAGE);
  const file = files[0]!;
  if (!existsSync(file)) throw new Error(`No such file: ${file}`);

  const config = parseEnv(process.env);
  // Restoring drops and creates tables: the tables' owner when one is configured.
  const url = config.DATABASE_URL ? (config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL) : undefined;
  const kind = sniffBackup(readFileSync(file).subarray(0, 5));
  const target = url ? describeUrl(url) : `the embedded database at ${config.DATA_DIR}`;
  if (kind !== (url ? 'postgres' : 'pglite')) {
    throw new Error(
      kind === null
        ? `${file} is not a backup made by npm run db:backup.`
        : `${file} is a ${kind === 'postgres' ? 'PostgreSQL (pg_dump)' : 'PGlite'} backup and cannot be restored into ${target}.`,
    );
  }

  const result = url ? await restorePostgres(url, file, { force }) : await restorePglite(config.DATA_DIR, file, { force, now: new Date() });
  if (dataRows(result.replaced) > 0) console.info(`Replaced what ${target} held (${dataRows(result.replaced)} rows).`);
  for (const note of result.notes) console.info(note);
  console.info(`Restored ${file} into ${target}. Rows per table (${totalRows(result.tables)} in all):\n${formatCounts(result.tables)}`);

  const manifest = readManifest(file);
  if (!manifest) {
    console.info(`No manifest (${file}.json) beside the file: compare the counts above with the backup's output.`);
  } else {
    const differences = countDifferences(manifest.tables, result.tables);
    if (differences.length) throw new Error(`The restored database does not match the backup's manifest:\n  ${differences.join('\n  ')}`);
    console.info(`Verified: every table has the row count the backup recorded (${manifest.createdAt}).`);
  }
  const applied = result.tables['drizzle.__drizzle_migrations'] ?? 0;
  const known = migrationsInRepository();
  if (applied < known) console.info(`The backup has ${applied} of ${known} migrations: the next start (or npm run db:migrate) applies the rest.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof RestoreRefusedError ? REFUSED : 1);
});
