// Backups and restores of the app's database (`npm run db:backup`, `npm run db:restore`; docs/operations.md).
// PostgreSQL: pg_dump's custom format, restored with pg_restore in one transaction. The embedded PGlite: its data
// directory as a gzipped tarball (dumpDataDir), loaded into an empty DATA_DIR. Each backup gets a manifest beside
// it (`<file>.json`: kind, time, per-table row counts; nothing personal, no credentials) that a restore checks
// the restored database against. Files are 0600 (health data). Credentials never reach the command line or output.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { acquireDirectoryLock } from './lock';

export type BackupKind = 'postgres' | 'pglite';
/** Rows per table: `name` for the app's tables, `drizzle.__drizzle_migrations` for the migrations applied. */
export type TableCounts = Record<string, number>;

export type Manifest = {
  kind: BackupKind;
  createdAt: string;
  serverVersion: string;
  tables: TableCounts;
};

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** A restore refused because the database has data: nothing was changed. */
export class RestoreRefusedError extends BackupError {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

// ------------------------------------------------------------------------------------------ pure rules

/** backups/clinic-<kind>-20261202T123456Z.<ext>: sorts by time, and says what it holds. */
export function defaultBackupPath(kind: BackupKind, now: Date, dir = 'backups'): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return path.join(dir, `clinic-${kind}-${stamp}.${kind === 'postgres' ? 'dump' : 'tar.gz'}`);
}

export const manifestPath = (file: string) => `${file}.json`;

/** The major version in `pg_dump --version`'s answer ("pg_dump (PostgreSQL) 15.20 (Debian …)"), or null. */
export function toolMajor(versionOutput: string): number | null {
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(versionOutput);
  return match ? Number(match[1]) : null;
}

/** The server's major version from `server_version_num` (150020 → 15). */
export const serverMajor = (versionNum: string | number): number => Math.floor(Number(versionNum) / 10_000);

/** Why this pg_dump cannot back up this server (older than it), or null when it can. */
export function dumpVersionProblem(tool: string, dumpMajor: number | null, server: number): string | null {
  if (dumpMajor === null) return `Could not read ${tool}'s version: is it installed (postgresql-client)?`;
  if (dumpMajor >= server) return null;
  return (
    `${tool} is version ${dumpMajor} but the server is PostgreSQL ${server}: ${tool} must be as new as the server. ` +
    `Install postgresql-client-${server} and put its directory first in PATH (Debian: /usr/lib/postgresql/${server}/bin).`
  );
}

export const totalRows = (counts: TableCounts): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** Rows in the app's own tables (not the migrations' record): what a restore would replace. */
export const dataRows = (counts: TableCounts): number =>
  Object.entries(counts).reduce((sum, [table, n]) => (table.includes('.') ? sum : sum + n), 0);

/** One line per table, aligned: "  leads ........ 12". */
export function formatCounts(counts: TableCounts): string {
  const names = Object.keys(counts).sort();
  const width = Math.max(0, ...names.map((n) => n.length));
  return names.map((n) => `  ${n.padEnd(width)}  ${counts[n]}`).join('\n');
}

/** How `actual` differs from `expected`: one line per table missing, extra or with another count. */
export function countDifferences(expected: TableCounts, actual: TableCounts): string[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return tables.flatMap((t) => {
    if (!(t in actual)) return [`${t}: missing (the backup had ${expected[t]} rows)`];
    if (!(t in expected)) return [`${t}: not in the backup (${actual[t]} rows now)`];
    return expected[t] === actual[t] ? [] : [`${t}: ${actual[t]} rows, the backup had ${expected[t]}`];
  });
}

/**
 * A URL libpq tools can take without the password (it goes in PGPASSWORD, out of `ps` and of any message).
 * postgres.js's `ssl=true|require` becomes libpq's `sslmode=require`.
 */
export function toolConnection(url: string): { dbname: string; password?: string } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  const ssl = u.searchParams.get('ssl');
  if (ssl !== null) {
    u.searchParams.delete('ssl');
    if (ssl !== 'false' && !u.searchParams.has('sslmode')) u.searchParams.set('sslmode', ssl === 'true' ? 'require' : ssl);
  }
  return { dbname: u.toString(), password };
}

/** The URL for messages: host, port and database only. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/** What the file is, from its first bytes: pg_dump's custom format starts "PGDMP", a gzip file 1f 8b. */
export function sniffBackup(head: Buffer): BackupKind | null {
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  return null;
}

// ------------------------------------------------------------------------------------------ counting

type Query = (text: string) => Promise<Record<string, unknown>[]>;

