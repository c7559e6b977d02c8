// `npm run bench`: every benchmark in turn, each printing its figures beside its targets and writing
// bench/results/<name>.json (quick runs of some write <name>-quick.json, not kept in git; docs/performance.md
// holds the tables), then one line per benchmark: how long it took
// and whether it ran. `-- --quick`: each in its short mode, sharing one production build (`.next-bench`, reused
// when it is there; the first quick run builds it, about two minutes more). `-- --only=form,dashboard` picks some.
// The machine is shared: figures are compared within a run (ratios), never asserted.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const DIST = '.next-bench';

type Bench = { name: string; script: string; /** Takes a build folder (--dist, --skip-build). */ usesBuild?: boolean; fullOnly?: boolean; env?: Record<string, string> };

const BENCHES: Bench[] = [
  { name: 'public', script: 'bench/public-pages.ts', usesBuild: true },
  { name: 'form', script: 'bench/form.ts', usesBuild: true },
  { name: 'dashboard', script: 'bench/dashboard.ts' },
  { name: 'booking-race', script: 'bench/booking-race.ts' },
  { name: 'email-drain', script: 'bench/email-drain.ts' },
  // Lighthouse, three runs of three pages: minutes, so only in the full run.
  { name: 'pages', script: 'bench/pages.ts', fullOnly: true, env: { SKIP_BUILD: '1', BENCH_PORT: process.env.BENCH_PORT ?? '3443' } },
];

function run(argv: string[], env: Record<string, string> = {}): { status: number; seconds: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, argv, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { status: result.status ?? 1, seconds: Math.round((Date.now() - started) / 1000) };
}

function main() {
  const chosen = BENCHES.filter((b) => (only ? only.includes(b.name) : !(QUICK && b.fullOnly)));
  const summary: string[] = [];
  if (chosen.some((b) => b.usesBuild || b.name === 'pages')) {
    const built = existsSync(path.join(DIST, 'BUILD_ID'));
    if (!(QUICK && built)) {
      const next = require.resolve('next/dist/bin/next');
      // Built for the address bench/public-pages.ts serves it on (canonical links only).
      const build = run([next, 'build'], { NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1', APP_URL: `http://localhost:${process.env.BENCH_PORT ?? 3443}` });
      summary.push(`build                ${String(build.seconds).padStart(5)} s  ${build.status === 0 ? 'ok' : 'FAILED'}`);
      if (build.status !== 0) throw new Error('next build failed');
    } else summary.push(`build                reused ${DIST} (delete it to build again)`);
  }
  let failed = 0;
  for (const bench of chosen) {
    console.info(`\n=== bench: ${bench.name} (${bench.script}${QUICK ? ', quick' : ''})\n`);
    const flags = [...(QUICK ? ['--quick'] : []), ...(bench.usesBuild ? ['--skip-build', `--dist=${DIST}`] : [])];
    const { status, seconds } = run(['--import', 'tsx', bench.script, ...flags], bench.env);
    if (status !== 0) failed++;
    summary.push(`${bench.name.padEnd(20)} ${String(seconds).padStart(5)} s  ${status === 0 ? 'ok' : `FAILED (exit ${status})`}`);
  }
  console.info(`\n=== npm run bench${QUICK ? ' -- --quick' : ''}: summary\n${summary.join('\n')}`);
  process.exit(failed ? 1 : 0);
}

main();
