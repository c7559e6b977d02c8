// `npm run worker`: the email worker on its own (run the web servers with EMAIL_WORKER=off).
import { closeDb, getDbHandle } from '../db/client';
import { startEmailWorker } from '../lib/email/runner';
import { assertStartupConfig } from '../lib/env';

async function main() {
  assertStartupConfig(process.env);
  await getDbHandle();
  const stop = await startEmailWorker();
  const shutdown = async () => {
    await stop();
    await closeDb();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