const TABLES = `select table_schema as s, table_name as t from information_schema.tables
  where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rows per table of the app's schema and of the migrations' record. */
export async function countTables(query: Query): Promise<TableCounts> {
  const counts: TableCounts = {};
  for (const row of await query(TABLES)) {
    const schema = String(row.s);
    const table = String(row.t);
    const [n] = await query(`select count(*)::int as n from ${quoteIdent(schema)}.${quoteIdent(table)}`);
    counts[schema === 'public' ? table : `${schema}.${table}`] = Number(n?.n ?? 0);
  }
  return counts;
}

// ------------------------------------------------------------------------------------------ files

/** A new file only its owner can read (0600), in a directory only its owner can list when we create it. */
function openPrivateFile(file: string): number {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return openSync(file, 'wx', 0o600);
}

function writePrivateFile(file: string, data: Uint8Array | string): void {
  const fd = openPrivateFile(file);
  try {
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600);
}

/** Writes to `<file>.partial` and renames once complete: a failed backup never leaves a file that looks whole. */
async function writeAtomically(file: string, write: (partial: string) => Promise<void>): Promise<void> {
  if (existsSync(file)) throw new BackupError(`${file} already exists: choose another name.`);
  const partial = `${file}.partial`;
  try {
    await write(partial);
    chmodSync(partial, 0o600);
    renameSync(partial, file);
  } catch (error) {
    if (existsSync(partial)) unlinkSync(partial);
    throw error;
  }
}

function writeManifest(file: string, manifest: Manifest): void {
  const target = manifestPath(file);
  if (existsSync(target)) unlinkSync(target);
  writePrivateFile(target, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest written beside a backup, or null when there is none (a file copied without it). */
export function readManifest(file: string): Manifest | null {
  const target = manifestPath(file);
  if (!existsSync(target)) return null;
  return JSON.parse(readFileSync(target, 'utf8')) as Manifest;
}

export function fileSize(file: string): number {
  return statSync(file).size;
}

// ------------------------------------------------------------------------------------------ PostgreSQL

/** Runs a libpq tool; its error output has the password scrubbed (it should never contain it, but it is health data's key). */
function runTool(tool: string, args: string[], options: { password?: string; stdoutFd?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      env: { ...process.env, ...(options.password ? { PGPASSWORD: options.password } : {}) },
      stdio: ['ignore', options.stdoutFd ?? 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => reject(new BackupError(`Could not run ${tool}: ${error.message}`)));
    child.on('close', (code) => {
      const scrubbed = options.password ? stderr.split(options.password).join('***') : stderr;
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} failed (exit ${code}):\n${scrubbed.trim()}`));
    });
  });
}

function toolVersion(tool: string): number | null {
  const result = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? toolMajor(result.stdout) : null;
}

async function openServer(url: string) {
  const { default: postgres } = await import('postgres');
  return postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
}

/**
 * pg_dump -Fc of the database. The row counts are taken in the very snapshot pg_dump dumps (an exported
 * snapshot), so the manifest describes exactly what the file holds even while the app keeps writing.
 */
