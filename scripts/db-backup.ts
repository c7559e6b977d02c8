// `npm run db:backup [FILE]`: a backup of the configured database (DATABASE_URL: pg_dump's custom format;
// otherwise the embedded PGlite under DATA_DIR, which no server may have open). Default file:
// backups/clinic-<kind>-<UTC time>.<ext>, mode 0600, with a manifest beside it. Prints the path, the size and
// the rows per table; never a credential. docs/operations.md has the schedule and the restore drill.
import { performance } from 'node:perf_hooks';
import { backupPglite, backupPostgres, defaultBackupPath, describeUrl, fileSize, formatCounts, manifestPath, totalRows } from '../db/backup';
import { parseEnv } from '../lib/env';

const USAGE = 'Usage: npm run db:backup [FILE]   (default: backups/clinic-<kind>-<UTC time>.<dump|tar.gz>)';

async function main() {
  const args = process.argv.slice(2);
  if (args.some((a) => a === '--help' || a === '-h')) return console.info(USAGE);
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) throw new Error(USAGE);
  const config = parseEnv(process.env);
  const now = new Date();
  // The tables' owner when one is configured: a least-privileged app role may not read everything.
  const url = config.DATABASE_URL ? (config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL) : undefined;
  const file = args[0] ?? defaultBackupPath(url ? 'postgres' : 'pglite', now);
  const started = performance.now();
  const manifest = url ? await backupPostgres(url, file, now) : await backupPglite(config.DATA_DIR, file, now);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.info(`Backed up ${url ? describeUrl(url) : `the embedded database at ${config.DATA_DIR}`} (server ${manifest.serverVersion}).`);
  console.info(`File: ${file} (${fileSize(file)} bytes, ${seconds} s, mode 0600); manifest: ${manifestPath(file)}`);
  console.info(`Rows per table (${totalRows(manifest.tables)} in all):\n${formatCounts(manifest.tables)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
