// A PostgreSQL cluster of the fault tests' own: initdb into a temporary directory, started on a free port,
// stopped, started and restarted with pg_ctl, deleted at the end. Restarting it disturbs nobody else's tests
// (the shared server on 5432 is never touched). As root, initdb refuses to run: the cluster then belongs to
// the `postgres` user and its commands run through `runuser -u postgres --`. Without PostgreSQL's binaries
// the harness says so (pgBinDir() === null) and the scenarios skip with that message.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from './ports';

export type PgCluster = {
  /** postgres://postgres@127.0.0.1:<port>/<database>: the app's database on this cluster. */
  url: string;
  /** The same cluster's `postgres` database, for the test's own checks and for faults (read-only, terminate). */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (fast mode: connections are cut), waits `downMs`, starts it again. */
  restart(downMs: number): Promise<void>;
  /** Stops the server and deletes its directory. */
  destroy(): Promise<void>;
};

const CANDIDATE_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/14/bin'];

/** The directory holding initdb and pg_ctl, or null when this machine has no PostgreSQL server binaries. */
export function pgBinDir(): string | null {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dirs = [fromConfig.status === 0 ? fromConfig.stdout.trim() : '', process.env.PG_BIN_DIR ?? '', ...CANDIDATE_DIRS];
  return dirs.find((d) => d && existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'pg_ctl'))) ?? null;
}

/** Why the scenarios cannot run here, or null when they can. */
export function pgUnavailableReason(): string | null {
  return pgBinDir() ? null : 'no PostgreSQL server binaries (initdb, pg_ctl) on this machine: install PostgreSQL (CI does: .ci/run)';
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary as the cluster's owner (`postgres` when this process is root). */
function pgRun(bin: string, args: string[]): string {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(bin)} ${args[0] ?? ''} failed: ${(e.stderr || e.stdout || e.message).trim().slice(0, 800)}`);
  }
}

/**
 * Creates, configures and starts a cluster with one database for the app. The database's name is new each time:
 * an app server left running by a killed earlier run, still reconnecting to the same port, finds no database
 * there, rather than this run's (its worker once claimed a run's emails and failed them under its own secret).
 */
export async function startPgCluster(database = `clinic_faults_${randomBytes(4).toString('hex')}`): Promise<PgCluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error(pgUnavailableReason()!);
  const root = mkdtempSync(path.join(tmpdir(), 'clinic-faults-pg-'));
  const data = path.join(root, 'data');
  const log = path.join(root, 'server.log');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const port = await freePort();
  pgRun(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // Small and quick: no fsync (a test's data need not survive a power cut), the socket in the cluster's own dir.
  const options = `-p ${port} -h 127.0.0.1 -k ${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
  const pgCtl = (args: string[]) => pgRun(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const start = async () => {
    pgCtl(['-l', log, '-o', options, '-w', '-t', '30', 'start']);
  };
  const stop = async () => {
    pgCtl(['-m', 'fast', '-w', '-t', '30', 'stop']);
  };
  await start();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    start,
    stop,
    restart: async (downMs) => {
      await stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      try {
        pgCtl(['-m', 'immediate', '-w', '-t', '30', 'stop']);
      } catch {
        // Already stopped.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
