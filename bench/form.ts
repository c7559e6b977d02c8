// `npm run bench:form`: how many consultation requests the app takes, in one run, each figure beside its target
// (docs/performance.md, "Consultation form"). Builds the app (or reuses a build: --skip-build; --quick reuses one
// when there is one), starts two `next start` on PostgreSQL (a fresh database) and one on PGlite, nginx with
// ops/nginx/clinic.conf in front of one and of both, then simulated patients fill in the whole form without
// JavaScript (bench/support/form-client.ts), 10 at once by default: completed requests per second, p50/p95/p99
// of each step's page and post, errors, rows stored against confirmations shown, and the RSS of `next start`
// over a soak. Beside them the limit: the same database work issued straight through postgres.js
// (bench/support/form-limit.ts), at the same concurrency.
// Flags: --quick (3 s scenarios, a 30 s soak: about a minute with a build there), --seconds=N (each scenario),
// --soak=N (seconds of the soak, 600 by default), --concurrency=N, --skip-build, --dist=DIR, --cpu-prof (CPU
// profiles of the first instance, in bench/results/form-cpu/). Writes bench/results/form.json (--quick: form-quick.json, not kept in git).
// The machine is shared and has 2 cores: compare the figures measured in one run, not across runs.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { formLoad, type FormClientOptions } from './support/form-client';
import {
  appEnv,
  AUTH_SECRET,
  build,
  cpuMeter,
  cpuMs,
  backendPids,
  dropDatabase,
  freshDatabase,
  print,
  rssSampler,
  startApp,
  startNginx,
  stop,
  stopAll,
  storedRows,
  type Scenario,
} from './support/form-servers';
import { waitFor } from './support/wait';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

const QUICK = flag('quick');
const SECONDS = Number(option('seconds') ?? (QUICK ? 3 : 20));
const SOAK_SECONDS = Number(option('soak') ?? (QUICK ? 30 : 600));
const CONCURRENCY = Number(option('concurrency') ?? 10);
const DIST = option('dist') ?? '.next-bench-form';
const PORT = Number(process.env.BENCH_PORT ?? 3642);
const NGINX_PORT = Number(process.env.BENCH_NGINX_PORT ?? 8090);
const ROOT = process.cwd();
/** One patient in this many books a time (the others ask to be called): a 10-minute soak would use up the times. */
const BOOK_ONE_IN = 4;
const RUN = `r${Date.now().toString(36)}`;
const DB_NAME = `clinic_bench_form_${PORT}`;

const TARGETS = {
  twoInstancesPerSecond: 20,
  oneInstancePerSecond: 10,
  finalPostP99Ms: 250,
  shareOfLimit: 0.4,
  /** RSS at the end of the soak against its middle: more growth than this is a leak to look at. */
  soakGrowth: 1.1,
};

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
/** Direct to next start: the load tool writes both entries (the load balancer's and nginx's). */
const direct = (ip: string) => `${ip}, 127.0.0.1`;
/** Through nginx: the load tool plays the load balancer, nginx appends its own entry. */
const viaNginx = (ip: string) => ip;

let firstPatient = 1;
async function scenario(
  name: string,
  base: string,
  forwardedFor: FormClientOptions['forwardedFor'],
  seconds: number,
  run: string,
  measured: { pids: number[]; databaseUrl: string | null },
): Promise<Scenario> {
  const meter = await cpuMeter(measured.pids, measured.databaseUrl);
  const result = await formLoad({ base, run, forwardedFor, bookOneIn: BOOK_ONE_IN, concurrency: CONCURRENCY, seconds, firstPatient });
  firstPatient += 100_000;
  const s: Scenario = { name, ...result, cpu: await meter(result.completed) };
  print(s);
  return s;
}

