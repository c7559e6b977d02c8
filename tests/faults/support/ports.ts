// Ports for the fault tests' servers (their PostgreSQL, the app, the fake Resend): the first free one in a
// range, 3500–3549 unless FAULTS_PORTS says otherwise ("4000-4049"), so they never collide with the e2e
// server (3210) or another run's range. Each port handed out is remembered so two servers never get the same.
import { createServer } from 'node:net';

const taken = new Set<number>();

function range(): [number, number] {
  const match = /^(\d+)-(\d+)$/.exec(process.env.FAULTS_PORTS ?? '');
  return match ? [Number(match[1]), Number(match[2])] : [3500, 3549];
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  const [low, high] = range();
  for (let port = low; port <= high; port++) {
    if (taken.has(port)) continue;
    if (await isFree(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${low}-${high} (FAULTS_PORTS)`);
}
