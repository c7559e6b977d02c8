// `npm run db:seed`: seeds the demo clinic into an empty database (DATABASE_URL or embedded).
// (A script, not part of db/: it uses the product's start-up code, and db/ imports nothing from lib/.)
import { closeDb, getDbHandle } from '../db/client';
import { logDatabaseThroughProductLogger, printDemoLogins, seedIfEmpty } from '../lib/startup';

async function main() {
  logDatabaseThroughProductLogger();
  const handle = await getDbHandle();
  const seeded = await seedIfEmpty();
  console.info(seeded ? `Seeded the demo clinic into ${handle.label}.` : `${handle.label} already has data: nothing seeded.`);
  printDemoLogins();
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
