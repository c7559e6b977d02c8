// The app as production runs it: `next start` from the fault tests' build (FAULTS_DIST_DIR), on the fault
// tests' own PostgreSQL, sending email through a fake Resend. Its output goes to a file (test-results/faults/),
// read by the tests for log lines and kept for a person to read when a scenario fails. Start, stop, and the
// fault: `kill -9` (no shutdown code runs, connections and claimed emails are left as they were) and start again.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { freePort } from './ports';

export type AppServer = {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  url: string;
  port: number;
  logFile: string;
  start(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL: the process gets no chance to finish anything. */
  kill9(): Promise<void>;
  /** Whether the process is running. */
  running(): boolean;
  /** The output so far (the app logs pino JSON and a few plain lines). */
  log(): string;
};

export type AppOptions = {
  databaseUrl: string;
  resendUrl: string;
  /** Written into file names: test-results/faults/<name>-app.log. */
  name: string;
  /** Extra environment (EMAIL_LOCK_SECONDS, …). */
  env?: Record<string, string>;
};

/** The demo logins' password on the fault tests' server (a production start refuses the published one). */
export const FAULTS_DEMO_PASSWORD = 'faults-only-demo-password-3b9e';

export async function startApp(options: AppOptions): Promise<AppServer> {
  const distDir = process.env.FAULTS_DIST_DIR ?? '.next-faults';
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dir = path.resolve('test-results/faults');
  mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, `${options.name}-app.log`);
  const out: WriteStream = createWriteStream(logFile, { flags: 'w' });
  // One secret for every start of this server: sessions and sealed links survive a restart, as in production.
  const authSecret = randomBytes(32).toString('hex');
  let child: ChildProcess | null = null;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: options.databaseUrl,
    // Links in emails only; forms are checked against the Host they were posted to, so any APP_URL works with
    // any build (CI reuses the e2e build, made with APP_URL=http://localhost:3210).
    APP_URL: url,
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: 'true',
    SEED_DEMO_DATA: '1',
    DEMO_PASSWORD: FAULTS_DEMO_PASSWORD,
    DEMO_MFA_WAIVER: '1',
    FORM_MIN_FILL_SECONDS: '0',
    FORM_MAX_PER_IP_PER_HOUR: '10000',
    // Each simulated patient has their own address (X-Forwarded-For): one proxy hop is trusted, as behind a load balancer.
    CLIENT_IP_HEADER: 'x-forwarded-for',
    TRUSTED_PROXY_HOPS: '1',
    RESEND_API_KEY: 're_faults_fake',
    RESEND_BASE_URL: options.resendUrl,
    EMAIL_WORKER_INTERVAL_MS: '300',
    EMAIL_SEND_RATE_PER_SECOND: '100',
    ...options.env,
  };

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) throw new Error('the app is already running');
    out.write(`\n--- start ${new Date().toISOString()}\n`);
    const proc = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stdout!.pipe(out, { end: false });
    proc.stderr!.pipe(out, { end: false });
    await waitUntilAnswering(url, proc);
  };

  const waitForExit = (proc: ChildProcess, ms: number) =>
    new Promise<boolean>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve(true);
      const timer = setTimeout(() => resolve(false), ms);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });

  return {
    url,
    port,
    logFile,
    start,
    stop: async () => {
      const proc = child;
      if (!proc) return;
      proc.kill('SIGTERM');
      if (!(await waitForExit(proc, 5_000))) {
        proc.kill('SIGKILL');
        await waitForExit(proc, 5_000);
      }
      out.write(`\n--- stopped ${new Date().toISOString()}\n`);
    },
    kill9: async () => {
      const proc = child;
      if (!proc) return;
      proc.kill('SIGKILL');
      await waitForExit(proc, 10_000);
      out.write(`\n--- killed (SIGKILL) ${new Date().toISOString()}\n`);
    },
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    log: () => readFileSync(logFile, 'utf8'),
  };
}

/** Polls until the server answers a page (start-up runs migrations and the seed first), or fails with its exit. */
async function waitUntilAnswering(url: string, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`the app exited during start-up (code ${proc.exitCode}); see its log`);
    try {
      const response = await fetch(`${url}/consult`, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the app did not answer within 90 s; see its log');
}
