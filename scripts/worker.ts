// `npm run worker`: the email and text workers on their own (run the web servers with EMAIL_WORKER=off).
import { closeDb, getDbHandle, setDbLogger } from '../db/client';
import { startEmailWorker } from '../lib/email/runner';
import { startTextWorker } from '../lib/texts/runner';
import { assertStartupConfig } from '../lib/env';
import { componentLogger } from '../lib/log';

async function main() {
  assertStartupConfig(process.env);
  setDbLogger(componentLogger('db'));
  await getDbHandle();
  const stop = await startEmailWorker();
  const stopTexts = await startTextWorker();
  const shutdown = async () => {
    await Promise.all([stop(), stopTexts()]);
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
