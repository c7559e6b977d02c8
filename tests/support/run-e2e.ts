// `npm run test:e2e`: builds the app for production into its own folder, then runs Playwright on it.
import { spawnSync } from 'node:child_process';
import { findChromium, missingBrowserMessage } from './browser';
import { E2E_DIST_DIR } from './e2e-server-config';

if (findChromium() === null) {
  console.error(missingBrowserMessage);
  process.exit(1);
}

const port = process.env.E2E_PORT ?? '3210';
// Static pages take APP_URL (canonical links, sitemap) at build time: build for the address the tests use.
const env = { ...process.env, NEXT_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1', APP_URL: `http://localhost:${port}` };

if (process.env.E2E_SKIP_BUILD !== '1') {
  const build = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const run = spawnSync(
  process.execPath,
  [require.resolve('@playwright/test/cli'), 'test', ...process.argv.slice(2)],
  { stdio: 'inherit', env },
);
process.exit(run.status ?? 1);
