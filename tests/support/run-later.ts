// `npm run test:later`: the unit and integration layers again, with this process's clock moved ahead
// (400 days unless TEST_CLOCK_OFFSET says otherwise), through Debian's faketime. A test that passes today
// and fails on a later date compares a time it does not control; this run finds it before the date comes.
// The PostgreSQL server's clock is not moved: a row stamped by the database's own clock would stand 400
// days before the test's "now" (and test databases stamp such rows with an impossible time: see db.ts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const offset = process.env.TEST_CLOCK_OFFSET ?? '+400d';
const found = spawnSync('faketime', ['-f', offset, 'date', '-u', '+%Y-%m-%dT%H:%M:%SZ'], { encoding: 'utf8' });
if (found.error || found.status !== 0) {
  console.error('test:later needs faketime: apt-get install faketime (Debian/Ubuntu) or brew install libfaketime (macOS).');
  process.exit(1);
}
console.info(`test:later: the test processes' clock reads ${found.stdout.trim()} (${offset})`);

// Monotonic clocks stay real, or timers and timeouts would stall.
const env = { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
for (const layer of ['unit', 'integration']) {
  const run = spawnSync(
    'faketime',
    ['-f', offset, process.execPath, vitest, 'run', '--project', layer, '--reporter=default', '--reporter=json', `--outputFile.json=test-results/${layer}-later.json`],
    { stdio: 'inherit', env },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
