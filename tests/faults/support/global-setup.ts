// `npm run test:faults`: builds the app for production once (into FAULTS_DIST_DIR, `.next-faults` by default)
// before any fault test starts servers from it. FAULTS_SKIP_BUILD=1 reuses a build already there (CI points
// FAULTS_DIST_DIR at the end-to-end build it has just made: the same code, built once).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const FAULTS_DIST_DIR = process.env.FAULTS_DIST_DIR ?? '.next-faults';

export default function setup(): void {
  process.env.FAULTS_DIST_DIR = FAULTS_DIST_DIR;
  const built = existsSync(path.join(FAULTS_DIST_DIR, 'BUILD_ID'));
  if (process.env.FAULTS_SKIP_BUILD === '1' && built) return;
  const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_DIST_DIR: FAULTS_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed (${result.status})`);
}
