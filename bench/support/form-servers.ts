// The servers the form benchmark (bench/form.ts) runs: `next start` instances on PostgreSQL or PGlite with the
// bench-only settings the form's protections need, nginx with ops/nginx/clinic.conf in front of one or more of
// them, a fresh database, and the RSS of an instance (sampled from /proc). Everything started here is stopped by
// stopAll(), by its own process group.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FormLoadResult } from './form-client';
import { waitFor } from './wait';
import { clinicSite, nginxMain } from './nginx';

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const PG_BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

const started: ChildProcess[] = [];

function start(command: string, argv: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const child = spawn(command, argv, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  child.stdout?.on('data', (d: Buffer) => out.push(d));
  child.stderr?.on('data', (d: Buffer) => out.push(d));
  child.on('exit', () => {
    if (existsSync(path.dirname(log))) writeFileSync(log, Buffer.concat(out));
  });
  started.push(child);
  return child;
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
}

export const stopAll = () => Promise.all(started.map(stop));

/** Resident memory of a process and its children (next start may run its server in a child), in MB. */
export function rssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let kb = 0;
  const visit = (p: number) => {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return Math.round(kb / 1024);
}

/** Samples an instance's RSS every half second while the load runs. */
export function rssSampler(pid: number) {
  const samples: { at: number; mb: number }[] = [];
  const t0 = performance.now();
  const timer = setInterval(() => samples.push({ at: (performance.now() - t0) / 1000, mb: rssMb(pid) }), 500);
  return {
    samples,
    stop: () => clearInterval(timer),
    peak: () => Math.max(0, ...samples.map((s) => s.mb)),
  };
}

function nginxConfig(prefix: string, listen: number, upstreams: number[]): string {
  // On a port other than the scheme's, pass the Host as sent (in production nginx listens on 443 and the two agree).
  return nginxMain(prefix, clinicSite({ prefix, listen, upstreams, hostAsSent: true }));
}

export async function startNginx(work: string, name: string, listen: number, upstreams: number[]) {
  const prefix = path.join(work, name);
  for (const dir of ['cache', 'logs']) mkdirSync(path.join(prefix, dir), { recursive: true });
  writeFileSync(path.join(prefix, 'nginx.conf'), nginxConfig(prefix, listen, upstreams));
  // Started as root, nginx's workers run as another user: they must be able to write the cache.
  for (const dir of [work, prefix]) chmodSync(dir, 0o755);
  chmodSync(path.join(prefix, 'cache'), 0o777);
  const child = start(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], process.env, path.join(work, `${name}.log`));
  await waitFor(`http://127.0.0.1:${listen}/api/health`, 20_000);
  return child;
}

/** A fresh database for this run (dropped at the end of a good run). */
export async function freshDatabase(name: string): Promise<string> {
  const { default: postgres } = await import('postgres');
  const admin = postgres(`${PG_BASE}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return `${PG_BASE}/${name}`;
}

export async function dropDatabase(name: string) {
  const { default: postgres } = await import('postgres');
  const admin = postgres(`${PG_BASE}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

export const AUTH_SECRET = 'bench-only-secret-bench-only-secret-0000';

/** The instances' environment: production, with the bench-only settings the form's protections need. */
export function appEnv(dist: string, port: number, db: { DATABASE_URL: string } | { DATA_DIR: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_DIST_DIR: dist,
    NEXT_TELEMETRY_DISABLED: '1',
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET,
    AUTH_TRUST_HOST: 'true',
    SEED_DEMO_DATA: '1',
    DEMO_PASSWORD: 'bench-only-demo-password-7c1d',
    ALLOW_EMBEDDED_DB: '1',
    LOG_LEVEL: 'warn',
    // A patient here fills in the form in a fraction of a second: without this, every request would be taken
    // for a bot and silently dropped. Bench only; production keeps 6 seconds.
    FORM_MIN_FILL_SECONDS: '0',
    // Each patient has its own address, written by the "load balancer" (the load tool) and counted past nginx:
    // the per-address limit (10 an hour) stays as it is.
    CLIENT_IP_HEADER: 'x-forwarded-for',
    TRUSTED_PROXY_HOPS: '2',
    // The production shape: emails sent by `npm run worker`, not by the web instances (none here).
    EMAIL_WORKER: 'off',
    DATABASE_URL: 'DATABASE_URL' in db ? db.DATABASE_URL : '',
    ...('DATA_DIR' in db ? { DATA_DIR: db.DATA_DIR } : {}),
  };
}

export function startApp(name: string, port: number, env: NodeJS.ProcessEnv, logs: string, cpuProf: boolean) {
  const profile = cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, 'bench/results/form-cpu')}`] : [];
  const child = start(process.execPath, [...profile, NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], env, path.join(logs, `${name}.log`));
  return child;
}

/** The run's consultation requests stored, by the patients' email prefix, and which references exist. */
export async function storedRows(query: (sql: string, params: unknown[]) => Promise<{ n: number }[]>, prefix: string): Promise<number> {
  const rows = await query(
    `select count(*)::int as n from consultation_requests r join leads l on l.id = r.lead_id where l.email like $1`,
    [`bench.${prefix}-%`],
  );
  return rows[0]?.n ?? 0;
}

/** CPU per completed request: the app's instances and the database's server processes, in ms. */
export type CpuPerRequest = { appMs: number; dbMs: number };

export type Scenario = FormLoadResult & { name: string; rowsStored?: number; cpu?: CpuPerRequest };

/** Starts counting CPU: the app's processes, and PostgreSQL's for the database (none for PGlite: it is in the app). */
export async function cpuMeter(appPids: number[], databaseUrl: string | null) {
  const snapshot = async () => {
    const pids = databaseUrl ? await backendPids(databaseUrl) : [];
    return new Map(pids.map((pid) => [pid, cpuMs([pid])]));
  };
  const app0 = cpuMs(appPids);
  const db0 = await snapshot();
  return async (completed: number): Promise<CpuPerRequest> => {
    const app = cpuMs(appPids) - app0;
    let db = 0;
    for (const [pid, ms] of await snapshot()) db += ms - (db0.get(pid) ?? 0);
    const per = (ms: number) => Number((ms / Math.max(1, completed)).toFixed(1));
    return { appMs: per(app), dbMs: per(db) };
  };
}

export function print(s: Scenario) {
  const final = s.steps.check?.post;
  console.info(
    `${s.name.padEnd(34)} ${String(s.completedPerSecond).padStart(6)}/s  ${String(s.completed).padStart(5)} done  ${s.errors} errors  ` +
      `final post p50/p95/p99 ${final?.p50}/${final?.p95}/${final?.p99} ms` +
      (s.cpu ? `  CPU/request app ${s.cpu.appMs} ms + db ${s.cpu.dbMs} ms` : '') +
      (s.errorSamples.length ? `\n    errors: ${s.errorSamples.join(' | ')}` : ''),
  );
}

export function build(env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error('next build failed');
  // next build adds its dist folder's types to tsconfig.json: put the file back as it was.
  spawnSync('git', ['checkout', '--', 'tsconfig.json'], { cwd: ROOT });
}


/** CPU time (user + system) the processes have used so far, in ms: a figure the machine's other load barely moves. */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of /proc/PID/stat (11 and 12 after the name).
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return (ticks * 1000) / 100;
}

/** The PostgreSQL server processes serving one database (the app's and the limit's pools). */
export async function backendPids(databaseUrl: string): Promise<number[]> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const name = new URL(databaseUrl).pathname.slice(1);
  const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
  await sql.end();
  return rows.map((r) => r.pid);
}