export async function backupPostgres(url: string, file: string, now: Date): Promise<Manifest> {
  const sql = await openServer(url);
  try {
    const [version] = await sql<{ server_version: string; num: string }[]>`
      select current_setting('server_version') as server_version, current_setting('server_version_num') as num`;
    const problem = dumpVersionProblem('pg_dump', toolVersion('pg_dump'), serverMajor(version!.num));
    if (problem) throw new BackupError(problem);
    const { dbname, password } = toolConnection(url);
    let tables: TableCounts = {};
    await writeAtomically(file, async (partial) => {
      await sql.begin('isolation level repeatable read read only', async (tx) => {
        const [snapshot] = await tx<{ id: string }[]>`select pg_export_snapshot() as id`;
        tables = await countTables((text) => tx.unsafe(text));
        const fd = openPrivateFile(partial);
        try {
          await runTool('pg_dump', ['--format=custom', `--snapshot=${snapshot!.id}`, `--dbname=${dbname}`], { password, stdoutFd: fd });
        } finally {
          closeSync(fd);
        }
      });
    });
    const manifest: Manifest = { kind: 'postgres', createdAt: now.toISOString(), serverVersion: version!.server_version, tables };
    writeManifest(file, manifest);
    return manifest;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export type RestoreResult = { tables: TableCounts; replaced: TableCounts; notes: string[] };

/** Refuses (BackupError) to replace a database that has data, unless forced; says what it holds. */
function refuseIfData(where: string, counts: TableCounts, force: boolean): void {
  if (force || dataRows(counts) === 0) return;
  const withRows = Object.fromEntries(Object.entries(counts).filter(([t, n]) => n > 0 && !t.includes('.')));
  throw new RestoreRefusedError(
    `${where} already has data (${dataRows(counts)} rows); a restore would replace all of it:\n${formatCounts(withRows)}\n` +
      'Nothing was changed. Restore into an empty database, or run again with --force to replace it.',
  );
}

/** pg_restore --clean --if-exists --no-owner in one transaction: all of the backup, or nothing changed. */
export async function restorePostgres(url: string, file: string, options: { force: boolean }): Promise<RestoreResult> {
  const sql = await openServer(url);
  try {
    const replaced = await countTables((text) => sql.unsafe(text));
    refuseIfData(describeUrl(url), replaced, options.force);
    const notes: string[] = [];
    const args = ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error'];
    // The least-privilege grants name the clinic_app role; a new server may not have it yet.
    const [role] = await sql`select 1 from pg_roles where rolname = 'clinic_app'`;
    if (!role) {
      args.push('--no-privileges');
      notes.push('The role clinic_app does not exist on this server: grants were not restored (docs/operations.md, least privilege).');
    }
    const { dbname, password } = toolConnection(url);
    await runTool('pg_restore', [...args, `--dbname=${dbname}`, file], { password });
    return { tables: await countTables((text) => sql.unsafe(text)), replaced, notes };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// ------------------------------------------------------------------------------------------ PGlite

async function createPglite(dir: string, loadDataDir?: Blob): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return PGlite.create(dir, { extensions: { btree_gist, pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
}

const pgliteQuery = (client: PGlite): Query => async (text) => (await client.query<Record<string, unknown>>(text)).rows;

/** Relative to the working directory when inside it, absolute otherwise. */
const shortPath = (p: string) => (path.relative(process.cwd(), p).startsWith('..') ? p : path.relative(process.cwd(), p));

const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/** Holds the directory's lock (refused while a server has it open) for the length of `fn`. */
async function withDirectoryLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(dir), { recursive: true });
  const release = acquireDirectoryLock(dir);
  try {
    return await fn();
  } finally {
    release();
  }
}

/** The embedded database's directory as a gzipped tarball; the server must not be running on it (lock). */
export async function backupPglite(dataDir: string, file: string, now: Date): Promise<Manifest> {
  const dir = path.resolve(dataDir);
  if (isEmptyDir(dir)) throw new BackupError(`There is no embedded database at ${dataDir}: nothing to back up.`);
  return withDirectoryLock(dir, async () => {
    const client = await createPglite(dir);
    try {
      const [version] = await pgliteQuery(client)(`select current_setting('server_version') as v`);
      const tables = await countTables(pgliteQuery(client));
      const tarball = await client.dumpDataDir('gzip');
      const bytes = new Uint8Array(await tarball.arrayBuffer());
      await writeAtomically(file, async (partial) => writePrivateFile(partial, bytes));
      const manifest: Manifest = { kind: 'pglite', createdAt: now.toISOString(), serverVersion: String(version?.v), tables };
      writeManifest(file, manifest);
      return manifest;
    } finally {
      await client.close();
    }
  });
}

/**
 * Loads a tarball into DATA_DIR. An existing directory with data is refused unless forced; when replaced it is
 * moved aside (`<dir>.before-restore-<time>`), never deleted: the operator removes it once the restore is checked.
 */
export async function restorePglite(dataDir: string, file: string, options: { force: boolean; now: Date }): Promise<RestoreResult> {
  const dir = path.resolve(dataDir);
  return withDirectoryLock(dir, async () => {
    let replaced: TableCounts = {};
    const notes: string[] = [];
    if (!isEmptyDir(dir)) {
      const existing = await createPglite(dir);
      try {
        replaced = await countTables(pgliteQuery(existing));
      } finally {
        await existing.close();
      }
      refuseIfData(`The embedded database at ${dataDir}`, replaced, options.force);
      const aside = `${dir}.before-restore-${defaultBackupPath('pglite', options.now, '').replace(/^clinic-pglite-|\.tar\.gz$/g, '')}`;
      renameSync(dir, aside);
      notes.push(`The previous directory was moved to ${shortPath(aside)}; delete it once the restore is checked.`);
    }
    const client = await createPglite(dir, new Blob([readFileSync(file)]));
    try {
      return { tables: await countTables(pgliteQuery(client)), replaced, notes };
    } finally {
      await client.close();
    }
  });
}
