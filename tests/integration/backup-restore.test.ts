// Backups a clinic can trust: the real `npm run db:backup` and `npm run db:restore` scripts (child processes)
// on a seeded database, restored into a fresh one, compared table by table (rows and a checksum of every row)
// and sequence by sequence; a restore over data without --force is refused and changes nothing; an older
// backup is brought up to date by the migrations. On a real PostgreSQL server and on the embedded PGlite.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '@/db/client';
import { buildLead } from '@/db/factories';
import { migrateDatabase, migrationsFolder } from '@/db/migrate';
import * as t from '@/db/schema';
import { fingerprint, runScript, seedForBackup } from '../support/backup';
import { availableBackends, createTestDatabase, type TestDatabase } from '../support/db';

const now = new Date('2026-11-25T18:00:00Z');
const work = mkdtempSync(path.join(tmpdir(), 'clinic-backup-test-'));
const opened: TestDatabase[] = [];

afterAll(async () => {
  await Promise.all(opened.map((d) => d.dispose()));
  rmSync(work, { recursive: true, force: true });
});

const modeOf = (file: string) => statSync(file).mode & 0o777;
const journalLength = () => (JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

async function database(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const db = await createTestDatabase('postgres', options);
  opened.push(db);
  return db;
}

/** The URL with a password in it: the server accepts it (or ignores it), and no output may ever show it. */
function withPassword(url: string, password: string): string {
  const u = new URL(url);
  if (!u.password) u.password = password;
  return u.toString();
}

// Every run has PGlite; the PostgreSQL half runs wherever a server answers (tests/support/pg-server.ts).
const servers = (await availableBackends()).filter((backend) => backend === 'postgres');

describe.each(servers)('backup and restore on %s (a server)', () => {
  const password = 'pw-must-never-be-printed';
  let source: TestDatabase;
  let before: Awaited<ReturnType<typeof fingerprint>>;
  const file = path.join(work, 'pg', 'clinic.dump');

  beforeAll(async () => {
    source = await database();
    await seedForBackup(source.db, now);
    before = await fingerprint(source);
  });

  it('backs up with pg_dump into a 0600 file with a manifest, printing the size and the rows per table, never the password', async () => {
    const backup = await runScript('db-backup', [file], { DATABASE_URL: withPassword(source.url!, password) });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}.json`)).toBe(0o600);
    expect(backup.stdout).toContain(`File: ${file} (${statSync(file).size} bytes`);
    expect(backup.stdout).toMatch(/^\s+leads\s+13$/m);
    expect(backup.stdout + backup.stderr).not.toContain(password);
    const manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { kind: string; tables: Record<string, number> };
    expect(manifest.kind).toBe('postgres');
    // Every table and its rows, exactly as the fingerprint counts them.
    expect(manifest.tables).toEqual(Object.fromEntries(Object.entries(before).filter(([k]) => !k.startsWith('sequence ')).map(([k, v]) => [k, v.rows])));
    // Every table of the app has rows in it: the comparison below covers every one with data.
    for (const [table, n] of Object.entries(manifest.tables)) expect(n, table).toBeGreaterThan(0);
  });

  it('restores into a fresh database: every table, row and sequence is the same, and the manifest is checked', async () => {
    const target = await database({ migrate: false });
    const restore = await runScript('db-restore', [file], { DATABASE_URL: withPassword(target.url!, password) });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('Verified: every table has the row count the backup recorded');
    expect(restore.stdout + restore.stderr).not.toContain(password);
    expect(await fingerprint(target)).toEqual(before);
    expect(Object.keys(before).length).toBeGreaterThan(22);

    // Over a database that has data: refused without --force, naming what it holds; nothing changes.
    await target.db.insert(t.leads).values(buildLead({ email: 'after-restore@example.com' }));
    const changed = await fingerprint(target);
    const refused = await runScript('db-restore', [file], { DATABASE_URL: target.url! });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already has data \(\d+ rows\)/);
    expect(refused.stderr).toMatch(/^\s+leads\s+14$/m);
    expect(refused.stderr).toContain('--force');
    expect(await fingerprint(target)).toEqual(changed);

    // With --force: the database is what the backup held again, the row added since gone.
    const forced = await runScript('db-restore', ['--force', file], { DATABASE_URL: target.url! });
    expect(forced.code).toBe(0);
    expect(await fingerprint(target)).toEqual(before);
  });

  it('restores an older backup, which `npm run db:migrate` then brings up to date', async () => {
    // A database as the previous release left it: every migration but the last.
    const old = await database({ migrate: false });
    const oldMigrations = path.join(work, 'old-migrations');
    cpSync(migrationsFolder, oldMigrations, { recursive: true });
    const journalFile = path.join(oldMigrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
    const client = postgres(old.url!, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(client), { migrationsFolder: oldMigrations });
      await client`insert into locations (name, address, phone, time_zone) values ('Old clinic', '1 Old St', '+13105550100', 'UTC')`;
    } finally {
      await client.end({ timeout: 5 });
    }
    const oldFile = path.join(work, 'pg', 'old.dump');
    expect((await runScript('db-backup', [oldFile], { DATABASE_URL: old.url! })).code).toBe(0);

    const target = await database({ migrate: false });
    const restore = await runScript('db-restore', [oldFile], { DATABASE_URL: target.url! });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`The backup has ${journalLength() - 1} of ${journalLength()} migrations`);

    const migrated = await runScript('migrate', [], { DATABASE_URL: target.url! });
    expect(migrated.code).toBe(0);
    const after = await fingerprint(target);
    expect(after['drizzle.__drizzle_migrations']?.rows).toBe(journalLength());
    expect(after.locations?.rows).toBe(1);
    // The schema is now the current one: the same tables as a database migrated from scratch.
    const current = await database();
    const tables = (f: Record<string, unknown>) => Object.keys(f).filter((k) => !k.startsWith('sequence ')).sort();
    expect(tables(after)).toEqual(tables(await fingerprint(current)));
  });
});

describe('backup and restore on the embedded PGlite', () => {
  const root = path.join(work, 'pglite');
  const dataDir = path.join(root, 'data');
  const file = path.join(root, 'clinic.tar.gz');
  let before: Awaited<ReturnType<typeof fingerprint>>;
  const pgliteEnv = (dir: string) => ({ DATABASE_URL: '', DATA_DIR: dir });

  /** The fingerprint of the database in `dir`, opened (and its lock held) only while reading it. */
  async function fingerprintOf(dir: string) {
    const handle = await openPglite(dir);
    try {
      return await fingerprint(handle);
    } finally {
      await handle.close();
    }
  }

  beforeAll(async () => {
    const handle = await openPglite(dataDir);
    try {
      await migrateDatabase(handle);
      await seedForBackup(handle.db, now);
      before = await fingerprint(handle);
    } finally {
      await handle.close();
    }
  });

  it('refuses to back up a directory a server has open (it would copy a directory being written)', async () => {
    const server = await openPglite(dataDir);
    try {
      const locked = await runScript('db-backup', [file], pgliteEnv(dataDir));
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain('already in use by another process');
      expect(existsSync(file)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('backs up the data directory into a 0600 tarball, printing the rows per table', async () => {
    const backup = await runScript('db-backup', [file], pgliteEnv(dataDir));
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect([...readFileSync(file).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(modeOf(file)).toBe(0o600);
    expect(backup.stdout).toMatch(/^\s+leads\s+13$/m);
  });

  it('restores into an empty directory with every table, row and sequence the same; refuses to replace data without --force', async () => {
    const restoredDir = path.join(root, 'restored');
    const restore = await runScript('db-restore', [file], pgliteEnv(restoredDir));
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('Verified: every table has the row count the backup recorded');
    expect(await fingerprintOf(restoredDir)).toEqual(before);

    const refused = await runScript('db-restore', [file], pgliteEnv(restoredDir));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already has data/);
    expect(await fingerprintOf(restoredDir)).toEqual(before);
    expect(readdirSync(root).filter((f) => f.includes('before-restore'))).toEqual([]);

    // --force replaces it and keeps the replaced directory aside, never deleted.
    const forced = await runScript('db-restore', [file, '--force'], pgliteEnv(restoredDir));
    expect(forced.code).toBe(0);
    expect(await fingerprintOf(restoredDir)).toEqual(before);
    expect(readdirSync(root).filter((f) => f.startsWith('restored.before-restore-'))).toHaveLength(1);
  });

  it('refuses to restore a PGlite backup into PostgreSQL, before connecting', async () => {
    const wrong = await runScript('db-restore', [file], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('is a PGlite backup and cannot be restored into PostgreSQL at 127.0.0.1:1/none');
  });
});
