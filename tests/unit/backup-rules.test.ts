// The pure rules behind `npm run db:backup` / `db:restore` (db/backup.ts): file names, versions, credentials
// kept off the command line, what a file is, and how a restored database is compared with its manifest.
import { describe, expect, it } from 'vitest';
import {
  countDifferences,
  dataRows,
  defaultBackupPath,
  describeUrl,
  dumpVersionProblem,
  formatCounts,
  serverMajor,
  sniffBackup,
  toolConnection,
  toolMajor,
} from '@/db/backup';

describe('backup file names', () => {
  it('name the kind and the UTC time to the second, so they sort by time', () => {
    const at = new Date('2026-12-02T09:05:07.123Z');
    expect(defaultBackupPath('postgres', at)).toBe('backups/clinic-postgres-20261202T090507Z.dump');
    expect(defaultBackupPath('pglite', at)).toBe('backups/clinic-pglite-20261202T090507Z.tar.gz');
  });
});

describe('pg_dump and the server', () => {
  it('reads the major versions of the tool and of the server', () => {
    expect(toolMajor('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toBe(15);
    expect(toolMajor('pg_dump (PostgreSQL) 17beta1')).toBe(17);
    expect(toolMajor('command not found')).toBeNull();
    expect(serverMajor('150020')).toBe(15);
    expect(serverMajor(170002)).toBe(17);
  });

  it('refuses a pg_dump older than the server, saying which to install; the same or newer is fine', () => {
    expect(dumpVersionProblem('pg_dump', 15, 15)).toBeNull();
    expect(dumpVersionProblem('pg_dump', 16, 15)).toBeNull();
    expect(dumpVersionProblem('pg_dump', 15, 17)).toBe(
      'pg_dump is version 15 but the server is PostgreSQL 17: pg_dump must be as new as the server. ' +
        'Install postgresql-client-17 and put its directory first in PATH (Debian: /usr/lib/postgresql/17/bin).',
    );
    expect(dumpVersionProblem('pg_dump', null, 15)).toMatch(/Could not read pg_dump's version/);
  });
});

describe('connections for the PostgreSQL tools', () => {
  it('keep the password out of the URL (it goes in PGPASSWORD), decoded', () => {
    expect(toolConnection('postgres://owner:p%40ss%2Fword@db.internal:5433/clinic')).toEqual({
      dbname: 'postgres://owner@db.internal:5433/clinic',
      password: 'p@ss/word',
    });
    expect(toolConnection('postgres://owner@db/clinic')).toEqual({ dbname: 'postgres://owner@db/clinic', password: undefined });
  });

  it("turn postgres.js's ssl parameter into libpq's sslmode, and keep an explicit sslmode", () => {
    expect(toolConnection('postgres://u:p@db/clinic?ssl=true').dbname).toBe('postgres://u@db/clinic?sslmode=require');
    expect(toolConnection('postgres://u:p@db/clinic?ssl=verify-full').dbname).toBe('postgres://u@db/clinic?sslmode=verify-full');
    expect(toolConnection('postgres://u:p@db/clinic?ssl=false').dbname).toBe('postgres://u@db/clinic');
    expect(toolConnection('postgres://u:p@db/clinic?sslmode=verify-ca&ssl=true').dbname).toBe('postgres://u@db/clinic?sslmode=verify-ca');
  });

  it('describe a server by host, port and database only', () => {
    expect(describeUrl('postgres://owner:secret@db.internal/clinic')).toBe('PostgreSQL at db.internal:5432/clinic');
  });
});

describe('what a backup file is', () => {
  it('tells a pg_dump archive from a gzipped PGlite tarball, and anything else from both', () => {
    expect(sniffBackup(Buffer.from('PGDMP\u0001\u000e'))).toBe('postgres');
    expect(sniffBackup(Buffer.from([0x1f, 0x8b, 0x08, 0, 0]))).toBe('pglite');
    expect(sniffBackup(Buffer.from('-- PostgreSQL database dump'))).toBeNull();
  });
});

describe('row counts', () => {
  const backup = { leads: 12, audit_log: 3, 'drizzle.__drizzle_migrations': 7 };

  it('find nothing to say when every table matches', () => {
    expect(countDifferences(backup, { ...backup })).toEqual([]);
  });

  it('name each table missing, extra or with another count', () => {
    expect(countDifferences(backup, { leads: 11, 'drizzle.__drizzle_migrations': 7, extra: 0 })).toEqual([
      'audit_log: missing (the backup had 3 rows)',
      'extra: not in the backup (0 rows now)',
      'leads: 11 rows, the backup had 12',
    ]);
  });

  it("count the data a restore would replace without the migrations' record", () => {
    expect(dataRows(backup)).toBe(15);
    expect(dataRows({ 'drizzle.__drizzle_migrations': 7, leads: 0 })).toBe(0);
  });

  it('print one aligned line per table, by name', () => {
    expect(formatCounts({ leads: 12, audit_log: 3 })).toBe('  audit_log  3\n  leads      12');
  });
});