async function main() {
  const url = (port: number) => `http://127.0.0.1:${port}`;
  if (!flag('skip-build') && !(QUICK && existsSync(path.join(DIST, 'BUILD_ID')))) {
    build({ ...process.env, NEXT_DIST_DIR: DIST, APP_URL: url(PORT), NEXT_TELEMETRY_DISABLED: '1' });
  }
  const work = mkdtempSync(path.join(tmpdir(), 'clinic-bench-form-'));
  const logs = path.join(work, 'logs');
  mkdirSync(logs);
  const databaseUrl = await freshDatabase(DB_NAME);
  const pgliteDir = path.join(work, 'pglite');
  const t0 = performance.now();
  // All three at once: migrations run once under their advisory lock; only the first instance seeds the demo
  // clinic (two seeding one empty database at once would race), and PGlite seeds its own.
  const a = startApp('app-a', PORT, appEnv(DIST, PORT, { DATABASE_URL: databaseUrl }), logs, flag('cpu-prof'));
  const b = startApp('app-b', PORT + 1, { ...appEnv(DIST, PORT + 1, { DATABASE_URL: databaseUrl }), SEED_DEMO_DATA: '' }, logs, false);
  const c = startApp('app-pglite', PORT + 2, appEnv(DIST, PORT + 2, { DATA_DIR: pgliteDir }), logs, false);
  await Promise.all([PORT, PORT + 1, PORT + 2].map((port) => waitFor(`${url(port)}/api/health`, 120_000)));
  await startNginx(work, 'nginx-1', NGINX_PORT, [PORT]);
  await startNginx(work, 'nginx-2', NGINX_PORT + 1, [PORT, PORT + 1]);
  console.info(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; servers up in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${CONCURRENCY} patients at once, one in ${BOOK_ONE_IN} books a time`);

  // Warm-up: every page of every instance once (the first render of a route loads its code).
  await Promise.all(
    [PORT, PORT + 1, PORT + 2].map((port) =>
      formLoad({ base: url(port), run: `${RUN}w`, forwardedFor: direct, bookOneIn: BOOK_ONE_IN, concurrency: 2, seconds: 0.3, firstPatient: 900_000 + port * 10 }),
    ),
  );

  // The soak: one instance, straight to next start, its RSS sampled; its figures are the one-instance ones.
  const rssA = rssSampler(a.pid!);
  const soak = await scenario(`1 instance, direct (${SOAK_SECONDS} s soak)`, url(PORT), direct, SOAK_SECONDS, `${RUN}d`, { pids: [a.pid!], databaseUrl });
  rssA.stop();
  const nginx1 = await scenario('1 instance behind nginx', url(NGINX_PORT), viaNginx, SECONDS, `${RUN}n1`, { pids: [a.pid!], databaseUrl });
  const rssB = rssSampler(b.pid!);
  const nginx2 = await scenario('2 instances behind nginx', url(NGINX_PORT + 1), viaNginx, SECONDS, `${RUN}n2`, { pids: [a.pid!, b.pid!], databaseUrl });
  rssB.stop();

  // The limit: the same database work, straight through postgres.js, in this process.
  Object.assign(process.env, { AUTH_SECRET, APP_URL: url(PORT), NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl });
  const { openPostgres } = await import('../db/client');
  const { formLimit } = await import('./support/form-limit');
  const limitDb = await openPostgres(databaseUrl, { max: 10 });
  const limitDb0 = new Map((await backendPids(databaseUrl)).map((pid) => [pid, cpuMs([pid])]));
  const limitCpu0 = process.cpuUsage();
  const limitResult = await formLimit(limitDb.db, { concurrency: CONCURRENCY, seconds: SECONDS, run: `${RUN}l`, bookOneIn: BOOK_ONE_IN });
  const limitCpu = process.cpuUsage(limitCpu0);
  let limitDbMs = 0;
  for (const pid of await backendPids(databaseUrl)) limitDbMs += cpuMs([pid]) - (limitDb0.get(pid) ?? 0);
  const perLimit = (ms: number) => Number((ms / Math.max(1, limitResult.completed)).toFixed(1));
  const limit = { ...limitResult, cpu: { appMs: perLimit((limitCpu.user + limitCpu.system) / 1000), dbMs: perLimit(limitDbMs) } };
  console.info(
    `${'limit: the same queries, postgres.js'.padEnd(34)} ${String(limit.completedPerSecond).padStart(6)}/s  ${String(limit.completed).padStart(5)} done  ${limit.errors} errors  transaction p50/p95/p99 ${limit.transaction.p50}/${limit.transaction.p95}/${limit.transaction.p99} ms  CPU/request queries ${limit.cpu.appMs} ms + db ${limit.cpu.dbMs} ms` +
      (limit.errorSamples.length ? `\n    errors: ${limit.errorSamples.join(' | ')}` : ''),
  );

  const rssC = rssSampler(c.pid!);
  const pglite = await scenario('PGlite (embedded), 1 instance, direct', url(PORT + 2), direct, SECONDS, `${RUN}p`, { pids: [c.pid!], databaseUrl: null });
  rssC.stop();

  // Rows stored against confirmations shown, for every scenario.
  const { default: postgres } = await import('postgres');
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const pgQuery = (text: string, params: unknown[]) => sql.unsafe(text, params as never[]) as unknown as Promise<{ n: number }[]>;
  soak.rowsStored = await storedRows(pgQuery, `${RUN}d`);
  nginx1.rowsStored = await storedRows(pgQuery, `${RUN}n1`);
  nginx2.rowsStored = await storedRows(pgQuery, `${RUN}n2`);
  await sql.end();
  await limitDb.close();
  await stop(c);
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const lite = await PGlite.create(pgliteDir, { extensions: { btree_gist, pg_trgm } });
  pglite.rowsStored = await storedRows(async (text, params) => (await lite.query<{ n: number }>(text, params)).rows, `${RUN}p`);
  await lite.close();
  await stopAll();

  report({ soak, nginx1, nginx2, pglite, limit, rss: { a: rssA, b: rssB, c: rssC } });
  await dropDatabase(DB_NAME);
  rmSync(work, { recursive: true, force: true });
}

type Results = {
  soak: Scenario;
  nginx1: Scenario;
  nginx2: Scenario;
  pglite: Scenario;
  limit: Awaited<ReturnType<typeof import('./support/form-limit').formLimit>> & { cpu: { appMs: number; dbMs: number } };
  rss: Record<'a' | 'b' | 'c', ReturnType<typeof rssSampler>>;
};

function report({ soak, nginx1, nginx2, pglite, limit, rss }: Results) {
  const scenarios = [soak, nginx1, nginx2, pglite];
  // RSS over the soak: the first, middle and last tenth's mean (samples every half second).
  const samples = rss.a.samples;
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const mean = (from: number) => Math.round(samples.slice(from, from + tenth).reduce((t, s) => t + s.mb, 0) / tenth);
  const rssSoak = { startMb: mean(0), middleMb: mean(Math.floor(samples.length / 2 - tenth / 2)), endMb: mean(samples.length - tenth), peakMb: rss.a.peak() };
  const growth = rssSoak.endMb / rssSoak.middleMb;
  const share = soak.completedPerSecond / limit.completedPerSecond;
  const share2 = nginx2.completedPerSecond / limit.completedPerSecond;
  // The same comparison in CPU spent per request (app + database against the limit's process + database): what
  // the ratio would be on cores the two had to themselves; the machine's other load barely moves it.
  const cpuOf = (c: { appMs: number; dbMs: number } | undefined) => (c ? Math.round((c.appMs + c.dbMs) * 10) / 10 : NaN);
  const cpuShare = cpuOf(limit.cpu) / cpuOf(soak.cpu);
  const capacity = (c: { appMs: number; dbMs: number } | undefined) => Math.round((2000 / cpuOf(c)) * 10) / 10;
  const p99 = (s: Scenario) => s.steps.check?.post?.p99 ?? Infinity;
  const checks = [
    [`2 instances behind nginx: ${nginx2.completedPerSecond} requests/s`, `>= ${TARGETS.twoInstancesPerSecond}/s`, nginx2.completedPerSecond >= TARGETS.twoInstancesPerSecond],
    [`1 instance behind nginx: ${nginx1.completedPerSecond}/s (direct: ${soak.completedPerSecond}/s)`, `>= ${TARGETS.oneInstancePerSecond}/s`, nginx1.completedPerSecond >= TARGETS.oneInstancePerSecond],
    [
      `final post p99 at ${CONCURRENCY} at once: direct ${p99(soak)} ms, nginx 1 ${p99(nginx1)} ms, nginx 2 ${p99(nginx2)} ms`,
      `< ${TARGETS.finalPostP99Ms} ms`,
      [soak, nginx1, nginx2].every((s) => p99(s) < TARGETS.finalPostP99Ms),
    ],
    [`errors: ${scenarios.map((s) => s.errors).join(' / ')} (direct / nginx 1 / nginx 2 / PGlite)`, '0', scenarios.every((s) => s.errors === 0)],
    [
      `rows stored = confirmations shown: ${scenarios.map((s) => `${s.rowsStored}=${s.completed}`).join(' / ')}`,
      'equal',
      scenarios.every((s) => s.rowsStored === s.completed),
    ],
    [
      `server path ${Math.round(share * 100)}% of the postgres.js limit (${soak.completedPerSecond} vs ${limit.completedPerSecond}/s; 2 instances ${Math.round(share2 * 100)}%); ` +
        `in CPU per request ${Math.round(cpuShare * 100)}% (app ${soak.cpu?.appMs} + db ${soak.cpu?.dbMs} ms vs ${limit.cpu.appMs} + ${limit.cpu.dbMs} ms)`,
      `>= ${TARGETS.shareOfLimit * 100}%`,
      share >= TARGETS.shareOfLimit,
    ],
    [
      `RSS of next start over the soak: ${rssSoak.startMb} → ${rssSoak.middleMb} → ${rssSoak.endMb} MB (peak ${rssSoak.peakMb} MB; 2nd instance peak ${rss.b.peak()} MB, PGlite ${rss.c.peak()} MB)`,
      `end <= middle × ${TARGETS.soakGrowth}${SOAK_SECONDS < 300 ? '; a soak this short still shows the warm-up: judge the full one' : ''}`,
      growth <= TARGETS.soakGrowth,
    ],
  ] as const;

  console.info('\nPer step, ms (page = its GET; post = the step\'s form post, to its redirect), p50 / p95 / p99:');
  const cols = scenarios.map((s) => s.name.replace(/ \(.*\)$/, '').padEnd(30)).join('');
  console.info(`  ${''.padEnd(20)}${cols}`);
  for (const step of Object.keys(soak.steps)) {
    for (const kind of ['page', 'post'] as const) {
      if (!soak.steps[step]?.[kind]) continue;
      const cells = scenarios.map((s) => {
        const p = s.steps[step]?.[kind];
        return (p ? `${p.p50} / ${p.p95} / ${p.p99}` : '-').padEnd(30);
      });
      console.info(`  ${`${step} ${kind}`.padEnd(20)}${cells.join('')}`);
    }
  }
  console.info(
    `\nCPU per completed request (app + PostgreSQL): direct ${cpuOf(soak.cpu)} ms, nginx 1 ${cpuOf(nginx1.cpu)} ms, nginx 2 ${cpuOf(nginx2.cpu)} ms, ` +
      `PGlite ${cpuOf(pglite.cpu)} ms, limit ${cpuOf(limit.cpu)} ms: 2 cores to themselves would complete about ${capacity(soak.cpu)}/s (PGlite ${capacity(pglite.cpu)}/s, limit ${capacity(limit.cpu)}/s)`,
  );
  console.info(`\nPGlite: ${pglite.completedPerSecond}/s, final post p99 ${p99(pglite)} ms, ${pglite.errors} errors (no target: what the embedded default serves)`);
  console.info('\nTargets:');
  for (const [figure, target, ok] of checks) console.info(`  ${verdict(ok).padEnd(8)} ${figure}  (target ${target})`);

  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  const strip = (s: Scenario) => ({ ...s, references: undefined });
  writeFileSync(
    path.join(ROOT, `bench/results/form${QUICK ? '-quick' : ''}.json`),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(1))),
        mode: `${QUICK ? 'quick' : 'full'}: ${CONCURRENCY} patients at once, ${SECONDS} s per scenario, ${SOAK_SECONDS} s soak; one in ${BOOK_ONE_IN} books a time; nginx 1 worker; shared 2-core machine`,
        dist: DIST,
        scenarios: scenarios.map(strip),
        limit,
        ratios: { shareOfLimit: Number(share.toFixed(2)), cpuShareOfLimit: Number(cpuShare.toFixed(2)), capacityOn2CoresPerSecond: capacity(soak.cpu), twoInstancesShareOfLimit: Number(share2.toFixed(2)), twoOverOne: Number((nginx2.completedPerSecond / nginx1.completedPerSecond).toFixed(2)) },
        rss: { soak: rssSoak, secondInstancePeakMb: rss.b.peak(), pglitePeakMb: rss.c.peak() },
        targets: Object.fromEntries(checks.map(([figure, target, ok]) => [figure, { target, met: ok }])),
      },
      null,
      2,
    )}\n`,
  );
}

main()
  .catch((error: unknown) => {
    console.error((error as Error).stack ?? error);
    process.exitCode = 1;
  })
  .finally(stopAll);
