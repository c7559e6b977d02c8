// `npm run bench:pages`: Lighthouse (mobile emulation, the local Chromium) on the guide hub and two
// articles of a production build. Prints the four category scores (median of RUNS runs) and the
// JavaScript bytes transferred, and writes bench/results/pages.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumArgs, findChromium, missingBrowserMessage } from '../tests/support/browser';
import { waitFor } from './support/wait';

const PORT = Number(process.env.BENCH_PORT ?? 3220);
const RUNS = Number(process.env.RUNS ?? 3);
const DIST = '.next-bench';
const PAGES = ['/guide', '/guide/risks-and-outcomes', '/guide/fear-of-movement'];
const base = `http://localhost:${PORT}`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function main() {
  const chromePath = findChromium();
  if (chromePath === null) throw new Error(missingBrowserMessage);
  const env = { ...process.env, NEXT_DIST_DIR: DIST, APP_URL: base, NEXT_TELEMETRY_DISABLED: '1' };
  const next = require.resolve('next/dist/bin/next');
  if (process.env.SKIP_BUILD !== '1') {
    const build = spawnSync(process.execPath, [next, 'build'], { stdio: 'inherit', env });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'clinic-bench-'));
  const server = spawn(process.execPath, [next, 'start', '-p', String(PORT)], {
    stdio: 'ignore',
    detached: true,
    env: {
      ...env,
      NODE_ENV: 'production',
      DATABASE_URL: '',
      DATA_DIR: path.join(dataDir, 'pglite'),
      ALLOW_EMBEDDED_DB: '1',
      AUTH_SECRET: 'bench-only-secret-bench-only-secret-0000',
    },
  });
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: chromePath ?? undefined,
    chromeFlags: ['--headless=new', ...chromiumArgs],
  });
  const results: Record<string, unknown>[] = [];
  try {
    await waitFor(`${base}/api/health`);
    for (const p of PAGES) {
      const runs: { perf: number; a11y: number; bp: number; seo: number; js: number; total: number; lcp: number }[] = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(`${base}${p}`, { port: chrome.port, output: 'json', logLevel: 'error' });
        if (!result) throw new Error(`no Lighthouse result for ${p}`);
        const { categories, audits } = result.lhr;
        const requests = (audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] })?.items ?? [];
        runs.push({
          perf: categories.performance?.score ?? NaN,
          a11y: categories.accessibility?.score ?? NaN,
          bp: categories['best-practices']?.score ?? NaN,
          seo: categories.seo?.score ?? NaN,
          js: requests.filter((r) => r.resourceType === 'Script').reduce((s, r) => s + (r.transferSize ?? 0), 0),
          total: requests.reduce((s, r) => s + (r.transferSize ?? 0), 0),
          lcp: audits['largest-contentful-paint']?.numericValue ?? NaN,
        });
      }
      const row = {
        page: p,
        performance: Math.round(median(runs.map((r) => r.perf)) * 100),
        accessibility: Math.round(median(runs.map((r) => r.a11y)) * 100),
        bestPractices: Math.round(median(runs.map((r) => r.bp)) * 100),
        seo: Math.round(median(runs.map((r) => r.seo)) * 100),
        jsKB: Math.round(median(runs.map((r) => r.js)) / 1024),
        totalKB: Math.round(median(runs.map((r) => r.total)) / 1024),
        lcpMs: Math.round(median(runs.map((r) => r.lcp))),
        runs: RUNS,
      };
      results.push(row);
      console.info(
        `${row.page.padEnd(28)} performance ${row.performance}  accessibility ${row.accessibility}  best-practices ${row.bestPractices}  seo ${row.seo}  JS ${row.jsKB} KB  total ${row.totalKB} KB  LCP ${row.lcpMs} ms`,
      );
    }
  } finally {
    await chrome.kill();
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/pages.json',
    `${JSON.stringify({ at: new Date().toISOString(), mode: 'Lighthouse mobile emulation (default config), median of runs', results }, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
