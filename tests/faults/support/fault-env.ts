// One scenario's world: its own PostgreSQL cluster, a fake Resend in this process, and the app started from
// the fault tests' build. close() takes it all down again (and deletes the cluster), whatever state the
// fault left it in.
import { appendFileSync, mkdirSync } from 'node:fs';
import { startFakeResend, type FakeResend } from '../../support/fake-resend';
import { FAULTS_DEMO_PASSWORD, startApp, type AppServer } from './app-server';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { freePort } from './ports';

export type FaultEnv = { pg: PgCluster; fake: FakeResend; app: AppServer; staffPassword: string; close(): Promise<void> };

export async function startFaultEnv(name: string, appEnv: Record<string, string> = {}): Promise<FaultEnv> {
  const pg = await startPgCluster();
  let fake: FakeResend | undefined;
  let app: AppServer | undefined;
  const close = async () => {
    await app?.stop().catch(() => {});
    await fake?.close().catch(() => {});
    await pg.destroy();
  };
  try {
    fake = await startFakeResend({ port: await freePort() });
    app = await startApp({ databaseUrl: pg.url, resendUrl: fake.url, name, env: appEnv });
    await app.start();
  } catch (error) {
    await close();
    throw error;
  }
  return { pg, fake, app, staffPassword: FAULTS_DEMO_PASSWORD, close };
}

/** A short id that marks this run's patients and notes. */
export const newRunId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** A promise with its resolve outside: "the fault has passed". */
export function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Prints a scenario's one-line summary and keeps it in test-results/faults/summary.txt (for docs/reliability.md). */
export function report(scenario: string, figures: Record<string, number | string>): string {
  const line = `${scenario}: ${Object.entries(figures)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`;
  mkdirSync('test-results/faults', { recursive: true });
  appendFileSync('test-results/faults/summary.txt', `${new Date().toISOString()} ${line}\n`);
  console.info(`[faults] ${line}`);
  return line;
}
